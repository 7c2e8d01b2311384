package summarize

import (
	"embed"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

//go:embed data/gazetteer.yaml data/lexicon.yaml
var dataFS embed.FS

// Entry is one name of the gazetteer: an armed group, a state, a base, a
// place, a sea or a news agency, with every spelling that names it.
type Entry struct {
	Name    string   `yaml:"name" json:"name"`
	Kind    string   `yaml:"kind" json:"kind"` // group, state, base, place, sea, agency
	Country string   `yaml:"country" json:"country"`
	Within  string   `yaml:"within" json:"within"` // the place it lies in, "" if none
	Aliases []string `yaml:"aliases" json:"aliases"`
}

type gazetteerFile struct {
	Entries []Entry `yaml:"entries" json:"entries"`
}

var entryKinds = map[string]bool{"group": true, "state": true, "base": true, "place": true, "sea": true, "agency": true, "demonym": true}

func loadGazetteer(data []byte, name string) ([]Entry, error) {
	var g gazetteerFile
	if err := yaml.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	for i, e := range g.Entries {
		if strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("gazetteer %s: entry %d has no name", name, i+1)
		}
		if !entryKinds[e.Kind] {
			return nil, fmt.Errorf("gazetteer %s: entry %q has kind %q (want group, state, base, place, sea, agency or demonym)", name, e.Name, e.Kind)
		}
	}
	return g.Entries, nil
}

type lexiconFile struct {
	Weapons map[string][]string `yaml:"weapons"`
	Classes map[string][]string `yaml:"target_class"`
	Lists   map[string][]string `yaml:",inline"`
}

// verbCats are lists of verbs: a word with the article is never one.
var verbCats = map[string]bool{"report": true}

// payload is what a matched phrase stands for.
type payload struct {
	cat     string // lexicon list, or "entity"
	val     string // weapon name or canonical entity name
	kind    string // entity kind
	country string
	within  string
	text    string // the words as written, for a match carried to another clause
}

type patTok struct {
	s      string
	prefix bool
	caps   bool // match only a token written in capitals
	verb   bool // never match a word that carried the article
}

type pattern struct {
	toks []patTok
	p    *payload
}

// matcher finds lexicon phrases in token streams. It is built once and
// only read afterwards.
type matcher struct {
	exact  map[string][]*pattern
	prefix map[string][]*pattern // keyed by the first two runes
}

type match struct {
	start, end int // token indexes, end exclusive
	p          *payload
	form       string // the phrase's first word as listed, folded
}

func newMatcher() *matcher {
	return &matcher{exact: map[string][]*pattern{}, prefix: map[string][]*pattern{}}
}

func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
	}
	return s[:i]
}

// add compiles one phrase. A phrase of no words is ignored.
func (m *matcher) add(phrase string, p *payload) {
	toks := tokenize(phrase)
	var pt []patTok
	for _, t := range toks {
		if t.kind == tPunct {
			if t.text == "*" && len(pt) > 0 {
				pt[len(pt)-1].prefix = true
			}
			continue
		}
		caps := !t.ar && t.upper && utf8.RuneCountInString(t.text) <= 5 && t.kind == tWord
		form := patternForm(t.text)
		if p.cat == "entity" {
			form = fold(t.text) // names keep their article: "القاعدة" is not "قاعدة"
		}
		pt = append(pt, patTok{s: form, caps: caps, verb: verbCats[p.cat]})
	}
	if len(pt) == 0 || pt[0].s == "" {
		return
	}
	pat := &pattern{toks: pt, p: p}
	if pt[0].prefix && utf8.RuneCountInString(pt[0].s) >= 2 {
		k := firstRunes(pt[0].s, 2)
		m.prefix[k] = append(m.prefix[k], pat)
		return
	}
	pt[0].prefix = false
	m.exact[pt[0].s] = append(m.exact[pt[0].s], pat)
}

func (pt patTok) matches(t *token) bool {
	if t.kind == tPunct {
		return false
	}
	if pt.caps && !t.upper {
		return false
	}
	for i, c := range t.cands {
		if pt.verb && i < len(t.art) && t.art[i] {
			continue
		}
		if c == pt.s || pt.prefix && strings.HasPrefix(c, pt.s) {
			return true
		}
	}
	return false
}

// find returns every phrase that starts at some token of toks.
func (m *matcher) find(toks []token) []match {
	var out []match
	var seen []*pattern
	for i := range toks {
		t := &toks[i]
		if t.kind == tPunct {
			continue
		}
		seen = seen[:0]
		try := func(pats []*pattern) {
			for _, pat := range pats {
				dup := false
				for _, s := range seen {
					if s == pat {
						dup = true
						break
					}
				}
				if dup {
					continue
				}
				if i+len(pat.toks) > len(toks) || !pat.toks[0].matches(t) {
					continue
				}
				ok := true
				k := i + 1
				for j := 1; j < len(pat.toks); j++ {
					// "U.S.": the periods between letters are not words
					for k < len(toks) && toks[k].norm == "." && toks[k-1].upper && k+1 < len(toks) {
						k++
					}
					// "Kurdistan Workers' Party": a plural's possessive mark
					// glued to the word is no word either
					if k+1 < len(toks) && toks[k].norm == "'" && toks[k].start == toks[k-1].end && strings.HasSuffix(toks[k-1].norm, "s") {
						k++
					}
					if k >= len(toks) || !pat.toks[j].matches(&toks[k]) {
						ok = false
						break
					}
					k++
				}
				if ok {
					seen = append(seen, pat)
					out = append(out, match{start: i, end: k, p: pat.p, form: pat.toks[0].s})
				}
			}
		}
		for _, c := range t.cands {
			try(m.exact[c])
			try(m.prefix[firstRunes(c, 2)])
		}
	}
	return out
}

// lexicons holds the compiled word lists and gazetteer.
type lexicons struct {
	m      *matcher
	within map[string]string // place -> the place it lies in
}

func buildLexicons(extra []string) (*lexicons, error) {
	m := newMatcher()
	raw, err := dataFS.ReadFile("data/lexicon.yaml")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	var lf lexiconFile
	if err := yaml.Unmarshal(raw, &lf); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	for w, phrases := range lf.Weapons {
		p := &payload{cat: "weapon", val: w}
		for _, ph := range phrases {
			m.add(ph, p)
		}
	}
	for c, phrases := range lf.Classes {
		p := &payload{cat: "target_class", val: c}
		for _, ph := range phrases {
			m.add(ph, p)
		}
	}
	for cat, phrases := range lf.Lists {
		p := &payload{cat: cat}
		for _, ph := range phrases {
			m.add(ph, p)
		}
	}
	raw, err = dataFS.ReadFile("data/gazetteer.yaml")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	entries, err := loadGazetteer(raw, "data/gazetteer.yaml")
	if err != nil {
		return nil, err
	}
	// Extra files come first: on a tie between two names for the same
	// words, the first compiled wins, so configuration overrides the
	// embedded gazetteer.
	var extras []Entry
	for _, f := range extra {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("gazetteer %s: %w", f, err)
		}
		more, err := loadGazetteer(b, f)
		if err != nil {
			return nil, err
		}
		extras = append(more, extras...) // a later file overrides an earlier one
	}
	entries = append(extras, entries...)
	for _, e := range entries {
		p := &payload{cat: "entity", val: e.Name, kind: e.Kind, country: e.Country, within: e.Within}
		if e.Kind == "state" && e.Country == "" {
			p.country = e.Name
		}
		m.add(e.Name, p)
		for _, a := range e.Aliases {
			m.add(a, p)
		}
	}
	within := map[string]string{}
	for _, e := range entries {
		if e.Within != "" {
			within[e.Name] = e.Within
		}
	}
	return &lexicons{m: m, within: within}, nil
}

// inside reports whether place a lies in place b, directly or not.
func (l *lexicons) inside(a, b string) bool {
	for k := 0; k < 5 && a != ""; k++ {
		a = l.within[a]
		if a == b {
			return true
		}
	}
	return false
}
