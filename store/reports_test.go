package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// addFeeds stores n feeds named outlet1, outlet2...
func addFeeds(t testing.TB, db *DB, n int) []claimwatch.Feed {
	t.Helper()
	var out []claimwatch.Feed
	for i := range n {
		name := "outlet" + string(rune('1'+i))
		f, err := db.AddFeed(t.Context(), claimwatch.Feed{Name: name, URL: "http://" + name + ".example/rss"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// report builds a report of feed f with one attack.
func report(f claimwatch.Feed, key, hash string, published time.Time, a ...claimwatch.Attack) claimwatch.ReportRecord {
	return claimwatch.ReportRecord{
		Item: claimwatch.Item{
			FeedID: f.ID, Key: key, GUID: key, Link: "http://" + f.Name + ".example/" + key,
			Title: "Title of " + key, Text: "Text of " + key + " " + hash, Published: published,
			FetchedAt: published.Add(time.Minute), Hash: hash,
		},
		Feed:  f.Name,
		Facts: claimwatch.Facts{Language: "en", Attacks: a},
		Alert: true,
		Now:   published.Add(time.Minute),
	}
}

// baseAttack is a drone attack on a base, as three outlets might tell it.
func baseAttack(killed *int) claimwatch.Attack {
	return claimwatch.Attack{
		Claimant: "Northern Resistance Front", ClaimantText: "the Northern Resistance Front",
		Responsibility: claimwatch.Claimed, Weapons: []claimwatch.Weapon{claimwatch.Drone},
		Target: "Camp Falcon", TargetText: "Camp Falcon", Place: "Harir", Country: "Iraq",
		Date: "2026-11-19", Killed: killed, Evidence: "A drone struck Camp Falcon.",
	}
}

func pendingKinds(t testing.TB, db *DB) []claimwatch.AlertKind {
	t.Helper()
	alerts, err := db.PendingAlerts(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []claimwatch.AlertKind
	for _, a := range alerts {
		kinds = append(kinds, a.Kind)
	}
	return kinds
}

func TestSaveReportMergesOutletsIntoOneIncident(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 3)
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)

	var incidentID int64
	for i, f := range feeds {
		a := baseAttack(nil)
		if i == 1 {
			a.Claimant, a.ClaimantText, a.Responsibility = "", "", claimwatch.Unclaimed // a vaguer account
		}
		res, err := db.SaveReport(ctx, report(f, "k1", "h1", pub.Add(time.Duration(i)*time.Hour), a))
		if err != nil {
			t.Fatalf("SaveReport of %s: %v", f.Name, err)
		}
		if !res.New || res.Edited {
			t.Errorf("%s: New=%v Edited=%v, want a new item", f.Name, res.New, res.Edited)
		}
		if i == 0 {
			if len(res.NewIncidents) != 1 {
				t.Fatalf("first report: NewIncidents = %v, want one", res.NewIncidents)
			}
			incidentID = res.NewIncidents[0]
		} else if len(res.NewIncidents) != 0 || !slices.Equal(res.UpdatedIncidents, []int64{incidentID}) {
			t.Errorf("%s: NewIncidents=%v UpdatedIncidents=%v, want a merge into %d", f.Name, res.NewIncidents, res.UpdatedIncidents, incidentID)
		}
	}
	in, err := db.Incident(ctx, incidentID)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Sources) != 3 {
		t.Fatalf("incident has %d sources, want 3: %+v", len(in.Sources), in.Sources)
	}
	// A record without the feed's name gets the stored one.
	rec := report(feeds[0], "nameless", "h", pub.Add(5*time.Hour), baseAttack(nil))
	rec.Feed = ""
	if _, err := db.SaveReport(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if in, _ = db.Incident(ctx, incidentID); len(in.Sources) != 4 || in.Sources[3].Feed != feeds[0].Name {
		t.Errorf("sources = %+v, want a fourth from %s", in.Sources, feeds[0].Name)
	}
	in.Sources = in.Sources[:3]
	for i, s := range in.Sources {
		if s.Feed != feeds[i].Name || !s.Published.Equal(pub.Add(time.Duration(i)*time.Hour)) {
			t.Errorf("source %d = %+v, want %s published %v (oldest first)", i, s, feeds[i].Name, pub.Add(time.Duration(i)*time.Hour))
		}
	}
	if !in.FirstSeen.Equal(pub) || in.OccurredOn != "2026-11-19" || in.Attack.Claimant != "Northern Resistance Front" {
		t.Errorf("incident = %+v", in)
	}
	if got := pendingKinds(t, db); !slices.Equal(got, []claimwatch.AlertKind{claimwatch.AlertNew}) {
		t.Errorf("alerts = %v, want one new", got)
	}
	all, err := db.Incidents(ctx, claimwatch.IncidentQuery{})
	if err != nil || len(all) != 1 {
		t.Errorf("Incidents = %d, %v; want 1", len(all), err)
	}
}

func TestSaveReportNeverRepeats(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	f := addFeeds(t, db, 1)[0]
	rec := report(f, "k1", "h1", time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC), baseAttack(claimwatch.Count(1)))
	first, err := db.SaveReport(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.SaveReport(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	if again.New || again.Edited || len(again.NewIncidents)+len(again.UpdatedIncidents) != 0 || again.ItemID != first.ItemID {
		t.Errorf("second save = %+v, want nothing done to item %d", again, first.ItemID)
	}
	if got := pendingKinds(t, db); len(got) != 1 {
		t.Errorf("alerts = %v, want only the first", got)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Items != 1 || st.Incidents != 1 {
		t.Errorf("stats = %+v, want 1 item, 1 incident", st)
	}
	hash, found, err := db.ItemHash(ctx, f.ID, "k1")
	if err != nil || !found || hash != "h1" {
		t.Errorf("ItemHash = %q, %v, %v; want h1", hash, found, err)
	}
	if _, found, err := db.ItemHash(ctx, f.ID, "nope"); found || err != nil {
		t.Errorf("ItemHash of a missing item: found=%v err=%v", found, err)
	}
	fs, _ := db.Feeds(ctx)
	if fs[0].Health.ItemsSeen != 1 {
		t.Errorf("ItemsSeen = %d, want 1", fs[0].Health.ItemsSeen)
	}
	if _, err := db.Incident(ctx, 999); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("Incident(999) error = %v, want ErrNotFound", err)
	}
}

func TestSaveReportAlerts(t *testing.T) {
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	type save struct {
		feed   int // index into the test's feeds
		key    string
		hash   string
		attack claimwatch.Attack
		alert  bool
	}
	other := claimwatch.Attack{Target: "Al-Hol camp", Place: "Hasakah", Country: "Syria", Weapons: []claimwatch.Weapon{claimwatch.Rocket}, Date: "2026-11-19"}
	tests := []struct {
		name        string
		saves       []save
		wantAlerts  []claimwatch.AlertKind
		wantKilled  *int // of the first incident
		wantSources int  // of the first incident
		incidents   int
	}{
		{
			name: "a later report with higher casualties raises an update",
			saves: []save{
				{0, "a", "h1", baseAttack(claimwatch.Count(2)), true},
				{1, "b", "h1", baseAttack(claimwatch.Count(5)), true},
			},
			wantAlerts: []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertUpdate},
			wantKilled: claimwatch.Count(5), wantSources: 2, incidents: 1,
		},
		{
			name: "a later report with the same or lower casualties raises nothing",
			saves: []save{
				{0, "a", "h1", baseAttack(claimwatch.Count(5)), true},
				{1, "b", "h1", baseAttack(claimwatch.Count(5)), true},
				{2, "c", "h1", baseAttack(claimwatch.Count(3)), true},
			},
			wantAlerts: []claimwatch.AlertKind{claimwatch.AlertNew},
			wantKilled: claimwatch.Count(5), wantSources: 3, incidents: 1,
		},
		{
			name: "an edit that re-merges into its incident raises no new alert",
			saves: []save{
				{0, "a", "h1", baseAttack(claimwatch.Count(2)), true},
				{0, "a", "h2", baseAttack(claimwatch.Count(2)), true},
			},
			wantAlerts: []claimwatch.AlertKind{claimwatch.AlertNew},
			wantKilled: claimwatch.Count(2), wantSources: 1, incidents: 1,
		},
		{
			name: "an edit that raises the toll raises an update",
			saves: []save{
				{0, "a", "h1", baseAttack(claimwatch.Count(2)), true},
				{0, "a", "h2", baseAttack(claimwatch.Count(7)), true},
			},
			wantAlerts: []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertUpdate},
			wantKilled: claimwatch.Count(7), wantSources: 1, incidents: 1,
		},
		{
			name: "a backlog report makes an incident without alerts",
			saves: []save{
				{0, "a", "h1", baseAttack(claimwatch.Count(2)), false},
				{1, "b", "h1", baseAttack(claimwatch.Count(3)), false},
			},
			wantKilled: claimwatch.Count(3), wantSources: 2, incidents: 1,
		},
		{
			name: "different targets make different incidents",
			saves: []save{
				{0, "a", "h1", baseAttack(nil), true},
				{1, "b", "h1", other, true},
			},
			wantAlerts:  []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertNew},
			wantSources: 1, incidents: 2,
		},
		{
			name: "the same target in another country is another incident",
			saves: []save{
				{0, "a", "h1", baseAttack(nil), true},
				{1, "b", "h1", func() claimwatch.Attack { a := baseAttack(nil); a.Country = "Syria"; return a }(), true},
			},
			wantAlerts:  []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertNew},
			wantSources: 1, incidents: 2,
		},
		{
			name: "an account naming no country joins one that does",
			saves: []save{
				{0, "a", "h1", func() claimwatch.Attack { a := baseAttack(nil); a.Country = ""; return a }(), true},
				{1, "b", "h1", baseAttack(claimwatch.Count(0)), true},
			},
			wantAlerts:  []claimwatch.AlertKind{claimwatch.AlertNew},
			wantKilled:  claimwatch.Count(0),
			wantSources: 2, incidents: 1,
		},
		{
			name: "the same target three days later is another incident",
			saves: []save{
				{0, "a", "h1", baseAttack(nil), true},
				{1, "b", "h1", func() claimwatch.Attack { a := baseAttack(nil); a.Date = "2026-11-22"; return a }(), true},
			},
			wantAlerts:  []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertNew},
			wantSources: 1, incidents: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			db := openTestDB(t)
			feeds := addFeeds(t, db, 3)
			for i, s := range tc.saves {
				rec := report(feeds[s.feed], s.key, s.hash, pub.Add(time.Duration(i)*time.Hour), s.attack)
				rec.Alert = s.alert
				if _, err := db.SaveReport(ctx, rec); err != nil {
					t.Fatalf("save %d: %v", i, err)
				}
			}
			if got := pendingKinds(t, db); !slices.Equal(got, tc.wantAlerts) {
				t.Errorf("alerts = %v, want %v", got, tc.wantAlerts)
			}
			ins, err := db.Incidents(ctx, claimwatch.IncidentQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ins) != tc.incidents {
				t.Fatalf("%d incidents, want %d: %+v", len(ins), tc.incidents, ins)
			}
			first := ins[0]
			if len(first.Sources) != tc.wantSources {
				t.Errorf("first incident has %d sources, want %d", len(first.Sources), tc.wantSources)
			}
			if (first.Attack.Killed == nil) != (tc.wantKilled == nil) || (first.Attack.Killed != nil && *first.Attack.Killed != *tc.wantKilled) {
				t.Errorf("killed = %v, want %v", ptr(first.Attack.Killed), ptr(tc.wantKilled))
			}
		})
	}
}

func ptr(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestSaveReportEditReplacesFacts(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	f := addFeeds(t, db, 1)[0]
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	rec := report(f, "k", "h1", pub)
	rec.Facts.Statements = []claimwatch.Statement{{Speaker: "Ministry spokesman", Quote: "first version", Evidence: "He said: first version."}}
	rec.Facts.Tallies = []claimwatch.Tally{{Count: 90, Subject: "attacks on bases", Since: "2026-10-17"}}
	first, err := db.SaveReport(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	rec.Item.Hash, rec.Item.Title, rec.Item.Text = "h2", "Corrected title", "Corrected text"
	rec.Item.FetchedAt = pub.Add(time.Hour) // a later poll: first seen stays
	rec.Facts.Statements = []claimwatch.Statement{{Speaker: "Ministry spokesman", Quote: "second version", Evidence: "He said: second version."}}
	rec.Facts.Tallies = []claimwatch.Tally{{Count: 92, Subject: "Attacks on bases", Since: "2026-10-17"}}
	edit, err := db.SaveReport(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	if edit.New || !edit.Edited || edit.ItemID != first.ItemID || edit.StoryID != first.StoryID {
		t.Errorf("edit = %+v, want item %d edited in story %d", edit, first.ItemID, first.StoryID)
	}
	sts, err := db.LatestStatements(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 || sts[0].Quote != "second version" || sts[0].Source.Title != "Corrected title" || sts[0].Source.Evidence != "He said: second version." {
		t.Errorf("statements after the edit = %+v, want only the second version", sts)
	}
	tls, err := db.LatestTallies(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(tls) != 1 || tls[0].Count != 92 {
		t.Errorf("tallies after the edit = %+v, want only 92", tls)
	}
	if hash, _, _ := db.ItemHash(ctx, f.ID, "k"); hash != "h2" {
		t.Errorf("ItemHash = %q, want h2", hash)
	}
	if fs, _ := db.Feeds(ctx); fs[0].Health.ItemsSeen != 1 {
		t.Errorf("ItemsSeen = %d after an edit, want 1", fs[0].Health.ItemsSeen)
	}
}

func TestSaveReportStories(t *testing.T) {
	const fp = 0xF0F0_1234_ABCD_5678
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		sameFeed  bool
		fp        uint64
		later     time.Duration
		wantShare bool
	}{
		{"another feed, 3 bits apart, shares the story", false, fp ^ 0b10101, time.Hour, true},
		{"another feed, identical in a different band layout, shares", false, fp ^ (1 << 15) ^ (1 << 31) ^ (1 << 47), time.Hour, true},
		{"another feed, 4 bits apart, starts a story", false, fp ^ 0b1111, time.Hour, false},
		{"the same feed never shares", true, fp, time.Hour, false},
		{"another feed after 72 hours starts a story", false, fp, 73 * time.Hour, false},
		{"negative as int64, identical, shares", false, fp, 71 * time.Hour, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			db := openTestDB(t)
			feeds := addFeeds(t, db, 2)
			a := report(feeds[0], "a", "h", pub)
			a.Item.Fingerprint = fp
			ra, err := db.SaveReport(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			f := feeds[1]
			if tc.sameFeed {
				f = feeds[0]
			}
			b := report(f, "b", "h", pub.Add(tc.later))
			b.Item.Fingerprint = tc.fp
			rb, err := db.SaveReport(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if got := ra.StoryID == rb.StoryID; got != tc.wantShare || ra.StoryID == 0 || rb.StoryID == 0 {
				t.Errorf("stories %d and %d: shared=%v, want %v", ra.StoryID, rb.StoryID, got, tc.wantShare)
			}
		})
	}
}

func TestSaveReportRefusesBadRecords(t *testing.T) {
	db := openTestDB(t)
	f := addFeeds(t, db, 1)[0]
	tests := []struct {
		name string
		rec  claimwatch.ReportRecord
	}{
		{"no key", report(f, "", "h", t0)},
		{"no feed", report(claimwatch.Feed{Name: "x"}, "k", "h", t0)},
		{"unknown feed", report(claimwatch.Feed{ID: 999, Name: "x"}, "k", "h", t0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := db.SaveReport(t.Context(), tc.rec); err == nil {
				t.Error("SaveReport succeeded")
			}
		})
	}
	if _, err := db.SaveReport(t.Context(), report(claimwatch.Feed{ID: 999}, "k", "h", t0)); !errors.Is(err, claimwatch.ErrNotFound) {
		t.Errorf("SaveReport for an unknown feed: %v, want ErrNotFound", err)
	}
	if st, _ := db.Stats(t.Context()); st.Items != 0 {
		t.Errorf("%d items stored after refusals, want 0", st.Items)
	}
}

func TestSaveReportUndatedAttackUsesPublished(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 2)
	a := baseAttack(nil)
	a.Date = ""
	pub := time.Date(2026, 11, 19, 23, 0, 0, 0, time.UTC)
	r1, err := db.SaveReport(ctx, report(feeds[0], "a", "h", pub, a))
	if err != nil {
		t.Fatal(err)
	}
	// The second outlet is undated too and publishes the next morning.
	rec := report(feeds[1], "b", "h", time.Time{}, a)
	rec.Item.FetchedAt = pub.Add(10 * time.Hour)
	r2, err := db.SaveReport(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.NewIncidents) != 1 || !slices.Equal(r2.UpdatedIncidents, r1.NewIncidents) {
		t.Fatalf("saves %+v and %+v: want the second merged into the first's incident", r1, r2)
	}
	in, err := db.Incident(ctx, r1.NewIncidents[0])
	if err != nil {
		t.Fatal(err)
	}
	if !in.FirstSeen.Equal(pub) || in.OccurredOn != "" || in.Day(time.UTC) != "2026-11-19" {
		t.Errorf("incident first seen %v on %q, day %s; want %v, undated", in.FirstSeen, in.OccurredOn, in.Day(time.UTC), pub)
	}
	if got := in.Sources[1].Published; !got.Equal(pub.Add(10 * time.Hour)) {
		t.Errorf("undated source shows %v, want its fetch time", got)
	}
}

func TestSaveReportAlertsOncePerIncident(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 2)
	pub := time.Date(2026, 11, 19, 8, 0, 0, 0, time.UTC)
	// One report tells the same attack twice, the toll rising as it goes.
	r1, err := db.SaveReport(ctx, report(feeds[0], "a", "h", pub, baseAttack(claimwatch.Count(1)), baseAttack(claimwatch.Count(2))))
	if err != nil {
		t.Fatal(err)
	}
	if len(r1.NewIncidents) != 1 || len(r1.UpdatedIncidents) != 0 {
		t.Errorf("first save = %+v, want one new incident", r1)
	}
	if got := pendingKinds(t, db); !slices.Equal(got, []claimwatch.AlertKind{claimwatch.AlertNew}) {
		t.Errorf("alerts after the first report = %v, want [new]", got)
	}
	// Another report raises it twice over.
	r2, err := db.SaveReport(ctx, report(feeds[1], "b", "h", pub, baseAttack(claimwatch.Count(3)), baseAttack(claimwatch.Count(4))))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r2.UpdatedIncidents, r1.NewIncidents) {
		t.Errorf("second save = %+v, want an update of %v", r2, r1.NewIncidents)
	}
	if got := pendingKinds(t, db); !slices.Equal(got, []claimwatch.AlertKind{claimwatch.AlertNew, claimwatch.AlertUpdate}) {
		t.Errorf("alerts after the second report = %v, want [new update]", got)
	}
	in, err := db.Incident(ctx, r1.NewIncidents[0])
	if err != nil {
		t.Fatal(err)
	}
	if *in.Attack.Killed != 4 || len(in.Sources) != 2 {
		t.Errorf("incident killed %d with %d sources, want 4 and 2", *in.Attack.Killed, len(in.Sources))
	}
}
