package summarize

import (
	"testing"
	"time"
)

func TestNumberAt(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"Western digits with a thousands separator read whole", "2,500", 2500},
		{"Arabic-Indic digits read as digits", "٩٢", 92},
		{"an English number word reads", "seven", 7},
		{"English tens and units read together", "twenty one", 21},
		{"an Arabic number word with the conjunction reads", "وثلاثة", 3},
		{"an Arabic teen reads as one number", "ثلاثة عشر", 13},
		{"a hundred with a hamza folds and reads", "ومئة", 100},
		{"thousands multiply", "3 آلاف", 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := numberAt(tokenize(tt.text), 0)
			if !ok || got != tt.want {
				t.Errorf("numberAt(%q) = %d, %v; want %d", tt.text, got, ok, tt.want)
			}
		})
	}
}

func TestDateIn(t *testing.T) {
	pub := time.Date(2023, time.December, 11, 12, 0, 0, 0, time.UTC) // a Monday
	tests := []struct {
		name, text, want string
	}{
		{"an Arabic weekday is the latest such day", "استهدف هجوم الاثنين قاعدة", "2023-12-11"},
		{"an Arabic Friday is three days before a Monday", "واستهدفت الجمعة السفارة", "2023-12-08"},
		{"an English weekday resolves the same way", "a drone struck the base on Saturday", "2023-12-09"},
		{"yesterday is the day before", "قتل ثلاثة أمس", "2023-12-10"},
		{"the day before yesterday counts two", "قتل ثلاثة أول من أمس", "2023-12-09"},
		{"a weekday after today decides", "فجر اليوم الجمعة", "2023-12-08"},
		{"the Levantine month family with its Egyptian twin", "منذ 17 تشرين الأول/أكتوبر", "2023-10-17"},
		{"the Egyptian month family alone", "في 5 ديسمبر", "2023-12-05"},
		{"a month after the report falls in the year before", "في 20 ديسمبر", "2022-12-20"},
		{"an English date with its year", "on Oct. 7, 2023", "2023-10-07"},
		{"no date stated is empty", "قال المسؤول إن الهجوم فشل", ""},
		{"the same day points back, not to today", "وفي اليوم نفسه استهدفت", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dateIn(tokenize(tt.text), pub); got != tt.want {
				t.Errorf("dateIn(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestOrdinalAt(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
		ok         bool
	}{
		{"an English ordinal word reads", "sixth", 6, true},
		{"an English ordinal in digits reads", "42nd", 42, true},
		{"an Arabic ordinal with its article reads", "الخامسة", 5, true},
		{"an Arabic teen ordinal reads both words", "الحادي عشر", 11, true},
		{"an Arabic compound ordinal adds its tens", "الثالث والأربعين", 43, true},
		{"digits after the article read as an ordinal", "الـ٢٧", 27, true},
		{"first is no count of attacks", "first", 0, false},
		{"an Arabic ordinal without the article is not read", "خامس", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := ordinalAt(tokenize(tt.text), 0)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ordinalAt(%q) = %d, %v; want %d, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestClockOf(t *testing.T) {
	e, err := newTestExtractor()
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	tests := []struct {
		name, text, place string
		want              bool
	}{
		{"an English city before 'time' names a clock", "at 9 p.m. Sanaa time a drone hit a ship", "Sanaa", true},
		{"an Arabic city after 'بتوقيت' names a clock", "عند التاسعة بتوقيت صنعاء أصابت مسيرة سفينة", "Sanaa", true},
		{"a city where it happened is no clock", "a drone hit a port in Sanaa on Monday", "Sanaa", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := e.analyze(tt.text, 0, 0, false)
			found := false
			for _, en := range s.ents {
				if en.p.val == tt.place {
					found = true
					if got := clockOf(s, en); got != tt.want {
						t.Errorf("clockOf(%q) = %v, want %v", tt.place, got, tt.want)
					}
				}
			}
			if !found {
				t.Fatalf("no %q in %q", tt.place, tt.text)
			}
		})
	}
}
