package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
	"github.com/mmcdole/gofeed"
)

// maxText caps an item's plain text; a description of megabytes is kept
// up to this, cut at a rune boundary.
const maxText = 256 << 10

// maxKey caps an item key; a longer GUID or link is replaced by its hash.
const maxKey = 512

// translate turns the gofeed items of one feed into claimwatch items: the
// one place where gofeed's types end. base resolves relative links; now is
// the first-seen time, used as Published when the date is missing,
// unparsable or in the future. Items whose key repeats keep the first.
func translate(items []*gofeed.Item, base *url.URL, feedID int64, now time.Time) []claimwatch.Item {
	out := make([]claimwatch.Item, 0, len(items))
	seen := make(map[string]bool, len(items))
	for _, gi := range items {
		if gi == nil {
			continue
		}
		it := translateItem(gi, base, now)
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true
		it.FeedID = feedID
		out = append(out, it)
	}
	return out
}

func translateItem(gi *gofeed.Item, base *url.URL, now time.Time) claimwatch.Item {
	link := gi.Link
	if link == "" && len(gi.Links) > 0 {
		link = gi.Links[0]
	}
	rawLink := resolve(base, link)
	link = canonicalLink(rawLink)
	title := titleText(gi.Title)
	body := gi.Content
	if strings.TrimSpace(body) == "" {
		body = gi.Description
	}
	text := truncate(htmlText(body), maxText)

	pub := now
	for _, t := range []*time.Time{gi.PublishedParsed, gi.UpdatedParsed} {
		if t != nil && !t.IsZero() {
			if !t.After(now) {
				pub = t.UTC()
			}
			break
		}
	}
	date := gi.Published
	if date == "" {
		date = gi.Updated
	}
	guid := strings.ToValidUTF8(strings.TrimSpace(gi.GUID), "\uFFFD")
	it := claimwatch.Item{
		Key:       itemKey(guid, rawLink, title, date),
		GUID:      guid,
		Link:      link,
		Title:     title,
		Text:      text,
		Published: pub,
		FetchedAt: now,
	}
	it.Hash = contentHash(title, text)
	it.Fingerprint = simHash(title + "\n" + text)
	return it
}

// itemKey decides an item's identity within its feed: its GUID, else its
// canonical link, else a hash of its title and date. Keys longer than
// maxKey are hashed. itemKey(itemKey(…), "", "", "") is itemKey(…).
func itemKey(guid, link, title, date string) string {
	k := strings.TrimSpace(guid)
	if k == "" {
		k = linkKey(link)
	}
	if k == "" {
		if title == "" && date == "" {
			return "sha256:" + shortHash("")
		}
		return "sha256:" + shortHash(title+"\x00"+date)
	}
	k = strings.ToValidUTF8(k, "\uFFFD")
	if len(k) > maxKey {
		return "sha256:" + shortHash(k)
	}
	return k
}

// linkKey is the canonical link, with its fragment when the fragment looks
// like an identifier: some outlets tell their items apart only by the
// fragment ("index.php#1108061566"), while "#comments" or "#xtor=RSS-3"
// say nothing about the item.
func linkKey(link string) string {
	c := canonicalLink(link)
	if c == "" {
		return ""
	}
	_, frag, ok := strings.Cut(strings.TrimSpace(link), "#")
	if !ok || !idFragment(frag) || !strings.HasPrefix(c, "http") {
		return c
	}
	return c + "#" + frag
}

// idFragment reports whether a fragment is an identifier: letters, digits,
// '-' and '_' only, with at least four digits.
func idFragment(frag string) bool {
	if len(frag) > 64 {
		return false
	}
	digits := 0
	for _, r := range frag {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '-', r == '_':
		default:
			return false
		}
	}
	return digits >= 4
}

// trackingParams are query parameters that say who sent a reader, not what
// the page is.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "ref_src": true, "ref_url": true, "cmpid": true,
	"ocid": true, "at_medium": true, "at_campaign": true, "ito": true,
}

func isTracking(key string) bool {
	key = strings.ToLower(key)
	return strings.HasPrefix(key, "utm_") || trackingParams[key]
}

// canonicalLink normalizes a link for identity: scheme and host lower-cased,
// the default port, the fragment and tracking parameters (utm_*, fbclid,
// gclid and their kind) dropped. What is not an absolute http(s) URL is
// returned trimmed. canonicalLink is idempotent: url.URL.String is not a
// fixed point on every odd input, so the rule is applied until it is, and
// a link that never settles has no canonical form ("").
func canonicalLink(raw string) string {
	s := canonicalOnce(raw)
	for range 4 {
		next := canonicalOnce(s)
		if next == s {
			return s
		}
		s = next
	}
	return ""
}

func canonicalOnce(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	raw = strings.ToValidUTF8(raw, "\uFFFD")
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return raw
	}
	u.Scheme = scheme
	u.Host = strings.ToLower(u.Host)
	if (scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		kept := parts[:0]
		for _, part := range parts {
			if strings.TrimSpace(part) == "" {
				continue
			}
			k, _, _ := strings.Cut(part, "=")
			if uk, err := url.QueryUnescape(k); err == nil {
				k = uk
			}
			if !isTracking(k) {
				kept = append(kept, part)
			}
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return strings.TrimSpace(u.String())
}

// resolve makes a relative link absolute against the feed's address.
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == nil {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// contentHash is an item's Hash: a changed hash under the same key is an
// edit.
func contentHash(title, text string) string {
	return shortHash(title + "\x00" + text)
}

// simHash is a 64-bit SimHash of the folded text over word 3-shingles,
// each hashed with FNV-1a ("w1 w2 w3"): texts telling the same story land a
// few bits apart. A text of fewer than three words is one shingle.
func simHash(s string) uint64 {
	words := strings.Fields(claimwatch.Fold(s))
	if len(words) == 0 {
		return 0
	}
	var v [64]int32
	add := func(x uint64) {
		for i := range v {
			v[i] += int32(x>>i&1)*2 - 1
		}
	}
	if len(words) < 3 {
		add(fnv1a(fnvOffset, strings.Join(words, " ")))
	} else {
		for i := 0; i+3 <= len(words); i++ {
			h := fnv1a(fnvOffset, words[i])
			h = fnv1a(h, " ")
			h = fnv1a(h, words[i+1])
			h = fnv1a(h, " ")
			add(fnv1a(h, words[i+2]))
		}
	}
	var out uint64
	for i, n := range v {
		if n > 0 {
			out |= 1 << i
		}
	}
	return out
}

// FNV-1a, 64-bit (hash/fnv), inlined to hash a shingle without building it.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv1a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// oneLine collapses all whitespace to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
