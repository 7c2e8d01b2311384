package summarize

import (
	"slices"
	"strings"

	"github.com/claimwatch/claimwatch"
)

// tallies finds running counts of attacks: a number before a plural attack
// noun ("92 هجوماً", "five attacks"), told as a count against someone or
// since a date. Sentences holding one are marked: they sum up attacks and
// describe none of them.
func (e *Extractor) tallies(d *doc) []claimwatch.Tally {
	d.tallySent = map[int]bool{}
	var out []claimwatch.Tally
	prevDate := ""
	for _, s := range d.sents {
		date := dateIn(s.toks, d.pub)
		done := -1
		for _, c := range s.byCat["attack_count"] {
			if c.start == done {
				continue // "هجوماً" matched as "هجوما" and as "هجوم"
			}
			v, ok := countBefore(s, c.start)
			if !ok || v < 2 {
				continue
			}
			if prepositional(&s.toks[c.start]) {
				continue // "مقتل ثلاثة بغارة": three killed by a raid, not three raids
			}
			if n := s.toks[c.start].norm; !s.toks[c.start].ar && !strings.HasSuffix(n, "s") {
				continue // "12 in attack": an English tally counts a plural
			}
			since, hasSince := "", false
			for k := c.end; k < len(s.toks); k++ {
				if n := s.toks[k].norm; n == "منذ" || n == "since" {
					hasSince = true
					since = dateIn(s.toks[k+1:], d.pub)
					break
				}
			}
			against := false
			for k := c.end; k < len(s.toks) && k < c.end+3; k++ {
				switch s.toks[k].norm {
				case "ضد", "علي", "against", "on", "targeting", "targeted":
					against = true
				}
				if strings.HasPrefix(s.toks[k].norm, "استهدف") {
					against = true
				}
			}
			for _, a := range s.byCat["attack"] {
				if a.end <= c.start && c.start-a.end <= 2 && strings.HasPrefix(s.toks[a.start].cands[len(s.toks[a.start].cands)-1], "استهدف") {
					against = true
				}
			}
			if !(hasSince || against || v >= 10) {
				continue
			}
			if !hasSince {
				since = date
				if since == "" && (strings.Contains(s.text, "نفسه") || strings.Contains(strings.ToLower(s.text), "same day")) {
					since = prevDate
				}
			}
			end := c.end
			for end < len(s.toks) && end-c.start < 10 {
				t := &s.toks[end]
				if t.kind == tPunct && !dotInName(s.toks, end) || t.norm == "منذ" || t.norm == "since" || spanStops[t.norm] && t.norm != "on" {
					break
				}
				end++
			}
			d.tallySent[s.index] = true
			done = c.start
			out = append(out, claimwatch.Tally{
				Count:    v,
				Subject:  s.span(c.start, end),
				Since:    since,
				Source:   tallySource(s),
				Evidence: s.text,
			})
		}
		// "the sixth attack on the base since March", "هذه الغارة هي
		// الخامسة منذ مطلع العام": an ordinal counts the attacks so far
		if !d.tallySent[s.index] {
			if t, ok := ordinalTally(s, d); ok {
				d.tallySent[s.index] = true
				out = append(out, t)
			}
		}
		// "بلغ عدد السفن التي استهدفوها منذ ... ٦١ سفينة", "the number of
		// ships targeted since ... rose to 61": the count after the noun
		if !d.tallySent[s.index] {
			if t, ok := numberOfTally(s, d); ok {
				d.tallySent[s.index] = true
				out = append(out, t)
			}
		}
		// "have been attacked at least 151 times", "استهدفت ٤٠ مرة"
		for i := 1; i < len(s.toks); i++ {
			if n := s.toks[i].norm; n != "times" && n != "مره" && n != "مرات" {
				continue
			}
			v, next, ok := numberAt(s.toks, i-1)
			st := i - 1
			for st > 0 && !ok {
				st--
				v, next, ok = numberAt(s.toks, st)
				if ok && next != i {
					ok = false
				}
				if i-st > 2 {
					break
				}
			}
			if !ok || next != i {
				continue
			}
			hasSince := false
			for k := i; k < len(s.toks) && k < i+4; k++ {
				hasSince = hasSince || s.toks[k].norm == "منذ" || s.toks[k].norm == "since"
			}
			if v < 10 && !(v >= 2 && hasSince) {
				continue // "five times since the start of the month" counts; "twice" alone does not
			}
			back := st
			for back > 0 && s.covered("filler", back-1) {
				back-- // "at least 50 times", "أكثر من ٥٠ مرة"
			}
			verb := -1
			for k := back - 1; k >= 0 && k >= back-4; k-- {
				if s.covered("attack", k) && !s.covered("killed", k) {
					verb = k
					break
				}
			}
			if verb < 0 {
				continue
			}
			since := ""
			for k := i; k < len(s.toks); k++ {
				if n := s.toks[k].norm; n == "منذ" || n == "since" {
					since = dateIn(s.toks[k+1:], d.pub)
					break
				}
			}
			subj := verb
			for subj > 0 && subj > verb-6 && s.toks[subj-1].kind == tWord && !s.covered("report", subj-1) && s.toks[subj-1].norm != "that" && s.toks[subj-1].norm != "ان" {
				subj--
			}
			d.tallySent[s.index] = true
			out = append(out, claimwatch.Tally{Count: v, Subject: s.span(subj, i+1), Since: since, Source: tallySource(s), Evidence: s.text})
		}
		if date != "" {
			prevDate = date
		}
	}
	return out
}

// countBefore reads the number before an attack noun, over one adjective
// ("three suicide bombings") and "more than".
func countBefore(s *sent, at int) (int, bool) {
	maxBack := 3
	if s.toks[at].ar {
		maxBack = 1 // Arabic adjectives follow the noun
	}
	for back := 1; back <= maxBack && at-back >= 0; back++ {
		for width := 1; width <= 2 && at-back-width+1 >= 0; width++ {
			st := at - back - width + 1
			if v, next, ok := numberAt(s.toks, st); ok && next == at-back+1 {
				t := &s.toks[st]
				if t.kind == tNum && v >= 1900 && v <= 2100 && !strings.ContainsAny(t.text, ",٬") {
					return 0, false // a year
				}
				if t.ar && t.kind == tWord && strings.HasPrefix(t.norm, "ال") {
					return 0, false // an ordinal: "السبعين"
				}
				if back > 1 {
					// the words between must be adjectives: "three suicide bombings"
					for k := next; k < at; k++ {
						if s.toks[k].kind != tWord || s.covered("killed", k) || s.covered("injured", k) || spanStops[s.toks[k].norm] || spanTail[s.toks[k].norm] {
							return 0, false
						}
					}
				}
				return v, true
			}
		}
	}
	return 0, false
}

// tallySource is who the sentence credits: "وفق X", "according to X".
func tallySource(s *sent) string {
	for i, t := range s.toks {
		if t.norm == "وفق" || t.norm == "بحسب" || t.norm == "حسب" || t.norm == "according" && i+1 < len(s.toks) && s.toks[i+1].norm == "to" {
			st := i + 1
			if t.norm == "according" {
				st++
			}
			end := st
			for end < len(s.toks) && s.toks[end].kind != tPunct && end-st < 8 {
				end++
			}
			return s.span(st, end)
		}
	}
	return ""
}

// numberOfTally reads "بلغ عدد X التي استهدفوها ... N X", "the number of X
// attacked since ... reached N": a count of what was attacked, told after
// the noun.
func numberOfTally(s *sent, d *doc) (claimwatch.Tally, bool) {
	toks := s.toks
	for i := 0; i < len(toks); i++ {
		n := toks[i].norm
		if !(n == "عدد" || n == "number" && i+1 < len(toks) && toks[i+1].norm == "of") {
			continue
		}
		verb := -1
		for k := i + 1; k < len(toks) && k <= i+6; k++ {
			if s.covered("killed", k) || s.covered("injured", k) || s.covered("victim", k) {
				break // "عدد الذين قتلوا": a count of the dead, not of attacks
			}
			if s.covered("attack", k) {
				verb = k
				break
			}
		}
		if verb < 0 {
			continue
		}
		since := ""
		for k := verb + 1; k < len(toks) && k <= verb+16; k++ {
			if toks[k].norm == "منذ" || toks[k].norm == "since" {
				since = dateIn(toks[k+1:], d.pub)
				// skip the date: its day and year are no count
				for k+1 < len(toks) && (toks[k+1].kind == tNum && toks[k+1].num <= 31 || monthWord(toks, k+1) || toks[k+1].norm == "/") {
					k++
				}
				continue
			}
			v, next, ok := numberAt(toks, k)
			if !ok {
				continue
			}
			if toks[k].kind == tNum && v >= 1900 && v <= 2100 || v < 2 {
				k = next - 1
				continue
			}
			if _, _, isMonth := monthAt(toks, next); isMonth {
				k = next - 1
				continue
			}
			return claimwatch.Tally{Count: v, Subject: s.span(i+1, verb+1), Since: since, Source: tallySource(s), Evidence: s.text}, true
		}
	}
	return claimwatch.Tally{}, false
}

func monthWord(toks []token, i int) bool {
	_, _, ok := monthAt(toks, i)
	return ok
}

// singleAttacks are the nouns of one attack an ordinal counts.
var singleAttacks = map[string]bool{"هجوم": true, "ضربه": true, "غاره": true, "عمليه": true, "اعتداء": true, "استهداف": true,
	"attack": true, "strike": true, "raid": true, "bombing": true, "assault": true, "airstrike": true}

// ordinalTally reads "the eighth attack on X since May", "الهجوم الرابع
// على X منذ مطلع الشهر", "الضربة هي الـ١٢ ... منذ": an attack counted by
// its ordinal since a date. Without "since" an ordinal is no tally ("a
// second attack hit the town").
func ordinalTally(s *sent, d *doc) (claimwatch.Tally, bool) {
	toks := s.toks
	for i := range toks {
		noun := false
		for _, c := range toks[i].cands {
			noun = noun || singleAttacks[c]
		}
		if !noun {
			continue
		}
		v, after, ok := 0, i+1, false
		w, bare := 0, false
		if toks[i].ar && i > 0 {
			w, bare = ordinalWords[toks[i-1].norm] // "ثالث غارة": the ordinal without its article before the noun
		}
		if bare && w >= 2 {
			v, ok = w, true
		} else if toks[i].ar {
			k := i + 1
			if k < len(toks) && (toks[k].norm == "هي" || toks[k].norm == "هو") {
				k++
			}
			v, after, ok = ordinalAt(toks, k)
			if ok && after <= i+1 {
				ok = false
			}
		} else {
			if i >= 1 {
				v, _, ok = ordinalAt(toks, i-1)
			}
			if !ok && i >= 2 && toks[i-1].norm == "such" {
				v, _, ok = ordinalAt(toks, i-2)
			}
		}
		if !ok {
			continue
		}
		since, hasSince := "", false
		for k := after; k < len(toks) && k < after+14; k++ {
			if n := toks[k].norm; n == "منذ" || n == "since" {
				hasSince = true
				since = dateIn(toks[k+1:], d.pub)
				break
			}
			// "خلال حزيران", "this month": a count within a stated period
			if n := toks[k].norm; (n == "خلال" || n == "during") && k+1 < len(toks) && (monthWord(toks, k+1) || strings.HasSuffix(toks[k+1].norm, "شهر") || toks[k+1].norm == "الشهر" || toks[k+1].norm == "العام") {
				hasSince = true
				break
			}
		}
		if !hasSince {
			continue
		}
		end := after
		for end < len(toks) && end-i < 12 {
			t := &toks[end]
			if t.kind == tPunct && !dotInName(toks, end) || t.norm == "منذ" || t.norm == "since" {
				break
			}
			end++
		}
		return claimwatch.Tally{Count: v, Subject: s.span(i, end), Since: since, Source: tallySource(s), Evidence: s.text}, true
	}
	return claimwatch.Tally{}, false
}

// prepositional reports an Arabic noun written with an attached
// preposition: "بغارة" (by a raid), "لهجوم" (to an attack).
func prepositional(t *token) bool {
	if !t.ar {
		return false
	}
	for _, pre := range []string{"ب", "ل", "وب", "ول"} {
		if rest, ok := strings.CutPrefix(t.norm, pre); ok && slices.Contains(t.cands, rest) {
			return true
		}
	}
	return false
}
