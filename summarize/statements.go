package summarize

import (
	"strings"

	"github.com/claimwatch/claimwatch"
)

// Words that end the subject after an Arabic verb of saying.
var arSubjectStops = map[string]bool{
	"ان": true, "انه": true, "انها": true, "انهم": true, "بان": true, "بانه": true, "بانها": true, "في": true,
	"خلال": true, "عبر": true, "علي": true, "الذي": true, "التي": true, "عن": true, "نقلا": true, "امس": true,
	"اليوم": true, "مساء": true, "صباح": true, "ظهر": true, "ليل": true, "حتي": true, "الي": true, "منذ": true,
	"بعد": true, "قبل": true, "لوكاله": true, "لصحيفه": true, "لقناه": true, "لرويترز": true, "مقتل": true,
	"مسؤوليته": true, "مسؤوليتها": true, "مسؤوليه": true, "تنفيذ": true, "ما": true, "انتهاء": true, "وقوع": true,
	"هذا": true, "هذه": true, "استشهاد": true, "اصابه": true, "ضمن": true, "خلاله": true, "بيانا": true,
	"متحدثا": true, "اثر": true, "اليها": true, "لها": true, "له": true, "بدء": true, "بدايه": true,
}

// Pronouns: the speaker is someone already named.
var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true, "this": true, "which": true, "who": true}

// English words that may stand inside a speaker's name or role.
var enConnectors = map[string]bool{"of": true, "the": true, "for": true, "al": true, "bin": true, "ibn": true, "'s": true, "de": true, "el": true, "abu": true, "and": false}

var enRoleWords = map[string]bool{
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "minister": true, "official": true, "officials": true,
	"commander": true, "chief": true, "head": true, "president": true, "governor": true, "mayor": true, "director": true,
	"secretary": true, "general": true, "ambassador": true, "police": true, "army": true, "ministry": true, "military": true,
	"security": true, "state": true, "tv": true, "television": true, "radio": true, "agency": true, "department": true,
	"office": true, "inspector": true, "captain": true, "colonel": true, "officer": true, "senior": true, "deputy": true,
	"government": true, "witness": true, "resident": true, "lecturer": true, "vice": true, "chancellor": true,
	"prime": true, "foreign": true, "defence": true, "defense": true, "interior": true, "local": true, "lawmaker": true,
	"chairman": true, "group": true, "sources": true, "source": true, "statement": true, "media": true, "leader": true,
	"council": true, "committee": true, "command": true, "forces": true, "militia": true, "movement": true,
}

var enSkipBack = map[string]bool{"also": true, "later": true, "earlier": true, "has": true, "had": true, "have": true, "would": true, "further": true, "then": true, "previously": true, "separately": true, "on": false}

// statements finds who said what: a verb of saying with its subject. One
// statement per speaker; the news agency is never a speaker.
func (e *Extractor) statements(d *doc) []claimwatch.Statement {
	var out []claimwatch.Statement
	var seen []string
	for _, s := range d.sents {
		lastGroup := d.groupBefore(s.index)
		for _, r := range s.byCat["report"] {
			var st claimwatch.Statement
			var ok bool
			if s.toks[r.start].ar {
				st, ok = arStatement(s, r, lastGroup)
			} else {
				st, ok = enStatement(s, r)
			}
			if !ok {
				continue
			}
			key := fold(st.Speaker)
			dup := false
			for _, k := range seen {
				if k == key || containsWords(k, key) || containsWords(key, k) {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			seen = append(seen, key, fold(st.SpeakerText))
			st.Evidence = s.text
			out = append(out, st)
		}
	}
	return out
}

// containsWords reports whether b occurs in a as whole words.
func containsWords(a, b string) bool {
	if b == "" || a == "" {
		return false
	}
	a, b = " "+strings.Join(strings.Fields(a), " ")+" ", " "+strings.Join(strings.Fields(b), " ")+" "
	return strings.Contains(a, b)
}

func isAgency(s *sent, a, b int) bool {
	for _, en := range s.ents {
		if en.p.kind == "agency" && en.start >= a && en.start < b {
			return true
		}
	}
	for k := a; k < b; k++ {
		for _, c := range s.toks[k].cands {
			if c == "وكاله" || c == "شبكه" || c == "صحيفه" || c == "agency" {
				return true
			}
		}
	}
	return false
}

// entityName returns the canonical name when the span [a, b) is mostly one
// gazetteer group or state.
func entityName(s *sent, a, b int) string {
	for _, en := range s.ents {
		if en.start >= a && en.end <= b && (en.p.kind == "group" || en.p.kind == "state") && en.start-a <= 1 && b-en.end <= 2 {
			return en.p.val
		}
	}
	return ""
}

func arStatement(s *sent, r match, lastGroup string) (claimwatch.Statement, bool) {
	toks := s.toks
	i := r.end
	if i < len(toks) && toks[i].cands[len(toks[i].cands)-1] == "بيان" {
		i++
	}
	start := i
	end := i
	for end < len(toks) && end-start < 14 {
		t := &toks[end]
		if t.kind == tPunct {
			if t.norm == "(" || t.norm == ")" {
				end++
				continue
			}
			break
		}
		if arSubjectStops[t.norm] || s.covered("report", end) || s.covered("killed", end) || s.covered("attack", end) && end > start || s.covered("claim", end) {
			break
		}
		if _, ok := weekdays[t.norm]; ok {
			break
		}
		end++
	}
	for end > start && toks[end-1].kind == tPunct {
		end--
	}
	if end <= start {
		return claimwatch.Statement{}, false
	}
	first := &toks[start]
	generic := false
	for _, c := range first.cands {
		if s.covered("generic_speaker", start) || c == "مصدر" || c == "مصادر" {
			generic = true
		}
	}
	if generic && !strings.Contains(s.span(start, end), "يدعى") {
		return claimwatch.Statement{}, false
	}
	if isAgency(s, start, end) {
		return claimwatch.Statement{}, false
	}
	text := s.span(start, end)
	st := claimwatch.Statement{SpeakerText: text, Speaker: text}
	if name := entityName(s, start, end); name != "" {
		st.Speaker = name
	} else if s.covered("group_ref", start) && end-start <= 3 && lastGroup != "" {
		st.Speaker = lastGroup
	}
	st.Quote = quoteOf(s, end)
	return st, true
}

func enStatement(s *sent, r match) (claimwatch.Statement, bool) {
	toks := s.toks
	v := r.start
	verb := toks[v].norm
	if verb == "according" {
		if v+1 >= len(toks) || toks[v+1].norm != "to" {
			return claimwatch.Statement{}, false
		}
		a, b := npForward(s, v+2)
		return enSpeaker(s, a, b, v+2)
	}
	// backwards over adverbs and auxiliaries
	k := v - 1
	for k >= 0 && enSkipBack[toks[k].norm] {
		k--
	}
	if k >= 0 && pronouns[toks[k].norm] {
		return claimwatch.Statement{}, false
	}
	a, b := npBackward(s, k)
	if b > a {
		return enSpeaker(s, a, b, r.end)
	}
	// `"...," said Sanders`; `said witness Ahmed Nur`
	if k >= 0 && (toks[k].kind == tPunct) {
		a, b = npForward(s, r.end)
		if b > a {
			return enSpeaker(s, a, b, b)
		}
	}
	// "X ..., claimed responsibility and said", "..., saying"
	if k >= 0 && (toks[k].norm == "and" || verb == "saying") {
		a, b = npForward(s, 0)
		if b > a {
			return enSpeaker(s, a, b, r.end)
		}
	}
	return claimwatch.Statement{}, false
}

func isNPWord(t *token) bool {
	if t.kind != tWord {
		return false
	}
	return t.cap || enRoleWords[t.norm] || enConnectors[t.norm]
}

// npBackward collects the noun phrase that ends at token k: names, role
// words and connectors, and one appositive ("The mayor of Qaa, Bashir
// Matar, told").
func npBackward(s *sent, k int) (int, int) {
	toks := s.toks
	end := k + 1
	if k >= 0 && toks[k].norm == "," {
		k--
		end = k + 1
	}
	a := end
	for a > 0 && (isNPWord(&toks[a-1]) || toks[a-1].norm == "." && a > 1 && toks[a-2].upper || toks[a-1].norm == "-" && a > 1 && toks[a-2].kind == tWord) {
		a--
	}
	for a < end && (toks[a].norm == "the" || toks[a].norm == "of" || toks[a].norm == "for") {
		a++
	}
	if a >= end {
		return 0, 0
	}
	// appositive before: "NAME, ROLE," or "ROLE, NAME,"
	if a > 1 && toks[a-1].norm == "," {
		b2 := a - 1
		a2 := b2
		for a2 > 0 && isNPWord(&toks[a2-1]) {
			a2--
		}
		if a2 < b2 && (a2 == 0 || toks[a2-1].kind == tPunct) {
			return a2, end
		}
	}
	return a, end
}

func npForward(s *sent, k int) (int, int) {
	toks := s.toks
	b := k
	for b < len(toks) && (isNPWord(&toks[b]) || toks[b].norm == "." && b > k && toks[b-1].upper || toks[b].norm == "-" && b > k) {
		b++
	}
	for b > k && (toks[b-1].norm == "of" || toks[b-1].norm == "the" || toks[b-1].kind == tPunct) {
		b--
	}
	return k, b
}

// enSpeaker turns a noun phrase into a statement, or refuses it when it
// names nobody in particular.
func enSpeaker(s *sent, a, b, quoteFrom int) (claimwatch.Statement, bool) {
	toks := s.toks
	if b <= a {
		return claimwatch.Statement{}, false
	}
	if isAgency(s, a, b) {
		return claimwatch.Statement{}, false
	}
	specific := false
	for k := a; k < b; k++ {
		t := &toks[k]
		if t.kind != tWord || enConnectors[t.norm] {
			continue
		}
		if s.covered("generic_speaker", k) || enRoleWords[t.norm] && !t.cap {
			continue
		}
		if t.cap && k == 0 && (t.norm == "a" || t.norm == "the" || t.norm == "an") {
			continue
		}
		if k == 0 && !t.cap {
			continue
		}
		specific = true
	}
	if !specific {
		return claimwatch.Statement{}, false
	}
	text := s.span(a, b)
	st := claimwatch.Statement{SpeakerText: text, Speaker: text}
	if name := entityName(s, a, b); name != "" {
		st.Speaker = name
	} else {
		// the last run of capitalised words is the name; the rest is the role
		e := b
		for e > a && !(toks[e-1].cap && !enRoleWords[toks[e-1].norm]) {
			e--
		}
		st0 := e
		for st0 > a && (toks[st0-1].cap && !enRoleWords[toks[st0-1].norm] || toks[st0-1].norm == "al" || toks[st0-1].norm == "bin" || toks[st0-1].norm == "-") {
			st0--
		}
		if e > st0 && !(st0 == a && e == b) {
			st.Speaker = s.span(st0, e)
			role := strings.TrimSpace(strings.Trim(strings.Replace(text, st.Speaker, "", 1), " ,"))
			st.Role = role
		}
	}
	st.Quote = quoteOf(s, quoteFrom)
	return st, true
}

// quoteOf returns the quoted words of the sentence, or what follows from.
func quoteOf(s *sent, from int) string {
	t := s.text
	for _, pair := range [][2]string{{"“", "”"}, {"«", "»"}, {"\"", "\""}} {
		if i := strings.Index(t, pair[0]); i >= 0 {
			if j := strings.Index(t[i+len(pair[0]):], pair[1]); j > 0 {
				return strings.TrimSpace(t[i+len(pair[0]) : i+len(pair[0])+j])
			}
		}
	}
	if from < len(s.toks) {
		return strings.TrimSpace(t[s.toks[from].start:])
	}
	return ""
}
