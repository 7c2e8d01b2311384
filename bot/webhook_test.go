package bot

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/bot/tgtest"
)

const testSecret = "webhook-Secret_123"

// runWebhook runs RunWebhook until stop or the test's end, and waits until
// the webhook is set at the fake server.
func runWebhook(t *testing.T, tg *Telegram, srv *tgtest.Server, opts WebhookOptions, h Handler, st SenderStore) (stop func()) {
	t.Helper()
	stop = runLoop(t, "RunWebhook", 10*time.Second, func(ctx context.Context) error { return tg.RunWebhook(ctx, opts, h, st, nil) })
	waitUntil(t, 5*time.Second, "setWebhook", func() bool { u, _ := srv.Webhook(); return u != "" })
	return stop
}

func postUpdate(t *testing.T, url, secret, body string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestWebhookHandlesUpdatesOnce(t *testing.T) {
	noLeaks(t)
	srv := tgtest.New(t)
	log, buf := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	st := openSenderStore(t)
	h := &echoHandler{}
	stop := runWebhook(t, tg, srv, WebhookOptions{Listen: "127.0.0.1:0", Secret: testSecret, MaxBody: 4096}, h, st)
	url, secret := srv.Webhook()
	if secret != testSecret {
		t.Fatalf("setWebhook secret_token = %q, want %q", secret, testSecret)
	}

	id := srv.SendText(40, "private", 40, "en", "/start")
	body, _ := srv.UpdateJSON(id)
	srv.SendText(-41, "group", 41, "ar", "/today@other_bot")
	if n, err := srv.DeliverWebhook(t.Context()); err != nil || n != 2 {
		t.Fatalf("DeliverWebhook = %d, %v; want 2 delivered", n, err)
	}
	if got := h.commands(); len(got) != 1 || got[0].Name != "start" || got[0].ChatID != 40 {
		t.Fatalf("handler got %+v, want /start from chat 40", got)
	}
	waitOffset(t, st, id+2)
	next, err := st.NextMessages(t.Context(), time.Now(), 10)
	if err != nil || len(next) != 1 || next[0].ChatID != 40 || next[0].Kind != "reply" {
		t.Errorf("outbox = %+v, %v; want the reply to chat 40", next, err)
	}

	tests := []struct {
		name   string
		secret string
		body   string
		want   int
	}{
		{"no secret", "", string(body), http.StatusUnauthorized},
		{"wrong secret", testSecret + "x", string(body), http.StatusUnauthorized},
		{"body too large", testSecret, `{"update_id":99,"message":{"text":"` + strings.Repeat("x", 5000) + `"}}`, http.StatusRequestEntityTooLarge},
		{"not JSON", testSecret, "<html>", http.StatusBadRequest},
		{"update handled already", testSecret, string(body), http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := postUpdate(t, url, tc.secret, tc.body); got != tc.want {
				t.Errorf("POST = %d, want %d", got, tc.want)
			}
		})
	}
	if got := h.commands(); len(got) != 1 {
		t.Errorf("handler ran %d times, want once (redelivery only acknowledged)", len(got))
	}

	// Polling after the webhook removes it and goes on from the offset.
	stop()
	id = srv.SendText(42, "private", 42, "en", "/help")
	runUpdates(t, tg, h, st)
	waitOffset(t, st, id+1)
	if got := h.commands(); len(got) != 2 || got[1].Name != "help" {
		t.Errorf("after switching to polling the handler got %+v, want /help second", got)
	}
	assertNoToken(t, buf.String())
}

func TestWebhookRefusesBadOptions(t *testing.T) {
	srv := tgtest.New(t)
	log, _ := captureLogger(t)
	tg := newTestTelegram(t, srv, log)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		opts WebhookOptions
		want string
	}{
		{"no secret", WebhookOptions{Listen: "127.0.0.1:0"}, "secret"},
		{"secret with a space", WebhookOptions{Listen: "127.0.0.1:0", Secret: "a b"}, "secret"},
		{"address in use", WebhookOptions{Listen: busy.Addr().String(), Secret: testSecret}, "listen"},
		{"relative public URL", WebhookOptions{Listen: "127.0.0.1:0", Secret: testSecret, PublicURL: "/hook"}, "public URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tg.RunWebhook(t.Context(), tc.opts, &echoHandler{}, openSenderStore(t), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("RunWebhook = %v, want an error about %s", err, tc.want)
			}
		})
	}
}
