package feeds

import (
	"context"
	"fmt"
	"net/http"
)

// CheckFeed fetches url once, as /addfeed must before it stores a feed, and
// returns the feed's title. It refuses with a readable reason what is not a
// feed (ErrNotAFeed), too large (ErrBodyTooLarge) or not answered
// (*StatusError, a timeout). It stores nothing.
func (p *Poller) CheckFeed(ctx context.Context, url string) (title string, err error) {
	resp, err := p.fetch(ctx, request{url: url, maxBody: p.opts.MaxBody, timeout: p.opts.Timeout, accept: feedAccept})
	if err != nil {
		return "", fmt.Errorf("check feed %s: %w", url, err)
	}
	if resp.status == http.StatusNotModified { // we sent no validators
		return "", fmt.Errorf("check feed %s: %w", url, &StatusError{Code: resp.status})
	}
	parsed, err := parse(resp.body, resp.contentType, "")
	if err != nil {
		return "", fmt.Errorf("check feed %s: %w", url, err)
	}
	title = titleText(parsed.Title)
	if title == "" {
		title = url
	}
	return title, nil
}
