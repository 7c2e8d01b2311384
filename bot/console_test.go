package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// checkLeaks fails the test if goroutines it started outlive it. Call it
// first, so the check runs after every other cleanup (the store's Close
// among them).
func checkLeaks(t testing.TB) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

// consoleBuffer is an io.Writer the sender's goroutine and the test may
// share.
type consoleBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (c *consoleBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.b.Write(p)
}

func (c *consoleBuffer) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.b.String()
}

func TestConsoleRoundTripThroughTheSender(t *testing.T) {
	checkLeaks(t)
	st := openHandlerStore(t)
	seedDefaultNews(t, st)
	h := newTestHandlers(t, st)
	var out consoleBuffer
	nexts := 0
	c := NewConsole(ConsoleOptions{
		In: strings.NewReader("/subscribe\n/today\nhello\n\n/next\n/settings lang ar\n/today\n"), Out: &out, ChatID: 1, Lang: "en",
		Handlers: h, Store: st, Logger: testLogger(t),
		Extra: map[string]func(context.Context) (string, error){
			"next": func(context.Context) (string, error) { nexts++; return "New report: <Desert Wire>", nil },
		},
	})
	if err := c.Run(t.Context()); err != nil {
		t.Fatalf("Run = %v, want nil at the end of input", err)
	}
	if nexts != 1 {
		t.Errorf("/next ran %d times", nexts)
	}

	sender := NewSender(st, ConsoleDeliverer{W: &out}, Limits{Global: 1000, PerChat: 1000, PerGroup: 60000}, testLogger(t),
		WithPollInterval(10*time.Millisecond))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- sender.Run(ctx) }()
	want := []string{
		"✅ Subscribed: this chat gets alerts (instant)",
		"Today, 2026-11-25 (UTC): 2 attacks",
		"Camp <Alpha> & Beta",                              // entities decoded
		"Desert Wire (https://desertwire.example/news/a1)", // links shown as text (url)
		"Commands start with /",
		"New report: <Desert Wire>",
		"تم الحفظ",
		"اليوم، 2026-11-25 (UTC): هجومان",
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want[len(want)-1]) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("sender: %v", err)
	}
	got := out.String()
	last := -1
	for _, w := range want {
		i := strings.Index(got, w)
		if i < 0 {
			t.Errorf("console output lacks %q:\n%s", w, got)
			continue
		}
		if i < last {
			t.Errorf("%q printed out of order:\n%s", w, got)
		}
		last = i
	}
	for _, bad := range []string{"<b>", "&lt;", "&amp;", "\u200f", "\u2068"} {
		if strings.Contains(got, bad) {
			t.Errorf("console output shows %q:\n%s", bad, got)
		}
	}
}

func TestConsoleNewChatSpeaksItsLanguage(t *testing.T) {
	st := openHandlerStore(t)
	c := NewConsole(ConsoleOptions{In: strings.NewReader("/help\n"), ChatID: 9, Lang: "ar", Handlers: newTestHandlers(t, st), Store: st})
	if err := c.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	chat, err := st.Chat(t.Context(), 9)
	if err != nil || chat.Settings.Lang != "ar" || chat.Type != "console" {
		t.Fatalf("console chat: %+v, %v", chat, err)
	}
	msgs := drainOutbox(t, st)[9]
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "الأوامر") || !strings.Contains(msgs[0].Text, "/addfeed") {
		t.Errorf("console /help: %+v (want Arabic, with the admin commands)", msgs)
	}
}

func TestConsoleEndsWithContext(t *testing.T) {
	checkLeaks(t)
	st := openHandlerStore(t)
	r, w := io.Pipe()
	t.Cleanup(func() { w.Close() })
	c := NewConsole(ConsoleOptions{In: r, ChatID: 1, Lang: "en", Handlers: newTestHandlers(t, st), Store: st})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	if _, err := io.WriteString(w, "/start\n"); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	w.Close() // ends the goroutine blocked reading the pipe
}

func TestConsoleDelivererPrintsText(t *testing.T) {
	var b bytes.Buffer
	d := ConsoleDeliverer{W: &b}
	if err := d.Deliver(t.Context(), 1, `<b>Feed</b> &amp; <a href="https://x.example/">X</a>`); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "Feed & X (https://x.example/)\n\n" {
		t.Errorf("printed %q", got)
	}
	var de *DeliveryError
	if err := (ConsoleDeliverer{W: failingWriter{}}).Deliver(t.Context(), 1, "x"); !errors.As(err, &de) || de.Kind != Transient {
		t.Errorf("a failed write gives %v, want a Transient DeliveryError", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

var _ Deliverer = ConsoleDeliverer{}

func ExampleHTMLToText() {
	fmt.Println(HTMLToText(`🚨 <b>New attack</b> on Camp &lt;Alpha&gt;` + "\n" + `🔗 <a href="https://desert.example/a/1">Desert Wire</a>`))
	// Output:
	// 🚨 New attack on Camp <Alpha>
	// 🔗 Desert Wire (https://desert.example/a/1)
}
