package feeds

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCanonicalLink(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "  ", ""},
		{"scheme and host lower-cased, fragment dropped", "HTTPS://News.Example.COM/World/Story?id=7#comments", "https://news.example.com/World/Story?id=7"},
		{"tracking parameters dropped, others kept in order", "https://x.test/a?utm_source=rss&b=2&fbclid=abc&a=1&gclid=z&UTM_Medium=m", "https://x.test/a?b=2&a=1"},
		{"only tracking parameters", "https://x.test/a?utm_source=rss", "https://x.test/a"},
		{"default ports dropped", "http://x.test:80/a", "http://x.test/a"},
		{"other ports kept", "http://x.test:8080/a", "http://x.test:8080/a"},
		{"empty path becomes /", "https://x.test", "https://x.test/"},
		{"not http is kept as it is", "urn:uuid:1234", "urn:uuid:1234"},
		{"relative is kept as it is", "/news/1", "/news/1"},
		{"unparsable is kept as it is", "http://[::1/x", "http://[::1/x"},
		{"arabic path", "https://ar.test/أخبار/1?utm_campaign=x", "https://ar.test/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := canonicalLink(tc.in); got != tc.want {
				t.Errorf("canonicalLink(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestItemKey(t *testing.T) {
	tests := []struct {
		name, guid, link, title, date, want string
	}{
		{"GUID first", " g-1 ", "https://x.test/1", "t", "d", "g-1"},
		{"canonical link next", "", "https://X.test/1?utm_source=a", "t", "d", "https://x.test/1"},
		{"link with an identifying fragment", "", "http://x.test/index.php?utm_source=a#1108061566", "t", "d", "http://x.test/index.php#1108061566"},
		{"link with an anchor fragment", "", "http://x.test/a#comments", "t", "d", "http://x.test/a"},
		{"title and date last", "", "", "Title", "Mon, 01 Jan 2026", "sha256:" + shortHash("Title\x00Mon, 01 Jan 2026")},
		{"long GUID hashed", strings.Repeat("g", 600), "", "", "", "sha256:" + shortHash(strings.Repeat("g", 600))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := itemKey(tc.guid, tc.link, tc.title, tc.date); got != tc.want {
				t.Errorf("itemKey(%q, %q, %q, %q) = %q, want %q", tc.guid, tc.link, tc.title, tc.date, got, tc.want)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text tidied", "  one   two \n\n\n three ", "one two\n\nthree"},
		{"paragraphs", "<p>First.</p><p>Second &amp; last.</p>", "First.\n\nSecond & last."},
		{"line breaks", "a<br>b<br/>c", "a\nb\nc"},
		{"list items", "<ul><li>x</li><li>y</li></ul>after", "x\ny\n\nafter"},
		{"scripts and styles dropped", "<style>p{}</style>keep<script>var x = '<p>';</script> this", "keep this"},
		{"entities decoded", "&quot;q&quot; &#1575;&#1604; &nbsp;x&hellip;", "\"q\" ال x…"},
		{"image alt kept", `see <img src="a.png" alt="a map"> here`, "see a map here"},
		{"broken markup", "<p>open <b>bold <i>never closed", "open bold never closed"},
		{"arabic", "<div>قال <strong>المتحدث</strong></div><div>سطر ثان</div>", "قال المتحدث\n\nسطر ثان"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlText(tc.in); got != tc.want {
				t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if got := titleText("Talks on <security> &amp; <b>trade</b>"); got != "Talks on <security> & trade" {
		t.Errorf("titleText = %q", got)
	}
}

func TestSimHash(t *testing.T) {
	base := "Militants fired three rockets at the air base early on Tuesday, officials said. No casualties were reported, " +
		"and the damage to the runway was light according to a statement issued by the provincial governor later that day. " +
		"The group behind the attack has not been named and no claim of responsibility has appeared so far."
	a := simHash(base)
	if b := simHash(strings.ToUpper(strings.ReplaceAll(base, ",", " ;"))); b != a {
		t.Errorf("case and punctuation changed the hash by %d bits", bits.OnesCount64(a^b))
	}
	if d := bits.OnesCount64(a ^ simHash(strings.Replace(base, "three", "four", 1))); d > 12 {
		t.Errorf("one changed word moved %d bits", d)
	}
	c := simHash("The central bank raised interest rates by half a point to curb inflation, the governor announced on Monday")
	if d := bits.OnesCount64(a ^ c); d < 16 {
		t.Errorf("unrelated texts differ by only %d bits", d)
	}
	// The shingle hash is FNV-1a of the words joined by spaces.
	h := fnv.New64a()
	h.Write([]byte("one two three"))
	if got, want := simHash("One, two; THREE"), h.Sum64(); got != want {
		t.Errorf("simHash of one shingle = %x, want its FNV-1a %x", got, want)
	}
	if simHash("") != 0 || simHash("two words") == 0 {
		t.Errorf("short inputs: %x %x", simHash(""), simHash("two words"))
	}
}

func FuzzCanonicalLink(f *testing.F) {
	for _, s := range []string{
		"https://x.test/a?utm_source=rss&b=2#f", "HTTP://X.TEST:80", "urn:x", "/rel", "http://[::1]:443/",
		"https://x.test/%zz?a=%", "https://ü.test/é", "https://x.test/a?&&", "http://x.test/a;b?c#d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := canonicalLink(s)
		if again := canonicalLink(got); again != got {
			t.Errorf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if !utf8.ValidString(got) {
			t.Errorf("canonicalLink(%q) = %q, not UTF-8", s, got)
		}
	})
}

func FuzzItemKey(f *testing.F) {
	f.Add("g-1", "https://x.test/1", "title", "date")
	f.Add("", "HTTPS://X.test/1?utm_source=a#x", "t", "")
	f.Add("", "", "Title", "Mon, 01 Jan 2026")
	f.Add(" ", " ", "", "")
	f.Fuzz(func(t *testing.T, guid, link, title, date string) {
		k := itemKey(guid, link, title, date)
		if k == "" || len(k) > maxKey || !utf8.ValidString(k) {
			t.Errorf("itemKey(%q, %q, %q, %q) = %q", guid, link, title, date, k)
		}
		if again := itemKey(k, "", "", ""); again != k {
			t.Errorf("not idempotent: %q -> %q", k, again)
		}
		if again := itemKey("", k, "", ""); strings.HasPrefix(k, "http") && again != k {
			t.Errorf("link key not stable: %q -> %q", k, again)
		}
	})
}
