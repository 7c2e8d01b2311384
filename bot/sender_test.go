package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/bot/tgtest"
)

// runLoop runs one of the bot's loops until the returned stop is called
// or the test ends, and checks that it returns nil within grace of being
// cancelled.
func runLoop(t *testing.T, name string, grace time.Duration, run func(context.Context) error) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
			case <-time.After(grace):
				t.Errorf("%s did not return %s after cancel", name, grace)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// startSender runs a sender until the test ends (or stop is called) and
// checks that Run returns nil.
func startSender(t *testing.T, s *Sender) (stop func()) {
	t.Helper()
	return runLoop(t, "Sender.Run", 10*time.Second, s.Run)
}

// enqueue saves the messages' chats when new, then enqueues the messages.
func enqueueMsgs(t testing.TB, st SenderStore, msgs ...claimwatch.OutMessage) {
	t.Helper()
	seen := map[int64]bool{}
	for _, m := range msgs {
		if seen[m.ChatID] {
			continue
		}
		seen[m.ChatID] = true
		if _, err := st.Chat(t.Context(), m.ChatID); errors.Is(err, claimwatch.ErrNotFound) {
			saveTestChat(t, st, m.ChatID)
		} else if err != nil {
			t.Fatalf("Chat(%d): %v", m.ChatID, err)
		}
	}
	if err := st.Enqueue(t.Context(), msgs); err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
}

func outMsg(chatID int64, text string) claimwatch.OutMessage {
	return claimwatch.OutMessage{ChatID: chatID, Kind: "alert", Text: text, CreatedAt: time.Now()}
}

// waitTotal waits until the server accepted n messages in all.
func waitTotal(t testing.TB, srv *tgtest.Server, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for srv.SentCount() < n {
		if time.Now().After(deadline) {
			t.Fatalf("server accepted %d messages after %s, want %d", srv.SentCount(), timeout, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// checkInOrder checks that chatID got exactly want, in order.
func checkInOrder(t testing.TB, srv *tgtest.Server, chatID int64, want ...string) {
	t.Helper()
	got := srv.Sent(chatID)
	if len(got) != len(want) {
		t.Errorf("chat %d got %d messages %q, want %q", chatID, len(got), sentTexts(got), want)
		return
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("chat %d message %d = %q, want %q (all: %q)", chatID, i, got[i].Text, want[i], sentTexts(got))
		}
	}
}

func sentTexts(ms []tgtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

// jitterWindow is how much shorter than the limit's window the server's
// measure is: requests leave the sender spaced exactly, but reach the
// server after a scheduling delay that varies by some milliseconds.
const jitterWindow = 50 * time.Millisecond

func TestSenderKeepsOrderAndLimits(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	lim := Limits{Global: 20, PerChat: 2, PerGroup: 1}
	var want = map[int64][]string{}
	var msgs []claimwatch.OutMessage
	for i := range 4 {
		for c := int64(1); c <= 10; c++ {
			text := fmt.Sprintf("chat %d message %d", c, i)
			msgs = append(msgs, outMsg(c, text))
			want[c] = append(want[c], text)
		}
		text := fmt.Sprintf("group message %d", i)
		msgs = append(msgs, outMsg(-100, text))
		want[-100] = append(want[-100], text)
	}
	enqueueMsgs(t, st, msgs...)
	rec := newSendLog(tg, len(msgs))
	startSender(t, NewSender(st, rec, lim, log))
	waitTotal(t, srv, len(msgs), 20*time.Second)
	for c, w := range want {
		checkInOrder(t, srv, c, w...)
	}
	if got := rec.maxIn(time.Second); got > 20 {
		t.Errorf("the sender started %d deliveries within one second, want at most 20", got)
	}
	if got := srv.MaxInWindow(0, time.Second-jitterWindow); got > 20 {
		t.Errorf("%d messages in one second, want at most 20", got)
	}
	for c := int64(1); c <= 10; c++ {
		if got := srv.MaxInWindow(c, 500*time.Millisecond-jitterWindow); got > 1 {
			t.Errorf("chat %d got %d messages within 500ms, want at most 1 (2/s)", c, got)
		}
	}
	if got := srv.MaxInWindow(-100, time.Second-jitterWindow); got > 1 {
		t.Errorf("group got %d messages within 1s, want at most 1", got)
	}
	assertNoToken(t, buf.String())
}

func TestSenderRateLimitPausesEverySend(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	srv.FailNext(3, 1, tgtest.TooManyRequests(1))
	var msgs []claimwatch.OutMessage
	for c := int64(1); c <= 8; c++ {
		msgs = append(msgs, outMsg(c, fmt.Sprintf("alert for %d", c)))
	}
	enqueueMsgs(t, st, msgs...)
	startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 1}, log, WithWorkers(4)))
	waitTotal(t, srv, 8, 10*time.Second)
	var refusedAt time.Time
	for _, a := range srv.Attempts() {
		switch {
		case a.Status == 429:
			refusedAt = a.At
		// Requests already on their way when the 429 came cannot be
		// recalled; nothing may start after it until retry_after passed.
		case !refusedAt.IsZero() && a.At.Sub(refusedAt) > jitterWindow && a.At.Sub(refusedAt) < time.Second-jitterWindow:
			t.Errorf("chat %d sent %s after the 429, want nothing for retry_after=1s", a.ChatID, a.At.Sub(refusedAt))
		}
	}
	if refusedAt.IsZero() {
		t.Fatal("the server never answered 429")
	}
	for c := int64(1); c <= 8; c++ {
		checkInOrder(t, srv, c, fmt.Sprintf("alert for %d", c))
	}
	assertNoToken(t, buf.String())
}

func TestSenderRetriesServerErrors(t *testing.T) {
	tests := []struct {
		name  string
		fault tgtest.Fault
		n     int
	}{
		{"JSON 500", tgtest.ServerError(500), 2},
		{"HTML 502 page", tgtest.BadGatewayPage(), 2},
		{"timeout", tgtest.Timeout(), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := tgtest.New(t)
			log, buf := captureLogger(t)
			tg, err := NewTelegram(t.Context(), TelegramOptions{Token: fakeToken(srv.Token), Endpoint: srv.Endpoint(),
				SendTimeout: 300 * time.Millisecond, Logger: log})
			if err != nil {
				t.Fatal(err)
			}
			st := openSenderStore(t)
			srv.FailNext(7, tc.n, tc.fault)
			enqueueMsgs(t, st, outMsg(7, "first"), outMsg(7, "second"), outMsg(8, "other chat"))
			startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 50}, log,
				WithBackoff(20*time.Millisecond, 100*time.Millisecond), WithPollInterval(20*time.Millisecond)))
			srv.WaitSent(t, 7, 2, 10*time.Second)
			srv.WaitSent(t, 8, 1, 10*time.Second)
			checkInOrder(t, srv, 7, "first", "second")
			checkInOrder(t, srv, 8, "other chat")
			assertNoToken(t, buf.String())
		})
	}
}

func TestSenderPausesGoneChat(t *testing.T) {
	tests := []struct {
		name  string
		fault tgtest.Fault
	}{
		{"blocked by the user", tgtest.Forbidden("bot was blocked by the user")},
		{"chat not found", tgtest.ChatNotFound()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := tgtest.New(t)
			log, _ := captureLogger(t)
			tg := newTestTelegram(t, srv, log)
			st := openSenderStore(t)
			saveTestChat(t, st, 6)
			saveTestChat(t, st, 9)
			srv.FailNext(6, -1, tc.fault)
			enqueueMsgs(t, st, outMsg(6, "one"), outMsg(6, "two"), outMsg(9, "fine"))
			startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 50}, log, WithPollInterval(20*time.Millisecond)))
			srv.WaitSent(t, 9, 1, 5*time.Second)
			waitUntil(t, 5*time.Second, "chat 6 paused", func() bool {
				c, err := st.Chat(t.Context(), 6)
				return err == nil && c.Paused
			})
			time.Sleep(200 * time.Millisecond)
			if n := countAttempts(srv, 6); n != 1 {
				t.Errorf("chat 6 was tried %d times, want 1 (paused, never retried)", n)
			}
			c, err := st.Chat(t.Context(), 6)
			if err != nil || c.PausedReason == "" {
				t.Errorf("chat 6 = %+v, %v; want a pause reason", c, err)
			}
		})
	}
}

func TestSenderFollowsMigration(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	saveTestChat(t, st, -5)
	srv.FailNext(-5, 1, tgtest.Migrate(-1005))
	enqueueMsgs(t, st, outMsg(-5, "before"), outMsg(-5, "after"))
	startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 50, PerGroup: 50}, log, WithPollInterval(20*time.Millisecond)))
	srv.WaitSent(t, -1005, 2, 5*time.Second)
	checkInOrder(t, srv, -1005, "before", "after")
	checkInOrder(t, srv, -5)
	c, err := st.Chat(t.Context(), -1005)
	if err != nil || !c.Subscribed {
		t.Errorf("Chat(-1005) = %+v, %v; want the subscription moved there", c, err)
	}
}

func TestSenderDropsRejectedMessage(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	enqueueMsgs(t, st, outMsg(4, "a < b is not HTML"), outMsg(4, "a &lt; b is"))
	startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 50}, log, WithPollInterval(20*time.Millisecond)))
	srv.WaitSent(t, 4, 1, 5*time.Second)
	checkInOrder(t, srv, 4, "a &lt; b is")
}

func TestSenderNotifyWakesIt(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	s := NewSender(st, tg, Limits{Global: 100}, log, WithPollInterval(time.Hour))
	startSender(t, s)
	time.Sleep(50 * time.Millisecond) // let it go idle
	enqueueMsgs(t, st, outMsg(3, "now"))
	s.Notify()
	srv.WaitSent(t, 3, 1, 2*time.Second)
}

func TestSenderStopsDuringRateLimitPause(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	srv.FailNext(0, 1, tgtest.TooManyRequests(60))
	enqueueMsgs(t, st, outMsg(1, "held"), outMsg(2, "held too"))
	stop := startSender(t, NewSender(st, tg, Limits{Global: 100}, log))
	waitUntil(t, 5*time.Second, "the 429", func() bool { return countAttempts(srv, 0) > 0 })
	start := time.Now()
	stop()
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("stopping took %s during a 60s pause, want at once", took)
	}
	next, err := st.NextMessages(t.Context(), time.Now(), 10)
	if err != nil || len(next) != 2 {
		t.Errorf("NextMessages after stop = %d messages, %v; want both still owed", len(next), err)
	}
}

// killable wraps a store and a deliverer so a test can kill the sender
// abruptly: once killed, nothing more reaches Telegram or the store, as
// when the process dies. Deliveries in flight that already reached the
// server stay delivered but unmarked.
type killable struct {
	SenderStore
	d      Deliverer
	killed atomic.Bool
}

var errKilled = errors.New("process killed")

func (k *killable) Deliver(ctx context.Context, chatID int64, text string) error {
	if k.killed.Load() {
		return errKilled
	}
	err := k.d.Deliver(ctx, chatID, text)
	if k.killed.Load() {
		return errKilled
	}
	return err
}

func (k *killable) MarkSent(ctx context.Context, id int64, at time.Time) error {
	if k.killed.Load() {
		return errKilled
	}
	return k.SenderStore.MarkSent(ctx, id, at)
}

func (k *killable) Retry(ctx context.Context, id int64, notBefore time.Time, lastError string) error {
	if k.killed.Load() {
		return errKilled
	}
	return k.SenderStore.Retry(ctx, id, notBefore, lastError)
}

func TestSenderCrashLosesNothing(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	quiet := slog.New(slog.DiscardHandler)
	tg := newTestTelegram(t, srv, log)
	path := senderStorePath(t)
	st := reopenSenderStore(t, path)
	const chats = 1000
	lim := Limits{Global: 500, PerChat: 100}
	var msgs []claimwatch.OutMessage
	for round := range 2 {
		for c := int64(1); c <= chats; c++ {
			msgs = append(msgs, outMsg(c, fmt.Sprintf("broadcast %d", round)))
		}
	}
	enqueueMsgs(t, st, msgs...)

	k := &killable{SenderStore: st, d: tg}
	stop := startSender(t, NewSender(k, k, lim, quiet, WithWorkers(8)))
	waitTotal(t, srv, chats/2, 20*time.Second)
	k.killed.Store(true)
	stop()
	before := srv.SentCount()

	st2 := reopenSenderStore(t, path)
	startSender(t, NewSender(st2, tg, lim, quiet, WithWorkers(8)))
	waitTotal(t, srv, len(msgs), 30*time.Second)
	time.Sleep(100 * time.Millisecond) // a duplicate beyond the in-flight ones would show now

	dups := 0
	for c := int64(1); c <= chats; c++ {
		got := sentTexts(srv.Sent(c))
		want := []string{"broadcast 0", "broadcast 1"}
		// At most one duplicate per chat: the message in flight when killed.
		ok := len(got) == 2 && got[0] == want[0] && got[1] == want[1] ||
			len(got) == 3 && (got[0] == got[1] && got[0] == want[0] && got[2] == want[1] ||
				got[1] == got[2] && got[0] == want[0] && got[1] == want[1])
		if !ok {
			t.Errorf("chat %d got %q, want %q with at most one duplicate", c, got, want)
		}
		dups += len(got) - 2
	}
	if dups > 8 {
		t.Errorf("%d duplicates, want at most 8 (one per worker in flight)", dups)
	}
	t.Logf("killed after %d deliveries; %d duplicates after restart", before, dups)
}

func saveTestChat(t testing.TB, st SenderStore, id int64) {
	t.Helper()
	typ := "private"
	if id < 0 {
		typ = "group"
	}
	if err := st.SaveChat(t.Context(), claimwatch.Chat{ID: id, Type: typ, Subscribed: true,
		Settings: claimwatch.DefaultSettings("en"), CreatedAt: time.Now()}); err != nil {
		t.Fatalf("SaveChat(%d): %v", id, err)
	}
}

func countAttempts(srv *tgtest.Server, chatID int64) int {
	n := 0
	for _, a := range srv.Attempts() {
		if chatID == 0 || a.ChatID == chatID {
			n++
		}
	}
	return n
}

func waitUntil(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSenderRecordsRetryWithBackoff(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	srv.FailNext(7, 1, tgtest.ServerError(500))
	enqueueMsgs(t, st, outMsg(7, "later"))
	stop := startSender(t, NewSender(st, tg, Limits{Global: 100}, log))
	waitUntil(t, 5*time.Second, "the failed attempt", func() bool {
		next, err := st.NextMessages(t.Context(), time.Now().Add(time.Hour), 1)
		return err == nil && len(next) == 1 && next[0].Attempts == 1
	})
	stop()
	failedAt := time.Now()
	if next, err := st.NextMessages(t.Context(), failedAt, 1); err != nil || len(next) != 0 {
		t.Errorf("NextMessages right after the 500 = %+v, %v; want nothing due (backoff)", next, err)
	}
	// The first backoff is 1s with jitter: due within 1.5s.
	next, err := st.NextMessages(t.Context(), failedAt.Add(1500*time.Millisecond), 1)
	if err != nil || len(next) != 1 || next[0].Attempts != 1 || !strings.Contains(next[0].LastError, "Internal Server Error") {
		t.Errorf("NextMessages 1.5s later = %+v, %v; want the message with 1 attempt and the 500 as its last error", next, err)
	}
	assertNoToken(t, buf.String())
}
