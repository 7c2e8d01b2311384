package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// t0 is the tests' "now".
var t0 = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// openTestDB opens a fresh database file in a temporary directory, closed
// when the test ends.
func openTestDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(t.Context(), filepath.Join(t.TempDir(), "claimwatch.db"), WithNow(func() time.Time { return t0 }))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func userVersion(t testing.TB, path string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v int
	if err := raw.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenEmptyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	migs, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if got := userVersion(t, path); got != len(migs) {
		t.Errorf("user_version = %d, want %d", got, len(migs))
	}
	// Opening again applies nothing and keeps the version.
	db, err = Open(t.Context(), path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	db.Close()
	if got := userVersion(t, path); got != len(migs) {
		t.Errorf("user_version after reopening = %d, want %d", got, len(migs))
	}
}

func TestOpenInMemory(t *testing.T) {
	ctx := t.Context()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.AddFeed(ctx, claimwatch.Feed{Name: "A", URL: "http://a.example/rss"}); err != nil {
		t.Fatal(err)
	}
	if fs, err := db.Feeds(ctx); err != nil || len(fs) != 1 {
		t.Errorf("Feeds = %v, %v; want the feed just added", fs, err)
	}
	f, _ := db.FeedByURL(ctx, "http://a.example/rss")
	if _, err := db.SaveReport(ctx, report(f, "k", "h", t0, baseAttack(nil))); err != nil {
		t.Fatal(err)
	}
	if ins, err := db.Incidents(ctx, claimwatch.IncidentQuery{}); err != nil || len(ins) != 1 || len(ins[0].Sources) != 1 {
		t.Errorf("Incidents = %+v, %v; want one with its source", ins, err)
	}
	if alerts, err := db.PendingAlerts(ctx, 10); err != nil || len(alerts) != 1 {
		t.Errorf("PendingAlerts = %+v, %v; want one", alerts, err)
	}
}

func TestReadersCannotWrite(t *testing.T) {
	db := openTestDB(t)
	if _, err := db.r.ExecContext(t.Context(), `INSERT INTO meta (key, value) VALUES ('x', 'y')`); err == nil {
		t.Error("a write through the read pool succeeded; query_only is not set")
	}
}

func TestOpenMigratesPreviousVersion(t *testing.T) {
	migs, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		from int
	}{
		{"database left at the previous version", len(migs) - 1},
		// 0003 fills the fingerprint bands of the items already stored.
		{"database from before the fingerprint bands", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			testMigrateFrom(t, tc.from, len(migs))
		})
	}
}

// testMigrateFrom writes data into a database at version from, opens it,
// and checks that the data survived and works at version latest.
func testMigrateFrom(t *testing.T, from, latest int) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, raw, from); err != nil {
		t.Fatalf("migrate to %d: %v", from, err)
	}
	// Data written at the old version survives the migration.
	fp := uint64(0xDEAD_BEEF_0123_4567) // negative as int64
	for _, q := range []string{
		`INSERT INTO feeds (id, name, url) VALUES (1, 'Old', 'http://old.example/rss')`,
		`INSERT INTO stories (id, created_at) VALUES (1, 0)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO items (feed_id, item_key, fetched_at, hash, fingerprint, story_id) VALUES (1, 'k', 0, 'h', ?, 1)`, int64(fp)); err != nil {
		t.Fatal(err)
	}
	if from >= 3 { // the bands are columns now, written by SaveReport
		b := bands(fp)
		if _, err := raw.Exec(`UPDATE items SET fp_band0 = ?, fp_band1 = ?, fp_band2 = ?, fp_band3 = ?`, b[0], b[1], b[2], b[3]); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	if got := userVersion(t, path); got != from {
		t.Fatalf("user_version = %d, want %d", got, from)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	if got := userVersion(t, path); got != latest {
		t.Errorf("user_version = %d, want %d", got, latest)
	}
	f, err := db.FeedByURL(ctx, "http://old.example/rss")
	if err != nil || f.Name != "Old" {
		t.Errorf("FeedByURL = %+v, %v; want the feed stored before the migration", f, err)
	}
	var got [4]int64
	if err := db.r.QueryRow(`SELECT fp_band0, fp_band1, fp_band2, fp_band3 FROM items`).Scan(&got[0], &got[1], &got[2], &got[3]); err != nil {
		t.Fatal(err)
	}
	if want := bands(fp); got != want {
		t.Errorf("bands after migrating = %x, want %x", got, want)
	}
	// A new item of another feed close to the old one joins its story.
	g, err := db.AddFeed(ctx, claimwatch.Feed{Name: "New", URL: "http://new.example/rss"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.SaveReport(ctx, claimwatch.ReportRecord{
		Item: claimwatch.Item{FeedID: g.ID, Key: "n", Hash: "h", Fingerprint: fp ^ 0b101, FetchedAt: time.UnixMilli(1)},
		Now:  time.UnixMilli(1),
	})
	if err != nil || res.StoryID != 1 {
		t.Errorf("SaveReport = %+v, %v; want story 1", res, err)
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(t.Context(), path)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded on a database newer than the binary")
	}
	if !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), "999") {
		t.Errorf("error %q does not say the database is newer", err)
	}
}

func TestFeeds(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	a, err := db.AddFeed(ctx, claimwatch.Feed{Name: "A", URL: "http://a.example/rss", Interval: 5 * time.Minute, FullText: true, Charset: "windows-1256"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.AddFeed(ctx, claimwatch.Feed{Name: "B", URL: "http://b.example/atom"})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || b.ID == 0 || a.ID == b.ID {
		t.Fatalf("IDs %d and %d: want two distinct non-zero IDs", a.ID, b.ID)
	}
	if a.Interval != 5*time.Minute || !a.FullText || a.Charset != "windows-1256" {
		t.Errorf("AddFeed returned %+v, want the options stored", a)
	}

	// Poll state round-trips; ItemsSeen is the store's own count.
	a.URL = "http://a.example/feed"
	a.ETag, a.LastModified = `"v1"`, "Wed, 18 Nov 2026 10:00:00 GMT"
	a.Health = claimwatch.FeedHealth{
		LastPoll: t0, LastSuccess: t0.Add(-time.Hour), LastStatus: 503, LastError: "HTTP 503",
		ConsecutiveFailures: 2, ItemsSeen: 99, NextPoll: t0.Add(time.Hour), FailingSince: t0.Add(-time.Minute), DownNotified: true,
	}
	if err := db.SaveFeedState(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := db.FeedByURL(ctx, "http://a.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	want := a
	want.Health.ItemsSeen = 0
	if got != want {
		t.Errorf("FeedByURL after SaveFeedState:\n got %+v\nwant %+v", got, want)
	}
	if _, err := db.FeedByURL(ctx, "http://a.example/rss"); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("FeedByURL(old URL) error = %v, want ErrNotFound", err)
	}

	if err := db.RemoveFeed(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	list, err := db.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("Feeds after removing B = %+v, want only A", list)
	}
	// Adding a removed feed's URL revives it with its ID and new name.
	b2, err := db.AddFeed(ctx, claimwatch.Feed{Name: "B again", URL: "http://b.example/atom"})
	if err != nil {
		t.Fatal(err)
	}
	if b2.ID != b.ID || b2.Name != "B again" {
		t.Errorf("revived feed = %+v, want ID %d named %q", b2, b.ID, "B again")
	}
	if list, _ := db.Feeds(ctx); len(list) != 2 {
		t.Errorf("Feeds after reviving B has %d feeds, want 2", len(list))
	}

	for name, err := range map[string]error{
		"RemoveFeed":    db.RemoveFeed(ctx, 12345),
		"SaveFeedState": db.SaveFeedState(ctx, claimwatch.Feed{ID: 12345, URL: "http://x.example/"}),
	} {
		if !errors.Is(err, claimwatch.ErrNotFound) {
			t.Errorf("%s of a missing feed: error %v, want ErrNotFound", name, err)
		}
	}
	if _, err := db.AddFeed(ctx, claimwatch.Feed{Name: "no URL"}); err == nil {
		t.Error("AddFeed without a URL succeeded")
	}
}
