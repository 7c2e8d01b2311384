package claimwatch

import (
	"testing"
	"time"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"english article and case", "The Al-Tanf Garrison", "tanf garrison"},
		{"arabic diacritics and tatweel", "عَيـنُ الأَسَد", "عين اسد"},
		{"alef and taa marbuta variants", "قاعدة إربيل", "قاعده اربيل"},
		{"article after a proclitic", "والمقاومة بالعراق", "مقاومه عراق"},
		{"direction marks and punctuation", "\u200fكتائب «حزب الله»", "كتايب حزب له"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSameIncident(t *testing.T) {
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	base := Incident{
		Attack:    Attack{Claimant: "Islamic Resistance in Iraq", Weapons: []Weapon{Drone}, Target: "Harir air base", Country: "Iraq"},
		FirstSeen: day,
	}
	tests := []struct {
		name string
		a    Attack
		seen time.Time
		want bool
	}{
		{"same target, claimant and weapon the same day", Attack{Claimant: "Islamic Resistance in Iraq", Weapons: []Weapon{Drone}, Target: "Harir air base"}, day.Add(3 * time.Hour), true},
		{"second outlet names no claimant", Attack{Weapons: []Weapon{Drone}, Target: "Harir Air Base"}, day.Add(20 * time.Hour), true},
		{"shorter target name", Attack{Target: "Harir"}, day, true},
		{"another claimant", Attack{Claimant: "Kataib Hezbollah", Target: "Harir air base"}, day, false},
		{"another weapon", Attack{Weapons: []Weapon{Rocket}, Target: "Harir air base"}, day, false},
		{"three days later", Attack{Weapons: []Weapon{Drone}, Target: "Harir air base"}, day.Add(72 * time.Hour), false},
		{"stated date two days before", Attack{Target: "Harir air base", Date: "2026-02-28"}, day, false},
		{"another target", Attack{Weapons: []Weapon{Drone}, Target: "Ain al-Asad air base"}, day, false},
		{"no target on one side", Attack{Weapons: []Weapon{Drone}, Place: "Erbil"}, day, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SameIncident(tc.a, tc.seen, base); got != tc.want {
				t.Errorf("SameIncident(%+v) = %v, want %v", tc.a, got, tc.want)
			}
		})
	}
}

func TestMergeRaisesCasualtiesOnce(t *testing.T) {
	in := Incident{Attack: Attack{Target: "ship", Weapons: []Weapon{Missile}, Killed: Count(0)}}
	if in.Merge(Attack{Target: "ship", Weapons: []Weapon{Drone}}) {
		t.Error("a report without figures must not count as an update")
	}
	if !in.Merge(Attack{Target: "ship", Injured: Count(2), Claimant: "Houthis", Responsibility: Claimed}) {
		t.Error("two injured where none were known is an update")
	}
	if in.Merge(Attack{Target: "ship", Injured: Count(1)}) {
		t.Error("a lower figure is not an update")
	}
	if in.Attack.Claimant != "Houthis" || len(in.Attack.Weapons) != 2 || *in.Attack.Injured != 2 || *in.Attack.Killed != 0 {
		t.Errorf("merged = %+v", in.Attack)
	}
}

func TestCountByDay(t *testing.T) {
	baghdad, _ := time.LoadLocation("Asia/Baghdad")
	ins := []Incident{
		{Attack: Attack{Claimant: "Houthis", Country: "Yemen"}, FirstSeen: time.Date(2026, 1, 1, 22, 30, 0, 0, time.UTC)}, // Jan 2 in Baghdad
		{Attack: Attack{Country: "Iraq"}, FirstSeen: time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)},
		{Attack: Attack{Claimant: "Houthis"}, OccurredOn: "2026-01-03", FirstSeen: time.Date(2026, 1, 4, 1, 0, 0, 0, time.UTC)},
	}
	days, err := CountByDay(ins, "2026-01-01", "2026-01-04", baghdad)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"2026-01-01": 1, "2026-01-02": 1, "2026-01-03": 1, "2026-01-04": 0}
	if len(days) != 4 {
		t.Fatalf("got %d days, want 4 (zero days included)", len(days))
	}
	for _, d := range days {
		if d.Attacks != want[d.Date] {
			t.Errorf("%s: %d attacks, want %d", d.Date, d.Attacks, want[d.Date])
		}
	}
	if days[0].ByClaimant[""] != 1 || days[1].ByClaimant["Houthis"] != 1 || days[1].ByCountry["Yemen"] != 1 {
		t.Errorf("breakdowns wrong: %+v %+v", days[0], days[1])
	}
}

func TestChatSettings(t *testing.T) {
	s := ChatSettings{TimeZone: "Asia/Baghdad", QuietFrom: 23, QuietTo: 7, Countries: []string{"Iraq"}, Weapons: []Weapon{Drone, Rocket}}
	if !s.Quiet(time.Date(2026, 1, 1, 21, 0, 0, 0, time.UTC)) { // 00:00 in Baghdad
		t.Error("midnight in Baghdad should be quiet")
	}
	if s.Quiet(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)) {
		t.Error("noon in Baghdad should not be quiet")
	}
	if !s.Wants(Incident{Attack: Attack{Country: "Iraq", Weapons: []Weapon{Rocket}}}) {
		t.Error("a rocket attack in Iraq passes the filters")
	}
	if s.Wants(Incident{Attack: Attack{Country: "Syria", Weapons: []Weapon{Rocket}}}) {
		t.Error("Syria is filtered out")
	}
	if DefaultSettings("ar-IQ").Lang != "ar" || DefaultSettings("fr").Lang != "en" {
		t.Error("language from language_code")
	}
}
