package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PruneStats says what Prune deleted.
type PruneStats struct {
	Messages int64 // outbox messages sent before the cutoff
	Alerts   int64 // alerts dispatched before the cutoff
}

// pruneBatch is how many rows one transaction of Prune deletes: few enough
// that the write lock is held for milliseconds, so the poller and the
// sender, whose writes queue behind it, barely wait.
const pruneBatch = 500

// The deletions of Prune, oldest first through the partial indexes of
// migration 0004. The limit is in a subquery, as DELETE ... LIMIT is not
// standard SQL.
const (
	pruneMessagesSQL = `
		DELETE FROM outbox WHERE id IN (
			SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?
			ORDER BY sent_at LIMIT ?)`
	pruneAlertsSQL = `
		DELETE FROM alerts WHERE id IN (
			SELECT id FROM alerts WHERE dispatched_at IS NOT NULL AND dispatched_at < ?
			ORDER BY dispatched_at LIMIT ?)`
)

// Prune deletes the outbox messages sent before before and the alerts
// dispatched before it, so the file does not grow forever. It never
// deletes an unsent message (a paused chat's included) or a pending alert,
// nor any item, fact or incident. It deletes pruneBatch rows per
// transaction, so it never holds the write lock long; if ctx ends or a
// batch fails, the batches already committed stay deleted and the stats
// count them.
func (db *DB) Prune(ctx context.Context, before time.Time) (PruneStats, error) {
	var st PruneStats
	cutoff := before.UnixMilli()
	for _, p := range []struct {
		what  string
		query string
		n     *int64
	}{
		{"sent messages", pruneMessagesSQL, &st.Messages},
		{"dispatched alerts", pruneAlertsSQL, &st.Alerts},
	} {
		for {
			var n int64
			err := db.write(ctx, func(tx *sql.Tx) error {
				res, err := tx.ExecContext(ctx, p.query, cutoff, pruneBatch)
				if err != nil {
					return err
				}
				n, err = res.RowsAffected()
				return err
			})
			if err != nil {
				return st, fmt.Errorf("store: prune %s before %s: %w", p.what, before.UTC().Format(time.RFC3339), err)
			}
			*p.n += n
			if n < pruneBatch {
				break
			}
		}
	}
	return st, nil
}
