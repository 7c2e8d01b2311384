package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/store"
)

// saveChats stores chats as /settings would have left them.
func saveChats(t testing.TB, st *store.DB, chats ...claimwatch.Chat) {
	t.Helper()
	for _, c := range chats {
		if err := st.SaveChat(t.Context(), c); err != nil {
			t.Fatalf("save chat %d: %v", c.ID, err)
		}
	}
}

func subscribedChat(id int64, lang string, edit func(*claimwatch.ChatSettings)) claimwatch.Chat {
	s := claimwatch.DefaultSettings(lang)
	if edit != nil {
		edit(&s)
	}
	return claimwatch.Chat{ID: id, Type: "private", Subscribed: true, Settings: s, CreatedAt: handlerNow}
}

// drainOutbox takes every unsent message out of the outbox, as a sender
// that delivers everything would, and returns them by chat, in order.
func drainOutbox(t testing.TB, st *store.DB) map[int64][]claimwatch.OutMessage {
	t.Helper()
	got := map[int64][]claimwatch.OutMessage{}
	for {
		msgs, err := st.NextMessages(t.Context(), handlerNow.Add(1000*time.Hour), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 0 {
			return got
		}
		for _, m := range msgs {
			checkTelegramHTML(t, m.Text)
			got[m.ChatID] = append(got[m.ChatID], m)
			if err := st.MarkSent(t.Context(), m.ID, handlerNow); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestAlerterDispatchOnce(t *testing.T) {
	st := openHandlerStore(t)
	const (
		english, arabicChat, syriaOnly, digestOnly, quietNow, unsubscribed, paused, keyword = 1, 2, 3, 4, 5, 6, 7, 8
	)
	pausedChat := subscribedChat(paused, "en", nil)
	pausedChat.Paused, pausedChat.PausedReason = true, "Forbidden: bot was blocked by the user"
	saveChats(t, st,
		subscribedChat(english, "en", nil),
		subscribedChat(arabicChat, "ar", func(s *claimwatch.ChatSettings) { s.Alerts = claimwatch.AlertsBoth }),
		subscribedChat(syriaOnly, "en", func(s *claimwatch.ChatSettings) { s.Countries = []string{"Syria"} }),
		subscribedChat(digestOnly, "en", func(s *claimwatch.ChatSettings) { s.Alerts = claimwatch.AlertsDigest }),
		// 10:00 UTC is 13:00 in Baghdad, inside 12–14 there.
		subscribedChat(quietNow, "en", func(s *claimwatch.ChatSettings) { s.TimeZone, s.QuietFrom, s.QuietTo = "Asia/Baghdad", 12, 14 }),
		claimwatch.Chat{ID: unsubscribed, Type: "private", Settings: claimwatch.DefaultSettings("en")},
		pausedChat,
		subscribedChat(keyword, "en", func(s *claimwatch.ChatSettings) { s.Keywords = []string{"asad"} }),
	)
	seedNews(t, st, true, newsReport{feed: "Desert Wire", key: "a1", published: handlerNow.Add(-time.Hour),
		facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnBase()}}})

	a := NewAlerter(st, testLogger(t), func() time.Time { return handlerNow })
	if err := a.DispatchOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := drainOutbox(t, st)
	tests := []struct {
		chat int64
		want string // "" for no alert
	}{
		{english, "🚨 <b>New attack</b> · claimed by <b>Islamic Resistance in Iraq</b>"},
		{arabicChat, "🚨 <b>هجوم جديد</b> · الجهة المتبنية: <b>المقاومة الإسلامية في العراق</b>"},
		{syriaOnly, ""},
		{digestOnly, ""},
		{quietNow, ""},
		{unsubscribed, ""},
		{paused, ""},
		{keyword, "Ain al-Asad air base"},
	}
	for _, tc := range tests {
		msgs := got[tc.chat]
		switch {
		case tc.want == "" && len(msgs) > 0:
			t.Errorf("chat %d got %q, want no alert", tc.chat, msgs[0].Text)
		case tc.want != "" && len(msgs) != 1:
			t.Errorf("chat %d got %d messages, want 1", tc.chat, len(msgs))
		case tc.want != "" && (!strings.Contains(msgs[0].Text, tc.want) || msgs[0].Kind != "alert"):
			t.Errorf("chat %d got %s %q, want an alert with %q", tc.chat, msgs[0].Kind, msgs[0].Text, tc.want)
		}
	}

	// Dispatched once: a second round sends nothing again.
	if err := a.DispatchOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	if again := drainOutbox(t, st); len(again) != 0 {
		t.Errorf("second dispatch sent %v", again)
	}

	// A later report with more casualties is an update alert.
	worse := attackOnBase()
	worse.Killed, worse.Injured = claimwatch.Count(1), claimwatch.Count(5)
	seedNews(t, st, true, newsReport{feed: "Rafidain News", key: "b1", published: handlerNow.Add(-30 * time.Minute),
		facts: claimwatch.Facts{Language: "ar", Attacks: []claimwatch.Attack{worse}}})
	if err := a.DispatchOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	got = drainOutbox(t, st)
	if m := got[english]; len(m) != 1 || m[0].Kind != "update" || !strings.Contains(m[0].Text, "casualties rose") || !strings.Contains(m[0].Text, "1 killed, 5 injured") {
		t.Errorf("english update: %+v", m)
	}
	if m := got[arabicChat]; len(m) != 1 || !strings.Contains(m[0].Text, "ارتفاع الحصيلة") || !strings.Contains(m[0].Text, "قتيل واحد، 5 جرحى") {
		t.Errorf("arabic update: %+v", m)
	}
}

func TestAlerterFoldsUpdateIntoPendingNewAlert(t *testing.T) {
	st := openHandlerStore(t)
	saveChats(t, st, subscribedChat(1, "en", nil))
	seedNews(t, st, true, newsReport{feed: "Desert Wire", key: "a1", published: handlerNow.Add(-time.Hour),
		facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnBase()}}})
	worse := attackOnBase()
	worse.Killed = claimwatch.Count(2)
	seedNews(t, st, true, newsReport{feed: "Rafidain News", key: "b1", published: handlerNow.Add(-30 * time.Minute),
		facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{worse}}})

	a := NewAlerter(st, testLogger(t), func() time.Time { return handlerNow })
	if err := a.DispatchOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := drainOutbox(t, st)[1]
	if len(got) != 1 || got[0].Kind != "alert" || !strings.Contains(got[0].Text, "2 killed") {
		t.Fatalf("want one new-attack alert showing 2 killed, got %d messages: %+v", len(got), got)
	}
	if pending, err := st.PendingAlerts(t.Context(), 10); err != nil || len(pending) != 0 {
		t.Fatalf("pending alerts after dispatch: %v, %v", pending, err)
	}
}

func TestAlerterRunStopsWithContext(t *testing.T) {
	checkLeaks(t)
	st := openHandlerStore(t)
	saveChats(t, st, subscribedChat(1, "en", nil))
	a := NewAlerter(st, testLogger(t), nil)
	a.every = 10 * time.Millisecond
	ctx, cancel := contextWithCancel(t)
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	seedNews(t, st, true, newsReport{feed: "Desert Wire", key: "a1", published: time.Now().Add(-time.Minute),
		facts: claimwatch.Facts{Language: "en", Attacks: []claimwatch.Attack{attackOnCamp()}}})
	deadline := time.Now().Add(10 * time.Second)
	for {
		msgs, err := st.NextMessages(t.Context(), time.Now().Add(time.Hour), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) == 1 && strings.Contains(msgs[0].Text, "Camp &lt;Alpha&gt; &amp; Beta") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no alert after 10s: %+v", msgs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}
