package feeds

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// roundTripFunc answers requests in memory, so the scheduler can run in a
// synctest bubble without real sockets.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestRunSchedule runs the scheduler for six hours of fake time: a healthy
// feed is polled about every interval, a failing one backs off
// exponentially, and one told to wait by Retry-After waits.
func TestRunSchedule(t *testing.T) {
	body := readTestdata(t, "basic.xml")
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		polls := map[string][]time.Time{}
		answer := func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			polls[r.URL.Path] = append(polls[r.URL.Path], time.Now())
			mu.Unlock()
			resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}
			switch r.URL.Path {
			case "/down":
				resp.StatusCode, resp.Body = 500, http.NoBody
			case "/busy":
				resp.StatusCode, resp.Body = 429, http.NoBody
				resp.Header.Set("Retry-After", "3600")
			}
			return resp, nil
		}
		st := newMemStore()
		const interval = 5 * time.Minute
		p := NewPoller(Options{Logger: testLogger(t), DefaultInterval: interval}, st, noFacts)
		p.client.Transport = roundTripFunc(answer)
		addFeeds(t, st, "http://outlet.test/ok", "http://outlet.test/down", "http://other.test/busy")

		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- p.Run(ctx) }()
		time.Sleep(6 * time.Hour)
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}

		gaps := func(path string) []time.Duration {
			var out []time.Duration
			for i := 1; i < len(polls[path]); i++ {
				out = append(out, polls[path][i].Sub(polls[path][i-1]))
			}
			return out
		}
		t.Logf("polls in 6h: healthy %d, failing %d (gaps %v), Retry-After %d (gaps %v)",
			len(polls["/ok"]), len(polls["/down"]), gaps("/down"), len(polls["/busy"]), gaps("/busy"))
		ok := gaps("/ok")
		if len(ok) < 60 || len(ok) > 80 {
			t.Errorf("healthy feed polled %d times in 6h, want about 72", len(ok)+1)
		}
		for _, g := range ok {
			if g < interval*3/4 || g > interval*3/2 {
				t.Errorf("healthy feed gap %v, want about %v", g, interval)
			}
		}
		down := gaps("/down")
		if len(down) < 4 || len(down) > 9 {
			t.Errorf("failing feed polled %d times in 6h: %v", len(down)+1, down)
		}
		for i, g := range down {
			floor := max(interval, (5*time.Minute<<i)/2)
			if g < min(floor, 3*time.Hour) {
				t.Errorf("failing feed gap %d = %v, want at least %v (backoff)", i+1, g, floor)
			}
		}
		for i, g := range gaps("/busy") {
			if g < time.Hour {
				t.Errorf("Retry-After feed gap %d = %v, want at least 1h", i+1, g)
			}
		}
		if n := len(polls["/busy"]); n < 3 || n > 7 {
			t.Errorf("Retry-After feed polled %d times in 6h, want about 6", n)
		}
	})
}
