package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
)

// Limits of the commands' arguments.
const (
	defaultCountDays = 7
	maxCountDays     = 90
	defaultLatest    = 5
	maxLatest        = 20
	maxTallies       = 15
	maxFilterValues  = 20
	maxFilterRunes   = 100
)

// HandlerOptions configures Handlers. Store is required; the rest may be
// left zero.
type HandlerOptions struct {
	Store      Store
	Admins     ChatAdmins  // nil: nobody administers a group
	Feeds      FeedChecker // nil: /addfeed is refused
	AdminUsers []int64     // the bot's administrators: /addfeed, /removefeed, /stats, feed-health notices
	Username   string      // the bot's username, without "@"; commands addressed to others are ignored
	Version    string
	Now        func() time.Time // time.Now when nil
	Logger     *slog.Logger     // discards when nil
}

// Handlers answers the commands of every chat, whatever its transport:
// Telegram and the console hand it a Command and send what it returns.
// It is safe for concurrent use.
type Handlers struct {
	st         Store
	admins     ChatAdmins
	feeds      FeedChecker
	adminUsers []int64
	username   string
	version    string
	now        func() time.Time
	log        *slog.Logger
}

// NewHandlers returns Handlers configured by o.
func NewHandlers(o HandlerOptions) *Handlers {
	h := &Handlers{
		st: o.Store, admins: o.Admins, feeds: o.Feeds, adminUsers: slices.Clone(o.AdminUsers),
		username: strings.TrimPrefix(o.Username, "@"), version: o.Version, now: o.Now, log: o.Logger,
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	return h
}

// userError is a refusal the user can act on: its text is the reply.
type userError struct{ reply string }

func (e *userError) Error() string { return "refused: " + e.reply }

func refuseText(reply string) error { return &userError{reply: reply} }

func refuse(format string, args ...any) error {
	return &userError{reply: fmt.Sprintf(format, args...)}
}

// Handle answers one command and returns the replies, Telegram HTML each
// at most MaxMessageLen UTF-16 code units long, in the chat's language. A
// chat's first command creates it, in the language of its sender
// (claimwatch.DefaultSettings). Refusals and bad arguments get a reply
// that says what is accepted. A failure of the store is logged with its
// chain and answered with an apology, not returned, so a transport never
// retries a command forever; Handle returns an error only when ctx ends
// first, and then no replies.
func (h *Handlers) Handle(ctx context.Context, cmd Command) ([]string, error) {
	name, to, _ := strings.Cut(strings.ToLower(strings.TrimPrefix(cmd.Name, "/")), "@")
	if to != "" && h.username != "" && !strings.EqualFold(to, h.username) {
		return nil, nil // addressed to another bot
	}
	cmd.Name = name
	log := h.log.With("chat_id", cmd.ChatID, "command", cmd.Name)
	if cmd.Name == "" && isGroup(cmd.ChatType) {
		return nil, nil // chatter in a group is not for us
	}
	t := catalog(claimwatch.DefaultSettings(cmd.UserLang).Lang)
	chat, err := h.chat(ctx, cmd)
	if err == nil {
		t = catalog(chat.Settings.Lang)
		var reply string
		reply, err = h.dispatch(ctx, cmd, &chat, t)
		if err == nil {
			return Split(reply, MaxMessageLen), nil
		}
	}
	if ue, ok := errors.AsType[*userError](err); ok {
		log.Debug("command refused", "reply", ue.reply)
		return Split(ue.reply, MaxMessageLen), nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("handle /%s in chat %d: %w", cmd.Name, cmd.ChatID, ctx.Err())
	}
	log.Error("command failed", "err", err)
	return Split(t.Mark+t.Internal, MaxMessageLen), nil
}

// chat loads the chat of cmd, creating it on first contact. A paused chat
// that writes to us can be reached again, so it is unpaused.
func (h *Handlers) chat(ctx context.Context, cmd Command) (claimwatch.Chat, error) {
	c, err := h.st.Chat(ctx, cmd.ChatID)
	switch {
	case errors.Is(err, claimwatch.ErrNotFound):
		c = claimwatch.Chat{
			ID: cmd.ChatID, Type: cmd.ChatType, Title: cmd.ChatTitle,
			Settings: claimwatch.DefaultSettings(cmd.UserLang), CreatedAt: h.now(),
		}
	case err != nil:
		return c, fmt.Errorf("load chat %d: %w", cmd.ChatID, err)
	case !c.Paused && (cmd.ChatType == "" || c.Type == cmd.ChatType) && (cmd.ChatTitle == "" || c.Title == cmd.ChatTitle):
		return c, nil // nothing changed: no write
	}
	c.Paused, c.PausedReason = false, ""
	c.Type = cmp.Or(cmd.ChatType, c.Type)
	c.Title = cmp.Or(cmd.ChatTitle, c.Title)
	if err := h.st.SaveChat(ctx, c); err != nil {
		return c, fmt.Errorf("save chat %d: %w", cmd.ChatID, err)
	}
	return c, nil
}

func (h *Handlers) dispatch(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	switch cmd.Name {
	case "":
		return t.Mark + t.NotCommand, nil
	case "start":
		return t.Mark + t.Start + "\n\n" + h.help(cmd, t), nil
	case "help":
		return h.help(cmd, t), nil
	case "subscribe", "unsubscribe":
		return h.subscribe(ctx, cmd, chat, t)
	case "today":
		return h.today(ctx, chat, t)
	case "counts":
		return h.counts(ctx, cmd, chat, t)
	case "latest":
		return h.latest(ctx, cmd, chat, t)
	case "tally", "tallies":
		return h.tally(ctx, t)
	case "sources":
		return h.sources(ctx, chat, t)
	case "settings":
		return h.settings(ctx, cmd, chat, t)
	case "addfeed":
		return h.addFeed(ctx, cmd, t)
	case "removefeed":
		return h.removeFeed(ctx, cmd, t)
	case "stats":
		return h.stats(ctx, cmd, chat, t)
	}
	return "", refuse(t.Mark+t.Unknown, esc(truncate(cmd.Name, 40)))
}

func (h *Handlers) help(cmd Command, t *texts) string {
	s := t.Help
	if h.isBotAdmin(cmd) {
		s += t.HelpAdmin
	}
	if h.version != "" {
		s += "\n\nclaimwatch " + esc(h.version)
	}
	return s
}

func isGroup(chatType string) bool { return chatType == "group" || chatType == "supergroup" }

// requireChatAdmin refuses users who do not administer a group. In private
// chats, channels (only admins post) and the console, the user is the
// chat's administrator.
func (h *Handlers) requireChatAdmin(ctx context.Context, cmd Command, t *texts) error {
	if !isGroup(cmd.ChatType) {
		return nil
	}
	if h.admins == nil {
		return refuseText(t.Mark + t.NotChatAdmin)
	}
	ok, err := h.admins.IsChatAdmin(ctx, cmd.ChatID, cmd.UserID)
	if err != nil {
		return fmt.Errorf("check admin %d of chat %d: %w", cmd.UserID, cmd.ChatID, err)
	}
	if !ok {
		return refuseText(t.Mark + t.NotChatAdmin)
	}
	return nil
}

// isBotAdmin reports whether the sender administers the bot: one of the
// configured admins, or whoever types in the console (which runs with the
// operator's own database).
func (h *Handlers) isBotAdmin(cmd Command) bool {
	return cmd.ChatType == "console" || cmd.UserID != 0 && slices.Contains(h.adminUsers, cmd.UserID)
}

func (h *Handlers) subscribe(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	if err := h.requireChatAdmin(ctx, cmd, t); err != nil {
		return "", err
	}
	want := cmd.Name == "subscribe"
	mode := t.AlertModes[cmp.Or(chat.Settings.Alerts, claimwatch.AlertsInstant)]
	if chat.Subscribed == want {
		if want {
			return t.Mark + fmt.Sprintf(t.AlreadySubscribed, mode), nil
		}
		return t.Mark + t.NotSubscribed, nil
	}
	chat.Subscribed = want
	if err := h.st.SaveChat(ctx, *chat); err != nil {
		return "", fmt.Errorf("save subscription of chat %d: %w", chat.ID, err)
	}
	if want {
		return t.Mark + fmt.Sprintf(t.Subscribed, mode), nil
	}
	return t.Mark + t.Unsubscribed, nil
}

// localDay returns the start of the day date (YYYY-MM-DD) in loc.
func localDay(date string, loc *time.Location) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, date, loc)
}

// incidentsOn returns the incidents whose day (Incident.Day in loc) lies
// from the date from to the date to, both included, oldest first.
func incidentsOn(ctx context.Context, st claimwatch.IncidentStore, from, to string, loc *time.Location) ([]claimwatch.Incident, error) {
	start, err := localDay(from, loc)
	if err != nil {
		return nil, err
	}
	end, err := localDay(to, loc)
	if err != nil {
		return nil, err
	}
	ins, err := st.Incidents(ctx, claimwatch.IncidentQuery{From: start, To: end.AddDate(0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("incidents from %s to %s: %w", from, to, err)
	}
	return slices.DeleteFunc(ins, func(in claimwatch.Incident) bool {
		d := in.Day(loc)
		return d < from || d > to
	}), nil
}

func tzName(s claimwatch.ChatSettings) string { return cmp.Or(s.TimeZone, "UTC") }

func (h *Handlers) today(ctx context.Context, chat *claimwatch.Chat, t *texts) (string, error) {
	loc := chat.Settings.Location()
	day := h.now().In(loc).Format(time.DateOnly)
	ins, err := incidentsOn(ctx, h.st, day, day, loc)
	if err != nil {
		return "", err
	}
	return renderToday(t, day, tzName(chat.Settings), ins, loc), nil
}

func (h *Handlers) counts(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	loc := chat.Settings.Location()
	usage := refuse(t.Mark+t.CountsUsage, maxCountDays)
	today := h.now().In(loc).Format(time.DateOnly)
	var from, to string
	switch len(cmd.Args) {
	case 0, 1:
		n := defaultCountDays
		if len(cmd.Args) == 1 {
			v, err := strconv.Atoi(cmd.Args[0])
			if err != nil || v < 1 || v > maxCountDays {
				return "", usage
			}
			n = v
		}
		end, _ := localDay(today, loc)
		from, to = end.AddDate(0, 0, 1-n).Format(time.DateOnly), today
	case 2:
		f, err1 := time.Parse(time.DateOnly, cmd.Args[0])
		e, err2 := time.Parse(time.DateOnly, cmd.Args[1])
		if err1 != nil || err2 != nil || e.Before(f) || e.Sub(f) >= maxCountDays*24*time.Hour {
			return "", usage
		}
		from, to = f.Format(time.DateOnly), e.Format(time.DateOnly)
	default:
		return "", usage
	}
	ins, err := incidentsOn(ctx, h.st, from, to, loc)
	if err != nil {
		return "", err
	}
	days, err := claimwatch.CountByDay(ins, from, to, loc)
	if err != nil {
		return "", fmt.Errorf("count incidents from %s to %s: %w", from, to, err)
	}
	return renderCounts(t, days, tzName(chat.Settings)), nil
}

func (h *Handlers) latest(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	n := defaultLatest
	switch len(cmd.Args) {
	case 0:
	case 1:
		v, err := strconv.Atoi(cmd.Args[0])
		if err != nil || v < 1 || v > maxLatest {
			return "", refuse(t.Mark+t.LatestUsage, maxLatest)
		}
		n = v
	default:
		return "", refuse(t.Mark+t.LatestUsage, maxLatest)
	}
	loc := chat.Settings.Location()
	ins, err := h.st.Incidents(ctx, claimwatch.IncidentQuery{Limit: n})
	if err != nil {
		return "", fmt.Errorf("latest %d incidents: %w", n, err)
	}
	sts, err := h.st.LatestStatements(ctx, n)
	if err != nil {
		return "", fmt.Errorf("latest %d statements: %w", n, err)
	}
	if len(ins) == 0 && len(sts) == 0 {
		return t.Mark + t.LatestNone, nil
	}
	var blocks []string
	if len(ins) > 0 {
		blocks = append(blocks, t.Mark+t.LatestHeader)
		for _, in := range ins {
			blocks = append(blocks, renderIncidentBrief(t, in, loc))
		}
	}
	if len(sts) > 0 {
		blocks = append(blocks, t.Mark+t.LatestStatements)
		for _, st := range sts {
			blocks = append(blocks, renderStatement(t, st, loc))
		}
	}
	return strings.Join(blocks, "\n\n"), nil
}

func (h *Handlers) tally(ctx context.Context, t *texts) (string, error) {
	trs, err := h.st.LatestTallies(ctx, maxTallies)
	if err != nil {
		return "", fmt.Errorf("latest tallies: %w", err)
	}
	if len(trs) == 0 {
		return t.Mark + t.TallyNone, nil
	}
	blocks := []string{t.Mark + t.TallyHeader}
	type told struct {
		item  int64
		count int
	}
	seen := map[told]bool{}
	for _, tr := range trs {
		// A report often gives one count twice, in its headline and its
		// body, in words the store sees as two subjects: show it once.
		k := told{tr.Source.ItemID, tr.Count}
		if seen[k] {
			continue
		}
		seen[k] = true
		blocks = append(blocks, renderTally(t, tr))
	}
	return strings.Join(blocks, "\n\n"), nil
}

func (h *Handlers) sources(ctx context.Context, chat *claimwatch.Chat, t *texts) (string, error) {
	feeds, err := h.st.Feeds(ctx)
	if err != nil {
		return "", fmt.Errorf("list feeds: %w", err)
	}
	return renderFeeds(t, feeds, chat.Settings.Location(), tzName(chat.Settings)), nil
}

func (h *Handlers) settings(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	if len(cmd.Args) == 0 {
		return renderSettings(t, *chat), nil
	}
	if err := h.requireChatAdmin(ctx, cmd, t); err != nil {
		return "", err
	}
	s := chat.Settings
	args := cmd.Args[1:]
	switch strings.ToLower(cmd.Args[0]) {
	case "lang", "language":
		if len(args) != 1 || (args[0] != "ar" && args[0] != "en") {
			return "", refuseText(t.Mark + t.LangUsage)
		}
		s.Lang = args[0]
	case "tz", "timezone":
		if len(args) != 1 {
			return "", refuse(t.Mark+t.TZUsage, "")
		}
		tz, ok := validTimeZone(args[0])
		if !ok {
			return "", refuse(t.Mark+t.TZUsage, name(t, truncate(args[0], 60)))
		}
		s.TimeZone = tz
	case "alerts":
		mode := claimwatch.AlertMode(strings.ToLower(strings.Join(args, "")))
		if len(args) != 1 || t.AlertModes[mode] == "" {
			return "", refuseText(t.Mark + t.AlertsUsage)
		}
		s.Alerts = mode
	case "digest":
		hr, ok := parseHours(args, 1)
		if !ok {
			return "", refuseText(t.Mark + t.DigestUsage)
		}
		s.DigestHour = hr[0]
	case "quiet":
		if len(args) == 1 && strings.EqualFold(args[0], "off") {
			s.QuietFrom, s.QuietTo = 0, 0
			break
		}
		hr, ok := parseHours(args, 2)
		if !ok || hr[0] == hr[1] {
			return "", refuseText(t.Mark + t.QuietUsage)
		}
		s.QuietFrom, s.QuietTo = hr[0], hr[1]
	case "filter", "filters":
		if !setFilter(&s, args) {
			return "", refuse(t.Mark+t.FilterUsage, weaponList())
		}
	default:
		return "", refuseText(t.Mark + t.SettingsUsage)
	}
	chat.Settings = s
	if err := h.st.SaveChat(ctx, *chat); err != nil {
		return "", fmt.Errorf("save settings of chat %d: %w", chat.ID, err)
	}
	nt := catalog(s.Lang) // a new language answers in itself
	return nt.Mark + nt.SettingsSaved + "\n\n" + renderSettings(nt, *chat), nil
}

// validTimeZone checks an IANA time zone name with time.LoadLocation and
// returns it as stored. "Local" is refused: it is the server's zone.
func validTimeZone(s string) (string, bool) {
	if strings.EqualFold(s, "utc") {
		return "UTC", true
	}
	if s == "" || strings.EqualFold(s, "local") || len(s) > 64 {
		return "", false
	}
	if _, err := time.LoadLocation(s); err != nil {
		return "", false
	}
	return s, true
}

// parseHours parses exactly n hours of the day, 0 to 23.
func parseHours(args []string, n int) ([]int, bool) {
	if len(args) != n {
		return nil, false
	}
	hours := make([]int, n)
	for i, a := range args {
		v, err := strconv.Atoi(strings.TrimSuffix(a, ":00"))
		if err != nil || v < 0 || v > 23 {
			return nil, false
		}
		hours[i] = v
	}
	return hours, true
}

// setFilter applies "/settings filter KIND VALUE[,VALUE]" (replacing that
// kind's list) or "/settings filter clear" (removing every filter).
func setFilter(s *claimwatch.ChatSettings, args []string) bool {
	if len(args) == 1 && strings.EqualFold(args[0], "clear") {
		s.Claimants, s.Countries, s.Weapons, s.Keywords = nil, nil, nil, nil
		return true
	}
	if len(args) < 2 {
		return false
	}
	var vals []string
	for v := range strings.SplitSeq(strings.Join(args[1:], " "), ",") {
		v = strings.Join(strings.Fields(v), " ")
		if v == "" {
			continue
		}
		if len([]rune(v)) > maxFilterRunes || len(vals) == maxFilterValues {
			return false
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return false
	}
	switch strings.ToLower(args[0]) {
	case "claimant", "claimants":
		s.Claimants = vals
	case "country", "countries":
		s.Countries = vals
	case "keyword", "keywords":
		s.Keywords = vals
	case "weapon", "weapons":
		var ws []claimwatch.Weapon
		for _, v := range vals {
			w, ok := parseWeapon(v)
			if !ok {
				return false
			}
			if !slices.Contains(ws, w) {
				ws = append(ws, w)
			}
		}
		s.Weapons = ws
	default:
		return false
	}
	return true
}

// weaponAliases are other words users type for the weapons, folded.
var weaponAliases = map[string]claimwatch.Weapon{
	"drones": claimwatch.Drone, "uav": claimwatch.Drone, "مسيره": claimwatch.Drone, "مسيرات": claimwatch.Drone, "درون": claimwatch.Drone,
	"صاروخيه": claimwatch.Rocket, "صواريخ": claimwatch.Missile, "missiles": claimwatch.Missile, "هاون": claimwatch.Mortar,
	"عبوه": claimwatch.IED, "ieds": claimwatch.IED, "car bomb": claimwatch.CarBomb, "مفخخه": claimwatch.CarBomb,
	"suicide bombing": claimwatch.Suicide, "انتحاري": claimwatch.Suicide, "shooting": claimwatch.Gunfire, "نار": claimwatch.Gunfire,
	"قصف": claimwatch.Shelling, "artillery": claimwatch.Shelling, "air strike": claimwatch.Airstrike, "غاره": claimwatch.Airstrike,
}

// parseWeapon accepts a weapon of the vocabulary, its English or Arabic
// name as the bot shows it, or a common alias.
func parseWeapon(v string) (claimwatch.Weapon, bool) {
	f := claimwatch.Fold(strings.ReplaceAll(v, "_", " "))
	for _, w := range claimwatch.Weapons {
		if f == claimwatch.Fold(strings.ReplaceAll(string(w), "_", " ")) || f == claimwatch.Fold(english.Weapons[w]) || f == claimwatch.Fold(arabic.Weapons[w]) {
			return w, true
		}
	}
	if w, ok := weaponAliases[f]; ok {
		return w, true
	}
	return "", false
}

func (h *Handlers) requireBotAdmin(cmd Command, t *texts) error {
	if !h.isBotAdmin(cmd) {
		return refuseText(t.Mark + t.NotBotAdmin)
	}
	return nil
}

func (h *Handlers) addFeed(ctx context.Context, cmd Command, t *texts) (string, error) {
	if err := h.requireBotAdmin(cmd, t); err != nil {
		return "", err
	}
	if len(cmd.Args) == 0 {
		return "", refuseText(t.Mark + t.AddFeedUsage)
	}
	u := cmd.Args[0]
	if !safeURL(u) {
		return "", refuseText(t.Mark + t.BadFeedURL)
	}
	if h.feeds == nil {
		return "", errors.New("add feed: no feed checker configured")
	}
	title, err := h.feeds.CheckFeed(ctx, u)
	if err != nil {
		if ctx.Err() != nil {
			return "", err
		}
		// FeedChecker's errors say why a URL is not a usable feed ("not a
		// feed (text/html)", "HTTP 404"), the same text /sources shows for
		// a failing feed; only the configured admins see it.
		h.log.Info("feed refused", "feed_url", u, "err", err)
		return "", refuse(t.Mark+t.FeedRefused, name(t, truncate(feedReason(err, u), 300)))
	}
	feedName := strings.Join(cmd.Args[1:], " ")
	if feedName == "" {
		feedName = strings.TrimSpace(title)
	}
	if feedName == "" || feedName == u {
		p, _ := url.Parse(u)
		feedName = p.Host
	}
	f, err := h.st.AddFeed(ctx, claimwatch.Feed{Name: truncate(feedName, 100), URL: u})
	if err != nil {
		return "", fmt.Errorf("add feed %s: %w", u, err)
	}
	h.log.Info("feed added", "feed", f.Name, "feed_url", f.URL, "by", cmd.UserID)
	return t.Mark + fmt.Sprintf(t.FeedAdded, name(t, f.Name), link(t, f.URL, f.URL)), nil
}

// feedReason drops the "check feed URL: " context the checker adds: the
// reply names the URL already.
func feedReason(err error, u string) string {
	s := err.Error()
	for _, p := range []string{"check feed " + u + ": ", "check feed " + strconv.Quote(u) + ": "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func (h *Handlers) removeFeed(ctx context.Context, cmd Command, t *texts) (string, error) {
	if err := h.requireBotAdmin(cmd, t); err != nil {
		return "", err
	}
	if len(cmd.Args) == 0 {
		return "", refuseText(t.Mark + t.RemoveFeedUsage)
	}
	want := strings.Join(cmd.Args, " ")
	feeds, err := h.st.Feeds(ctx)
	if err != nil {
		return "", fmt.Errorf("list feeds: %w", err)
	}
	i := slices.IndexFunc(feeds, func(f claimwatch.Feed) bool { return f.URL == want })
	if i < 0 {
		i = slices.IndexFunc(feeds, func(f claimwatch.Feed) bool { return claimwatch.Fold(f.Name) == claimwatch.Fold(want) })
	}
	if i < 0 {
		return "", refuse(t.Mark+t.FeedNotFound, name(t, truncate(want, 200)))
	}
	f := feeds[i]
	if err := h.st.RemoveFeed(ctx, f.ID); err != nil {
		return "", fmt.Errorf("remove feed %q: %w", f.Name, err)
	}
	h.log.Info("feed removed", "feed", f.Name, "feed_url", f.URL, "by", cmd.UserID)
	return t.Mark + fmt.Sprintf(t.FeedRemoved, name(t, f.Name)), nil
}

func (h *Handlers) stats(ctx context.Context, cmd Command, chat *claimwatch.Chat, t *texts) (string, error) {
	if err := h.requireBotAdmin(cmd, t); err != nil {
		return "", err
	}
	s, err := h.st.Stats(ctx)
	if err != nil {
		return "", fmt.Errorf("stats: %w", err)
	}
	oldest := ""
	if !s.OldestPendingMessage.IsZero() {
		oldest = " (" + fmtTime(t, s.OldestPendingMessage, chat.Settings.Location()) + ")"
	}
	return t.Mark + t.StatsHeader + "\n" + t.Mark + fmt.Sprintf(t.Stats, s.Feeds, s.FailingFeeds, s.Items, s.Incidents,
		s.Statements, s.Tallies, s.Chats, s.Subscribed, s.PausedChats, s.OutboxPending, oldest), nil
}

// NotifyAdmins enqueues text (Telegram HTML, split as needed) to every
// configured admin's private chat, whose ID is the admin's user ID.
func (h *Handlers) NotifyAdmins(ctx context.Context, text string) error {
	return h.notifyAdmins(ctx, func(string) string { return text })
}

// NotifyFeedHealth tells every admin, in the language of their chat with
// the bot (English if they never wrote to it), that a feed went down or
// came back.
func (h *Handlers) NotifyFeedHealth(ctx context.Context, f claimwatch.Feed, down bool) error {
	return h.notifyAdmins(ctx, func(lang string) string { return FeedHealthNotice(lang, f, down) })
}

func (h *Handlers) notifyAdmins(ctx context.Context, render func(lang string) string) error {
	if len(h.adminUsers) == 0 {
		return nil
	}
	now := h.now()
	var msgs []claimwatch.OutMessage
	for _, id := range h.adminUsers {
		lang := "en"
		if c, err := h.st.Chat(ctx, id); err == nil {
			lang = c.Settings.Lang
		} else if !errors.Is(err, claimwatch.ErrNotFound) {
			return fmt.Errorf("notify admin %d: %w", id, err)
		}
		for _, part := range Split(render(lang), MaxMessageLen) {
			msgs = append(msgs, claimwatch.OutMessage{ChatID: id, Kind: "admin", Text: part, CreatedAt: now})
		}
	}
	if err := h.st.Enqueue(ctx, msgs); err != nil {
		return fmt.Errorf("notify %d admins: %w", len(h.adminUsers), err)
	}
	return nil
}
