package feeds

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// realFeedsDir holds real captured feeds shared by the project's engineers;
// they are test data we may read but not commit. It is absent on a fresh
// clone.
const realFeedsDir = "../../shared/realfeeds"

type realFeed struct {
	File               string `json:"file"`
	Format             string `json:"format"`
	Charset            string `json:"charset"`
	Wellformed         bool   `json:"wellformed"`
	ServeCharsetHeader bool   `json:"serve_charset_header"`
	ContentEncoding    string `json:"content_encoding"`
	Probe              string `json:"probe"`
	NewFirstRun        *struct {
		Min int `json:"min"`
		Max int `json:"max"`
	} `json:"new_first_run"`
}

// TestRealFeeds serves the captured feeds of ../shared/realfeeds as their
// MANIFEST.json says (charset header, gzip) and polls them all in one cycle:
// each readable feed stores clean UTF-8 items, as many as the manifest
// allows, and each broken one gets a recorded error.
func TestRealFeeds(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(realFeedsDir, "MANIFEST.json"))
	if os.IsNotExist(err) {
		t.Skip("no ../shared/realfeeds")
	}
	if err != nil {
		t.Fatal(err)
	}
	checkLeaks(t)
	var manifest []realFeed
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatalf("MANIFEST.json: %v", err)
	}
	byPath := map[string]realFeed{}
	srv := newFeedServer(t)
	var urls []string
	for _, rf := range manifest {
		body, err := os.ReadFile(filepath.Join(realFeedsDir, "files", rf.File))
		if err != nil {
			t.Fatal(err)
		}
		ct := map[string]string{"rss2": "application/rss+xml", "rss1": "application/rdf+xml", "atom": "application/atom+xml", "json": "application/feed+json"}[rf.Format]
		if rf.ServeCharsetHeader {
			ct += "; charset=" + rf.Charset
		}
		path := "/" + rf.File
		byPath[path] = rf
		urls = append(urls, srv.set(path, route{handler: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			if rf.ContentEncoding != "" {
				w.Header().Set("Content-Encoding", rf.ContentEncoding)
			}
			w.Write(body)
		}}))
	}
	st := newMemStore()
	p := newTestPoller(t, testOptions(t), st, noFacts)
	list := addFeeds(t, st, urls...)
	results := p.PollOnce(t.Context(), list)
	ok, failed := 0, 0
	for i, res := range results {
		rf := byPath[strings.TrimPrefix(res.Feed, srv.URL)]
		t.Run(rf.File, func(t *testing.T) {
			recs := st.records(list[i].ID)
			if rf.NewFirstRun == nil { // broken past repair
				failed++
				if res.OK || res.Error == "" || len(recs) != 0 {
					t.Errorf("result %+v with %d items, want a recorded error", res, len(recs))
				}
				if h := st.feed(list[i].ID).Health; h.LastError != res.Error {
					t.Errorf("health error %q, want %q", h.LastError, res.Error)
				}
				return
			}
			ok++
			if !res.OK || res.New < rf.NewFirstRun.Min || res.New > rf.NewFirstRun.Max {
				t.Fatalf("result %+v, want ok with %d to %d new", res, rf.NewFirstRun.Min, rf.NewFirstRun.Max)
			}
			found := rf.Probe == ""
			for _, r := range recs {
				it := r.Item
				for _, s := range []string{it.Key, it.Title, it.Text, it.Link} {
					if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
						t.Errorf("item %q: %q is not clean UTF-8", it.Key, s)
					}
				}
				if strings.Contains(it.Title+it.Text, rf.Probe) {
					found = true
				}
			}
			if !found {
				t.Errorf("no item holds %q: charset decoded wrongly?", rf.Probe)
			}
		})
	}
	t.Logf("%d feeds read, %d refused", ok, failed)
}
