package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/claimwatch/claimwatch"
)

const chatCols = `id, type, title, subscribed, paused, paused_reason, lang, time_zone, alerts,
	digest_hour, quiet_from, quiet_to, claimants, countries, weapons, keywords, last_digest, created_at`

func scanChat(sc interface{ Scan(...any) error }) (claimwatch.Chat, error) {
	var c claimwatch.Chat
	var sub, paused int
	s := &c.Settings
	err := sc.Scan(&c.ID, &c.Type, &c.Title, &sub, &paused, &c.PausedReason, &s.Lang, &s.TimeZone, (*string)(&s.Alerts),
		&s.DigestHour, &s.QuietFrom, &s.QuietTo, jsonCol[string]{&s.Claimants}, jsonCol[string]{&s.Countries},
		jsonCol[claimwatch.Weapon]{&s.Weapons}, jsonCol[string]{&s.Keywords}, &c.LastDigest, timeCol{&c.CreatedAt})
	c.Subscribed, c.Paused = sub != 0, paused != 0
	return c, err
}

func chatArgs(c claimwatch.Chat) []any {
	s := c.Settings
	return []any{c.ID, c.Type, c.Title, b2i(c.Subscribed), b2i(c.Paused), c.PausedReason, s.Lang, s.TimeZone, string(s.Alerts),
		s.DigestHour, s.QuietFrom, s.QuietTo, jsonList(s.Claimants), jsonList(s.Countries),
		jsonList(s.Weapons), jsonList(s.Keywords), c.LastDigest, ms(c.CreatedAt)}
}

// Chat returns the chat with that ID, or an error wrapping
// claimwatch.ErrNotFound.
func (db *DB) Chat(ctx context.Context, id int64) (claimwatch.Chat, error) {
	c, err := getChat(ctx, db.r, id)
	if err != nil {
		return claimwatch.Chat{}, fmt.Errorf("store: chat %d: %w", id, err)
	}
	return c, nil
}

func getChat(ctx context.Context, q querier, id int64) (claimwatch.Chat, error) {
	c, err := scanChat(q.QueryRowContext(ctx, `SELECT `+chatCols+` FROM chats WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, claimwatch.ErrNotFound
	}
	return c, err
}

// SaveChat inserts or updates a chat. A zero CreatedAt becomes now on
// insert; an update keeps the stored one. Pausing or unpausing a chat here
// holds or releases its unsent messages.
func (db *DB) SaveChat(ctx context.Context, c claimwatch.Chat) error {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = db.now()
	}
	err := db.write(ctx, func(tx *sql.Tx) error { return saveChat(ctx, tx, c) })
	if err != nil {
		return fmt.Errorf("store: save chat %d: %w", c.ID, err)
	}
	return nil
}

func saveChat(ctx context.Context, tx *sql.Tx, c claimwatch.Chat) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO chats (`+chatCols+`)
		VALUES (`+placeholders(18)+`)
		ON CONFLICT (id) DO UPDATE SET
			type = excluded.type, title = excluded.title, subscribed = excluded.subscribed,
			paused = excluded.paused, paused_reason = excluded.paused_reason,
			lang = excluded.lang, time_zone = excluded.time_zone, alerts = excluded.alerts,
			digest_hour = excluded.digest_hour, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
			claimants = excluded.claimants, countries = excluded.countries,
			weapons = excluded.weapons, keywords = excluded.keywords,
			last_digest = excluded.last_digest,
			created_at = COALESCE(chats.created_at, excluded.created_at)`,
		chatArgs(c)...)
	if err != nil {
		return err
	}
	return holdMessages(ctx, tx, c.ID)
}

// holdMessages marks a chat's unsent messages held or not, as the chat is
// paused or not.
func holdMessages(ctx context.Context, tx *sql.Tx, chatID int64) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE outbox SET held = COALESCE((SELECT paused FROM chats WHERE id = ?), 0)
		WHERE chat_id = ? AND sent_at IS NULL`, chatID, chatID)
	if err != nil {
		return fmt.Errorf("hold messages of chat %d: %w", chatID, err)
	}
	return nil
}

// SubscribedChats returns the chats subscribed and not paused, by ID.
func (db *DB) SubscribedChats(ctx context.Context) ([]claimwatch.Chat, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+chatCols+` FROM chats WHERE subscribed = 1 AND paused = 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: subscribed chats: %w", err)
	}
	defer rows.Close()
	var out []claimwatch.Chat
	for rows.Next() {
		c, err := scanChat(rows)
		if err != nil {
			return nil, fmt.Errorf("store: subscribed chats: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: subscribed chats: %w", err)
	}
	return out, nil
}

// PauseChat marks a chat paused with the reason; its unsent messages stay
// in the outbox, held. A chat the store has no row for (one only owed
// messages, such as an admin's) gets a row, so its messages are held too.
func (db *DB) PauseChat(ctx context.Context, id int64, reason string) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO chats (id, paused, paused_reason, created_at) VALUES (?, 1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET paused = 1, paused_reason = excluded.paused_reason`,
			id, reason, db.now().UnixMilli())
		if err != nil {
			return err
		}
		return holdMessages(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("store: pause chat %d: %w", id, err)
	}
	return nil
}

// MigrateChat moves a chat and its unsent messages to a new ID. When the
// new ID has no chat yet, the row moves as it is. When it has one (the bot
// heard from the new chat before it learnt of the move), the new row keeps
// its type, title and pause, takes the old row's settings (what the chat
// chose, not the defaults it got), is subscribed if either was, and keeps
// the later digest date and the earlier creation time. The old row goes.
func (db *DB) MigrateChat(ctx context.Context, from, to int64) error {
	if from == to {
		return nil
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		old, err := getChat(ctx, tx, from)
		switch {
		case errors.Is(err, claimwatch.ErrNotFound):
			// Nothing to move but the messages.
		case err != nil:
			return fmt.Errorf("read chat %d: %w", from, err)
		default:
			cur, err := getChat(ctx, tx, to)
			switch {
			case errors.Is(err, claimwatch.ErrNotFound):
				if _, err := tx.ExecContext(ctx, `UPDATE chats SET id = ? WHERE id = ?`, to, from); err != nil {
					return fmt.Errorf("move chat: %w", err)
				}
			case err != nil:
				return fmt.Errorf("read chat %d: %w", to, err)
			default:
				cur.Settings = old.Settings
				cur.Subscribed = cur.Subscribed || old.Subscribed
				cur.LastDigest = max(cur.LastDigest, old.LastDigest)
				if !old.CreatedAt.IsZero() && (cur.CreatedAt.IsZero() || old.CreatedAt.Before(cur.CreatedAt)) {
					cur.CreatedAt = old.CreatedAt
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM chats WHERE id = ?`, from); err != nil {
					return fmt.Errorf("delete chat: %w", err)
				}
				if _, err := tx.ExecContext(ctx, `UPDATE chats SET created_at = ? WHERE id = ?`, ms(cur.CreatedAt), to); err != nil {
					return fmt.Errorf("merge chat: %w", err)
				}
				if err := saveChat(ctx, tx, cur); err != nil {
					return fmt.Errorf("merge chat: %w", err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND sent_at IS NULL`, to, from); err != nil {
			return fmt.Errorf("move messages: %w", err)
		}
		return holdMessages(ctx, tx, to)
	})
	if err != nil {
		return fmt.Errorf("store: migrate chat %d to %d: %w", from, to, err)
	}
	return nil
}
