package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/robfig/cron/v3"
)

// Run polls every stored feed once, then each on its own schedule (its
// interval with jitter) until ctx is done, and returns after every job has
// stopped. A feed backing off after failures waits for its stored NextPoll
// (backoff, Retry-After) even at start. Feeds added to or removed from the
// store while it runs are picked up within a minute.
func (p *Poller) Run(ctx context.Context) error {
	all, err := p.st.Feeds(ctx)
	if err != nil {
		return fmt.Errorf("poller: list feeds: %w", err)
	}
	now := p.now()
	var first []claimwatch.Feed
	for _, f := range all {
		if !backingOff(f, now) {
			first = append(first, f)
		}
	}
	p.log.Info("poller started", "feeds", len(all), "backing_off", len(all)-len(first))
	p.PollOnce(ctx, first)
	if ctx.Err() != nil {
		return nil
	}

	l := cronLogger{p.log}
	c := cron.New(
		cron.WithLocation(time.UTC),
		cron.WithLogger(l),
		// SkipIfStillRunning outside, Recover inside: the other order leaves
		// a job locked for good after a panic (cron v3.0.1).
		cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l)),
	)
	s := &scheduler{p: p, c: c, entries: map[int64]*entry{}}
	now = p.now()
	for _, f := range all {
		// Just polled: due again in one interval. The jitter here and in
		// jitterSchedule spreads feeds polled together over time.
		delay := p.jitter(p.interval(f), 0.8, 1.2)
		if backingOff(f, now) {
			delay = f.Health.NextPoll.Sub(now) + p.jitter(time.Second, 0, 1)
		}
		s.add(ctx, f, delay)
	}
	c.Schedule(every(p.syncEvery), cron.FuncJob(func() { s.sync(ctx) }))
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// scheduler keeps one cron entry per stored feed.
type scheduler struct {
	p *Poller
	c *cron.Cron

	mu      sync.Mutex
	entries map[int64]*entry // by feed ID
}

type entry struct {
	id       cron.EntryID
	url      string // the feed's current URL; a permanent redirect moves it
	interval time.Duration
}

// backingOff reports whether f failed and must wait for its NextPoll.
func backingOff(f claimwatch.Feed, now time.Time) bool {
	return f.Health.ConsecutiveFailures > 0 && f.Health.NextPoll.After(now)
}

// add schedules a feed whose first run comes after firstDelay.
func (s *scheduler) add(ctx context.Context, f claimwatch.Feed, firstDelay time.Duration) {
	iv := s.p.interval(f)
	sched := &jitterSchedule{p: s.p, interval: iv, first: max(firstDelay, time.Millisecond)}
	e := &entry{url: f.URL, interval: iv}
	id := f.ID
	e.id = s.c.Schedule(sched, cron.FuncJob(func() { s.run(ctx, id) }))
	s.mu.Lock()
	s.entries[id] = e
	s.mu.Unlock()
}

// run polls one feed if it is due.
func (s *scheduler) run(ctx context.Context, id int64) {
	s.mu.Lock()
	e, ok := s.entries[id]
	var u string
	if ok {
		u = e.url
	}
	s.mu.Unlock()
	if !ok || ctx.Err() != nil {
		return
	}
	f, err := s.p.st.FeedByURL(ctx, u)
	if err != nil {
		if !errors.Is(err, claimwatch.ErrNotFound) {
			s.p.log.Warn("load feed failed", "feed_url", u, "err", err)
		}
		return
	}
	now := s.p.now()
	iv := s.p.interval(f)
	due := f.Health.NextPoll
	if f.Health.ConsecutiveFailures == 0 {
		// A healthy feed's NextPoll is exactly one interval on; the jittered
		// schedule may wake a little before it.
		due = due.Add(-iv / 4)
	}
	if now.Before(due) {
		return
	}
	_, saved := s.p.poll(ctx, f)
	if saved.URL != u {
		s.mu.Lock()
		if e, ok := s.entries[id]; ok {
			e.url = saved.URL
		}
		s.mu.Unlock()
	}
}

// sync adds entries for new feeds, removes those of removed feeds, and
// reschedules feeds whose interval changed.
func (s *scheduler) sync(ctx context.Context) {
	all, err := s.p.st.Feeds(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.p.log.Warn("list feeds failed", "err", err)
		}
		return
	}
	live := make(map[int64]bool, len(all))
	for _, f := range all {
		live[f.ID] = true
		s.mu.Lock()
		e, ok := s.entries[f.ID]
		if ok {
			e.url = f.URL
		}
		s.mu.Unlock()
		switch {
		case !ok:
			s.p.log.Info("feed added", "feed", f.Name, "feed_url", f.URL)
			s.add(ctx, f, s.p.jitter(s.p.newFeedDelay, 0.5, 1.0))
		case e.interval != s.p.interval(f):
			s.c.Remove(e.id)
			s.add(ctx, f, s.p.jitter(s.p.interval(f), 0.8, 1.2))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, e := range s.entries {
		if !live[id] {
			s.c.Remove(e.id)
			delete(s.entries, id)
			s.p.log.Info("feed removed", "feed_url", e.url)
		}
	}
}

// jitterSchedule fires every interval scaled by 0.9 to 1.1, the first time
// after first, so hundreds of feeds do not wake together. cron calls Next
// from its one goroutine.
type jitterSchedule struct {
	p        *Poller
	interval time.Duration
	first    time.Duration
}

func (j *jitterSchedule) Next(t time.Time) time.Time {
	if j.first > 0 {
		d := j.first
		j.first = 0
		return t.Add(d)
	}
	return t.Add(j.p.jitter(j.interval, 0.9, 1.1))
}

// every is a fixed period; cron.Every rounds to whole seconds.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

// cronLogger adapts slog to cron.Logger. cron's Info is chatty (every wake
// up), so it goes to Debug.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
