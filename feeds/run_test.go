package feeds

import (
	"context"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// TestRun runs the scheduler on short intervals: feeds are polled at start
// and then again on their schedule, a feed added while it runs is picked
// up, a removed one is dropped, and Run returns with no job left.
func TestRun(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	body := readTestdata(t, "basic.xml")
	ua := srv.set("/a", route{body: body})
	ub := srv.set("/b", route{body: body})
	st := newMemStore()
	a := addFeeds(t, st, ua)[0]
	// A feed told by Retry-After to wait an hour waits, even at start.
	uc := srv.set("/c", route{body: body})
	if _, err := st.AddFeed(t.Context(), claimwatch.Feed{Name: "c", URL: uc, Health: claimwatch.FeedHealth{
		ConsecutiveFailures: 1, LastError: "HTTP 429, retry after 3600s", NextPoll: time.Now().Add(time.Hour),
	}}); err != nil {
		t.Fatal(err)
	}
	opts := Options{Logger: testLogger(t), DefaultInterval: 150 * time.Millisecond, MinInterval: 10 * time.Millisecond}
	p := newTestPoller(t, opts, st, noFacts)
	p.syncEvery = 50 * time.Millisecond
	p.newFeedDelay = 20 * time.Millisecond

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting until %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("feed a is polled three times", func() bool { return srv.hitCount("/a") >= 3 })
	if got := st.feed(a.ID).Health.ItemsSeen; got != 3 {
		t.Errorf("feed a saw %d items, want 3", got)
	}
	b, err := st.AddFeed(t.Context(), claimwatch.Feed{Name: "b", URL: ub})
	if err != nil {
		t.Fatal(err)
	}
	waitFor("feed b is polled twice", func() bool { return srv.hitCount("/b") >= 2 })
	if err := st.RemoveFeed(t.Context(), a.ID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // a sync, and a poll of a that may have begun
	before := srv.hitCount("/a")
	time.Sleep(400 * time.Millisecond)
	if after := srv.hitCount("/a"); after != before {
		t.Errorf("removed feed polled %d more times", after-before)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if n := srv.hitCount("/c"); n != 0 {
		t.Errorf("feed waiting for Retry-After polled %d times", n)
	}
	if h := st.feed(b.ID).Health; h.LastStatus != 200 || h.ItemsSeen != 3 {
		t.Errorf("feed b health = %+v", h)
	}
}
