package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
	"golang.org/x/text/encoding/charmap"
)

// polled is what one poll of a served document stored.
func pollDoc(t *testing.T, rt route, charset string) (claimwatch.PollResult, []claimwatch.ReportRecord) {
	t.Helper()
	srv := newFeedServer(t)
	st := newMemStore()
	p := newTestPoller(t, testOptions(t), st, noFacts)
	f, err := st.AddFeed(t.Context(), claimwatch.Feed{Name: "test", URL: srv.set("/feed", rt), Charset: charset})
	if err != nil {
		t.Fatal(err)
	}
	res := pollOne(t, p, f)
	return res, st.records(f.ID)
}

func titles(recs []claimwatch.ReportRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Item.Title)
	}
	slices.Sort(out)
	return out
}

func TestPollItems(t *testing.T) {
	checkLeaks(t)
	w1256 := readTestdata(t, "windows1256.xml")
	arabicTitles := []string{"تصريح لوزير الدفاع", "هجوم بطائرة مسيرة على قاعدة في الشمال"}
	iso86606 := append([]byte(`<?xml version="1.0" encoding="ISO-8859-6"?>`+"\n"), w1256...)
	bigDesc := func() []byte {
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>big</title>`)
		b.WriteString(`<item><title>Huge description</title><guid>big-1</guid><description>`)
		for b.Len() < 5<<20 {
			b.WriteString("&lt;p&gt;A long paragraph of an overly long report, repeated. &lt;/p&gt;")
		}
		b.WriteString(`</description></item></channel></rss>`)
		return b.Bytes()
	}()
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte(`<rss version="2.0"><channel><title>Café</title><item><title>Réunion à Genève</title><guid>l-1</guid></item></channel></rss>`))

	tests := []struct {
		name       string
		rt         route
		charset    string // the feed's configured charset
		wantErr    string
		wantTitles []string
		check      func(t *testing.T, recs []claimwatch.ReportRecord)
	}{
		{
			name:       "invalid, future and missing dates get the first-seen time",
			rt:         route{body: readTestdata(t, "dates.xml")},
			wantTitles: []string{"Future date", "No date", "Unparsable date", "Valid date"},
			check: func(t *testing.T, recs []claimwatch.ReportRecord) {
				for _, r := range recs {
					want := testNow
					if r.Item.Title == "Valid date" {
						want = time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC)
					}
					if !r.Item.Published.Equal(want) || !r.Alert {
						t.Errorf("%q published %v alert %v, want %v and an alert", r.Item.Title, r.Item.Published, r.Alert, want)
					}
				}
			},
		},
		{
			name:       "items without GUID or link are keyed by link, then by title and date",
			rt:         route{body: readTestdata(t, "identity.xml")},
			wantTitles: []string{"Has a GUID", "Link only", "Neither link nor GUID", "Relative link"},
			check: func(t *testing.T, recs []claimwatch.ReportRecord) {
				keys := map[string]string{}
				for _, r := range recs {
					keys[r.Item.Title] = r.Item.Key
				}
				if got := keys["Has a GUID"]; got != "urn:identity:1" {
					t.Errorf("GUID key = %q", got)
				}
				if got := keys["Link only"]; got != "https://identity.test/b?page=2" {
					t.Errorf("link key = %q", got)
				}
				if got := keys["Neither link nor GUID"]; !strings.HasPrefix(got, "sha256:") {
					t.Errorf("hash key = %q", got)
				}
				if got := keys["Relative link"]; !strings.HasPrefix(got, "http://127.0.0.1:") || !strings.HasSuffix(got, "/news/d") {
					t.Errorf("relative link key = %q, want it resolved against the feed URL", got)
				}
			},
		},
		{
			name: "a feed with no items",
			rt:   route{body: readTestdata(t, "empty.xml")},
		},
		{
			name:       "duplicate GUIDs keep the first",
			rt:         route{body: readTestdata(t, "duplicates.xml")},
			wantTitles: []string{"Another item", "First copy"},
		},
		{
			name:       "atom with HTML content",
			rt:         route{body: readTestdata(t, "atom.xml"), contentType: "application/atom+xml"},
			wantTitles: []string{"Shelling & clashes in the south"},
			check: func(t *testing.T, recs []claimwatch.ReportRecord) {
				if got := recs[0].Item.Text; got != "Residents reported shelling overnight.\n\nNo casualties were reported." {
					t.Errorf("text = %q", got)
				}
			},
		},
		{
			name:       "windows-1256 declared by Content-Type only",
			rt:         route{body: w1256, contentType: "application/rss+xml; charset=windows-1256"},
			wantTitles: arabicTitles,
			check: func(t *testing.T, recs []claimwatch.ReportRecord) {
				if got := recs[0].Item.Text; got != "قالت جماعة مسلحة إنها استهدفت القاعدة بطائرتين مسيرتين." {
					t.Errorf("text = %q", got)
				}
			},
		},
		{
			name:       "windows-1256 declared nowhere, charset configured on the feed",
			rt:         route{body: w1256, contentType: "text/xml"},
			charset:    "windows-1256",
			wantTitles: arabicTitles,
		},
		{
			name:    "windows-1256 declared nowhere is refused, not garbled",
			rt:      route{body: w1256, contentType: "text/xml"},
			wantErr: "undecodable text: not UTF-8 and no charset declared (set the feed's charset)",
		},
		{
			name:       "windows-1256 mislabelled ISO-8859-6 is read as windows-1256",
			rt:         route{body: iso86606},
			wantTitles: arabicTitles,
		},
		{
			name:       "ISO-8859-1 declared by Content-Type only",
			rt:         route{body: latin1, contentType: "application/xml; charset=iso-8859-1"},
			wantTitles: []string{"Réunion à Genève"},
		},
		{
			name:       "UTF-8 with BOM and a wrong declaration",
			rt:         route{body: append([]byte("\uFEFF<?xml version=\"1.0\" encoding=\"windows-1252\"?>"), `<rss version="2.0"><channel><title>t</title><item><title>Ça va</title><guid>b-1</guid></item></channel></rss>`...)},
			wantTitles: []string{"Ça va"},
		},
		{
			name:       "a 5 MB description is kept up to the text cap",
			rt:         route{body: bigDesc},
			wantTitles: []string{"Huge description"},
			check: func(t *testing.T, recs []claimwatch.ReportRecord) {
				text := recs[0].Item.Text
				if len(text) < maxText-100 || len(text) > maxText || !utf8.ValidString(text) || strings.Contains(text, "<p>") {
					t.Errorf("text of %d bytes, want about %d of plain UTF-8", len(text), maxText)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, recs := pollDoc(t, tc.rt, tc.charset)
			if tc.wantErr != "" {
				if res.OK || !strings.Contains(res.Error, tc.wantErr) {
					t.Fatalf("result = %+v, want error %q", res, tc.wantErr)
				}
				return
			}
			if !res.OK || res.Items != len(tc.wantTitles) || res.New != len(tc.wantTitles) {
				t.Fatalf("result = %+v, want ok with %d new items", res, len(tc.wantTitles))
			}
			if got := titles(recs); !slices.Equal(got, tc.wantTitles) {
				t.Errorf("titles = %q, want %q", got, tc.wantTitles)
			}
			for _, r := range recs {
				if !utf8.ValidString(r.Item.Title) || !utf8.ValidString(r.Item.Text) || strings.ContainsRune(r.Item.Title+r.Item.Text, utf8.RuneError) {
					t.Errorf("item %q is not clean UTF-8", r.Item.Title)
				}
			}
			if tc.check != nil {
				tc.check(t, recs)
			}
		})
	}
}

// TestPollEditsAndReturns serves a feed that changes between polls: an
// item is edited, one drops out and comes back, one is added.
func TestPollEditsAndReturns(t *testing.T) {
	checkLeaks(t)
	doc := func(items ...string) []byte {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>changing</title>`)
		for _, it := range items {
			guid, text, _ := strings.Cut(it, "=")
			fmt.Fprintf(&b, "<item><title>Report %s</title><guid>%s</guid><description>%s</description></item>", guid, guid, text)
		}
		b.WriteString(`</channel></rss>`)
		return []byte(b.String())
	}
	srv := newFeedServer(t)
	st := newMemStore()
	var summarized []string
	sum := func(r claimwatch.Report) claimwatch.Facts {
		summarized = append(summarized, r.Title+": "+r.Text)
		return claimwatch.Facts{}
	}
	p := newTestPoller(t, Options{Now: func() time.Time { return testNow }, Logger: testLogger(t), Workers: 1}, st, sum)
	f := addFeeds(t, st, srv.set("/feed", route{}))[0]

	steps := []struct {
		name      string
		items     []string
		wantItems int
		wantNew   int
		wantSum   []string
	}{
		{"first poll", []string{"a=one", "b=two"}, 2, 2, []string{"Report a: one", "Report b: two"}},
		{"a edited, b dropped, c added", []string{"a=one, corrected", "c=three"}, 2, 1, []string{"Report a: one, corrected", "Report c: three"}},
		{"b comes back unchanged", []string{"a=one, corrected", "b=two", "c=three"}, 3, 0, nil},
		{"nothing changed", []string{"a=one, corrected", "b=two", "c=three"}, 3, 0, nil},
	}
	for _, step := range steps {
		srv.set("/feed", route{body: doc(step.items...)})
		summarized = nil
		res := pollOne(t, p, f)
		if !res.OK || res.Items != step.wantItems || res.New != step.wantNew || !slices.Equal(summarized, step.wantSum) {
			t.Errorf("%s: result %+v, summarized %q; want %d items, %d new, summarized %q",
				step.name, res, summarized, step.wantItems, step.wantNew, step.wantSum)
		}
	}
	if n := len(st.records(f.ID)); n != 3 || st.saves != 4 {
		t.Errorf("stored %d items in %d saves, want 3 in 4", n, st.saves)
	}
}

func TestPollRedirects(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	body := readTestdata(t, "basic.xml")
	final := srv.set("/final", route{body: body})
	redirect := func(code int, to string) route {
		return route{handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, code) }}
	}
	tests := []struct {
		name    string
		path    string
		chain   map[string]route
		wantURL string
	}{
		{"301 moves the feed", "/old", map[string]route{"/old": redirect(301, "/final")}, final},
		{"308 then 301 moves the feed", "/a", map[string]route{"/a": redirect(308, "/b"), "/b": redirect(301, "/final")}, final},
		{"302 keeps the URL", "/temp", map[string]route{"/temp": redirect(302, "/final")}, ""},
		{"301 then 302 moves the feed to the 302's source", "/c", map[string]route{"/c": redirect(301, "/d"), "/d": redirect(302, "/final")}, srv.URL + "/d"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for path, rt := range tc.chain {
				srv.set(path, rt)
			}
			st := newMemStore()
			p := newTestPoller(t, testOptions(t), st, noFacts)
			f := addFeeds(t, st, srv.URL+tc.path)[0]
			want := tc.wantURL
			if want == "" {
				want = f.URL
			}
			res := pollOne(t, p, f)
			if got := st.feed(f.ID).URL; !res.OK || got != want {
				t.Errorf("result %+v, stored URL %s, want %s", res, got, want)
			}
		})
	}
}

func TestHealthDownAndRecovery(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	u := srv.set("/feed", route{handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) }})
	st := newMemStore()
	clk := &clock{t: testNow}
	type change struct {
		at   time.Time
		down bool
	}
	var changes []change
	opts := Options{Now: clk.Now, Logger: testLogger(t), OnHealthChange: func(_ context.Context, f claimwatch.Feed, down bool) {
		changes = append(changes, change{clk.Now(), down})
	}}
	p := newTestPoller(t, opts, st, noFacts)
	f := addFeeds(t, st, u)[0]
	poll := func() claimwatch.Feed {
		pollOne(t, p, st.feed(f.ID))
		return st.feed(f.ID)
	}
	for range 4 { // failing for 18 h: not yet down
		poll()
		clk.Add(6 * time.Hour)
	}
	if len(changes) != 0 {
		t.Fatalf("changes after 18h = %v, want none", changes)
	}
	got := poll() // 24 h after the first failure
	if len(changes) != 1 || !changes[0].down || !got.Health.DownNotified || got.Health.ConsecutiveFailures != 5 {
		t.Fatalf("at 24h: changes %v, health %+v; want one down", changes, got.Health)
	}
	clk.Add(time.Hour)
	poll()
	if len(changes) != 1 {
		t.Fatalf("told twice: %v", changes)
	}
	if h := st.feed(f.ID).Health; h.LastError != "HTTP 500" || h.LastStatus != 500 || !h.FailingSince.Equal(testNow) {
		t.Errorf("health = %+v", h)
	}
	srv.set("/feed", route{body: readTestdata(t, "basic.xml")})
	clk.Add(time.Hour)
	got = poll()
	if len(changes) != 2 || changes[1].down || got.Health.DownNotified || got.Health.ConsecutiveFailures != 0 ||
		!got.Health.FailingSince.IsZero() || got.Health.LastError != "" || !got.Health.LastSuccess.Equal(clk.Now()) {
		t.Fatalf("after recovery: changes %v, health %+v", changes, got.Health)
	}
}

func TestBackoff(t *testing.T) {
	p := NewPoller(Options{BackoffMin: 5 * time.Minute, BackoffMax: time.Hour}, newMemStore(), noFacts)
	tests := []struct {
		failures int
		base     time.Duration
	}{{1, 5 * time.Minute}, {2, 10 * time.Minute}, {3, 20 * time.Minute}, {4, 40 * time.Minute}, {5, time.Hour}, {50, time.Hour}}
	for _, tc := range tests {
		for range 100 {
			got := p.backoff(tc.failures)
			if got < tc.base/2 || got > min(tc.base*3/2, time.Hour) {
				t.Fatalf("backoff(%d) = %v, want within 0.5–1.5 × %v, at most 1h", tc.failures, got, tc.base)
			}
		}
	}
}
