package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

func TestChats(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	full := claimwatch.Chat{
		ID: -100123, Type: "supergroup", Title: "Analysts", Subscribed: true,
		Settings: claimwatch.ChatSettings{
			Lang: "ar", TimeZone: "Asia/Baghdad", Alerts: claimwatch.AlertsBoth, DigestHour: 7, QuietFrom: 23, QuietTo: 6,
			Claimants: []string{"Northern Resistance Front"}, Countries: []string{"Iraq", "Syria"},
			Weapons: []claimwatch.Weapon{claimwatch.Drone, claimwatch.Rocket}, Keywords: []string{"قاعدة"},
		},
		LastDigest: "2026-11-19", CreatedAt: t0.Add(-48 * time.Hour),
	}
	if _, err := db.Chat(ctx, full.ID); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Fatalf("Chat of an unknown ID: %v, want ErrNotFound", err)
	}
	if err := db.SaveChat(ctx, full); err != nil {
		t.Fatal(err)
	}
	got, err := db.Chat(ctx, full.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, full) {
		t.Errorf("Chat:\n got %+v\nwant %+v", got, full)
	}

	// An update changes everything but the creation time.
	upd := full
	upd.Title, upd.Subscribed = "Renamed", false
	upd.Settings = claimwatch.DefaultSettings("en")
	upd.CreatedAt = time.Time{}
	if err := db.SaveChat(ctx, upd); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Chat(ctx, full.ID)
	upd.CreatedAt = full.CreatedAt
	if !reflect.DeepEqual(got, upd) {
		t.Errorf("Chat after update:\n got %+v\nwant %+v", got, upd)
	}

	// A new chat without CreatedAt gets the store's clock.
	if err := db.SaveChat(ctx, claimwatch.Chat{ID: 42, Type: "private", Subscribed: true}); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Chat(ctx, 42); !c.CreatedAt.Equal(t0) {
		t.Errorf("CreatedAt = %v, want %v", c.CreatedAt, t0)
	}
	if err := db.SaveChat(ctx, claimwatch.Chat{ID: 43, Subscribed: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.PauseChat(ctx, 43, "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Chat(ctx, 43); !c.Paused || c.PausedReason != "Forbidden: bot was blocked by the user" || !c.Subscribed {
		t.Errorf("paused chat = %+v", c)
	}
	subs, err := db.SubscribedChats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].ID != 42 {
		t.Errorf("SubscribedChats = %+v, want only chat 42", subs)
	}
}

func TestMigrateChat(t *testing.T) {
	const from, to = -123, -100123
	old := claimwatch.Chat{
		ID: from, Type: "group", Title: "Old group", Subscribed: true,
		Settings:   claimwatch.ChatSettings{Lang: "ar", Alerts: claimwatch.AlertsDigest, DigestHour: 9, Countries: []string{"Yemen"}},
		LastDigest: "2026-11-18", CreatedAt: t0.Add(-30 * 24 * time.Hour),
	}
	tests := []struct {
		name  string
		chats []claimwatch.Chat
		want  *claimwatch.Chat // at the new ID; nil: no row
	}{
		{
			name:  "the row moves when the new ID is unknown",
			chats: []claimwatch.Chat{old},
			want:  func() *claimwatch.Chat { c := old; c.ID = to; return &c }(),
		},
		{
			name: "a row already at the new ID is merged",
			chats: []claimwatch.Chat{old, {
				ID: to, Type: "supergroup", Title: "New supergroup",
				Settings: claimwatch.DefaultSettings("en"), LastDigest: "2026-11-17", CreatedAt: t0,
			}},
			want: &claimwatch.Chat{
				ID: to, Type: "supergroup", Title: "New supergroup", Subscribed: true,
				Settings: old.Settings, LastDigest: "2026-11-18", CreatedAt: old.CreatedAt,
			},
		},
		{
			name: "only messages move for a chat without a row",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			db := openTestDB(t)
			for _, c := range tc.chats {
				if err := db.SaveChat(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(from, "old 1"), msg(from, "old 2")}); err != nil {
				t.Fatal(err)
			}
			// A message already sent stays where it was sent.
			sent, err := db.NextMessages(ctx, t0, 1)
			if err != nil || len(sent) != 1 {
				t.Fatalf("NextMessages = %v, %v", sent, err)
			}
			if err := db.MarkSent(ctx, sent[0].ID, t0); err != nil {
				t.Fatal(err)
			}
			if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(to, "new 1")}); err != nil {
				t.Fatal(err)
			}
			if err := db.MigrateChat(ctx, from, to); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Chat(ctx, from); !errors.Is(err, claimwatch.ErrNotFound) {
				t.Errorf("old chat after the move: %v, want ErrNotFound", err)
			}
			got, err := db.Chat(ctx, to)
			switch {
			case tc.want == nil && !errors.Is(err, claimwatch.ErrNotFound):
				t.Errorf("new chat = %+v, %v; want none", got, err)
			case tc.want != nil && !reflect.DeepEqual(got, *tc.want):
				t.Errorf("new chat:\n got %+v (%v)\nwant %+v", got, err, *tc.want)
			}
			// The moved messages keep their order behind each other.
			var order []string
			for range 5 {
				next, err := db.NextMessages(ctx, t0, 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(next) == 0 {
					break
				}
				if len(next) != 1 || next[0].ChatID != to {
					t.Fatalf("NextMessages = %+v, want one message to %d", next, to)
				}
				order = append(order, next[0].Text)
				if err := db.MarkSent(ctx, next[0].ID, t0); err != nil {
					t.Fatal(err)
				}
			}
			if want := []string{"old 2", "new 1"}; !equal(order, want) {
				t.Errorf("messages to the new ID in order %v, want %v", order, want)
			}
			var chat int64
			if err := db.r.QueryRowContext(ctx, `SELECT chat_id FROM outbox WHERE id = ?`, sent[0].ID).Scan(&chat); err != nil || chat != from {
				t.Errorf("sent message now belongs to chat %d (%v), want %d", chat, err, from)
			}
		})
	}
}
