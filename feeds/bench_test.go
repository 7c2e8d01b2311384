package feeds

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/summarize"
)

// benchWords are drawn at random to give each benchmark item its own text,
// as real outlets' reports differ: identical templated text would make
// every item the same story. They hold no word of violence, so that the
// real summarizer finds attacks only where benchAttack puts them.
var benchWords = strings.Fields(`officials said statement ministry spokesman village province border
	residents market highway airport port tanker strait coast governor council
	parliament election talks ceasefire agreement envoy delegation capital north south east west river
	valley mountain district camp refugees aid hospital school bridge power station pipeline oil gas
	prices economy bank inflation currency budget protest crowd arrest court trial judge sentence
	prison release hostage negotiation mediator summit leader president prime minister foreign defence
	interior health water drought flood storm heat harvest wheat farmers trade exports imports sanctions
	embassy consulate visit meeting report investigation evidence witness
	faction coalition alliance commander
	overnight morning evening weekend tuesday wednesday thursday friday saturday sunday monday early late`)

// benchAttacks are attack sentences; one item in ten carries one, about the
// share of attack reports in a regional news feed.
var benchAttacks = []string{
	"A drone struck %s base in Anbar province, the Islamic Resistance in Iraq said in a statement claiming the attack",
	"Three rockets hit near %s camp in Hasakah, killing two soldiers, a security source said",
	"A roadside bomb exploded near a convoy on the %s road in Diyala, wounding four policemen, police said",
	"The Houthis said they fired two missiles at the merchant ship %s in the Red Sea",
}

// benchFeed writes a feed of n items of about 700 bytes each, each with
// its own random words.
func benchFeed(feed, n int) []byte {
	rnd := rand.New(rand.NewPCG(uint64(feed), 42))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = benchWords[rnd.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet %d</title><link>https://outlet%d.test/</link><description>bench</description>`, feed, feed)
	for i := range n {
		lead := words(40)
		if i%10 == 0 {
			lead = fmt.Sprintf(benchAttacks[rnd.IntN(len(benchAttacks))], fmt.Sprintf("Site-%d-%d", feed, i))
		}
		fmt.Fprintf(&b, `<item><title>%s</title>`+
			`<link>https://outlet%d.test/news/%d?utm_source=rss</link><guid isPermaLink="false">o%d-r%d</guid>`+
			`<pubDate>Wed, 25 Nov 2026 %02d:%02d:00 GMT</pubDate><description><![CDATA[<p>%s.</p><p>%s &amp; %s.</p>]]></description></item>`,
			words(9), feed, i, feed, i, i%24, i%60, lead, words(30), words(20))
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkPollCycle polls 500 feeds of 50 items each, served by four
// loopback servers, into a store in a temp dir: a first full cycle (fetch,
// parse, extract, store), then a second where every feed answers 304.
// Run with -benchtime=1x; it reports each cycle's seconds and the peak heap.
// The first sub-benchmark measures polling alone; the second runs the real
// summarizer on every item, as claimwatch does.
func BenchmarkPollCycle(b *testing.B) {
	ex, err := summarize.New(summarize.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("extract=none", func(b *testing.B) { benchPollCycle(b, noFacts) })
	b.Run("extract=summarize", func(b *testing.B) { benchPollCycle(b, ex.Extract) })
}

func benchPollCycle(b *testing.B, sum Summarizer) {
	const nFeeds, nItems, nServers = 500, 50, 4
	bodies := make([][]byte, nFeeds)
	for i := range bodies {
		bodies[i] = benchFeed(i, nItems)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d", &i); err != nil || i < 0 || i >= nFeeds {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"f%d"`, i)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(bodies[i])
	})
	var servers []*httptest.Server
	for range nServers {
		s := httptest.NewServer(handler)
		b.Cleanup(s.Close)
		servers = append(servers, s)
	}

	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	defer func() { close(stop); wg.Wait() }()

	var first, second time.Duration
	for b.Loop() {
		b.StopTimer()
		st := openStore(b)
		var list []claimwatch.Feed
		for i := range nFeeds {
			u := fmt.Sprintf("%s/feed/%d", servers[i%nServers].URL, i)
			f, err := st.AddFeed(b.Context(), claimwatch.Feed{Name: fmt.Sprintf("outlet %d", i), URL: u})
			if err != nil {
				b.Fatal(err)
			}
			list = append(list, f)
		}
		p := NewPoller(Options{Logger: testLogger(b)}, st, sum)
		b.StartTimer()

		start := time.Now()
		res := p.PollOnce(b.Context(), list)
		first += time.Since(start)
		for i, r := range res {
			if !r.OK || r.New != nItems {
				b.Fatalf("first cycle, feed %d: %+v", i, r)
			}
		}
		if list, err := st.Feeds(b.Context()); err != nil {
			b.Fatal(err)
		} else {
			start = time.Now()
			res = p.PollOnce(b.Context(), list)
			second += time.Since(start)
		}
		for i, r := range res {
			if !r.OK || r.Status != http.StatusNotModified {
				b.Fatalf("second cycle, feed %d: %+v", i, r)
			}
		}
		p.client.CloseIdleConnections()
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "s/first-cycle")
	b.ReportMetric(second.Seconds()/float64(b.N), "s/304-cycle")
	b.ReportMetric(float64(peak.Load())/(1<<20), "MB-peak-heap")
	b.ReportMetric(float64(nFeeds*nItems*b.N)/first.Seconds(), "items/s")
}
