// Package claimwatch holds the plain domain types of claimwatch: the news it
// reads (feeds, items, reports), the facts the summarizer draws from them
// (attacks, statements, tallies), the incidents those attacks make, and the
// chats that follow them. It imports nothing but the standard library; every
// other package of the project points inward to it.
package claimwatch

import (
	"time"
)

// Responsibility says who ties an attack to its perpetrator. The values are
// spelled exactly as ../shared/corpus/OUTPUT.md spells them.
type Responsibility string

// The three kinds of responsibility.
const (
	Claimed    Responsibility = "claimed"    // the group itself claimed it
	Attributed Responsibility = "attributed" // a third party blames the group
	Unclaimed  Responsibility = "unclaimed"  // the report names no perpetrator
)

// Weapon is one word of the weapon vocabulary of SCHEMA.md.
type Weapon string

// The weapon vocabulary.
const (
	Drone     Weapon = "drone"
	Rocket    Weapon = "rocket"
	Missile   Weapon = "missile"
	Mortar    Weapon = "mortar"
	IED       Weapon = "ied"
	CarBomb   Weapon = "car_bomb"
	Suicide   Weapon = "suicide"
	Gunfire   Weapon = "gunfire"
	Shelling  Weapon = "shelling"
	Airstrike Weapon = "airstrike"
	Other     Weapon = "other"
)

// Weapons lists the vocabulary in a stable order.
var Weapons = []Weapon{Drone, Rocket, Missile, Mortar, IED, CarBomb, Suicide, Gunfire, Shelling, Airstrike, Other}

// Report is one news report as the summarizer reads it: a headline, a body
// of plain text (paragraphs separated by blank lines) and, when known, the
// time the outlet published it. Relative dates in the text resolve against
// Published.
type Report struct {
	Title     string
	Text      string
	Published time.Time // zero when unknown
	URL       string    // the report's link, "" when unknown
	Source    string    // the outlet's name, "" when unknown
}

// Attack is one concrete attack a report describes. Field names and JSON
// spelling follow OUTPUT.md. Killed and Injured are nil when the report says
// nothing and point to 0 when it says explicitly that nobody was hurt.
type Attack struct {
	Claimant       string         `json:"claimant"`      // canonical English name, "" if none named
	ClaimantText   string         `json:"claimant_text"` // as written in the report
	Responsibility Responsibility `json:"responsibility"`
	Weapons        []Weapon       `json:"weapons"`
	Target         string         `json:"target"`      // canonical English when known, else as written
	TargetText     string         `json:"target_text"` // as written
	Place          string         `json:"place"`
	Country        string         `json:"country"`
	Date           string         `json:"date"` // YYYY-MM-DD, "" when the report does not say
	Killed         *int           `json:"killed"`
	Injured        *int           `json:"injured"`
	Evidence       string         `json:"evidence"` // the sentence the attack was read from
}

// Statement is what a named or described speaker said, as a report quotes
// or paraphrases it.
type Statement struct {
	Speaker     string `json:"speaker"`      // canonical name when known, else as written
	SpeakerText string `json:"speaker_text"` // as written
	Role        string `json:"role"`
	Quote       string `json:"quote"`
	Evidence    string `json:"evidence"`
}

// Tally is a running count a report cites ("92 attacks since 17 October").
type Tally struct {
	Count    int    `json:"count"`
	Subject  string `json:"subject"`
	Since    string `json:"since"` // YYYY-MM-DD, "" when not stated
	Source   string `json:"source"`
	Evidence string `json:"evidence"`
}

// Facts is everything the summarizer draws from one report.
type Facts struct {
	Language   string      `json:"language"` // "ar" or "en"
	Attacks    []Attack    `json:"attacks"`
	Statements []Statement `json:"statements"`
	Tallies    []Tally     `json:"tallies"`
}

// Count returns a pointer to n, for Attack.Killed and Attack.Injured.
func Count(n int) *int { return &n }
