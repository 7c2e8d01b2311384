package feeds

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// TestPoliteness polls ten feeds of one host with eight workers: at most
// PerHost requests reach it at once, each with our User-Agent, and a feed
// with only Last-Modified gets a conditional GET the second time.
func TestPoliteness(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	body := readTestdata(t, "basic.xml")
	var (
		mu            sync.Mutex
		inFlight, top int
		agents        = map[string]bool{}
	)
	slowFeed := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		top = max(top, inFlight)
		agents[r.UserAgent()] = true
		mu.Unlock()
		defer func() {
			mu.Lock()
			inFlight--
			mu.Unlock()
		}()
		select {
		case <-time.After(30 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		w.Write(body)
	}
	var urls []string
	for i := range 10 {
		urls = append(urls, srv.set(fmt.Sprintf("/f%d", i), route{handler: slowFeed}))
	}
	lm := "Tue, 24 Nov 2026 10:00:00 GMT"
	urls = append(urls, srv.set("/lm", route{body: body, lastModified: lm}))
	st := newMemStore()
	opts := testOptions(t)
	opts.Workers, opts.PerHost = 8, 2
	p := newTestPoller(t, opts, st, noFacts)
	list := addFeeds(t, st, urls...)
	for i, r := range p.PollOnce(t.Context(), list) {
		if !r.OK {
			t.Errorf("feed %d: %+v", i, r)
		}
	}
	if top > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", top)
	}
	if len(agents) != 1 || !agents[DefaultUserAgent] {
		t.Errorf("user agents = %v, want only %q", agents, DefaultUserAgent)
	}
	f := st.feed(list[10].ID)
	if f.LastModified != lm {
		t.Fatalf("stored Last-Modified %q, want %q", f.LastModified, lm)
	}
	if r := pollOne(t, p, f); !r.OK || r.Status != http.StatusNotModified {
		t.Errorf("conditional GET by date: %+v, want 304", r)
	}
}

func TestPollOnceCanceled(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	st := newMemStore()
	p := newTestPoller(t, testOptions(t), st, noFacts)
	list := addFeeds(t, st, srv.set("/a", route{body: readTestdata(t, "basic.xml")}), srv.URL+"/b")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for i, r := range p.PollOnce(ctx, list) {
		if r.OK || r.Error != "canceled" || r.Feed != list[i].URL {
			t.Errorf("feed %d: %+v, want canceled", i, r)
		}
		if got := st.feed(list[i].ID); got.Health != (claimwatch.FeedHealth{}) {
			t.Errorf("a canceled poll changed the stored health: %+v", got.Health)
		}
	}
	if srv.hitCount("/a") != 0 {
		t.Errorf("a canceled cycle fetched")
	}
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name, in, contentType, fallback, want, wantErr string
	}{
		{name: "UTF-8 stays", in: `<?xml version="1.0"?><a>é</a>`, want: `<?xml version="1.0"?><a>é</a>`},
		{name: "wrong prolog on UTF-8 rewritten", in: `<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>`, want: `<?xml version="1.0" encoding="UTF-8"?><a>é</a>`},
		{name: "prolog wins over header", in: "<?xml version='1.0' encoding='windows-1252'?><a>\x93q\x94</a>", contentType: "text/xml; charset=koi8-r", want: "<?xml version='1.0' encoding='UTF-8'?><a>“q”</a>"},
		{name: "header when no prolog", in: "<a>\xe9</a>", contentType: "text/xml; charset=ISO-8859-1", want: "<a>é</a>"},
		{name: "unknown prolog label falls to header", in: "<?xml version=\"1.0\" encoding=\"x-bogus\"?><a>\xe9</a>", contentType: "text/xml;charset=latin1", want: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>"},
		{name: "feed's charset last", in: "<a>\xc7\xe1</a>", fallback: "windows-1256", want: "<a>ال</a>"},
		{name: "UTF-16 with BOM", in: "\xff\xfe<\x00a\x00>\x00\xe9\x00<\x00/\x00a\x00>\x00", want: "<a>é</a>"},
		{name: "UTF-8 BOM dropped", in: "\xef\xbb\xbf<a/>", want: "<a/>"},
		{name: "declared UTF-8, not UTF-8", in: `<?xml version="1.0" encoding="utf-8"?><a>` + "\xff</a>", wantErr: "undecodable text: invalid utf-8"},
		{name: "unknown label", in: "<?xml version=\"1.0\" encoding=\"x-bogus\"?><a>\xe9</a>", wantErr: `unknown charset "x-bogus"`},
		{name: "nothing declared", in: "<a>\xff</a>", wantErr: "undecodable text: not UTF-8 and no charset declared"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := toUTF8([]byte(tc.in), tc.contentType, tc.fallback)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("toUTF8(%q) error = %v, want %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Errorf("toUTF8(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}
