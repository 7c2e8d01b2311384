package summarize

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
)

// mention is what one sentence says about one attack.
type mention struct {
	s           *sent
	weapons     map[string]bool
	tStart      int // target span [tStart, tEnd); tStart < 0 when none
	tEnd        int
	head        string // folded head noun of the target
	target      string // canonical target
	targetText  string
	places      []match // places, bases and seas named in the sentence
	actors      []match // groups (and states) that did it
	claim       bool
	attrib      bool
	plural      bool // the sentence sums up several attacks
	another     bool // "another", "a separate": a second event
	list        bool // the sentence lists several attacks on several targets: its toll is theirs together
	killed      []int
	injured     []int
	zeroKilled  bool
	zeroInjured bool
	date        string
	lo, hi      int  // the tokens about this attack
	weak        bool // the target is only people, or "the attack": it refers to an attack told before
	gunmen      bool // gunmen did it: gunfire when no weapon is named
}

var spanStops = map[string]bool{
	"الذي": true, "التي": true, "الذين": true, "اللذين": true, "اللتين": true, "حيث": true, "مما": true, "ما": true,
	"عندما": true, "بعد": true, "قبل": true, "منذ": true, "خلال": true, "اثناء": true, "حين": true, "لكن": true,
	"الا": true, "كما": true, "اسفر": true, "ادي": true, "واسفر": true, "امس": true, "اليوم": true, "وهو": true,
	"وهي": true, "عن": true, "اي": true, "ان": true, "انه": true, "بان": true, "يوم": true, "مساء": true, "صباح": true,
	"which": true, "that": true, "who": true, "when": true, "where": true, "killing": true, "wounding": true,
	"as": true, "after": true, "before": true, "during": true, "while": true, "and": true, "but": true,
	"with": true, "by": true, "yesterday": true, "today": true, "early": true, "late": true, "on": true,
	"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "said": true, "from": true,
	"reported": true, "being": true, "been": true,
}

// Words a target phrase never ends with.
var spanTail = map[string]bool{"about": true, "some": true, "around": true, "nearly": true, "roughly": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "north": true, "south": true, "east": true, "west": true,
	"شمال": true, "جنوب": true, "شرق": true, "غرب": true, "وسط": true, "شرقي": true, "غربي": true, "شمالي": true, "جنوبي": true, "في": true, "من": true, "الي": true, "علي": true, "قرب": true, "in": true, "of": true, "the": true, "at": true, "on": true, "near": true, "a": true, "an": true, "to": true}

var spanPunctOK = map[string]bool{"(": true, ")": true, "«": true, "»": true, "\"": true, "“": true, "”": true, "'": true}

var leftMods = map[string]bool{
	"security": true, "military": true, "police": true, "army": true, "government": true, "naval": true,
	"air": true, "border": true, "busy": true, "bustling": true, "crowded": true, "popular": true,
	"shi'ite": true, "sunni": true, "shiite": true, "christian": true, "coalition": true, "houthi-run": true,
	"commercial": true, "cargo": true, "merchant": true, "container": true, "bulk": true, "crude": true, "fuel": true, "chemical": true, "main": true, "outer": true, "diplomatic": true, "oil": true, "gas": true,
}

// targetSpan finds the target phrase: a base named in the gazetteer, or a
// target noun with what follows it (and, in English, the names before it).
func targetSpan(s *sent, cat string) (int, int, string) {
	heads := s.byCat[cat]
	if len(heads) == 0 {
		return -1, -1, ""
	}
	// heads of a speaker ("hospital sources said") are not targets
	var hs []match
	for _, h := range heads {
		speaker := false
		for _, r := range s.byCat["report"] {
			if r.start >= h.end && r.start-h.end <= 2 {
				speaker = true
			}
		}
		if s.covered("weapon", h.start) {
			speaker = true // "بشاحنة مفخخة", "truck bomb": the weapon, not the target
		}
		if motionTo(s, h.start) {
			speaker = true // "تواصل رحلتها إلى الميناء التالي", "heading to port": where it goes
		}
		if h.start > 0 && (s.toks[h.start-1].norm == "anti" || strings.HasPrefix(s.toks[h.start-1].norm, "مضاد")) {
			speaker = true // "anti-ship missile": what the weapon is for
		}
		for _, r := range append(append([]match{}, s.byCat["report"]...), s.byCat["attribution"]...) {
			if !s.toks[r.start].ar || h.start < r.end || s.covered("claim", r.start) {
				continue
			}
			if r.end == h.start {
				speaker = true // "أعلنت وزارة الداخلية", "حمّلت الوزارة": who speaks
			}
			// "قال اللواء ... المتحدث لوزارة الداخلية، إن ...": who speaks
			for k := r.end; k < len(s.toks) && k <= h.start+20; k++ {
				n := s.toks[k].norm
				if n == "ان" || n == "انه" || n == "انها" || n == "بان" || n == ":" {
					if h.start < k {
						speaker = true
					}
					break
				}
			}
		}
		for _, e := range s.ents {
			if h.start >= e.start && h.start < e.end && (e.p.kind == "group" || e.p.kind == "state" || e.p.kind == "agency") {
				speaker = true // "القاعدة" inside "تنظيم القاعدة": a name, not a base
			}
		}
		if h.end < len(s.toks) {
			if n := s.toks[h.end].norm; strings.Contains(n, "لكترون") || strings.Contains(n, "تواصل") || strings.Contains(n, "رسمي") || strings.Contains(n, "جهادي") || n == "فيسبوك" || n == "تويتر" {
				speaker = true // "موقعها الالكتروني": a website
			}
		}
		for k := h.start - 1; k >= 0 && k >= h.start-2; k-- {
			switch s.toks[k].norm {
			case "its", "their", "his", "her", "our":
				if k == 0 || enPreps[s.toks[k-1].norm] {
					speaker = true // "on its radio station": not what was hit
				}
			}
		}
		if !speaker {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		return -1, -1, ""
	}
	heads = hs
	// the first head after an attack word, else the first
	pick := heads[0]
	firstCue := len(s.toks)
	for _, c := range append(append([]match{}, s.byCat["attack"]...), s.byCat["weapon"]...) {
		if c.start < firstCue {
			firstCue = c.start
		}
	}
	for _, h := range heads {
		if h.start > firstCue {
			pick = h
			break
		}
	}
	// "their convoy was ambushed", "the convoy was first hit": the subject
	// of a passive attack verb is what was hit
	for _, h := range heads {
		if h.end > firstCue || s.toks[h.start].ar {
			break
		}
		passive := false
		for k := h.end; k < firstCue; k++ {
			switch s.toks[k].norm {
			case "was", "were", "had", "has", "been", "is", "are", "first", "later", "then", "reportedly":
				passive = passive || s.toks[k].norm == "was" || s.toks[k].norm == "were" || s.toks[k].norm == "been"
				continue
			}
			passive = false
			break
		}
		if passive {
			pick = h
			break
		}
	}
	start, end := pick.start, pick.end
	for end < len(s.toks) && end-start < 8 {
		t := &s.toks[end]
		if t.kind == tPunct && !spanPunctOK[t.norm] {
			break
		}
		if t.kind == tNum && !inEntity(s, end) {
			break
		}
		if spanStops[t.norm] {
			break
		}
		stop := false
		for _, cat := range []string{"killed", "injured", "attack", "weapon", "report", "claim"} {
			if _, ok := s.catAt(cat, end); ok {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		if t.ar && strings.HasPrefix(t.norm, "و") && end > pick.end {
			// "وإصابة", "وقتل": a new clause
			break
		}
		if _, ok := weekdays[t.norm]; ok {
			break
		}
		end++
	}
	for end > pick.end && (s.toks[end-1].kind == tPunct || spanTail[s.toks[end-1].norm] || s.covered("place_intro", end-1) && !inEntity(s, end-1) && end-2 >= pick.end && spanTail[s.toks[end-2].norm]) {
		end-- // "... في محافظة": the province is named after the span
	}
	// never cut a gazetteer name: "Ain al-Asad air base"
	for _, e := range s.ents {
		if e.start < start && e.end > start {
			start = e.start
		}
		if e.start < end && e.end > end {
			end = e.end
		}
	}
	if !s.toks[start].ar {
		for k := 0; k < 4 && start > 0; k++ {
			p := &s.toks[start-1]
			if p.kind == tWord && (p.cap && start-1 > 0 || leftMods[p.norm]) || p.norm == "'s" || p.norm == "." && start > 1 && s.toks[start-2].upper {
				start--
				continue
			}
			break
		}
	}
	return start, end, pick.p.val + foldHead(s, pick)
}

func foldHead(s *sent, m match) string {
	return m.form
}

// actorsOf returns the groups that did what the sentence tells: groups not
// inside the target span and not named as the enemy ("forces fighting
// Islamic State"); states only when they strike from the air or the
// sentence makes them the subject of an attack verb.
func actorsOf(s *sent, tStart, tEnd int, weapons map[string]bool) []match {
	var out []match
	for _, m := range s.ents {
		if m.p.kind != "group" && m.p.kind != "state" {
			continue
		}
		if tStart >= 0 && m.start >= tStart && m.start < tEnd || m.start < s.dateline {
			continue // in the target, or the dateline "DUBAI, United Arab Emirates"
		}
		opposed := false
		for _, o := range s.byCat["opposed"] {
			if o.end <= m.start && m.start-o.end <= 2 {
				opposed = true
			}
		}
		if opposed {
			continue
		}
		if patron(s, m) || owner(s, m) || possessiveOfGroup(s, m) {
			continue
		}
		if m.start > 0 && (s.toks[m.start-1].norm == "من" || s.toks[m.start-1].norm == "from") {
			continue // where it was fired from
		}
		if targetOf(s, m) {
			continue // "the latest attack on the Taliban government's employees"
		}
		if m.start > 1 && s.toks[m.start-1].norm == "by" {
			switch s.toks[m.start-2].norm {
			case "used", "operated", "run", "controlled", "held", "manned", "occupied", "owned":
				continue // "facilities used by Iran's Revolutionary Guards": the owner
			}
		}
		if !s.has("claim") && speakerAt(s, m) {
			continue // "قال الجيش الإسرائيلي إن ...": it speaks, it did not strike
		}
		victim := false
		for k := m.start - 1; k >= 0 && k >= m.start-2 && !s.toks[m.start].ar; k-- {
			if s.toks[k].kind == tPunct || enPreps[s.toks[k].norm] {
				break
			}
			if _, _, ok := numberAt(s.toks, k); ok || s.covered("killed", k) && k == m.start-1 {
				victim = true // "killed at least 20 Boko Haram insurgents"
			}
		}
		if victim {
			continue
		}
		if m.p.kind == "state" {
			// "شنت القوات الأميركية ضربة", "US forces struck": the subject
			// of an attack verb
			subject := s.toks[m.start].ar && m.start > 0 && arAttackVerb(&s.toks[m.start-1]) ||
				!s.toks[m.start].ar && m.end < len(s.toks) && s.covered("attack", m.end) && !s.covered("killed", m.end) && !s.covered("weapon", m.end)
			// "a U.S. drone strike": the state names the weapon it flew
			for _, w := range s.byCat["weapon"] {
				end := m.end
				if end < len(s.toks) && s.toks[end].norm == "." {
					end++ // "U.S." ends on its stop
				}
				if w.start == end && !s.toks[m.start].ar && (w.p.val == "drone" || w.p.val == "airstrike" || w.p.val == "missile") {
					subject = true
				}
			}
			if !(weapons["airstrike"] || weapons["shelling"] || weapons["missile"] || subject) {
				continue
			}
			if locative(s, m.start) {
				continue
			}
		}
		if dist(s, m) > 8 && !(s.has("claim") && m.start < 10) && !blamedAfter(s, m) {
			continue
		}
		out = append(out, m)
	}
	// "Israeli warplanes", "طائرات إسرائيلية": the state that flies them;
	// "Nigerian soldiers killed ...": the state whose troops did it
	for _, m := range s.ents {
		if m.p.kind != "demonym" || tStart >= 0 && m.start >= tStart && m.start < tEnd {
			continue
		}
		if !s.toks[m.start].ar && m.end < len(s.toks) && s.covered("victim", m.end) && m.end+1 < len(s.toks) && s.covered("attack", m.end+1) {
			out = append(out, match{start: m.start, end: m.end + 1, p: &payload{cat: "entity", kind: "state", val: m.p.country, country: m.p.country}})
			continue
		}
		// "شنت القوات الأميركية ضربة": the verb, then the forces and their demonym
		if s.toks[m.start].ar && m.start >= 2 && s.covered("victim", m.start-1) && s.covered("attack", m.start-2) && !s.covered("killed", m.start-2) {
			out = append(out, match{start: m.start - 1, end: m.end, p: &payload{cat: "entity", kind: "state", val: m.p.country, country: m.p.country}})
			continue
		}
		// "بقصف إسرائيلي", "an Israeli strike": the state whose attack it was
		// (indefinite only: "القصف التركي", "the Turkish strike" may point back to another attack)
		// (not in a headline, which may name one side's strike over another's attack)
		if !s.isHead && (s.toks[m.start].ar && m.start > 0 && attackNounOf(&s.toks[m.start-1]) && !slices.Contains(s.toks[m.start-1].art, true) ||
			!s.toks[m.start].ar && m.end < len(s.toks) && attackNounOf(&s.toks[m.end]) && (m.start == 0 || s.toks[m.start-1].norm != "the")) {
			out = append(out, match{start: m.start, end: m.end, p: &payload{cat: "entity", kind: "state", val: m.p.country, country: m.p.country}})
			continue
		}
		// "the Turkish Defence Ministry said warplanes struck", "أعلنت وزارة
		// الدفاع التركية أن طائراتها شنت غارات": the state's forces tell
		// their own strike from the air
		// (only from the air or by artillery, and only when no other state
		// is named: "the Iraqi military said a drone struck Erbil" tells an
		// attack on Iraq, "said Israeli jets struck" someone else's)
		if institutionOf(s, m) && s.has("report") && (weapons["airstrike"] || weapons["shelling"]) && !otherState(s, m) {
			out = append(out, match{start: m.start, end: m.end, p: &payload{cat: "entity", kind: "state", val: m.p.country, country: m.p.country}})
			continue
		}
		for _, w := range s.byCat["weapon"] {
			// "an Israeli drone struck a car", "مسيرة تركية": the state flies it
			if (w.p.val == "airstrike" || w.p.val == "shelling" || w.p.val == "missile" || w.p.val == "drone") && (w.start == m.end || w.end == m.start) {
				out = append(out, match{start: m.start, end: m.end, p: &payload{cat: "entity", kind: "state", val: m.p.country, country: m.p.country}})
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return dist(s, out[i]) < dist(s, out[j]) })
	return out
}

// patron reports whether the group is named as a patron, not the actor:
// "al-Qaida-linked group", "المرتبطة بتنظيم القاعدة", "linked to al-Qaeda".
func patron(s *sent, m match) bool {
	for _, a := range s.byCat["affiliated"] {
		if !s.toks[a.start].ar && a.start >= m.end && a.start-m.end <= 1 {
			return true
		}
		if m.start >= a.end && m.start-a.end <= 2 && (s.toks[a.start].ar || a.end < len(s.toks) && (s.toks[a.end].norm == "to" || s.toks[a.end].norm == "with")) {
			return true
		}
	}
	return false
}

// possessiveOfGroup reports "Yemen's Houthis": the country names where the
// group is from; the group is the actor.
func possessiveOfGroup(s *sent, m match) bool {
	if m.p.kind != "state" || !strings.HasSuffix(strings.ToLower(s.toks[m.end-1].text), "'s") {
		return false
	}
	for _, en := range s.ents {
		if en.start == m.end && en.p.kind == "group" {
			return true
		}
	}
	return false
}

// owner reports an Arabic group written with the possessive lam after a
// noun ("مخازن أسلحة للحوثيين"): what was struck belongs to it.
func owner(s *sent, m match) bool {
	t := s.toks[m.start]
	if !t.ar || m.start == 0 || s.toks[m.start-1].kind != tWord {
		return false
	}
	return strings.HasPrefix(t.text, "لل")
}

// sourcedElsewhere reports a sentence told on someone else's word: "وفق
// ما أعلن الدفاع المدني", "according to a monitor". A state's strike told
// so is attributed to it, not claimed, unless the source is that state.
func sourcedElsewhere(s *sent, state match) bool {
	for k := range s.toks {
		src := false
		for _, n := range s.toks[k].cands {
			// the forms without prefixes: "وبحسب" is "بحسب"
			src = src || n == "وفق" || n == "وفقا" || n == "بحسب" || n == "حسب" || n == "according" || n == "نقلت" || n == "نقلا" || n == "ذكرت" || n == "افادت"
		}
		if !src {
			continue
		}
		for _, en := range s.ents {
			if en.start > k && en.start-k <= 6 && (en.p.val == state.p.val || en.p.country != "" && en.p.country == state.p.country) {
				return false
			}
		}
		return true
	}
	// "..., health officials said": a verb of saying whose speaker is
	// not the state
	for _, r := range s.byCat["report"] {
		if s.covered("attribution", r.start) || s.covered("claim", r.start) || r.start < state.end {
			continue
		}
		if n := s.toks[r.start].norm; n != "said" && n != "says" && n != "reported" && n != "قال" && n != "قالت" && n != "افاد" && n != "افادت" && n != "ذكرت" && n != "ذكر" {
			continue
		}
		same := false
		for _, en := range s.ents {
			d := en.start - r.end
			if d < 0 {
				d = r.start - en.end
			}
			if d >= 0 && d <= 4 && (en.p.val == state.p.val || en.p.country != "" && en.p.country == state.p.country) {
				same = true
			}
		}
		other := false
		for _, en := range s.ents {
			d := en.start - r.end
			if d < 0 {
				d = r.start - en.end
			}
			if en.end <= r.start && punctBetween(s, en.end, r.start) {
				continue // "struck camps in Iraq, the ministry said": the place, not the speaker
			}
			if d >= 0 && d <= 4 && en.p.country != "" && en.p.country != state.p.country && (en.p.kind == "state" || en.p.kind == "demonym") {
				other = true // "the Lebanese army said"
			}
		}
		if other && !same {
			return true
		}
		// "شنت القوات الأميركية ضربة ... قالت إنه": a verb with no subject
		// of its own after it speaks for the sentence's subject
		if s.toks[r.start].ar && !other && r.end < len(s.toks) {
			switch s.toks[r.end].norm {
			case "انه", "انها", "انهم", "ان":
				same = true
			}
		}
		// "army spokesman X said", "قال الجيش": the state's own forces speak
		for k := r.start - 1; k >= 0 && k >= r.start-5 && !same; k-- {
			switch s.toks[k].norm {
			case "army", "military", "defence", "defense", "الجيش", "الدفاع":
				same = true
			}
		}
		for k := r.end; k < len(s.toks) && k < r.end+3 && !same; k++ {
			switch s.toks[k].norm {
			case "army", "military", "الجيش", "الدفاع":
				same = true
			}
		}
		if !same {
			return true
		}
	}
	return false
}

// speakerAt reports whether a verb of saying stands right before or after
// the entity.
func speakerAt(s *sent, m match) bool {
	for _, r := range s.byCat["report"] {
		if s.covered("attribution", r.start) || s.covered("claim", r.start) {
			continue // "blamed Islamic State": the one blamed
		}
		if r.end == m.start || r.end+1 == m.start && s.toks[m.start-1].kind == tPunct || m.end == r.start {
			return true
		}
	}
	return false
}

// dist is how far an entity stands from the nearest word of attack,
// weapon or claim; plural attack nouns ("the attacks") do not count.
func dist(s *sent, m match) int {
	best := 1 << 30
	for _, cat := range []string{"attack", "weapon", "claim"} {
		for _, c := range s.byCat[cat] {
			if isPluralAttack(s.toks[c.start].norm) {
				continue
			}
			d := c.start - m.end
			if d < 0 {
				d = m.start - c.end
			}
			if d < 0 {
				d = 0
			}
			if d < best {
				best = d
			}
		}
	}
	return best
}

// blamedAfter reports an entity named after a word of blame: "نسبت
// الهجوم إلى ... حزب العمال الكردستاني", "blamed the attack on ...".
func blamedAfter(s *sent, m match) bool {
	for _, a := range s.byCat["attribution"] {
		if a.end <= m.start {
			return true
		}
	}
	return false
}

func isPluralAttack(n string) bool {
	return n == "attacks" || n == "bombings" || n == "strikes" || strings.HasSuffix(n, "هجمات") || strings.HasSuffix(n, "اعتداءات") || strings.HasSuffix(n, "عمليات")
}

func (e *Extractor) mentionOf(d *doc, s *sent) *mention {
	m := &mention{s: s, weapons: map[string]bool{}, tStart: -1, tEnd: -1}
	m.tStart, m.tEnd, m.head = targetSpan(s, "target")
	// "raid on Dalori", "invaded Dalori": the place right after the verb
	if a, b := unknownPlace(s); a > 1 && (s.covered("attack", a-1) || s.covered("attack", a-2) && !s.toks[a-1].ar) && (m.tStart < 0 || a < m.tStart) {
		m.tStart, m.tEnd, m.head = a, b, ""
	}
	// "... ردا على الهجوم الانتحاري": the cause is another event
	lo, hi := 0, len(s.toks)
	if rs := s.byCat["response"]; len(rs) > 0 {
		r := rs[0]
		if m.tStart >= 0 && m.tStart >= r.end {
			lo = r.end
			for lo < len(s.toks) && (s.covered("attack", lo) || s.covered("weapon", lo)) {
				if lo > r.end && (arAttackVerb(&s.toks[lo]) || strings.HasPrefix(s.toks[lo].norm, "استهدف")) {
					lo = r.end // "بعد ساعات من قصف بقذائف الهاون استهدف مجمع السفارة": the event after is told in full
					break
				}
				lo++ // "قبل ساعات من الغارة": the other event's noun
			}
			// "... على الهجوم الذي أوقع 32 قتيلا في سروج تبنت ...": its clause too
			if lo < len(s.toks) && (s.toks[lo].norm == "الذي" || s.toks[lo].norm == "التي" || s.toks[lo].norm == "which" || s.toks[lo].norm == "that") {
				k := lo + 1
				for k < len(s.toks) && !s.covered("claim", k) && !s.covered("report", k) && !(s.toks[k].kind == tPunct && !isQuote(s.toks[k].norm)) {
					k++
				}
				if k <= m.tStart {
					lo = k
				}
			}
		} else {
			hi = r.start
		}
	}
	m.lo, m.hi = lo, hi
	for _, at := range s.byCat["attacker"] {
		// "هاجم مسلحون", "هجوم لمسلحين", "مسلحو التنظيم": armed men did it
		if t := s.toks[at.start]; t.ar && at.start >= lo && at.start < hi && (contains(t.cands, "مسلحون") || strings.HasPrefix(t.norm, "لمسلح") || t.norm == "مسلحو") {
			m.gunmen = true
		}
	}
	for _, at := range s.byCat["attacker"] {
		// "militants killed nine farmers", "insurgents ambushed a patrol":
		// armed men the subject of the killing, gunfire unless a weapon is named
		if t := s.toks[at.start]; t.ar || at.start < lo || at.start >= hi || strings.HasPrefix(t.norm, "bomber") || at.end >= len(s.toks) {
			continue
		}
		switch s.toks[at.end].norm {
		case "killed", "shot", "ambushed", "raided", "attacked", "kidnapped", "abducted":
			m.gunmen = true
		}
	}
	for _, w := range s.byCat["weapon"] {
		if w.start < lo || w.start >= hi {
			continue
		}
		if w.p.val == "gunfire" && w.end < len(s.toks) && s.covered("victim", w.end) {
			continue // "برصاص قوات الأمن": the defenders' fire
		}
		if w.p.val == "gunfire" && w.end < len(s.toks) && s.toks[w.end].norm == "down" {
			continue // "the drone was shot down": no attack by gunfire
		}
		if storedWeapon(s, w) {
			continue // "مخازن صواريخ", "missile depots": what was hit, not what hit
		}
		if w.p.val == "airstrike" && raidByDrone(s, w) {
			continue // "بغارة نفذتها طائرة مسيرة", "a strike by a drone": the drone's
		}
		if w.p.val == "airstrike" && supportOf(s, w) {
			continue // "صدت الهجوم بمساندة سلاح الجو": the defenders' air support
		}
		if w.p.val == "shelling" && shellingVerb(s, w) && clauseHas(s, lo, hi, "mortar", "rocket", "missile") {
			continue // "shelling the base with mortars": mortars, not artillery
		}
		if (w.p.val == "suicide" || w.p.val == "car_bomb") && droneNext(s, w) {
			continue // "مسيرة انتحارية", "مسيرة مفخخة", "suicide drone": a drone
		}
		if w.p.val == "other" && w.start > 0 && s.toks[w.start-1].norm == "propelled" {
			continue // "rocket-propelled grenade": a rocket
		}
		if w.p.val == "gunfire" && s.covered("attacker", w.start) && s.toks[w.start].ar {
			m.gunmen = true // "gunmen": gunfire unless a weapon is named
			continue
		}
		m.weapons[w.p.val] = true
	}
	for _, en := range s.ents {
		if en.start < s.dateline || en.start < lo || en.start >= hi || borderOf(s, en.start) || clockOf(s, en) || inSpeaker(s, en.start) {
			continue
		}
		switch en.p.kind {
		case "place", "base", "sea":
			m.places = append(m.places, en)
		}
	}
	if m.tStart < 0 {
		// "U.S. forces at Rumalyn came under mortar fire", "تعرضت دورية لهجوم":
		// the subject of "came under" is what was hit
		for _, c := range s.byCat["attack"] {
			n := s.toks[c.start].norm
			if !(n == "came" || n == "come" || n == "comes" || strings.HasPrefix(n, "تعرض")) || c.start < lo || c.start >= hi {
				continue
			}
			a, b := c.start, c.start
			if s.toks[c.start].ar {
				a, b = c.end, c.end // the Arabic verb comes first
				for b < len(s.toks) && b < a+8 && s.toks[b].kind == tWord && !s.covered("attack", b) && !s.covered("weapon", b) && !strings.HasPrefix(s.toks[b].norm, "ل") {
					b++
				}
			} else {
				for a > s.dateline && s.toks[a-1].kind == tWord && c.start-a < 10 {
					a--
				}
				for a < b && (s.toks[a].norm == "the" || s.toks[a].norm == "on" || s.toks[a].norm == "a") {
					a++
				}
			}
			if b > a {
				m.tStart, m.tEnd = a, b
				break
			}
		}
	}
	if m.tStart < 0 && len(m.places) == 0 {
		m.tStart, m.tEnd, _ = targetSpan(s, "victim")
		m.weak = m.tStart >= 0
		// "عناصر داعش زرعوا العبوة": the group's men are the subject, not victims
		if m.weak && m.tEnd < len(s.toks) && s.covered("attack", m.tEnd) && !s.covered("killed", m.tEnd) {
			for _, en := range s.ents {
				if en.p.kind == "group" && en.start >= m.tStart && en.start < m.tEnd {
					m.tStart, m.tEnd, m.weak = -1, -1, false
					break
				}
			}
		}
	}
	if len(m.places) == 0 && !m.weak && definiteRef(s, m.tStart) {
		m.weak = true
	}
	if m.tStart >= 0 && quoteDepth(s, m.tStart) > 0 && len(m.places) == 0 {
		m.weak = true // a target in the claimant's own words: "the crusaders' headquarters"
	}
	if m.tStart >= 0 {
		m.targetText = s.span(m.tStart, m.tEnd)
		m.target = m.targetText
		base := false
		for _, en := range m.places {
			if en.start >= m.tStart && en.start < m.tEnd && en.p.kind == "base" {
				m.target = en.p.val
				base = true
			}
		}
		if !base {
			if c := targetClass(s, m.tStart, m.tEnd); c != "" {
				m.target = c
			}
		}
	} else {
		if a, b := unknownPlace(s); a >= 0 && a > 0 && s.covered("attack", a-1) {
			m.targetText = s.span(a, b) // "invaded Dalori"
			m.target = m.targetText
		}
		places := m.places
		for i, en := range places {
			for _, o := range places {
				if en.p.within != "" && en.p.within == o.p.val && i > 0 {
					// "Baghdad's Green Zone": the place inside the other is the target
					places = append([]match{en}, append(append([]match{}, places[:i]...), places[i+1:]...)...)
				}
			}
		}
		for _, en := range places {
			if m.targetText != "" && en.p.kind != "base" {
				break
			}
			if en.p.kind == "base" || m.target == "" {
				m.target = en.p.val
				m.targetText = s.span(en.start, en.end)
				if en.p.kind == "base" {
					break
				}
			}
		}
		if m.target == "" {
			if a, b := unknownPlace(s); a >= 0 {
				m.targetText = s.span(a, b)
				m.target = m.targetText
			}
		}
	}
	m.actors = actorsOf(s, m.tStart, m.tEnd, m.weapons)
	var in []match
	for _, a := range m.actors {
		if a.start >= lo && a.start < hi {
			in = append(in, a)
		}
	}
	m.actors = in
	if len(m.actors) == 0 && s.has("attribution") {
		if x, ok := backedGroup(s); ok {
			m.actors = append(m.actors, x) // "suspected Iran-backed militias"
		}
	}
	if len(m.actors) == 0 && (s.has("claim") || s.has("attack")) {
		// "تبنت الحركة", "the group claimed": the group named before
		for _, g := range s.byCat["group_ref"] {
			if !definite(s, g.start) {
				continue // "جماعة سلفية": a group not named before
			}
			name := d.groupBefore(s.index)
			for _, en := range s.ents {
				// "blamed Islamic State cells for the attack, a day after the group's fighters ...":
				// the group named just before in the same sentence
				if en.p.kind == "group" && en.end <= g.start && !patron(s, en) {
					name = en.p.val
				}
			}
			if name != "" && !(g.start >= m.tStart && g.start < m.tEnd) {
				m.actors = append(m.actors, match{start: g.start, end: g.end, p: &payload{cat: "entity", kind: "group", val: name}})
				break
			}
		}
	}
	if len(m.actors) == 0 && s.has("claim") {
		if x, ok := quotedGroup(s, lo, hi); ok {
			m.actors = append(m.actors, x) // "تبنت جماعة «...» الهجوم": a group the gazetteer lacks
		}
	}
	for _, c := range s.byCat["claim"] {
		neg := false
		for _, n := range s.byCat["negation"] {
			if n.end <= c.start && c.start-n.end <= 3 {
				neg = true
			}
			if n.end <= c.start && c.start-n.end <= 8 && !punctBetween(s, n.end, c.start) {
				neg = true // "ولم تعلن أي جهة على الفور مسؤوليتها"
			}
			if n.end < c.start && c.start-n.end <= 20 && n.end < len(s.toks) && announceVerb(&s.toks[n.end]) {
				neg = true // "ولم يعلن الحزب، المصنف ...، مسؤوليته": the negated verb governs the claim
			}
		}
		for _, a := range s.byCat["attribution"] {
			if a.end <= c.start && (c.start-a.end <= 3 || c.start-a.end <= 8 && !punctBetween(s, a.end, c.start)) {
				neg = true // "حمّلت الوزارة تنظيم داعش مسؤولية التفجير": blame, not a claim
				m.attrib = true
			}
		}
		if !neg {
			m.claim = true
		}
	}
	if s.has("attribution") {
		m.attrib = true
	}
	// "وقالت الخلية إن عصابات داعش زرعت العبوة", "police said militants of X
	// planted the bomb": a third party tells who did it
	if !m.claim && !m.attrib && len(m.actors) > 0 && m.actors[0].p.kind == "group" {
		a := m.actors[0]
		for k := a.start - 1; k >= 0 && k >= a.start-3; k-- {
			if n := s.toks[k].norm; n == "ان" || n == "بان" || n == "that" {
				for _, r := range s.byCat["report"] {
					if r.end <= k && !s.covered("claim", r.start) && !(r.end == a.start) {
						m.attrib = true
					}
				}
				break
			}
		}
	}
	// "Houthi spokesman Yahya Saree said the group's forces had targeted
	// the ship", "أعلن حزب الله استهداف موقع ...": a group or a state
	// telling of its own attack claims it
	if !m.claim {
		for _, r := range s.byCat["report"] {
			if s.covered("attribution", r.start) {
				continue
			}
			cands := s.ents
			for _, g := range s.byCat["group_ref"] {
				if name := d.groupBefore(s.index); name != "" && definite(s, g.start) {
					cands = append(append([]match{}, cands...), match{start: g.start, end: g.end, p: &payload{cat: "entity", kind: "group", val: name}})
				}
			}
			for _, en := range cands {
				if en.p.kind != "group" && en.p.kind != "state" || patron(s, en) || possessiveOfGroup(s, en) {
					continue
				}
				ar := s.toks[r.start].ar
				before := !ar && en.end <= r.start && (r.start-en.end <= 4 ||
					r.start-en.end <= 14 && s.toks[en.end].norm == "," && s.toks[r.start-1].norm == ",") // "X, a coalition of ..., said"
				after := ar && en.start >= r.end && (en.start-r.end <= 1 || en.start-r.end <= 3 && s.covered("role", r.end))
				if !before && !after {
					continue
				}
				if selfAttack(s, r, en) {
					m.claim = true
					m.actors = append([]match{en}, m.actors...)
					break
				}
			}
			if m.claim {
				break
			}
		}
	}
	for _, an := range s.byCat["another"] {
		if an.start < lo || an.start >= hi {
			continue // "in response to strikes last week": the other event's time
		}
		// "انفجار آخر", "another bomb"; not "ضابط آخر"
		for _, cat := range []string{"attack", "weapon"} {
			for _, c := range s.byCat[cat] {
				if an.start-c.end >= 0 && an.start-c.end <= 1 || c.start-an.end >= 0 && c.start-an.end <= 2 {
					m.another = true
				}
			}
		}
		for k := an.start; k < an.end; k++ {
			if n := s.toks[k].norm; n == "earlier" || n == "last" || strings.Contains(n, "سابق") || strings.Contains(n, "ماضي") {
				m.another = true // "last week", "في وقت سابق"
			}
		}
	}
	m.killed, m.injured, m.zeroKilled, m.zeroInjured = casualties(s, lo, hi)
	m.list = listsAttacks(s, lo, hi)
	m.date = dateIn(s.toks, d.pub)
	// "قاعدتين", "two bases", "five attacks": a summary of several
	for _, tp := range s.byCat["target_plural"] {
		if m.tStart < 0 || tp.start < m.tStart {
			m.plural = true
		}
	}
	for _, c := range s.byCat["attack_count"] {
		if prepositional(&s.toks[c.start]) {
			continue // "قتل ثلاثة مدنيين بغارة": three killed by one raid
		}
		if c.start > 0 {
			if v, next, ok := numberAt(s.toks, c.start-1); ok && next == c.start && v >= 2 {
				m.plural = true
			}
			if c.start > 1 {
				if v, next, ok := numberAt(s.toks, c.start-2); ok && next == c.start-1 && v >= 2 {
					m.plural = true // "three suicide bombings"
				}
			}
		}
	}
	return m
}

// punctBetween reports a comma, stop or "but" between tokens a and b.
func punctBetween(s *sent, a, b int) bool {
	for k := a; k < b && k < len(s.toks); k++ {
		t := s.toks[k]
		if t.kind == tPunct && !isQuote(t.norm) || t.norm == "but" || t.norm == "لكن" || t.norm == "though" {
			return true
		}
	}
	return false
}

func inDemonym(s *sent, k int) bool {
	for _, e := range s.ents {
		if (e.p.kind == "demonym" || e.p.kind == "state") && k >= e.start && k < e.end {
			return true
		}
	}
	return false
}

// motionTo reports a head that is where something travels to: "رحلتها
// إلى الميناء", "sailing to the port of".
func motionTo(s *sent, h int) bool {
	k := h - 1
	for k >= 0 && (s.toks[k].norm == "the" || s.toks[k].norm == "its" || s.toks[k].norm == "a") {
		k--
	}
	if k < 0 || !(s.toks[k].norm == "الي" || s.toks[k].norm == "to" || s.toks[k].norm == "towards" || s.toks[k].norm == "for") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		n := s.toks[j].norm
		if strings.HasPrefix(n, "رحلت") || strings.HasPrefix(n, "طريق") || strings.HasPrefix(n, "متجه") || strings.HasPrefix(n, "وجهت") || strings.HasPrefix(n, "ابحار") ||
			n == "heading" || n == "headed" || n == "bound" || n == "sailing" || n == "voyage" || n == "journey" || n == "route" || n == "continued" || n == "continuing" {
			return true
		}
	}
	return false
}

// targetClass names the class of a generic target span ("سفينة تجارية",
// "commercial vessel": "merchant ship"), with the place the span names
// for targets on land ("checkpoint in Dhiban"). It is "" when the span
// opens with no class word or names a ship, person or group.
func targetClass(s *sent, a, b int) string {
	var class match
	found := false
	for _, c := range s.byCat["target_class"] {
		if c.start >= a && c.start < b && c.start-a <= 2 {
			if !found || c.end-c.start > class.end-class.start && c.start <= class.start+1 {
				class, found = c, true
			}
		}
	}
	if !found {
		return ""
	}
	for k := a; k < class.start; k++ {
		if s.toks[k].cap && k > 0 && !leftMods[s.toks[k].norm] && !inDemonym(s, k) {
			return "" // "Ocean Liberty cargo ship": a named one
		}
	}
	name := class.p.val
	for _, en := range s.ents {
		if en.start < a || en.start >= b {
			continue
		}
		switch en.p.kind {
		case "group":
			if en.start >= class.end {
				return "" // "a Houthi radar site", "مواقع للحوثيين": not generic
			}
		case "place":
			if !strings.HasSuffix(name, "ship") && name != "oil tanker" && name != "warship" {
				return name + " in " + en.p.val
			}
		}
	}
	if strings.HasSuffix(name, "ship") || name == "oil tanker" || name == "warship" {
		// a ship named in quotes or capitals after the class is that ship
		for k := class.end; k < b; k++ {
			if n := s.toks[k].norm; enPreps[n] || n == "off" || n == "في" || n == "قبالة" || n == "قرب" || strings.HasPrefix(n, "قبال") {
				break // "in the Red Sea": where, not which
			}
			if isQuote(s.toks[k].norm) || s.toks[k].cap {
				return ""
			}
		}
	}
	return name
}

// watersOf reports whether the state at i is named as the waters:
// "off Yemen", "قبالة سواحل اليمن", "Yemeni waters".
func watersOf(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch n := s.toks[k].norm; {
		case n == "off" || n == "قباله" || strings.HasSuffix(n, "سواحل") || strings.HasSuffix(n, "مياه") || n == "coast" || n == "waters":
			return true
		}
	}
	return false
}

// selfAttack reports whether, after a verb of saying, the speaker tells of
// its own attack: "أعلن حزب الله استهداف", "أعلن الجيش أنه استهدف",
// "said its forces targeted", "the group's fighters attacked".
func selfAttack(s *sent, r, en match) bool {
	toks := s.toks
	if toks[r.start].ar {
		k := arAside(s, en.end)
		if k < len(toks) && s.covered("attack", k) && !s.covered("killed", k) {
			return true // "أعلن حزب الله استهداف", "أعلنت الجماعة (...)، الخميس، استهداف"
		}
		k = en.end
		if en.start > 0 && toks[en.start-1].norm == "باسم" && en.p.kind == "group" && spokesmanTells(s, en) {
			return true // "قال المتحدث العسكري باسم الجماعة إن قواتها البحرية نفذت عملية"
		}
		for ; k < len(toks) && k < en.end+8; k++ {
			switch toks[k].norm {
			case "انه", "انها", "انهم", "بانه", "بانها":
				return k+1 < len(toks) && s.covered("attack", k+1)
			case "ان", "بان":
				// "قال المتحدث باسم حركة طالبان إن الحركة تقف وراء الهجوم"
				if k+1 < len(toks) && s.covered("group_ref", k+1) && definite(s, k+1) {
					return true
				}
			}
			if k > 0 && (toks[k-1].norm == "من" || s.covered("killed", k-1)) {
				continue // "مقتل اثنين من عناصرها": its members were the victims
			}
			for _, c := range toks[k].cands {
				switch c {
				case "قواته", "قواتها", "عناصره", "عناصرها", "مقاتليه", "مقاتليها", "مجاهديه", "مجاهديها", "وحداته", "وحداتها":
					return true
				}
			}
		}
		return false
	}
	for _, c := range append(append([]match{}, s.byCat["attack"]...), s.byCat["weapon"]...) {
		if c.start <= r.end {
			continue
		}
		if s.covered("killed", c.start) {
			// "X said its fighters had killed 20 soldiers": a group telling
			// the toll it dealt; "said two of its men were killed" is not
			if en.p.kind == "group" && activeKiller(s, r.end, c.start) {
				return true
			}
			continue
		}
		for k := r.end; k < c.start && k < r.end+8; k++ {
			switch toks[k].norm {
			case "its", "we", "our", "their":
				return true
			case "it", "they":
				if c.start-k <= 3 || c.start-k <= 5 && !punctBetween(s, k, c.start) && s.covered("weapon", c.start) {
					return true // "said it had targeted", "said it had sent attack drones", "said it launched a swarm of drones"
				}
			case "group", "movement", "organisation", "organization":
				if k > 0 && toks[k-1].norm == "the" {
					return true // "said the group was behind the attack"
				}
			}
			if strings.HasSuffix(toks[k].text, "'s") && toks[k].norm == "group" {
				return true
			}
		}
	}
	return false
}

// activeKiller reports whether the killing word at c, told after a report
// ending at from, has the reporting group as its active subject: "it had
// killed", "they killed", "its fighters killed".
func activeKiller(s *sent, from, c int) bool {
	k := c - 1
	if k >= from && s.toks[k].norm == "had" || k >= from && s.toks[k].norm == "have" {
		k--
	}
	if k < from {
		return false
	}
	switch s.toks[k].norm {
	case "it", "they", "we":
		return true
	case "fighters", "militants", "men", "members", "forces", "units":
		return k-1 >= from && (s.toks[k-1].norm == "its" || s.toks[k-1].norm == "their" || s.toks[k-1].norm == "our")
	}
	return false
}

// borderOf reports whether the place at i is only a border or an origin:
// "الحدود مع غزة", "border with Syria", "أطلق من قطاع غزة".
func borderOf(s *sent, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		n := s.toks[k].norm
		if strings.HasSuffix(n, "حدود") || n == "border" || n == "borders" {
			return true
		}
	}
	// "أطلقت من منطقة رفح", "من اتجاه الجولان", "from the direction of": an origin
	for k := i - 1; k >= 1 && k >= i-3; k-- {
		n := s.toks[k].norm
		if !(n == "منطقه" || n == "اتجاه" || n == "جهه" || n == "ناحيه" || n == "direction" || n == "area" || n == "of" || n == "the") {
			break
		}
		if p := s.toks[k-1].norm; p == "من" || p == "from" {
			return true
		}
	}
	if i > 0 {
		switch s.toks[i-1].norm {
		case "من", "from", "نصره", "دعما", "تضامنا":
			return true // "نصرة لغزة": a cause, not a place
		case "of", "with":
			if i > 1 && (s.toks[i-2].norm == "support" || s.toks[i-2].norm == "solidarity") {
				return true // "in support of Gaza"
			}
		}
	}
	// "12 kilometers southeast of Maiduguri": a reference point
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		n := s.toks[k].norm
		if n == "km" || n == "kms" || strings.HasPrefix(n, "kilomet") || strings.HasPrefix(n, "كيلو") || n == "كلم" || n == "miles" {
			return true
		}
	}
	return false
}

// unknownPlace finds a place the gazetteer does not know: the word after
// "مدينة", "بلدة", "village of", or a capitalised name after an attack
// verb or "in"/"near".
func unknownPlace(s *sent) (int, int) {
	for _, pi := range s.byCat["place_intro"] {
		k := pi.end
		if k < len(s.toks) && (s.toks[k].norm == "of") {
			k++
		}
		if k < len(s.toks) && s.toks[k].kind == tWord && !spanStops[s.toks[k].norm] && (s.toks[k].ar || s.toks[k].cap) && !inEntity(s, k) && !coveredAny(s, k) {
			end := k + 1
			if end < len(s.toks) && s.toks[end].kind == tWord && (s.toks[end].ar && !spanStops[s.toks[end].norm] && !strings.HasPrefix(s.toks[end].norm, "و") && runeLen(s.toks[end].norm) > 2 || s.toks[end].cap) {
				end++
			}
			return pi.start, end
		}
	}
	for i := 1; i+1 < len(s.toks); i++ {
		p := s.toks[i-1].norm
		onAttack := (p == "on" || p == "at") && i > 1 && s.covered("attack", i-2)
		if p != "in" && p != "near" && p != "invaded" && p != "stormed" && p != "attacked" && p != "struck" && p != "raided" && !onAttack {
			continue
		}
		t := &s.toks[i]
		if t.kind != tWord || t.ar || !t.cap || inEntity(s, i) {
			continue
		}
		if _, ok := months[t.norm]; ok {
			continue
		}
		if _, ok := weekdays[t.norm]; ok {
			continue
		}
		end := i + 1
		for end < len(s.toks) && s.toks[end].cap && end-i < 3 {
			end++
		}
		return i, end
	}
	return -1, -1
}

func coveredAny(s *sent, k int) bool {
	for _, m := range s.ms {
		if m.p.cat != "entity" && k >= m.start && k < m.end {
			return true
		}
	}
	return false
}

// definiteRef reports whether the sentence refers to an attack already
// told: "الهجوم", "هذا التفجير", "the attack", "this blast".
func definiteRef(s *sent, tStart int) bool {
	for _, c := range append(append([]match{}, s.byCat["attack"]...), s.byCat["weapon"]...) {
		if c.start > 0 {
			switch s.toks[c.start-1].norm {
			case "تلك", "هذه", "هذا", "ذلك", "this", "these", "those":
				return true
			}
		}
		if tStart >= 0 && (c.end > tStart || tStart-c.end > 4) {
			continue // the sentence names its own target: "the" refers to it
		}
		t := s.toks[c.start]
		if t.ar && c.end < len(s.toks) && (s.toks[c.end].norm == "الذي" || s.toks[c.end].norm == "التي") {
			continue // "الهجوم الذي استهدف مقر الشركة": its own clause defines it
		}
		if t.ar {
			for i, a := range t.art {
				if a && i < len(t.cands) {
					return true
				}
			}
			continue
		}
		if c.start > 0 {
			switch s.toks[c.start-1].norm {
			case "the", "this", "those", "these":
				return true
			case "that":
				if !reportBefore(s, c.start-1) {
					return true
				}
			}
		}
	}
	return false
}

// reportBefore reports a verb of saying a few words before k: "said on
// Monday that ...": that "that" opens a clause, it points at nothing.
func reportBefore(s *sent, k int) bool {
	for _, r := range s.byCat["report"] {
		if r.end <= k && k-r.end <= 4 {
			return true
		}
	}
	return false
}

// definiteWeapon reports "the bomb", "القنبلة", "تلك القذائف".
func definiteWeapon(s *sent) bool {
	for _, c := range s.byCat["weapon"] {
		t := &s.toks[c.start]
		if t.ar {
			for _, a := range t.art {
				if a {
					return true
				}
			}
		}
		if c.start > 0 {
			switch s.toks[c.start-1].norm {
			case "the", "this", "تلك", "هذه", "هذا":
				return true
			}
		}
	}
	return false
}

// casualties reads the counts of killed and injured a sentence states.
func casualties(s *sent, lo, hi int) (killed, injured []int, zeroK, zeroI bool) {
	toks := s.toks[:hi]
	isCat := func(cat string, i int) bool { return i >= 0 && i < len(toks) && s.covered(cat, i) }
	// casualtyAt names the casualty word at token i: "killed", "injured" or "".
	casualtyAt := func(i int) string {
		switch {
		case isCat("killed", i):
			return "killed"
		case isCat("injured", i):
			return "injured"
		}
		return ""
	}
	skip := sumCounts(s, lo, hi, &killed, &injured)
	for i := lo; i < len(toks); i++ {
		if skip[i] {
			continue
		}
		v, next, ok := numberAt(toks, i)
		if !ok {
			continue
		}
		if toks[i].kind == tNum && v >= 1900 && v <= 2100 && !strings.ContainsAny(toks[i].text, ",٬") {
			i = next - 1
			continue
		}
		if next < len(toks) {
			nn := toks[next].norm
			if _, _, isMonth := monthAt(toks, next); isMonth || nn == "%" || nn == ":" || nn == "percent" || nn == "بالمئه" || nn == "بالمائه" || strings.HasPrefix(nn, "كيلو") || nn == "km" || nn == "kms" || nn == "كلم" || nn == "metres" || nn == "meters" || nn == "miles" || nn == "عاما" || nn == "years" || nn == "year" || nn == "دولار" || nn == "billion" || nn == "million" || durationWords[nn] {
				i = next - 1
				continue
			}
		}
		if i > 1 && s.covered("negation", i-2) || i > 0 && s.covered("negation", i-1) {
			i = next - 1 // "ولم يصب أحد", "not one was hurt": nobody
			continue
		}
		if i > 0 {
			pn := toks[i-1].norm
			if pn == "no" || pn == "عام" || pn == "سنه" || pn == "الساعه" || pn == "$" || pn == "of" && v < 10 {
				i = next - 1
				continue
			}
		}
		// immediately before, over filler: "مقتل 40", "killing at least 19"
		j := i - 1
		for j >= 0 && (s.covered("filler", j) || isQuote(toks[j].norm)) {
			j--
		}
		cat := ""
		coordinated := toks[i].ar && toks[i].kind == tWord && strings.HasPrefix(toks[i].norm, "و") // "32 قتيلا ومئة جريح"
		for k := j + 1; k < i; k++ {
			if toks[k].ar && strings.HasPrefix(toks[k].norm, "و") {
				coordinated = true // "32 قتيلا ونحو مائة جريح"
			}
		}
		switch {
		case coordinated:
		case isCat("killed", j) && !isCat("zero_killed", j) || isCat("killed", j) && !toks[j].ar:
			cat = "killed"
		case isCat("injured", j):
			cat = "injured"
		}
		if cat == "" {
			// after, over nouns: "40 قتيلا", "19 people were killed"
			limit := next + 5
			for k := next; k < len(toks) && k < limit; k++ {
				t := &toks[k]
				if isQuote(t.norm) {
					continue
				}
				if (t.norm == "," || t.norm == "،") && k+1 < len(toks) && (toks[k+1].norm == "including" || toks[k+1].norm == "among" || toks[k+1].norm == "بينهم" || toks[k+1].norm == "منهم") {
					// "eight civilians, including women and children, were killed"
					c := k + 2
					for c < len(toks) && c < k+12 && toks[c].norm != "," && toks[c].norm != "،" {
						c++
					}
					if c < len(toks) && c < k+12 {
						limit += c - k + 1
						k = c
						continue
					}
				}
				if dotInName(toks, k) || t.norm == "suffered" || t.norm == "sustained" || t.norm == "minor" || t.norm == "serious" || t.norm == "critical" {
					limit++ // "U.S.", "suffered minor injuries"
					continue
				}
				if t.kind == tPunct || t.kind == tNum {
					break
				}
				if isCat("attacker", k) {
					break
				}
				if t.ar && k > next && strings.HasPrefix(t.norm, "و") && !s.covered("filler", k) {
					break
				}
				if t.ar && k == next && strings.HasPrefix(t.norm, "و") {
					break
				}
				if c := casualtyAt(k); c != "" {
					cat = c
					break
				}
				if !t.ar && t.norm == "and" && k+1 < len(toks) && s.covered("victim", k+1) {
					limit += 2 // "14 soldiers and police officers were killed": one count of both
					continue
				}
				if !t.ar && (t.norm == "and" || t.norm == "in" || t.norm == "on") {
					break
				}
			}
		}
		if cat == "" && toks[i].ar {
			// Arabic dual and counted nouns after the noun: "مقتل عسكريين تركيين اثنين"
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if toks[k].kind != tWord {
					break
				}
				if c := casualtyAt(k); c != "" {
					cat = c
					break
				}
			}
		}
		if cat == "" && i > 0 && (toks[i-1].norm == "to" || toks[i-1].norm == "الي") {
			// "the death toll rose to 21", "ارتفعت حصيلة القتلى إلى ٢١"
			for k := i - 2; k >= 0 && k >= i-8; k-- {
				if toks[k].norm == "toll" || toks[k].norm == "حصيله" {
					if k > 0 && (isCat("injured", k-1) || isCat("injured", k+1)) {
						cat = "injured"
					} else {
						cat = "killed"
					}
					break
				}
			}
		}
		if cat != "" && next < len(toks) && isCat("attacker", next) {
			cat = ""
		}
		// "eight killed in a wave of attacks": a sum over several
		for k := next; k < len(toks) && k < next+7 && cat != ""; k++ {
			if isPluralAttack(toks[k].norm) || toks[k].norm == "موجه" || toks[k].norm == "wave" {
				cat = ""
			}
		}
		// "قتل ضابط وثلاثة جنود", "a soldier and eight contractors": one more
		if cat != "" && toks[i].kind == tWord && (toks[i].ar && strings.HasPrefix(toks[i].norm, "و") || i > 0 && toks[i-1].norm == "and") {
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if toks[k].kind == tNum {
					break
				}
				if s.covered("victim", k) && !(k > 0 && toks[k-1].kind == tNum) {
					v++
					break
				}
			}
		}
		switch cat {
		case "killed":
			killed = append(killed, v)
		case "injured":
			injured = append(injured, v)
		}
		i = next - 1
	}
	// "استشهاد الرقيب": one
	for _, om := range s.byCat["victim_one"] {
		if om.start < lo || om.start >= len(toks) || len(killed) > 0 {
			continue
		}
		// "a woman was killed": the English passive after the one named
		if !toks[om.start].ar && om.end+1 < len(toks) && (toks[om.end].norm == "was" || toks[om.end].norm == "is") && s.covered("killed", om.end+1) {
			killed = append(killed, 1)
			continue
		}
		if om.start == 0 {
			continue
		}
		if isCat("killed", om.start-1) && !(om.end < len(toks) && (toks[om.end].norm == "and" || strings.HasPrefix(toks[om.end].norm, "و") && toks[om.end].ar)) {
			n := 1
			// "قتل ضابط برتبة نقيب وجنديان": one and a dual after his rank
			for k := om.end; k < len(toks) && k < om.end+4 && toks[k].kind == tWord; k++ {
				if toks[k].ar && strings.HasPrefix(toks[k].norm, "و") && s.covered("victim_dual", k) {
					n = 3
					break
				}
			}
			killed = append(killed, n)
		}
		if isCat("injured", om.start-1) && len(injured) == 0 && !s.covered("killed", om.start-1) {
			injured = append(injured, 1) // "وأصيب ثالث": one more hurt
		}
	}
	// "killing Mohammed Nasser, who ...": one person named by name
	if len(killed) == 0 {
		for _, km := range s.byCat["killed"] {
			if km.start < lo || km.end+1 >= len(toks) || toks[km.start].ar {
				continue
			}
			if n := toks[km.start].norm; n != "killing" && n != "killed" && n != "kills" {
				continue
			}
			if personName(s, km.end) {
				// "killing Nasser and two other fighters": the one named and the others
				n := 1
				for k := km.end + 1; k < len(toks) && k < km.end+6 && toks[k].kind != tPunct; k++ {
					if toks[k].norm != "and" {
						continue
					}
					if v, next, ok := numberAt(toks, k+1); ok && next < len(toks) && (toks[next].norm == "other" || toks[next].norm == "others") {
						n += v
					}
					break
				}
				killed = append(killed, n)
				break
			}
		}
	}
	// "قتل شرطيين": the dual counts two
	for _, dm := range s.byCat["victim_dual"] {
		if dm.start < lo || dm.start >= len(toks) || dm.start == 0 {
			continue
		}
		if _, _, ok := numberAt(toks, dm.end); ok {
			continue
		}
		p := dm.start - 1
		switch {
		case isCat("killed", p) && len(killed) == 0:
			killed = append(killed, 2)
		case isCat("injured", p) && len(injured) == 0:
			injured = append(injured, 2)
		}
	}
	for _, n := range s.byCat["negation"] {
		if n.start < lo || n.start >= hi {
			continue
		}
		untold := false
		for k := n.end; k < len(toks) && k < n.end+4; k++ {
			if w := toks[k].norm; w == "حصيله" || w == "toll" || w == "figure" || w == "figures" || w == "details" || strings.HasPrefix(w, "يذكر") || strings.HasPrefix(w, "تذكر") {
				untold = true // "من دون أن يذكر حصيلة", "without giving a toll": not told, not zero
			}
		}
		if untold {
			continue
		}
		if n.end < len(toks) {
			if w := toks[n.end].norm; strings.HasPrefix(w, "تتضح") || strings.HasPrefix(w, "يتضح") || strings.HasPrefix(w, "يعرف") || strings.HasPrefix(w, "تعرف") || w == "known" || w == "clear" || w == "immediately" {
				continue // "لم تتضح حصيلة القتلى": not known, not zero
			}
		}
		for _, z := range s.byCat["zero_killed"] {
			if z.start >= n.end && z.start-n.end <= 8 {
				zeroK = true
			}
		}
		for _, z := range s.byCat["zero_injured"] {
			if z.start >= n.end && z.start-n.end <= 8 {
				zeroI = true
			}
		}
	}
	return killed, injured, zeroK, zeroI
}

// sumCounts reads "five service members and two contractors were hurt"
// as one count, seven; it returns the numbers it read.
func sumCounts(s *sent, lo, hi int, killed, injured *[]int) map[int]bool {
	var skip map[int]bool
	toks := s.toks[:hi]
	for i := lo; i < len(toks); i++ {
		if toks[i].ar {
			continue
		}
		v1, n1, ok := numberAt(toks, i)
		if !ok || toks[i].kind == tNum && v1 >= 1900 {
			continue
		}
		k := n1
		for k < len(toks) && k < n1+3 && toks[k].kind == tWord && toks[k].norm != "and" && !s.covered("killed", k) && !s.covered("injured", k) {
			k++
		}
		if k == n1 || k >= len(toks) || toks[k].norm != "and" {
			continue
		}
		v2, n2, ok := numberAt(toks, k+1)
		if !ok {
			continue
		}
		j := n2
		for j < len(toks) && j < n2+3 && toks[j].kind == tWord && !s.covered("killed", j) && !s.covered("injured", j) && !s.covered("attacker", j) {
			j++
		}
		for j < len(toks) && (toks[j].norm == "were" || toks[j].norm == "was" || toks[j].norm == "had" || toks[j].norm == "have" || toks[j].norm == "been") {
			j++
		}
		if j == n2 || j >= len(toks) {
			continue
		}
		switch {
		case s.covered("killed", j):
			*killed = append(*killed, v1+v2)
		case s.covered("injured", j):
			*injured = append(*injured, v1+v2)
		default:
			continue
		}
		if skip == nil {
			skip = map[int]bool{}
		}
		for x := i; x < n2; x++ {
			skip[x] = true
		}
		i = j
	}
	return skip
}

// attackAcc gathers the mentions of one attack.
type attackAcc struct {
	ms        []*mention
	keys      map[string]bool // places and target words
	placeKeys map[string]bool
	heads     map[string]bool
	claimed   []match
	claimedS  []*sent
	attrib    []match
	attribS   []*sent
	orphanK   []int // counts from sentences that name no target
	orphanI   []int
	orphanW   []string
	orphanZK  bool // "no casualties" told apart from the attack
	orphanZI  bool
}

var keyStop = map[string]bool{
	"في": true, "من": true, "علي": true, "الي": true, "عن": true, "مع": true, "قرب": true, "تابع": true, "تابعه": true,
	"of": true, "in": true, "the": true, "a": true, "an": true, "at": true, "on": true, "near": true, "to": true, "for": true,
	"عسكريه": true, "عسكري": true, "امنيه": true, "امني": true, "military": true, "security": true, "main": true,
	"امريكيه": true, "اميركيه": true, "us": true, "u": true, "s": true, "its": true, "their": true,
	"عاصمه": true, "مدينه": true, "منطقه": true, "ضواحي": true, "شمال": true, "جنوب": true, "شرق": true, "غرب": true,
	"وسط": true, "محافظه": true, "بلده": true, "قريه": true, "ولايه": true, "حدود": true, "capital": true, "city": true,
	"area": true, "region": true, "province": true, "district": true, "town": true, "village": true, "outskirts": true,
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true,
	"border": true, "بالقرب": true,
}

func (m *mention) keys() (keys, places map[string]bool) {
	keys, places = map[string]bool{}, map[string]bool{}
	// the first place, and those inside the target, say where it was;
	// later ones ("east of Cairo") only situate it
	for i, p := range m.places {
		if i == 0 || m.tStart >= 0 && p.start >= m.tStart && p.start < m.tEnd {
			places[p.p.val] = true
		}
	}
	if m.tStart >= 0 {
		for k := m.tStart; k < m.tEnd; k++ {
			t := &m.s.toks[k]
			if t.kind != tWord || m.s.covered("target", k) || m.s.covered("victim", k) || inEntity(m.s, k) {
				continue
			}
			w := t.cands[len(t.cands)-1]
			if runeLen(w) < 3 || keyStop[w] || keyStop[t.norm] {
				continue
			}
			if t.cap && k > 0 {
				w = t.text // a proper name keeps its capital
			}
			keys[w] = true
		}
	} else if m.targetText != "" && len(m.places) == 0 {
		keys[m.targetText] = true
	}
	return keys, places
}

// properKeysDiffer reports whether both sides name a proper noun (a Latin
// capitalised word, kept with its capital) and none in common.
func properKeysDiffer(m, a map[string]bool) bool {
	pm, pa := false, false
	for w := range m {
		if isProperKey(w) {
			pm = true
			if a[w] {
				return false
			}
		}
	}
	for w := range a {
		if isProperKey(w) {
			pa = true
		}
	}
	return pm && pa
}

func isProperKey(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func inEntity(s *sent, k int) bool {
	for _, e := range s.ents {
		if k >= e.start && k < e.end {
			return true
		}
	}
	return false
}

func (a *attackAcc) add(m *mention) {
	a.ms = append(a.ms, m)
	k, p := m.keys()
	for w := range k {
		a.keys[w] = true
	}
	for w := range p {
		a.placeKeys[w] = true
	}
	if m.head != "" {
		a.heads[m.head] = true
	}
}

func (a *attackAcc) fits(m *mention, lex *lexicons) bool {
	if m.another || a.otherDay(m) {
		return false
	}
	if !m.weak && weaponsClash(a, m) {
		return false // mortars near the airport are not the airstrike south of the city
	}
	k, p := m.keys()
	for w := range p {
		if a.placeKeys[w] {
			return true
		}
		for aw := range a.placeKeys {
			if lex.inside(w, aw) || lex.inside(aw, w) {
				return true
			}
		}
	}
	for w := range k {
		if a.keys[w] {
			return true
		}
	}
	same := m.head != "" && a.heads[m.head]
	for _, am := range a.ms {
		// "a vessel", "a cargo ship": the same class of target at sea
		if m.target != "" && am.target == m.target && m.target != m.targetText && strings.HasSuffix(m.target, "ship") {
			same = true
		}
	}
	for _, h := range m.s.byCat["target"] {
		if m.tStart >= 0 && h.start >= m.tStart && h.start < m.tEnd && a.heads[foldHead(m.s, h)] {
			same = true // "a hospital opposite the consulate"
		}
	}
	if same && properKeysDiffer(k, a.keys) {
		same = false // "village of Gomari Kerkeri" is not "Dalori"
	}
	if same {
		// same kind of target, unless two different bases
		for _, pm := range m.places {
			if pm.p.kind != "base" {
				continue
			}
			for _, am := range a.ms {
				for _, ap := range am.places {
					if ap.p.kind == "base" && ap.p.val != pm.p.val {
						return false
					}
				}
			}
		}
		return true
	}
	return false
}

func (e *Extractor) attacks(d *doc) []claimwatch.Attack {
	var accs []*attackAcc
	var resp []*mention
	var head, headActors *mention
	var last *attackAcc
	newAcc := func() *attackAcc {
		a := &attackAcc{keys: map[string]bool{}, placeKeys: map[string]bool{}, heads: map[string]bool{}}
		accs = append(accs, a)
		return a
	}
	if len(d.sents) > 0 && d.sents[0].isHead && d.sents[0].has("not_attack") {
		return nil // a report about sport, markets, a cyber attack, an anniversary
	}
	placeMention := func(m *mention) *attackAcc {
		var into *attackAcc
		if m.weak && !m.another && last != nil && weaponsAgree(last, m) {
			into = last
		}
		// "Hezbollah said it had fired drones at the base of ...": a group's
		// own telling of the attack just told, in its words
		if into == nil && m.claim && !m.another && last != nil && !last.otherDay(m) && definiteTarget(m) && weaponsAgree(last, m) && actorsAgree(last, m) {
			into = last
		}
		// "The Israeli strike hit a house ...", "الغارة الإسرائيلية": the
		// state's strike told before, now told again
		if into == nil && !m.another && !m.s.isHead {
			if state := definiteStateAttack(m.s); state != "" {
				for _, a := range accs {
					if into == nil && a.firstActor() == state {
						into = a
					}
				}
			}
		}
		for _, a := range accs {
			if into == nil && a.fits(m, e.lex) {
				into = a
			}
		}
		if into == nil && m.weak && !m.another {
			return nil // it refers back, and nothing told before fits
		}
		if into == nil {
			into = newAcc()
		}
		into.add(m)
		last = into
		return into
	}
	for _, s := range d.sents {
		if s.has("not_attack") {
			continue
		}
		if d.tallySent[s.index] {
			continue
		}
		cue := s.has("attack") || s.has("weapon") && (s.has("killed") || s.has("injured") || landed(s))
		// "X said it had launched drones at ...": a group's own telling
		selfTold := !cue && s.has("weapon") && s.has("report") && namesGroup(s)
		cue = cue || selfTold
		if cue && !s.has("weapon") && onlyPluralAttacks(s) {
			cue = false // "تشهد اعتداءات", "attacks on each other": attacks in general
		}
		// "The ministry blamed X", "X claimed responsibility in a message"
		respCue := s.has("claim") || s.has("attribution")
		if !cue && !(s.has("killed") || s.has("injured")) && !respCue {
			// "وأضاف أن المهاجمين استخدموا أسلحة قناصة": the attackers' weapons
			if last != nil && s.has("weapon") && s.has("attacker") && !s.has("background") {
				for _, w := range s.byCat["weapon"] {
					last.orphanW = append(last.orphanW, w.p.val)
				}
			}
			continue
		}
		if !s.isHead && e.coordinated(d, s, placeMention) {
			continue
		}
		m := e.mentionOf(d, s)
		if selfTold && !m.claim {
			continue // "forces destroyed two Houthi drones": no attack told
		}
		if cumulative(s) && (m.weak || m.targetText == "") {
			continue // a toll of the conflict, told of no attack of its own
		}
		oldYear := yearOtherThan(s, d)
		background := s.has("background") || oldYear
		var other *mention
		otherFirst := false
		// "... الذي أعقب تفجيرا انتحاريا خارج أكاديمية الشرطة": the other
		// event a sentence names as cause or sequel is an attack too
		if rs := s.byCat["response"]; len(rs) > 0 && !s.isHead && !background {
			r := rs[0]
			a, b := r.end, len(s.toks)
			if m.lo > 0 {
				a, b = r.end, m.lo
				if b <= a {
					a, b = 0, r.start
				}
			}
			if b-a >= 2 && m.lo > 0 && r.start >= 2 {
				// "شنت ... ضربة على موقع، رداً على هجوم استهدف مطار أربيل":
				// the part before the cause tells the other attack
				if sub := subSent(s, a, b); !(sub.has("attack") || sub.has("weapon")) || !isMention(sub, e.mentionOf(d, sub)) {
					a, b = 0, r.start
				}
			}
			if b-a >= 2 {
				sub := subSent(s, a, b)
				if sub.has("attack") || sub.has("weapon") {
					if m2 := e.mentionOf(d, sub); isMention(sub, m2) && !yearOtherThan(sub, d) {
						other = m2
						otherFirst = a == 0
					} else if len(m2.actors) > 0 && (m2.claim || m2.attrib) && m2.targetText == "" && !anyAttack(sub) {
						resp = append(resp, m2) // "الهجوم الانتحاري الذي نسب إلى داعش"
					}
				}
			}
		}
		placed := false
		if cue && isMention(s, m) && !background {
			if s.isHead {
				head = m
				continue
			}
			if placeMention(m) == nil && len(m.actors) > 0 && (m.claim || m.attrib) {
				resp = append(resp, m) // "said it had shelled 'the invaders' base'": its claim
				continue
			}
			placed = true
		}
		if other != nil {
			keep := last
			oa := placeMention(other)
			last = keep // what follows goes on about the sentence's own attack
			if otherFirst && oa != nil {
				last = oa // "شنت ضربة ...، رداً على هجوم ...": the strike is the news
			}
		}
		if placed {
			continue
		}
		if cue && len(m.actors) > 0 && s.isHead && !m.claim {
			headActors = m // "بمقذوفات حوثية": who the report blames
			continue
		}
		if (cue || respCue) && len(m.actors) > 0 && (m.claim || m.attrib) && (!background || m.claim && oldYear) && !anyAttack(s) {
			resp = append(resp, m)
			continue
		}
		// counts told apart from the attack: "51 people were wounded"
		if last != nil && !background && !m.plural && !m.another && !s.isHead && len(m.actors) == 0 {
			last.orphanK = append(last.orphanK, m.killed...)
			last.orphanI = append(last.orphanI, m.injured...)
			last.orphanZK = last.orphanZK || m.zeroKilled
			last.orphanZI = last.orphanZI || m.zeroInjured
			if definiteWeapon(s) {
				for w := range m.weapons {
					last.orphanW = append(last.orphanW, w)
				}
			}
		}
	}
	if head != nil {
		var into *attackAcc
		for _, a := range accs {
			if into == nil && a.fits(head, e.lex) {
				into = a
			}
		}
		if into == nil && len(accs) > 0 {
			into = accs[0]
		}
		if into == nil {
			into = newAcc()
		}
		into.add(head)
	}
	// states a sentence says kept silent: "the Israeli military declined to comment"
	silentStates := map[string]bool{}
	for _, s := range d.sents {
		if !noComment(s) {
			continue
		}
		for _, en := range s.ents {
			if en.p.kind == "state" || en.p.kind == "demonym" {
				silentStates[en.p.val] = true
				silentStates[en.p.country] = true
			}
		}
	}
	for _, a := range accs {
		// "The army declined to comment on the strike": a state silent on
		// the attack did not tell it
		silent := false
		for _, m := range a.ms {
			silent = silent || noComment(m.s)
		}
		if !silent && len(a.ms) > 0 && len(a.ms[0].actors) > 0 {
			silent = silentStates[a.ms[0].actors[0].p.val]
		}
		for _, m := range a.ms {
			if len(m.actors) > 0 {
				// a state's strike is claimed when it tells it itself; a
				// headline names who struck but not on whose word
				// "اتهمت قسد الجيش التركي بشن غارات": an accused state did
				// not tell its strike itself
				if m.claim || m.actors[0].p.kind == "state" && !m.s.isHead && !m.attrib && !silent && !sourcedElsewhere(m.s, m.actors[0]) {
					a.claimed = append(a.claimed, m.actors[0])
					a.claimedS = append(a.claimedS, m.s)
				} else {
					a.attrib = append(a.attrib, m.actors[0])
					a.attribS = append(a.attribS, m.s)
				}
			}
		}
	}
	if headActors != nil {
		for _, a := range accs {
			if len(a.claimed)+len(a.attrib) == 0 {
				a.attrib = append(a.attrib, headActors.actors[0])
				a.attribS = append(a.attribS, headActors.s)
			}
		}
	}
	// claims and blame told apart from the attack itself
	for _, m := range resp {
		group := m.actors[0].p.val
		if m.s.isHead && anyBy(accs, group) {
			continue // the body tells which attacks the headline's group owned
		}
		compatible := func(a *attackAcc) bool {
			xs := append(append([]match{}, a.claimed...), a.attrib...)
			for _, x := range xs {
				if x.p.val == group {
					return true
				}
			}
			return len(xs) == 0
		}
		var targets []*attackAcc
		plural, limit := false, len(accs)
		for _, c := range append(append([]match{}, m.s.byCat["attack_count"]...), m.s.byCat["attack"]...) {
			n := m.s.toks[c.start].norm
			if isPluralAttack(n) {
				plural = true
			}
			if strings.HasSuffix(n, "هجومين") || strings.HasSuffix(n, "تفجيرين") || c.start > 0 && (m.s.toks[c.start-1].norm == "both" || m.s.toks[c.start-1].norm == "two") {
				plural, limit = true, 2 // a dual names two attacks
			}
		}
		if plural {
			before := 0
			for _, a := range accs {
				if a.first() < m.s.index {
					before++
				}
			}
			for _, a := range accs {
				if len(targets) < limit && (a.first() < m.s.index || before == 0) && len(a.claimed) == 0 && compatible(a) {
					targets = append(targets, a)
				}
			}
		} else {
			var best *attackAcc
			for _, a := range accs {
				for _, am := range a.ms {
					if am.s.index == m.s.index-1 && compatible(a) && best == nil {
						best = a
					}
				}
			}
			for _, a := range accs {
				for _, am := range a.ms {
					for w := range m.weapons {
						if w != "explosive" && w != "shell" && am.weapons[w] && best == nil && compatible(a) {
							best = a
						}
					}
				}
			}
			for _, a := range accs {
				if best == nil && compatible(a) {
					best = a
				}
			}
			if best != nil {
				targets = append(targets, best)
			}
		}
		for _, a := range targets {
			if len(targets) == 1 {
				a.orphanK = append(a.orphanK, m.killed...)
				a.orphanI = append(a.orphanI, m.injured...)
				a.orphanZK = a.orphanZK || m.zeroKilled // "... but an official said it caused no casualties"
				a.orphanZI = a.orphanZI || m.zeroInjured
				for w := range m.weapons {
					a.orphanW = append(a.orphanW, w)
				}
			}
			if m.claim {
				a.claimed = append(a.claimed, m.actors[0])
				a.claimedS = append(a.claimedS, m.s)
			} else {
				a.attrib = append(a.attrib, m.actors[0])
				a.attribS = append(a.attribS, m.s)
			}
		}
	}
	var out []claimwatch.Attack
	for _, a := range accs {
		out = append(out, a.build(d))
	}
	return out
}

// coordinators join two clauses that may tell two attacks: "كما" (also,
// same subject), "فيما", "بينما", "while" (another subject).
var coordinators = map[string]bool{"كما": true, "فيما": true, "بينما": true, "while": true, "whereas": true, "meanwhile": true}

// coordinated splits "استهدفوا سفينة بمسيرات، كما أطلقوا صواريخ على
// إيلات" into its two attacks when each clause tells one, and places both.
func (e *Extractor) coordinated(d *doc, s *sent, place func(*mention) *attackAcc) bool {
	if s.has("background") || yearOtherThan(s, d) || len(s.byCat["response"]) > 0 {
		return false
	}
	for c := 2; c < len(s.toks)-2; c++ {
		t := s.toks[c]
		n := t.norm
		if t.ar && strings.HasPrefix(n, "و") && coordinators[n[len("و"):]] {
			n = n[len("و"):]
		}
		if n == "and" && !t.ar {
			// "said they had attacked the ship, and had also fired missiles at Eilat"
			// ("first hit by a bomb and then came under fire" is one ambush)
			k := c + 1
			also := false
			for k < len(s.toks) && (s.toks[k].norm == "had" || s.toks[k].norm == "has" || s.toks[k].norm == "also" || s.toks[k].norm == "they" || s.toks[k].norm == "it") {
				also = also || s.toks[k].norm == "also"
				k++
			}
			if !also || k >= len(s.toks) || !s.covered("attack", k) || s.covered("killed", k) {
				continue
			}
			n = "كما" // the same subject goes on
		}
		end1 := c
		if n == "حين" && s.toks[c-1].norm == "في" {
			n, end1 = "فيما", c-1 // "في حين ردّ الجيش بقصف ...": another subject
		}
		if !coordinators[n] || quoteDepth(s, c) > 0 {
			continue
		}
		s1, s2 := subSent(s, 0, end1), subSent(s, c+1, len(s.toks))
		if !(s1.has("attack") || s1.has("weapon")) || !(s2.has("attack") || s2.has("weapon")) {
			continue
		}
		m1, m2 := e.mentionOf(d, s1), e.mentionOf(d, s2)
		if !isMention(s1, m1) || !isMention(s2, m2) || m2.weak || m1.weak || m1.targetText == m2.targetText {
			continue
		}
		specific := false
		for w := range m2.weapons {
			specific = specific || w != "explosive" && w != "shell"
		}
		if !specific && len(m2.actors) == 0 {
			continue // "وقع تفجيران آخران": more of a series, not a new attack
		}
		outside := false
		for _, cat := range []string{"attack", "weapon"} {
			for _, x := range s1.byCat[cat] {
				outside = outside || quoteDepth(s, x.start) == 0
			}
		}
		if !outside {
			continue // the first attack only in someone's quoted words
		}
		if n == "كما" && len(m2.actors) == 0 {
			// the same subject goes on; its words stay those of the first clause
			for _, x := range m1.actors {
				p := *x.p
				p.text = s1.span(x.start, x.end)
				m2.actors = append(m2.actors, match{start: -1, end: -1, p: &p})
			}
			m2.claim, m2.attrib = m1.claim, m1.attrib
		}
		keep := m1.another
		m2.another = true
		place(m1)
		m1.another = keep
		place(m2)
		return true
	}
	return false
}

// armedNouns head an unnamed armed group described by its patron.
var armedNouns = map[string]bool{
	"militias": true, "militia": true, "groups": true, "group": true, "militants": true, "fighters": true, "factions": true,
	"rebels": true, "insurgents": true, "proxies": true,
	"جماعات": true, "فصائل": true, "ميليشيات": true, "مليشيات": true, "مجموعات": true, "جماعه": true, "فصيل": true, "ميليشيا": true, "مليشيا": true,
}

// backedGroup reads an unnamed group told by its patron: "Iran-backed
// militias", "جماعات مسلحة مدعومة من إيران". The claimant is named
// "<patron>-backed groups"; the words as written are kept as its text.
func backedGroup(s *sent) (match, bool) {
	for _, a := range s.byCat["affiliated"] {
		if s.toks[a.start].ar {
			// noun (adjectives) affiliated (من|ل) state
			var st match
			found := false
			for _, en := range s.ents {
				if en.p.kind == "state" && en.start >= a.end && en.start-a.end <= 1 {
					st, found = en, true
					break
				}
			}
			if !found {
				continue
			}
			for k := a.start - 1; k >= 0 && k >= a.start-4; k-- {
				for _, c := range s.toks[k].cands {
					if armedNouns[c] {
						return match{start: k, end: st.end, p: &payload{cat: "entity", kind: "group", val: st.p.val + "-backed groups"}}, true
					}
				}
			}
			continue
		}
		// state "-backed" (adjectives) noun
		var st match
		found := false
		for _, en := range s.ents {
			if (en.p.kind == "state" || en.p.kind == "demonym") && en.end == a.start {
				st, found = en, true
			}
		}
		if !found {
			continue
		}
		for k := a.end; k < len(s.toks) && k <= a.end+2; k++ {
			if armedNouns[s.toks[k].norm] {
				return match{start: st.start, end: k + 1, p: &payload{cat: "entity", kind: "group", val: s.span(st.start, k+1)}}, true
			}
		}
	}
	return match{}, false
}

// cumulative reports a sentence that sums up a conflict's toll: "أحصى
// الجيش مقتل ستة جنود", "وفق حصيلة ... منذ", "the overall toll since
// October". Its counts belong to no single attack.
func cumulative(s *sent) bool {
	toll, since := false, false
	for _, t := range s.toks {
		n := t.norm
		for _, c := range t.cands {
			if strings.HasPrefix(c, "احصي") || strings.HasPrefix(c, "احصت") || c == "الاجماليه" {
				return true // "وأحصى الجيش", "الحصيلة الإجمالية"
			}
		}
		switch {
		case n == "cumulative" || n == "overall":
			return true
		case n == "حصيله" || n == "toll" || n == "tally":
			toll = true
		case n == "منذ" || n == "since":
			since = true
		}
	}
	return toll && since
}

// landed reports a verb of a projectile coming down: "rockets landed
// near the embassy", "shells fell on the village".
func landed(s *sent) bool {
	for _, t := range s.toks {
		switch t.norm {
		case "landed", "fell", "slammed", "crashed", "impacted":
			return true
		}
	}
	return false
}

// anyBy reports an attack already claimed by or blamed on group.
func anyBy(accs []*attackAcc, group string) bool {
	for _, a := range accs {
		for _, x := range append(append([]match{}, a.claimed...), a.attrib...) {
			if x.p.val == group {
				return true
			}
		}
	}
	return false
}

// storedWeapon reports a weapon word that names what a target holds or
// makes: "مخازن صواريخ", "منصات إطلاق الصواريخ", "missile depots", "drone
// factory", "rocket launchers".
func storedWeapon(s *sent, w match) bool {
	// "موقع يضم عشر طائرات مسيرة", "a site housing drones": what the
	// target held, up to a count before the weapon
	for k := w.start - 1; k >= 0 && k >= w.start-3; k-- {
		t := &s.toks[k]
		held := false
		for _, c := range t.cands {
			switch c {
			case "يضم", "تضم", "يحوي", "تحوي", "يحتوي", "تحتوي", "housing", "holding", "storing", "containing", "stored", "housed":
				held = true
			}
		}
		if held {
			return true
		}
		if _, _, ok := numberAt(s.toks, k); !ok && !s.covered("filler", k) && !s.covered("weapon", k) {
			break
		}
	}
	if w.start > 0 && s.toks[w.start].ar {
		for _, c := range s.toks[w.start-1].cands {
			switch c {
			case "مخازن", "مخزن", "مستودع", "مستودعات", "منصات", "منصه", "مصنع", "مصانع", "ورشه", "ورش", "اطلاق", "لتخزين", "تخزين", "مواقع", "موقع", "قواعد", "قاعده":
				return true
			}
		}
		return false
	}
	if w.end < len(s.toks) {
		switch s.toks[w.end].norm {
		case "depot", "depots", "storage", "factory", "factories", "launcher", "launchers", "launch", "sites", "site", "facility", "facilities", "warehouse", "warehouses", "stockpiles", "production":
			return true
		}
	}
	return false
}

// droneNext reports a suicide or car-bomb word that describes a drone next
// to it: "طائرة مسيرة انتحارية", "مسيرة مفخخة", "suicide drone".
func droneNext(s *sent, w match) bool {
	for _, d := range s.byCat["weapon"] {
		if d.p.val == "drone" && (d.end == w.start || d.start == w.end) {
			return true
		}
	}
	return false
}

// namesGroup reports a group of the gazetteer in the sentence: "X said it
// had launched drones at ..." tells an attack with no word of attack.
func namesGroup(s *sent) bool {
	for _, en := range s.ents {
		if en.p.kind == "group" {
			return true
		}
	}
	return false
}

// definiteTarget reports a target told as known: "the base of ...".
func definiteTarget(m *mention) bool {
	if m.tStart < 0 {
		return false
	}
	t := m.s.toks[m.tStart]
	if t.ar {
		return definite(m.s, m.tStart)
	}
	return m.tStart > 0 && m.s.toks[m.tStart-1].norm == "the"
}

// actorsAgree reports whether the mention's actor, if any, is one the
// attack already has or the attack has none.
func actorsAgree(a *attackAcc, m *mention) bool {
	if len(m.actors) == 0 {
		return true
	}
	any := false
	for _, am := range a.ms {
		for _, x := range am.actors {
			any = true
			if x.p.val == m.actors[0].p.val {
				return true
			}
		}
	}
	return !any
}

// weaponsClash reports that both the mention and the attack name specific
// weapons and none in common.
func weaponsClash(a *attackAcc, m *mention) bool {
	specific := func(w string) bool { return w != "explosive" && w != "shell" }
	mine := false
	for w := range m.weapons {
		if specific(w) {
			mine = true
		}
	}
	if !mine {
		return false
	}
	theirs := false
	for _, am := range a.ms {
		if am.s.isHead {
			continue
		}
		for w := range am.weapons {
			if !specific(w) {
				continue
			}
			theirs = true
			if m.weapons[w] {
				return false
			}
		}
	}
	return theirs
}

// weaponsAgree reports whether a mention's weapons fit an attack's: none
// named on either side, or one in common.
func weaponsAgree(a *attackAcc, m *mention) bool {
	if len(m.weapons) == 0 {
		return true
	}
	any := false
	for _, am := range a.ms {
		for w := range am.weapons {
			any = true
			if m.weapons[w] {
				return true
			}
		}
	}
	return !any
}

func onlyPluralAttacks(s *sent) bool {
	for _, c := range s.byCat["attack"] {
		if !isPluralAttack(s.toks[c.start].norm) {
			return false
		}
	}
	return true
}

// attackNoun reports an attack word that is not a word of killing.
func attackNoun(s *sent) bool {
	for _, c := range s.byCat["attack"] {
		if !s.covered("killed", c.start) {
			return true
		}
	}
	return false
}

// anyAttack reports "أي هجوم", "any attack": blame in general.
func anyAttack(s *sent) bool {
	for _, c := range s.byCat["attack"] {
		if c.start > 0 {
			switch s.toks[c.start-1].norm {
			case "اي", "كل", "any", "every":
				return true
			}
		}
	}
	return false
}

// isMention reports whether a sentence's reading tells one attack: a
// target, some sign of violence, and not a summary of several.
func isMention(s *sent, m *mention) bool {
	if m.targetText == "" || m.plural {
		return false
	}
	if len(m.weapons) > 0 || len(m.killed)+len(m.injured) > 0 || m.zeroKilled || m.zeroInjured || len(m.actors) > 0 || m.claim {
		return true
	}
	if s.has("killed") && s.byCat["killed"][0].start >= m.lo && s.byCat["killed"][0].start < m.hi && attackNoun(s) {
		return true
	}
	for _, p := range m.places {
		if p.p.kind == "base" {
			return true
		}
	}
	return false
}

// subSent is the part [a, b) of a sentence, read on its own.
func subSent(s *sent, a, b int) *sent {
	sub := &sent{sentence: sentence{text: s.text, toks: s.toks[a:b], para: s.para, index: s.index}, isHead: s.isHead, byCat: map[string][]match{}}
	shift := func(m match) (match, bool) {
		if m.start < a || m.end > b {
			return m, false
		}
		m.start -= a
		m.end -= a
		return m, true
	}
	for cat, ms := range s.byCat {
		for _, m := range ms {
			if x, ok := shift(m); ok {
				sub.byCat[cat] = append(sub.byCat[cat], x)
			}
		}
	}
	for _, m := range s.ents {
		if x, ok := shift(m); ok {
			sub.ents = append(sub.ents, x)
		}
	}
	for _, m := range s.ms {
		if x, ok := shift(m); ok {
			sub.ms = append(sub.ms, x)
		}
	}
	if s.dateline > a {
		sub.dateline = min(s.dateline, b) - a // the dateline stays a dateline
	}
	return sub
}

func (a *attackAcc) first() int {
	n := 1 << 30
	for _, m := range a.ms {
		if !m.s.isHead && m.s.index < n {
			n = m.s.index
		}
	}
	return n
}

func isQuote(s string) bool {
	switch s {
	case "«", "»", "\"", "“", "”", "'", "(", ")":
		return true
	}
	return false
}

// cueBefore reports a word of attack, claim or blame before token i.
func cueBefore(s *sent, i int) bool {
	for _, cat := range []string{"attack", "claim", "attribution"} {
		for _, m := range s.byCat[cat] {
			if m.end <= i {
				return true
			}
		}
	}
	return false
}

func yearOtherThan(s *sent, d *doc) bool {
	if d.pub.IsZero() {
		return false
	}
	// an explicit date weeks before the report
	if ds := dateIn(s.toks, d.pub); ds != "" {
		if t, err := time.Parse(time.DateOnly, ds); err == nil && d.pub.Sub(t) > 14*24*time.Hour {
			return true
		}
	}
	// "in February" with no day, in a report of May
	for i := range s.toks {
		m, next, ok := monthAt(s.toks, i)
		if !ok || m == d.pub.Month() || i > 0 && (s.toks[i-1].norm == "/" || s.toks[i-1].norm == "(") {
			continue
		}
		dayBefore := i > 0 && s.toks[i-1].kind == tNum
		dayAfter := next < len(s.toks) && s.toks[next].kind == tNum && s.toks[next].num <= 31
		if !dayBefore && !dayAfter {
			return true
		}
	}
	for i, t := range s.toks {
		if t.kind == tNum && t.num >= 1900 && t.num <= 2100 && !strings.ContainsAny(t.text, ",٬") && t.num != d.pub.Year() {
			if i > 0 && (s.toks[i-1].norm == "منذ" || s.toks[i-1].norm == "since") && cueBefore(s, i-1) {
				continue // "active in the region since 2009": not when it happened
			}
			return true
		}
	}
	return false
}

func (a *attackAcc) build(d *doc) claimwatch.Attack {
	var at claimwatch.Attack
	first := a.ms[0]
	for _, m := range a.ms {
		if !m.s.isHead {
			first = m
			break
		}
	}
	at.Evidence = first.s.text
	// target: a base if any mention names one, else the first body span
	at.Target, at.TargetText = first.target, first.targetText
	for _, m := range a.ms {
		if m.tStart >= 0 && !m.weak && first.tStart < 0 {
			at.Target, at.TargetText = m.target, m.targetText
			break
		}
	}
	for _, m := range a.ms {
		if m.s.isHead && at.Target != "" {
			continue // a headline may name another attack's base
		}
		for _, p := range m.places {
			if p.p.kind == "base" {
				at.Target = p.p.val
				if at.TargetText == "" {
					at.TargetText = m.s.span(p.start, p.end)
				}
			}
		}
	}
	at.Place, at.Country = a.where(d)
	ws := map[string]bool{}
	for _, m := range a.ms {
		if m.s.isHead {
			continue
		}
		for w := range m.weapons {
			ws[w] = true
		}
	}
	if len(ws) == 0 {
		// a headline may sum up two attacks: its weapons only when the
		// body names none
		for _, m := range a.ms {
			for w := range m.weapons {
				ws[w] = true
			}
		}
	}
	generic := true
	for w := range ws {
		if w != "explosive" && w != "shell" {
			generic = false
		}
	}
	if generic {
		// "the bomb was placed in a parked car": only when the attack's
		// own sentences name no specific weapon
		for _, w := range a.orphanW {
			ws[w] = true
		}
	}
	if ws["explosive"] && !(ws["car_bomb"] || ws["suicide"] || ws["ied"] || ws["drone"] || ws["rocket"] || ws["missile"] || ws["mortar"] || ws["airstrike"] || ws["other"]) {
		ws["ied"] = true
	}
	if ws["shell"] && !(ws["rocket"] || ws["mortar"] || ws["missile"] || ws["drone"] || ws["airstrike"]) {
		ws["shelling"] = true
	}
	if ws["suicide"] && ws["ied"] && !ws["car_bomb"] {
		delete(ws, "ied") // the bomber's own charge, not a planted device
	}
	if ws["missile"] && ws["rocket"] {
		delete(ws, "rocket") // "صاروخ باليستي" also matches the rocket word
	}
	delete(ws, "explosive")
	delete(ws, "shell")
	if len(ws) == 0 {
		for _, m := range a.ms {
			if m.gunmen {
				ws["gunfire"] = true // "gunmen stormed the hotel"
			}
		}
	}
	if !(ws["gunfire"] || ws["suicide"] || ws["airstrike"] || ws["drone"] || ws["missile"]) {
		// "fighters stormed the hotel", "اقتحم مسلحون المقر": an assault
		// on foot is armed men firing, also after a bomb opened the way
		// ("a car bomb went off at the gate before gunmen stormed in"),
		// though not a suicide attacker rushing in to blow himself up
		for _, m := range a.ms {
			for _, c := range m.s.byCat["attack"] {
				if c.start < m.lo || c.start >= m.hi {
					continue
				}
				n := m.s.toks[c.start].cands[len(m.s.toks[c.start].cands)-1]
				if strings.HasPrefix(n, "storm") || strings.HasPrefix(n, "overr") || strings.HasPrefix(n, "اقتحم") || strings.HasPrefix(n, "اقتحام") {
					ws["gunfire"] = true
				}
			}
		}
	}
	if len(ws) == 0 {
		// "a blast struck a minibus": an explosion of no named kind
		for _, m := range a.ms {
			for _, c := range m.s.byCat["attack"] {
				if c.start < m.lo || c.start >= m.hi {
					continue
				}
				n := m.s.toks[c.start].norm
				if strings.HasPrefix(n, "blast") || strings.HasPrefix(n, "explosion") || strings.Contains(n, "انفجار") {
					ws["other"] = true
				}
			}
		}
	}
	if len(ws) == 0 && a.byState() {
		// "the army said it struck", "شنت القوات الأميركية ضربة": a state's
		// strike with no weapon named comes from the air
		for _, m := range a.ms {
			for _, c := range m.s.byCat["attack"] {
				if c.start < m.lo || c.start >= m.hi {
					continue
				}
				n := m.s.toks[c.start].cands[len(m.s.toks[c.start].cands)-1]
				if strings.HasPrefix(n, "strike") || n == "struck" || strings.HasPrefix(n, "ضرب") || strings.HasPrefix(n, "غار") {
					ws["airstrike"] = true
				}
			}
		}
	}
	for _, w := range claimwatch.Weapons {
		if ws[string(w)] {
			at.Weapons = append(at.Weapons, w)
		}
	}
	// responsibility
	switch {
	case len(a.claimed) > 0:
		at.Responsibility = claimwatch.Claimed
		at.Claimant = a.claimed[0].p.val
		at.ClaimantText = a.claimedS[0].span(a.claimed[0].start, a.claimed[0].end)
		if a.claimed[0].start < 0 {
			at.ClaimantText = a.claimed[0].p.text
		}
	case len(a.attrib) > 0:
		at.Responsibility = claimwatch.Attributed
		at.Claimant = a.attrib[0].p.val
		at.ClaimantText = a.attribS[0].span(a.attrib[0].start, a.attrib[0].end)
		if a.attrib[0].start < 0 {
			at.ClaimantText = a.attrib[0].p.text
		}
	default:
		at.Responsibility = claimwatch.Unclaimed
	}
	// casualties: the count most often stated, the larger on a tie
	// a claimant's own count ("زاعماً مقتل ١٥ جندياً") and the toll of a
	// sentence listing several attacks only when nobody else gives one
	var ks, is, hk, hi, ck, ci []int
	zk, zi := false, false
	for _, m := range a.ms {
		switch {
		case m.s.isHead:
			hk, hi = m.killed, m.injured
		case m.claim || m.list:
			ck = append(ck, m.killed...)
			ci = append(ci, m.injured...)
		default:
			ks = append(ks, m.killed...)
			is = append(is, m.injured...)
		}
		zk = zk || m.zeroKilled
		zi = zi || m.zeroInjured
	}
	if len(ks) == 0 {
		ks = ck
	}
	if len(is) == 0 {
		is = ci
	}
	if len(ks) == 0 {
		ks = a.orphanK
	}
	if len(is) == 0 {
		is = a.orphanI
	}
	if len(ks) == 0 {
		ks = hk
	}
	if len(is) == 0 {
		is = hi
	}
	zk = zk || a.orphanZK
	zi = zi || a.orphanZI
	if zi && len(ks) == 0 {
		zk = true // nobody hurt: nobody killed either
	}
	if v, ok := modeMax(ks); ok {
		at.Killed = claimwatch.Count(v)
	} else if zk {
		at.Killed = claimwatch.Count(0)
	}
	if v, ok := modeMax(is); ok {
		at.Injured = claimwatch.Count(v)
	} else if zi {
		at.Injured = claimwatch.Count(0)
	}
	for _, m := range a.ms {
		if m.date != "" {
			at.Date = m.date
			break
		}
	}
	return at
}

// where returns the attack's place and country: the first place named
// and its country, else a state named as a location, else a demonym of
// the target, else the report's country. At sea it is the sea, and the
// country only when the waters of one are named.
func (a *attackAcc) where(d *doc) (place, country string) {
	atSea := false
	for _, m := range a.ms {
		for _, p := range m.places {
			if p.p.kind == "sea" {
				atSea = true
				if place == "" {
					place = p.p.val
				}
			}
		}
	}
	if atSea {
		for _, m := range a.ms {
			for _, en := range m.s.ents {
				if en.p.kind == "state" && watersOf(m.s, en.start) {
					return place, en.p.country
				}
			}
		}
		// "off the port of Hodeidah", "جنوب شرق عدن": the coast named
		for _, m := range a.ms {
			for _, p := range m.places {
				if p.p.kind == "place" && p.p.country != "" {
					return place, p.p.country
				}
			}
		}
		return place, ""
	}
	body := false
	for _, m := range a.ms {
		body = body || !m.s.isHead && len(m.places) > 0
	}
	// "أطلقوا صواريخ من زمار باتجاه قاعدة رميلان", "fired from X at the
	// base at Y": the place in the target tells the country first
	for _, m := range a.ms {
		if m.s.isHead || m.tStart < 0 {
			continue
		}
		for _, p := range m.places {
			if country == "" && p.p.country != "" && p.start >= m.tStart && p.start < m.tEnd {
				country = p.p.country
			}
		}
	}
	for _, m := range a.ms {
		if body && m.s.isHead {
			continue // a headline may name the place of another attack
		}
		for _, p := range m.places {
			if m.s.isHead && m.tStart >= 0 && (p.start < m.tStart || p.start >= m.tEnd) {
				continue // "X يستهدف ثكنة ... والجيش يقصف أطراف عيتا الشعب": the other attack's place
			}
			if place == "" && p.p.kind == "place" {
				place = p.p.val
			}
			if country == "" && p.p.country != "" {
				country = p.p.country
			}
		}
	}
	if place == "" {
		for _, m := range a.ms {
			for _, p := range m.places {
				if place == "" && p.p.kind == "base" && p.p.within != "" {
					place = p.p.within // Ain al-Asad lies in Anbar
				}
			}
		}
	}
	if country != "" {
		return place, country
	}
	for _, m := range a.ms {
		for _, en := range m.s.ents {
			if en.start < m.lo || en.start >= m.hi {
				continue // the other event's country: "ضربات في العراق، رداً على الهجوم ... قرب أنقرة"
			}
			if en.p.kind == "state" && (locative(m.s, en.start) || watersOf(m.s, en.start)) {
				return place, en.p.country // "in Yemen", "off the coast of Yemen"
			}
		}
	}
	// "ثكنة برانيت الإسرائيلية": a demonym in the target first, then one
	// in a mention naming no target, not a group's own ("حزب الله اللبناني")
	for _, any := range []bool{false, true} {
		for _, m := range a.ms {
			for _, en := range m.s.ents {
				if en.p.kind != "demonym" || groupDemonym(m.s, en) {
					continue
				}
				if !any && m.tStart >= 0 && en.start >= m.tStart && en.start < m.tEnd || any && m.tStart < 0 {
					return place, en.p.country
				}
			}
		}
	}
	return place, d.country
}

// groupDemonym reports a demonym right after a group's name: where the
// group is from, not where it struck.
func groupDemonym(s *sent, dm match) bool {
	for _, en := range s.ents {
		if en.p.kind == "group" && en.end == dm.start {
			return true
		}
	}
	return false
}

func modeMax(vs []int) (int, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	n := map[int]int{}
	for _, v := range vs {
		n[v]++
	}
	keys := make([]int, 0, len(n))
	for v := range n {
		keys = append(keys, v)
	}
	sort.Ints(keys)
	best := keys[0]
	for _, v := range keys {
		if n[v] > n[best] || n[v] == n[best] && v > best {
			best = v
		}
	}
	return best, true
}

// noComment reports a sentence saying someone did not comment: "لم يعلق
// الجيش على الغارة", "the army declined to comment". A state that kept
// silent did not tell its strike.
func noComment(s *sent) bool {
	for k, t := range s.toks {
		c := t.cands[len(t.cands)-1]
		if !(strings.HasPrefix(c, "يعلق") || strings.HasPrefix(c, "تعلق") || strings.HasPrefix(c, "تعليق") || strings.HasPrefix(t.norm, "comment")) {
			continue
		}
		// "لم يعلق الجيش", "ولم يصدر تعليق فوري من أنقرة", "declined to comment"
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			if s.covered("negation", j) || s.toks[j].norm == "declined" || s.toks[j].norm == "refused" {
				return true
			}
		}
	}
	return false
}

// announceVerb reports an Arabic verb of announcing or adopting that
// takes a claim as its object: "يعلن", "تتبنى".
func announceVerb(t *token) bool {
	for _, c := range t.cands {
		if strings.HasPrefix(c, "يعلن") || strings.HasPrefix(c, "تعلن") || strings.HasPrefix(c, "يتبن") || strings.HasPrefix(c, "تتبن") {
			return true
		}
	}
	return false
}

// arTimeWords are the times of day an Arabic aside names.
var arTimeWords = map[string]bool{"اليوم": true, "امس": true, "ليل": true, "ليلة": true, "مساء": true, "صباح": true, "فجر": true, "ظهر": true, "الليلة": true}

// arAside skips what may stand between an Arabic subject and its object:
// a parenthesis, commas, a weekday or time of day, "في" and a place:
// "أعلنت الجماعة (الحوثيون) في اليمن، اليوم الخميس، استهداف ...".
func arAside(s *sent, k int) int {
	toks := s.toks
	start := k
	for k < len(toks) && k < start+10 {
		t := &toks[k]
		switch {
		case t.norm == "(":
			j := k + 1
			for j < len(toks) && j < k+6 && toks[j].norm != ")" {
				j++
			}
			if j >= len(toks) || toks[j].norm != ")" {
				return k
			}
			k = j + 1
		case t.kind == tPunct && (t.norm == "," || t.norm == "،"):
			k++
		case k == start && t.kind == tPunct && isQuote(t.norm):
			k++ // the closing mark of a quoted name: "أعلنت «...» مساء الاثنين استهداف"
		case arTimeWords[t.norm]:
			k++
		case t.ar && weekdayWord(t):
			k++
		case t.norm == "في" && k+1 < len(toks) && placeAt(s, k+1) > k+1:
			k = placeAt(s, k+1)
		default:
			return k
		}
	}
	return k
}

func weekdayWord(t *token) bool {
	for _, c := range t.cands {
		if _, ok := weekdays[c]; ok {
			return true
		}
	}
	return false
}

// placeAt returns the end of a place or state named at token k, or k.
func placeAt(s *sent, k int) int {
	for _, en := range s.ents {
		if en.start == k && (en.p.kind == "place" || en.p.kind == "state") {
			return en.end
		}
	}
	return k
}

// spokesmanTells reports a group's spokesman ("المتحدث باسم الجماعة")
// telling an attack in the same sentence with no other party named after
// him and no air strike, which groups do not fly: his group's claim.
func spokesmanTells(s *sent, g match) bool {
	attack := false
	for _, c := range s.byCat["attack"] {
		if c.start >= g.end && !s.covered("killed", c.start) {
			attack = true
		}
	}
	if !attack || s.has("attribution") {
		return false
	}
	for _, w := range s.byCat["weapon"] {
		if w.p.val == "airstrike" {
			return false
		}
	}
	for _, en := range s.ents {
		if en.start >= g.end && (en.p.kind == "group" || en.p.kind == "state" || en.p.kind == "demonym") {
			return false
		}
	}
	return true
}

// clockOf reports a place that names a clock, not where it happened:
// "بتوقيت صنعاء", "11 p.m. Sanaa time".
func clockOf(s *sent, en match) bool {
	if en.start > 0 {
		for _, c := range s.toks[en.start-1].cands {
			if c == "توقيت" {
				return true
			}
		}
	}
	return en.end < len(s.toks) && s.toks[en.end].norm == "time"
}

// arAttackVerbs are Arabic past verbs of attacking whose subject follows
// them; a noun before a state ("تفجير العراق") names where, not who.
var arAttackVerbs = map[string]bool{"شن": true, "شنت": true, "نفذ": true, "نفذت": true, "قصف": true, "قصفت": true, "استهدف": true, "استهدفت": true,
	"هاجم": true, "هاجمت": true, "ضرب": true, "ضربت": true, "اغار": true, "اغارت": true}

func arAttackVerb(t *token) bool {
	for _, c := range t.cands {
		if arAttackVerbs[c] {
			return true
		}
	}
	return false
}

// durationWords follow a number that measures time, not people: "a
// 13-hour siege", "استمر ثلاث ساعات".
var durationWords = map[string]bool{"hour": true, "hours": true, "day": true, "days": true, "minute": true, "minutes": true, "week": true, "weeks": true, "month": true, "months": true,
	"ساعة": true, "ساعات": true, "يوما": true, "أيام": true, "دقيقة": true, "دقائق": true, "أسابيع": true, "أشهر": true, "شهرا": true}

// supportOf reports an air weapon named as support: "بمساندة سلاح الجو",
// "بدعم من الطيران الحربي", "with air support from warplanes".
func supportOf(s *sent, w match) bool {
	for k := w.start - 1; k >= 0 && k >= w.start-3; k-- {
		for _, c := range s.toks[k].cands {
			switch c {
			case "مسانده", "بمسانده", "دعم", "بدعم", "اسناد", "باسناد", "غطاء", "support", "cover", "backed", "backing":
				return true
			}
		}
	}
	return false
}

// shellingVerb reports the bare verb or noun of shelling ("shelled",
// "shelling"), which names no gun of its own.
func shellingVerb(s *sent, w match) bool {
	if w.end-w.start != 1 {
		return false
	}
	n := s.toks[w.start].norm
	return n == "shelling" || n == "shelled"
}

// clauseHas reports a weapon of one of the kinds between lo and hi.
func clauseHas(s *sent, lo, hi int, kinds ...string) bool {
	for _, w := range s.byCat["weapon"] {
		if w.start >= lo && w.start < hi && slices.Contains(kinds, w.p.val) {
			return true
		}
	}
	return false
}

// personName reports two or more capitalised words at k that name no
// entity, weekday or month: a person's name.
func personName(s *sent, k int) bool {
	n := 0
	for j := k; j < len(s.toks) && j < k+5; j++ {
		t := &s.toks[j]
		r, _ := utf8.DecodeRuneInString(t.text)
		if t.kind != tWord || t.ar || !unicode.IsUpper(r) || coveredAny(s, j) || inEntity(s, j) {
			break
		}
		if _, ok := weekdays[t.norm]; ok {
			return false
		}
		if _, _, ok := monthAt(s.toks, j); ok {
			return false
		}
		n++
	}
	return n >= 2
}

// institutionOf reports a demonym naming a state's armed institution
// that speaks: "Turkish Defence Ministry said", "وزارة الدفاع التركية".
func institutionOf(s *sent, m match) bool {
	toks := s.toks
	if toks[m.start].ar {
		if m.start == 0 {
			return false
		}
		switch toks[m.start-1].norm {
		case "الدفاع", "الجيش", "الحربيه", "الجو":
			return true
		}
		return false
	}
	if m.end >= len(toks) {
		return false
	}
	switch toks[m.end].norm {
	case "defence", "defense", "military", "army", "navy", "air":
	default:
		return false
	}
	// the institution is the subject of a verb of saying within a few words
	for _, r := range s.byCat["report"] {
		if r.start > m.end && r.start-m.end <= 3 {
			return true
		}
	}
	return false
}

// otherDay reports a mention dated more than a day apart from a date the
// attack already has: "On August 11, a blast on a minibus ..." is not
// Monday's bombing.
func (a *attackAcc) otherDay(m *mention) bool {
	if m.date == "" {
		return false
	}
	md, err := time.Parse("2006-01-02", m.date)
	if err != nil {
		return false
	}
	for _, am := range a.ms {
		if am.date == "" || am.s.isHead {
			continue
		}
		ad, err := time.Parse("2006-01-02", am.date)
		if err != nil {
			continue
		}
		if d := md.Sub(ad); d > 36*time.Hour || d < -36*time.Hour {
			return true
		}
	}
	return false
}

// targetOf reports an English group named right after an attack word and
// "on" or "against": what was attacked, not who attacked.
func targetOf(s *sent, m match) bool {
	k := m.start - 1
	if k >= 0 && (s.toks[k].norm == "the" || s.toks[k].norm == "a") {
		k--
	}
	if k < 1 || s.toks[m.start].ar || s.toks[k].norm != "on" && s.toks[k].norm != "against" {
		return false
	}
	return s.covered("attack", k-1) || s.covered("weapon", k-1)
}

// groupNouns head a group's name: "جماعة «...»", "a group called ...".
var groupNouns = map[string]bool{"جماعة": true, "تنظيم": true, "حركة": true, "فصيل": true, "كتائب": true, "سرايا": true, "group": true, "faction": true, "outfit": true}

// quotedGroup reads a group the gazetteer does not know, named in quotes
// after a group noun near a word of claiming: "تبنت جماعة «X» الهجوم",
// "a little-known group called \"X\" claimed the attack".
func quotedGroup(s *sent, lo, hi int) (match, bool) {
	toks := s.toks
	for _, c := range s.byCat["claim"] {
		for k := max(lo, c.start-8); k < min(hi, c.end+4); k++ {
			g := false
			for _, cand := range toks[k].cands {
				g = g || groupNouns[cand]
			}
			if !g {
				continue
			}
			q := k + 1
			if q < len(toks) && (toks[q].norm == "called" || toks[q].norm == "named" || toks[q].norm == "تدعي" || toks[q].norm == "تسمي") {
				q++
			}
			if q >= len(toks) || !isQuote(toks[q].norm) || toks[q].norm == "(" {
				continue
			}
			e := q + 1
			for e < len(toks) && e <= q+5 && toks[e].kind == tWord {
				e++
			}
			if e == q+1 || e >= len(toks) || !isQuote(toks[e].norm) || inEntity(s, q+1) {
				continue
			}
			name := s.span(q+1, e)
			return match{start: q + 1, end: e, p: &payload{cat: "entity", kind: "group", val: name, text: name}}, true
		}
	}
	return match{}, false
}

// raidByDrone reports the bare noun of a raid ("غارة", "strike") told as
// carried out by a drone a few words on: the drone is the weapon.
func raidByDrone(s *sent, w match) bool {
	if w.end-w.start != 1 {
		return false
	}
	generic := false
	for _, c := range s.toks[w.start].cands {
		switch c {
		case "غاره", "غارات", "غارتين", "airstrike", "airstrikes", "strike", "strikes":
			generic = true
		}
	}
	if !generic {
		return false
	}
	for _, d := range s.byCat["weapon"] {
		if d.p.val == "drone" && d.start > w.start && d.start-w.end <= 2 {
			return true
		}
	}
	return false
}

// inSpeaker reports a token inside an Arabic speaker's description,
// between a verb of saying and the "إن" that opens what was said: "قال
// المتحدث باسم وزارة الداخلية في حكومة إقليم كردستان إن ...".
func inSpeaker(s *sent, k int) bool {
	for _, r := range s.byCat["report"] {
		if !s.toks[r.start].ar || r.end > k || k-r.end > 12 {
			continue
		}
		for j := r.end; j < len(s.toks) && j <= r.end+14; j++ {
			if s.covered("attack", j) || s.covered("weapon", j) || s.toks[j].kind == tPunct && !isQuote(s.toks[j].norm) && s.toks[j].norm != "،" {
				break
			}
			switch s.toks[j].norm {
			case "ان", "بان", "انه", "انها":
				return j > k
			}
		}
	}
	return false
}

// listsAttacks reports a clause telling three or more attack verbs on two
// or more targets: "attacked a police station, blew up a bridge and shot
// travellers, killing 38 people" sums up several attacks.
func listsAttacks(s *sent, lo, hi int) bool {
	verbs, targets := 0, 0
	for _, c := range s.byCat["attack"] {
		if c.start >= lo && c.start < hi && !s.covered("killed", c.start) {
			verbs++
		}
	}
	last := -1
	for _, t := range s.byCat["target"] {
		if t.start >= lo && t.start < hi && t.start > last {
			targets++
			last = t.end
		}
	}
	return verbs >= 3 && targets >= 2
}

// attackNouns are nouns of one attack a demonym qualifies: "قصف
// إسرائيلي", "a Turkish strike".
var attackNouns = map[string]bool{"قصف": true, "غاره": true, "ضربه": true, "strike": true, "raid": true, "bombardment": true}

func attackNounOf(t *token) bool {
	for _, c := range t.cands {
		if attackNouns[c] {
			return true
		}
	}
	return false
}

// definiteStateAttack returns the state of a definite attack noun a
// demonym qualifies at the head of the sentence: "The Turkish strike hit",
// "الغارة الإسرائيلية"; "" when there is none.
func definiteStateAttack(s *sent) string {
	for _, en := range s.ents {
		if en.p.kind != "demonym" || en.p.country == "" || en.start > s.dateline+4 {
			continue
		}
		t := &s.toks[en.start]
		if !t.ar && en.start > 0 && s.toks[en.start-1].norm == "the" && en.end < len(s.toks) && attackNounOf(&s.toks[en.end]) {
			return en.p.country
		}
		if t.ar && en.start > 0 && attackNounOf(&s.toks[en.start-1]) && slices.Contains(s.toks[en.start-1].art, true) && slices.Contains(t.art, true) {
			return en.p.country
		}
	}
	return ""
}

// firstActor returns the first actor named for the attack, "" if none.
func (a *attackAcc) firstActor() string {
	for _, m := range a.ms {
		if len(m.actors) > 0 {
			return m.actors[0].p.val
		}
	}
	return ""
}

// byState reports an attack whose first named actor is a state.
func (a *attackAcc) byState() bool {
	for _, m := range a.ms {
		if len(m.actors) > 0 {
			return m.actors[0].p.kind == "state"
		}
	}
	return false
}

// otherState reports a state or demonym of another country in the
// sentence, other than a place where it happened ("in northern Iraq").
func otherState(s *sent, m match) bool {
	for _, en := range s.ents {
		if (en.p.kind == "state" || en.p.kind == "demonym") && en.p.country != "" && en.p.country != m.p.country && !locative(s, en.start) {
			return true
		}
	}
	return false
}
