package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/robfig/cron/v3"
)

// digestWindow is what a digest covers: the last day.
const digestWindow = 24 * time.Hour

// Digester writes each chat's daily digest to the outbox: the distinct
// incidents first seen in the last 24 hours that pass the chat's filters,
// counted by claimant and by country, then listed with their links.
//
// Who gets one, and when (local time in the chat's time zone):
//   - a chat in digest or both mode, in the hour DigestHour;
//   - a chat in instant mode with quiet hours, in the hour its quiet hours
//     end (QuietTo), so the alerts held back during them are not lost.
//
// A chat gets at most one digest per local date (Chat.LastDigest, saved
// with the messages in one transaction). A digest hour that does not exist
// that day (a daylight-saving gap) or that passes while claimwatch is down
// is skipped, not caught up later.
type Digester struct {
	st  Store
	log *slog.Logger
	now func() time.Time
}

// NewDigester returns a Digester over st. now is time.Now when nil.
func NewDigester(st Store, log *slog.Logger, now func() time.Time) *Digester {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Digester{st: st, log: log, now: now}
}

// digestDue reports whether chat c is owed its digest at now, and the
// local date it is for.
func digestDue(c claimwatch.Chat, now time.Time) (date string, due bool) {
	s := c.Settings
	local := now.In(s.Location())
	date = local.Format(time.DateOnly)
	if c.LastDigest >= date { // >=: a time zone moved west must not repeat a day
		return date, false
	}
	switch {
	case s.Digest():
		return date, local.Hour() == s.DigestHour
	case s.Instant() && s.QuietFrom != s.QuietTo:
		return date, local.Hour() == s.QuietTo
	}
	return date, false
}

// DigestOnce writes the digests due at now. One chat's failure does not
// stop the others; the failures are returned joined.
func (d *Digester) DigestOnce(ctx context.Context, now time.Time) error {
	chats, err := d.st.SubscribedChats(ctx)
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	var (
		recent []claimwatch.Incident
		loaded bool
		errs   []error
	)
	for _, c := range chats {
		date, due := digestDue(c, now)
		if !due {
			continue
		}
		if !loaded {
			recent, err = d.st.Incidents(ctx, claimwatch.IncidentQuery{From: now.Add(-digestWindow), To: now})
			if err != nil {
				return fmt.Errorf("digest: incidents since %s: %w", now.Add(-digestWindow).Format(time.RFC3339), err)
			}
			recent = slices.DeleteFunc(recent, func(in claimwatch.Incident) bool {
				return in.FirstSeen.Before(now.Add(-digestWindow)) || !in.FirstSeen.Before(now)
			})
			loaded = true
		}
		msgs := digestMessages(c, date, recent, now)
		if err := d.st.SaveDigest(ctx, c.ID, date, msgs); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = append(errs, fmt.Errorf("digest of chat %d for %s: %w", c.ID, date, err))
			continue
		}
		d.log.Info("digest saved", "chat_id", c.ID, "date", date, "messages", len(msgs))
	}
	return errors.Join(errs...)
}

// digestMessages renders chat c's digest of the incidents it wants. A
// quiet-hours catch-up with nothing to tell is no message at all.
func digestMessages(c claimwatch.Chat, date string, recent []claimwatch.Incident, now time.Time) []claimwatch.OutMessage {
	s := c.Settings
	var ins []claimwatch.Incident
	for _, in := range recent {
		if s.Wants(in) {
			ins = append(ins, in)
		}
	}
	if len(ins) == 0 && !s.Digest() {
		return nil
	}
	t := catalog(s.Lang)
	header := t.Mark + fmt.Sprintf(t.DigestHeader, date, t.Attacks.Count(t.Lang, len(ins)))
	var msgs []claimwatch.OutMessage
	for _, p := range Split(renderDigest(t, header, ins, s.Location()), MaxMessageLen) {
		msgs = append(msgs, claimwatch.OutMessage{ChatID: c.ID, Kind: "digest", Text: p, CreatedAt: now})
	}
	return msgs
}

// Run writes due digests every minute until ctx ends. It runs a cron
// scheduler in UTC with one fixed per-minute job (never a schedule built
// from a chat's settings: digestDue decides in each chat's time zone), and
// returns once the running job, if any, has finished.
func (d *Digester) Run(ctx context.Context) error {
	l := cronLogger{d.log}
	c := cron.New(
		cron.WithLocation(time.UTC),
		cron.WithLogger(l),
		// SkipIfStillRunning outside, Recover inside: a panic is recovered
		// before it could leave SkipIfStillRunning's lock taken.
		cron.WithChain(cron.SkipIfStillRunning(l), cron.Recover(l)),
	)
	job := func() {
		if err := d.DigestOnce(ctx, d.now()); err != nil && ctx.Err() == nil {
			d.log.Warn("digest failed", "err", err)
		}
	}
	if _, err := c.AddFunc("* * * * *", job); err != nil {
		return fmt.Errorf("digest: schedule: %w", err)
	}
	job() // the minute we start in counts too
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// cronLogger passes cron's log into slog; its chatty Info goes to Debug.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
