package claimwatch

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by stores when the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// FeedStore keeps the feeds and their health.
type FeedStore interface {
	// AddFeed inserts a feed, or, when one with the same URL exists
	// (removed or not), revives it and updates its name and options. It
	// returns the stored feed with its ID.
	AddFeed(ctx context.Context, f Feed) (Feed, error)
	// Feeds returns every feed not removed, ordered by ID.
	Feeds(ctx context.Context) ([]Feed, error)
	// FeedByURL returns the feed with that URL, or ErrNotFound.
	FeedByURL(ctx context.Context, url string) (Feed, error)
	// RemoveFeed marks a feed removed; its items and facts stay.
	RemoveFeed(ctx context.Context, id int64) error
	// SaveFeedState writes a feed's URL, validators and health after a poll.
	SaveFeedState(ctx context.Context, f Feed) error
}

// ReportRecord is one item with what the summarizer drew from it, saved in
// one transaction by ReportStore.SaveReport.
type ReportRecord struct {
	Item  Item
	Feed  string // the feed's name, kept with each source
	Facts Facts
	// Alert raises alerts for the new incidents and casualty updates this
	// report causes. The poller sets it false for a feed's backlog.
	Alert bool
	Now   time.Time
}

// SaveResult says what SaveReport did.
type SaveResult struct {
	ItemID           int64
	New              bool // the item was stored for the first time
	Edited           bool // the item was known, and its Hash changed
	StoryID          int64
	NewIncidents     []int64
	UpdatedIncidents []int64 // incidents this report merged into
}

// ReportStore keeps items and their facts, and merges attacks into incidents.
type ReportStore interface {
	// ItemHash returns the Hash stored for the item with that key in that
	// feed, and whether there is one. The poller summarizes only items that
	// are new or whose hash changed.
	ItemHash(ctx context.Context, feedID int64, key string) (hash string, found bool, err error)
	// SaveReport stores, in one transaction: the item (new, or replacing
	// an edited one), its statements and tallies (an edit replaces the
	// item's), its attacks merged into incidents (SameIncident against the
	// incidents of the days around it; a match adds the item as a source),
	// its story (an item of another feed with a fingerprint within 3 bits,
	// seen in the last 72 hours, shares its StoryID), and, when rec.Alert
	// is set, an AlertNew for each new incident and an AlertUpdate for each
	// incident whose casualties grew. Saving an unchanged item again
	// changes nothing and raises no alert.
	SaveReport(ctx context.Context, rec ReportRecord) (SaveResult, error)
}

// IncidentQuery selects incidents.
type IncidentQuery struct {
	// From and To bound the incidents returned: those first seen in
	// [From, To), and those whose OccurredOn lies between From's UTC date
	// minus one day and To's UTC date plus one day. Callers filter the
	// result with Incident.Day in their own time zone. Zero means unbounded.
	From, To time.Time
	Limit    int // newest first when set; 0 = all, oldest first
}

// IncidentStore answers questions about incidents, statements and tallies.
type IncidentStore interface {
	Incidents(ctx context.Context, q IncidentQuery) ([]Incident, error) // with their Sources
	Incident(ctx context.Context, id int64) (Incident, error)           // ErrNotFound
	LatestStatements(ctx context.Context, n int) ([]StatementRecord, error)
	// LatestTallies returns the newest tally of each subject (subjects
	// compared by Fold), newest first.
	LatestTallies(ctx context.Context, n int) ([]TallyRecord, error)
	Stats(ctx context.Context) (Stats, error)
}

// ChatStore keeps chats, their settings and subscriptions.
type ChatStore interface {
	Chat(ctx context.Context, id int64) (Chat, error) // ErrNotFound
	// SaveChat inserts or updates a chat (type, title, subscription,
	// pause, settings, last digest).
	SaveChat(ctx context.Context, c Chat) error
	// SubscribedChats returns the chats subscribed and not paused.
	SubscribedChats(ctx context.Context) ([]Chat, error)
	// PauseChat marks a chat paused with the reason; its unsent messages
	// stay in the outbox unsent.
	PauseChat(ctx context.Context, id int64, reason string) error
	// MigrateChat moves a chat (settings, subscription, unsent messages) to
	// a new ID, as Telegram does when a group becomes a supergroup.
	MigrateChat(ctx context.Context, from, to int64) error
}

// Outbox is the durable queue of messages owed to chats.
type Outbox interface {
	// Enqueue appends messages in one transaction; their IDs order them.
	Enqueue(ctx context.Context, msgs []OutMessage) error
	// NextMessages returns up to limit messages that may be sent now: for
	// each chat not paused, its oldest unsent message, if its NotBefore is
	// not after now. Oldest first.
	NextMessages(ctx context.Context, now time.Time, limit int) ([]OutMessage, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// Retry records a failed attempt and sets when to try again.
	Retry(ctx context.Context, id int64, notBefore time.Time, lastError string) error
	// PendingAlerts returns alerts not yet dispatched, oldest first.
	PendingAlerts(ctx context.Context, limit int) ([]Alert, error)
	// DispatchAlert marks an alert dispatched and enqueues its messages, in
	// one transaction.
	DispatchAlert(ctx context.Context, alertID int64, msgs []OutMessage) error
	// SaveDigest enqueues a chat's digest and records its local date, in
	// one transaction.
	SaveDigest(ctx context.Context, chatID int64, date string, msgs []OutMessage) error
	// CommitUpdate enqueues the replies to a Telegram update and stores the
	// next getUpdates offset, in one transaction, so a restart neither
	// loses nor repeats a command.
	CommitUpdate(ctx context.Context, offset int64, replies []OutMessage) error
	// UpdateOffset returns the stored getUpdates offset, 0 if none.
	UpdateOffset(ctx context.Context) (int64, error)
}

// Store is everything claimwatch keeps. store.DB implements it.
type Store interface {
	FeedStore
	ReportStore
	IncidentStore
	ChatStore
	Outbox
}
