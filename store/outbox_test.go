package store

import (
	"errors"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

func msg(chat int64, text string) claimwatch.OutMessage {
	return claimwatch.OutMessage{ChatID: chat, Kind: "alert", Text: text}
}

func texts(ms []claimwatch.OutMessage) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func TestOutboxSendsEachChatInOrder(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(1, "1a"), msg(2, "2a"), msg(1, "1b"), msg(3, "3a"), msg(2, "2b")}); err != nil {
		t.Fatal(err)
	}
	next, err := db.NextMessages(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := texts(next), []string{"1a", "2a", "3a"}; !equal(got, want) {
		t.Fatalf("NextMessages = %v, want %v", got, want)
	}
	if !next[0].CreatedAt.Equal(t0) || next[0].Kind != "alert" || next[0].ChatID != 1 {
		t.Errorf("message = %+v", next[0])
	}
	// Chat 2's head fails and waits a minute; chat 1's head is sent.
	if err := db.Retry(ctx, next[1].ID, t0.Add(time.Minute), "429 Too Many Requests"); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkSent(ctx, next[0].ID, t0); err != nil {
		t.Fatal(err)
	}
	next, err = db.NextMessages(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := texts(next), []string{"1b", "3a"}; !equal(got, want) {
		t.Errorf("NextMessages after a retry = %v, want %v (2b waits behind 2a)", got, want)
	}
	next, err = db.NextMessages(ctx, t0.Add(time.Minute), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(next) != 1 || next[0].Text != "2a" || next[0].Attempts != 1 || next[0].LastError != "429 Too Many Requests" {
		t.Errorf("NextMessages(limit 1) a minute later = %+v, want 2a after 1 attempt", next)
	}
	if err := db.MarkSent(ctx, 9999, t0); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("MarkSent of a missing message: %v, want ErrNotFound", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
