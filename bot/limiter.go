package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are Telegram's send limits
// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
// Every bucket has burst 1: a bucket of burst b admits b more per window
// than its rate says.
type Limits struct {
	Global   rate.Limit // messages per second, all chats together; 0 means 30
	PerChat  rate.Limit // per second to one private chat; 0 means 1
	PerGroup rate.Limit // per second to one group (negative ID); 0 means 20 a minute
}

// DefaultLimits are the limits Telegram documents.
func DefaultLimits() Limits {
	return Limits{Global: 30, PerChat: 1, PerGroup: rate.Every(3 * time.Second)}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.Global <= 0 {
		l.Global = d.Global
	}
	if l.PerChat <= 0 {
		l.PerChat = d.PerChat
	}
	if l.PerGroup <= 0 {
		l.PerGroup = d.PerGroup
	}
	return l
}

// limiter spaces sends: one global bucket, one bucket per chat, and a
// global pause set by a 429. Per-chat buckets live in a map; a bucket that
// is full again is the same as a new one, so idle ones are evicted.
type limiter struct {
	lim    Limits
	now    func() time.Time
	global *rate.Limiter
	window *window // guarded by mu

	mu         sync.Mutex
	chats      map[int64]*rate.Limiter
	pauseUntil time.Time
	lastSweep  time.Time
}

func newLimiter(lim Limits, now func() time.Time) *limiter {
	lim = lim.withDefaults()
	return &limiter{
		lim:    lim,
		now:    now,
		global: rate.NewLimiter(lim.Global, 1),
		window: newWindow(lim.Global),
		chats:  map[int64]*rate.Limiter{},
	}
}

// chatLimit is the rate for one chat: groups (negative IDs) are bound by
// both the per-chat and the per-group limit.
func (l *limiter) chatLimit(chatID int64) rate.Limit {
	if chatID < 0 {
		return min(l.lim.PerChat, l.lim.PerGroup)
	}
	return l.lim.PerChat
}

func (l *limiter) chat(chatID int64) *rate.Limiter {
	cl, ok := l.chats[chatID]
	if !ok {
		cl = rate.NewLimiter(l.chatLimit(chatID), 1)
		l.chats[chatID] = cl
	}
	return cl
}

// readyAt returns when chatID may next be sent to, without taking the
// token: now when it may be sent to at once.
func (l *limiter) readyAt(chatID int64, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	at := now
	if cl, ok := l.chats[chatID]; ok {
		if tok := cl.TokensAt(now); tok < 1 {
			at = now.Add(time.Duration((1 - tok) / float64(cl.Limit()) * float64(time.Second)))
		}
	}
	if l.pauseUntil.After(at) {
		at = l.pauseUntil
	}
	return at
}

// pausedFor returns how long every send is still paused by a 429.
func (l *limiter) pausedFor(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return max(l.pauseUntil.Sub(now), 0)
}

// pause stops every send until now+d.
func (l *limiter) pause(d time.Duration) {
	until := l.now().Add(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	if until.After(l.pauseUntil) {
		l.pauseUntil = until
	}
}

// wait blocks until a message may go to chatID now, and takes its tokens:
// first the global pause, then the chat's bucket, then the global bucket,
// and the chat's token last, at the moment of sending, so two sends to one
// chat are never closer than its interval however long the global wait was.
//
// Workers reserve global slots ahead, which keeps the rate up when the
// scheduler wakes them late; but workers woken late together would fire
// together, so the send itself must also pass the window: no more than
// Global sends in any second, counted at the moment of sending.
func (l *limiter) wait(ctx context.Context, chatID int64) error {
	for {
		now := l.now()
		if err := sleep(ctx, l.readyAt(chatID, now).Sub(now)); err != nil {
			return err
		}
		now = l.now()
		r := l.global.ReserveN(now, 1)
		if err := sleep(ctx, r.DelayFrom(now)); err != nil {
			r.CancelAt(l.now())
			return err
		}
		for {
			l.mu.Lock()
			now = l.now()
			if l.pauseUntil.After(now) {
				// A 429 paused everything while this waited for the global
				// token; that token is spent, and the outer loop waits out
				// the pause.
				l.mu.Unlock()
				break
			}
			if d := l.window.delay(now); d > 0 {
				l.mu.Unlock()
				if err := sleep(ctx, d); err != nil {
					return err
				}
				continue
			}
			ok := l.chat(chatID).AllowN(now, 1)
			if ok {
				l.window.add(now)
			}
			l.mu.Unlock()
			if ok {
				return nil
			}
			break // the chat's bucket is empty: only if two sends raced for one chat
		}
	}
}

// window remembers the times of the last n sends, to keep any one-second
// window at n or fewer.
type window struct {
	times []time.Time // a ring; next is the oldest once full
	next  int
	full  bool
}

func newWindow(perSecond rate.Limit) *window {
	return &window{times: make([]time.Time, max(1, int(perSecond)))}
}

// delay returns how long to wait before a send at now keeps the window.
func (w *window) delay(now time.Time) time.Duration {
	if !w.full {
		return 0
	}
	return w.times[w.next].Add(time.Second).Sub(now)
}

func (w *window) add(now time.Time) {
	w.times[w.next] = now
	w.next++
	if w.next == len(w.times) {
		w.next, w.full = 0, true
	}
}

// sweep drops the buckets of chats that are full again, once a minute (once a
// second while there are many), so a broadcast to many chats does not keep a bucket for each.
func (l *limiter) sweep() {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	since := now.Sub(l.lastSweep)
	if since < time.Second || (since < time.Minute && len(l.chats) < 4096) {
		return
	}
	l.lastSweep = now
	for id, cl := range l.chats {
		if cl.TokensAt(now) >= 1 {
			delete(l.chats, id)
		}
	}
}
