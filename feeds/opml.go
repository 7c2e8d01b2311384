package feeds

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/claimwatch/claimwatch"
)

// opml is an OPML 2.0 document (https://opml.org/spec2.opml), as much of it
// as a feed list needs.
type opml struct {
	XMLName xml.Name  `xml:"opml"`
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Created string    `xml:"head>dateCreated,omitempty"`
	Body    []outline `xml:"body>outline"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// ImportOPML reads the feeds of an OPML document: every outline with an
// xmlUrl, at any depth, named by its title or text (else its URL). A URL
// listed twice is returned once. It stores nothing and checks no URL.
func ImportOPML(r io.Reader) ([]claimwatch.Feed, error) {
	var doc opml
	dec := xml.NewDecoder(io.LimitReader(r, 32<<20))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("read OPML: %w", err)
	}
	var out []claimwatch.Feed
	seen := map[string]bool{}
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				name := strings.TrimSpace(o.Title)
				if name == "" {
					name = strings.TrimSpace(o.Text)
				}
				if name == "" {
					name = u
				}
				out = append(out, claimwatch.Feed{Name: name, URL: u})
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body)
	if len(out) == 0 {
		return nil, errors.New("read OPML: no outline with an xmlUrl")
	}
	return out, nil
}

// ExportOPML writes the feeds as an OPML 2.0 document.
func ExportOPML(w io.Writer, feeds []claimwatch.Feed) error {
	// No dateCreated: the same feeds give the same document.
	doc := opml{Version: "2.0", Title: "claimwatch feeds"}
	for _, f := range feeds {
		doc.Body = append(doc.Body, outline{Text: f.Name, Title: f.Name, Type: "rss", XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write OPML: %w", err)
	}
	return nil
}
