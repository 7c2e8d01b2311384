package summarize

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
)

// sent is one sentence with what the lexicons found in it.
type sent struct {
	sentence
	ms       []match
	ents     []match // gazetteer entities, longest first, not overlapping
	byCat    map[string][]match
	isHead   bool
	dateline int // tokens before this index are the dateline ("BAGHDAD", "بغداد:")
}

func (s *sent) has(cat string) bool { return len(s.byCat[cat]) > 0 }

// covered reports whether token i lies inside a match of cat.
func (s *sent) covered(cat string, i int) bool {
	for _, m := range s.byCat[cat] {
		if i >= m.start && i < m.end {
			return true
		}
	}
	return false
}

func (s *sent) catAt(cat string, i int) (match, bool) {
	for _, m := range s.byCat[cat] {
		if m.start == i {
			return m, true
		}
	}
	return match{}, false
}

// span returns the text of tokens [a, b) as written.
func (s *sent) span(a, b int) string {
	if a >= b || a < 0 || b > len(s.toks) {
		return ""
	}
	return strings.TrimSpace(s.text[s.toks[a].start:s.toks[b-1].end])
}

func (e *Extractor) analyze(text string, idx, para int, head bool) *sent {
	s := &sent{sentence: sentence{text: text, toks: tokenize(text), para: para, index: idx}, isHead: head}
	s.ms = e.lex.m.find(s.toks)
	s.byCat = map[string][]match{}
	var ents []match
	for _, m := range s.ms {
		if m.p.cat == "entity" {
			ents = append(ents, m)
			continue
		}
		s.byCat[m.p.cat] = append(s.byCat[m.p.cat], m)
	}
	// longest entity first, then earliest; later (config) entries win ties
	taken := make([]bool, len(s.toks))
	for len(ents) > 0 {
		best := 0
		for i, m := range ents {
			bl := ents[best].end - ents[best].start
			l := m.end - m.start
			if l > bl || l == bl && m.start < ents[best].start {
				best = i
			}
		}
		m := ents[best]
		ents = append(ents[:best], ents[best+1:]...)
		free := true
		for k := m.start; k < m.end; k++ {
			if taken[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := m.start; k < m.end; k++ {
			taken[k] = true
		}
		s.ents = append(s.ents, m)
	}
	sortMatches(s.ents)
	return s
}

func sortMatches(ms []match) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// doc is a report being read.
type doc struct {
	lang      string
	pub       time.Time
	sents     []*sent
	country   string       // the country the report is mostly about
	tallySent map[int]bool // sentences that state a tally
	text      string       // the headline and body, cleaned
}

func (e *Extractor) read(r claimwatch.Report) *doc {
	title := strings.TrimSpace(cleanText(r.Title))
	body := cleanText(r.Text)
	d := &doc{pub: r.Published}
	d.text = title + "\n" + body
	d.lang = DetectLanguage(d.text)
	idx := 0
	if title != "" {
		title = strings.Join(strings.Fields(title), " ")
		d.sents = append(d.sents, e.analyze(title, idx, -1, true))
		idx++
	}
	para := 0
	for _, p := range strings.Split(body, "\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		for _, st := range chunk(splitSentences(p), maxSentenceBytes) {
			s := e.analyze(st, idx, para, false)
			if para == 0 {
				s.dateline = datelineEnd(s)
			}
			d.sents = append(d.sents, s)
			idx++
		}
		para++
		if idx > maxSentences {
			break
		}
	}
	d.country = docCountry(d)
	return d
}

// maxSentenceBytes bounds a sentence; a longer run of text without a full
// stop is no sentence of the genre and is cut at spaces.
const maxSentenceBytes = 1500

// maxSentences bounds the sentences read from one report.
const maxSentences = 2000

func chunk(sents []string, max int) []string {
	var out []string
	for _, s := range sents {
		for len(s) > max {
			cut := strings.LastIndexAny(s[:max], " \n\t")
			if cut <= 0 {
				cut = max
				for cut > 0 && !utf8.RuneStart(s[cut]) {
					cut--
				}
			}
			out = append(out, strings.TrimSpace(s[:cut]))
			s = strings.TrimSpace(s[cut:])
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// datelineEnd returns how many tokens the dateline of a report's first
// sentence takes: "BAGHDAD", "PESHAWAR, Pakistan", "بغداد:", "(CNN)".
func datelineEnd(s *sent) int {
	toks := s.toks
	i := 0
	for i < len(toks) && i < 6 && (toks[i].kind == tWord && !toks[i].ar && toks[i].upper && runeLen(toks[i].text) > 1 ||
		i > 0 && toks[i].norm == "/" && i+1 < len(toks) && toks[i+1].upper) {
		i++ // "JERUSALEM/BEIRUT"
	}
	if i > 0 {
		if i+1 < len(toks) && toks[i].norm == "," && toks[i+1].cap {
			i += 2
		}
		return i
	}
	for k := 0; k < len(toks) && k < 4; k++ {
		if toks[k].norm == ":" || toks[k].norm == "–" || toks[k].norm == "-" {
			if k > 0 && toks[0].ar {
				return k + 1
			}
		}
	}
	return 0
}

// groupBefore is the group named most often up to sentence idx, the latest
// on a tie: what "the group" and "التنظيم" refer to.
func (d *doc) groupBefore(idx int) string {
	n := map[string]int{}
	last := map[string]int{}
	for _, s := range d.sents {
		if s.index >= idx {
			break
		}
		for _, en := range s.ents {
			if en.p.kind == "group" {
				n[en.p.val]++
				last[en.p.val] = s.index*10000 + en.start
			}
		}
	}
	best := ""
	for g, c := range n {
		if best == "" || c > n[best] || c == n[best] && last[g] > last[best] {
			best = g
		}
	}
	return best
}

// docCountry is the country named most as a location: places count twice,
// states after "in"/"في" once, the headline double.
func docCountry(d *doc) string {
	score := map[string]int{}
	for _, s := range d.sents {
		w := 1
		if s.isHead || s.index <= 1 {
			w = 2
		}
		for _, m := range s.ents {
			if m.start < s.dateline {
				continue // where the reporter filed from
			}
			switch m.p.kind {
			case "place", "base":
				if m.p.country != "" {
					score[m.p.country] += 2 * w
				}
			case "state":
				if locative(s, m.start) {
					score[m.p.country] += w
				}
			}
		}
	}
	best, bs := "", 0
	for c, n := range score {
		if n > bs || n == bs && c < best {
			best, bs = c, n
		}
	}
	return best
}

// locative reports whether the word at i is introduced as a location
// ("في العراق", "in Iraq", "بالعراق", "شمال العراق").
func locative(s *sent, i int) bool {
	t := &s.toks[i]
	if t.ar {
		n := t.norm
		if strings.HasPrefix(n, "في") || strings.HasPrefix(n, "بال") || strings.HasPrefix(n, "وبال") {
			return true
		}
	}
	if i > 0 {
		p := s.toks[i-1].norm
		switch p {
		case "في", "قرب", "بالقرب", "in", "into", "near", "across", "inside", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "داخل", "بشمال", "بجنوب", "بشرق", "بغرب", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
			"northwestern", "northeastern", "southwestern", "southeastern", "northwest", "northeast", "southwest", "southeast":
			return true
		}
	}
	if i > 1 && s.toks[i-1].norm == "'s" {
		return true
	}
	// "في شمال العراق وسوريا", "in Iraq and Syria": the second of two places
	conj := t.ar && strings.HasPrefix(t.norm, "و") || i > 1 && (s.toks[i-1].norm == "and" || s.toks[i-1].norm == "or")
	if conj {
		prev := i - 1
		if !t.ar {
			prev = i - 2
		}
		for _, en := range s.ents {
			if en.end == prev+1 && en.start < i && (en.p.kind == "place" || en.p.kind == "state") && en.start < prev+1 && locative(s, en.start) {
				return true
			}
		}
	}
	return false
}

// DetectLanguage returns "ar" when Arabic letters outnumber Latin ones,
// else "en".
func DetectLanguage(text string) string {
	var ar, lat int
	for i, c := range text {
		if i > maxTextBytes {
			break
		}
		switch {
		case isArabic(c):
			ar++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			lat++
		}
	}
	if ar > lat {
		return "ar"
	}
	return "en"
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
