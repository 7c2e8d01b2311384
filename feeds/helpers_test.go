package feeds

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// feedServer is a fake outlet on loopback: it serves routes with ETag and
// Last-Modified, answers 304 to matching validators, and records hits.
// Handlers watch r.Context(), since Close waits for them.
type feedServer struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]route
	hits   map[string]int
}

type route struct {
	body         []byte
	contentType  string // default application/rss+xml
	etag         string
	lastModified string
	handler      http.HandlerFunc // overrides everything else
}

func newFeedServer(t testing.TB) *feedServer {
	t.Helper()
	s := &feedServer{routes: map[string]route{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rt, ok := s.routes[r.URL.Path]
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if rt.handler != nil {
		rt.handler(w, r)
		return
	}
	if rt.etag != "" {
		w.Header().Set("ETag", rt.etag)
		if r.Header.Get("If-None-Match") == rt.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if rt.lastModified != "" {
		w.Header().Set("Last-Modified", rt.lastModified)
		if rt.etag == "" && r.Header.Get("If-Modified-Since") == rt.lastModified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	ct := rt.contentType
	if ct == "" {
		ct = "application/rss+xml"
	}
	w.Header().Set("Content-Type", ct)
	w.Write(rt.body)
}

// set serves rt at path; it returns the full URL.
func (s *feedServer) set(path string, rt route) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = rt
	return s.URL + path
}

func (s *feedServer) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func testOptions(t testing.TB) Options {
	return Options{Now: func() time.Time { return testNow }, Logger: testLogger(t)}
}

// noFacts is a summarizer that finds nothing.
func noFacts(claimwatch.Report) claimwatch.Facts { return claimwatch.Facts{} }

// addFeeds stores feeds for the URLs and returns them with their IDs.
func addFeeds(t testing.TB, st Store, urls ...string) []claimwatch.Feed {
	t.Helper()
	var out []claimwatch.Feed
	for _, u := range urls {
		f, err := st.AddFeed(t.Context(), claimwatch.Feed{Name: u, URL: u})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func pollOne(t testing.TB, p *Poller, f claimwatch.Feed) claimwatch.PollResult {
	t.Helper()
	return p.PollOnce(t.Context(), []claimwatch.Feed{f})[0]
}
