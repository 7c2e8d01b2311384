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
	"من": true, "عدد": true, "قائلا": true, "قائله": true,
}

var arDeterminers = map[string]bool{"بها": true, "به": true, "بذلك": true, "معظم": true, "تلك": true, "هذه": true, "هذا": true, "جميع": true, "كل": true, "بعض": true}

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
	"health": true, "service": true, "counter": true, "terrorism": true, "civil": true, "emergency": true, "rescue": true,
	"monitor": true, "observatory": true, "region": true, "regional": true, "ambulance": true, "intelligence": true,
	"navy": true, "coast": true, "guard": true, "authority": true, "authorities": true, "press": true, "cell": true,
}

var enSkipBack = map[string]bool{"also": true, "later": true, "earlier": true, "has": true, "had": true, "have": true, "would": true, "further": true, "then": true, "previously": true, "separately": true, "on": false}

// statements finds who said what: a verb of saying with its subject. One
// statement per speaker; the news agency is never a speaker.
func (e *Extractor) statements(d *doc) []claimwatch.Statement {
	var out []claimwatch.Statement
	var seen []string
	var seenText []string
	var seenIdx []int // the statement of each seen key
	for _, s := range d.sents {
		lastGroup := d.groupBefore(s.index)
		for _, r := range s.byCat["report"] {
			var st claimwatch.Statement
			var ok bool
			if s.toks[r.start].ar {
				st, ok = arStatement(s, r, lastGroup)
			} else {
				st, ok = enStatement(s, r)
				if g, text := enGroupRef(s, r); g >= 0 && lastGroup != "" {
					// "The al Qaeda-linked group said ...": the group named before
					st, ok = claimwatch.Statement{Speaker: lastGroup, SpeakerText: text, Quote: quoteOf(s, r.end)}, true
				}
			}
			if !ok {
				continue
			}
			key := fold(st.Speaker)
			if !s.toks[r.start].ar {
				if f := strings.Fields(key); len(f) > 0 && (f[0] == "no" || f[0] == "nobody" || f[0] == "none" || f[0] == "neither") {
					continue // "No group claimed the attack": nobody speaks
				}
			}
			dup := false
			for i, k := range seen {
				if seenIdx[i] >= 0 && (strings.HasPrefix(key, k+"'s ") || strings.HasPrefix(key, k+"’s ")) {
					// "Niger says" in the headline, "Niger's defence ministry said": the body's is the speaker
					st.Evidence = s.text
					out[seenIdx[i]] = st
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			short := strings.TrimPrefix(key, "ال")
			for _, t := range seenText {
				// "القيادة المركزية (سنتكوم)": the abbreviation of a body named before
				if strings.Contains(d.text, t+" ("+st.SpeakerText+")") || strings.Contains(d.text, t+" («"+st.SpeakerText+"»)") {
					dup = true
				}
			}
			if short != key && !strings.Contains(short, " ") {
				for _, k := range seen {
					if containsWords(k, short) {
						dup = true // "الخلية" after "خلية الإعلام الأمني"
					}
				}
			}
			for _, k := range seen {
				// "Khan" after "Shabir Khan"; "Hillary Clinton" after "Clinton"
				if k == key || containsWords(k, key) || containsWords(key, k) && !strings.Contains(k, " ") {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			// "وفق ما أفادت الشرطة", then "قال المتحدث باسم الشرطة X": the
			// body spoke through the one named later
			for i := len(out) - 1; i >= 0; i-- {
				// (a common noun only: "الشرطة", "police"; not a named group)
				if p := out[i]; p.Speaker == p.SpeakerText && !strings.Contains(p.Speaker, " ") && p.Role == "" && st.Speaker != st.SpeakerText &&
					(strings.HasPrefix(p.Speaker, "ال") || p.Speaker == strings.ToLower(p.Speaker)) &&
					containsWords(fold(st.SpeakerText), fold(p.Speaker)) {
					out = append(out[:i], out[i+1:]...)
					for j := range seenIdx {
						switch {
						case seenIdx[j] == i:
							seenIdx[j] = -1 // its key still keeps repeats out
						case seenIdx[j] > i:
							seenIdx[j]--
						}
					}
				}
			}
			seen = append(seen, key, fold(st.SpeakerText))
			seenIdx = append(seenIdx, len(out), len(out))
			seenText = append(seenText, st.SpeakerText)
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
	for _, c := range s.toks[a].cands {
		if c == "وكاله" || c == "شبكه" || c == "صحيفه" || c == "agency" {
			return true
		}
	}
	return false
}

// entityName returns the canonical name when the span [a, b) is mostly one
// gazetteer group or state.
func entityName(s *sent, a, b int) string {
	for _, en := range s.ents {
		if en.end < b && strings.HasSuffix(strings.ToLower(s.toks[en.end-1].text), "'s") {
			continue // "Jordan's health ministry": the ministry speaks
		}
		if en.start >= a && en.end <= b && (en.p.kind == "group" || en.p.kind == "state") && (en.start-a <= 2 && b-en.end <= 2 || b-en.end == 0 && !s.toks[a].ar && headOnly(s, a, en.start)) {
			return en.p.val // "the Islamist group al-Mourabitoun"
		}
	}
	return ""
}

func arStatement(s *sent, r match, lastGroup string) (claimwatch.Statement, bool) {
	toks := s.toks
	// words of saying inside someone's words, or denied, are not a statement;
	// a new clause ("، فيما أكد ...") starts afresh
	from := 0
	for k := r.start - 1; k > 0; k-- {
		n := toks[k].norm
		if n == "فيما" || n == "بينما" || n == "وفيما" || (n == "،" || n == ",") && k+1 < r.start && (toks[k+1].norm == "فيما" || toks[k+1].norm == "بينما") {
			from = k
			break
		}
	}
	for k := from; k < r.start; k++ {
		switch toks[k].norm {
		case "ان", "انه", "انها", "بان", "بانه":
			return claimwatch.Statement{}, false
		}
	}
	if r.start > 0 {
		switch toks[r.start-1].norm {
		case "لم", "ولم", "لا", "ولا", "لن", "عدم":
			return claimwatch.Statement{}, false // "طالبا عدم ذكر اسمه": no saying
		}
	}
	if quoteDepth(s, r.start) > 0 {
		return claimwatch.Statement{}, false
	}
	// "يدعى كرار المؤيد": the name given
	for k := r.end; k < len(toks) && k < r.end+8; k++ {
		if n := toks[k].norm; n == "يدعي" || n == "يدعى" || n == "اسمه" {
			e := k + 1
			for e < len(toks) && e < k+4 && toks[e].kind == tWord && !arSubjectStops[toks[e].norm] && !s.covered("claim", e) && !s.covered("attack", e) {
				e++
			}
			if e > k+1 {
				text := s.span(k+1, e)
				return claimwatch.Statement{Speaker: text, SpeakerText: s.span(r.end, e), Quote: quoteOf(s, e)}, true
			}
		}
	}
	i := r.end
	if i < len(toks) && (contains(toks[i].cands, "بيان") || contains(toks[i].cands, "بيانا")) {
		i++
	}
	// "قال فيها المتحدث باسمها ...", "قال له": "in it", "to him" come
	// before the subject
	if i < len(toks) {
		switch toks[i].norm {
		case "فيها", "فيه", "له", "لها", "لهم":
			i++
		}
	}
	// "ما تسمى", "ما يعرف ب"
	if i+1 < len(toks) && toks[i].norm == "ما" && (strings.HasPrefix(toks[i+1].norm, "تسمي") || strings.HasPrefix(toks[i+1].norm, "يسمي") || strings.HasPrefix(toks[i+1].norm, "يعرف")) {
		i += 2
	}
	start, end := i, i
	// "وكانت قوات الدفاع الشعبي ... دانت": the subject before the verb
	if r.start >= 2 {
		for k := 0; k < 2; k++ {
			if c := toks[k].cands; toks[k].ar && (contains(c, "كانت") || contains(c, "كان")) {
				start, end = k+1, r.start
				break
			}
		}
	}
	// the object may come first: "تبنت الهجوم جماعة ...", "تبنت معظم تلك الهجمات ..."
	for start < len(toks) && end == start && (s.covered("attack", start) || s.covered("attack_count", start) || arDeterminers[toks[start].norm]) {
		start++
		end++
	}
	if end == start {
		for end < len(toks) && end-start < 14 {
			t := &toks[end]
			if t.kind == tPunct {
				if isQuote(t.norm) && end == start {
					// a quoted name closes soon; a quotation does not
					closer := closingQuote(t.norm)
					c := -1
					for k := start + 1; k < len(toks) && k < start+8; k++ {
						if toks[k].norm == closer {
							c = k
							break
						}
					}
					if c < 0 || !hasEntity(s, start+1, c) {
						return claimwatch.Statement{}, false
					}
					start++
					end = c
					break
				}
				if isQuote(t.norm) && t.norm != "(" && t.norm != ")" && end == start+1 && orgNouns[toks[start].norm] {
					// "شركة \"أمبري\"", "جماعة \"X\"": the quoted name is the speaker
					closer := closingQuote(t.norm)
					c := -1
					for k := end + 1; k < len(toks) && k <= end+5; k++ {
						if toks[k].norm == closer {
							c = k
							break
						}
					}
					if c > end+1 {
						start, end = end+1, c
						break
					}
				}
				if isQuote(t.norm) && t.norm != ")" && end > start && hasEntity(s, end+1, min(len(toks), end+3)) {
					end++ // "تنظيم \"داعش\"", "جماعة (أجناد مصر)"
					continue
				}
				if t.norm == "(" && end > start && hasEntity(s, end+1, min(len(toks), end+6)) {
					end++ // "جماعة (أجناد مصر)"
					continue
				}
				if t.norm == ")" && end > start {
					end++
					continue
				}
				break
			}
			if inEntity(s, end) && end > start && inEntity(s, end-1) {
				end++ // never cut a name: "المقاومة الإسلامية في العراق"
				continue
			}
			if arSubjectStops[t.norm] && !(end > start && (isNamePrefix(toks[end-1].norm) || s.covered("role", end-1) || toks[end-1].norm == "الركن")) || s.covered("affiliated", end) || s.covered("report", end) || s.covered("killed", end) || s.covered("attack", end) && end > start || s.covered("claim", end) {
				break
			}
			if _, ok := weekdays[t.norm]; ok {
				break
			}
			end++
		}
	}
	for end > start && toks[end-1].kind == tPunct {
		end--
	}
	// "مدير الدفاع المدني في المدينة أحمد العلي": a title, then where, then the name
	if end > start && end < len(toks) && toks[end].norm == "في" && s.covered("role", start) {
		if a, b := arName(s, start, end); b <= a {
			e := end + 1
			for e < len(toks) && e < end+9 && toks[e].kind == tWord && !s.covered("report", e) && !arSubjectStops[toks[e].norm] {
				e++
			}
			if a, b := arName(s, start, e); b > a && a > end {
				end = e
			}
		}
	}
	for k := start; k < end; k++ {
		if toks[k].norm == "الذي" || toks[k].norm == "التي" {
			end = k
		}
	}
	if s.covered("attribution", r.start) {
		// "اتهمت واشنطن كتائب حزب الله": the accuser, not the accused
		for _, en := range s.ents {
			if en.start == start && en.end < end {
				end = en.end
			}
		}
		// "اتهمت السلطات المحلية وحدات حماية الشعب": the accused ends the accuser
		for _, en := range s.ents {
			if en.p.kind == "group" && en.start > start && en.start < end {
				end = en.start
				break
			}
		}
	}
	if end <= start && r.start >= 3 && (toks[r.start-1].kind == tPunct || strings.HasPrefix(toks[r.start].norm, "و")) {
		// "وندد الرئيس حسن شيخ محمود بالهجوم، وقال": the subject of the verb that opens the sentence
		start, end = 1, 1
		for end < r.start && end-start < 10 {
			t := &toks[end]
			if t.kind == tPunct || arSubjectStops[t.norm] && !(end > start && isNamePrefix(toks[end-1].norm)) || s.covered("attack", end) || s.covered("report", end) ||
				end > start && (strings.HasPrefix(t.norm, "بال") || t.norm == "علي") {
				break
			}
			end++
		}
		if end-start < 1 || !(s.covered("role", start) || hasEntity(s, start, end)) {
			return claimwatch.Statement{}, false
		}
	}
	if end <= start {
		return claimwatch.Statement{}, false
	}
	text := s.span(start, end)
	generic := s.covered("generic_speaker", start) && (end-start <= 3 || contains(toks[start].cands, "مصدر") || contains(toks[start].cands, "مصادر"))
	if generic {
		return claimwatch.Statement{}, false
	}
	if isAgency(s, start, end) {
		// "نقلت وكالة الأنباء عن قائد الشرطة اللواء X قوله": the one quoted
		k := end
		for k < len(toks) && k < end+6 && toks[k].norm != "عن" {
			k++
		}
		if k >= len(toks) || toks[k].norm != "عن" {
			return claimwatch.Statement{}, false
		}
		start, end = k+1, k+1
		for end < len(toks) && end-start < 12 && toks[end].kind == tWord && !s.covered("report", end) && !strings.HasPrefix(toks[end].norm, "قول") && !(arSubjectStops[toks[end].norm] && !(end > start && isNamePrefix(toks[end-1].norm))) {
			end++
		}
		if end <= start || s.covered("generic_speaker", start) && end-start <= 3 {
			return claimwatch.Statement{}, false
		}
		text = s.span(start, end)
	}
	st := claimwatch.Statement{SpeakerText: text, Speaker: text}
	if a, b := arName(s, start, end); b > a && s.covered("role", start) && b > a && hasEntity(s, start, a) {
		// "المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي": the person, not the body
		st.Speaker = s.span(a, b)
		st.Role = strings.TrimSpace(strings.Trim(s.span(start, a)+" "+s.span(b, end), " ،,"))
	} else if name := entityName(s, start, end); name != "" {
		st.Speaker = name
	} else if s.covered("group_ref", start) && definite(s, start) && end-start <= 3 && lastGroup != "" {
		st.Speaker = lastGroup
	} else if a, b := arName(s, start, end); b > a {
		st.Speaker = s.span(a, b)
		st.Role = strings.TrimSpace(strings.Trim(s.span(start, a)+" "+s.span(b, end), " ،,"))
	}
	st.Quote = quoteOf(s, end)
	return st, true
}

// arName finds the person's name in a description that opens with a
// title: after the title come definite words, "باسم", names of bodies;
// the name is the first run of plain words, up to the next title.
func arName(s *sent, start, end int) (int, int) {
	if !s.covered("role", start) {
		return 0, 0
	}
	toks := s.toks
	k := start
	for k < end {
		t := &toks[k]
		// "المتحدث باسمها": on behalf of the body told before
		onBehalf := (t.norm == "باسم" || t.norm == "باسمها" || t.norm == "باسمه" || t.norm == "باسمهم") && k > start && (s.covered("role", k-1) || strings.HasSuffix(toks[k-1].norm, "متحدث") || strings.HasSuffix(toks[k-1].norm, "ناطق"))
		if s.covered("role", k) || inEntity(s, k) || coveredAny(s, k) || t.kind != tWord || onBehalf || t.norm == "بن" || t.norm == "في" || t.norm == "لدي" ||
			strings.HasPrefix(t.norm, "ال") || strings.HasPrefix(t.norm, "لل") || strings.HasPrefix(t.norm, "بال") || strings.HasPrefix(t.norm, "وال") {
			k++
			continue
		}
		break
	}
	if k >= end {
		return 0, 0
	}
	e := k + 1
	for e < end && toks[e].kind == tWord && (!s.covered("role", e) || isNamePrefix(toks[e-1].norm)) && !strings.HasPrefix(toks[e].norm, "لل") {
		e++ // "عبد الأمير الشمري"; not "للصحفيين"
	}
	// "قائد عمليات كركوك اللواء الركن صباح الجبوري": the name after the last title
	if e < end && s.covered("role", e) {
		if a, b := arName(s, e, end); b > a {
			return a, b
		}
	}
	return k, e
}

// isNamePrefix: after these a word like "علي" is a name, not "على".
func isNamePrefix(n string) bool {
	return n == "ابو" || n == "بن" || n == "ابن" || n == "عبد" || n == "ام"
}

func closingQuote(open string) string {
	switch open {
	case "«":
		return "»"
	case "“":
		return "”"
	case "(":
		return ")"
	}
	return open
}

func hasEntity(s *sent, a, b int) bool {
	for _, e := range s.ents {
		if e.start >= a && e.start < b {
			return true
		}
	}
	return false
}

// definite reports whether the word at i carries the article ("الحركة",
// "the group"): only then does it refer back to a group named before.
func definite(s *sent, i int) bool {
	t := &s.toks[i]
	if t.ar {
		for k, a := range t.art {
			if a && k < len(t.cands) {
				return true
			}
		}
		return false
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch s.toks[k].norm {
		case "the", "this", "that":
			return true // "the al-Qaida-linked group"
		case "a", "an", ",", ".":
			return false
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quoteDepth counts the quotations open before token i.
func quoteDepth(s *sent, i int) int {
	n := 0
	straight := 0
	for k := 0; k < i; k++ {
		switch s.toks[k].norm {
		case "«", "“":
			n++
		case "»", "”":
			if n > 0 {
				n--
			}
		case "\"":
			straight++
		}
	}
	return n + straight%2
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
	if verb == "called" {
		// "called the strikes a violation"; not "so-called", "was called", "called off", "called for"
		if v > 0 && (toks[v-1].norm == "so" || toks[v-1].norm == "was" || toks[v-1].norm == "were" || toks[v-1].norm == "is" || toks[v-1].norm == "be") ||
			v+1 < len(toks) && (toks[v+1].norm == "off" || toks[v+1].norm == "up" || toks[v+1].norm == "in" || toks[v+1].norm == "on") {
			return claimwatch.Statement{}, false
		}
	}
	// "The army confirmed it had killed Nasser, saying ...": the participle
	// after a comma speaks for the sentence's subject, not the noun before it
	if verb == "saying" && v > 0 && toks[v-1].norm == "," {
		if a, b := npForward(s, 0); b > a && !pronouns[toks[a].norm] {
			return enSpeaker(s, a, b, r.end)
		}
		return claimwatch.Statement{}, false
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
	pre := a - 1
	for pre >= 0 && (toks[pre].norm == "the" || toks[pre].norm == "a" || toks[pre].norm == "an" || toks[pre].norm == "nearby" || compassWords[toks[pre].norm]) {
		pre--
	}
	if b > a && (pre >= 0 && enPreps[toks[pre].norm] || isPlace(s, a, b)) {
		// "a lecturer in the English department, said": the subject leads the sentence
		a, b = npForward(s, 0)
		if b > a && b < len(toks) && toks[b].norm == "," {
			return enSpeaker(s, a, b, r.end)
		}
		return claimwatch.Statement{}, false
	}
	if b > a {
		if pre >= 0 && s.covered("report", pre) && toks[pre].norm != "according" {
			// "the agency said the crew had reported no damage": told by
			// the first speaker, not a statement of its own
			return claimwatch.Statement{}, false
		}
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

// compassWords qualify a place: "hospitals in northern Syria reported".
var compassWords = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true}

var enPreps = map[string]bool{"in": true, "at": true, "to": true, "from": true, "on": true, "with": true, "by": true, "into": true, "of": true, "near": true, "about": true}

func isNPWord(t *token) bool {
	if t.kind != tWord {
		return false
	}
	return t.cap || enRoleWords[t.norm] || enConnectors[t.norm]
}

// isPlace reports whether [a, b) is a place of the gazetteer.
func isPlace(s *sent, a, b int) bool {
	for _, e := range s.ents {
		if e.start == a && e.end == b && (e.p.kind == "place" || e.p.kind == "base" || e.p.kind == "sea") {
			return true
		}
	}
	return false
}

// dotInName reports whether the period at i belongs to a name: "U.S.",
// "Col. Anka".
func dotInName(toks []token, i int) bool {
	if toks[i].norm != "." || i == 0 {
		return false
	}
	p := &toks[i-1]
	return p.upper && runeLen(p.text) == 1 || abbrevs[p.norm]
}

// npBackward collects the noun phrase that ends at token k: names, role
// words and connectors, and one appositive ("The mayor of Qaa, Bashir
// Matar, told").
func npBackward(s *sent, k int) (int, int) {
	toks := s.toks
	if k > 2 && toks[k].norm == "," {
		// "X, an umbrella group of armed factions, said": the name before the appositive
		for j := k - 2; j > 0 && j >= k-14; j-- {
			if toks[j].norm != "," {
				continue
			}
			if n := toks[j+1].norm; n == "a" || n == "an" {
				if a, b := npBackward(s, j-1); b > a {
					return a, b
				}
			}
			break
		}
	}
	end := k + 1
	if k >= 0 && toks[k].norm == "," {
		k--
		end = k + 1
	}
	a := end
	for a > 0 && (isNPWord(&toks[a-1]) || dotInName(toks, a-1) || toks[a-1].norm == "-" && a > 1 && toks[a-2].kind == tWord ||
		toks[a-1].norm == "and" && a < end && (enRoleWords[toks[a].norm] || !toks[a].cap) && a > 1 && isNPWord(&toks[a-2])) {
		a--
	}
	// never cut a name of the gazetteer: "The Islamic Resistance in Iraq said"
	for _, e := range s.ents {
		if e.start < a && e.end > a && e.end <= end {
			a = e.start
		}
	}
	if a < s.dateline && end > s.dateline {
		a = s.dateline // "SANAA - Yemen's Houthi movement said": the dateline is no speaker
	}
	for a < end && (toks[a].norm == "the" || toks[a].norm == "of" || toks[a].norm == "for" || toks[a].norm == "-") {
		a++
	}
	if a >= end {
		return 0, 0
	}
	if a > 2 && (toks[a-1].norm == "a" || toks[a-1].norm == "an" || toks[a-1].norm == "the") && toks[a-2].norm == "," {
		a-- // "Karim Nasser, a spokesman for the ministry, wrote"
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
	for b < len(toks) && (isNPWord(&toks[b]) || dotInName(toks, b) || toks[b].norm == "-" && b > k) {
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
	if a+2 < b && toks[a+1].norm == "," && (strings.HasSuffix(toks[a].norm, "ly") || toks[a].norm == "meanwhile" || toks[a].norm == "however" || toks[a].norm == "later" || toks[a].norm == "earlier") {
		a += 2 // "Separately, U.S. Africa Command said"
	}
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
		// the longest run of capitalised words that are not a title or a
		// known body is the name (the first on a tie); the rest is the role
		bestA, bestB := 0, 0
		for k := a; k < b; {
			if !isNameTok(s, k) {
				k++
				continue
			}
			e := k
			for e < b && (isNameTok(s, e) || dotInName(toks, e) || (toks[e].norm == "al" || toks[e].norm == "bin" || toks[e].norm == "abu") && e+1 < b && isNameTok(s, e+1)) {
				e++
			}
			org := e < b && toks[e].kind == tWord && enRoleWords[toks[e].norm] && toks[e].cap // "National Emergency Management Agency"
			if !org && e-k > bestB-bestA {
				bestA, bestB = k, e
			}
			k = e
		}
		org := false
		comma := false
		for k := a; k < b; k++ {
			if toks[k].norm == "," {
				comma = true // "Mohammed Kanar, head of the ... Agency": a person and a title
			}
		}
		for k := a; k+1 < b && !comma; k++ {
			if (toks[k].norm == "for" || toks[k].norm == "of") && toks[k+1].cap && (k == a || toks[k-1].cap) {
				org = true // "Syrian Observatory for Human Rights": one body's name
			}
		}
		if bestB > bestA && !(bestA == a && bestB == b) && !org {
			st.Speaker = s.span(bestA, bestB)
			role := strings.TrimSpace(strings.Trim(s.span(a, bestA)+" "+s.span(bestB, b), " ,"))
			st.Role = role
		}
	}
	for _, det := range []string{"The ", "A ", "An "} {
		st.Speaker = strings.TrimPrefix(st.Speaker, det)
	}
	st.Quote = quoteOf(s, quoteFrom)
	return st, true
}

// headOnly reports whether the words before a name at the end of a noun
// phrase only describe it: no other name, no comma, no "of"/"for".
func headOnly(s *sent, a, b int) bool {
	for k := a; k < b; k++ {
		t := &s.toks[k]
		if t.kind == tPunct || isNameTok(s, k) || t.norm == "of" || t.norm == "for" {
			return false
		}
	}
	return true
}

// isNameTok reports a capitalised word of a person's name: not a title,
// not a determiner, not part of a gazetteer body or demonym.
func isNameTok(s *sent, k int) bool {
	t := &s.toks[k]
	if t.kind != tWord || !t.cap || enRoleWords[t.norm] || abbrevs[t.norm] || inEntity(s, k) {
		return false
	}
	switch t.norm {
	case "the", "a", "an", "mr", "mrs", "ms", "dr", "conservative", "labour", "republican", "democratic", "democrat", "special",
		"islamist", "islamic", "kurdish", "shi'ite", "shiite", "sunni", "christian", "jihadist", "militant", "human", "rights":
		return false
	}
	if k > 0 && (s.toks[k-1].norm == "for" || s.toks[k-1].norm == "of") {
		return false // "Observatory for Human Rights": a body's name
	}
	return true
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

// enGroupRef finds "the (al Qaeda-linked) group" right before an English
// verb of saying: a reference to the group the report named before. It
// returns the index of the group word and the words as written.
func enGroupRef(s *sent, r match) (int, string) {
	k := r.start - 1
	if k < 1 || !s.covered("group_ref", k) {
		return -1, ""
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		n := s.toks[j].norm
		if n == "the" {
			for _, en := range s.ents {
				if en.p.kind == "group" && en.start > j && en.end <= k && !patron(s, en) {
					return -1, "" // "the Houthi group": named here
				}
			}
			return k, s.span(j+1, k+1)
		}
		if s.toks[j].kind == tPunct && s.toks[j].norm != "-" || n == "a" || n == "an" {
			break
		}
	}
	return -1, ""
}

// orgNouns are Arabic nouns of an organisation whose name follows in
// quotes: "شركة \"أمبري\"".
var orgNouns = map[string]bool{"شركة": true, "شركه": true, "منظمة": true, "مجموعة": true, "جماعة": true, "وكالة": true, "هيئة": true, "موقع": true, "مؤسسة": true}
