package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/bot/tgtest"
	"go.uber.org/goleak"
)

// fakeToken implements Token like config.Secret.
type fakeToken string

func (t fakeToken) Reveal() string { return string(t) }
func (t fakeToken) String() string { return "[redacted]" }

// logBuffer collects log output, safe for concurrent writers, and also
// writes it to the test's output.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	out io.Writer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	return b.out.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testLogger returns a debug-level logger that writes to the test output
// and to a buffer the test can search for the token.
func captureLogger(t testing.TB) (*slog.Logger, *logBuffer) {
	b := &logBuffer{out: t.Output()}
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})), b
}

// assertNoToken fails the test if the fake token appears in any of texts.
func assertNoToken(t testing.TB, outputs ...string) {
	t.Helper()
	for _, s := range outputs {
		if strings.Contains(s, tgtest.DefaultToken) || strings.Contains(s, "TEST-TOKEN") {
			t.Fatalf("the bot token leaked into: %s", s)
		}
	}
}

// noLeaks fails the test if it leaves goroutines running. Call it first,
// so its check runs after every other cleanup.
func noLeaks(t testing.TB) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

func newTestTelegram(t testing.TB, srv *tgtest.Server, log *slog.Logger) *Telegram {
	t.Helper()
	tg, err := NewTelegram(t.Context(), TelegramOptions{
		Token:       fakeToken(srv.Token),
		Endpoint:    srv.Endpoint(),
		PollTimeout: 2 * time.Second,
		SendTimeout: 2 * time.Second,
		Logger:      log,
	})
	if err != nil {
		t.Fatalf("NewTelegram: %v", err)
	}
	t.Cleanup(tg.Close)
	return tg
}

func TestNewTelegramGetMe(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	srv.FailNextCall("getMe", 1, tgtest.ServerError(500))
	tg := newTestTelegram(t, srv, log)
	if got := tg.Username(); got != tgtest.Username {
		t.Errorf("Username() = %q, want %q", got, tgtest.Username)
	}
	if n := srv.Calls("getMe"); n != 2 {
		t.Errorf("getMe calls = %d, want 2 (one 500, then retried)", n)
	}
	assertNoToken(t, buf.String())
}

func TestTokenNeverLeaks(t *testing.T) {
	srv := tgtest.New(t)
	tests := []struct {
		name     string
		endpoint string
		timeout  time.Duration
	}{
		{"refused connection", "http://127.0.0.1:1/bot%s/%s", 1500 * time.Millisecond},
		{"unparsable endpoint", "http://127.0.0.1:bad port/bot%s/%s", 500 * time.Millisecond},
		{"wrong path gives 404", srv.URL() + "/nobot%s/%s", 500 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			log, buf := captureLogger(t)
			ctx, cancel := context.WithTimeout(t.Context(), tc.timeout)
			defer cancel()
			_, err := NewTelegram(ctx, TelegramOptions{Token: fakeToken(tgtest.DefaultToken), Endpoint: tc.endpoint, Logger: log})
			if err == nil {
				t.Fatal("NewTelegram succeeded, want an error")
			}
			assertNoToken(t, err.Error(), buf.String())
			if !strings.Contains(buf.String()+err.Error(), "getMe") {
				t.Errorf("error %q and log do not name getMe", err)
			}
		})
	}

	t.Run("printing the client", func(t *testing.T) {
		log, buf := captureLogger(t)
		tg := newTestTelegram(t, srv, log)
		log.Info("client", "tg", tg)
		b, err := json.Marshal(tg)
		if err != nil {
			t.Fatal(err)
		}
		assertNoToken(t, fmt.Sprintf("%v %+v %#v %s", tg, tg, tg, tg), string(b), buf.String())
	})

	t.Run("delivery errors", func(t *testing.T) {
		log, buf := captureLogger(t)
		tg := newTestTelegram(t, srv, log)
		srv.FailNext(0, 1, tgtest.BadGatewayPage())
		srv.FailNext(0, 1, tgtest.Forbidden("bot was blocked by the user"))
		for range 2 {
			err := tg.Deliver(t.Context(), 42, "hi")
			if err == nil {
				t.Fatal("Deliver succeeded, want a fault")
			}
			assertNoToken(t, err.Error())
			log.Warn("send failed", "err", err)
		}
		// A client whose server went away: the request URL carries the token.
		tg.api.SetAPIEndpoint("http://127.0.0.1:1/bot%s/%s")
		err := tg.Deliver(t.Context(), 42, "hi")
		if err == nil || !strings.Contains(err.Error(), "[redacted]") {
			t.Fatalf("Deliver to a closed port: %v, want an error with the URL redacted", err)
		}
		log.Warn("send failed", "err", err)
		assertNoToken(t, err.Error(), buf.String())
	})
}

func TestDeliverClassifiesRefusals(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	tests := []struct {
		name       string
		fault      tgtest.Fault
		text       string
		kind       DeliveryErrorKind
		code       int
		retryAfter time.Duration
		migrateTo  int64
	}{
		{"429 with retry_after", tgtest.TooManyRequests(7), "hi", RateLimited, 429, 7 * time.Second, 0},
		{"JSON 500", tgtest.ServerError(500), "hi", Transient, 500, 0, 0},
		{"HTML 502 page", tgtest.BadGatewayPage(), "hi", Transient, 502, 0, 0},
		{"blocked by the user", tgtest.Forbidden("bot was blocked by the user"), "hi", Gone, 403, 0, 0},
		{"chat not found", tgtest.ChatNotFound(), "hi", Gone, 400, 0, 0},
		{"group migrated", tgtest.Migrate(-100777), "hi", Migrated, 400, 0, -100777},
		{"bad HTML is rejected", tgtest.Fault{}, "a < b", Rejected, 400, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fault != (tgtest.Fault{}) {
				srv.FailNext(5, 1, tc.fault)
			}
			err := tg.Deliver(t.Context(), 5, tc.text)
			de, ok := errors.AsType[*DeliveryError](err)
			if !ok {
				t.Fatalf("Deliver: %v (%T), want *DeliveryError", err, err)
			}
			if de.Kind != tc.kind || de.Code != tc.code || de.RetryAfter != tc.retryAfter || de.MigrateTo != tc.migrateTo {
				t.Errorf("got kind %d code %d retry %s migrate %d (%v), want %d %d %s %d",
					de.Kind, de.Code, de.RetryAfter, de.MigrateTo, de, tc.kind, tc.code, tc.retryAfter, tc.migrateTo)
			}
		})
	}
	if err := tg.Deliver(t.Context(), 5, "<b>fine</b> &amp; well"); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	got := srv.Sent(5)
	if len(got) != 1 || got[0].ParseMode != "HTML" || !got[0].DisablePreview {
		t.Errorf("Sent(5) = %+v, want one HTML message without preview", got)
	}
	assertNoToken(t, buf.String())
}

func TestDeliverTimeout(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg, err := NewTelegram(t.Context(), TelegramOptions{Token: fakeToken(srv.Token), Endpoint: srv.Endpoint(),
		SendTimeout: 300 * time.Millisecond, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(5, 1, tgtest.Timeout())
	start := time.Now()
	err = tg.Deliver(t.Context(), 5, "hi")
	if de, ok := errors.AsType[*DeliveryError](err); !ok || de.Kind != Transient {
		t.Fatalf("Deliver to a hanging server: %v, want a Transient *DeliveryError", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Deliver took %s, want about the 300ms send timeout", took)
	}
	assertNoToken(t, err.Error())
}

func TestIsChatAdmin(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	srv.SetMember(-100, 1, "creator")
	srv.SetAdmin(-100, 2)
	srv.SetMember(-100, 4, "kicked")
	tests := []struct {
		name   string
		chat   int64
		user   int64
		want   bool
		wantOK bool
	}{
		{"creator", -100, 1, true, true},
		{"administrator", -100, 2, true, true},
		{"plain member", -100, 3, false, true},
		{"kicked", -100, 4, false, true},
		{"private chat", 3, 3, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tg.IsChatAdmin(t.Context(), tc.chat, tc.user)
			if (err == nil) != tc.wantOK || got != tc.want {
				t.Errorf("IsChatAdmin(%d, %d) = %v, %v; want %v", tc.chat, tc.user, got, err, tc.want)
			}
		})
	}
	srv.FailNextCall("getChatMember", 1, tgtest.ServerError(500))
	if _, err := tg.IsChatAdmin(t.Context(), -100, 1); err == nil || !strings.Contains(err.Error(), "getChatMember") {
		t.Errorf("IsChatAdmin on a 500: %v, want an error naming getChatMember", err)
	}
}

func TestLibraryLoggerRedacts(t *testing.T) {
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	newTestTelegram(t, srv, log)
	// tgbotapi logs through its package logger (with Debug, and in
	// GetUpdatesChan); whatever it prints goes through the adapter.
	libLog.Printf("Failed to get updates: Post %q", "http://x/bot"+srv.Token+"/getUpdates")
	libLog.Println("request to", srv.Token)
	if !strings.Contains(buf.String(), "telegram library") {
		t.Fatalf("library log lines did not reach slog: %q", buf.String())
	}
	assertNoToken(t, buf.String())
}
