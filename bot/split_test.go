package bot

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// splitText is what a reader sees of HTML: no tags, entities decoded.
func splitText(s string) string { return html.UnescapeString(stripTags(s)) }

// checkBalanced fails unless every tag of part is closed in order.
func checkBalanced(t *testing.T, part string) {
	t.Helper()
	var stack []string
	for _, a := range scanHTML(part) {
		switch a.kind {
		case atomOpen:
			stack = append(stack, a.name)
		case atomClose:
			if len(stack) == 0 || stack[len(stack)-1] != a.name {
				t.Fatalf("part closes </%s> with %v open:\n%s", a.name, stack, part)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		t.Fatalf("part leaves %v open:\n%s", stack, part)
	}
}

// checkParts checks Split's promises for one input.
func checkParts(t *testing.T, text string, limit int, parts []string) {
	t.Helper()
	for i, p := range parts {
		if n := utf16Len(p); n > limit {
			t.Fatalf("part %d has %d UTF-16 units, limit %d:\n%s", i, n, limit, p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("part %d is not valid UTF-8 (a character was cut): %q", i, p)
		}
		checkBalanced(t, p)
	}
	var got strings.Builder
	for _, p := range parts {
		got.WriteString(splitText(p))
	}
	// Every word survives, in order. White space at a cut may go: each
	// part is a message of its own, which Telegram trims anyway, and a part
	// with nothing visible is dropped.
	if g, w := strings.Join(strings.Fields(got.String()), " "), strings.Join(strings.Fields(splitText(text)), " "); g != w {
		t.Fatalf("text not preserved\n got: %q\nwant: %q", g, w)
	}
}

func TestSplit(t *testing.T) {
	long := strings.Repeat("word ", 30) // 150 units
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"empty text gives no parts", "", 100, nil},
		{"white space gives no parts", " \n ", 100, nil},
		{"short text stays whole", "<b>hi</b> there", 100, []string{"<b>hi</b> there"}},
		{"cut at the last line break that fits", "line number one\nline number two\nline three", 34,
			[]string{"line number one\nline number two\n", "line three"}},
		{"an open tag is closed and reopened", "<b>" + strings.Repeat("a", 20) + "\n" + strings.Repeat("b", 20) + "</b>", 32,
			[]string{"<b>" + strings.Repeat("a", 20) + "\n</b>", "<b>" + strings.Repeat("b", 20) + "</b>"}},
		{"a link is reopened with its href", `<a href="https://x.example/a">` + strings.Repeat("c", 30) + "\n" + strings.Repeat("d", 30) + "</a>", 80,
			[]string{`<a href="https://x.example/a">` + strings.Repeat("c", 30) + "\n</a>", `<a href="https://x.example/a">` + strings.Repeat("d", 30) + "</a>"}},
		{"a long line is cut at a space", long, 64, nil},
		{"a blank line is preferred when the part is half full", "first block line\nsecond line\n\nnext block one\nnext block two", 48,
			[]string{"first block line\nsecond line\n\n", "next block one\nnext block two"}},
		{"a line break is taken when the blank line comes too early", "tiny\n\nthe next block is long\nand goes on here\nand on", 48,
			[]string{"tiny\n\nthe next block is long\nand goes on here\n", "and on"}},
		{"an entity is never cut", strings.Repeat("&amp;", 20), 32,
			[]string{strings.Repeat("&amp;", 6), strings.Repeat("&amp;", 6), strings.Repeat("&amp;", 6), strings.Repeat("&amp;", 2)}},
		{"emoji count two units each", strings.Repeat("😀", 20), 32, []string{strings.Repeat("😀", 16), strings.Repeat("😀", 4)}},
		{"arabic is cut between words", strings.Repeat("هجوم بطائرة مسيّرة ", 10), 40, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Split(tc.text, tc.limit)
			checkParts(t, tc.text, max(tc.limit, minSplitLimit), got)
			if tc.want != nil && fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("Split(%q, %d)\n got %q\nwant %q", tc.text, tc.limit, got, tc.want)
			}
			if tc.want == nil && strings.TrimSpace(tc.text) != "" && len(got) < 2 {
				t.Errorf("Split(%q, %d) = %q, want it cut", tc.text, tc.limit, got)
			}
		})
	}
}

func TestSplitCutsLongLineAtWords(t *testing.T) {
	text := strings.Repeat("alpha beta ", 40)
	for _, p := range Split(text, 50) {
		if strings.HasSuffix(strings.TrimSpace(p), "alph") || strings.HasPrefix(p, "lpha") || strings.HasPrefix(p, "eta") {
			t.Fatalf("part %q cuts a word", p)
		}
	}
}

// randomHTML builds a message of random lines with nested tags, links,
// entities, Arabic, emoji (surrogate pairs in UTF-16) and combining marks.
func randomHTML(r *rand.Rand) string {
	words := []string{"attack", "drone", "هجوم", "مسيّرة", "العراق", "😀", "👍🏽", "🇮🇶", "&amp;", "&lt;b&gt;", "&quot;", "a" + strings.Repeat("x", r.IntN(80)), "é", "e\u0301", "\u2068Ain al-Asad\u2069", "\u200f•"}
	tags := []string{"b", "i", "a", "blockquote", "code"}
	var b strings.Builder
	lines := 1 + r.IntN(30)
	for range lines {
		var open []string
		for range r.IntN(20) {
			if r.IntN(6) == 0 && len(open) < 3 {
				tag := tags[r.IntN(len(tags))]
				if tag == "a" {
					fmt.Fprintf(&b, `<a href="https://outlet.example/%d?x=1&amp;y=2">`, r.IntN(1000))
				} else {
					b.WriteString("<" + tag + ">")
				}
				open = append(open, tag)
			}
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(5) == 0 && len(open) > 0 {
				b.WriteString("</" + open[len(open)-1] + ">")
				open = open[:len(open)-1]
			}
			b.WriteString(" ")
		}
		if r.IntN(3) == 0 { // a tag that spans lines
			b.WriteString("\n")
		}
		for k := len(open) - 1; k >= 0; k-- {
			b.WriteString("</" + open[k] + ">")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestSplitProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		text := randomHTML(r)
		limit := 32 + r.IntN(400)
		parts := Split(text, limit)
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkParts(t, text, limit, parts) })
		if t.Failed() {
			t.Fatalf("input (limit %d):\n%q", limit, text)
		}
	}
}

func TestSplitFallsBackToTextWhenMarkupCannotFit(t *testing.T) {
	href := "https://outlet.example/" + strings.Repeat("p", 100)
	text := `<a href="` + href + `">` + strings.Repeat("word ", 20) + "</a>"
	parts := Split(text, 40)
	checkParts(t, text, 40, parts)
	if strings.Contains(strings.Join(parts, ""), "<a") {
		t.Errorf("markup kept though it cannot fit: %q", parts)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("<b>hello</b>\nworld", 32)
	f.Add("&amp;&lt;😀 هجوم\u0301", 33)
	f.Add("<a href=\"https://x.example\">"+strings.Repeat("z", 300)+"</a>", 64)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		limit = 32 + absInt(limit)%4096
		for _, p := range Split(text, limit) {
			if n := utf16Len(p); n > limit {
				t.Fatalf("part has %d units, limit %d: %q", n, limit, p)
			}
		}
	})
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func ExampleSplit() {
	text := "<b>Attacks per day</b>\n<pre>2026-11-24    3\n2026-11-25   11\n</pre>\n<b>Total</b>: 14"
	for _, part := range Split(text, 40) {
		fmt.Printf("%q\n", part)
	}
	// Output:
	// "<b>Attacks per day</b>\n"
	// "<pre>2026-11-24    3\n</pre>"
	// "<pre>2026-11-25   11\n</pre>\n"
	// "<b>Total</b>: 14"
}

// BenchmarkSplit cuts a 40 KB reply (ten messages' worth) of mixed Arabic
// and English lines with links.
func BenchmarkSplit(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 40<<10; i++ {
		fmt.Fprintf(&sb, "\u200f• %d · هجوم بطائرة مسيّرة · <b>\u2068Islamic Resistance in Iraq\u2069</b> 🔗 <a href=\"https://outlet.example/news/%d\">Desert Wire</a>\n", i, i)
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Split(text, MaxMessageLen)
	}
}
