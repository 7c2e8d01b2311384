// Package tgtest is a fake Telegram Bot API server for tests. It speaks the
// real wire protocol over loopback HTTP: it parses form, multipart and JSON
// bodies as Telegram does, validates what a bot sends (chat_id, text length
// in UTF-16 units, HTML markup), answers in Telegram's JSON, records what
// each chat got and when, and can be told to fail the next requests with
// Telegram's own refusals (429, 5xx, 403, migration, timeouts).
package tgtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

// DefaultToken is the only token a Server accepts unless its Token field is
// changed before the first request. Tests grep logs and errors for it.
const DefaultToken = "123456:TEST-TOKEN-do-not-leak"

// Username is the bot's username that getMe reports.
const Username = "claimwatch_test_bot"

// BotID is the bot's user ID that getMe reports.
const BotID = 123456

// Message is one message the bot sent to a chat and the server accepted.
type Message struct {
	ChatID         int64
	Text           string
	ParseMode      string
	DisablePreview bool
	At             time.Time
}

// Server is a fake Bot API. Create it with New; its methods are safe for
// concurrent use.
type Server struct {
	// Token is the only token accepted; others get 401 Unauthorized.
	Token string

	*closer

	mu            sync.Mutex
	updates       []update
	nextUpdate    int64
	confirmed     int64         // updates below this ID were confirmed by an offset
	newUpdate     chan struct{} // closed and replaced when an update is queued
	nextMessageID int64
	sent          map[int64][]Message
	all           []Message
	attempts      []attempt // every sendMessage that reached the server, accepted or not
	faults        []pendingFault
	members       map[[2]int64]string // (chat, user) -> status
	calls         map[string]int
	webhookURL    string
	webhookSecret string
	allowed       []string // allowed_updates of the last getUpdates or setWebhook
}

type update struct {
	id   int64
	kind string // message, my_chat_member
	raw  map[string]any
}

type attempt struct {
	chatID int64
	at     time.Time
	status int
}

// Attempt is one sendMessage request that reached the server.
type Attempt struct {
	ChatID int64
	At     time.Time
	Status int // the HTTP status answered; 0 if the client gave up first
}

// Attempts returns every sendMessage request that reached the server with
// the right token, accepted or refused, in order of arrival.
func (s *Server) Attempts() []Attempt {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Attempt, len(s.attempts))
	for i, a := range s.attempts {
		out[i] = Attempt{ChatID: a.chatID, At: a.at, Status: a.status}
	}
	return out
}

type pendingFault struct {
	chatID int64  // 0 = any chat
	method string // "" = sendMessage
	n      int    // remaining; negative = forever
	f      Fault
}

// New starts a fake Bot API on 127.0.0.1. It is closed when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		Token: DefaultToken,
		closer: &closer{
			client: &http.Client{Timeout: 30 * time.Second},
			done:   make(chan struct{}),
		},
		newUpdate: make(chan struct{}),
		sent:      map[int64][]Message{},
		members:   map[[2]int64]string{},
		calls:     map[string]int{},
	}
	s.nextUpdate = 1
	c := s.closer
	c.server.Store(s)
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv := c.server.Load()
		if srv == nil {
			http.Error(w, "tgtest: server closed", http.StatusServiceUnavailable)
			return
		}
		srv.serve(w, r)
	}))
	// The cleanup holds only the closer, not the server and what it
	// recorded: a benchmark's cleanups run after all its runs.
	t.Cleanup(c.close)
	return s
}

// closer is the part of a Server that closing needs.
type closer struct {
	srv    *httptest.Server
	client *http.Client  // posts to the webhook
	done   chan struct{} // closed by close, releases hanging handlers
	server atomic.Pointer[Server]
	once   sync.Once
}

func (c *closer) close() {
	c.once.Do(func() {
		close(c.done)
		c.srv.CloseClientConnections()
		c.srv.Close()
		c.client.CloseIdleConnections()
		c.server.Store(nil)
	})
}

// Close stops the server: hanging handlers return, connections close, and
// what it recorded stays readable. The test's cleanup calls it; calling
// it earlier (or again) is fine.
func (s *Server) Close() { s.closer.close() }

// URL is the server's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.srv.URL }

// Endpoint is the API endpoint in the form tgbotapi.NewBotAPIWithAPIEndpoint
// takes: the token, then the method.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Fault is a refusal the server answers instead of doing the request.
type Fault struct {
	status     int
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
	htmlPage   bool
	hang       bool
}

// TooManyRequests answers 429 with parameters.retry_after in seconds.
func TooManyRequests(retryAfter int) Fault {
	return Fault{status: 429, code: 429, retryAfter: retryAfter,
		desc: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)}
}

// ServerError answers with the status code and a JSON error body.
func ServerError(code int) Fault {
	return Fault{status: code, code: code, desc: http.StatusText(code)}
}

// BadGatewayPage answers 502 with an HTML page, as a proxy in front of the
// Bot API does; its body is not JSON.
func BadGatewayPage() Fault { return Fault{status: 502, htmlPage: true} }

// Timeout never answers: the handler waits until the client gives up.
func Timeout() Fault { return Fault{hang: true} }

// Forbidden answers 403 with "Forbidden: " and the reason, e.g. "bot was
// blocked by the user".
func Forbidden(reason string) Fault {
	return Fault{status: 403, code: 403, desc: "Forbidden: " + reason}
}

// Blocked answers 403 "Forbidden: bot was blocked by the user".
func Blocked() Fault { return Forbidden("bot was blocked by the user") }

// ChatNotFound answers 400 "Bad Request: chat not found".
func ChatNotFound() Fault {
	return Fault{status: 400, code: 400, desc: "Bad Request: chat not found"}
}

// Migrate answers 400 with parameters.migrate_to_chat_id, as Telegram does
// after a group became the supergroup newID.
func Migrate(newID int64) Fault {
	return Fault{status: 400, code: 400, migrateTo: newID,
		desc: "Bad Request: group chat was upgraded to a supergroup chat"}
}

// FailNext makes the next n sendMessage requests to chatID (0 = any chat)
// fail with f. A negative n fails them all from now on.
func (s *Server) FailNext(chatID int64, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, pendingFault{chatID: chatID, n: n, f: f})
}

// Answer makes the next sendMessage to chatID fail with f; it is
// FailNext(chatID, 1, f).
func (s *Server) Answer(chatID int64, f Fault) { s.FailNext(chatID, 1, f) }

// FailNextCall makes the next n requests of a method (e.g. "getUpdates",
// "getMe") fail with f.
func (s *Server) FailNextCall(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, pendingFault{method: strings.ToLower(method), n: n, f: f})
}

// takeFault returns the fault for this request, if any, and counts it used.
func (s *Server) takeFault(method string, chatID int64) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		pf := &s.faults[i]
		if pf.method == "" {
			if method != "sendmessage" || (pf.chatID != 0 && pf.chatID != chatID) {
				continue
			}
		} else if pf.method != method {
			continue
		}
		f := pf.f
		if pf.n > 0 {
			pf.n--
			if pf.n == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		return f, true
	}
	return Fault{}, false
}

// SetMember sets what getChatMember answers for (chatID, userID):
// "creator", "administrator", "member", "restricted", "left" or "kicked".
// Unknown pairs are "member".
func (s *Server) SetMember(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[[2]int64{chatID, userID}] = status
}

// SetAdmin makes userID an administrator of chatID.
func (s *Server) SetAdmin(chatID, userID int64) { s.SetMember(chatID, userID, "administrator") }

// SendText queues a message update, as if userID wrote text in the chat.
// It returns the update's ID.
func (s *Server) SendText(chatID int64, chatType string, userID int64, lang, text string) int64 {
	now := time.Now().Unix()
	from := map[string]any{"id": userID, "is_bot": false, "first_name": "Tester"}
	if lang != "" {
		from["language_code"] = lang
	}
	msg := map[string]any{
		"message_id": s.messageID(),
		"from":       from,
		"chat":       chatObject(chatID, chatType),
		"date":       now,
		"text":       text,
	}
	if strings.HasPrefix(text, "/") {
		n := strings.IndexAny(text, " \n")
		if n < 0 {
			n = len(text)
		}
		msg["entities"] = []any{map[string]any{"type": "bot_command", "offset": 0, "length": utf16Len(text[:n])}}
	}
	return s.queue("message", map[string]any{"message": msg})
}

// SendMyChatMember queues a my_chat_member update: the bot's status in the
// chat changed to status ("kicked", "left", "member", "administrator").
func (s *Server) SendMyChatMember(chatID int64, status string) int64 {
	typ := "private"
	if chatID < 0 {
		typ = "supergroup"
	}
	bot := map[string]any{"id": BotID, "is_bot": true, "first_name": "Claimwatch", "username": Username}
	old := "member"
	if status == "member" {
		old = "left"
	}
	return s.queue("my_chat_member", map[string]any{"my_chat_member": map[string]any{
		"chat":            chatObject(chatID, typ),
		"from":            map[string]any{"id": chatID, "is_bot": false, "first_name": "Tester"},
		"date":            time.Now().Unix(),
		"old_chat_member": map[string]any{"user": bot, "status": old},
		"new_chat_member": map[string]any{"user": bot, "status": status},
	}})
}

func chatObject(chatID int64, chatType string) map[string]any {
	if chatType == "" {
		chatType = "private"
		if chatID < 0 {
			chatType = "group"
		}
	}
	c := map[string]any{"id": chatID, "type": chatType}
	if chatType == "private" {
		c["first_name"] = "Tester"
	} else {
		c["title"] = fmt.Sprintf("Test %s %d", chatType, -chatID)
	}
	return c
}

func (s *Server) messageID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMessageID++
	return s.nextMessageID
}

func (s *Server) queue(kind string, raw map[string]any) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpdate
	s.nextUpdate++
	raw["update_id"] = id
	s.updates = append(s.updates, update{id: id, kind: kind, raw: raw})
	close(s.newUpdate)
	s.newUpdate = make(chan struct{})
	return id
}

// Pending returns the IDs of the updates not yet confirmed by an offset.
func (s *Server) Pending() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []int64
	for _, u := range s.updates {
		ids = append(ids, u.id)
	}
	return ids
}

// UpdateJSON returns the JSON body Telegram would POST to a webhook for the
// queued update id, and whether it is still queued.
func (s *Server) UpdateJSON(id int64) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.updates {
		if u.id == id {
			b, err := json.Marshal(u.raw)
			return b, err == nil
		}
	}
	return nil, false
}

// Webhook returns the URL and secret_token of the last setWebhook, "" when
// none is set.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSecret
}

// AllowedUpdates returns the allowed_updates of the last getUpdates or
// setWebhook that set them.
func (s *Server) AllowedUpdates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.allowed)
}

// DeliverWebhook POSTs every queued update to the webhook set with
// setWebhook, with its secret token, as Telegram does, and drops each
// update the webhook answered with 2xx. It stops at the first refusal.
func (s *Server) DeliverWebhook(ctx context.Context) (delivered int, err error) {
	url, secret := s.Webhook()
	if url == "" {
		return 0, fmt.Errorf("tgtest: no webhook set")
	}
	for _, id := range s.Pending() {
		body, ok := s.UpdateJSON(id)
		if !ok {
			continue
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(string(body)))
		if err != nil {
			return delivered, fmt.Errorf("tgtest: webhook request: %w", err)
		}
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := s.client.Do(req)
		if err != nil {
			return delivered, fmt.Errorf("tgtest: deliver update %d: %w", id, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body) // drained only to reuse the connection
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return delivered, fmt.Errorf("tgtest: deliver update %d: webhook answered %s", id, resp.Status)
		}
		s.confirm(id + 1)
		delivered++
	}
	return delivered, nil
}

func (s *Server) confirm(offset int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if offset > s.confirmed {
		s.confirmed = offset
	}
	s.updates = slices.DeleteFunc(s.updates, func(u update) bool { return u.id < offset })
}

// Sent returns the messages chatID got, in the order the server accepted them.
func (s *Server) Sent(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent[chatID])
}

// AllSent returns every message accepted, in order.
func (s *Server) AllSent() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.all)
}

// SentCount returns how many messages were accepted, all chats together.
func (s *Server) SentCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.all)
}

// Calls returns how many requests of a method reached the server with the
// right token.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[strings.ToLower(method)]
}

// WaitSent waits until chatID got at least n messages, and fails the test
// after timeout. It returns the chat's messages.
func (s *Server) WaitSent(t testing.TB, chatID int64, n int, timeout time.Duration) []Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		got := s.Sent(chatID)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("tgtest: chat %d got %d messages after %s, want %d: %q", chatID, len(got), timeout, n, texts(got))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func texts(ms []Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

// MaxPerSecond returns the most sendMessage requests (accepted or refused)
// that reached the server within any one-second window, all chats together.
func (s *Server) MaxPerSecond() int { return s.MaxInWindow(0, time.Second) }

// MaxPerSecondChat returns the most sendMessage requests to chatID within
// any one-second window.
func (s *Server) MaxPerSecondChat(chatID int64) int { return s.MaxInWindow(chatID, time.Second) }

// MaxPerMinute returns the most sendMessage requests to chatID within any
// one-minute window.
func (s *Server) MaxPerMinute(chatID int64) int { return s.MaxInWindow(chatID, time.Minute) }

// MaxInWindow returns the most sendMessage requests to chatID (0 = all
// chats) that reached the server within any window of length d: the
// largest count of arrivals a, b with b-a < d.
func (s *Server) MaxInWindow(chatID int64, d time.Duration) int {
	s.mu.Lock()
	var ts []time.Time
	for _, a := range s.attempts {
		if chatID == 0 || a.chatID == chatID {
			ts = append(ts, a.at)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
	best, lo := 0, 0
	for hi := range ts {
		for ts[hi].Sub(ts[lo]) >= d {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}

// serve routes /bot<token>/<method>.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeError(w, http.StatusNotFound, 404, "Not Found", nil)
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || token != s.Token {
		writeError(w, http.StatusUnauthorized, 401, "Unauthorized", nil)
		return
	}
	method = strings.ToLower(method)
	params, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: "+err.Error(), nil)
		return
	}
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()

	var chatID int64
	if method == "sendmessage" {
		chatID, _ = strconv.ParseInt(params["chat_id"], 10, 64)
		s.mu.Lock()
		i := len(s.attempts)
		s.attempts = append(s.attempts, attempt{chatID: chatID, at: time.Now()})
		s.mu.Unlock()
		sw := &statusWriter{ResponseWriter: w}
		w = sw
		defer func() {
			s.mu.Lock()
			s.attempts[i].status = sw.status
			s.mu.Unlock()
		}()
	}
	if f, ok := s.takeFault(method, chatID); ok {
		s.writeFault(w, r, f)
		return
	}
	switch method {
	case "getme":
		writeResult(w, map[string]any{"id": BotID, "is_bot": true, "first_name": "Claimwatch",
			"username": Username, "can_join_groups": true, "can_read_all_group_messages": false,
			"supports_inline_queries": false})
	case "getupdates":
		s.getUpdates(w, r, params)
	case "sendmessage":
		s.sendMessage(w, params)
	case "getchatmember":
		s.getChatMember(w, params)
	case "setwebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookSecret = params["url"], params["secret_token"]
		if a := params["allowed_updates"]; a != "" {
			_ = json.Unmarshal([]byte(a), &s.allowed) // a malformed list leaves the old one, as Telegram ignores it
		}
		s.mu.Unlock()
		desc := "Webhook was set"
		if params["url"] == "" {
			desc = "Webhook was deleted"
		}
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": true, "description": desc})
	case "deletewebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookSecret = "", ""
		if params["drop_pending_updates"] == "true" {
			s.updates = nil
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": true, "description": "Webhook was deleted"})
	case "getwebhookinfo":
		url, _ := s.Webhook()
		s.mu.Lock()
		n := len(s.updates)
		s.mu.Unlock()
		writeResult(w, map[string]any{"url": url, "has_custom_certificate": false, "pending_update_count": n})
	default:
		writeError(w, http.StatusNotFound, 404, "Not Found", nil)
	}
}

func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, f Fault) {
	switch {
	case f.hang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	case f.htmlPage:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.status)
		fmt.Fprintf(w, "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
			f.status, http.StatusText(f.status), f.status, http.StatusText(f.status))
		return
	}
	var p map[string]any
	if f.retryAfter > 0 {
		p = map[string]any{"retry_after": f.retryAfter}
	}
	if f.migrateTo != 0 {
		p = map[string]any{"migrate_to_chat_id": f.migrateTo}
	}
	writeError(w, f.status, f.code, f.desc, p)
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	limit := 100
	if v, err := strconv.Atoi(p["limit"]); err == nil && v >= 1 && v <= 100 {
		limit = v
	}
	timeout, _ := strconv.Atoi(p["timeout"])
	var allowed []string
	if a := p["allowed_updates"]; a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			writeError(w, http.StatusBadRequest, 400, "Bad Request: can't parse allowed updates", nil)
			return
		}
	}
	s.mu.Lock()
	if s.webhookURL != "" {
		s.mu.Unlock()
		writeError(w, http.StatusConflict, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", nil)
		return
	}
	if allowed != nil {
		s.allowed = allowed
	}
	s.mu.Unlock()
	if offset > 0 {
		s.confirm(offset)
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		filter := s.allowed
		var out []any
		// Telegram drops the updates a bot does not want rather than keep them.
		s.updates = slices.DeleteFunc(s.updates, func(u update) bool {
			return len(filter) > 0 && !slices.Contains(filter, u.kind)
		})
		for _, u := range s.updates {
			if u.id >= offset && len(out) < limit {
				out = append(out, u.raw)
			}
		}
		wake := s.newUpdate
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			if out == nil {
				out = []any{}
			}
			writeResult(w, out)
			return
		}
		select {
		case <-wake:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, p map[string]string) {
	raw, ok := p["chat_id"]
	if !ok || raw == "" {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: chat_id is empty", nil)
		return
	}
	chatID, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || chatID == 0 {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: chat not found", nil)
		return
	}
	text := p["text"]
	if !utf8.ValidString(text) {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: text must be encoded in UTF-8", nil)
		return
	}
	plain := text
	switch mode := p["parse_mode"]; strings.ToLower(mode) {
	case "":
	case "html":
		if plain, err = parseHTML(text); err != nil {
			writeError(w, http.StatusBadRequest, 400, "Bad Request: "+err.Error(), nil)
			return
		}
	default:
		writeError(w, http.StatusBadRequest, 400, "Bad Request: unsupported parse_mode", nil)
		return
	}
	if strings.TrimSpace(plain) == "" {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: message text is empty", nil)
		return
	}
	if utf16Len(plain) > 4096 {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: message is too long", nil)
		return
	}
	now := time.Now()
	// Clones, so a recorded message does not keep its request's body alive.
	m := Message{ChatID: chatID, Text: strings.Clone(text), ParseMode: strings.Clone(p["parse_mode"]), At: now,
		DisablePreview: p["disable_web_page_preview"] == "true" || strings.Contains(p["link_preview_options"], `"is_disabled":true`)}
	s.mu.Lock()
	s.sent[chatID] = append(s.sent[chatID], m)
	s.all = append(s.all, m)
	s.nextMessageID++
	id := s.nextMessageID
	s.mu.Unlock()
	writeResult(w, map[string]any{
		"message_id": id,
		"from":       map[string]any{"id": BotID, "is_bot": true, "first_name": "Claimwatch", "username": Username},
		"chat":       chatObject(chatID, ""),
		"date":       now.Unix(),
		"text":       plain,
	})
}

func (s *Server) getChatMember(w http.ResponseWriter, p map[string]string) {
	chatID, err1 := strconv.ParseInt(p["chat_id"], 10, 64)
	userID, err2 := strconv.ParseInt(p["user_id"], 10, 64)
	if err1 != nil || chatID == 0 {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: chat not found", nil)
		return
	}
	if err2 != nil || userID == 0 {
		writeError(w, http.StatusBadRequest, 400, "Bad Request: invalid user_id specified", nil)
		return
	}
	s.mu.Lock()
	status, ok := s.members[[2]int64{chatID, userID}]
	s.mu.Unlock()
	if !ok {
		status = "member"
	}
	writeResult(w, map[string]any{
		"user":   map[string]any{"id": userID, "is_bot": false, "first_name": "Tester"},
		"status": status,
	})
}

// parseParams reads a request's parameters the ways the Bot API accepts
// them: query string, application/x-www-form-urlencoded, multipart/form-data
// or application/json. JSON values that are not strings keep their JSON text.
func parseParams(r *http.Request) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range r.URL.Query() {
		out[k] = v[0]
	}
	if r.Method != http.MethodPost {
		return out, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.NewDecoder(io.LimitReader(r.Body, 10<<20)).Decode(&m); err != nil {
			return nil, fmt.Errorf("can't parse JSON object: %v", err)
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = s
			} else {
				out[k] = string(v)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(10 << 20); err != nil {
			return nil, fmt.Errorf("can't parse multipart form: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			out[k] = v[0]
		}
	case "application/x-www-form-urlencoded", "":
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("can't parse form: %v", err)
		}
		for k, v := range r.PostForm {
			out[k] = v[0]
		}
	}
	return out, nil
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func writeResult(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, status, code int, desc string, params map[string]any) {
	body := map[string]any{"ok": false, "error_code": code, "description": desc}
	if params != nil {
		body["parameters"] = params
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b) // the client went away; nothing to do
}
