package claimwatch

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Incident is one real attack, however many reports tell it. Its Attack is
// the merged view of every report's account: the first named claimant, the
// union of weapons, the highest casualty figures.
type Incident struct {
	ID     int64
	Attack Attack
	// OccurredOn is the day the attack happened (YYYY-MM-DD) when a report
	// says so, else "".
	OccurredOn string
	FirstSeen  time.Time // when its first report was published (or fetched, if undated)
	UpdatedAt  time.Time
	Sources    []Source // every report that tells it, oldest first
}

// Source is one report that tells an incident, a statement or a tally.
type Source struct {
	ItemID    int64
	Feed      string // outlet name
	Title     string
	URL       string
	Published time.Time
	Evidence  string // the sentence the fact was read from
}

// Day returns the incident's day in loc: the day it happened when a report
// says so, else the day of its first report. This is the day OUTPUT.md's
// `counts` counts it on.
func (in Incident) Day(loc *time.Location) string {
	if in.OccurredOn != "" {
		return in.OccurredOn
	}
	if loc == nil {
		loc = time.UTC
	}
	return in.FirstSeen.In(loc).Format(time.DateOnly)
}

// SameIncident reports whether attack a, read from a report first seen at
// seen, tells incident in again: the same target (or, when neither names a
// target, the same place), compatible claimants and weapons, and days at
// most one apart.
func SameIncident(a Attack, seen time.Time, in Incident) bool {
	b := in.Attack
	ta, tb := Fold(a.Target), Fold(b.Target)
	switch {
	case ta != "" && tb != "":
		if ta != tb && !strings.Contains(ta, tb) && !strings.Contains(tb, ta) {
			return false
		}
	case ta == "" && tb == "":
		pa, pb := Fold(a.Place), Fold(b.Place)
		if pa == "" || pa != pb {
			return false
		}
	default:
		return false
	}
	if ca, cb := Fold(a.Claimant), Fold(b.Claimant); ca != "" && cb != "" && ca != cb {
		return false
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return false
	}
	if len(a.Weapons) > 0 && len(b.Weapons) > 0 && !slices.ContainsFunc(a.Weapons, func(w Weapon) bool { return slices.Contains(b.Weapons, w) }) {
		return false
	}
	da := a.Date
	if da == "" {
		da = seen.UTC().Format(time.DateOnly)
	}
	return daysApart(da, in.Day(time.UTC)) <= 1
}

func daysApart(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	d := ta.Sub(tb)
	if d < 0 {
		d = -d
	}
	return int(d / (24 * time.Hour))
}

// Merge folds another report's account of the incident into it and reports
// whether the casualty figures grew (which warrants an update alert).
func (in *Incident) Merge(a Attack) (casualtiesGrew bool) {
	m := &in.Attack
	if m.Claimant == "" && a.Claimant != "" {
		m.Claimant, m.ClaimantText = a.Claimant, a.ClaimantText
		m.Responsibility = a.Responsibility
	} else if m.Responsibility == Attributed && a.Responsibility == Claimed && Fold(a.Claimant) == Fold(m.Claimant) {
		m.Responsibility = Claimed // a claim outranks a third party's blame
	}
	for _, w := range a.Weapons {
		if !slices.Contains(m.Weapons, w) {
			m.Weapons = append(m.Weapons, w)
		}
	}
	if m.Target == "" {
		m.Target, m.TargetText = a.Target, a.TargetText
	}
	if m.Place == "" {
		m.Place = a.Place
	}
	if m.Country == "" {
		m.Country = a.Country
	}
	if in.OccurredOn == "" && a.Date != "" {
		in.OccurredOn = a.Date
	}
	if m.Date == "" {
		m.Date = a.Date
	}
	grew := false
	if a.Killed != nil && (m.Killed == nil || *a.Killed > *m.Killed) {
		grew = grew || *a.Killed > 0
		m.Killed = Count(*a.Killed)
	}
	if a.Injured != nil && (m.Injured == nil || *a.Injured > *m.Injured) {
		grew = grew || *a.Injured > 0
		m.Injured = Count(*a.Injured)
	}
	if m.Evidence == "" {
		m.Evidence = a.Evidence
	}
	return grew
}

// Fold normalizes a name for comparison: lower case, Arabic diacritics and
// tatweel removed, alef, yeh and taa marbuta variants unified, punctuation
// and the article "al"/"ال" dropped, spaces collapsed.
func Fold(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0670, r == 0x0640: // harakat, superscript alef, tatweel
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ئ':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ؤ':
			r = 'و'
		case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
			continue
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r):
			r = ' '
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for _, w := range words {
		if w == "al" || w == "el" || w == "the" {
			continue
		}
		for _, art := range []string{"وال", "فال", "بال", "كال", "لل", "ال"} {
			if strings.HasPrefix(w, art) && len([]rune(w)) > len([]rune(art))+1 {
				w = strings.TrimPrefix(w, art)
				break
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// DayCount is one day of OUTPUT.md's `counts --json`.
type DayCount struct {
	Date       string         `json:"date"`
	Attacks    int            `json:"attacks"`
	ByClaimant map[string]int `json:"by_claimant"`
	ByCountry  map[string]int `json:"by_country"`
}

// CountByDay counts distinct incidents per day from the date from to the
// date to (YYYY-MM-DD, both included), every day present, zero days too.
// Days are computed with Incident.Day in loc.
func CountByDay(incidents []Incident, from, to string, loc *time.Location) ([]DayCount, error) {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return nil, err
	}
	t, err := time.Parse(time.DateOnly, to)
	if err != nil {
		return nil, err
	}
	var days []DayCount
	index := map[string]int{}
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		index[key] = len(days)
		days = append(days, DayCount{Date: key, ByClaimant: map[string]int{}, ByCountry: map[string]int{}})
	}
	for _, in := range incidents {
		i, ok := index[in.Day(loc)]
		if !ok {
			continue
		}
		days[i].Attacks++
		days[i].ByClaimant[in.Attack.Claimant]++
		if in.Attack.Country != "" {
			days[i].ByCountry[in.Attack.Country]++
		}
	}
	return days, nil
}
