package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/mmcdole/gofeed"
)

const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// poll polls one feed: fetch, decode, parse, translate, summarize and store
// the new and edited items, then save the feed's health. It returns the
// result and the feed as saved.
func (p *Poller) poll(ctx context.Context, f claimwatch.Feed) (claimwatch.PollResult, claimwatch.Feed) {
	res := claimwatch.PollResult{Feed: f.URL}
	select {
	case p.slots <- struct{}{}:
		defer func() { <-p.slots }()
	case <-ctx.Done():
		res.Error = "canceled"
		return res, f
	}
	start := time.Now() // the wall clock, not p.now, measures the poll
	log := p.log.With("feed", f.Name, "feed_url", f.URL)

	out, err := p.pollFeed(ctx, f, &res)
	res.Seconds = time.Since(start).Seconds()
	if ctx.Err() != nil {
		// Shutting down: keep the stored state as it was, so the next start
		// fetches again and stores what this poll did not reach.
		res.OK, res.Error = false, "canceled"
		return res, f
	}
	now := p.now()
	h := &out.Health
	h.LastPoll = now
	h.LastStatus = res.Status
	h.ItemsSeen += res.New // a failure part-way may have stored some
	var tell, down bool    // OnHealthChange(down), once the state is saved
	if err == nil {
		res.OK = true
		tell = h.DownNotified
		h.LastSuccess = now
		h.LastError = ""
		h.ConsecutiveFailures = 0
		h.FailingSince = time.Time{}
		h.DownNotified = false
		h.NextPoll = now.Add(p.interval(out))
		log.Debug("poll done", "status", res.Status, "items", res.Items, "new", res.New, "took", res.Seconds)
	} else {
		res.Error = userError(err)
		h.LastError = res.Error
		h.ConsecutiveFailures++
		if h.FailingSince.IsZero() {
			h.FailingSince = now
		}
		wait := max(p.backoff(h.ConsecutiveFailures), p.interval(out))
		if se, ok := errors.AsType[*StatusError](err); ok && se.RetryAfter > wait {
			wait = se.RetryAfter
		}
		h.NextPoll = now.Add(wait)
		if now.Sub(h.FailingSince) >= p.opts.DownAfter && !h.DownNotified {
			h.DownNotified = true
			tell, down = true, true
		}
		attrs := []any{"status", res.Status, "err", err, "failures", h.ConsecutiveFailures, "next_poll", h.NextPoll}
		if cause := errors.Unwrap(err); cause != nil && cause.Error() != err.Error() {
			attrs = append(attrs, "cause", cause) // the short message leaves out the detail
		}
		log.Warn("poll failed", attrs...)
	}
	if serr := p.st.SaveFeedState(ctx, out); serr != nil {
		// Admins are not told what is not saved: the next poll tells them.
		log.Error("save feed state failed", "err", serr)
		if res.OK {
			res.OK, res.Error = false, userError(serr)
		}
		return res, out
	}
	if tell && p.opts.OnHealthChange != nil {
		p.opts.OnHealthChange(ctx, out, down)
	}
	return res, out
}

// backoff is the wait after n consecutive failures: BackoffMin doubling up
// to BackoffMax, scaled by a jitter of 0.5 to 1.5.
func (p *Poller) backoff(n int) time.Duration {
	d := p.opts.BackoffMin
	for i := 1; i < n && d < p.opts.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, p.opts.BackoffMax)
	return min(p.jitter(d, 0.5, 1.5), p.opts.BackoffMax)
}

// pollFeed does the work of poll and returns the feed with its new URL and
// validators; its health is poll's to update. Validators change only when
// every item was stored, so a poll cut short fetches everything again.
func (p *Poller) pollFeed(ctx context.Context, f claimwatch.Feed, res *claimwatch.PollResult) (out claimwatch.Feed, err error) {
	out = f // what a panic leaves
	// A panic in a library or the summarizer on one feed's odd input is
	// that feed's failure, not the end of every feed's polling.
	defer func() {
		if r := recover(); r != nil {
			p.log.Error("poll panicked", "feed", f.Name, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	resp, err := p.fetch(ctx, request{
		url: f.URL, etag: f.ETag, lastModified: f.LastModified,
		maxBody: p.opts.MaxBody, timeout: p.opts.Timeout, accept: feedAccept,
	})
	res.Status = resp.status
	if err == nil && resp.movedTo != "" && resp.movedTo != f.URL {
		p.log.Info("feed moved", "feed", f.Name, "from", f.URL, "to", resp.movedTo)
		f.URL = resp.movedTo
	}
	if err != nil {
		return f, err
	}
	if resp.status == http.StatusNotModified {
		return f, nil
	}
	base, _ := url.Parse(f.URL)
	parsed, err := parse(resp.body, resp.contentType, f.Charset)
	if err != nil {
		return f, err
	}
	now := p.now().UTC()
	items := translate(parsed.Items, base, f.ID, now)
	res.Items = len(items)
	for _, it := range items {
		saved, err := p.storeItem(ctx, f, it, now)
		if err != nil {
			return f, err
		}
		if saved.New {
			res.New++
		}
	}
	f.ETag, f.LastModified = resp.etag, resp.lastModified
	return f, nil
}

// parse decodes the body to UTF-8 and parses it as RSS, Atom or JSON Feed.
func parse(body []byte, contentType, fallbackCharset string) (*gofeed.Feed, error) {
	typ, _ := mediaType(contentType)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w (empty body)", ErrNotAFeed)
	}
	utf, err := toUTF8(body, contentType, fallbackCharset)
	if err != nil {
		return nil, err
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(utf))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			if typ == "" {
				typ = "unknown content type"
			}
			return nil, fmt.Errorf("%w (%s)", ErrNotAFeed, typ)
		}
		return nil, fmt.Errorf("malformed feed: %w", err)
	}
	if parsed.FeedType == "json" && parsed.FeedVersion == "" && len(parsed.Items) == 0 {
		// Any JSON object parses; a JSON Feed says its version.
		return nil, fmt.Errorf("%w (JSON without a JSON Feed version)", ErrNotAFeed)
	}
	return parsed, nil
}

// storeItem summarizes and saves an item unless the store holds it
// unchanged.
func (p *Poller) storeItem(ctx context.Context, f claimwatch.Feed, it claimwatch.Item, now time.Time) (claimwatch.SaveResult, error) {
	hash, found, err := p.st.ItemHash(ctx, f.ID, it.Key)
	if err != nil {
		return claimwatch.SaveResult{}, fmt.Errorf("store: item %s: %w", it.Key, err)
	}
	if found && hash == it.Hash {
		return claimwatch.SaveResult{}, nil
	}
	if f.FullText && it.Link != "" {
		// The Hash stays the teaser's: it is what the next poll compares.
		if text, err := p.article(ctx, it.Link); err != nil {
			p.log.Debug("full text failed, keeping the teaser", "feed", f.Name, "item_key", it.Key, "err", err)
		} else if len(text) > len(it.Text) {
			it.Text = text
		}
	}
	facts := p.sum(it.Report(f.Name))
	rec := claimwatch.ReportRecord{
		Item:  it,
		Feed:  f.Name,
		Facts: facts,
		Alert: now.Sub(it.Published) <= p.opts.AlertWindow,
		Now:   now,
	}
	saved, err := p.st.SaveReport(ctx, rec)
	if err != nil {
		return saved, fmt.Errorf("store: save item %s: %w", it.Key, err)
	}
	p.log.Debug("item stored", "feed", f.Name, "item_key", it.Key, "new", saved.New, "edited", saved.Edited)
	return saved, nil
}

// userError is the error as a feed's health shows it.
func userError(err error) string {
	if errors.Is(err, context.Canceled) {
		return "canceled"
	}
	return err.Error()
}
