package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
)

// article fetches an item's page and extracts its readable text, within
// ArticleTimeout and ArticleMaxBody and under the per-host limit.
func (p *Poller) article(ctx context.Context, link string) (string, error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("article %s: %w", link, err)
	}
	resp, err := p.fetch(ctx, request{
		url: link, maxBody: p.opts.ArticleMaxBody, timeout: p.opts.ArticleTimeout,
		accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
	})
	if err != nil {
		return "", fmt.Errorf("article %s: %w", link, err)
	}
	if typ, _ := mediaType(resp.contentType); typ != "" && !strings.Contains(typ, "html") {
		return "", fmt.Errorf("article %s: not a web page (%s)", link, typ)
	}
	body, err := toUTF8(resp.body, resp.contentType, "")
	if err != nil {
		body = bytes.ToValidUTF8(resp.body, []byte("\uFFFD"))
	}
	art, err := readability.FromReader(bytes.NewReader(body), u)
	if err != nil {
		return "", fmt.Errorf("article %s: readability: %w", link, err)
	}
	var b strings.Builder
	if err := art.RenderHTML(&b); err != nil {
		return "", fmt.Errorf("article %s: render: %w", link, err)
	}
	text := truncate(htmlText(b.String()), maxText)
	if text == "" {
		return "", fmt.Errorf("article %s: no readable text", link)
	}
	return text, nil
}
