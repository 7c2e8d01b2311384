package feeds

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch"
)

// TestFullText fetches each item's page for a feed marked FullText, and
// keeps the teaser when the page fails, is too large or is no web page.
func TestFullText(t *testing.T) {
	checkLeaks(t)
	srv := newFeedServer(t)
	page := `<!DOCTYPE html><html><head><title>Base attacked</title></head><body>
		<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
		<article><h1>Base attacked</h1>
		<p>Two drones struck the perimeter of the air base shortly after midnight, the provincial police said in a statement on Wednesday morning.</p>
		<p>A spokesman for the coalition said the drones were intercepted before reaching the runway and that no personnel were hurt in the incident.</p>
		<p>No group has claimed responsibility so far, and investigators were examining debris recovered near the village east of the base.</p>
		</article><footer>Copyright the outlet</footer></body></html>`
	srv.set("/article/ok", route{body: []byte(page), contentType: "text/html; charset=utf-8"})
	srv.set("/article/huge", route{body: bytes.Repeat([]byte("<p>x</p>"), 1<<18), contentType: "text/html"})
	srv.set("/article/pdf", route{body: []byte("%PDF-1.4"), contentType: "application/pdf"})
	var items strings.Builder
	for _, name := range []string{"ok", "missing", "huge", "pdf"} {
		fmt.Fprintf(&items, "<item><title>%s</title><guid>%s</guid><link>%s/article/%s</link><description>teaser of %s</description></item>", name, name, srv.URL, name, name)
	}
	feed := srv.set("/feed", route{body: []byte(`<rss version="2.0"><channel><title>t</title>` + items.String() + `</channel></rss>`)})

	st := newMemStore()
	opts := testOptions(t)
	opts.ArticleMaxBody = 1 << 20
	got := map[string]string{}
	p := newTestPoller(t, opts, st, func(r claimwatch.Report) claimwatch.Facts {
		got[r.Title] = r.Text
		return claimwatch.Facts{}
	})
	p.opts.Workers = 1
	f, err := st.AddFeed(t.Context(), claimwatch.Feed{Name: "full", URL: feed, FullText: true})
	if err != nil {
		t.Fatal(err)
	}
	if res := pollOne(t, p, f); !res.OK || res.New != 4 {
		t.Fatalf("result %+v", res)
	}
	if text := got["ok"]; !strings.Contains(text, "Two drones struck the perimeter") || !strings.Contains(text, "examining debris") ||
		strings.Contains(text, "Copyright") || strings.Contains(text, "<p>") {
		t.Errorf("full text = %q, want the article's paragraphs only", text)
	}
	for _, name := range []string{"missing", "huge", "pdf"} {
		if got[name] != "teaser of "+name {
			t.Errorf("%s: text = %.80q, want the teaser", name, got[name])
		}
	}
	// The stored hash is the teaser's, so the next poll finds nothing new.
	if res := pollOne(t, p, f); !res.OK || res.New != 0 || st.saves != 4 || srv.hitCount("/article/ok") != 1 {
		t.Errorf("second poll %+v, saves %d, article fetched %d times", res, st.saves, srv.hitCount("/article/ok"))
	}
}
