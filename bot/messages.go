package bot

import (
	"fmt"
	"strings"

	"github.com/claimwatch/claimwatch"
)

// texts is every fixed string the bot says, in one language. Strings are
// Telegram HTML; the %s verbs take values the caller has already escaped.
type texts struct {
	Lang     string // "ar" or "en"
	LangName string
	// Mark starts every line the bot composes: a right-to-left mark in
	// Arabic, so a line that begins with an emoji, a number or a Latin
	// name still reads right to left.
	Mark         string
	Start        string
	Help         string
	HelpAdmin    string
	NotCommand   string
	Unknown      string // %s: the command
	Internal     string
	NotChatAdmin string
	NotBotAdmin  string

	Subscribed, AlreadySubscribed, Unsubscribed, NotSubscribed string

	TodayHeader  string // %s date, %s time zone, %s count
	TodayNone    string
	ByClaimant   string
	ByCountry    string
	Unclaimed    string // the claimant key of attacks nobody claimed
	UnknownPlace string
	NoCountry    string
	MoreItems    string // %d

	CountsHeader string // %s from, %s to, %s time zone
	CountsTotal  string // %s count
	CountsUsage  string // %d max days

	LatestHeader     string
	LatestStatements string
	LatestNone       string
	LatestUsage      string // %d max

	TallyHeader string
	TallyNone   string
	TallySince  string // %s date
	TallyPer    string // %s source

	SourcesHeader string
	SourcesNone   string
	SourceLine    string // %s last poll, %s items, %s next poll
	SourceError   string // %s error, %s since
	Never         string // a last poll that never happened
	Due           string // a next poll with no time set: due now

	SettingsHeader  string
	SettingsLang    string
	SettingsTZ      string
	SettingsAlerts  string
	SettingsDigest  string
	SettingsQuiet   string
	SettingsFilters string
	SettingsSubs    string
	SettingsHowTo   string
	SettingsSaved   string
	Off             string
	None            string
	Yes, No         string
	AlertModes      map[claimwatch.AlertMode]string

	SettingsUsage string
	LangUsage     string
	TZUsage       string // %s the value
	AlertsUsage   string
	DigestUsage   string
	QuietUsage    string
	FilterUsage   string // %s the weapon list

	FilterNames map[string]string // claimant, country, weapon, keyword

	AddFeedUsage    string
	BadFeedURL      string
	FeedRefused     string // %s reason
	FeedAdded       string // %s name, %s url
	RemoveFeedUsage string
	FeedNotFound    string // %s
	FeedRemoved     string // %s name

	StatsHeader string
	Stats       string // %d feeds, %d failing, %d items, %d incidents, %d statements, %d tallies, %d chats, %d subscribed, %d paused, %d pending, %s oldest

	AlertNew      string
	AlertUpdate   string
	ClaimedBy     string // %s claimant
	AttributedTo  string // %s claimant
	NoClaim       string
	CasualtiesNil string
	Sources       string
	AndMore       string // %d

	DigestHeader string // %s date, %s count
	DigestNone   string

	FeedDown string // %s name, %s since, %s error, %s failures, %s url
	FeedUp   string // %s name

	Weapons  map[claimwatch.Weapon]string
	Attacks  plural
	Killed   plural
	Injured  plural
	Items    plural
	Failures plural
}

// plural is a noun in the plural forms of CLDR's rules: English uses One
// and Other; Arabic also Zero, Two, Few (n%100 in 3..10: "3 هجمات") and
// Many (n%100 in 11..99: "11 هجوماً"), Other then being 100, 101, 102...
// ("100 هجوم"). Forms with %d take the number.
type plural struct{ Zero, One, Two, Few, Many, Other string }

// Count returns n with its noun, in the form lang's grammar wants.
func (p plural) Count(lang string, n int) string {
	form := p.Other
	switch {
	case lang != "ar" && n == 1:
		form = p.One
	case lang != "ar":
	case n == 0 && p.Zero != "":
		form = p.Zero
	case n == 1:
		form = p.One
	case n == 2:
		form = p.Two
	case n%100 >= 3 && n%100 <= 10:
		form = p.Few
	case n%100 >= 11 && n%100 <= 99:
		form = p.Many
	}
	if strings.Contains(form, "%d") {
		return fmt.Sprintf(form, n)
	}
	return form
}

var english = texts{
	Lang:     "en",
	LangName: "English",
	Start:    "👋 <b>claimwatch</b> reads news feeds in Arabic and English and tells you about armed attacks, who claimed them and what officials say. An attack counts once, however many outlets report it, and every fact links to its source.\n\nSend /subscribe to get alerts here.",
	Help: "<b>Commands</b>\n" +
		"/subscribe: alerts in this chat\n" +
		"/unsubscribe: no more alerts\n" +
		"/today: today's attacks, by claimant and country\n" +
		"/counts [N | FROM TO]: attacks per day (default 7 days)\n" +
		"/latest [N]: newest incidents and statements\n" +
		"/tally: running tallies officials cite\n" +
		"/sources: the feeds and their health\n" +
		"/settings: language, time zone, alerts, digest, quiet hours, filters",
	HelpAdmin:    "\n\n<b>Admins</b>\n/addfeed URL [name]\n/removefeed URL|name\n/stats",
	NotCommand:   "Commands start with /. Send /help for the list.",
	Unknown:      "I don't know /%s. Send /help for the list of commands.",
	Internal:     "Something went wrong on my side. Please try again in a minute.",
	NotChatAdmin: "Only this group's administrators may do that.",
	NotBotAdmin:  "Only the bot's administrators may do that.",

	Subscribed:        "✅ Subscribed: this chat gets alerts (%s). /settings changes how.",
	AlreadySubscribed: "This chat is already subscribed (%s).",
	Unsubscribed:      "🔕 Unsubscribed: no more alerts or digests here. /subscribe brings them back.",
	NotSubscribed:     "This chat is not subscribed. /subscribe starts alerts.",

	TodayHeader:  "<b>Today</b>, %s (%s): %s",
	TodayNone:    "No attacks reported today so far.",
	ByClaimant:   "<b>By claimant</b>",
	ByCountry:    "<b>By country</b>",
	Unclaimed:    "unclaimed",
	UnknownPlace: "place unknown",
	NoCountry:    "country unknown",
	MoreItems:    "…and %d more",

	CountsHeader: "<b>Attacks per day</b>, %s to %s (%s)",
	CountsTotal:  "<b>Total</b>: %s",
	CountsUsage:  "Use /counts (the last 7 days), /counts N (the last N days, 1 to %[1]d) or /counts FROM TO with dates as YYYY-MM-DD, at most %[1]d days apart.",

	LatestHeader:     "<b>Latest incidents</b>",
	LatestStatements: "<b>Latest statements</b>",
	LatestNone:       "Nothing reported yet.",
	LatestUsage:      "Use /latest or /latest N, with N from 1 to %d.",

	TallyHeader: "<b>Running tallies</b>",
	TallyNone:   "No tallies reported yet.",
	TallySince:  "since %s",
	TallyPer:    "according to %s",

	SourcesHeader: "<b>Sources</b>",
	SourcesNone:   "No feeds yet.",
	SourceLine:    "last poll %s · %s · next %s",
	SourceError:   "failing since %s: %s",
	Never:         "never",
	Due:           "now",

	SettingsHeader:  "<b>Settings</b>",
	SettingsLang:    "Language",
	SettingsTZ:      "Time zone",
	SettingsAlerts:  "Alerts",
	SettingsDigest:  "Daily digest at",
	SettingsQuiet:   "Quiet hours",
	SettingsFilters: "Filters (alerts and digests)",
	SettingsSubs:    "Subscribed",
	SettingsHowTo:   "Change with /settings and: <code>lang ar|en</code> · <code>tz Asia/Baghdad</code> · <code>alerts instant|digest|both</code> · <code>digest 8</code> · <code>quiet 23 7</code> or <code>quiet off</code> · <code>filter claimant|country|weapon|keyword VALUE[,VALUE]</code> · <code>filter clear</code>",
	SettingsSaved:   "✅ Saved.",
	Off:             "off",
	None:            "none",
	Yes:             "yes",
	No:              "no",
	AlertModes: map[claimwatch.AlertMode]string{
		claimwatch.AlertsInstant: "instant",
		claimwatch.AlertsDigest:  "daily digest",
		claimwatch.AlertsBoth:    "instant and daily digest",
	},

	SettingsUsage: "I don't know that setting. Use lang, tz, alerts, digest, quiet or filter; /settings shows them all.",
	LangUsage:     "Use /settings lang ar or /settings lang en.",
	TZUsage:       "I don't know the time zone %s. Use an IANA name such as Asia/Baghdad, Europe/London or UTC.",
	AlertsUsage:   "Use /settings alerts instant, digest or both.",
	DigestUsage:   "Use /settings digest HOUR, an hour from 0 to 23 in your time zone.",
	QuietUsage:    "Use /settings quiet FROM TO with hours from 0 to 23 (e.g. quiet 23 7), or /settings quiet off.",
	FilterUsage:   "Use /settings filter claimant|country|weapon|keyword VALUE[,VALUE], or /settings filter clear. Weapons: %s.",
	FilterNames:   map[string]string{"claimant": "claimant", "country": "country", "weapon": "weapon", "keyword": "keyword"},

	AddFeedUsage:    "Use /addfeed URL [name], with an http or https URL.",
	BadFeedURL:      "That is not an http or https URL. Use /addfeed URL [name].",
	FeedRefused:     "❌ Not added: %s",
	FeedAdded:       "✅ Added %s (%s). It is polled from now on.",
	RemoveFeedUsage: "Use /removefeed URL or /removefeed NAME; /sources lists them.",
	FeedNotFound:    "No feed has the URL or name %s. /sources lists them.",
	FeedRemoved:     "🗑 Removed %s. Its reports and incidents stay.",

	StatsHeader: "<b>Stats</b>",
	Stats:       "Feeds: %d (%d failing)\nItems: %d\nIncidents: %d\nStatements: %d\nTallies: %d\nChats: %d (%d subscribed, %d paused)\nOutbox: %d pending%s",

	AlertNew:      "🚨 <b>New attack</b>",
	AlertUpdate:   "🔺 <b>Update: casualties rose</b>",
	ClaimedBy:     "claimed by <b>%s</b>",
	AttributedTo:  "attributed to <b>%s</b>",
	NoClaim:       "unclaimed",
	CasualtiesNil: "casualties not reported",
	Sources:       "Sources",
	AndMore:       "+%d more",

	DigestHeader: "📰 <b>Daily digest</b>, %s: %s in the last 24 hours",
	DigestNone:   "No attacks reported in the last 24 hours.",

	FeedDown: "⚠️ Feed <b>%s</b> is failing since %s: %s (%s). %s",
	FeedUp:   "✅ Feed <b>%s</b> works again.",

	Weapons: map[claimwatch.Weapon]string{
		claimwatch.Drone: "drone", claimwatch.Rocket: "rockets", claimwatch.Missile: "missile",
		claimwatch.Mortar: "mortars", claimwatch.IED: "IED", claimwatch.CarBomb: "car bomb",
		claimwatch.Suicide: "suicide attack", claimwatch.Gunfire: "gunfire", claimwatch.Shelling: "shelling",
		claimwatch.Airstrike: "airstrike", claimwatch.Other: "other weapon",
	},
	Attacks:  plural{One: "1 attack", Other: "%d attacks"},
	Killed:   plural{One: "1 killed", Other: "%d killed"},
	Injured:  plural{One: "1 injured", Other: "%d injured"},
	Items:    plural{One: "1 item", Other: "%d items"},
	Failures: plural{One: "1 failure", Other: "%d failures in a row"},
}

var arabic = texts{
	Lang:     "ar",
	LangName: "العربية",
	Mark:     "\u200f",
	Start:    "👋 <b>claimwatch</b> يقرأ الأخبار بالعربية والإنجليزية، ويخبرك بالهجمات المسلحة ومن تبنّاها وما يقوله المسؤولون. يُحسب الهجوم مرة واحدة مهما تعددت وسائل الإعلام التي تنقله، ولكل معلومة رابط إلى مصدرها.\n\nأرسل /subscribe لتصلك التنبيهات هنا.",
	Help: "<b>الأوامر</b>\n" +
		"/subscribe: تفعيل التنبيهات في هذه المحادثة\n" +
		"/unsubscribe: إيقاف التنبيهات\n" +
		"/today: هجمات اليوم حسب الجهة والبلد\n" +
		"/counts [N | FROM TO]: عدد الهجمات يومياً (7 أيام افتراضياً)\n" +
		"/latest [N]: أحدث الحوادث والتصريحات\n" +
		"/tally: الحصائل التي يذكرها المسؤولون\n" +
		"/sources: المصادر وحالتها\n" +
		"/settings: اللغة والمنطقة الزمنية والتنبيهات والملخص وساعات الهدوء والتصفية",
	HelpAdmin:    "\n\n<b>للمشرفين</b>\n/addfeed URL [name]\n/removefeed URL|name\n/stats",
	NotCommand:   "تبدأ الأوامر بـ /. أرسل /help لعرضها.",
	Unknown:      "لا أعرف الأمر /%s. أرسل /help لعرض الأوامر.",
	Internal:     "حدث خطأ من جهتي. حاول مجدداً بعد دقيقة.",
	NotChatAdmin: "هذا الأمر لمشرفي المجموعة فقط.",
	NotBotAdmin:  "هذا الأمر لمشرفي البوت فقط.",

	Subscribed:        "✅ تم الاشتراك: ستصل التنبيهات إلى هذه المحادثة (%s). يمكنك تغيير ذلك عبر /settings.",
	AlreadySubscribed: "هذه المحادثة مشتركة بالفعل (%s).",
	Unsubscribed:      "🔕 أُلغي الاشتراك: لن تصل تنبيهات أو ملخصات. أرسل /subscribe لإعادتها.",
	NotSubscribed:     "هذه المحادثة غير مشتركة. أرسل /subscribe لتفعيل التنبيهات.",

	TodayHeader:  "<b>اليوم</b>، %s (%s): %s",
	TodayNone:    "لم تُسجَّل هجمات اليوم حتى الآن.",
	ByClaimant:   "<b>حسب الجهة</b>",
	ByCountry:    "<b>حسب البلد</b>",
	Unclaimed:    "دون تبنٍّ",
	UnknownPlace: "المكان غير معروف",
	NoCountry:    "البلد غير معروف",
	MoreItems:    "…و%d غيرها",

	CountsHeader: "<b>عدد الهجمات يومياً</b>، من %s إلى %s (%s)",
	CountsTotal:  "<b>المجموع</b>: %s",
	CountsUsage:  "استخدم /counts (آخر 7 أيام)، أو /counts N (آخر N يوماً، من 1 إلى %[1]d)، أو /counts FROM TO بتاريخين بصيغة YYYY-MM-DD لا يفصل بينهما أكثر من %[1]d يوماً.",

	LatestHeader:     "<b>أحدث الحوادث</b>",
	LatestStatements: "<b>أحدث التصريحات</b>",
	LatestNone:       "لم يُسجَّل شيء بعد.",
	LatestUsage:      "استخدم /latest أو /latest N، حيث N من 1 إلى %d.",

	TallyHeader: "<b>الحصائل</b>",
	TallyNone:   "لم تُذكر أي حصيلة بعد.",
	TallySince:  "منذ %s",
	TallyPer:    "بحسب %s",

	SourcesHeader: "<b>المصادر</b>",
	SourcesNone:   "لا مصادر بعد.",
	SourceLine:    "آخر جلب %s · %s · التالي %s",
	SourceError:   "متعطل منذ %s: %s",
	Never:         "لم يتم بعد",
	Due:           "الآن",

	SettingsHeader:  "<b>الإعدادات</b>",
	SettingsLang:    "اللغة",
	SettingsTZ:      "المنطقة الزمنية",
	SettingsAlerts:  "التنبيهات",
	SettingsDigest:  "الملخص اليومي الساعة",
	SettingsQuiet:   "ساعات الهدوء",
	SettingsFilters: "التصفية (للتنبيهات والملخصات)",
	SettingsSubs:    "الاشتراك",
	SettingsHowTo:   "للتغيير أرسل /settings مع: <code>lang ar|en</code> · <code>tz Asia/Baghdad</code> · <code>alerts instant|digest|both</code> · <code>digest 8</code> · <code>quiet 23 7</code> أو <code>quiet off</code> · <code>filter claimant|country|weapon|keyword VALUE[,VALUE]</code> · <code>filter clear</code>",
	SettingsSaved:   "✅ تم الحفظ.",
	Off:             "معطّلة",
	None:            "لا شيء",
	Yes:             "نعم",
	No:              "لا",
	AlertModes: map[claimwatch.AlertMode]string{
		claimwatch.AlertsInstant: "فورية",
		claimwatch.AlertsDigest:  "ملخص يومي",
		claimwatch.AlertsBoth:    "فورية وملخص يومي",
	},

	SettingsUsage: "لا أعرف هذا الإعداد. استخدم lang أو tz أو alerts أو digest أو quiet أو filter؛ ويعرضها /settings كلها.",
	LangUsage:     "استخدم /settings lang ar أو /settings lang en.",
	TZUsage:       "لا أعرف المنطقة الزمنية %s. استخدم اسماً مثل Asia/Baghdad أو Asia/Riyadh أو UTC.",
	AlertsUsage:   "استخدم /settings alerts مع instant (فورية) أو digest (ملخص يومي) أو both (كلاهما).",
	DigestUsage:   "استخدم /settings digest HOUR، بساعة من 0 إلى 23 بتوقيتك.",
	QuietUsage:    "استخدم /settings quiet FROM TO بساعتين من 0 إلى 23 (مثل quiet 23 7)، أو /settings quiet off.",
	FilterUsage:   "استخدم /settings filter claimant|country|weapon|keyword VALUE[,VALUE]، أو /settings filter clear. الأسلحة: %s.",
	FilterNames:   map[string]string{"claimant": "الجهة", "country": "البلد", "weapon": "السلاح", "keyword": "كلمة"},

	AddFeedUsage:    "استخدم /addfeed URL [name] برابط يبدأ بـ http أو https.",
	BadFeedURL:      "هذا ليس رابط http أو https. استخدم /addfeed URL [name].",
	FeedRefused:     "❌ لم يُضف المصدر: %s",
	FeedAdded:       "✅ أُضيف %s (%s)، وسيُجلب من الآن.",
	RemoveFeedUsage: "استخدم /removefeed URL أو /removefeed NAME؛ ويعرض /sources المصادر.",
	FeedNotFound:    "لا يوجد مصدر بالرابط أو الاسم %s. يعرض /sources المصادر.",
	FeedRemoved:     "🗑 حُذف %s. تبقى تقاريره وحوادثه.",

	StatsHeader: "<b>إحصاءات</b>",
	Stats:       "المصادر: %d (%d متعطلة)\nالأخبار: %d\nالحوادث: %d\nالتصريحات: %d\nالحصائل: %d\nالمحادثات: %d (%d مشتركة، %d موقوفة)\nصندوق الإرسال: %d بالانتظار%s",

	AlertNew:    "🚨 <b>هجوم جديد</b>",
	AlertUpdate: "🔺 <b>تحديث: ارتفاع الحصيلة</b>",
	// "الجهة المتبنية: X" rather than a verb: a verb would have to agree
	// in gender and number with X, and a preposition put X in the
	// genitive, which the names (e.g. "الحوثيون") are not written in.
	ClaimedBy:     "الجهة المتبنية: <b>%s</b>",
	AttributedTo:  "الجهة المتهمة: <b>%s</b>",
	NoClaim:       "لم تتبنّه أي جهة",
	CasualtiesNil: "لم تُذكر إصابات",
	Sources:       "المصادر",
	AndMore:       "و%d غيرها",

	DigestHeader: "📰 <b>الملخص اليومي</b>، %s: %s خلال آخر 24 ساعة",
	DigestNone:   "لم تُسجَّل هجمات خلال آخر 24 ساعة.",

	FeedDown: "⚠️ المصدر <b>%s</b> متعطل منذ %s: %s (%s). %s",
	FeedUp:   "✅ عاد المصدر <b>%s</b> إلى العمل.",

	Weapons: map[claimwatch.Weapon]string{
		claimwatch.Drone: "طائرة مسيّرة", claimwatch.Rocket: "قذائف صاروخية", claimwatch.Missile: "صاروخ",
		claimwatch.Mortar: "قذائف هاون", claimwatch.IED: "عبوة ناسفة", claimwatch.CarBomb: "سيارة مفخخة",
		claimwatch.Suicide: "هجوم انتحاري", claimwatch.Gunfire: "إطلاق نار", claimwatch.Shelling: "قصف مدفعي",
		claimwatch.Airstrike: "غارة جوية", claimwatch.Other: "سلاح آخر",
	},
	Attacks:  plural{Zero: "لا هجمات", One: "هجوم واحد", Two: "هجومان", Few: "%d هجمات", Many: "%d هجوماً", Other: "%d هجوم"},
	Killed:   plural{Zero: "لا قتلى", One: "قتيل واحد", Two: "قتيلان", Few: "%d قتلى", Many: "%d قتيلاً", Other: "%d قتيل"},
	Injured:  plural{Zero: "لا جرحى", One: "جريح واحد", Two: "جريحان", Few: "%d جرحى", Many: "%d جريحاً", Other: "%d جريح"},
	Items:    plural{Zero: "لا أخبار", One: "خبر واحد", Two: "خبران", Few: "%d أخبار", Many: "%d خبراً", Other: "%d خبر"},
	Failures: plural{One: "إخفاق واحد", Two: "إخفاقان متتاليان", Few: "%d إخفاقات متتالية", Many: "%d إخفاقاً متتالياً", Other: "%d إخفاق متتالٍ"},
}

// catalog returns the texts of lang, English for anything but "ar".
func catalog(lang string) *texts {
	if lang == "ar" {
		return &arabic
	}
	return &english
}

// arabicCountries names the countries the gazetteer's English names stand
// for, so an Arabic chat reads them in Arabic.
var arabicCountries = map[string]string{
	"iraq": "العراق", "syria": "سوريا", "yemen": "اليمن", "lebanon": "لبنان", "israel": "إسرائيل",
	"jordan": "الأردن", "iran": "إيران", "saudi arabia": "السعودية", "egypt": "مصر", "libya": "ليبيا",
	"palestine": "فلسطين", "palestinian territories": "الأراضي الفلسطينية", "gaza": "غزة", "west bank": "الضفة الغربية",
	"turkey": "تركيا", "kuwait": "الكويت", "united arab emirates": "الإمارات", "uae": "الإمارات",
	"bahrain": "البحرين", "qatar": "قطر", "oman": "عُمان", "sudan": "السودان", "somalia": "الصومال",
	"afghanistan": "أفغانستان", "pakistan": "باكستان", "nigeria": "نيجيريا", "mali": "مالي",
	"burkina faso": "بوركينا فاسو", "niger": "النيجر", "algeria": "الجزائر", "tunisia": "تونس",
	"morocco": "المغرب", "mozambique": "موزمبيق", "djibouti": "جيبوتي", "eritrea": "إريتريا",
	"red sea": "البحر الأحمر", "gulf of aden": "خليج عدن", "united states": "الولايات المتحدة",
}

// arabicClaimants names well-known groups in Arabic, for reports read in
// English shown to an Arabic chat.
var arabicClaimants = map[string]string{
	"islamic resistance in iraq": "المقاومة الإسلامية في العراق",
	"houthis":                    "الحوثيون",
	"ansar allah":                "أنصار الله",
	"hezbollah":                  "حزب الله",
	"kataib hezbollah":           "كتائب حزب الله",
	"islamic state":              "تنظيم الدولة الإسلامية",
	"hamas":                      "حماس",
	"al-shabaab":                 "حركة الشباب",
	"al-qaeda":                   "تنظيم القاعدة",
	"taliban":                    "طالبان",
}

// weaponList returns the weapon vocabulary as /settings filter accepts it.
func weaponList() string {
	var b strings.Builder
	for i, w := range claimwatch.Weapons {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(w))
	}
	return b.String()
}
