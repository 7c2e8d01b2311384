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
