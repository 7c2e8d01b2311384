package bot

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageLen is the Bot API's limit on a message's text, in UTF-16 code
// units (https://core.telegram.org/bots/api#sendmessage: "1-4096 characters
// after entities parsing"; we count the markup too, to stay on the safe side).
const MaxMessageLen = 4096

// minSplitLimit is the smallest limit Split honours: below it a tag or an
// entity might not fit in a part at all.
const minSplitLimit = 32

// Split cuts text (Telegram HTML) into parts of at most limit UTF-16 code
// units each, as the Bot API counts a message's length. It cuts at a blank
// line when that leaves the part at least half full, else at a line break,
// else at a space, else between two characters (never
// inside a tag, an entity, a surrogate pair, or before a combining mark).
// A tag open at a cut is closed at the end of the part and opened again at
// the start of the next, so every part is valid HTML on its own. The
// separator stays at the end of the part before the cut; parts with no
// visible text are dropped, and an empty text gives no parts. A limit below
// 32 is taken as 32.
//
// Should the markup itself not fit (a tag longer than the limit, or tags
// whose reopening would fill more than half a part), Split drops the markup
// and splits the bare text, which keeps every word.
func Split(text string, limit int) []string {
	limit = max(limit, minSplitLimit)
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if utf16Len(text) <= limit {
		return []string{text}
	}
	atoms := scanHTML(text)
	var (
		parts []string
		stack []openTag
	)
	for i := 0; i < len(atoms); {
		part, next, after, ok := fillPart(text, atoms, i, stack, limit)
		if !ok {
			return Split(stripTags(text), limit)
		}
		if visible(part) {
			parts = append(parts, part)
		}
		i, stack = next, after
	}
	return parts
}

type atomKind int

const (
	atomChar atomKind = iota
	atomEntity
	atomOpen
	atomClose
)

// atom is a piece of HTML that is never cut: a character, an entity or a tag.
type atom struct {
	kind       atomKind
	start, end int // byte offsets in the text
	units      int // UTF-16 code units
	name       string
	r          rune
}

type openTag struct {
	name, text string
}

func scanHTML(s string) []atom {
	atoms := make([]atom, 0, utf8.RuneCountInString(s))
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				tag := s[i+1 : i+end]
				a := atom{kind: atomOpen, start: i, end: i + end + 1, units: utf16Len(s[i : i+end+1])}
				if strings.HasPrefix(tag, "/") {
					a.kind = atomClose
					tag = tag[1:]
				}
				a.name = strings.ToLower(strings.TrimSpace(tag))
				if n := strings.IndexAny(a.name, " \t\n"); n >= 0 {
					a.name = a.name[:n]
				}
				atoms = append(atoms, a)
				i = a.end
				continue
			}
		case '&':
			if end := strings.IndexByte(s[i:], ';'); end > 1 && end <= 12 && isEntityName(s[i+1:i+end]) {
				atoms = append(atoms, atom{kind: atomEntity, start: i, end: i + end + 1, units: end + 1})
				i += end + 1
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		atoms = append(atoms, atom{kind: atomChar, start: i, end: i + size, units: utf16RuneLen(r), r: r})
		i += size
	}
	return atoms
}

func isEntityName(s string) bool {
	for _, c := range s {
		if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// fillPart builds the part that starts at atoms[i] with stack open, and
// returns it with the index of the next part's first atom and the tags
// open there. ok is false when not even one atom fits.
func fillPart(text string, atoms []atom, i int, stack []openTag, limit int) (part string, next int, after []openTag, ok bool) {
	cur := append([]openTag(nil), stack...)
	cost := 0
	for _, t := range cur {
		cost += utf16Len(t.text)
	}
	closers := closersLen(cur)
	if 2*(cost+closers) > limit {
		return "", 0, nil, false // reopened markup would leave room for a few characters only
	}
	type cut struct {
		at    int
		stack []openTag
		cost  int
	}
	var para, line, space cut
	seen := false   // the part shows something
	prevNL := false // the last character was a line break
	j := i
	for ; j < len(atoms); j++ {
		a := atoms[j]
		ns, nclosers := cur, closers
		switch a.kind {
		case atomOpen:
			ns = append(cur[:len(cur):len(cur)], openTag{name: a.name, text: text[a.start:a.end]})
			nclosers = closers + len(a.name) + 3
		case atomClose:
			if k := lastOpen(cur, a.name); k >= 0 {
				ns = cur[:k:k]
				nclosers = closersLen(ns)
			}
		}
		if cost+a.units+nclosers > limit {
			break
		}
		cost += a.units
		cur, closers = ns, nclosers
		nl := prevNL
		if a.kind != atomOpen && a.kind != atomClose {
			prevNL = a.kind == atomChar && a.r == '\n'
		}
		switch {
		case a.kind == atomEntity || a.kind == atomChar && !unicode.IsSpace(a.r):
			seen = true
		case a.kind != atomChar || !seen:
			// Not a break, or one that would leave the part blank.
		case a.r == '\n' && nl:
			para = cut{j + 1, cur, cost}
			line = para
		case a.r == '\n':
			line = cut{j + 1, cur, cost}
		default:
			space = cut{j + 1, cur, cost}
		}
	}
	c := cut{j, cur, cost}
	switch {
	case j == len(atoms):
	case para.at > i && 2*para.cost >= limit: // keep paragraphs (cards, blocks) whole when it costs at most half a part
		c = para
	case line.at > i:
		c = line
	case space.at > i:
		c = space
	default:
		// A forced cut: not before a combining mark or inside an emoji
		// sequence, and not right after a tag that would stay empty.
		for c.at > i+1 && (joins(atoms[c.at]) || atoms[c.at-1].kind == atomChar && atoms[c.at-1].r == '\u200d' || atoms[c.at-1].kind == atomOpen) {
			c.at--
		}
		if c.at != j {
			c.stack = stackAt(text, atoms, i, c.at, stack)
		}
	}
	if c.at == i {
		return "", 0, nil, false
	}
	// Tags closed right after the cut close in this part: that costs what
	// their closers cost, and spares the next part an empty element.
	for c.at < len(atoms) {
		a := atoms[c.at]
		if a.kind != atomClose || len(c.stack) == 0 || c.stack[len(c.stack)-1].name != a.name || a.units != len(a.name)+3 {
			break
		}
		c.stack = c.stack[: len(c.stack)-1 : len(c.stack)-1]
		c.at++
	}
	var b strings.Builder
	for _, t := range stack {
		b.WriteString(t.text)
	}
	b.WriteString(text[atoms[i].start:atoms[c.at-1].end])
	for k := len(c.stack) - 1; k >= 0; k-- {
		b.WriteString("</" + c.stack[k].name + ">")
	}
	return b.String(), c.at, c.stack, true
}

// joins reports whether a cut before a must not happen: a combining mark,
// a zero width joiner or a variation selector belongs to what precedes it.
func joins(a atom) bool {
	if a.kind != atomChar {
		return false
	}
	return unicode.In(a.r, unicode.Mn, unicode.Me) || a.r == '\u200d' || a.r >= 0xFE00 && a.r <= 0xFE0F || a.r >= 0x1F3FB && a.r <= 0x1F3FF
}

func stackAt(text string, atoms []atom, i, at int, stack []openTag) []openTag {
	cur := append([]openTag(nil), stack...)
	for _, a := range atoms[i:at] {
		switch a.kind {
		case atomOpen:
			cur = append(cur, openTag{name: a.name, text: text[a.start:a.end]})
		case atomClose:
			if k := lastOpen(cur, a.name); k >= 0 {
				cur = cur[:k]
			}
		}
	}
	return cur
}

func lastOpen(stack []openTag, name string) int {
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].name == name {
			return k
		}
	}
	return -1
}

func closersLen(stack []openTag) int {
	n := 0
	for _, t := range stack {
		n += len(t.name) + 3
	}
	return n
}

// stripTags removes every tag and keeps the text, entities as they are.
func stripTags(s string) string {
	var b strings.Builder
	for _, a := range scanHTML(s) {
		if a.kind == atomChar || a.kind == atomEntity {
			b.WriteString(s[a.start:a.end])
		}
	}
	return b.String()
}

// visible reports whether an HTML part shows anything but white space.
func visible(s string) bool {
	inTag := false
	for _, r := range s {
		switch {
		case inTag:
			inTag = r != '>'
		case r == '<':
			inTag = true
		case !unicode.IsSpace(r):
			return true
		}
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16RuneLen(r)
	}
	return n
}

func utf16RuneLen(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1 // an invalid rune is sent as U+FFFD, one unit
}
