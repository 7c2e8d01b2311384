package claimwatch

import (
	"slices"
	"strings"
	"time"
)

// AlertMode says how a chat wants to hear of new incidents.
type AlertMode string

// The alert modes.
const (
	AlertsInstant AlertMode = "instant"
	AlertsDigest  AlertMode = "digest"
	AlertsBoth    AlertMode = "both"
)

// Chat is a Telegram chat (or the console) that talks to the bot.
type Chat struct {
	ID           int64
	Type         string // private, group, supergroup, channel, console
	Title        string
	Subscribed   bool
	Paused       bool   // Telegram refused delivery (blocked, kicked, not found); never retried
	PausedReason string // e.g. "Forbidden: bot was blocked by the user"
	Settings     ChatSettings
	LastDigest   string // local date (YYYY-MM-DD) of the last digest sent, "" if none
	CreatedAt    time.Time
}

// ChatSettings is what a chat has chosen with /settings.
type ChatSettings struct {
	Lang       string    // "ar" or "en"
	TimeZone   string    // IANA name, e.g. "Asia/Baghdad"; "" means UTC
	Alerts     AlertMode // "" means instant
	DigestHour int       // 0-23, local time
	// Quiet hours, local time: instant alerts that fall in [QuietFrom,
	// QuietTo) wait for the digest. Equal values mean no quiet hours.
	QuietFrom, QuietTo int
	// Filters: an incident must match every non-empty list (any entry of it).
	Claimants []string
	Countries []string
	Weapons   []Weapon
	Keywords  []string
}

// DefaultSettings returns the settings of a new chat whose first sender
// writes in lang (a Telegram language_code, "" if unknown).
func DefaultSettings(lang string) ChatSettings {
	l := "en"
	if strings.HasPrefix(strings.ToLower(lang), "ar") {
		l = "ar"
	}
	return ChatSettings{Lang: l, Alerts: AlertsInstant, DigestHour: 8}
}

// Location returns the chat's time zone, UTC when unset or unknown.
func (s ChatSettings) Location() *time.Location {
	if s.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Instant reports whether the chat wants instant alerts.
func (s ChatSettings) Instant() bool {
	return s.Alerts == "" || s.Alerts == AlertsInstant || s.Alerts == AlertsBoth
}

// Digest reports whether the chat wants a daily digest.
func (s ChatSettings) Digest() bool { return s.Alerts == AlertsDigest || s.Alerts == AlertsBoth }

// Quiet reports whether t falls in the chat's quiet hours.
func (s ChatSettings) Quiet(t time.Time) bool {
	if s.QuietFrom == s.QuietTo {
		return false
	}
	h := t.In(s.Location()).Hour()
	if s.QuietFrom < s.QuietTo {
		return h >= s.QuietFrom && h < s.QuietTo
	}
	return h >= s.QuietFrom || h < s.QuietTo // wraps midnight
}

// Wants reports whether the incident passes the chat's filters.
func (s ChatSettings) Wants(in Incident) bool {
	a := in.Attack
	if len(s.Claimants) > 0 && !slices.ContainsFunc(s.Claimants, func(c string) bool { return Fold(c) == Fold(a.Claimant) }) {
		return false
	}
	if len(s.Countries) > 0 && !slices.ContainsFunc(s.Countries, func(c string) bool { return Fold(c) == Fold(a.Country) }) {
		return false
	}
	if len(s.Weapons) > 0 && !slices.ContainsFunc(s.Weapons, func(w Weapon) bool { return slices.Contains(a.Weapons, w) }) {
		return false
	}
	if len(s.Keywords) > 0 {
		hay := Fold(strings.Join([]string{a.Claimant, a.ClaimantText, a.Target, a.TargetText, a.Place, a.Country, a.Evidence}, " "))
		if !slices.ContainsFunc(s.Keywords, func(k string) bool { return k != "" && strings.Contains(hay, Fold(k)) }) {
			return false
		}
	}
	return true
}

// OutMessage is one message owed to a chat, written to the store's outbox
// before it is sent. Messages to one chat are sent in ID order.
type OutMessage struct {
	ID        int64
	ChatID    int64
	Kind      string // reply, alert, update, digest, admin
	Text      string // Telegram HTML, at most 4,096 UTF-16 code units
	CreatedAt time.Time
	NotBefore time.Time // not sent before this (retry backoff)
	Attempts  int
	LastError string
}

// AlertKind says why an alert was raised.
type AlertKind string

// The alert kinds.
const (
	AlertNew    AlertKind = "new"    // a new incident
	AlertUpdate AlertKind = "update" // a later report raised its casualties
)

// Alert is an incident event waiting to be turned into messages for the
// chats that follow it.
type Alert struct {
	ID        int64
	Kind      AlertKind
	Incident  Incident
	CreatedAt time.Time
}

// StatementRecord is a stored statement with the report it came from.
type StatementRecord struct {
	ID int64
	Statement
	Source Source
}

// TallyRecord is a stored tally with the report it came from.
type TallyRecord struct {
	ID int64
	Tally
	Source Source
}

// Stats sums up the store for /stats.
type Stats struct {
	Feeds, FailingFeeds  int
	Items, Incidents     int
	Statements, Tallies  int
	Chats, Subscribed    int
	PausedChats          int
	OutboxPending        int
	OldestPendingMessage time.Time
}
