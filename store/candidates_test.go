package store

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// saveIncident stores in as an incident, with the folded names SaveReport
// writes, and returns its ID.
func saveIncident(t testing.TB, db *DB, in claimwatch.Incident) int64 {
	t.Helper()
	var id int64
	err := db.write(t.Context(), func(tx *sql.Tx) error {
		var err error
		id, err = insertIncident(t.Context(), tx.StmtContext(t.Context(), db.st.insertIncident), in)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// candidateIDs runs the merge candidates query for attack a seen at seen,
// as mergeAttack does.
func candidateIDs(t testing.TB, db *DB, a claimwatch.Attack, seen time.Time) []int64 {
	t.Helper()
	day := a.Date
	if day == "" {
		day = seen.UTC().Format(time.DateOnly)
	}
	var ids []int64
	err := db.write(t.Context(), func(tx *sql.Tx) error {
		cands, err := findCandidates(t.Context(), tx.StmtContext(t.Context(), db.st.candidates), a, day)
		for _, c := range cands {
			ids = append(ids, c.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestCandidatesKeepEveryMatch checks that the SQL prefilter of merge
// candidates never drops an incident claimwatch.SameIncident accepts, and
// that it does drop the plain mismatches it is there to drop.
func TestCandidatesKeepEveryMatch(t *testing.T) {
	seen := time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)
	inc := func(a claimwatch.Attack) claimwatch.Incident {
		return claimwatch.Incident{Attack: a, OccurredOn: a.Date, FirstSeen: seen, UpdatedAt: seen}
	}
	tests := []struct {
		name     string
		attack   claimwatch.Attack
		incident claimwatch.Incident
		kept     bool // whether the prefilter keeps the incident
	}{
		{"same target",
			claimwatch.Attack{Target: "Camp Falcon", Claimant: "Northern Front"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Claimant: "Northern Front"}), true},
		{"target folds alike",
			claimwatch.Attack{Target: "the CAMP-Falcon"},
			inc(claimwatch.Attack{Target: "Camp Falcon"}), true},
		{"incident target contains attack target",
			claimwatch.Attack{Target: "Falcon"},
			inc(claimwatch.Attack{Target: "Camp Falcon air base"}), true},
		{"attack target contains incident target",
			claimwatch.Attack{Target: "Camp Falcon air base"},
			inc(claimwatch.Attack{Target: "Falcon"}), true},
		{"Arabic target with hamza and article",
			claimwatch.Attack{Target: "قاعدة عين الأسد"},
			inc(claimwatch.Attack{Target: "قاعدة عين الاسد"}), true},
		{"Arabic target with diacritics, contained",
			claimwatch.Attack{Target: "عَيْن الأَسَد"},
			inc(claimwatch.Attack{Target: "قاعدة عين الاسد الجوية"}), true},
		{"Arabic target with taa marbuta and tatweel",
			claimwatch.Attack{Target: "القاعـدة"},
			inc(claimwatch.Attack{Target: "قاعده"}), true},
		{"Arabic claimants fold alike",
			claimwatch.Attack{Target: "Camp Falcon", Claimant: "كتائب حزب الله"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Claimant: "كتائب حزب اللّٰه"}), true},
		{"attack names no claimant",
			claimwatch.Attack{Target: "Camp Falcon"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Claimant: "Northern Front"}), true},
		{"incident names no claimant",
			claimwatch.Attack{Target: "Camp Falcon", Claimant: "Northern Front"},
			inc(claimwatch.Attack{Target: "Camp Falcon"}), true},
		{"no targets, same place",
			claimwatch.Attack{Place: "Al-Harir"},
			inc(claimwatch.Attack{Place: "harir"}), true},
		{"one country unknown",
			claimwatch.Attack{Target: "Camp Falcon", Country: "Iraq"},
			inc(claimwatch.Attack{Target: "Camp Falcon"}), true},
		{"attack dated the day before",
			claimwatch.Attack{Target: "Camp Falcon", Date: "2026-11-18"},
			inc(claimwatch.Attack{Target: "Camp Falcon"}), true},
		// What the prefilter is for: plain mismatches stay in SQLite.
		{"other target",
			claimwatch.Attack{Target: "Camp Falcon"},
			inc(claimwatch.Attack{Target: "Harbour"}), false},
		{"other claimant",
			claimwatch.Attack{Target: "Camp Falcon", Claimant: "Northern Front"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Claimant: "Southern Front"}), false},
		{"other country",
			claimwatch.Attack{Target: "Camp Falcon", Country: "Syria"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Country: "Iraq"}), false},
		{"only the attack names a target",
			claimwatch.Attack{Target: "Camp Falcon", Place: "Harir"},
			inc(claimwatch.Attack{Place: "Harir"}), false},
		{"only the incident names a target",
			claimwatch.Attack{Place: "Harir"},
			inc(claimwatch.Attack{Target: "Camp Falcon", Place: "Harir"}), false},
		{"no target, no place",
			claimwatch.Attack{Claimant: "Northern Front"},
			inc(claimwatch.Attack{Claimant: "Northern Front"}), false},
		{"no targets, other place",
			claimwatch.Attack{Place: "Harir"},
			inc(claimwatch.Attack{Place: "Erbil"}), false},
		{"three days apart",
			claimwatch.Attack{Target: "Camp Falcon", Date: "2026-11-22"},
			inc(claimwatch.Attack{Target: "Camp Falcon"}), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := openTestDB(t)
			id := saveIncident(t, db, tc.incident)
			kept := slices.Contains(candidateIDs(t, db, tc.attack, seen), id)
			same := claimwatch.SameIncident(tc.attack, seen, tc.incident)
			if same && !kept {
				t.Fatalf("the prefilter dropped an incident SameIncident accepts")
			}
			if tc.kept && !same {
				t.Errorf("SameIncident rejects the pair: the case checks nothing")
			}
			if kept != tc.kept {
				t.Errorf("prefilter kept the incident = %v, want %v", kept, tc.kept)
			}
		})
	}
}

// TestCandidatesKeepEveryMatchOfMany checks the superset property over
// every pair of a set of names with the folding cases of Fold (Arabic
// letter variants, articles, diacritics, punctuation, case), containment
// both ways, and empty names.
func TestCandidatesKeepEveryMatchOfMany(t *testing.T) {
	db := openTestDB(t)
	seen := time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)
	targets := []string{"", "Camp Falcon", "camp-falcon", "Falcon", "Camp Falcon Air Base", "قاعدة عين الأسد", "عين الاسد", "عَيْن الأَسَد الجوية", "The Harbour"}
	places := []string{"", "Harir", "al-Harir", "الحرير", "حرير"}
	claimants := []string{"", "Northern Front", "northern front.", "كتائب حزب الله", "كتائب حزب اللّه"}
	countries := []string{"", "Iraq", "Syria"}
	dates := []string{"", "2026-11-18", "2026-11-21"}
	var attacks []claimwatch.Attack
	for i, tg := range targets {
		for j, pl := range places {
			for k, cl := range claimants {
				attacks = append(attacks, claimwatch.Attack{
					Target: tg, Place: pl, Claimant: cl,
					Country: countries[(i+j+k)%len(countries)], Date: dates[(i+k)%len(dates)],
				})
			}
		}
	}
	incidents := map[int64]claimwatch.Incident{}
	for _, a := range attacks {
		in := claimwatch.Incident{Attack: a, OccurredOn: a.Date, FirstSeen: seen, UpdatedAt: seen}
		in.ID = saveIncident(t, db, in)
		incidents[in.ID] = in
	}
	matches := 0
	for _, a := range attacks {
		ids := candidateIDs(t, db, a, seen)
		for id, in := range incidents {
			if claimwatch.SameIncident(a, seen, in) {
				matches++
				if !slices.Contains(ids, id) {
					t.Errorf("the prefilter dropped incident %+v, which SameIncident accepts for attack %+v", in.Attack, a)
				}
			}
		}
	}
	if matches == 0 {
		t.Fatal("no pair matched: the test checks nothing")
	}
	t.Logf("%d attacks, %d matching pairs", len(attacks), matches)
}

// TestMigrationFoldsIncidentNames checks that migration 0005 fills the
// folded names of the incidents stored before it, so they still merge.
func TestMigrationFoldsIncidentNames(t *testing.T) {
	ctx := t.Context()
	path := t.TempDir() + "/old.db"
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, raw, 4); err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`
		INSERT INTO incidents (claimant, target, place, country, occurred_on, day, first_seen, updated_at)
		VALUES ('كتائب حزب الله', 'قاعدة عين الأسد', 'الأنبار', 'Iraq', '2026-11-19', '2026-11-19', 0, 0)`)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var target, place, claimant string
	err = db.r.QueryRowContext(ctx, `SELECT target_fold, place_fold, claimant_fold FROM incidents`).Scan(&target, &place, &claimant)
	if err != nil {
		t.Fatal(err)
	}
	want := [3]string{claimwatch.Fold("قاعدة عين الأسد"), claimwatch.Fold("الأنبار"), claimwatch.Fold("كتائب حزب الله")}
	if got := [3]string{target, place, claimant}; got != want {
		t.Errorf("folded names = %q, want %q", got, want)
	}
	a := claimwatch.Attack{Target: "عين الاسد", Claimant: "كتائب حزب الله", Date: "2026-11-19"}
	if ids := candidateIDs(t, db, a, time.Time{}); len(ids) != 1 {
		t.Errorf("candidates = %v, want the incident stored before the migration", ids)
	}
}
