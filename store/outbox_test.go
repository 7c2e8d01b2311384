package store

import (
	"errors"
	"path/filepath"
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

func TestOutboxPausedChatHoldsMessages(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	if err := db.SaveChat(ctx, claimwatch.Chat{ID: 1, Subscribed: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(1, "1a"), msg(2, "2a")}); err != nil {
		t.Fatal(err)
	}
	if err := db.PauseChat(ctx, 1, "Forbidden: bot was kicked"); err != nil {
		t.Fatal(err)
	}
	// Chat 2 has no row (an admin, say) and is paused too.
	if err := db.PauseChat(ctx, 2, "Bad Request: chat not found"); err != nil {
		t.Fatal(err)
	}
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(1, "1b"), msg(3, "3a")}); err != nil {
		t.Fatal(err)
	}
	next, err := db.NextMessages(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(next); !equal(got, []string{"3a"}) {
		t.Errorf("NextMessages with chats 1 and 2 paused = %v, want [3a]", got)
	}
	// Unpausing releases the held messages in their order.
	c, err := db.Chat(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	c.Paused, c.PausedReason = false, ""
	if err := db.SaveChat(ctx, c); err != nil {
		t.Fatal(err)
	}
	next, err = db.NextMessages(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(next); !equal(got, []string{"1a", "3a"}) {
		t.Errorf("NextMessages after unpausing chat 1 = %v, want [1a 3a]", got)
	}
	if st, _ := db.Stats(ctx); st.OutboxPending != 3 || st.PausedChats != 1 {
		t.Errorf("stats = %+v, want 3 pending (1a 1b 3a), 1 paused chat", st)
	}
}

func TestOutboxMarkSentAndRetry(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{{ChatID: 1, Kind: "reply", Text: "hi", NotBefore: t0.Add(time.Second)}}); err != nil {
		t.Fatal(err)
	}
	if next, _ := db.NextMessages(ctx, t0, 10); len(next) != 0 {
		t.Fatalf("a message not before t0+1s was returned at t0: %+v", next)
	}
	next, err := db.NextMessages(ctx, t0.Add(time.Second), 10)
	if err != nil || len(next) != 1 {
		t.Fatalf("NextMessages = %+v, %v", next, err)
	}
	id := next[0].ID
	for i := range 2 {
		if err := db.Retry(ctx, id, t0.Add(time.Duration(i+2)*time.Second), "HTTP 502"); err != nil {
			t.Fatal(err)
		}
	}
	next, _ = db.NextMessages(ctx, t0.Add(3*time.Second), 10)
	if len(next) != 1 || next[0].Attempts != 2 || !next[0].NotBefore.Equal(t0.Add(3*time.Second)) {
		t.Fatalf("after two retries: %+v", next)
	}
	for range 2 { // marking twice is harmless
		if err := db.MarkSent(ctx, id, t0.Add(4*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Retry(ctx, id, t0, "late failure"); err != nil {
		t.Errorf("Retry of a sent message: %v, want nil", err)
	}
	if next, _ := db.NextMessages(ctx, t0.Add(time.Hour), 10); len(next) != 0 {
		t.Errorf("a sent message came back: %+v", next)
	}
	for name, err := range map[string]error{
		"MarkSent": db.MarkSent(ctx, 999, t0),
		"Retry":    db.Retry(ctx, 999, t0, "x"),
	} {
		if !errors.Is(err, claimwatch.ErrNotFound) {
			t.Errorf("%s of a missing message: %v, want ErrNotFound", name, err)
		}
	}
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{msg(1, "ok"), {ChatID: 1}}); err == nil {
		t.Error("Enqueue of a message without text succeeded")
	}
	if st, _ := db.Stats(ctx); st.OutboxPending != 0 {
		t.Errorf("a failed Enqueue left %d messages", st.OutboxPending)
	}
}

func TestAlertsDispatch(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 2)
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	if _, err := db.SaveReport(ctx, report(feeds[0], "a", "h", pub, baseAttack(claimwatch.Count(1)))); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveReport(ctx, report(feeds[1], "b", "h", pub.Add(time.Hour), baseAttack(claimwatch.Count(4)))); err != nil {
		t.Fatal(err)
	}
	alerts, err := db.PendingAlerts(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 2 || alerts[0].Kind != claimwatch.AlertNew || alerts[1].Kind != claimwatch.AlertUpdate {
		t.Fatalf("PendingAlerts = %+v, want new then update", alerts)
	}
	for _, a := range alerts {
		if a.Incident.ID == 0 || len(a.Incident.Sources) != 2 || *a.Incident.Attack.Killed != 4 || a.CreatedAt.IsZero() {
			t.Errorf("alert %d carries incident %+v, want the current incident with 2 sources", a.ID, a.Incident)
		}
	}
	if got, _ := db.PendingAlerts(ctx, 1); len(got) != 1 || got[0].ID != alerts[0].ID {
		t.Errorf("PendingAlerts(1) = %+v, want the oldest", got)
	}
	if err := db.DispatchAlert(ctx, alerts[0].ID, []claimwatch.OutMessage{msg(1, "new incident"), msg(2, "new incident")}); err != nil {
		t.Fatal(err)
	}
	// Dispatching again would repeat the messages, so it is refused.
	if err := db.DispatchAlert(ctx, alerts[0].ID, []claimwatch.OutMessage{msg(1, "again")}); err == nil {
		t.Error("a second DispatchAlert succeeded")
	}
	if err := db.DispatchAlert(ctx, 999, nil); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("DispatchAlert of a missing alert: %v, want ErrNotFound", err)
	}
	// A failed enqueue leaves the alert pending.
	if err := db.DispatchAlert(ctx, alerts[1].ID, []claimwatch.OutMessage{{ChatID: 1}}); err == nil {
		t.Error("DispatchAlert with a message without text succeeded")
	}
	left, _ := db.PendingAlerts(ctx, 10)
	if len(left) != 1 || left[0].ID != alerts[1].ID {
		t.Errorf("pending after dispatching the first = %+v, want the update", left)
	}
	next, _ := db.NextMessages(ctx, t0, 10)
	if got := texts(next); !equal(got, []string{"new incident", "new incident"}) {
		t.Errorf("outbox = %v", got)
	}
}

func TestSaveDigest(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	if err := db.SaveChat(ctx, claimwatch.Chat{ID: 7, Subscribed: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDigest(ctx, 7, "2026-11-20", []claimwatch.OutMessage{{ChatID: 7, Kind: "digest", Text: "part 1"}, {ChatID: 7, Kind: "digest", Text: "part 2"}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.Chat(ctx, 7); c.LastDigest != "2026-11-20" {
		t.Errorf("LastDigest = %q", c.LastDigest)
	}
	if st, _ := db.Stats(ctx); st.OutboxPending != 2 {
		t.Errorf("%d messages pending, want 2", st.OutboxPending)
	}
	if err := db.SaveDigest(ctx, 8, "2026-11-20", []claimwatch.OutMessage{msg(8, "x")}); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("SaveDigest of an unknown chat: %v, want ErrNotFound", err)
	}
	if err := db.SaveDigest(ctx, 7, "2026-11-21", []claimwatch.OutMessage{{ChatID: 7}}); err == nil {
		t.Error("SaveDigest with a message without text succeeded")
	}
	if c, _ := db.Chat(ctx, 7); c.LastDigest != "2026-11-20" {
		t.Errorf("a failed SaveDigest moved LastDigest to %q", c.LastDigest)
	}
	if st, _ := db.Stats(ctx); st.OutboxPending != 2 {
		t.Errorf("%d messages pending after failures, want 2", st.OutboxPending)
	}
}

func TestCommitUpdate(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "offset.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // Close is idempotent; the test closes it early
	if off, err := db.UpdateOffset(ctx); off != 0 || err != nil {
		t.Fatalf("UpdateOffset of a new store = %d, %v; want 0", off, err)
	}
	tests := []struct {
		name        string
		offset      int64
		replies     []claimwatch.OutMessage
		wantErr     bool
		wantOffset  int64
		wantPending int
	}{
		{"replies and offset commit", 101, []claimwatch.OutMessage{msg(5, "pong")}, false, 101, 1},
		{"an update without replies moves the offset", 102, nil, false, 102, 1},
		{"a bad reply keeps the old offset and enqueues nothing", 103, []claimwatch.OutMessage{msg(5, "ok"), {ChatID: 5}}, true, 102, 1},
		{"the next update commits", 104, []claimwatch.OutMessage{msg(5, "a"), msg(6, "b")}, false, 104, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := db.CommitUpdate(ctx, tc.offset, tc.replies)
			if (err != nil) != tc.wantErr {
				t.Fatalf("CommitUpdate error = %v, want error %v", err, tc.wantErr)
			}
			off, err := db.UpdateOffset(ctx)
			if err != nil || off != tc.wantOffset {
				t.Errorf("UpdateOffset = %d, %v; want %d", off, err, tc.wantOffset)
			}
			if st, _ := db.Stats(ctx); st.OutboxPending != tc.wantPending {
				t.Errorf("%d messages pending, want %d", st.OutboxPending, tc.wantPending)
			}
		})
	}
	// The offset survives a restart.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if off, err := db2.UpdateOffset(ctx); off != 104 || err != nil {
		t.Errorf("UpdateOffset after reopening = %d, %v; want 104", off, err)
	}
}
