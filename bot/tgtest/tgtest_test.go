package tgtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

type apiResp struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int   `json:"retry_after"`
		MigrateTo  int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
}

func call(t *testing.T, s *Server, token, method string, form url.Values) (int, apiResp) {
	t.Helper()
	u := strings.Replace(strings.Replace(s.Endpoint(), "%s", token, 1), "%s", method, 1)
	resp, err := http.PostForm(u, form)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var r apiResp
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("%s: decode: %v", method, err)
	}
	return resp.StatusCode, r
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, in, plain string
		ok              bool
	}{
		{"plain text", "hello", "hello", true},
		{"escaped entities", "a &lt;b&gt; &amp; &quot;c&quot; &#1575;&#x41;", `a <b> & "c" اA`, true},
		{"allowed tags nested", "<b>bold <i>both</i></b> <a href=\"https://x.example/?a=1&amp;b=2\">link</a>", "bold both link", true},
		{"spoiler span", `<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>`, "xy", true},
		{"code inside pre", `<pre><code class="language-go">x</code></pre>`, "x", true},
		{"expandable blockquote", `<blockquote expandable>q</blockquote>`, "q", true},
		{"bare less-than", "1 < 2", "", false},
		{"bare greater-than", "2 > 1", "", false},
		{"bare ampersand", "Q&A", "", false},
		{"unknown named entity", "&nbsp;", "", false},
		{"unsupported tag", "<div>x</div>", "", false},
		{"misnested tags", "<b><i>x</b></i>", "", false},
		{"unclosed tag", "<b>x", "", false},
		{"stray end tag", "x</b>", "", false},
		{"link without href", "<a>x</a>", "", false},
		{"span without spoiler class", `<span class="red">x</span>`, "", false},
		{"tag inside code", "<code><b>x</b></code>", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseHTML(tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("parseHTML(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
			}
			if tc.ok && got != tc.plain {
				t.Errorf("parseHTML(%q) = %q, want %q", tc.in, got, tc.plain)
			}
		})
	}
}

func TestSendMessageValidates(t *testing.T) {
	s := New(t)
	tests := []struct {
		name string
		form url.Values
		code int
		desc string
	}{
		{"accepted", url.Values{"chat_id": {"5"}, "text": {"<b>hi</b>"}, "parse_mode": {"HTML"}}, 200, ""},
		{"missing chat", url.Values{"text": {"hi"}}, 400, "chat_id is empty"},
		{"empty text", url.Values{"chat_id": {"5"}, "text": {""}}, 400, "message text is empty"},
		{"too long in UTF-16", url.Values{"chat_id": {"5"}, "text": {strings.Repeat("😀", 2049)}}, 400, "message is too long"},
		{"bad HTML", url.Values{"chat_id": {"5"}, "text": {"a & b"}, "parse_mode": {"HTML"}}, 400, "can't parse entities"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, r := call(t, s, s.Token, "sendMessage", tc.form)
			if code != tc.code || !strings.Contains(r.Description, tc.desc) {
				t.Fatalf("got %d %q, want %d containing %q", code, r.Description, tc.code, tc.desc)
			}
		})
	}
	if got := s.Sent(5); len(got) != 1 || got[0].Text != "<b>hi</b>" || got[0].ParseMode != "HTML" {
		t.Fatalf("Sent(5) = %+v, want the one accepted message", got)
	}
}

func TestTokenAndUnknownMethod(t *testing.T) {
	s := New(t)
	if code, r := call(t, s, "999:wrong", "getMe", nil); code != 401 || r.Description != "Unauthorized" {
		t.Errorf("wrong token: got %d %q, want 401 Unauthorized", code, r.Description)
	}
	if code, r := call(t, s, s.Token, "noSuchMethod", nil); code != 404 || r.ErrorCode != 404 {
		t.Errorf("unknown method: got %d %+v, want 404", code, r)
	}
	if code, r := call(t, s, s.Token, "getMe", nil); code != 200 || !strings.Contains(string(r.Result), Username) {
		t.Errorf("getMe: got %d %s", code, r.Result)
	}
}

func TestGetUpdatesOffsetAndLongPoll(t *testing.T) {
	s := New(t)
	id1 := s.SendText(7, "private", 7, "ar", "/start")
	s.SendMyChatMember(7, "kicked")
	_, r := call(t, s, s.Token, "getUpdates", url.Values{"allowed_updates": {`["message"]`}})
	var ups []map[string]any
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 1 {
		t.Fatalf("getUpdates with allowed_updates [message]: %s (%v), want only the message", r.Result, err)
	}
	_, r = call(t, s, s.Token, "getUpdates", url.Values{"offset": {"0"}})
	if err := json.Unmarshal(r.Result, &ups); err != nil || len(ups) != 1 {
		t.Fatalf("update still there before confirming: %s (%v)", r.Result, err)
	}

	// A long poll with the offset past id1 waits and wakes on the next update.
	done := make(chan []map[string]any)
	go func() {
		_, r := call(t, s, s.Token, "getUpdates", url.Values{"offset": {"2"}, "timeout": {"5"}, "allowed_updates": {`["message","my_chat_member"]`}})
		var ups []map[string]any
		_ = json.Unmarshal(r.Result, &ups) // checked by the receiver
		done <- ups
	}()
	time.Sleep(50 * time.Millisecond)
	id3 := s.SendText(-100, "supergroup", 9, "en", "/today@claimwatch_test_bot")
	select {
	case ups := <-done:
		if len(ups) != 1 || int64(ups[0]["update_id"].(float64)) != id3 {
			t.Fatalf("long poll got %v, want update %d", ups, id3)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("long poll did not wake on a new update")
	}
	if p := s.Pending(); len(p) != 1 || p[0] != id3 {
		t.Fatalf("pending = %v, want only %d (update %d confirmed by offset)", p, id3, id1)
	}
}

func TestFaults(t *testing.T) {
	s := New(t)
	s.FailNext(5, 1, TooManyRequests(3))
	s.FailNext(6, 1, Migrate(-1006))
	s.FailNext(0, 1, BadGatewayPage())
	form := func(chat string) url.Values { return url.Values{"chat_id": {chat}, "text": {"x"}} }
	if code, r := call(t, s, s.Token, "sendMessage", form("5")); code != 429 || r.Parameters.RetryAfter != 3 {
		t.Errorf("429: got %d %+v", code, r)
	}
	if code, r := call(t, s, s.Token, "sendMessage", form("6")); code != 400 || r.Parameters.MigrateTo != -1006 {
		t.Errorf("migrate: got %d %+v", code, r)
	}
	resp, err := http.PostForm(strings.Replace(strings.Replace(s.Endpoint(), "%s", s.Token, 1), "%s", "sendMessage", 1), form("7"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("502 page: got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if code, _ := call(t, s, s.Token, "sendMessage", form("5")); code != 200 {
		t.Errorf("after faults: got %d, want 200", code)
	}
	if got := s.MaxPerSecondChat(5); got != 2 {
		t.Errorf("MaxPerSecondChat(5) = %d, want 2 (refused attempts count)", got)
	}
}
