package summarize

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
)

func FuzzExtract(f *testing.F) {
	for _, r := range benchReports() {
		f.Add([]byte(r.Title + "\n" + r.Text))
	}
	f.Add([]byte("<p>قتل ٣ وأصيب ١٢</p><script>x</script>"))
	f.Add([]byte("\xff\xfe\x00 rocket attack on base in Erbil, killing 2\n\n\n"))
	f.Add([]byte("-- 1999 2001 ... ؟؟ «» “” ( ) / 17 تشرين"))
	e := extractor(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		title, text, _ := strings.Cut(string(b), "\n")
		facts := e.extract(claimwatch.Report{Title: title, Text: text, Published: pub})
		if facts.Language != "ar" && facts.Language != "en" {
			t.Errorf("language %q", facts.Language)
		}
		for _, a := range facts.Attacks {
			for _, w := range a.Weapons {
				if !slices.Contains(claimwatch.Weapons, w) {
					t.Errorf("weapon %q not in the vocabulary", w)
				}
			}
			switch a.Responsibility {
			case claimwatch.Claimed, claimwatch.Attributed, claimwatch.Unclaimed:
			default:
				t.Errorf("responsibility %q", a.Responsibility)
			}
			if a.Responsibility == claimwatch.Unclaimed && a.Claimant != "" {
				t.Errorf("unclaimed attack with claimant %q", a.Claimant)
			}
			if a.Killed != nil && *a.Killed < 0 || a.Injured != nil && *a.Injured < 0 {
				t.Errorf("negative count in %+v", a)
			}
			if a.Date != "" {
				if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
					t.Errorf("date %q: %v", a.Date, err)
				}
			}
			checkUTF8(t, a.Claimant, a.ClaimantText, a.Target, a.TargetText, a.Place, a.Country, a.Evidence)
		}
		for _, s := range facts.Statements {
			checkUTF8(t, s.Speaker, s.SpeakerText, s.Role, s.Quote, s.Evidence)
		}
		for _, tl := range facts.Tallies {
			checkUTF8(t, tl.Subject, tl.Since, tl.Source, tl.Evidence)
		}
	})
}

func checkUTF8(t *testing.T, ss ...string) {
	t.Helper()
	for _, s := range ss {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 in output: %q", s)
		}
	}
}
