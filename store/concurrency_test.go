package store

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// TestConcurrentWriters saves reports, enqueues, sends and reads from many
// goroutines at once, some through a second handle on the same file (as
// `claimwatch feeds add` beside a running bot), and checks that nothing
// fails with SQLITE_BUSY and that the never-repeat invariants hold.
func TestConcurrentWriters(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "busy.db")
	open := func() *DB {
		db, err := Open(ctx, path, WithNow(func() time.Time { return t0 }))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	db, other := open(), open()
	const (
		outlets  = 4
		attacks  = 10 // each told by every outlet
		messages = 50
	)
	feeds := addFeeds(t, db, outlets)
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)

	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for i, f := range feeds {
		h := db
		if i%2 == 1 {
			h = other
		}
		wg.Go(func() {
			for n := range attacks {
				a := baseAttack(claimwatch.Count(i))
				a.Target = fmt.Sprintf("Outpost %d", n)
				rec := report(f, fmt.Sprintf("item-%d", n), "h", pub.Add(time.Duration(i)*time.Minute), a)
				rec.Facts.Statements = []claimwatch.Statement{{Speaker: "Spokesman", Quote: rec.Item.Key}}
				for range 2 { // the second save of the same item must change nothing
					if _, err := h.SaveReport(ctx, rec); err != nil {
						errs <- err
						return
					}
				}
				if _, _, err := h.ItemHash(ctx, f.ID, rec.Item.Key); err != nil {
					errs <- err
				}
			}
		})
	}
	for c := range 4 {
		h := []*DB{db, other}[c%2]
		chat := int64(1000 + c)
		wg.Go(func() {
			for n := range messages {
				m := msg(chat, fmt.Sprint(n))
				if n%5 == 0 {
					if err := h.CommitUpdate(ctx, int64(c*messages+n), []claimwatch.OutMessage{m}); err != nil {
						errs <- err
						return
					}
				} else if err := h.Enqueue(ctx, []claimwatch.OutMessage{m}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	sent := make(chan []string, 1)
	wg.Go(func() { // a sender draining the outbox while it fills
		got := map[int64][]string{}
		for tries := 0; tries < 10000; tries++ {
			next, err := db.NextMessages(ctx, t0, 100)
			if err != nil {
				errs <- err
				break
			}
			for _, m := range next {
				if err := db.MarkSent(ctx, m.ID, t0); err != nil {
					errs <- err
				}
				got[m.ChatID] = append(got[m.ChatID], m.Text)
			}
			total := 0
			for _, v := range got {
				total += len(v)
			}
			if total == 4*messages {
				break
			}
		}
		var bad []string
		for chat, texts := range got {
			for i, s := range texts {
				if s != fmt.Sprint(i) {
					bad = append(bad, fmt.Sprintf("chat %d got %v", chat, texts))
					break
				}
			}
		}
		sent <- bad
	})
	wg.Go(func() {
		for range 50 {
			if _, err := other.Incidents(ctx, claimwatch.IncidentQuery{Limit: 5}); err != nil {
				errs <- err
			}
			if _, err := db.Stats(ctx); err != nil {
				errs <- err
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if bad := <-sent; len(bad) > 0 {
		t.Errorf("messages out of order: %v", bad)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != outlets*attacks || st.Incidents != attacks || st.Statements != outlets*attacks || st.OutboxPending != 0 {
		t.Errorf("stats = %+v, want %d items, %d incidents, %d statements, nothing pending", st, outlets*attacks, attacks, outlets*attacks)
	}
	alerts, err := db.PendingAlerts(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	news := map[int64]int{}
	for _, a := range alerts {
		if a.Kind == claimwatch.AlertNew {
			news[a.Incident.ID]++
		}
	}
	for _, a := range alerts {
		if news[a.Incident.ID] != 1 || len(a.Incident.Sources) != outlets {
			t.Errorf("incident %d: %d new alerts and %d sources, want 1 and %d", a.Incident.ID, news[a.Incident.ID], len(a.Incident.Sources), outlets)
		}
	}
	if len(news) != attacks {
		t.Errorf("%d incidents alerted as new, want %d", len(news), attacks)
	}
}
