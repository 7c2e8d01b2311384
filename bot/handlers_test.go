package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/store"
)

// The handlers' clock: 10:00 UTC, 13:00 in Baghdad, on 2026-11-25.
var handlerNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

const (
	botAdmin   = int64(42)
	groupID    = int64(-100)
	groupAdmin = int64(7)
	groupUser  = int64(8)
)

// fakeChatAdmins administers groupID by groupAdmin only.
type fakeChatAdmins struct{}

func (fakeChatAdmins) IsChatAdmin(_ context.Context, chatID, userID int64) (bool, error) {
	return chatID == groupID && userID == groupAdmin, nil
}

// fakeFeedChecker accepts the URLs it has a title for and refuses the
// others as a feeds.Poller refuses an HTML page.
type fakeFeedChecker map[string]string

func (f fakeFeedChecker) CheckFeed(_ context.Context, url string) (string, error) {
	if title, ok := f[url]; ok {
		return title, nil
	}
	return "", fmt.Errorf("check feed %s: %w", url, errors.New("not a feed (text/html)"))
}

// openHandlerStore opens a SQLite store in t.TempDir, closed with the test.
func openHandlerStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "handlers.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newsReport is one report to seed: the feed that carried it and its facts.
type newsReport struct {
	feed      string
	key       string
	published time.Time
	facts     claimwatch.Facts
}

// seedNews stores reports through the store's own SaveReport, as the
// poller would, raising alerts when alert is set.
func seedNews(t testing.TB, st *store.DB, alert bool, reports ...newsReport) {
	t.Helper()
	ctx := t.Context()
	feeds := map[string]int64{}
	existing, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range existing {
		feeds[f.Name] = f.ID
	}
	for _, r := range reports {
		id, ok := feeds[r.feed]
		if !ok {
			f, err := st.AddFeed(ctx, claimwatch.Feed{Name: r.feed, URL: "https://" + strings.ToLower(strings.ReplaceAll(r.feed, " ", "")) + ".example/rss"})
			if err != nil {
				t.Fatal(err)
			}
			id, feeds[r.feed] = f.ID, f.ID
		}
		link := "https://" + strings.ToLower(strings.ReplaceAll(r.feed, " ", "")) + ".example/news/" + r.key
		it := claimwatch.Item{FeedID: id, Key: r.key, Link: link, Title: "report " + r.key, Text: "text",
			Published: r.published, FetchedAt: r.published, Hash: "h-" + r.key}
		if _, err := st.SaveReport(ctx, claimwatch.ReportRecord{Item: it, Feed: r.feed, Facts: r.facts, Alert: alert, Now: r.published}); err != nil {
			t.Fatalf("seed %s: %v", r.key, err)
		}
	}
}

func attackOnBase() claimwatch.Attack {
	return claimwatch.Attack{
		Claimant: "Islamic Resistance in Iraq", ClaimantText: "المقاومة الإسلامية في العراق", Responsibility: claimwatch.Claimed,
		Weapons: []claimwatch.Weapon{claimwatch.Drone}, Target: "Ain al-Asad air base", TargetText: "قاعدة عين الأسد",
		Place: "Anbar", Country: "Iraq", Date: "2026-11-25", Injured: claimwatch.Count(2),
		Evidence: "The group said its drone hit the base at dawn.",
	}
}

func attackOnCamp() claimwatch.Attack {
	return claimwatch.Attack{
		Responsibility: claimwatch.Unclaimed, Weapons: []claimwatch.Weapon{claimwatch.Rocket},
		Target: "Camp <Alpha> & Beta", Place: "Deir ez-Zor", Country: "Syria",
		Evidence: "Two rockets fell near Camp <Alpha> & Beta.",
	}
}

func attackOnShip() claimwatch.Attack {
	return claimwatch.Attack{
		Claimant: "Houthis", ClaimantText: "Houthis", Responsibility: claimwatch.Claimed,
		Weapons: []claimwatch.Weapon{claimwatch.Missile}, Target: "MV Sea Star", Place: "Red Sea", Country: "Yemen",
		Date: "2026-11-24", Evidence: "A missile struck the MV Sea Star.",
	}
}

// seedDefaultNews stores three incidents (two today, one the day before;
// the base attack told by two outlets), a statement and a tally.
func seedDefaultNews(t testing.TB, st *store.DB) {
	seedNews(t, st, false,
		newsReport{feed: "Desert Wire", key: "a1", published: handlerNow.Add(-2 * time.Hour),
			facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnBase()},
				Statements: []claimwatch.Statement{{Speaker: "Jane Roe", Role: "Pentagon spokeswoman", Quote: "We are assessing the damage & the injuries."}},
				Tallies:    []claimwatch.Tally{{Count: 92, Subject: "attacks on US forces in Iraq and Syria", Since: "2026-10-17", Source: "a US official"}}}},
		newsReport{feed: "Rafidain News", key: "b1", published: handlerNow.Add(-90 * time.Minute),
			facts: claimwatch.Facts{Language: "ar", Attacks: []claimwatch.Attack{attackOnBase()}}},
		newsReport{feed: "Desert Wire", key: "c1", published: handlerNow.Add(-3 * time.Hour),
			facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnCamp()}}},
		newsReport{feed: "Desert Wire", key: "d1", published: handlerNow.Add(-26 * time.Hour),
			facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnShip()}}},
	)
}

func newTestHandlers(t testing.TB, st Store) *Handlers {
	return NewHandlers(HandlerOptions{
		Store: st, Admins: fakeChatAdmins{}, AdminUsers: []int64{botAdmin}, Username: "claimwatch_test_bot", Version: "v0.1.0",
		Feeds:  fakeFeedChecker{"https://new.example/rss": "New Outlet"},
		Now:    func() time.Time { return handlerNow },
		Logger: testLogger(t),
	})
}

// ask sends one command and returns its replies joined, after checking
// each is valid Telegram HTML within the length limit.
func ask(t *testing.T, h *Handlers, cmd Command) string {
	t.Helper()
	replies, err := h.Handle(t.Context(), cmd)
	if err != nil {
		t.Fatalf("Handle(%+v): %v", cmd, err)
	}
	for _, r := range replies {
		if n := utf16Len(r); n > MaxMessageLen {
			t.Fatalf("reply of %d UTF-16 units", n)
		}
		checkTelegramHTML(t, r)
	}
	return strings.Join(replies, "\n---\n")
}

// private returns a command from a private chat: chat 1 speaks English,
// chat 2 Arabic.
func private(lang string, line string) Command {
	name, args := parseConsoleLine(line)
	id := int64(1)
	if lang == "ar" {
		id = 2
	}
	return Command{ChatID: id, ChatType: "private", UserID: id, UserLang: lang, Text: line, Name: name, Args: args}
}

func asAdmin(c Command) Command { c.UserID = botAdmin; return c }

func inGroup(user int64, line string) Command {
	name, args := parseConsoleLine(line)
	return Command{ChatID: groupID, ChatType: "supergroup", ChatTitle: "Analysts", UserID: user, UserLang: "en", Text: line, Name: name, Args: args}
}

func TestHandleCommands(t *testing.T) {
	tests := []struct {
		name    string
		cmd     Command
		want    []string
		wantNot []string
	}{
		{"start in english", private("en", "/start"), []string{"claimwatch</b> reads news feeds", "/subscribe", "/today"}, []string{"/addfeed"}},
		{"start in arabic for an arabic sender", private("ar", "/start"), []string{"يقرأ الأخبار", "<b>الأوامر</b>"}, nil},
		{"help shows admin commands to the bot's admins", asAdmin(private("en", "/help")), []string{"/addfeed", "/stats", "v0.1.0"}, nil},
		{"subscribe", private("en", "/subscribe"), []string{"Subscribed", "instant"}, nil},
		{"subscribe in arabic", private("ar", "/subscribe"), []string{"تم الاشتراك", "فورية"}, nil},
		{"unsubscribe when not subscribed", private("en", "/unsubscribe"), []string{"not subscribed"}, nil},
		{"today counts incidents, not reports", private("en", "/today"), []string{
			"<b>Today</b>, 2026-11-25 (UTC): 2 attacks", "Islamic Resistance in Iraq: 1", "unclaimed: 1", "Iraq: 1", "Syria: 1",
			"Camp &lt;Alpha&gt; &amp; Beta", `href="https://desertwire.example/news/a1"`, `href="https://rafidainnews.example/news/b1"`}, []string{"Sea Star"}},
		{"today in arabic", private("ar", "/today"), []string{"<b>اليوم</b>", "هجومان", "المقاومة الإسلامية في العراق: 1", "دون تبنٍّ: 1", "العراق: 1", "سوريا: 1"}, nil},
		{"counts the last 7 days by default", private("en", "/counts"), []string{"2026-11-19 to 2026-11-25", "2026-11-19    0", "2026-11-24    1", "2026-11-25    2", "<b>Total</b>: 3 attacks"}, nil},
		{"counts the last N days", private("en", "/counts 2"), []string{"2026-11-24 to 2026-11-25", "Total</b>: 3 attacks"}, []string{"2026-11-23"}},
		{"counts between two dates", private("en", "/counts 2026-11-20 2026-11-24"), []string{"2026-11-20 to 2026-11-24", "Total</b>: 1 attack"}, nil},
		{"counts in arabic", private("ar", "/counts 3"), []string{"عدد الهجمات يومياً", "3 هجمات"}, nil},
		{"counts refuses a word", private("en", "/counts week"), []string{"Use /counts", "1 to 90"}, nil},
		{"counts refuses zero days", private("en", "/counts 0"), []string{"Use /counts"}, nil},
		{"counts refuses too many days", private("en", "/counts 91"), []string{"Use /counts"}, nil},
		{"counts refuses dates in the wrong order", private("en", "/counts 2026-11-25 2026-11-20"), []string{"Use /counts"}, nil},
		{"counts refuses a bad date", private("en", "/counts 2026-13-01 2026-13-02"), []string{"YYYY-MM-DD"}, nil},
		{"counts refuses bad arguments in arabic", private("ar", "/counts x"), []string{"استخدم /counts"}, nil},
		{"latest shows incidents with evidence and links, and statements", private("en", "/latest"), []string{
			"<b>Latest incidents</b>", "The group said its drone hit the base at dawn.", "https://rafidainnews.example/news/b1",
			"Two rockets fell near Camp &lt;Alpha&gt; &amp; Beta.", "<b>Latest statements</b>", "Jane Roe", "We are assessing the damage &amp; the injuries."}, nil},
		{"latest N", private("en", "/latest 1"), []string{"Ain al-Asad"}, []string{"Sea Star"}},
		{"latest refuses too many", private("en", "/latest 21"), []string{"Use /latest", "1 to 20"}, nil},
		{"latest in arabic", private("ar", "/latest"), []string{"<b>أحدث الحوادث</b>", "قاعدة عين الأسد", "<b>أحدث التصريحات</b>"}, nil},
		{"tally", private("en", "/tally"), []string{"<b>92</b> attacks on US forces in Iraq and Syria", "since 2026-10-17", "according to a US official", "https://desertwire.example/news/a1"}, nil},
		{"tally in arabic", private("ar", "/tally"), []string{"<b>الحصائل</b>", "منذ 2026-10-17"}, nil},
		{"sources", private("en", "/sources"), []string{"<b>Sources</b>", "Desert Wire", "Rafidain News", "items"}, nil},
		{"sources in arabic", private("ar", "/sources"), []string{"<b>المصادر</b>", "آخر جلب"}, nil},
		{"settings shows every setting", private("en", "/settings"), []string{"Language: English", "Time zone: UTC", "Alerts: instant", "08:00", "Quiet hours: off", "Filters (alerts and digests): none"}, nil},
		{"settings in arabic", private("ar", "/settings"), []string{"اللغة: العربية", "المنطقة الزمنية"}, nil},
		{"unknown command", private("en", "/frobnicate"), []string{"I don't know /frobnicate", "/help"}, nil},
		{"unknown command is escaped", private("en", "/<b>&x"), []string{"/&lt;b&gt;&amp;x"}, []string{"<b>&x"}},
		{"unknown command in arabic", private("ar", "/frobnicate"), []string{"لا أعرف الأمر"}, nil},
		{"plain text in a private chat gets a hint", private("en", "hello"), []string{"Commands start with /"}, nil},
		{"addfeed refused to others", private("en", "/addfeed https://new.example/rss"), []string{"Only the bot's administrators"}, nil},
		{"addfeed needs an http url", asAdmin(private("en", "/addfeed ftp://x.example/rss")), []string{"not an http or https URL"}, nil},
		{"addfeed refuses what is not a feed, with the reason", asAdmin(private("en", "/addfeed https://html.example/page")), []string{"Not added: not a feed (text/html)"}, []string{"check feed"}},
		{"addfeed adds a feed named by its title", asAdmin(private("en", "/addfeed https://new.example/rss")), []string{"Added New Outlet", "https://new.example/rss"}, nil},
		{"removefeed by name", asAdmin(private("en", "/removefeed rafidain news")), []string{"Removed Rafidain News"}, nil},
		{"removefeed of an unknown feed", asAdmin(private("en", "/removefeed Nope <x>")), []string{"No feed has the URL or name Nope &lt;x&gt;"}, nil},
		{"stats for the bot's admins", asAdmin(private("en", "/stats")), []string{"Feeds: 2", "Incidents: 3", "Statements: 1"}, nil},
		{"stats refused to others", private("ar", "/stats"), []string{"لمشرفي البوت"}, nil},
		{"group member may not subscribe", inGroup(groupUser, "/subscribe"), []string{"Only this group's administrators"}, nil},
		{"group admin may subscribe", inGroup(groupAdmin, "/subscribe"), []string{"Subscribed"}, nil},
		{"group member may read settings", inGroup(groupUser, "/settings"), []string{"Language: English"}, nil},
		{"group member may not change settings", inGroup(groupUser, "/settings tz Asia/Baghdad"), []string{"Only this group's administrators"}, nil},
		{"group member may read today", inGroup(groupUser, "/today@claimwatch_test_bot"), []string{"2 attacks"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openHandlerStore(t)
			seedDefaultNews(t, st)
			got := ask(t, newTestHandlers(t, st), tc.cmd)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s: missing %q in:\n%s", tc.cmd.Text, w, got)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("%s: unexpected %q in:\n%s", tc.cmd.Text, w, got)
				}
			}
		})
	}
}

func TestHandleSettings(t *testing.T) {
	tests := []struct {
		name  string
		lines []string // sent in order to the English chat
		want  string   // in the last reply
		check func(claimwatch.ChatSettings) bool
	}{
		{"language", []string{"/settings lang ar"}, "تم الحفظ", func(s claimwatch.ChatSettings) bool { return s.Lang == "ar" }},
		{"language refused", []string{"/settings lang fr"}, "Use /settings lang ar", func(s claimwatch.ChatSettings) bool { return s.Lang == "en" }},
		{"time zone", []string{"/settings tz Asia/Baghdad"}, "Time zone: Asia/Baghdad", func(s claimwatch.ChatSettings) bool { return s.TimeZone == "Asia/Baghdad" }},
		{"time zone refused", []string{"/settings tz Mars/Olympus"}, "I don't know the time zone Mars/Olympus", func(s claimwatch.ChatSettings) bool { return s.TimeZone == "" }},
		{"time zone escaped", []string{"/settings tz <b>"}, "time zone &lt;b&gt;", nil},
		{"local time zone refused", []string{"/settings tz Local"}, "I don't know the time zone", nil},
		{"alerts", []string{"/settings alerts both"}, "instant and daily digest", func(s claimwatch.ChatSettings) bool { return s.Alerts == claimwatch.AlertsBoth }},
		{"alerts refused", []string{"/settings alerts loud"}, "Use /settings alerts instant, digest or both", nil},
		{"digest hour", []string{"/settings digest 19"}, "Daily digest at: 19:00", func(s claimwatch.ChatSettings) bool { return s.DigestHour == 19 }},
		{"digest hour refused", []string{"/settings digest 24"}, "an hour from 0 to 23", func(s claimwatch.ChatSettings) bool { return s.DigestHour == 8 }},
		{"quiet hours", []string{"/settings quiet 23 7"}, "Quiet hours: 23:00–07:00", func(s claimwatch.ChatSettings) bool { return s.QuietFrom == 23 && s.QuietTo == 7 }},
		{"quiet hours off", []string{"/settings quiet 23 7", "/settings quiet off"}, "Quiet hours: off", func(s claimwatch.ChatSettings) bool { return s.QuietFrom == s.QuietTo }},
		{"quiet hours refused", []string{"/settings quiet 5 5"}, "Use /settings quiet FROM TO", nil},
		{"weapon filter", []string{"/settings filter weapon drone, مسيّرة,rocket"}, "weapon: drone, rocket", func(s claimwatch.ChatSettings) bool { return len(s.Weapons) == 2 && s.Weapons[1] == claimwatch.Rocket }},
		{"weapon filter by alias", []string{"/settings filter weapon car bomb, IEDs"}, "weapon: car_bomb, ied", nil},
		{"unknown weapon refused", []string{"/settings filter weapon banana"}, "Weapons: drone, rocket, missile", func(s claimwatch.ChatSettings) bool { return len(s.Weapons) == 0 }},
		{"claimant filter with spaces", []string{"/settings filter claimant Islamic Resistance in Iraq, Houthis"}, "claimant: Islamic Resistance in Iraq, Houthis", func(s claimwatch.ChatSettings) bool { return len(s.Claimants) == 2 }},
		{"filters cleared", []string{"/settings filter country Iraq", "/settings filter clear"}, "Filters (alerts and digests): none", func(s claimwatch.ChatSettings) bool { return len(s.Countries) == 0 }},
		{"unknown filter refused", []string{"/settings filter colour red"}, "Use /settings filter", nil},
		{"unknown setting refused", []string{"/settings volume 11"}, "I don't know that setting", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openHandlerStore(t)
			h := newTestHandlers(t, st)
			var got string
			for _, l := range tc.lines {
				got = ask(t, h, private("en", l))
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("missing %q in:\n%s", tc.want, got)
			}
			if tc.check != nil {
				c, err := st.Chat(t.Context(), 1)
				if err != nil {
					t.Fatal(err)
				}
				if !tc.check(c.Settings) {
					t.Errorf("settings after %q: %+v", tc.lines, c.Settings)
				}
			}
		})
	}
}

func TestHandleKeepsStateInTheStore(t *testing.T) {
	st := openHandlerStore(t)
	seedDefaultNews(t, st)
	h := newTestHandlers(t, st)
	ask(t, h, private("ar", "/subscribe"))
	c, err := st.Chat(t.Context(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Subscribed || c.Settings.Lang != "ar" || c.Type != "private" {
		t.Fatalf("chat after /subscribe: %+v", c)
	}
	// An Arabic chat that chose English answers in English, whatever its
	// sender's language.
	ask(t, h, private("ar", "/settings lang en"))
	if got := ask(t, h, private("ar", "/today")); !strings.Contains(got, "2 attacks") {
		t.Errorf("today after lang en: %s", got)
	}
	// A time zone moves the day: at 10:00 UTC it is already the 26th in
	// Kiritimati (UTC+14), where nothing happened yet.
	ask(t, h, private("ar", "/settings tz Pacific/Kiritimati"))
	if got := ask(t, h, private("ar", "/today")); !strings.Contains(got, "2026-11-26 (Pacific/Kiritimati): 0 attacks") {
		t.Errorf("today in Kiritimati: %s", got)
	}
	ask(t, h, private("ar", "/unsubscribe"))
	if c, _ := st.Chat(t.Context(), 2); c.Subscribed {
		t.Errorf("still subscribed after /unsubscribe")
	}
	// The feed /addfeed added is in the store.
	ask(t, h, asAdmin(private("en", "/addfeed https://new.example/rss My <Outlet>")))
	f, err := st.FeedByURL(t.Context(), "https://new.example/rss")
	if err != nil || f.Name != "My <Outlet>" {
		t.Errorf("added feed: %+v, %v", f, err)
	}
}

func TestHandleIgnoresOtherBotsAndGroupChatter(t *testing.T) {
	st := openHandlerStore(t)
	h := newTestHandlers(t, st)
	other := inGroup(groupUser, "/today@other_bot")
	other.Name = "today@other_bot"
	for _, cmd := range []Command{
		other,
		inGroup(groupUser, "just talking"),
	} {
		replies, err := h.Handle(t.Context(), cmd)
		if err != nil || len(replies) != 0 {
			t.Errorf("Handle(%q) = %q, %v; want nothing", cmd.Text, replies, err)
		}
	}
}

func TestHandleStoreFailureApologizes(t *testing.T) {
	st := openHandlerStore(t)
	h := newTestHandlers(t, st)
	ask(t, h, private("ar", "/start"))
	st.Close() // every query fails from now on
	for _, lang := range []string{"en", "ar"} {
		got := ask(t, h, private(lang, "/today"))
		want := map[string]string{"en": "Something went wrong", "ar": "حدث خطأ"}[lang]
		if !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want the apology", lang, got)
		}
		for _, leak := range []string{"sql", "database", "closed", "store"} {
			if strings.Contains(strings.ToLower(got), leak) {
				t.Errorf("%s: reply %q shows the error (%q)", lang, got, leak)
			}
		}
	}
}

func TestHandleCanceled(t *testing.T) {
	st := openHandlerStore(t)
	h := newTestHandlers(t, st)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	replies, err := h.Handle(ctx, private("en", "/today"))
	if !errors.Is(err, context.Canceled) || len(replies) != 0 {
		t.Errorf("Handle with a canceled ctx = %q, %v; want no replies and context.Canceled", replies, err)
	}
}

func TestHandleSplitsLongReplies(t *testing.T) {
	st := openHandlerStore(t)
	var reports []newsReport
	for i := range 20 {
		a := attackOnCamp()
		a.Target = fmt.Sprintf("Outpost %d %s", i, strings.Repeat("with a very long name ", 5))
		a.Evidence = strings.Repeat(fmt.Sprintf("Sentence %d of evidence that goes on. ", i), 12)
		reports = append(reports, newsReport{feed: "Desert Wire", key: fmt.Sprint("long", i), published: handlerNow.Add(-time.Duration(i+1) * time.Minute),
			facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{a}}})
	}
	seedNews(t, st, false, reports...)
	replies, err := newTestHandlers(t, st).Handle(t.Context(), private("en", "/latest 20"))
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) < 2 {
		t.Fatalf("got %d replies, want the long answer split", len(replies))
	}
	for i, r := range replies {
		if n := utf16Len(r); n > MaxMessageLen {
			t.Errorf("reply %d has %d UTF-16 units", i, n)
		}
		checkTelegramHTML(t, r)
	}
}

func TestNotifyAdmins(t *testing.T) {
	st := openHandlerStore(t)
	h := NewHandlers(HandlerOptions{Store: st, AdminUsers: []int64{botAdmin, 43}, Now: func() time.Time { return handlerNow }, Logger: testLogger(t)})
	f := claimwatch.Feed{Name: "Desert <Wire>", URL: "https://desertwire.example/rss",
		Health: claimwatch.FeedHealth{LastError: "timeout after 30s", ConsecutiveFailures: 5, FailingSince: handlerNow.Add(-time.Hour)}}
	if err := h.NotifyAdmins(t.Context(), FeedHealthNotice("en", f, true)); err != nil {
		t.Fatal(err)
	}
	msgs, err := st.NextMessages(t.Context(), handlerNow.Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want one per admin: %+v", len(msgs), msgs)
	}
	for _, m := range msgs {
		checkTelegramHTML(t, m.Text)
		if m.Kind != "admin" || !strings.Contains(m.Text, "Desert &lt;Wire&gt;") || !strings.Contains(m.Text, "timeout after 30s") || !strings.Contains(m.Text, "5 failures") {
			t.Errorf("notice to %d: %+v", m.ChatID, m)
		}
	}
}

func TestTallyToldTwiceByOneReportShowsOnce(t *testing.T) {
	st := openHandlerStore(t)
	seedNews(t, st, false, newsReport{feed: "Desert Wire", key: "t1", published: handlerNow.Add(-time.Hour),
		facts: claimwatch.Facts{Language: "en", Tallies: []claimwatch.Tally{
			{Count: 47, Subject: "attacks on US forces", Since: "2026-10-01"},
			{Count: 47, Subject: "times US forces in Iraq and Syria came under attack", Since: "2026-10-01"},
			{Count: 12, Subject: "drone attacks on ships"},
		}}})
	h := newTestHandlers(t, st)
	got := ask(t, h, private("en", "/tally"))
	if n := strings.Count(got, "<b>47</b>"); n != 1 {
		t.Errorf("the count 47 appears %d times, want once:\n%s", n, got)
	}
	if !strings.Contains(got, "<b>12</b>") {
		t.Errorf("the other tally is missing:\n%s", got)
	}
}

func TestNotifyFeedHealthSpeaksEachAdminsLanguage(t *testing.T) {
	st := openHandlerStore(t)
	const arabicAdmin, unknownAdmin = 501, 502
	saveChats(t, st, claimwatch.Chat{ID: arabicAdmin, Type: "private", Settings: claimwatch.DefaultSettings("ar")})
	h := NewHandlers(HandlerOptions{Store: st, AdminUsers: []int64{arabicAdmin, unknownAdmin}, Now: func() time.Time { return handlerNow }, Logger: testLogger(t)})
	f := claimwatch.Feed{Name: "Desert Wire", URL: "https://desertwire.example/rss"}
	if err := h.NotifyFeedHealth(t.Context(), f, false); err != nil {
		t.Fatal(err)
	}
	got := drainOutbox(t, st)
	if m := got[arabicAdmin]; len(m) != 1 || m[0].Text != FeedHealthNotice("ar", f, false) {
		t.Errorf("arabic admin got %+v, want the Arabic notice", m)
	}
	if m := got[unknownAdmin]; len(m) != 1 || m[0].Text != FeedHealthNotice("en", f, false) {
		t.Errorf("admin who never wrote got %+v, want the English notice", m)
	}
}

func TestHandleUnpausesAChatThatWrites(t *testing.T) {
	st := openHandlerStore(t)
	h := newTestHandlers(t, st)
	ask(t, h, private("en", "/subscribe"))
	if err := st.PauseChat(t.Context(), 1, "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	// The user unblocked the bot and writes again: the reply must not wait
	// behind a pause forever.
	ask(t, h, private("en", "/help"))
	c, err := st.Chat(t.Context(), 1)
	if err != nil || c.Paused || c.PausedReason != "" || !c.Subscribed {
		t.Errorf("chat after writing again: %+v, %v; want unpaused and still subscribed", c, err)
	}
}
