package bot

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/store"
)

func contextWithCancel(t testing.TB) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	return ctx, cancel
}

func TestDigestOncePerLocalDayAtTheRightHour(t *testing.T) {
	st := openHandlerStore(t)
	const (
		baghdadDigest, newYorkBoth, quietUTC, instantOnly, syriaDigest = 1, 2, 3, 4, 5
	)
	saveChats(t, st,
		subscribedChat(baghdadDigest, "en", func(s *claimwatch.ChatSettings) {
			s.Alerts, s.TimeZone, s.DigestHour = claimwatch.AlertsDigest, "Asia/Baghdad", 8 // 05:00 UTC
		}),
		subscribedChat(newYorkBoth, "ar", func(s *claimwatch.ChatSettings) {
			s.Alerts, s.TimeZone, s.DigestHour = claimwatch.AlertsBoth, "America/New_York", 8 // 13:00 UTC in November
		}),
		subscribedChat(quietUTC, "en", func(s *claimwatch.ChatSettings) { s.QuietFrom, s.QuietTo = 23, 7 }), // catch-up at 07:00 UTC
		subscribedChat(instantOnly, "en", nil),
		subscribedChat(syriaDigest, "en", func(s *claimwatch.ChatSettings) {
			s.Alerts, s.DigestHour, s.Countries = claimwatch.AlertsDigest, 6, []string{"Syria"}
		}),
	)
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	old := attackOnShip()
	old.Date = "2026-11-23"
	seedNews(t, st, false,
		newsReport{feed: "Desert Wire", key: "base", published: day.Add(2 * time.Hour), facts: claimwatch.Facts{Attacks: []claimwatch.Attack{attackOnBase()}}},
		newsReport{feed: "Desert Wire", key: "camp", published: day.Add(3 * time.Hour), facts: claimwatch.Facts{Attacks: []claimwatch.Attack{attackOnCamp()}}},
		newsReport{feed: "Desert Wire", key: "ship", published: day.Add(-30 * time.Hour), facts: claimwatch.Facts{Attacks: []claimwatch.Attack{old}}},
	)

	d := NewDigester(st, testLogger(t), nil)
	type sent struct {
		at   time.Time
		text string
	}
	got := map[int64][]sent{}
	// Two days, every five minutes, as the per-minute job would see them.
	for at := day; at.Before(day.Add(48 * time.Hour)); at = at.Add(5 * time.Minute) {
		if err := d.DigestOnce(t.Context(), at); err != nil {
			t.Fatalf("DigestOnce at %s: %v", at, err)
		}
		for chat, msgs := range drainOutbox(t, st) {
			for _, m := range msgs {
				if m.Kind != "digest" {
					t.Errorf("chat %d got a %q message", chat, m.Kind)
				}
				got[chat] = append(got[chat], sent{at, m.Text})
			}
		}
	}
	hours := func(chat int64) []string {
		var hs []string
		for _, s := range got[chat] {
			hs = append(hs, s.at.Format("02 15:04"))
		}
		return hs
	}
	tests := []struct {
		chat      int64
		wantAt    []string // day and UTC time of each digest
		wantFirst []string // in the first digest
		wantNot   []string
	}{
		{baghdadDigest, []string{"25 05:00", "26 05:00"}, []string{"Daily digest</b>, 2026-11-25: 2 attacks", "Ain al-Asad", "Camp &lt;Alpha&gt;"}, []string{"Sea Star"}},
		{newYorkBoth, []string{"25 13:00", "26 13:00"}, []string{"الملخص اليومي", "هجومان"}, nil},
		{quietUTC, []string{"25 07:00"}, []string{"2 attacks"}, nil}, // nothing new by the 26th: no catch-up message
		{instantOnly, nil, nil, nil},
		{syriaDigest, []string{"25 06:00", "26 06:00"}, []string{"1 attack", "Camp &lt;Alpha&gt;"}, []string{"Ain al-Asad"}},
	}
	for _, tc := range tests {
		if g := strings.Join(hours(tc.chat), ","); g != strings.Join(tc.wantAt, ",") {
			t.Errorf("chat %d got digests at [%s], want [%s]", tc.chat, g, strings.Join(tc.wantAt, ","))
			continue
		}
		if len(tc.wantAt) == 0 {
			continue
		}
		first := got[tc.chat][0].text
		for _, w := range tc.wantFirst {
			if !strings.Contains(first, w) {
				t.Errorf("chat %d: first digest lacks %q:\n%s", tc.chat, w, first)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(first, w) {
				t.Errorf("chat %d: first digest has %q:\n%s", tc.chat, w, first)
			}
		}
	}
	if second := got[baghdadDigest][1].text; !strings.Contains(second, "No attacks reported in the last 24 hours") {
		t.Errorf("second day's digest should say nothing happened:\n%s", second)
	}
	c, err := st.Chat(t.Context(), quietUTC)
	if err != nil || c.LastDigest != "2026-11-26" {
		t.Errorf("quiet chat's last digest = %q, %v; want the 26th recorded though nothing was sent", c.LastDigest, err)
	}
}

func TestDigestRunsEveryMinuteOnCron(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The bubble's clock starts at 2000-01-01 00:00 UTC; the chat's
		// digest is due at 02:00 in Paris, 01:00 UTC in January.
		st, err := store.Open(t.Context(), t.TempDir()+"/cron.db")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		saveChats(t, st, subscribedChat(1, "en", func(s *claimwatch.ChatSettings) {
			s.Alerts, s.TimeZone, s.DigestHour = claimwatch.AlertsDigest, "Europe/Paris", 2
		}))
		d := NewDigester(st, testLogger(t), nil)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()

		time.Sleep(59 * time.Minute)
		if c, _ := st.Chat(t.Context(), 1); c.LastDigest != "" {
			t.Fatalf("digest at %s, before its hour", time.Now().UTC())
		}
		time.Sleep(2 * time.Minute)
		c, err := st.Chat(t.Context(), 1)
		if err != nil || c.LastDigest != "2000-01-01" {
			t.Fatalf("at %s: last digest %q, %v; want 2000-01-01", time.Now().UTC(), c.LastDigest, err)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
	})
}
