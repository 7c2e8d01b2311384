package feeds

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"go.uber.org/goleak"
)

// checkLeaks fails t if goroutines started during it outlive it. Call it
// first, so its cleanup runs after the servers' and pollers'.
func checkLeaks(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

// newTestPoller returns a poller whose idle connections close with t.
func newTestPoller(t testing.TB, opts Options, st Store, sum Summarizer) *Poller {
	p := NewPoller(opts, st, sum)
	t.Cleanup(p.client.CloseIdleConnections)
	return p
}

// TestPollBadInput polls every kind of broken outlet in one cycle next to a
// good one: each gets a recorded error, the good one its items.
func TestPollBadInput(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	endless := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`))
		chunk := bytes.Repeat([]byte("<item><title>again</title></item>"), 1000)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	slow := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		body := readTestdata(t, "basic.xml")
		for i := range body {
			w.Write(body[i : i+1])
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	}
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			http.Error(w, http.StatusText(code), code)
		}
	}
	dead := newFeedServer(t)
	dead.Close()

	tests := []struct {
		name      string
		url       string
		wantErr   string
		wantCode  int
		nextAfter time.Duration // NextPoll at least this far from now
	}{
		{name: "good feed", url: srv.set("/good", route{body: readTestdata(t, "basic.xml")}), wantCode: 200},
		{name: "malformed XML", url: srv.set("/malformed", route{body: readTestdata(t, "malformed.xml")}), wantErr: "malformed feed: ", wantCode: 200},
		{name: "HTML page instead of a feed", url: srv.set("/html", route{body: readTestdata(t, "not_a_feed.html"), contentType: "text/html; charset=utf-8"}), wantErr: "not a feed (text/html)", wantCode: 200},
		{name: "empty body", url: srv.set("/empty-body", route{body: nil}), wantErr: "not a feed (empty body)", wantCode: 200},
		{name: "endless body", url: srv.set("/endless", route{handler: endless}), wantErr: "body too large (over 1 MiB)", wantCode: 200},
		{name: "one byte a second", url: srv.set("/slow", route{handler: slow}), wantErr: "read body: timeout after 500ms", wantCode: 200},
		{name: "redirect loop", url: srv.set("/loop", route{handler: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop", http.StatusFound)
		}}), wantErr: "too many redirects (more than 5)"},
		{name: "not found", url: srv.URL + "/missing", wantErr: "HTTP 404", wantCode: 404},
		{name: "503 with Retry-After seconds", url: srv.set("/busy", route{handler: status(503, "36000")}), wantErr: "HTTP 503, retry after 10h0m0s", wantCode: 503, nextAfter: 10 * time.Hour},
		{name: "429 with Retry-After date", url: srv.set("/limited", route{handler: status(429, testNow.Add(2*time.Hour).Format(http.TimeFormat))}), wantErr: "HTTP 429, retry after 2h0m0s", wantCode: 429, nextAfter: 2 * time.Hour},
		{name: "connection refused", url: dead.URL + "/rss", wantErr: "connection refused"},
		{name: "not http", url: "ftp://example.test/rss", wantErr: `scheme must be http or https`},
	}
	st := newMemStore()
	opts := testOptions(t)
	opts.Timeout = 500 * time.Millisecond
	opts.MaxBody = 1 << 20
	p := newTestPoller(t, opts, st, noFacts)
	var list []claimwatch.Feed
	for _, tc := range tests {
		list = append(list, addFeeds(t, st, tc.url)...)
	}
	results := p.PollOnce(t.Context(), list)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, f := results[i], st.feed(list[i].ID)
			if res.Feed != tc.url || res.Status != tc.wantCode {
				t.Errorf("result = %+v, want feed %s status %d", res, tc.url, tc.wantCode)
			}
			if tc.wantErr == "" {
				if !res.OK || res.Items != 3 || res.New != 3 || f.Health.LastError != "" {
					t.Errorf("result = %+v, health %+v; want ok with 3 new items", res, f.Health)
				}
				return
			}
			if res.OK || !strings.Contains(res.Error, tc.wantErr) {
				t.Errorf("error = %q (ok %v), want it to contain %q", res.Error, res.OK, tc.wantErr)
			}
			h := f.Health
			if h.LastError != res.Error || h.ConsecutiveFailures != 1 || !h.FailingSince.Equal(testNow) || !h.LastPoll.Equal(testNow) {
				t.Errorf("health = %+v, want the error recorded once", h)
			}
			if min := testNow.Add(max(tc.nextAfter, opts.BackoffMin/2)); h.NextPoll.Before(min) {
				t.Errorf("next poll %v, want not before %v", h.NextPoll, min)
			}
			if len(st.records(f.ID)) != 0 {
				t.Errorf("a failed feed stored items")
			}
		})
	}
}

func TestCheckFeed(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	p := newTestPoller(t, testOptions(t), newMemStore(), noFacts)
	title, err := p.CheckFeed(t.Context(), srv.set("/rss", route{body: readTestdata(t, "basic.xml")}))
	if err != nil || title != "Test Outlet & Wire" {
		t.Errorf("CheckFeed(good) = %q, %v", title, err)
	}
	_, err = p.CheckFeed(t.Context(), srv.set("/page", route{body: readTestdata(t, "not_a_feed.html"), contentType: "text/html"}))
	if !errors.Is(err, ErrNotAFeed) || !strings.Contains(err.Error(), "not a feed (text/html)") {
		t.Errorf("CheckFeed(html) error = %v, want ErrNotAFeed", err)
	}
	page := `<html><head><title>Outlet</title><link rel="stylesheet" href="/s.css">
		<link rel="alternate" type="application/rss+xml" title="All news" href="/rss/all.xml"></head><body>news</body></html>`
	_, err = p.CheckFeed(t.Context(), srv.set("/home", route{body: []byte(page), contentType: "text/html"}))
	if want := "not a feed (text/html); the page names a feed at " + srv.URL + "/rss/all.xml"; !errors.Is(err, ErrNotAFeed) || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("CheckFeed(home page) error = %v, want it to end %q", err, want)
	}
	_, err = p.CheckFeed(t.Context(), srv.URL+"/gone")
	if se, ok := errors.AsType[*StatusError](err); !ok || se.Code != 404 {
		t.Errorf("CheckFeed(404) error = %v, want *StatusError 404", err)
	}
}

// TestPollSurvivesPanic: a summarizer that panics on one feed's report
// fails that feed, with the reason recorded, and the others go on.
func TestPollSurvivesPanic(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	st := newMemStore()
	sum := func(r claimwatch.Report) claimwatch.Facts {
		if strings.Contains(r.Title, "Shelling") {
			panic("summarizer bug")
		}
		return claimwatch.Facts{}
	}
	p := newTestPoller(t, testOptions(t), st, sum)
	list := addFeeds(t, st,
		srv.set("/atom", route{body: readTestdata(t, "atom.xml")}),
		srv.set("/rss", route{body: readTestdata(t, "basic.xml")}))
	res := p.PollOnce(t.Context(), list)
	if res[0].OK || res[0].Error != "internal error: summarizer bug" {
		t.Errorf("panicking feed: %+v", res[0])
	}
	if h := st.feed(list[0].ID).Health; h.LastError != "internal error: summarizer bug" || h.ConsecutiveFailures != 1 {
		t.Errorf("panicking feed health: %+v", h)
	}
	if !res[1].OK || res[1].New != 3 {
		t.Errorf("other feed: %+v", res[1])
	}
}
