package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"
)

// pruneRows are n outbox messages or alerts created a day before the
// cutoff: sent (or dispatched) at cutoff+at when done, else still owed.
type pruneRows struct {
	n    int
	done bool
	at   time.Duration
	held bool // messages only: the chat is paused
}

func TestPrune(t *testing.T) {
	cutoff := t0.Add(-30 * 24 * time.Hour)
	tests := []struct {
		name     string
		messages []pruneRows
		alerts   []pruneRows
		want     PruneStats
	}{
		{
			name: "empty store",
		},
		{
			name:     "only rows newer than the cutoff",
			messages: []pruneRows{{n: 3, done: true, at: time.Hour}},
			alerts:   []pruneRows{{n: 2, done: true, at: time.Minute}},
		},
		{
			name:     "sent and dispatched before the cutoff go, the rest stays",
			messages: []pruneRows{{n: 4, done: true, at: -time.Hour}, {n: 2, done: true, at: time.Hour}, {n: 3}},
			alerts:   []pruneRows{{n: 2, done: true, at: -24 * time.Hour}, {n: 1, done: true, at: time.Hour}, {n: 2}},
			want:     PruneStats{Messages: 4, Alerts: 2},
		},
		{
			name:     "a row sent exactly at the cutoff stays",
			messages: []pruneRows{{n: 1, done: true, at: 0}, {n: 1, done: true, at: -time.Millisecond}},
			alerts:   []pruneRows{{n: 1, done: true, at: 0}},
			want:     PruneStats{Messages: 1},
		},
		{
			name:     "old unsent messages of a paused chat and old pending alerts stay",
			messages: []pruneRows{{n: 5, held: true}, {n: 5}},
			alerts:   []pruneRows{{n: 5}},
		},
		{
			name:     "more rows than a batch are all pruned",
			messages: []pruneRows{{n: 2*pruneBatch + 7, done: true, at: -time.Hour}, {n: 3}, {n: 2, done: true, at: time.Hour}},
			alerts:   []pruneRows{{n: pruneBatch, done: true, at: -time.Hour}, {n: 1}},
			want:     PruneStats{Messages: 2*pruneBatch + 7, Alerts: pruneBatch},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			db := openTestDB(t)
			// An item with its facts and incident, which Prune must not touch.
			f := addFeeds(t, db, 1)[0]
			rec := report(f, "k", "h", cutoff.Add(-48*time.Hour), baseAttack(nil))
			if _, err := db.SaveReport(ctx, rec); err != nil {
				t.Fatal(err)
			}
			fillPruneRows(t, db, cutoff, tc.messages, tc.alerts)
			kept := pruneCounts(t, db)

			got, err := db.Prune(ctx, cutoff)
			if err != nil {
				t.Fatalf("Prune: %v", err)
			}
			if got != tc.want {
				t.Errorf("Prune = %+v, want %+v", got, tc.want)
			}
			after := pruneCounts(t, db)
			want := kept
			want["outbox"] -= tc.want.Messages
			want["alerts"] -= tc.want.Alerts
			for table, n := range want {
				if after[table] != n {
					t.Errorf("%s: %d rows after Prune, want %d", table, after[table], n)
				}
			}
			var old int64
			if err := db.r.QueryRowContext(ctx, `
				SELECT (SELECT count(*) FROM outbox WHERE sent_at < ?) + (SELECT count(*) FROM alerts WHERE dispatched_at < ?)`,
				cutoff.UnixMilli(), cutoff.UnixMilli()).Scan(&old); err != nil {
				t.Fatal(err)
			}
			if old != 0 {
				t.Errorf("%d sent messages or dispatched alerts older than the cutoff remain", old)
			}
			// Pruning again finds nothing more.
			if again, err := db.Prune(ctx, cutoff); err != nil || again != (PruneStats{}) {
				t.Errorf("second Prune = %+v, %v; want nothing deleted", again, err)
			}
		})
	}
}

func TestPruneStopsWhenContextEnds(t *testing.T) {
	db := openTestDB(t)
	cutoff := t0.Add(-30 * 24 * time.Hour)
	fillPruneRows(t, db, cutoff, []pruneRows{{n: 3, done: true, at: -time.Hour}}, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	got, err := db.Prune(ctx, cutoff)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Prune with a canceled context = %+v, %v; want context.Canceled", got, err)
	}
	if n := pruneCounts(t, db)["outbox"]; n != 3 {
		t.Errorf("outbox has %d rows after a canceled Prune, want 3", n)
	}
}

// fillPruneRows stores the messages (to chat 1, paused if any row is held)
// and the alerts (of one incident) of a TestPrune case.
func fillPruneRows(t *testing.T, db *DB, cutoff time.Time, messages, alerts []pruneRows) {
	t.Helper()
	ctx := t.Context()
	created := cutoff.Add(-24 * time.Hour).UnixMilli()
	at := func(r pruneRows) any {
		if !r.done {
			return nil
		}
		return cutoff.Add(r.at).UnixMilli()
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		var incID int64
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO incidents (day, first_seen, updated_at) VALUES ('2026-10-01', ?, ?) RETURNING id`,
			created, created).Scan(&incID); err != nil {
			return err
		}
		for _, r := range messages {
			for range r.n {
				if _, err := tx.ExecContext(ctx, `
					INSERT INTO outbox (chat_id, kind, text, created_at, sent_at, held) VALUES (1, 'alert', 'x', ?, ?, ?)`,
					created, at(r), b2i(r.held)); err != nil {
					return err
				}
			}
		}
		for _, r := range alerts {
			for range r.n {
				if _, err := tx.ExecContext(ctx, `
					INSERT INTO alerts (kind, incident_id, created_at, dispatched_at) VALUES ('new', ?, ?, ?)`,
					incID, created, at(r)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pruneCounts counts the rows of every table Prune may or may not touch.
func pruneCounts(t *testing.T, db *DB) map[string]int64 {
	t.Helper()
	counts := map[string]int64{}
	for _, table := range []string{"outbox", "alerts", "items", "stories", "incidents", "attacks", "incident_sources", "statements", "tallies", "feeds"} {
		var n int64
		// The table names are our own constants.
		if err := db.r.QueryRowContext(t.Context(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}
