package bot

import (
	"cmp"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/claimwatch/claimwatch"
)

// The renderers below build Telegram HTML (parse_mode HTML). Every dynamic
// string passes through esc (html.EscapeString), hrefs included, and only
// http and https links become <a> tags. Names in the other script are
// wrapped in FSI…PDI (Unicode bidi isolates, UAX #9) so that a Latin name
// inside an Arabic line, or an Arabic one inside an English line, does not
// reorder its neighbours; lines of an Arabic message start with a
// right-to-left mark (texts.Mark).

const (
	fsi = "\u2068" // first strong isolate
	pdi = "\u2069" // pop directional isolate

	maxEvidence    = 400 // runes of an evidence sentence shown
	maxSourceLinks = 4   // links shown per fact, then "+N more"
	maxListed      = 15  // incidents listed in /today and digests
)

func esc(s string) string { return html.EscapeString(s) }

// name escapes s and isolates it when its script runs against the
// message's direction.
func name(t *texts, s string) string {
	s = strings.TrimSpace(s)
	if t.Lang == "ar" && hasLatin(s) || t.Lang != "ar" && hasArabic(s) {
		return fsi + esc(s) + pdi
	}
	return esc(s)
}

func hasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0
}

func hasArabic(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0
}

// safeURL reports whether u is an absolute http or https URL with a host,
// the only links the bot makes clickable.
func safeURL(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// link returns text as a link to href, or the bare text when href is not a
// safe link.
func link(t *texts, href, text string) string {
	if !safeURL(href) {
		return name(t, text)
	}
	return `<a href="` + esc(strings.TrimSpace(href)) + `">` + name(t, text) + `</a>`
}

// truncate cuts s to at most n runes, at a word boundary when it can.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func claimantName(t *texts, a claimwatch.Attack) string {
	switch {
	case t.Lang == "ar" && hasArabic(a.ClaimantText):
		return name(t, a.ClaimantText)
	case t.Lang == "ar" && arabicClaimants[strings.ToLower(a.Claimant)] != "":
		return arabicClaimants[strings.ToLower(a.Claimant)]
	case a.Claimant != "":
		return name(t, a.Claimant)
	}
	return name(t, a.ClaimantText)
}

func countryName(t *texts, c string) string {
	if t.Lang == "ar" {
		if ar := arabicCountries[strings.ToLower(strings.TrimSpace(c))]; ar != "" {
			return ar
		}
	}
	return name(t, c)
}

func targetName(t *texts, a claimwatch.Attack) string {
	if t.Lang == "ar" && hasArabic(a.TargetText) || a.Target == "" {
		return name(t, a.TargetText)
	}
	return name(t, a.Target)
}

// sep is the list separator of the language: "، " in Arabic.
func (t *texts) sep() string {
	if t.Lang == "ar" {
		return "، "
	}
	return ", "
}

// responsibility says who is tied to the attack, and how.
func responsibility(t *texts, a claimwatch.Attack) string {
	if a.Claimant == "" && a.ClaimantText == "" {
		return t.NoClaim
	}
	switch a.Responsibility {
	case claimwatch.Attributed:
		return fmt.Sprintf(t.AttributedTo, claimantName(t, a))
	case claimwatch.Unclaimed:
		return t.NoClaim
	}
	return fmt.Sprintf(t.ClaimedBy, claimantName(t, a))
}

func weapons(t *texts, ws []claimwatch.Weapon) string {
	names := make([]string, 0, len(ws))
	for _, w := range ws {
		if n, ok := t.Weapons[w]; ok {
			names = append(names, n)
		} else {
			names = append(names, name(t, string(w)))
		}
	}
	return strings.Join(names, t.sep())
}

// where joins target, place and country, whichever are known.
func where(t *texts, a claimwatch.Attack) string {
	var parts []string
	if tg := targetName(t, a); tg != "" {
		parts = append(parts, tg)
	}
	if f := claimwatch.Fold(a.Place); f != "" && f != claimwatch.Fold(a.Target) && f != claimwatch.Fold(a.Country) {
		parts = append(parts, name(t, a.Place))
	}
	if a.Country != "" {
		parts = append(parts, countryName(t, a.Country))
	}
	if len(parts) == 0 {
		return t.UnknownPlace
	}
	return strings.Join(parts, t.sep())
}

func casualties(t *texts, a claimwatch.Attack) string {
	var parts []string
	if a.Killed != nil {
		parts = append(parts, t.Killed.Count(t.Lang, *a.Killed))
	}
	if a.Injured != nil {
		parts = append(parts, t.Injured.Count(t.Lang, *a.Injured))
	}
	if len(parts) == 0 {
		return t.CasualtiesNil
	}
	return strings.Join(parts, t.sep())
}

func incidentDate(in claimwatch.Incident, loc *time.Location) string {
	if in.Attack.Date != "" {
		return in.Attack.Date
	}
	return in.Day(loc)
}

func evidence(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "<blockquote>" + esc(truncate(s, maxEvidence)) + "</blockquote>"
}

// sourceLinks lists the reports behind a fact, one link per URL, outlet
// names as the link text.
func sourceLinks(t *texts, srcs []claimwatch.Source) string {
	seen := map[string]bool{}
	var links []string
	more := 0
	for _, s := range srcs {
		key := s.URL
		if key == "" {
			key = s.Feed + "\x00" + s.Title
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(links) == maxSourceLinks {
			more++
			continue
		}
		label := cmp.Or(s.Feed, s.Title, s.URL)
		links = append(links, link(t, s.URL, label))
	}
	if len(links) == 0 {
		return ""
	}
	out := "🔗 " + strings.Join(links, " · ")
	if more > 0 {
		out += " " + fmt.Sprintf(t.AndMore, more)
	}
	return out
}

// renderIncident renders an incident as an alert card: what happened, who
// is tied to it, where, when, the toll, the evidence and its sources.
func renderIncident(t *texts, in claimwatch.Incident, kind claimwatch.AlertKind, loc *time.Location) string {
	a := in.Attack
	var b strings.Builder
	head := t.AlertNew
	if kind == claimwatch.AlertUpdate {
		head = t.AlertUpdate
	}
	b.WriteString(t.Mark + head + " · " + responsibility(t, a) + "\n")
	b.WriteString(t.Mark + "🎯 " + where(t, a) + "\n")
	meta := "📅 " + incidentDate(in, loc)
	if len(a.Weapons) > 0 {
		meta = "💥 " + weapons(t, a.Weapons) + " · " + meta
	}
	b.WriteString(t.Mark + meta + "\n")
	b.WriteString(t.Mark + "🩸 " + casualties(t, a) + "\n")
	b.WriteString(evidence(cmp.Or(a.Evidence, firstEvidence(in.Sources))))
	if s := sourceLinks(t, in.Sources); s != "" {
		b.WriteString(t.Mark + s)
	}
	return strings.TrimRight(b.String(), "\n")
}

// renderIncidentBrief is an incident card for lists: the alert card
// without its "new attack" heading.
func renderIncidentBrief(t *texts, in claimwatch.Incident, loc *time.Location) string {
	card := renderIncident(t, in, claimwatch.AlertNew, loc)
	head := t.Mark + t.AlertNew + " · "
	return t.Mark + "▪️ " + strings.TrimPrefix(card, head)
}

func firstEvidence(srcs []claimwatch.Source) string {
	for _, s := range srcs {
		if s.Evidence != "" {
			return s.Evidence
		}
	}
	return ""
}

// incidentLine renders an incident on one line, for lists.
func incidentLine(t *texts, in claimwatch.Incident, loc *time.Location) string {
	a := in.Attack
	parts := []string{incidentDate(in, loc)}
	if len(a.Weapons) > 0 {
		parts = append(parts, weapons(t, a.Weapons))
	}
	parts = append(parts, responsibility(t, a), where(t, a))
	if a.Killed != nil || a.Injured != nil {
		parts = append(parts, casualties(t, a))
	}
	line := t.Mark + "• " + strings.Join(parts, " · ")
	if s := sourceLinks(t, in.Sources); s != "" {
		line += " " + s
	}
	return line
}

// breakdown renders the incidents counted by claimant and by country,
// largest first.
func breakdown(t *texts, ins []claimwatch.Incident) string {
	byClaimant := map[string]int{}
	claimantLabel := map[string]string{}
	byCountry := map[string]int{}
	for _, in := range ins {
		key := claimwatch.Fold(in.Attack.Claimant)
		label := claimantName(t, in.Attack)
		if in.Attack.Claimant == "" || in.Attack.Responsibility == claimwatch.Unclaimed {
			key, label = "", t.Unclaimed
		}
		byClaimant[key]++
		if _, ok := claimantLabel[key]; !ok {
			claimantLabel[key] = label
		}
		c := in.Attack.Country
		if c == "" {
			c = "?"
		}
		byCountry[c]++
	}
	var b strings.Builder
	b.WriteString(t.Mark + t.ByClaimant + "\n")
	for _, k := range sortedKeys(byClaimant) {
		b.WriteString(t.Mark + "• " + claimantLabel[k] + ": " + strconv.Itoa(byClaimant[k]) + "\n")
	}
	b.WriteString(t.Mark + t.ByCountry + "\n")
	for _, k := range sortedKeys(byCountry) {
		label := countryName(t, k)
		if k == "?" {
			label = t.NoCountry
		}
		b.WriteString(t.Mark + "• " + label + ": " + strconv.Itoa(byCountry[k]) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// sortedKeys orders a count map by count, largest first, then by key.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b))
	})
	return keys
}

// incidentList renders up to maxListed incidents one per line, oldest
// first, and says how many more there are.
func incidentList(t *texts, ins []claimwatch.Incident, loc *time.Location) string {
	var lines []string
	for i, in := range ins {
		if i == maxListed {
			lines = append(lines, t.Mark+fmt.Sprintf(t.MoreItems, len(ins)-maxListed))
			break
		}
		lines = append(lines, incidentLine(t, in, loc))
	}
	return strings.Join(lines, "\n")
}

// renderToday renders /today: the count of the day's distinct incidents,
// the breakdowns, and the list.
func renderToday(t *texts, day, tz string, ins []claimwatch.Incident, loc *time.Location) string {
	head := t.Mark + fmt.Sprintf(t.TodayHeader, day, name(t, tz), t.Attacks.Count(t.Lang, len(ins)))
	if len(ins) == 0 {
		return head + "\n" + t.Mark + t.TodayNone
	}
	return head + "\n\n" + breakdown(t, ins) + "\n\n" + incidentList(t, ins, loc)
}

// renderDigest renders a digest under its header line.
func renderDigest(t *texts, header string, ins []claimwatch.Incident, loc *time.Location) string {
	if len(ins) == 0 {
		return header + "\n" + t.Mark + t.DigestNone
	}
	return header + "\n\n" + breakdown(t, ins) + "\n\n" + incidentList(t, ins, loc)
}

// renderCounts renders /counts: one line per day in a monospaced block,
// then the total.
func renderCounts(t *texts, days []claimwatch.DayCount, tz string) string {
	if len(days) == 0 {
		return ""
	}
	total, most := 0, 0
	for _, d := range days {
		total += d.Attacks
		most = max(most, d.Attacks)
	}
	var b strings.Builder
	b.WriteString(t.Mark + fmt.Sprintf(t.CountsHeader, days[0].Date, days[len(days)-1].Date, name(t, tz)) + "\n<pre>")
	for _, d := range days {
		bar := 0
		if most > 0 {
			bar = (d.Attacks*20 + most - 1) / most
		}
		fmt.Fprintf(&b, "%s %4d %s\n", d.Date, d.Attacks, strings.Repeat("▇", bar))
	}
	b.WriteString("</pre>\n" + t.Mark + fmt.Sprintf(t.CountsTotal, t.Attacks.Count(t.Lang, total)))
	return b.String()
}

// renderStatement renders who said what, with the evidence and the source.
func renderStatement(t *texts, st claimwatch.StatementRecord, loc *time.Location) string {
	who := name(t, cmp.Or(st.Speaker, st.SpeakerText))
	if t.Lang == "ar" && hasArabic(st.SpeakerText) {
		who = name(t, st.SpeakerText)
	}
	line := t.Mark + "🗣 <b>" + who + "</b>"
	if st.Role != "" {
		line += " (" + name(t, st.Role) + ")"
	}
	if !st.Source.Published.IsZero() {
		line += " · " + st.Source.Published.In(loc).Format(time.DateOnly)
	}
	var b strings.Builder
	b.WriteString(line + "\n")
	// The whole sentence, not the extracted quote: the reader checks the
	// words against their speaker and verb, and a clipped quote can mislead.
	quote := cmp.Or(st.Evidence, st.Quote)
	b.WriteString("<blockquote>" + esc(truncate(quote, maxEvidence)) + "</blockquote>")
	if s := sourceLinks(t, []claimwatch.Source{st.Source}); s != "" {
		b.WriteString(t.Mark + s)
	}
	return strings.TrimRight(b.String(), "\n")
}

// renderTally renders a running count with who cites it and the source.
func renderTally(t *texts, tr claimwatch.TallyRecord) string {
	line := t.Mark + "📊 <b>" + strconv.Itoa(tr.Count) + "</b> " + name(t, tr.Subject)
	if tr.Since != "" {
		line += " " + fmt.Sprintf(t.TallySince, esc(tr.Since))
	}
	if tr.Tally.Source != "" {
		line += " · " + fmt.Sprintf(t.TallyPer, name(t, tr.Tally.Source))
	}
	if s := sourceLinks(t, []claimwatch.Source{tr.Source}); s != "" {
		line += "\n" + t.Mark + s
	}
	return line
}

func fmtTime(t *texts, at time.Time, loc *time.Location) string {
	if at.IsZero() {
		return t.Never
	}
	return at.In(loc).Format("2006-01-02 15:04")
}

// renderFeeds renders /sources: each feed with its health, failing feeds
// marked.
func renderFeeds(t *texts, feeds []claimwatch.Feed, loc *time.Location, tz string) string {
	if len(feeds) == 0 {
		return t.Mark + t.SourcesNone
	}
	var blocks []string
	for _, f := range feeds {
		h := f.Health
		mark := "✅"
		failing := h.LastError != "" || h.ConsecutiveFailures > 0
		if failing {
			mark = "⚠️"
		} else if h.LastPoll.IsZero() {
			mark = "⏳"
		}
		next := t.Due
		if !h.NextPoll.IsZero() {
			next = fmtTime(t, h.NextPoll, loc)
		}
		var b strings.Builder
		b.WriteString(t.Mark + mark + " <b>" + link(t, f.URL, cmp.Or(f.Name, f.URL)) + "</b>\n")
		b.WriteString(t.Mark + fmt.Sprintf(t.SourceLine, fmtTime(t, h.LastPoll, loc), t.Items.Count(t.Lang, h.ItemsSeen), next))
		if failing {
			since := h.FailingSince
			if since.IsZero() {
				since = h.LastPoll
			}
			reason := cmp.Or(h.LastError, "?")
			b.WriteString("\n" + t.Mark + fmt.Sprintf(t.SourceError, fmtTime(t, since, loc), "<i>"+name(t, truncate(reason, 200))+"</i>"))
		}
		blocks = append(blocks, b.String())
	}
	return t.Mark + t.SourcesHeader + " (" + name(t, tz) + ")\n\n" + strings.Join(blocks, "\n\n")
}

func hour(h int) string { return fmt.Sprintf("%02d:00", h) }

// renderSettings renders /settings: every setting with its value, then
// how to change them.
func renderSettings(t *texts, c claimwatch.Chat) string {
	s := c.Settings
	tz := cmp.Or(s.TimeZone, "UTC")
	quiet := t.Off
	if s.QuietFrom != s.QuietTo {
		quiet = hour(s.QuietFrom) + "–" + hour(s.QuietTo)
	}
	mode := cmp.Or(s.Alerts, claimwatch.AlertsInstant)
	subs := t.No
	if c.Subscribed {
		subs = t.Yes
	}
	var b strings.Builder
	b.WriteString(t.Mark + t.SettingsHeader + "\n")
	b.WriteString(t.Mark + t.SettingsLang + ": " + catalog(s.Lang).LangName + "\n")
	b.WriteString(t.Mark + t.SettingsTZ + ": " + name(t, tz) + "\n")
	b.WriteString(t.Mark + t.SettingsAlerts + ": " + t.AlertModes[mode] + "\n")
	b.WriteString(t.Mark + t.SettingsDigest + ": " + hour(s.DigestHour) + "\n")
	b.WriteString(t.Mark + t.SettingsQuiet + ": " + quiet + "\n")
	b.WriteString(t.Mark + t.SettingsFilters + ": " + filters(t, s) + "\n")
	b.WriteString(t.Mark + t.SettingsSubs + ": " + subs + "\n\n")
	b.WriteString(t.Mark + t.SettingsHowTo)
	return b.String()
}

func filters(t *texts, s claimwatch.ChatSettings) string {
	var parts []string
	add := func(key string, vals []string) {
		if len(vals) == 0 {
			return
		}
		names := make([]string, len(vals))
		for i, v := range vals {
			names[i] = name(t, v)
		}
		parts = append(parts, t.FilterNames[key]+": "+strings.Join(names, t.sep()))
	}
	add("claimant", s.Claimants)
	add("country", s.Countries)
	ws := make([]string, len(s.Weapons))
	for i, w := range s.Weapons {
		ws[i] = string(w)
	}
	add("weapon", ws)
	add("keyword", s.Keywords)
	if len(parts) == 0 {
		return t.None
	}
	return strings.Join(parts, "; ")
}

// FeedHealthNotice renders the message admins get when feed f goes down
// (down true: failing since f.Health.FailingSince) or comes back, in lang
// ("ar" or "en"), as Telegram HTML.
func FeedHealthNotice(lang string, f claimwatch.Feed, down bool) string {
	t := catalog(lang)
	feedName := cmp.Or(f.Name, f.URL)
	if !down {
		return t.Mark + fmt.Sprintf(t.FeedUp, name(t, feedName))
	}
	h := f.Health
	since := cmp.Or(h.FailingSince, h.LastPoll)
	reason := cmp.Or(h.LastError, "?")
	return t.Mark + fmt.Sprintf(t.FeedDown, name(t, feedName), fmtTime(t, since, time.UTC)+" UTC",
		name(t, truncate(reason, 300)), t.Failures.Count(t.Lang, h.ConsecutiveFailures), link(t, f.URL, f.URL))
}
