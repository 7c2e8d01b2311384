package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/claimwatch/claimwatch"
)

const messageCols = `id, chat_id, kind, text, created_at, not_before, attempts, last_error`

func scanMessage(sc interface{ Scan(...any) error }) (claimwatch.OutMessage, error) {
	var m claimwatch.OutMessage
	err := sc.Scan(&m.ID, &m.ChatID, &m.Kind, &m.Text, timeCol{&m.CreatedAt}, timeCol{&m.NotBefore}, &m.Attempts, &m.LastError)
	return m, err
}

// Enqueue appends messages in one transaction; their IDs order them. A zero
// CreatedAt becomes now. Messages to a paused chat are stored held.
func (db *DB) Enqueue(ctx context.Context, msgs []claimwatch.OutMessage) error {
	err := db.write(ctx, func(tx *sql.Tx) error { return enqueue(ctx, tx, db.now(), msgs) })
	if err != nil {
		return fmt.Errorf("store: enqueue %d messages: %w", len(msgs), err)
	}
	return nil
}

func enqueue(ctx context.Context, tx *sql.Tx, now time.Time, msgs []claimwatch.OutMessage) error {
	for i, m := range msgs {
		if m.Text == "" {
			return fmt.Errorf("message %d to chat %d has no text", i+1, m.ChatID)
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = now
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO outbox (chat_id, kind, text, created_at, not_before, attempts, last_error, held)
			VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT paused FROM chats WHERE id = ?), 0))`,
			m.ChatID, m.Kind, m.Text, m.CreatedAt.UnixMilli(), ms(m.NotBefore), m.Attempts, m.LastError, m.ChatID)
		if err != nil {
			return fmt.Errorf("message %d to chat %d: %w", i+1, m.ChatID, err)
		}
	}
	return nil
}

// NextMessages returns up to limit messages that may be sent now: for each
// chat not paused, its oldest unsent message, if its NotBefore is not after
// now. Oldest first.
//
// The walk goes through outbox_ready (unsent rows of chats not paused) in
// ID order and keeps the rows that head their chat's queue
// (outbox_chat_unsent); a broadcast's heads come first, so the walk stops
// after about limit rows.
func (db *DB) NextMessages(ctx context.Context, now time.Time, limit int) ([]claimwatch.OutMessage, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT `+messageCols+` FROM outbox o
		WHERE o.sent_at IS NULL AND o.held = 0
		  AND o.id = (SELECT min(h.id) FROM outbox h WHERE h.chat_id = o.chat_id AND h.sent_at IS NULL)
		  AND (o.not_before IS NULL OR o.not_before <= ?)
		ORDER BY o.id
		LIMIT ?`, now.UnixMilli(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: next messages: %w", err)
	}
	defer rows.Close()
	var out []claimwatch.OutMessage
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: next messages: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: next messages: %w", err)
	}
	return out, nil
}

// MarkSent records that a message was sent. Marking a sent message again
// changes nothing.
func (db *DB) MarkSent(ctx context.Context, id int64, at time.Time) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		return changeMessage(ctx, tx, id, `UPDATE outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL`, at.UnixMilli(), id)
	})
	if err != nil {
		return fmt.Errorf("store: mark message %d sent: %w", id, err)
	}
	return nil
}

// Retry records a failed attempt and sets when to try again. A message
// already sent is left alone.
func (db *DB) Retry(ctx context.Context, id int64, notBefore time.Time, lastError string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		return changeMessage(ctx, tx, id, `
			UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?
			WHERE id = ? AND sent_at IS NULL`, ms(notBefore), lastError, id)
	})
	if err != nil {
		return fmt.Errorf("store: retry message %d: %w", id, err)
	}
	return nil
}

// changeMessage runs an UPDATE of an unsent message; when it touches no row
// it tells a message already sent (nil) from one that does not exist.
func changeMessage(ctx context.Context, tx *sql.Tx, id int64, query string, args ...any) error {
	err := affected(tx.ExecContext(ctx, query, args...))
	if !errors.Is(err, claimwatch.ErrNotFound) {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return claimwatch.ErrNotFound
	}
	return nil
}

// PendingAlerts returns up to limit alerts not yet dispatched, oldest
// first, each with its incident as it is now.
func (db *DB) PendingAlerts(ctx context.Context, limit int) ([]claimwatch.Alert, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: pending alerts: %w", err)
	}
	defer tx.Rollback() // read only: nothing to commit
	rows, err := tx.QueryContext(ctx, `
		SELECT id, kind, incident_id, created_at FROM alerts
		WHERE dispatched_at IS NULL
		ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending alerts: %w", err)
	}
	var out []claimwatch.Alert
	var ids []any
	for rows.Next() {
		var a claimwatch.Alert
		if err := rows.Scan(&a.ID, (*string)(&a.Kind), &a.Incident.ID, timeCol{&a.CreatedAt}); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: pending alerts: %w", err)
		}
		out = append(out, a)
		ids = append(ids, a.Incident.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pending alerts: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	ins, err := findIncidents(ctx, tx, `SELECT `+incidentCols+` FROM incidents WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err == nil {
		err = fillSources(ctx, tx, ins)
	}
	if err != nil {
		return nil, fmt.Errorf("store: pending alerts: %w", err)
	}
	byID := make(map[int64]claimwatch.Incident, len(ins))
	for _, in := range ins {
		byID[in.ID] = in
	}
	for i := range out {
		out[i].Incident = byID[out[i].Incident.ID]
	}
	return out, nil
}

// DispatchAlert marks an alert dispatched and enqueues its messages, in one
// transaction. An alert already dispatched is refused, so its messages are
// never enqueued twice.
func (db *DB) DispatchAlert(ctx context.Context, alertID int64, msgs []claimwatch.OutMessage) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		err := affected(tx.ExecContext(ctx, `UPDATE alerts SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL`, now.UnixMilli(), alertID))
		if errors.Is(err, claimwatch.ErrNotFound) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM alerts WHERE id = ?`, alertID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return errors.New("already dispatched")
			}
		}
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, msgs)
	})
	if err != nil {
		return fmt.Errorf("store: dispatch alert %d: %w", alertID, err)
	}
	return nil
}

// SaveDigest enqueues a chat's digest and records its local date, in one
// transaction.
func (db *DB) SaveDigest(ctx context.Context, chatID int64, date string, msgs []claimwatch.OutMessage) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := affected(tx.ExecContext(ctx, `UPDATE chats SET last_digest = ? WHERE id = ?`, date, chatID)); err != nil {
			return err
		}
		return enqueue(ctx, tx, db.now(), msgs)
	})
	if err != nil {
		return fmt.Errorf("store: save digest %s of chat %d: %w", date, chatID, err)
	}
	return nil
}

// offsetKey is the meta key of the getUpdates offset.
const offsetKey = "telegram_update_offset"

// CommitUpdate enqueues the replies to a Telegram update and stores the
// next getUpdates offset, in one transaction.
func (db *DB) CommitUpdate(ctx context.Context, offset int64, replies []claimwatch.OutMessage) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := enqueue(ctx, tx, db.now(), replies); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			offsetKey, strconv.FormatInt(offset, 10))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: commit update offset %d: %w", offset, err)
	}
	return nil
}

// UpdateOffset returns the stored getUpdates offset, 0 if none.
func (db *DB) UpdateOffset(ctx context.Context) (int64, error) {
	var v string
	err := db.r.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, offsetKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: update offset: %w", err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("store: update offset %q: %w", v, err)
	}
	return n, nil
}
