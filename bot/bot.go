// Package bot is claimwatch's chat side: the commands a chat sends, the
// replies, alerts and digests it gets, and the durable sender that delivers
// them within Telegram's limits. It is the only package that calls Telegram;
// the bot token never leaves it.
package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch"
)

// Command is one command a chat sent, translated from its transport
// (a Telegram update or a console line) at the edge.
type Command struct {
	ChatID    int64
	ChatType  string // private, group, supergroup, channel, console
	ChatTitle string
	UserID    int64
	UserLang  string // the sender's Telegram language_code, "" if unknown
	Text      string // the message as written
	Name      string // the command, lower case, without "/" and "@botname": "today"
	Args      []string
}

// Handler answers one command with its replies, each Telegram HTML of at
// most 4,096 UTF-16 units. The Telegram update loop, the webhook and the
// console all call it; it knows no transport.
type Handler interface {
	Handle(ctx context.Context, cmd Command) ([]string, error)
}

// ChatAdmins tells whether a user administers a chat. Telegram answers with
// getChatMember; the console's only user administers its chat.
type ChatAdmins interface {
	IsChatAdmin(ctx context.Context, chatID, userID int64) (bool, error)
}

// FeedChecker fetches a feed once, as /addfeed must before it stores one,
// and returns its title or why it is not a usable feed.
type FeedChecker interface {
	CheckFeed(ctx context.Context, url string) (title string, err error)
}

// Deliverer delivers one message (Telegram HTML) to one chat. Telegram's
// refusals come back as *DeliveryError.
type Deliverer interface {
	Deliver(ctx context.Context, chatID int64, text string) error
}

// DeliveryErrorKind classifies a refused delivery by what the sender must do.
type DeliveryErrorKind int

// The kinds of refused delivery.
const (
	// Transient: 5xx, a timeout or a network error; retry with backoff.
	Transient DeliveryErrorKind = iota
	// RateLimited: 429; pause every send for RetryAfter, then resend.
	RateLimited
	// Gone: 403 (blocked, kicked, deactivated) or "chat not found";
	// pause the chat, never retry.
	Gone
	// Migrated: the group became a supergroup with ID MigrateTo; move the
	// chat and resend there.
	Migrated
	// Rejected: any other 400; the message itself is bad. Do not resend.
	Rejected
)

// DeliveryError is a delivery Telegram refused or that did not reach it.
// Its text never contains the bot token.
type DeliveryError struct {
	Kind       DeliveryErrorKind
	Code       int           // Telegram's error_code or the HTTP status, 0 for network errors
	RetryAfter time.Duration // with RateLimited
	MigrateTo  int64         // with Migrated
	Err        error         // the cause, token already redacted
}

func (e *DeliveryError) Error() string {
	switch e.Kind {
	case RateLimited:
		return fmt.Sprintf("telegram: rate limited, retry after %s: %v", e.RetryAfter, e.Err)
	case Migrated:
		return fmt.Sprintf("telegram: chat migrated to %d: %v", e.MigrateTo, e.Err)
	}
	return fmt.Sprintf("telegram: %v", e.Err)
}

func (e *DeliveryError) Unwrap() error { return e.Err }

// ErrNotAdmin is returned when a user who does not administer a group tries
// to change its subscription or settings.
var ErrNotAdmin = errors.New("only the chat's administrators may do that")

// Store is what the bot keeps in the store.
type Store interface {
	claimwatch.ChatStore
	claimwatch.Outbox
	claimwatch.IncidentStore
	claimwatch.FeedStore
}
