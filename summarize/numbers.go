package summarize

import (
	"strconv"
	"strings"
	"time"
)

// Number words, folded. Arabic forms cover masculine and feminine.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
	"واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3,
	"اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
	"ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
	"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2,
	"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
	"خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
	"ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	"مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئتان": 200, "مائتان": 200,
	"الف": 1000, "الفا": 1000, "الفين": 2000,
}

// numberAt reads a number starting at toks[i]: digits, or number words in
// either language ("ثلاثة عشر", "twenty-one", "3 آلاف"). It returns the
// value and the index after the number.
func numberAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) {
		return 0, i, false
	}
	t := &toks[i]
	val, next := 0, i+1
	switch {
	case t.kind == tNum:
		if t.num < 0 {
			return 0, i, false
		}
		val = t.num
	case t.kind == tWord:
		v, ok := wordNumber(t)
		if !ok {
			return 0, i, false
		}
		val = v
	default:
		return 0, i, false
	}
	// "ثلاثة عشر" = 13; "twenty one"; "3 آلاف", "three thousand", "مائة"
	for next < len(toks) && toks[next].kind == tWord {
		n := &toks[next]
		w := n.norm
		switch {
		case (w == "عشر" || w == "عشره") && val < 10:
			val += 10
		case w == "الاف" || w == "الف" || w == "thousand":
			val *= 1000
		case w == "hundred":
			val *= 100
		case val >= 20 && val < 100 && val%10 == 0 && !n.ar:
			v, ok := numberWords[w]
			if !ok || v >= 10 {
				return val, next, true
			}
			val += v
		default:
			return val, next, true
		}
		next++
	}
	return val, next, true
}

func wordNumber(t *token) (int, bool) {
	for _, c := range t.cands {
		if v, ok := numberWords[c]; ok {
			return v, true
		}
	}
	// "twenty-one" splits on the hyphen; "a" alone is not a number.
	return 0, false
}

// months maps folded month names of both Arabic families and English.
var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "ماي": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7,
	"اغسطس": 8, "غشت": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	"جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "اوت": 8,
	"نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9, "شباط": 2, "اذار": 3,
}

// Two-word month names of the Levantine family.
var twoWordMonths = map[string]time.Month{
	"كانون الثاني": 1, "كانون الاول": 12, "تشرين الاول": 10, "تشرين الثاني": 11,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"الاحد": 0, "الاثنين": 1, "الثلاثاء": 2, "الاربعاء": 3, "الخميس": 4, "الجمعه": 5, "السبت": 6,
}

// monthAt reads a month name at toks[i] and returns it with the index
// after it; "تشرين الأول/أكتوبر" reads as one month.
func monthAt(toks []token, i int) (time.Month, int, bool) {
	if i >= len(toks) || toks[i].kind != tWord {
		return 0, i, false
	}
	next := i + 1
	var m time.Month
	if i+1 < len(toks) {
		for _, c := range toks[i].cands {
			if mm, ok := twoWordMonths[c+" "+toks[i+1].norm]; ok {
				m, next = mm, i+2
				break
			}
		}
	}
	if m == 0 {
		for _, c := range toks[i].cands {
			if mm, ok := months[c]; ok {
				// "may", "mar", "اب" and "ماي" are too ambiguous alone in English/Arabic prose
				if (c == "may" || c == "mar" || c == "اب") && !toks[i].cap && !toks[i].ar {
					continue
				}
				if c == "اب" && !(next < len(toks) && toks[next].norm == "/") {
					continue
				}
				m = mm
				break
			}
		}
	}
	if m == 0 {
		return 0, i, false
	}
	// "/أكتوبر", "(أكتوبر)"
	if next+1 < len(toks) && (toks[next].norm == "/" || toks[next].norm == "(") {
		if _, n2, ok := monthAt(toks[:min(len(toks), next+3)], next+1); ok {
			next = n2
			if next < len(toks) && toks[next].norm == ")" {
				next++
			}
		}
	}
	return m, next, true
}

// resolveYear picks the year for a day and month without one: the latest
// not more than a day after the publication.
func resolveYear(pub time.Time, m time.Month, d int) time.Time {
	t := time.Date(pub.Year(), m, d, 0, 0, 0, 0, time.UTC)
	if t.After(pub.AddDate(0, 0, 1)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t
}

func dayOf(pub time.Time) time.Time {
	return time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
}

// dateIn finds the first date a sentence states, resolved against pub:
// an explicit day and month ("17 تشرين الأول/أكتوبر", "Oct. 17, 2023"),
// a weekday ("الاثنين", "on Monday"), or today/yesterday. It returns ""
// when the sentence states none or pub is unknown for a relative date.
func dateIn(toks []token, pub time.Time) string {
	for i := range toks {
		t := &toks[i]
		// day month [year]
		if t.kind == tNum && t.num >= 1 && t.num <= 31 {
			if m, next, ok := monthAt(toks, i+1); ok {
				if next < len(toks) && toks[next].kind == tNum && toks[next].num >= 1900 && toks[next].num <= 2100 {
					return time.Date(toks[next].num, m, t.num, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				}
				if !pub.IsZero() {
					return resolveYear(pub, m, t.num).Format(time.DateOnly)
				}
				continue
			}
		}
		// month day[, year]
		if m, next, ok := monthAt(toks, i); ok && !t.ar {
			if next < len(toks) && toks[next].norm == "." {
				next++
			}
			if next < len(toks) && toks[next].kind == tNum && toks[next].num >= 1 && toks[next].num <= 31 {
				d := toks[next].num
				k := next + 1
				if k < len(toks) && toks[k].norm == "," {
					k++
				}
				if k < len(toks) && toks[k].kind == tNum && toks[k].num >= 1900 && toks[k].num <= 2100 {
					return time.Date(toks[k].num, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
				}
				if !pub.IsZero() {
					return resolveYear(pub, m, d).Format(time.DateOnly)
				}
			}
		}
		if pub.IsZero() || t.kind != tWord {
			continue
		}
		for _, c := range t.cands {
			if wd, ok := weekdays[c]; ok {
				d := dayOf(pub)
				back := (int(d.Weekday()) - int(wd) + 7) % 7
				return d.AddDate(0, 0, -back).Format(time.DateOnly)
			}
		}
		// "اليوم الجمعة", "أمس السبت": the weekday says which day
		if i+1 < len(toks) && (t.norm == "اليوم" || t.norm == "امس" || t.norm == "yesterday" || t.norm == "today") {
			if wd, ok := weekdays[toks[i+1].norm]; ok {
				d := dayOf(pub)
				back := (int(d.Weekday()) - int(wd) + 7) % 7
				return d.AddDate(0, 0, -back).Format(time.DateOnly)
			}
		}
		switch t.norm {
		case "yesterday", "امس":
			if t.norm == "امس" && i+1 < len(toks) && (toks[i+1].norm == "الاول") {
				return dayOf(pub).AddDate(0, 0, -2).Format(time.DateOnly)
			}
			if t.norm == "امس" && i > 1 && toks[i-1].norm == "من" && toks[i-2].norm == "اول" {
				return dayOf(pub).AddDate(0, 0, -2).Format(time.DateOnly)
			}
			return dayOf(pub).AddDate(0, 0, -1).Format(time.DateOnly)
		case "today", "اليوم":
			if i+1 < len(toks) && (toks[i+1].norm == "نفسه" || toks[i+1].norm == "ذاته") {
				continue // "the same day" as the sentence before
			}
			return dayOf(pub).Format(time.DateOnly)
		}
	}
	return ""
}

// ordinalWords are ordinals from second on, English and Arabic (the Arabic
// without its article, masculine and feminine).
var ordinalWords = map[string]int{
	"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
	"seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
	"ثاني": 2, "ثانية": 2, "ثالث": 3, "ثالثة": 3, "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5, "سادس": 6, "سادسة": 6,
	"سابع": 7, "سابعة": 7, "ثامن": 8, "ثامنة": 8, "تاسع": 9, "تاسعة": 9, "عاشر": 10, "عاشرة": 10, "حادي": 1, "حادية": 1,
}

// arTens are the tens an Arabic compound ordinal ends with: "الخامس والعشرين".
var arTens = map[string]int{"عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "أربعين": 40, "أربعون": 40, "خمسين": 50, "خمسون": 50,
	"ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90}

// ordinalAt reads an ordinal at token i: "eighth", "35th", "الرابع",
// "الثامنة عشرة", "الخامس والعشرين", "الـ٣٥". It returns the value and the
// index after it.
func ordinalAt(toks []token, i int) (int, int, bool) {
	if i >= len(toks) || toks[i].kind != tWord {
		return 0, i, false
	}
	t := &toks[i]
	if !t.ar {
		if v, ok := ordinalWords[t.norm]; ok && v >= 2 {
			return v, i + 1, true
		}
		n := t.norm
		if len(n) > 2 && (strings.HasSuffix(n, "th") || strings.HasSuffix(n, "st") || strings.HasSuffix(n, "nd") || strings.HasSuffix(n, "rd")) {
			if v, err := strconv.Atoi(n[:len(n)-2]); err == nil && v >= 2 {
				return v, i + 1, true
			}
		}
		return 0, i, false
	}
	rest, ok := strings.CutPrefix(t.norm, "ال")
	if !ok {
		return 0, i, false
	}
	if v, err := strconv.Atoi(rest); err == nil {
		return v, i + 1, v >= 2 // "الـ٣٥"
	}
	v, ok := ordinalWords[rest]
	if !ok {
		return 0, i, false
	}
	next := i + 1
	if next < len(toks) && (toks[next].norm == "عشر" || toks[next].norm == fold("عشرة")) {
		v, next = v+10, next+1 // "الثامنة عشرة"
	} else if next < len(toks) {
		if r, ok := strings.CutPrefix(toks[next].norm, "وال"); ok {
			if tens, ok := arTens[r]; ok {
				v, next = v+tens, next+1 // "الخامس والعشرين"
			}
		}
	}
	return v, next, v >= 2
}
