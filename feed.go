package claimwatch

import "time"

// Feed is one outlet's RSS, Atom or JSON feed that claimwatch polls.
type Feed struct {
	ID       int64
	Name     string
	URL      string        // the URL polled; a permanent redirect replaces it
	Interval time.Duration // 0 means the configured default
	FullText bool          // fetch each item's article page for its whole text
	Charset  string        // charset to assume when neither HTTP nor XML declares one; "" = UTF-8

	// Conditional GET validators from the last 200 answer (RFC 9110 §13).
	ETag         string
	LastModified string

	Health FeedHealth
}

// FeedHealth is how a feed's polling has gone. It is what /sources and
// `claimwatch feeds list` show.
type FeedHealth struct {
	LastPoll            time.Time // last attempt, success or not
	LastSuccess         time.Time
	LastStatus          int    // HTTP status of the last answer, 0 if none came
	LastError           string // "" after a success; reads well to a user
	ConsecutiveFailures int
	ItemsSeen           int       // distinct items stored from this feed, ever
	NextPoll            time.Time // not before this (interval, backoff, Retry-After)
	FailingSince        time.Time // first failure of the current run of failures; zero when healthy
	DownNotified        bool      // admins were told this feed is down
}

// Item is one entry of a feed, once normalized: identity decided, text
// decoded to UTF-8 and stripped of HTML.
type Item struct {
	ID        int64
	FeedID    int64
	Key       string // identity within its feed: GUID, else canonical link, else hash of title and date
	GUID      string
	Link      string // canonical link, "" when the item has none
	Title     string
	Text      string // plain text (summary, content or fetched article)
	Published time.Time
	FetchedAt time.Time // first seen
	Hash      string    // hash of title and text: a changed hash under the same Key is an edit
	// Fingerprint is a SimHash of the normalized title and text; items of
	// different feeds whose fingerprints are close tell the same story.
	Fingerprint uint64
	StoryID     int64 // set by the store: items telling the same story share it
}

// Report returns the item as the summarizer reads it.
func (it Item) Report(feedName string) Report {
	return Report{Title: it.Title, Text: it.Text, Published: it.Published, URL: it.Link, Source: feedName}
}

// PollResult is the outcome of one poll of one feed, in the shape of
// OUTPUT.md's `poll --once --json` line.
type PollResult struct {
	Feed    string  `json:"feed"`
	OK      bool    `json:"ok"`
	Error   string  `json:"error"`
	Status  int     `json:"status"`
	Items   int     `json:"items"`
	New     int     `json:"new"`
	Seconds float64 `json:"seconds"`
}
