package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CheckFeed fetches a URL once, as /addfeed must before it stores a feed,
// and returns the feed's title. It refuses with a readable reason what is
// not a feed (ErrNotAFeed; for a web page that names its feed, the error
// says where it is), too large (ErrBodyTooLarge) or not answered
// (*StatusError, a timeout). It stores nothing.
func (p *Poller) CheckFeed(ctx context.Context, rawURL string) (title string, err error) {
	resp, err := p.fetch(ctx, request{url: rawURL, maxBody: p.opts.MaxBody, timeout: p.opts.Timeout, accept: feedAccept})
	if err != nil {
		return "", fmt.Errorf("check feed %s: %w", rawURL, err)
	}
	if resp.status == http.StatusNotModified { // we sent no validators
		return "", fmt.Errorf("check feed %s: %w", rawURL, &StatusError{Code: resp.status})
	}
	parsed, err := parse(resp.body, resp.contentType, "")
	if err != nil {
		if errors.Is(err, ErrNotAFeed) {
			base := rawURL
			if resp.movedTo != "" {
				base = resp.movedTo
			}
			if links := feedLinks(resp.body, base); len(links) > 0 {
				return "", fmt.Errorf("check feed %s: %w; the page names a feed at %s", rawURL, err, links[0])
			}
		}
		return "", fmt.Errorf("check feed %s: %w", rawURL, err)
	}
	title = titleText(parsed.Title)
	if title == "" {
		title = rawURL
	}
	return title, nil
}

// feedLinks returns the feeds an HTML page announces with
// <link rel="alternate" type="application/rss+xml" href="…">, made absolute.
func feedLinks(page []byte, base string) []string {
	b, err := url.Parse(base)
	if err != nil {
		return nil
	}
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				return out // feeds are announced in the head
			}
			if a != atom.Link || !hasAttr {
				continue
			}
			var rel, typ, href string
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(strings.TrimSpace(string(v)))
				case "href":
					href = strings.TrimSpace(string(v))
				}
			}
			if !strings.Contains(" "+rel+" ", " alternate ") || href == "" {
				continue
			}
			switch typ {
			case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json":
				if u, err := b.Parse(href); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
					out = append(out, u.String())
				}
			}
		}
	}
}
