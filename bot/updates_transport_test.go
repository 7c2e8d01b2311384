package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/bot/tgtest"
)

// echoHandler answers every command with one reply naming it, and records
// the commands it got.
type echoHandler struct {
	mu   sync.Mutex
	cmds []Command
}

func (h *echoHandler) Handle(_ context.Context, cmd Command) ([]string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cmds = append(h.cmds, cmd)
	return []string{fmt.Sprintf("got /%s %s", cmd.Name, strings.Join(cmd.Args, " "))}, nil
}

func (h *echoHandler) commands() []Command {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.cmds)
}

// runUpdates runs the update loop until the returned stop is called or
// the test ends, and checks it returns nil.
func runUpdates(t *testing.T, tg *Telegram, h Handler, st SenderStore) (stop func()) {
	t.Helper()
	return runLoop(t, "RunUpdates", 5*time.Second, func(ctx context.Context) error { return tg.RunUpdates(ctx, h, st, nil) })
}

func waitOffset(t *testing.T, st SenderStore, want int64) {
	t.Helper()
	waitUntil(t, 5*time.Second, fmt.Sprintf("offset %d", want), func() bool {
		got, err := st.UpdateOffset(t.Context())
		return err == nil && got >= want
	})
}

func TestUpdatesTranslateCommands(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	saveTestChat(t, st, 11)
	h := &echoHandler{}
	srv.SendText(11, "private", 11, "ar-IQ", "/Start")
	srv.SendText(-200, "supergroup", 12, "en", "/today@"+tgtest.Username+" iraq syria")
	srv.SendText(-200, "supergroup", 12, "en", "/today@other_bot")
	srv.SendText(-200, "supergroup", 12, "en", "just talking")
	last := srv.SendMyChatMember(11, "kicked")
	runUpdates(t, tg, h, st)
	waitOffset(t, st, last+1)

	want := []Command{
		{ChatID: 11, ChatType: "private", UserID: 11, UserLang: "ar-IQ", Text: "/Start", Name: "start", Args: []string{}},
		{ChatID: -200, ChatType: "supergroup", ChatTitle: "Test supergroup 200", UserID: 12, UserLang: "en",
			Text: "/today@" + tgtest.Username + " iraq syria", Name: "today", Args: []string{"iraq", "syria"}},
	}
	got := h.commands()
	if len(got) != len(want) {
		t.Fatalf("handler got %d commands %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Errorf("command %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	c, err := st.Chat(t.Context(), 11)
	if err != nil || !c.Paused {
		t.Errorf("chat 11 after my_chat_member kicked = %+v, %v; want paused", c, err)
	}
	next, err := st.NextMessages(t.Context(), time.Now(), 10)
	if err != nil {
		t.Fatal(err)
	}
	// Chat 11 is paused now, so only the group's reply is due.
	if len(next) != 1 || next[0].ChatID != -200 || next[0].Kind != "reply" || next[0].Text != "got /today iraq syria" {
		t.Errorf("outbox = %+v, want the group's reply", next)
	}
	if a := srv.AllowedUpdates(); !slices.Equal(a, []string{"message", "my_chat_member"}) {
		t.Errorf("allowed_updates = %q, want message and my_chat_member", a)
	}
	assertNoToken(t, buf.String())
}

func TestUpdatesRestartNeitherLosesNorRepeats(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	path := senderStorePath(t)
	st := reopenSenderStore(t, path)
	h := &echoHandler{}
	for i := range 3 {
		srv.SendText(int64(20+i), "private", int64(20+i), "en", fmt.Sprintf("/help %d", i))
	}
	stop := runUpdates(t, tg, h, st)
	waitOffset(t, st, 4)
	stop()
	for i := 3; i < 5; i++ {
		srv.SendText(int64(20+i), "private", int64(20+i), "en", fmt.Sprintf("/help %d", i))
	}
	runUpdates(t, tg, h, reopenSenderStore(t, path))
	waitOffset(t, st, 6)
	var args []string
	for _, c := range h.commands() {
		args = append(args, c.Args[0])
	}
	if want := []string{"0", "1", "2", "3", "4"}; !slices.Equal(args, want) {
		t.Errorf("handled %q, want each command once, in order: %q", args, want)
	}
}

func TestUpdatesWaitOutFailures(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	h := &echoHandler{}
	srv.FailNextCall("getUpdates", 1, tgtest.TooManyRequests(1))
	srv.FailNextCall("getUpdates", 1, tgtest.BadGatewayPage())
	id := srv.SendText(30, "private", 30, "en", "/stats")
	start := time.Now()
	runUpdates(t, tg, h, st)
	waitOffset(t, st, id+1)
	if took := time.Since(start); took < 900*time.Millisecond {
		t.Errorf("handled after %s, want after retry_after=1s", took)
	}
	if n := srv.Calls("getUpdates"); n < 3 {
		t.Errorf("getUpdates called %d times, want 3 (429, 502, then ok)", n)
	}
	assertNoToken(t, buf.String())
}

func TestUpdatesStopDuringLongPoll(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg, err := NewTelegram(t.Context(), TelegramOptions{Token: fakeToken(srv.Token), Endpoint: srv.Endpoint(),
		PollTimeout: 50 * time.Second, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	stop := runUpdates(t, tg, &echoHandler{}, openSenderStore(t))
	waitUntil(t, 5*time.Second, "a long poll", func() bool { return srv.Calls("getUpdates") > 0 })
	start := time.Now()
	stop()
	if took := time.Since(start); took > time.Second {
		t.Errorf("stopping a 50s long poll took %s", took)
	}
}

func TestCommandReplyReachesChat(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	runUpdates(t, tg, &echoHandler{}, st)
	startSender(t, NewSender(st, tg, Limits{Global: 100, PerChat: 10}, log, WithPollInterval(20*time.Millisecond)))
	srv.SendText(50, "private", 50, "en", "/today iraq")
	srv.SendText(-51, "supergroup", 51, "ar", "/sources@"+tgtest.Username)
	got := srv.WaitSent(t, 50, 1, 5*time.Second)
	if got[0].Text != "got /today iraq" || got[0].ParseMode != "HTML" {
		t.Errorf("chat 50 got %+v, want the reply in HTML", got[0])
	}
	if got := srv.WaitSent(t, -51, 1, 5*time.Second); got[0].Text != "got /sources " {
		t.Errorf("group got %q, want the reply to /sources", got[0].Text)
	}
	assertNoToken(t, buf.String())
}
