package store

import (
	"slices"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

func day(s string, hour int) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d.Add(time.Duration(hour) * time.Hour)
}

func TestIncidentsQuery(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	f := addFeeds(t, db, 1)[0]
	attack := func(target, date string) claimwatch.Attack {
		return claimwatch.Attack{Target: target, Country: "Iraq", Date: date, Weapons: []claimwatch.Weapon{claimwatch.Rocket}}
	}
	saves := []struct {
		key    string
		pub    time.Time
		attack claimwatch.Attack
	}{
		{"dated", day("2026-11-12", 9), attack("Ain al-Asad", "2026-11-10")},
		{"undated", day("2026-11-15", 10), attack("Victory Base", "")},
		{"late", day("2026-11-20", 0), attack("Erbil airport", "")},
	}
	ids := map[string]int64{}
	for _, s := range saves {
		res, err := db.SaveReport(ctx, report(f, s.key, "h", s.pub, s.attack))
		if err != nil {
			t.Fatal(err)
		}
		ids[s.key] = res.NewIncidents[0]
	}
	tests := []struct {
		name string
		q    claimwatch.IncidentQuery
		want []string
	}{
		{"all, oldest first", claimwatch.IncidentQuery{}, []string{"dated", "undated", "late"}},
		{"newest first with a limit", claimwatch.IncidentQuery{Limit: 2}, []string{"late", "undated"}},
		{"first seen in the range", claimwatch.IncidentQuery{From: day("2026-11-15", 0), To: day("2026-11-16", 0)}, []string{"undated"}},
		{"To is excluded", claimwatch.IncidentQuery{From: day("2026-11-15", 0), To: day("2026-11-15", 10)}, nil},
		{"occurred within a day of the range", claimwatch.IncidentQuery{From: day("2026-11-11", 0), To: day("2026-11-12", 0)}, []string{"dated"}},
		{"occurred two days before the range", claimwatch.IncidentQuery{From: day("2026-11-12", 12), To: day("2026-11-14", 0)}, nil},
		{"only From", claimwatch.IncidentQuery{From: day("2026-11-16", 0)}, []string{"late"}},
		{"only To", claimwatch.IncidentQuery{To: day("2026-11-13", 0)}, []string{"dated"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ins, err := db.Incidents(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, in := range ins {
				got = append(got, in.ID)
				if len(in.Sources) != 1 {
					t.Errorf("incident %d has %d sources, want 1", in.ID, len(in.Sources))
				}
			}
			var want []int64
			for _, k := range tc.want {
				want = append(want, ids[k])
			}
			if !slices.Equal(got, want) {
				t.Errorf("Incidents(%+v) = %v, want %v (%v)", tc.q, got, want, tc.want)
			}
		})
	}
}

func TestIncidentFirstSeenIsEarliestReport(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 2)
	late, early := day("2026-11-19", 15), day("2026-11-19", 7)
	r1, err := db.SaveReport(ctx, report(feeds[0], "a", "h", late, baseAttack(nil)))
	if err != nil {
		t.Fatal(err)
	}
	// A slower feed delivers an earlier report afterwards.
	if _, err := db.SaveReport(ctx, report(feeds[1], "b", "h", early, baseAttack(nil))); err != nil {
		t.Fatal(err)
	}
	in, err := db.Incident(ctx, r1.NewIncidents[0])
	if err != nil {
		t.Fatal(err)
	}
	if !in.FirstSeen.Equal(early) || !in.UpdatedAt.Equal(early.Add(time.Minute)) {
		t.Errorf("FirstSeen %v UpdatedAt %v, want %v and %v", in.FirstSeen, in.UpdatedAt, early, early.Add(time.Minute))
	}
	if in.Sources[0].Feed != feeds[1].Name {
		t.Errorf("sources %+v: want the earlier report first", in.Sources)
	}
}

func TestLatestStatementsAndTallies(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	f := addFeeds(t, db, 1)[0]
	saves := []struct {
		key        string
		pub        time.Time
		statements []claimwatch.Statement
		tallies    []claimwatch.Tally
	}{
		{"old", day("2026-11-10", 8),
			[]claimwatch.Statement{{Speaker: "Defence ministry", Quote: "q1"}},
			[]claimwatch.Tally{{Count: 80, Subject: "attacks on bases", Since: "2026-10-17"}, {Count: 4, Subject: "ships struck"}}},
		{"new", day("2026-11-12", 8),
			[]claimwatch.Statement{{Speaker: "Pentagon", Quote: "q2"}, {Speaker: "Governor", Quote: "q3"}},
			[]claimwatch.Tally{{Count: 85, Subject: "The attacks on bases!", Since: "2026-10-17"}}},
		{"older still", day("2026-11-01", 8), nil,
			[]claimwatch.Tally{{Count: 99, Subject: "Attacks on bases"}}},
	}
	for _, s := range saves {
		rec := report(f, s.key, "h", s.pub)
		rec.Facts.Statements, rec.Facts.Tallies = s.statements, s.tallies
		if _, err := db.SaveReport(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	sts, err := db.LatestStatements(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var quotes []string
	for _, s := range sts {
		quotes = append(quotes, s.Quote)
		if s.Source.Title != "Title of new" || s.Source.Feed != f.Name || s.ID == 0 {
			t.Errorf("statement %+v: want its source, the report \"new\"", s)
		}
	}
	if !slices.Equal(quotes, []string{"q3", "q2"}) {
		t.Errorf("LatestStatements(2) = %v, want [q3 q2]", quotes)
	}
	tls, err := db.LatestTallies(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, tl := range tls {
		counts = append(counts, tl.Count)
	}
	if !slices.Equal(counts, []int{85, 4}) {
		t.Errorf("LatestTallies = %v, want [85 4] (one per folded subject, newest first)", counts)
	}
	if tls[0].Subject != "The attacks on bases!" || tls[0].Since != "2026-10-17" || !tls[0].Source.Published.Equal(day("2026-11-12", 8)) {
		t.Errorf("tally = %+v", tls[0])
	}
	if tls, _ := db.LatestTallies(ctx, 1); len(tls) != 1 {
		t.Errorf("LatestTallies(1) returned %d", len(tls))
	}
}

func TestStats(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	feeds := addFeeds(t, db, 3)
	failing := feeds[1]
	failing.Health.ConsecutiveFailures = 3
	if err := db.SaveFeedState(ctx, failing); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveFeed(ctx, feeds[2].ID); err != nil {
		t.Fatal(err)
	}
	rec := report(feeds[0], "a", "h", day("2026-11-19", 8), baseAttack(nil))
	rec.Facts.Statements = []claimwatch.Statement{{Quote: "x"}, {Quote: "y"}}
	rec.Facts.Tallies = []claimwatch.Tally{{Count: 1, Subject: "s"}}
	if _, err := db.SaveReport(ctx, rec); err != nil {
		t.Fatal(err)
	}
	for _, c := range []claimwatch.Chat{
		{ID: 1, Subscribed: true}, {ID: 2, Subscribed: true, Paused: true}, {ID: 3},
	} {
		if err := db.SaveChat(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Enqueue(ctx, []claimwatch.OutMessage{
		{ChatID: 1, Text: "a", CreatedAt: t0.Add(-time.Hour)}, {ChatID: 1, Text: "b"}, {ChatID: 2, Text: "held"},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := claimwatch.Stats{
		Feeds: 2, FailingFeeds: 1, Items: 1, Incidents: 1, Statements: 2, Tallies: 1,
		Chats: 3, Subscribed: 1, PausedChats: 1, OutboxPending: 2, OldestPendingMessage: t0.Add(-time.Hour),
	}
	if got != want {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
}
