package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch"
)

// SenderStore is what the sender needs from the store: the outbox, and the
// chats it pauses or migrates.
type SenderStore interface {
	claimwatch.Outbox
	claimwatch.ChatStore
}

// Sender drains the outbox to a Deliverer within Telegram's limits.
//
// Guarantees:
//   - A chat's messages go out in ID order: only the oldest unsent message
//     of a chat is ever in flight.
//   - Nothing is lost: a message leaves the outbox (MarkSent) only after
//     Telegram accepted it, or refused it for good (Rejected, logged).
//   - Nothing repeats, except in one window: a process killed after
//     Telegram accepted a message and before MarkSent committed sends that
//     message again on the next start. On an orderly shutdown (ctx
//     cancelled) the messages in flight are finished and marked first.
//   - A 429 pauses every send for its retry_after, then the refused message
//     goes again; 5xx and network errors retry with backoff (1 s doubling
//     to 5 min, with jitter) through Outbox.Retry; a chat that blocked the
//     bot or no longer exists is paused and never retried; a migrated group
//     is moved (MigrateChat) and the message resent to its new ID.
//
// Several chats are in flight at once (a small worker pool), so a broadcast
// to many chats runs at the global limit.
type Sender struct {
	st   SenderStore
	d    Deliverer
	lim  *limiter
	log  *slog.Logger
	now  func() time.Time
	wake chan struct{}

	workers     int
	batch       int
	poll        time.Duration
	sendTimeout time.Duration
	minBackoff  time.Duration
	maxBackoff  time.Duration
}

// SenderOption changes a Sender's defaults.
type SenderOption func(*Sender)

// WithClock sets the sender's clock (NextMessages' now, MarkSent's time,
// the limiters). Timers still run on the runtime's clock, so tests that
// fake time do it with testing/synctest.
func WithClock(now func() time.Time) SenderOption { return func(s *Sender) { s.now = now } }

// WithSendTimeout bounds one delivery (default 30s). An orderly stop waits
// for the deliveries in flight, so this also bounds how long a stop takes
// when Telegram hangs.
func WithSendTimeout(d time.Duration) SenderOption {
	return func(s *Sender) {
		if d > 0 {
			s.sendTimeout = d
		}
	}
}

// WithWorkers sets how many chats may be in flight at once. The default
// covers about 60 ms of the global rate (at least 16, at most 256): each
// idle worker holds the next slot of the global bucket, and a slot nobody
// holds when its time comes is lost, so on a loaded machine too few
// workers fall short of the limit (measured: 16 workers reached 850/s of
// 1,000/s, 64 reached 994/s).
func WithWorkers(n int) SenderOption {
	return func(s *Sender) {
		if n > 0 {
			s.workers = n
		}
	}
}

// WithPollInterval sets how often the sender looks for due messages when
// nothing woke it (default 200 ms).
func WithPollInterval(d time.Duration) SenderOption {
	return func(s *Sender) {
		if d > 0 {
			s.poll = d
		}
	}
}

// WithBackoff sets the retry backoff after a transient failure: min
// doubles with each attempt up to max (defaults 1 s and 5 min).
func WithBackoff(min, max time.Duration) SenderOption {
	return func(s *Sender) {
		if min > 0 && max >= min {
			s.minBackoff, s.maxBackoff = min, max
		}
	}
}

// NewSender returns a sender; Run starts it.
func NewSender(st SenderStore, d Deliverer, lim Limits, log *slog.Logger, opts ...SenderOption) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Sender{
		st:          st,
		d:           d,
		log:         log,
		now:         time.Now,
		wake:        make(chan struct{}, 1),
		workers:     0, // from the limits, below
		batch:       64,
		poll:        200 * time.Millisecond,
		sendTimeout: 30 * time.Second,
		minBackoff:  time.Second,
		maxBackoff:  5 * time.Minute,
	}
	for _, o := range opts {
		o(s)
	}
	s.lim = newLimiter(lim, s.now)
	if s.workers == 0 {
		s.workers = min(max(int(s.lim.lim.Global/16), 16), 256)
	}
	return s
}

// Notify wakes the sender to look for messages now, as after an Enqueue.
// It never blocks.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// inflight is the set of chats whose head message a worker holds, and
// when each chat was last released. A fetch that began before a release
// may show the chat's old head (sent, retried or moved since), so the
// dispatcher skips chats released after its fetch began.
type inflight struct {
	mu       sync.Mutex
	chats    map[int64]bool
	seq      int64           // counts releases
	released map[int64]int64 // chat -> seq of its last release
}

func newInflight() *inflight {
	return &inflight{chats: map[int64]bool{}, released: map[int64]int64{}}
}

func (f *inflight) add(id int64) {
	f.mu.Lock()
	f.chats[id] = true
	f.mu.Unlock()
}

// del releases a chat.
func (f *inflight) del(id int64) {
	f.mu.Lock()
	delete(f.chats, id)
	f.seq++
	f.released[id] = f.seq
	f.mu.Unlock()
}

// begin marks the start of a fetch. Releases before it are forgotten: a
// worker releases its chat only after the store committed the outcome, so
// this fetch sees it.
func (f *inflight) begin() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.released)
	return f.seq
}

// busy reports whether a fetch begun at start must skip the chat: it is in
// flight, or was released after start.
func (f *inflight) busy(id, start int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.chats[id] || f.released[id] > start
}

func (f *inflight) len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.chats)
}

// Run sends until ctx ends, then finishes the messages in flight and
// returns nil. Store errors are logged and retried, not returned.
func (s *Sender) Run(ctx context.Context) error {
	fl := newInflight()
	jobs := make(chan claimwatch.OutMessage)
	var wg sync.WaitGroup
	for range s.workers {
		wg.Go(func() {
			for m := range jobs {
				s.send(ctx, m, fl)
				fl.del(m.ChatID)
				s.Notify()
			}
		})
	}
	defer wg.Wait()
	defer close(jobs)

	s.log.Info("sender started", "workers", s.workers)
	var queue []claimwatch.OutMessage
	extra := 0 // heads skipped last time because their chat must wait; fetch past them
	storeBackoff := s.poll
	for ctx.Err() == nil {
		if len(queue) == 0 {
			if d := s.lim.pausedFor(s.now()); d > 0 {
				s.idle(ctx, d) // after a 429 no head is ready; do not scan for them
				continue
			}
			s.lim.sweep()
			start := fl.begin()
			now := s.now()
			limit := min(s.batch+fl.len()+extra, 10000)
			msgs, err := s.st.NextMessages(ctx, now, limit)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				s.log.Error("sender: next messages", "err", err)
				s.idle(ctx, storeBackoff)
				storeBackoff = min(storeBackoff*2, time.Minute)
				continue
			}
			storeBackoff = s.poll
			var earliest time.Time
			extra = 0
			for _, m := range msgs {
				if fl.busy(m.ChatID, start) {
					continue
				}
				if at := s.lim.readyAt(m.ChatID, now); at.After(now) {
					extra++
					if earliest.IsZero() || at.Before(earliest) {
						earliest = at
					}
					continue
				}
				queue = append(queue, m)
			}
			if len(queue) == 0 {
				d := s.poll
				if !earliest.IsZero() {
					d = min(d, earliest.Sub(now))
				}
				s.idle(ctx, d)
				continue
			}
		}
		m := queue[0]
		fl.add(m.ChatID)
		select {
		case jobs <- m:
			queue = queue[1:]
		case <-ctx.Done():
			fl.del(m.ChatID)
		}
	}
	s.log.Info("sender stopping", "in_flight", fl.len())
	return nil
}

// idle waits d, or until Notify or ctx ends.
func (s *Sender) idle(ctx context.Context, d time.Duration) {
	t := time.NewTimer(max(d, time.Millisecond))
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.wake:
	case <-ctx.Done():
	}
}

// maxMigrations bounds how many times one message follows a migration.
const maxMigrations = 3

// send delivers one message and records the outcome. Once the limiter let
// it go, it runs to the end on a ctx that shutdown does not cancel, so an
// orderly stop never leaves a delivered message unmarked.
func (s *Sender) send(ctx context.Context, m claimwatch.OutMessage, fl *inflight) {
	log := s.log.With("chat_id", m.ChatID, "message_id", m.ID)
	chatID := m.ChatID
	migrations := 0
	for {
		if err := s.lim.wait(ctx, chatID); err != nil {
			return // shutting down before sending: the message stays in the outbox
		}
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.sendTimeout)
		err := s.d.Deliver(dctx, chatID, m.Text)
		cancel()
		if err == nil {
			s.markSent(ctx, m.ID, log)
			return
		}
		de, ok := errors.AsType[*DeliveryError](err)
		if !ok {
			de = &DeliveryError{Kind: Transient, Err: err}
		}
		switch de.Kind {
		case RateLimited:
			s.lim.pause(de.RetryAfter)
			log.Warn("send rate limited, pausing all sends", "retry_after", de.RetryAfter)
			continue // the same message, after the pause
		case Migrated:
			migrations++
			if migrations > maxMigrations {
				s.retry(ctx, m, de, log)
				return
			}
			// The new ID is in flight before the move commits, so the
			// dispatcher never sees the moved message as a free head.
			fl.add(de.MigrateTo)
			defer fl.del(de.MigrateTo)
			if err := s.st.MigrateChat(context.WithoutCancel(ctx), chatID, de.MigrateTo); err != nil {
				log.Error("migrate chat", "to", de.MigrateTo, "err", err)
				s.retry(ctx, m, de, log)
				return
			}
			log.Info("chat migrated", "to", de.MigrateTo)
			chatID = de.MigrateTo
			continue
		case Gone:
			log.Warn("chat gone, pausing it", "err", de)
			if err := s.st.PauseChat(context.WithoutCancel(ctx), chatID, reason(de)); err != nil {
				log.Error("pause chat", "err", err)
				s.retry(ctx, m, de, log)
			}
			return
		case Rejected:
			// Telegram will refuse this message every time; keeping it
			// would block the chat's later messages forever. It is marked
			// sent and the refusal logged for the operator.
			log.Error("message rejected, dropped", "err", de, "text_len", len(m.Text))
			s.markSent(ctx, m.ID, log)
			return
		default:
			s.retry(ctx, m, de, log)
			return
		}
	}
}

// reason is what PauseChat records: Telegram's own words.
func reason(de *DeliveryError) string {
	var err error = de
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

func (s *Sender) markSent(ctx context.Context, id int64, log *slog.Logger) {
	ctx = context.WithoutCancel(ctx)
	var err error
	for i := range 3 {
		if err = s.st.MarkSent(ctx, id, s.now()); err == nil {
			return
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	log.Error("mark sent failed; the message will be sent again", "err", err)
}

// retry puts the message back with a backoff by its attempts so far.
func (s *Sender) retry(ctx context.Context, m claimwatch.OutMessage, de *DeliveryError, log *slog.Logger) {
	d := s.minBackoff
	for i := 0; i < m.Attempts && d < s.maxBackoff; i++ {
		d *= 2
	}
	d = min(jitter(min(d, s.maxBackoff)), s.maxBackoff)
	log.Warn("send failed, will retry", "err", de, "attempts", m.Attempts+1, "retry_in", d)
	if err := s.st.Retry(context.WithoutCancel(ctx), m.ID, s.now().Add(d), de.Error()); err != nil {
		log.Error("record retry", "err", err)
	}
}
