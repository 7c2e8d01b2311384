package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch"
)

const feedCols = `id, name, url, interval_ms, full_text, charset, etag, last_modified,
	last_poll, last_success, last_status, last_error, consecutive_failures,
	items_seen, next_poll, failing_since, down_notified`

func scanFeed(sc interface{ Scan(...any) error }) (claimwatch.Feed, error) {
	var f claimwatch.Feed
	var interval int64
	var fullText, down int
	h := &f.Health
	err := sc.Scan(&f.ID, &f.Name, &f.URL, &interval, &fullText, &f.Charset, &f.ETag, &f.LastModified,
		timeCol{&h.LastPoll}, timeCol{&h.LastSuccess}, &h.LastStatus, &h.LastError, &h.ConsecutiveFailures,
		&h.ItemsSeen, timeCol{&h.NextPoll}, timeCol{&h.FailingSince}, &down)
	f.Interval = time.Duration(interval) * time.Millisecond
	f.FullText = fullText != 0
	h.DownNotified = down != 0
	return f, err
}

// AddFeed inserts a feed, or revives the one with the same URL (removed or
// not) with the new name and options; its health and validators stay.
func (db *DB) AddFeed(ctx context.Context, f claimwatch.Feed) (claimwatch.Feed, error) {
	if f.URL == "" {
		return claimwatch.Feed{}, fmt.Errorf("store: add feed %q: no URL", f.Name)
	}
	var out claimwatch.Feed
	err := db.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `
			INSERT INTO feeds (name, url, interval_ms, full_text, charset)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET
				name = excluded.name, interval_ms = excluded.interval_ms,
				full_text = excluded.full_text, charset = excluded.charset, removed = 0
			RETURNING id`,
			f.Name, f.URL, f.Interval.Milliseconds(), b2i(f.FullText), f.Charset).Scan(&id)
		if err != nil {
			return err
		}
		out, err = scanFeed(tx.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE id = ?`, id))
		return err
	})
	if err != nil {
		return claimwatch.Feed{}, fmt.Errorf("store: add feed %s: %w", f.URL, err)
	}
	return out, nil
}

// Feeds returns every feed not removed, ordered by ID.
func (db *DB) Feeds(ctx context.Context) ([]claimwatch.Feed, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE removed = 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []claimwatch.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: feeds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	return out, nil
}

// FeedByURL returns the feed with that URL, removed or not, or an error
// wrapping claimwatch.ErrNotFound.
func (db *DB) FeedByURL(ctx context.Context, url string) (claimwatch.Feed, error) {
	f, err := scanFeed(db.r.QueryRowContext(ctx, `SELECT `+feedCols+` FROM feeds WHERE url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		err = notFound("feed", url)
	}
	if err != nil {
		return claimwatch.Feed{}, fmt.Errorf("store: feed %s: %w", url, err)
	}
	return f, nil
}

// RemoveFeed marks a feed removed; its items and facts stay.
func (db *DB) RemoveFeed(ctx context.Context, id int64) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		return affected(tx.ExecContext(ctx, `UPDATE feeds SET removed = 1 WHERE id = ?`, id))
	})
	if err != nil {
		return fmt.Errorf("store: remove feed %d: %w", id, err)
	}
	return nil
}

// SaveFeedState writes a feed's URL, validators and health after a poll.
// Health.ItemsSeen is the store's to keep (SaveReport counts the items it
// stores), so the value passed is ignored.
func (db *DB) SaveFeedState(ctx context.Context, f claimwatch.Feed) error {
	h := f.Health
	err := db.write(ctx, func(tx *sql.Tx) error {
		return affected(tx.ExecContext(ctx, `
			UPDATE feeds SET url = ?, etag = ?, last_modified = ?,
				last_poll = ?, last_success = ?, last_status = ?, last_error = ?,
				consecutive_failures = ?, next_poll = ?, failing_since = ?, down_notified = ?
			WHERE id = ?`,
			f.URL, f.ETag, f.LastModified,
			ms(h.LastPoll), ms(h.LastSuccess), h.LastStatus, h.LastError,
			h.ConsecutiveFailures, ms(h.NextPoll), ms(h.FailingSince), b2i(h.DownNotified),
			f.ID))
	})
	if err != nil {
		return fmt.Errorf("store: save feed state %d (%s): %w", f.ID, f.URL, err)
	}
	return nil
}

// affected turns an UPDATE that touched no row into ErrNotFound.
func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return claimwatch.ErrNotFound
	}
	return nil
}
