package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/bot/tgtest"
)

// story is one report an outlet's test feed carries.
type story struct{ title, text string }

// The same drone attack, told by three outlets in two languages, and a
// football match that is no attack at all.
var (
	outletA = []story{{
		"Drone attack targets al-Tanf garrison in Syria",
		"The Islamic Resistance in Iraq claimed responsibility for a drone attack on the al-Tanf garrison in southern Syria. A US official said the drone was shot down and nobody was hurt.",
	}}
	outletB = []story{{
		"المقاومة الإسلامية في العراق تستهدف قاعدة التنف بطائرة مسيّرة",
		"أعلنت المقاومة الإسلامية في العراق في بيان أنها استهدفت قاعدة التنف في سوريا بطائرة مسيّرة.",
	}, {
		"هجوم المنتخب يقود الفريق إلى الفوز في الدوري",
		"قاد خط هجوم المنتخب الفريق إلى فوز كبير بثلاثة أهداف في مباراة الدوري مساء أمس.",
	}}
	outletC = []story{{
		"Iraqi group says it struck US base at Tanf with drone",
		"An Iran-aligned armed faction, the Islamic Resistance in Iraq, said it launched a drone at the al-Tanf garrison, which hosts US troops near the Jordanian border.",
	}}
)

// feedServer serves one RSS feed per outlet. Items are dated when the test
// starts, so they fall inside the alert window.
type feedServer struct {
	*httptest.Server
	mu      sync.Mutex
	outlets map[string][]story
	pub     time.Time
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	fs := &feedServer{outlets: map[string][]story{}, pub: time.Now().Add(-10 * time.Minute)}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(outlet string, stories []story) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.outlets[outlet] = stories
}

func (fs *feedServer) url(outlet string) string { return fs.URL + "/" + outlet + ".xml" }

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	outlet := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	fs.mu.Lock()
	stories := fs.outlets[outlet]
	fs.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>%s</link><description>test outlet</description>
`, outlet, fs.URL)
	for i, s := range stories {
		link := fmt.Sprintf("%s/%s/story-%d", fs.URL, outlet, i)
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
			html.EscapeString(s.title), link, link, fs.pub.Format(time.RFC1123Z), html.EscapeString(s.text))
	}
	b.WriteString("</channel></rss>\n")
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write([]byte(b.String()))
}

// syncBuffer is a bytes.Buffer safe for the bot's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// botProcess is one run of `claimwatch run`, as a process would be.
type botProcess struct {
	cancel context.CancelFunc
	done   chan int
}

func startBot(t *testing.T, args []string, logs *syncBuffer) *botProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	p := &botProcess{cancel: cancel, done: make(chan int, 1)}
	go func() { p.done <- run(ctx, append([]string{"run"}, args...), strings.NewReader(""), logs, logs) }()
	return p
}

// stop sends the equivalent of SIGTERM and checks a clean exit in time.
func (p *botProcess) stop(t *testing.T) {
	t.Helper()
	p.cancel()
	select {
	case code := <-p.done:
		if code != 0 {
			t.Fatalf("claimwatch run exited %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("claimwatch run did not stop within 10 seconds")
	}
}

func TestEndToEnd(t *testing.T) {
	tg := tgtest.New(t)
	feeds := newFeedServer(t)
	db := filepath.Join(t.TempDir(), "claimwatch.db")
	t.Setenv("TELEGRAM_BOT_TOKEN", tg.Token)
	t.Setenv("TELEGRAM_API_ENDPOINT", tg.Endpoint())
	t.Setenv("CLAIMWATCH_LOG_LEVEL", "debug")
	args := []string{"--db", db, "--feed", feeds.url("a"), "--feed", feeds.url("b"), "--feed", feeds.url("c")}
	var logs syncBuffer
	const chat, user = 5001, 77

	// First start: the outlets have nothing yet; a user subscribes.
	p := startBot(t, args, &logs)
	tg.SendText(chat, "private", user, "en", "/subscribe")
	tg.WaitSent(t, chat, 1, 10*time.Second)
	p.stop(t)

	// The three outlets publish the same attack, one of them a football
	// story too. The next start polls every feed at once.
	feeds.set("a", outletA)
	feeds.set("b", outletB)
	feeds.set("c", outletC)
	p = startBot(t, args, &logs)
	tg.WaitSent(t, chat, 2, 20*time.Second) // the alert
	time.Sleep(2 * time.Second)             // would a second alert come?
	sent := tg.Sent(chat)
	if len(sent) != 2 {
		t.Fatalf("chat got %d messages, want the subscribe reply and one alert:\n%v", len(sent), sent)
	}
	alert := sent[1].Text
	for _, want := range []string{"Islamic Resistance in Iraq", "Tanf", "href="} {
		if !strings.Contains(alert, want) {
			t.Errorf("alert lacks %q:\n%s", want, alert)
		}
	}
	if sent[1].ParseMode != "HTML" {
		t.Errorf("alert parse_mode = %q, want HTML", sent[1].ParseMode)
	}

	tg.SendText(chat, "private", user, "en", "/today")
	tg.WaitSent(t, chat, 3, 10*time.Second)
	if today := tg.Sent(chat)[2].Text; !strings.Contains(today, "1") || !strings.Contains(today, "Islamic Resistance in Iraq") {
		t.Errorf("/today should count one attack by the Islamic Resistance in Iraq:\n%s", today)
	}
	p.stop(t)

	// A restart: no alert repeats, the subscription holds.
	p = startBot(t, args, &logs)
	tg.SendText(chat, "private", user, "en", "/counts 1")
	tg.WaitSent(t, chat, 4, 10*time.Second)
	time.Sleep(1500 * time.Millisecond)
	if n := len(tg.Sent(chat)); n != 4 {
		t.Fatalf("after a restart the chat got %d messages, want 4 (no repeated alert): %v", n, tg.Sent(chat))
	}
	p.stop(t)

	// counts --json counts one incident for the attack the three outlets told.
	var out, errOut bytes.Buffer
	today := time.Now().UTC().Format(time.DateOnly)
	if code := run(t.Context(), []string{"counts", "--json", "--db", db, "--from", today, "--to", today}, nil, &out, &errOut); code != 0 {
		t.Fatalf("counts exited %d: %s", code, errOut.String())
	}
	var counts countsOutput
	if err := json.Unmarshal(out.Bytes(), &counts); err != nil {
		t.Fatalf("counts --json printed %q: %v", out.String(), err)
	}
	if len(counts.Days) != 1 || counts.Days[0].Attacks != 1 || counts.Days[0].ByClaimant["Islamic Resistance in Iraq"] != 1 {
		t.Errorf("counts = %s, want one attack by the Islamic Resistance in Iraq today", out.String())
	}

	if strings.Contains(logs.String(), tg.Token) || strings.Contains(out.String(), tg.Token) || strings.Contains(errOut.String(), tg.Token) {
		t.Error("the bot token appears in the output")
	}
	for _, m := range tg.AllSent() {
		if strings.Contains(m.Text, tg.Token) {
			t.Error("the bot token appears in a message")
		}
	}
}

// TestStopWhileTelegramHangs: a sendMessage that Telegram never answers
// must not hold a SIGTERM past OUTPUT.md's 10 seconds, and the message is
// still owed after the restart.
func TestStopWhileTelegramHangs(t *testing.T) {
	tg := tgtest.New(t)
	db := filepath.Join(t.TempDir(), "claimwatch.db")
	t.Setenv("TELEGRAM_BOT_TOKEN", tg.Token)
	t.Setenv("TELEGRAM_API_ENDPOINT", tg.Endpoint())
	var logs syncBuffer
	const chat, user = 6001, 78

	tg.FailNext(chat, 1, tgtest.Timeout())
	p := startBot(t, []string{"--db", db}, &logs)
	tg.SendText(chat, "private", user, "en", "/help")
	deadline := time.Now().Add(10 * time.Second)
	for tg.Calls("sendMessage") == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if tg.Calls("sendMessage") == 0 {
		t.Fatal("the reply was never attempted")
	}
	p.stop(t) // fails the test past 10 seconds or on a non-zero exit

	p = startBot(t, []string{"--db", db}, &logs)
	tg.WaitSent(t, chat, 1, 20*time.Second)
	p.stop(t)
	if strings.Contains(logs.String(), tg.Token) {
		t.Error("the bot token appears in the log")
	}
}
