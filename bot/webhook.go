package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WebhookOptions configure RunWebhook.
type WebhookOptions struct {
	// Listen is the local address to serve on, e.g. "127.0.0.1:8443".
	Listen string
	// PublicURL is where Telegram posts updates (https, port 443, 80, 88
	// or 8443 for Telegram itself); its path is the one served. "" means
	// http://<the listener's address>/telegram, for a Bot API on loopback.
	PublicURL string
	// Secret is sent to Telegram as secret_token and must come back in
	// every request's X-Telegram-Bot-Api-Secret-Token: 1 to 256 of
	// A-Z, a-z, 0-9, _ and -.
	Secret string
	// MaxBody caps an update's body; 0 means 1 MiB.
	MaxBody int64
}

const webhookShutdown = 5 * time.Second

// RunWebhook serves Telegram's webhook until ctx ends, then shuts the
// server down (waiting at most 5 s for requests in flight) and returns
// nil. It listens first, so a bad address fails at once, then calls
// setWebhook with the secret token (a parameter tgbotapi v5.5.1 lacks).
//
// Each update is handled as RunUpdates does (Handle, then CommitUpdate
// with the replies) before the 200 that tells Telegram it arrived; an
// error answers 500 and Telegram delivers the update again. An update at
// or below the stored offset was handled already and is only
// acknowledged. The webhook stays set on exit so Telegram keeps the
// updates until the next start; RunUpdates removes it when it meets one.
func (t *Telegram) RunWebhook(ctx context.Context, opts WebhookOptions, h Handler, st SenderStore, log *slog.Logger) error {
	if log == nil {
		log = t.log
	}
	if err := checkSecret(opts.Secret); err != nil {
		return fmt.Errorf("telegram webhook: %w", err)
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 1 << 20
	}
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return fmt.Errorf("telegram webhook: listen on %q: %w", opts.Listen, err)
	}
	public := opts.PublicURL
	if public == "" {
		public = "http://" + ln.Addr().String() + "/telegram"
	}
	u, err := url.Parse(public)
	if err != nil || u.Host == "" {
		ln.Close()
		return fmt.Errorf("telegram webhook: public URL %q is not an absolute URL", public)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(path, t.webhookHandler(ctx, opts, h, st, log))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	shutdown := func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), webhookShutdown)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			log.Warn("telegram webhook: shutdown", "err", err)
			srv.Close() // the bound passed; drop what is left
		}
		<-serveErr // Serve returns ErrServerClosed once Shutdown began
	}

	_, err = t.call(ctx, t.opts.SendTimeout, "setWebhook", tgbotapi.Params{
		"url":             public,
		"secret_token":    opts.Secret,
		"allowed_updates": allowedUpdates,
		"max_connections": "1", // one update at a time keeps them in order
	})
	if err != nil {
		shutdown()
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("telegram webhook: %w", err)
	}
	log.Info("telegram webhook serving", "addr", ln.Addr().String(), "path", path)

	select {
	case <-ctx.Done():
		shutdown()
		log.Info("telegram webhook stopped")
		return nil
	case err := <-serveErr:
		return fmt.Errorf("telegram webhook: serve: %w", err)
	}
}

// checkSecret checks a secret_token as the Bot API documents it.
func checkSecret(s string) error {
	if len(s) == 0 || len(s) > 256 {
		return errors.New("secret must be 1 to 256 characters")
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return errors.New("secret may hold only A-Z, a-z, 0-9, _ and -")
		}
	}
	return nil
}

func (t *Telegram) webhookHandler(ctx context.Context, opts WebhookOptions, h Handler, st SenderStore, log *slog.Logger) http.Handler {
	var mu sync.Mutex // one update at a time, as the poll loop does
	secret := []byte(opts.Secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if subtle.ConstantTimeCompare(got, secret) != 1 {
			log.Warn("telegram webhook: wrong secret token", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, opts.MaxBody))
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				log.Warn("telegram webhook: update too large", "limit", opts.MaxBody)
				http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(body, &id); err != nil {
			http.Error(w, "not an update", http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		// The run ctx, not the request's: a handled update must be
		// committed even if Telegram hangs up.
		offset, err := st.UpdateOffset(ctx)
		if err != nil {
			log.Error("telegram webhook: read offset", "err", err)
			http.Error(w, "store unavailable", http.StatusInternalServerError)
			return
		}
		if id.UpdateID != 0 && id.UpdateID < offset {
			log.Debug("telegram webhook: update handled already", "update_id", id.UpdateID)
			w.WriteHeader(http.StatusOK)
			return
		}
		if _, err := t.handleUpdate(ctx, body, h, st, log); err != nil {
			log.Error("telegram webhook: update failed", "update_id", id.UpdateID, "err", err)
			http.Error(w, "update failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
