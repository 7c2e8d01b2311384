package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Token is the bot token. config.Secret implements it; only NewTelegram
// reveals it, once, to build the client.
type Token interface{ Reveal() string }

// TelegramOptions configure a Telegram client.
type TelegramOptions struct {
	Token Token
	// Endpoint is the Bot API endpoint with two %s, the token then the
	// method, as tgbotapi.NewBotAPIWithAPIEndpoint takes it. "" means
	// Telegram's own (tgbotapi.APIEndpoint).
	Endpoint string
	// PollTimeout is getUpdates' long-poll timeout; 0 means 50 s. The HTTP
	// request may take 15 s more.
	PollTimeout time.Duration
	// SendTimeout bounds every other request; 0 means 15 s.
	SendTimeout time.Duration
	Logger      *slog.Logger
}

// Telegram is the Bot API client. It is the only value that holds the
// token, and no error or log line it produces contains it.
type Telegram struct {
	api      *tgbotapi.BotAPI
	hc       *http.Client
	token    string
	username string
	opts     TelegramOptions
	log      *slog.Logger
}

// maxResponse caps a Bot API response body; getUpdates with 100 updates
// stays far below it.
const maxResponse = 16 << 20

// NewTelegram builds the client and calls getMe, retrying with backoff
// (1 s doubling to 60 s) until it answers or ctx ends. A wrong token (401)
// or endpoint (401, 404, unparsable URL) fails at once.
func NewTelegram(ctx context.Context, opts TelegramOptions) (*Telegram, error) {
	if opts.Token == nil || opts.Token.Reveal() == "" {
		return nil, errors.New("telegram: no bot token")
	}
	if opts.Endpoint == "" {
		opts.Endpoint = tgbotapi.APIEndpoint
	}
	if strings.Count(opts.Endpoint, "%s") != 2 {
		return nil, fmt.Errorf("telegram: endpoint %q must contain two %%s (token, method)", opts.Endpoint)
	}
	if opts.PollTimeout <= 0 {
		opts.PollTimeout = 50 * time.Second
	}
	if opts.SendTimeout <= 0 {
		opts.SendTimeout = 15 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	t := &Telegram{
		token: opts.Token.Reveal(),
		opts:  opts,
		log:   opts.Logger,
		hc: &http.Client{
			// Every request carries a ctx with its deadline; this only
			// catches a request that somehow has none.
			Timeout: opts.PollTimeout + 30*time.Second,
			Transport: &http.Transport{
				Proxy:                 http.ProxyFromEnvironment,
				DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
				TLSHandshakeTimeout:   10 * time.Second, // stock: 10 s
				ResponseHeaderTimeout: 0,                // long polls wait; ctx bounds them
				MaxIdleConns:          100,
				MaxIdleConnsPerHost:   100, // stock: 2, too few for a broadcast
				IdleConnTimeout:       90 * time.Second,
				ForceAttemptHTTP2:     true,
			},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	libLog.add(t.token, opts.Logger)

	backoff := time.Second
	for {
		api, err := t.connect(ctx)
		if err == nil {
			t.api = api
			t.username = api.Self.UserName
			t.log.Info("telegram connected", "username", t.username)
			return t, nil
		}
		if te, ok := errors.AsType[*tgbotapi.Error](err); ok && (te.Code == 401 || te.Code == 404) {
			return nil, fmt.Errorf("telegram: getMe: %w", err)
		}
		if se, ok := errors.AsType[*StatusError](err); ok && (se.Code == 401 || se.Code == 404) {
			return nil, fmt.Errorf("telegram: getMe: %w", err)
		}
		if ue, ok := errors.AsType[*url.Error](err); ok && ue.Op == "parse" {
			return nil, fmt.Errorf("telegram: getMe: bad endpoint: %w", err)
		}
		wait := jitter(backoff)
		if de := classify(err); de.Kind == RateLimited && de.RetryAfter > wait {
			wait = de.RetryAfter
		}
		t.log.Warn("telegram getMe failed", "err", err, "retry_in", wait.Round(time.Millisecond))
		if sleep(ctx, wait) != nil {
			return nil, fmt.Errorf("telegram: getMe: %w (last error: %w)", context.Cause(ctx), err)
		}
		backoff = min(backoff*2, time.Minute)
	}
}

// connect calls getMe through tgbotapi's constructor.
func (t *Telegram) connect(ctx context.Context) (*tgbotapi.BotAPI, error) {
	ctx, cancel := context.WithTimeout(ctx, t.opts.SendTimeout)
	defer cancel()
	api, err := tgbotapi.NewBotAPIWithClient(t.token, t.opts.Endpoint, botClient{ctx: ctx, hc: t.hc, token: t.token})
	if err != nil {
		return nil, redact(err, t.token)
	}
	api.Debug = false // Debug dumps message bodies to the library's logger
	return api, nil
}

var (
	_ Deliverer  = (*Telegram)(nil)
	_ ChatAdmins = (*Telegram)(nil)
)

// String names the bot without its token, so printing a Telegram (with
// any verb, or as a slog value) cannot leak it.
func (t *Telegram) String() string { return "telegram bot @" + t.username }

// GoString is String, for %#v.
func (t *Telegram) GoString() string { return t.String() }

// LogValue is String, for slog.
func (t *Telegram) LogValue() slog.Value { return slog.StringValue(t.String()) }

// Close closes the client's idle connections. The client stays usable.
func (t *Telegram) Close() { t.hc.CloseIdleConnections() }

// Username returns the bot's username, from getMe.
func (t *Telegram) Username() string { return t.username }

// call makes one Bot API request bound to ctx and timeout, and returns its
// result. Its errors never contain the token.
func (t *Telegram) call(ctx context.Context, timeout time.Duration, method string, params tgbotapi.Params) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	// MakeRequest takes no ctx, so each call gets a copy of the client
	// whose HTTPClient carries this one. The copy is a few words.
	api := *t.api
	api.Client = botClient{ctx: ctx, hc: t.hc, token: t.token}
	resp, err := api.MakeRequest(method, params)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, redact(err, t.token))
	}
	return resp.Result, nil
}

// Deliver sends one message with parse_mode HTML and link previews off
// (sendMessage). Refusals come back as *DeliveryError.
func (t *Telegram) Deliver(ctx context.Context, chatID int64, text string) error {
	params := tgbotapi.Params{
		"chat_id":    strconv.FormatInt(chatID, 10),
		"text":       text,
		"parse_mode": tgbotapi.ModeHTML,
		// Bot API 7.0 replaced disable_web_page_preview with
		// link_preview_options; older servers (a self-hosted one)
		// know only the first, newer ones still accept it.
		"disable_web_page_preview": "true",
		"link_preview_options":     `{"is_disabled":true}`,
	}
	if _, err := t.call(ctx, t.opts.SendTimeout, "sendMessage", params); err != nil {
		return classify(err)
	}
	return nil
}

// IsChatAdmin reports whether userID is the creator or an administrator of
// chatID (getChatMember). In a private chat its one user decides.
func (t *Telegram) IsChatAdmin(ctx context.Context, chatID, userID int64) (bool, error) {
	if chatID > 0 {
		return true, nil
	}
	res, err := t.call(ctx, t.opts.SendTimeout, "getChatMember", tgbotapi.Params{
		"chat_id": strconv.FormatInt(chatID, 10),
		"user_id": strconv.FormatInt(userID, 10),
	})
	if err != nil {
		return false, fmt.Errorf("telegram: chat %d: %w", chatID, err)
	}
	var m struct {
		Status string `json:"status"`
	}
	if err := json.Unmarshal(res, &m); err != nil {
		return false, fmt.Errorf("telegram: getChatMember: decode: %w", err)
	}
	return m.Status == "creator" || m.Status == "administrator", nil
}

// StatusError is an HTTP answer from the Bot API endpoint that is not the
// API's JSON, such as a proxy's 502 page.
type StatusError struct {
	Code       int
	RetryAfter time.Duration // from a Retry-After header, 0 if none
	Body       string        // the start of the body, for the log
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("HTTP %d, retry after %s", e.Code, e.RetryAfter)
	}
	return fmt.Sprintf("HTTP %d (%s)", e.Code, http.StatusText(e.Code))
}

// classify turns a failed request into a *DeliveryError by what the
// sender must do about it.
func classify(err error) *DeliveryError {
	if de, ok := errors.AsType[*DeliveryError](err); ok {
		return de
	}
	de := &DeliveryError{Kind: Transient, Err: err}
	if te, ok := errors.AsType[*tgbotapi.Error](err); ok {
		de.Code = te.Code
		desc := strings.ToLower(te.Message)
		switch {
		case te.Code == http.StatusTooManyRequests || te.RetryAfter > 0:
			de.Kind = RateLimited
			de.RetryAfter = max(time.Duration(te.RetryAfter)*time.Second, time.Second)
		case te.MigrateToChatID != 0:
			de.Kind, de.MigrateTo = Migrated, te.MigrateToChatID
		case te.Code == http.StatusForbidden:
			de.Kind = Gone
		// Telegram says which 400s mean the chat is gone only in words.
		case te.Code == http.StatusBadRequest && (strings.Contains(desc, "chat not found") || strings.Contains(desc, "peer_id_invalid") || strings.Contains(desc, "user is deactivated")):
			de.Kind = Gone
		case te.Code == http.StatusBadRequest:
			de.Kind = Rejected
		}
		return de
	}
	if se, ok := errors.AsType[*StatusError](err); ok {
		de.Code = se.Code
		if se.Code == http.StatusTooManyRequests {
			de.Kind = RateLimited
			de.RetryAfter = max(se.RetryAfter, time.Second)
		}
	}
	return de
}

// botClient is the tgbotapi.HTTPClient handed to the library: it binds the
// request to ctx, keeps the token out of errors, turns a non-JSON error
// page into a *StatusError, and caps the body.
type botClient struct {
	ctx   context.Context
	hc    *http.Client
	token string
}

func (c botClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.hc.Do(req.WithContext(c.ctx))
	if err != nil {
		return nil, redact(err, c.token)
	}
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode/100 != 2 && ct != "application/json" {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512)) // only for the log; the status says enough
		resp.Body.Close()
		se := &StatusError{Code: resp.StatusCode, Body: string(body)}
		if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
			se.RetryAfter = time.Duration(s) * time.Second
		}
		return nil, se
	}
	resp.Body = &drainingBody{r: io.LimitReader(resp.Body, maxResponse), c: resp.Body}
	return resp, nil
}

// drainingBody reads what the JSON decoder left before closing, so the
// connection goes back to the pool.
type drainingBody struct {
	r io.Reader
	c io.Closer
}

func (b *drainingBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *drainingBody) Close() error {
	_, _ = io.Copy(io.Discard, io.LimitReader(b.r, 64<<10)) // best effort: a failed drain only costs the connection
	return b.c.Close()
}

// redact removes the token from err: from the URL of any *url.Error in the
// chain (which builds its text on demand), then from the final text, which
// fmt.Errorf wrappers cache. The result keeps Unwrap.
func redact(err error, token string) error {
	if err == nil || token == "" {
		return err
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if ue, ok := e.(*url.Error); ok {
			ue.URL = strings.ReplaceAll(ue.URL, token, "[redacted]")
			if pe, ok := ue.Err.(*url.Error); ok { // http.NewRequest's parse error nests one more
				pe.URL = strings.ReplaceAll(pe.URL, token, "[redacted]")
			}
		}
	}
	if !strings.Contains(err.Error(), token) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), token, "[redacted]"), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// libLog is the tgbotapi package logger. The library has one logger for
// the whole process, so it is set once and writes to the logger of the
// latest client, with every client's token redacted.
var libLog = &libLogger{}

type libLogger struct {
	once   sync.Once
	mu     sync.Mutex
	log    *slog.Logger
	tokens []string
}

func (l *libLogger) add(token string, log *slog.Logger) {
	l.mu.Lock()
	l.log = log
	found := false
	for _, t := range l.tokens {
		found = found || t == token
	}
	if !found {
		l.tokens = append(l.tokens, token)
	}
	l.mu.Unlock()
	l.once.Do(func() {
		_ = tgbotapi.SetLogger(l) // fails only for a nil logger
	})
}

func (l *libLogger) Println(v ...any)               { l.write(strings.TrimSuffix(fmt.Sprintln(v...), "\n")) }
func (l *libLogger) Printf(format string, v ...any) { l.write(fmt.Sprintf(format, v...)) }

func (l *libLogger) write(msg string) {
	l.mu.Lock()
	log, tokens := l.log, l.tokens
	l.mu.Unlock()
	for _, t := range tokens {
		msg = strings.ReplaceAll(msg, t, "[redacted]")
	}
	log.Warn("telegram library", "msg", strings.TrimSpace(msg))
}

// sleep waits d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// jitter spreads d over [0.5d, 1.5d).
func jitter(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int64N(int64(d)+1))
}
