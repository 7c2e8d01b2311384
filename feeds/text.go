package feeds

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText turns an HTML fragment (a feed's description or content, or a
// readability article) into plain text: paragraphs and other blocks become
// blank-line-separated paragraphs, <br> a line break, entities are decoded,
// scripts and styles dropped, runs of spaces collapsed. Plain text passes
// through with only its spaces tidied.
func htmlText(s string) string { return toText(s, false) }

// titleText is htmlText for a headline, on one line. Tags that are not
// HTML ("<security>", once gofeed has decoded "&lt;security&gt;") stay as
// written.
func titleText(s string) string { return oneLine(toText(s, true)) }

func toText(s string, keepUnknown bool) string {
	if !strings.ContainsAny(s, "<&") {
		return tidy(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside script, style and their kind
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template, atom.Svg, atom.Object:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Br:
				b.WriteByte('\n')
			case atom.Li, atom.Tr, atom.Dt, atom.Dd, atom.Figcaption, atom.Caption:
				if tt != html.EndTagToken {
					b.WriteByte('\n')
				}
			case atom.Td, atom.Th:
				b.WriteByte(' ')
			case atom.Img:
				if tt != html.EndTagToken {
					if alt := attr(z, "alt"); alt != "" && skip == 0 {
						b.WriteString(" " + alt + " ")
					}
				}
			case 0:
				if keepUnknown && skip == 0 {
					b.Write(z.Raw())
				}
			default:
				if blockAtoms[a] {
					b.WriteString("\n\n")
				}
			}
		}
	}
}

func attr(z *html.Tokenizer, name string) string {
	for {
		k, v, more := z.TagAttr()
		if string(k) == name {
			return string(v)
		}
		if !more {
			return ""
		}
	}
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Pre: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Table: true,
	atom.Hr: true, atom.Article: true, atom.Section: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Figure: true, atom.Main: true,
	atom.Nav: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}

// tidy collapses spaces within lines, trims each line, keeps single line
// breaks, and turns any run of blank lines into one.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	first := true
	for line := range strings.Lines(s) {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			blank++
			continue
		}
		if !first {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		first, blank = false, 0
	}
	return b.String()
}
