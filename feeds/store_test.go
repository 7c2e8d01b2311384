package feeds

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/store"
)

// openStore opens a real SQLite store in a temp dir, closed with t.
func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return db
}

// markedAttack is a summarizer that finds one attack in reports whose
// title says "rockets", and nothing elsewhere.
func markedAttack(r claimwatch.Report) claimwatch.Facts {
	if !strings.Contains(r.Title, "rockets") {
		return claimwatch.Facts{Language: "en"}
	}
	return claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{{
		Responsibility: claimwatch.Unclaimed, Weapons: []claimwatch.Weapon{claimwatch.Rocket},
		Target: "base of " + r.Source, TargetText: "base", Country: "Iraq", Evidence: r.Title,
	}}}
}

func TestPollWithStore(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	st := openStore(t)
	p := newTestPoller(t, testOptions(t), st, markedAttack)
	f := addFeeds(t, st, srv.set("/rss", route{body: readTestdata(t, "basic.xml"), etag: `"e1"`}))[0]
	if res := pollOne(t, p, f); !res.OK || res.Items != 3 || res.New != 3 {
		t.Fatalf("first poll %+v", res)
	}
	f, err := st.FeedByURL(t.Context(), f.URL)
	if err != nil {
		t.Fatal(err)
	}
	if f.ETag != `"e1"` || f.Health.ItemsSeen != 3 || f.Health.LastStatus != 200 {
		t.Errorf("stored feed %+v", f)
	}
	if res := pollOne(t, p, f); !res.OK || res.Status != 304 || res.Items != 0 || res.New != 0 {
		t.Errorf("second poll %+v, want 304", res)
	}
	f.ETag = ""
	if res := pollOne(t, p, f); !res.OK || res.Items != 3 || res.New != 0 {
		t.Errorf("third poll %+v, want 3 items, none new", res)
	}
	for _, key := range []string{"outlet-test-0001", "outlet-test-0002", "outlet-test-0003"} {
		if _, found, err := st.ItemHash(t.Context(), f.ID, key); err != nil || !found {
			t.Errorf("item %s: found %v, %v", key, found, err)
		}
	}
}

// TestRestartMidCycle cancels a cycle half-way through, as a shutdown
// does, then starts a new poller on the same store: every item ends up
// stored exactly once, none lost, none repeated.
func TestRestartMidCycle(t *testing.T) {
	checkLeaks(t)
	const nFeeds, nItems = 12, 20
	srv := newFeedServer(t)
	st := openStore(t)
	var urls []string
	for i := range nFeeds {
		urls = append(urls, srv.set(fmt.Sprintf("/feed/%d", i), route{body: benchFeed(i, nItems), etag: fmt.Sprintf(`"f%d"`, i)}))
	}
	list := addFeeds(t, st, urls...)

	ctx, cancel := context.WithCancel(t.Context())
	var summarized atomic.Int64
	stopAfter := int64(nFeeds * nItems / 2)
	sum := func(r claimwatch.Report) claimwatch.Facts {
		if summarized.Add(1) == stopAfter {
			cancel() // the shutdown signal arrives mid-cycle
		}
		return markedAttack(r)
	}
	opts := testOptions(t)
	opts.Workers = 3
	first := newTestPoller(t, opts, st, sum)
	newFirst := 0
	canceled := 0
	for _, r := range first.PollOnce(ctx, list) {
		newFirst += r.New
		if r.Error == "canceled" {
			canceled++
		}
	}
	cancel()
	if canceled == 0 || newFirst >= nFeeds*nItems {
		t.Fatalf("the cycle was not cut: %d new, %d feeds canceled", newFirst, canceled)
	}

	// Restart: a new poller reads the feeds as the store kept them.
	second := newTestPoller(t, opts, st, markedAttack)
	stored, err := st.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	newSecond := 0
	for _, r := range second.PollOnce(t.Context(), stored) {
		if !r.OK {
			t.Errorf("after restart: %+v", r)
		}
		newSecond += r.New
	}
	if newFirst+newSecond != nFeeds*nItems {
		t.Errorf("stored %d + %d items, want %d exactly once", newFirst, newSecond, nFeeds*nItems)
	}
	// A third cycle finds nothing new, whether the feed answers 304 or 200.
	stored, err = st.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for i := range stored {
		if i%2 == 0 {
			stored[i].ETag = ""
		}
	}
	for _, r := range second.PollOnce(t.Context(), stored) {
		if !r.OK || r.New != 0 {
			t.Errorf("third cycle: %+v", r)
		}
	}
	for n, f := range list {
		for i := range nItems {
			key := fmt.Sprintf("o%d-r%d", n, i)
			if _, found, err := st.ItemHash(t.Context(), f.ID, key); err != nil || !found {
				t.Errorf("feed %d item %s: found %v, %v", f.ID, key, found, err)
			}
		}
	}
}
