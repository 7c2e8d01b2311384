package summarize

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxTextBytes caps the text read from one report; the rest is ignored.
const maxTextBytes = 64 << 10

// cleanText makes a report's text safe to read: valid UTF-8, HTML reduced
// to its text, capped at maxTextBytes, line endings unified.
func cleanText(s string) string {
	if len(s) > 4*maxTextBytes {
		s = s[:4*maxTextBytes]
	}
	s = strings.ToValidUTF8(s, "")
	if looksLikeHTML(s) {
		s = htmlToText(s)
	}
	if len(s) > maxTextBytes {
		cut := maxTextBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s
}

func looksLikeHTML(s string) bool {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return false
	}
	rest := strings.ToLower(s[i:])
	for _, tag := range []string{"<p", "<br", "<div", "<span", "<a ", "<html", "<body", "<b>", "<i>", "<strong", "<em>", "<h1", "<h2", "<h3", "<li", "<img", "<script", "<style", "<!--", "<table", "</"} {
		if strings.Contains(rest, tag) {
			return true
		}
	}
	return false
}

// htmlToText walks the tokens of an HTML fragment and keeps its text, with
// a blank line for each block element; script and style are dropped.
func htmlToText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript":
				if z.Token().Type == html.StartTagToken {
					skip++
				}
			case "br":
				b.WriteByte('\n')
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article":
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript":
				if skip > 0 {
					skip--
				}
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article":
				b.WriteString("\n\n")
			}
		}
	}
}

// foldRune maps one rune to its matching form: Arabic diacritics and
// tatweel vanish (0), alef, yeh, taa marbuta and hamza carriers fold,
// Eastern digits become ASCII, Latin letters lower case.
func foldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
		return 0
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return 0
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى' || r == 'ئ' || r == 'ی':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r == 'ؤ':
		return 'و'
	case r == 'ک':
		return 'ك'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == '’' || r == '‘' || r == '`':
		return '\''
	}
	return unicode.ToLower(r)
}

// fold returns s in matching form.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := foldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// tokKind says what a token is.
type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	text  string   // as written
	norm  string   // folded
	cands []string // folded forms with attached prefixes removed, norm first
	art   []bool   // art[i]: cands[i] lost an article, so it is a noun
	kind  tokKind
	num   int  // value of a tNum token
	upper bool // written in capitals (Latin)
	cap   bool // starts with a capital (Latin)
	ar    bool
	start int // byte offsets in the sentence
	end   int
}

// Arabic proclitics: conjunctions, then prepositions, then the article.
func arabicCands(w string) ([]string, []bool) {
	out := []string{w}
	art := []bool{false}
	add := func(s string, a bool) {
		if utf8.RuneCountInString(s) < 2 {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
		art = append(art, a)
	}
	stems := []string{w}
	for _, c := range []string{"و", "ف"} {
		if strings.HasPrefix(w, c) && utf8.RuneCountInString(w) > 3 {
			stems = append(stems, w[len(c):])
		}
	}
	n := len(stems)
	for i := 0; i < n; i++ {
		s := stems[i]
		for _, p := range []string{"ب", "ل", "ك"} {
			if strings.HasPrefix(s, p) && utf8.RuneCountInString(s) > 3 {
				stems = append(stems, s[len(p):])
			}
		}
	}
	for _, s := range stems {
		add(s, false)
		if strings.HasPrefix(s, "ال") && utf8.RuneCountInString(s) > 3 {
			add(s[len("ال"):], true)
		}
		if strings.HasPrefix(s, "لل") && utf8.RuneCountInString(s) > 3 {
			add(s[len("لل"):], true)
			add("ال"+s[len("لل"):], false) // "للموصل" is "ل" + "الموصل"
		}
	}
	return out, art
}

// patternForm is how a lexicon word is stored: folded, without the article.
func patternForm(w string) string {
	w = fold(w)
	if strings.HasPrefix(w, "ال") && utf8.RuneCountInString(w) > 3 {
		w = w[len("ال"):]
	}
	return w
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
}

// tokenize splits a sentence into tokens. Hyphens split words; an
// apostrophe inside a Latin word stays; digits with inner separators stay
// one number.
func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == 0x200F || r == 0x200E || r == 0xFEFF {
			i += sz
			continue
		}
		start := i
		if unicode.IsDigit(r) {
			j := i + sz
			for j < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) {
					j += sz2
					continue
				}
				if (r2 == ',' || r2 == '.' || r2 == '٬' || r2 == '٫') && j+sz2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+sz2:])
					if unicode.IsDigit(r3) {
						j += sz2
						continue
					}
				}
				break
			}
			// "2.15am", "10th": letters glued to a number make it a word.
			k := j
			for k < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[k:])
				if !unicode.IsLetter(r2) || isArabic(r2) {
					break
				}
				k += sz2
			}
			if k > j {
				t := token{text: s[start:k], kind: tWord, start: start, end: k}
				t.norm = fold(t.text)
				t.cands = []string{t.norm}
				toks = append(toks, t)
				i = k
				continue
			}
			t := token{text: s[start:j], kind: tNum, start: start, end: j}
			t.norm = fold(t.text)
			t.cands = []string{t.norm}
			t.num = parseDigits(t.norm)
			toks = append(toks, t)
			i = j
			continue
		}
		if isWordRune(r) {
			j := i + sz
			for j < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsDigit(r2) && isArabic(r) && arPrefixes[fold(s[start:j])] {
					break // "لـ١٣٠", "ب٣": a prefix glued to a number
				}
				if isWordRune(r2) {
					j += sz2
					continue
				}
				if (r2 == '\'' || r2 == '’') && !isArabic(r) && j+sz2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+sz2:])
					if unicode.IsLetter(r3) && !isArabic(r3) {
						j += sz2
						continue
					}
				}
				break
			}
			t := token{text: s[start:j], kind: tWord, start: start, end: j}
			t.norm = fold(t.text)
			if t.norm == "" {
				i = j
				continue
			}
			t.ar = isArabic(r)
			if t.ar {
				t.cands, t.art = arabicCands(t.norm)
			} else {
				n := strings.TrimSuffix(t.norm, "'s")
				if n != t.norm {
					t.norm = n
				}
				t.cands = []string{t.norm}
				t.cap = unicode.IsUpper(r)
				t.upper = isAllUpper(t.text)
			}
			toks = append(toks, t)
			i = j
			continue
		}
		if r == '-' && len(toks) > 0 && toks[len(toks)-1].kind != tPunct && toks[len(toks)-1].end == start && i+sz < len(s) {
			if r2, _ := utf8.DecodeRuneInString(s[i+sz:]); isWordRune(r2) {
				i += sz // "al-Asad", "al-Qaida-linked": one name, no mark between
				continue
			}
		}
		t := token{text: s[start : start+sz], kind: tPunct, start: start, end: start + sz}
		t.norm = t.text
		t.cands = []string{t.norm}
		toks = append(toks, t)
		i += sz
	}
	return toks
}

// arPrefixes are the Arabic letters that attach to the next word.
var arPrefixes = map[string]bool{"ل": true, "ب": true, "و": true, "ك": true, "ف": true, "ول": true, "وب": true, "فب": true, "فل": true}

func isAllUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 0
}

func parseDigits(s string) int {
	s = strings.NewReplacer(",", "", "٬", "").Replace(s)
	if i := strings.IndexAny(s, ".٫"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 9 {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// sentence is one sentence of a report.
type sentence struct {
	text  string
	toks  []token
	para  int // paragraph index; the headline is paragraph -1
	index int
}

var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "capt": true, "col": true, "gen": true, "lt": true,
	"sgt": true, "maj": true, "gov": true, "sen": true, "rep": true, "st": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "no": true, "vs": true, "a.m": true, "p.m": true, "u.s": true, "u.n": true,
	"u.k": true, "inc": true, "corp": true, "co": true, "ltd": true, "jr": true, "sr": true, "prof": true,
	"adm": true, "cpl": true, "pvt": true, "brig": true,
}

// splitSentences splits text into sentences: paragraphs on newlines, then
// on . ! ? ؟ ; ؛ and the ellipsis, except after abbreviations and initials.
func splitSentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		start := 0
		for i := 0; i < len(para); {
			r, sz := utf8.DecodeRuneInString(para[i:])
			end := i + sz
			if r == '.' || r == '!' || r == '?' || r == '؟' || r == ';' || r == '؛' || r == '…' {
				// absorb repeated marks and closing quotes
				for end < len(para) {
					r2, sz2 := utf8.DecodeRuneInString(para[end:])
					if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '؟' || r2 == '"' || r2 == '”' || r2 == '»' || r2 == '\'' || r2 == '’' || r2 == ')' {
						end += sz2
						continue
					}
					break
				}
				if end < len(para) {
					r2, _ := utf8.DecodeRuneInString(para[end:])
					if !unicode.IsSpace(r2) && !isArabic(r2) {
						i = end
						continue
					}
				}
				if r == '.' && isAbbrevBefore(para[start:i]) {
					i = end
					continue
				}
				if r == '.' && end < len(para) {
					// a lower-case Latin word after the period continues the sentence
					rest := strings.TrimLeft(para[end:], " ")
					r3, _ := utf8.DecodeRuneInString(rest)
					if unicode.IsLower(r3) && !isArabic(r3) {
						i = end
						continue
					}
				}
				if s := strings.TrimSpace(para[start:end]); s != "" {
					out = append(out, s)
				}
				start = end
			}
			i = end
		}
		if s := strings.TrimSpace(para[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isAbbrevBefore(s string) bool {
	s = strings.TrimRight(s, " ")
	j := strings.LastIndexAny(s, " (\"“")
	w := s[j+1:]
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r) {
		return true // an initial
	}
	return abbrevs[strings.ToLower(w)]
}
