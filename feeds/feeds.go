// Package feeds polls outlets' RSS, Atom and JSON feeds politely and turns
// their entries into claimwatch items, summarized and stored.
//
// It is the edge where gofeed types end: past PollOnce nothing sees a
// *gofeed.Item, only a claimwatch.Item with its identity decided, its text
// decoded to UTF-8 and stripped of HTML. Every failure of a feed is recorded
// in its health and never stops the other feeds.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch"
)

// Store is what the poller needs of the store: the feeds with their health,
// and the items with their facts.
type Store interface {
	claimwatch.FeedStore
	claimwatch.ReportStore
}

// Summarizer draws the facts from one report. summarize.Extract is one.
type Summarizer func(claimwatch.Report) claimwatch.Facts

// Options tune the poller. Zero values take the defaults noted beside each.
type Options struct {
	UserAgent       string        // default "claimwatch/dev (+https://github.com/claimwatch/claimwatch)"
	ConnectTimeout  time.Duration // dial timeout, default 10s
	Timeout         time.Duration // whole request including the body, default 30s
	MaxBody         int64         // default 10 MiB
	MaxRedirects    int           // default 5
	Workers         int           // feeds polled at once, default 8
	PerHost         int           // concurrent requests to one host, default 2
	DefaultInterval time.Duration // for feeds with Interval 0, default 5m
	MinInterval     time.Duration // floor of any feed's interval, default 1m
	BackoffMin      time.Duration // first wait after a failure, default 5m
	BackoffMax      time.Duration // longest wait after failures, default 6h
	ArticleTimeout  time.Duration // full-text article fetch, default 15s
	ArticleMaxBody  int64         // full-text article size cap, default 5 MiB
	// AlertWindow: items published longer ago than this are stored and
	// summarized but raise no alert (ReportRecord.Alert=false). Default 48h.
	AlertWindow time.Duration
	// DownAfter: admins are told once a feed has failed this long, and once
	// when it recovers. Default 24h.
	DownAfter time.Duration
	Now       func() time.Time // default time.Now
	Logger    *slog.Logger     // default discards
	// OnHealthChange is called once when a feed goes down (failing for
	// DownAfter) and once when it recovers. It may be nil.
	OnHealthChange func(ctx context.Context, f claimwatch.Feed, down bool)
}

// DefaultUserAgent is sent when Options.UserAgent is empty.
const DefaultUserAgent = "claimwatch/dev (+https://github.com/claimwatch/claimwatch)"

func (o *Options) setDefaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	def(&o.ConnectTimeout, 10*time.Second)
	def(&o.Timeout, 30*time.Second)
	if o.MaxBody <= 0 {
		o.MaxBody = 10 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	def(&o.DefaultInterval, 5*time.Minute)
	def(&o.MinInterval, time.Minute)
	def(&o.BackoffMin, 5*time.Minute)
	def(&o.BackoffMax, 6*time.Hour)
	if o.BackoffMax < o.BackoffMin {
		o.BackoffMax = o.BackoffMin
	}
	def(&o.ArticleTimeout, 15*time.Second)
	if o.ArticleMaxBody <= 0 {
		o.ArticleMaxBody = 5 << 20
	}
	def(&o.AlertWindow, 48*time.Hour)
	def(&o.DownAfter, 24*time.Hour)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Errors callers branch on with errors.Is.
var (
	// ErrNotAFeed: the answer is not RSS, Atom or JSON Feed (an HTML page,
	// an empty body).
	ErrNotAFeed = errors.New("not a feed")
	// ErrBodyTooLarge: the answer is larger than Options.MaxBody; it is
	// never parsed truncated.
	ErrBodyTooLarge = errors.New("body too large")
)

// StatusError is an HTTP answer other than 2xx or 304. RetryAfter is the
// server's Retry-After on 429 and 503, 0 when absent.
type StatusError struct {
	Code       int
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("HTTP %d, retry after %s", e.Code, fmtDuration(e.RetryAfter))
	}
	return fmt.Sprintf("HTTP %d", e.Code)
}

// Poller fetches feeds, turns their entries into items, summarizes the new
// and edited ones and stores them. Its methods are safe for concurrent use.
type Poller struct {
	opts   Options
	st     Store
	sum    Summarizer
	log    *slog.Logger
	now    func() time.Time
	client *http.Client
	hosts  *hostLimiter
	slots  chan struct{} // Workers: feeds in flight, whoever started them

	// Run's timings; tests shorten them.
	syncEvery    time.Duration // how often Run looks for added and removed feeds
	newFeedDelay time.Duration // a feed found by sync is first polled within this

	mu  sync.Mutex
	rnd *rand.Rand
}

// NewPoller returns a poller that stores into st and summarizes with sum.
func NewPoller(opts Options, st Store, sum Summarizer) *Poller {
	opts.setDefaults()
	if sum == nil {
		sum = func(claimwatch.Report) claimwatch.Facts { return claimwatch.Facts{} }
	}
	p := &Poller{
		opts:  opts,
		st:    st,
		sum:   sum,
		log:   opts.Logger,
		now:   opts.Now,
		hosts: newHostLimiter(opts.PerHost),
		slots: make(chan struct{}, opts.Workers),
		rnd:   rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),

		syncEvery:    time.Minute,
		newFeedDelay: 30 * time.Second,
	}
	p.client = newClient(opts)
	return p
}

// jitter returns d scaled by a random factor in [lo, hi).
func (p *Poller) jitter(d time.Duration, lo, hi float64) time.Duration {
	p.mu.Lock()
	f := lo + (hi-lo)*p.rnd.Float64()
	p.mu.Unlock()
	return time.Duration(float64(d) * f)
}

// interval is how often f is polled when healthy.
func (p *Poller) interval(f claimwatch.Feed) time.Duration {
	d := f.Interval
	if d <= 0 {
		d = p.opts.DefaultInterval
	}
	return max(d, p.opts.MinInterval)
}

// PollOnce polls each feed once, at most Options.Workers at a time, and
// returns their results in input order, each in the shape of OUTPUT.md's
// `poll --once --json` line. A feed's failure is in its result and its
// stored health; the other feeds go on.
func (p *Poller) PollOnce(ctx context.Context, feeds []claimwatch.Feed) []claimwatch.PollResult {
	start := time.Now()
	results := make([]claimwatch.PollResult, len(feeds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(p.opts.Workers, len(feeds)) {
		wg.Go(func() {
			for i := range next {
				results[i], _ = p.poll(ctx, feeds[i])
			}
		})
	}
feed:
	for i := range feeds {
		select {
		case next <- i:
		case <-ctx.Done():
			for j := i; j < len(feeds); j++ {
				results[j] = claimwatch.PollResult{Feed: feeds[j].URL, Error: "canceled"}
			}
			break feed
		}
	}
	close(next)
	wg.Wait()
	failed, items, fresh := 0, 0, 0
	for _, r := range results {
		if !r.OK {
			failed++
		}
		items += r.Items
		fresh += r.New
	}
	p.log.Info("poll cycle done", "feeds", len(feeds), "failed", failed, "items", items, "new", fresh, "took", time.Since(start).Round(time.Millisecond))
	return results
}

// fmtDuration prints whole seconds as "120s", longer spans as Go does.
func fmtDuration(d time.Duration) string {
	if d < time.Second {
		return d.String()
	}
	d = d.Round(time.Second)
	if d < 10*time.Minute {
		return fmt.Sprintf("%ds", int64(d/time.Second))
	}
	return d.String()
}
