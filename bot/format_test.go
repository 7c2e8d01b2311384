package bot

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite bot/testdata/*.golden from the renderers' output")

// telegramTags are the tags the Bot API's HTML parse mode accepts.
var telegramTags = map[string]bool{"b": true, "i": true, "u": true, "s": true, "a": true, "code": true, "pre": true, "blockquote": true}

// checkTelegramHTML fails unless s is HTML the Bot API accepts: known
// tags, balanced, links only to http(s), and no bare <, > or & in text.
func checkTelegramHTML(t testing.TB, s string) {
	t.Helper()
	var stack []string
	for _, a := range scanHTML(s) {
		switch a.kind {
		case atomOpen:
			if !telegramTags[a.name] {
				t.Fatalf("tag <%s> is not Telegram HTML:\n%s", a.name, s)
			}
			raw := s[a.start:a.end]
			if a.name == "a" && !strings.HasPrefix(raw, `<a href="http://`) && !strings.HasPrefix(raw, `<a href="https://`) {
				t.Fatalf("link %s is not http(s):\n%s", raw, s)
			}
			if strings.ContainsAny(strings.TrimSuffix(strings.TrimPrefix(raw, "<"), ">"), "<>") {
				t.Fatalf("tag %s holds < or >", raw)
			}
			stack = append(stack, a.name)
		case atomClose:
			if len(stack) == 0 || stack[len(stack)-1] != a.name {
				t.Fatalf("</%s> closes %v:\n%s", a.name, stack, s)
			}
			stack = stack[:len(stack)-1]
		case atomChar:
			if a.r == '<' || a.r == '>' || a.r == '&' {
				t.Fatalf("bare %q at byte %d:\n%s", a.r, a.start, s)
			}
		}
	}
	if len(stack) > 0 {
		t.Fatalf("unclosed %v:\n%s", stack, s)
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-golden to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s changed (run with -update-golden and read the diff):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

var (
	baghdad, _ = time.LoadLocation("Asia/Baghdad")
	seenAt     = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
)

// sampleIncident is an incident two outlets told, one English, one Arabic.
func sampleIncident() claimwatch.Incident {
	return claimwatch.Incident{
		ID: 7,
		Attack: claimwatch.Attack{
			Claimant: "Islamic Resistance in Iraq", ClaimantText: "المقاومة الإسلامية في العراق",
			Responsibility: claimwatch.Claimed, Weapons: []claimwatch.Weapon{claimwatch.Drone, claimwatch.Rocket},
			Target: "Ain al-Asad air base", TargetText: "قاعدة عين الأسد", Place: "Anbar", Country: "Iraq",
			Date: "2026-11-25", Killed: claimwatch.Count(0), Injured: claimwatch.Count(3),
			Evidence: "The group said it struck the base with two drones at dawn.",
		},
		OccurredOn: "2026-11-25", FirstSeen: seenAt, UpdatedAt: seenAt,
		Sources: []claimwatch.Source{
			{ItemID: 1, Feed: "Desert Wire", URL: "https://desert.example/a/1", Published: seenAt},
			{ItemID: 2, Feed: "الرافدين نيوز", URL: "https://rafidain.example/n/2?x=1&y=2", Published: seenAt.Add(time.Hour)},
			{ItemID: 3, Feed: "Desert Wire", URL: "https://desert.example/a/1", Published: seenAt},
		},
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0 attacks"}, {"en", 1, "1 attack"}, {"en", 2, "2 attacks"}, {"en", 11, "11 attacks"},
		{"ar", 0, "لا هجمات"}, {"ar", 1, "هجوم واحد"}, {"ar", 2, "هجومان"}, {"ar", 3, "3 هجمات"},
		{"ar", 10, "10 هجمات"}, {"ar", 11, "11 هجوماً"}, {"ar", 99, "99 هجوماً"}, {"ar", 100, "100 هجوم"},
		{"ar", 102, "102 هجوم"}, {"ar", 103, "103 هجمات"}, {"ar", 111, "111 هجوماً"},
	}
	for _, tc := range tests {
		if got := catalog(tc.lang).Attacks.Count(tc.lang, tc.n); got != tc.want {
			t.Errorf("%s attacks(%d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if got := arabic.Killed.Count("ar", 15); got != "15 قتيلاً" {
		t.Errorf("ar killed(15) = %q", got)
	}
	if got := arabic.Injured.Count("ar", 4); got != "4 جرحى" {
		t.Errorf("ar injured(4) = %q", got)
	}
}

func TestCatalogsAreComplete(t *testing.T) {
	for _, tx := range []*texts{&english, &arabic} {
		for _, w := range claimwatch.Weapons {
			if tx.Weapons[w] == "" {
				t.Errorf("%s: no name for weapon %s", tx.Lang, w)
			}
		}
		for _, m := range []claimwatch.AlertMode{claimwatch.AlertsInstant, claimwatch.AlertsDigest, claimwatch.AlertsBoth} {
			if tx.AlertModes[m] == "" {
				t.Errorf("%s: no name for alert mode %s", tx.Lang, m)
			}
		}
		checkTelegramHTML(t, tx.Help+tx.HelpAdmin+tx.Start+tx.SettingsHowTo)
	}
}

func TestRenderIncident(t *testing.T) {
	tests := []struct {
		name     string
		lang     string
		kind     claimwatch.AlertKind
		edit     func(*claimwatch.Incident)
		want     []string
		wantNot  []string
		goldenAs string
	}{
		{name: "english alert names claimant, weapons, place, toll, evidence and both outlets", lang: "en", kind: claimwatch.AlertNew,
			want: []string{"New attack", "claimed by <b>Islamic Resistance in Iraq</b>", "drone, rockets", "Ain al-Asad air base, Anbar, Iraq",
				"0 killed, 3 injured", "<blockquote>The group said it struck the base with two drones at dawn.</blockquote>",
				`<a href="https://desert.example/a/1">Desert Wire</a>`, `<a href="https://rafidain.example/n/2?x=1&amp;y=2">` + fsi + "الرافدين نيوز" + pdi + "</a>", "2026-11-25"},
			goldenAs: "alert_en"},
		{name: "arabic alert reads the claimant and target as written and the country in arabic", lang: "ar", kind: claimwatch.AlertNew,
			want: []string{"هجوم جديد", "الجهة المتبنية: <b>المقاومة الإسلامية في العراق</b>", "طائرة مسيّرة، قذائف صاروخية", "قاعدة عين الأسد", "العراق",
				"لا قتلى", "3 جرحى", fsi + "Desert Wire" + pdi, "\u200f🎯"},
			wantNot:  []string{"Iraq<", "killed"},
			goldenAs: "alert_ar"},
		{name: "update alert says casualties rose", lang: "en", kind: claimwatch.AlertUpdate,
			want: []string{"Update: casualties rose"}},
		{name: "attributed attack", lang: "en", kind: claimwatch.AlertNew,
			edit: func(in *claimwatch.Incident) { in.Attack.Responsibility = claimwatch.Attributed },
			want: []string{"attributed to <b>Islamic Resistance in Iraq</b>"}},
		{name: "unclaimed attack in arabic", lang: "ar", kind: claimwatch.AlertNew,
			edit: func(in *claimwatch.Incident) {
				in.Attack.Claimant, in.Attack.ClaimantText, in.Attack.Responsibility = "", "", claimwatch.Unclaimed
			},
			want: []string{"لم تتبنّه أي جهة"}},
		{name: "dynamic text is escaped and unsafe links are not links", lang: "en", kind: claimwatch.AlertNew,
			edit: func(in *claimwatch.Incident) {
				in.Attack.Claimant = `<script>alert("x")</script> & co`
				in.Attack.Target = "Base <b>"
				in.Attack.Evidence = `He said "a < b" & left`
				in.Sources = []claimwatch.Source{
					{Feed: "Bad <Feed>", URL: "javascript:alert(1)"},
					{Feed: "Quote\"Feed", URL: `https://x.example/"><script>`},
				}
			},
			want: []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co", "Base &lt;b&gt;", "He said &#34;a &lt; b&#34; &amp; left",
				"Bad &lt;Feed&gt;", `href="https://x.example/&#34;&gt;&lt;script&gt;"`},
			wantNot: []string{"javascript:", "<script>"}},
		{name: "unknown casualties are said so", lang: "en", kind: claimwatch.AlertNew,
			edit: func(in *claimwatch.Incident) { in.Attack.Killed, in.Attack.Injured = nil, nil },
			want: []string{"casualties not reported"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := sampleIncident()
			if tc.edit != nil {
				tc.edit(&in)
			}
			got := renderIncident(catalog(tc.lang), in, tc.kind, baghdad)
			checkTelegramHTML(t, got)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("unexpected %q in:\n%s", w, got)
				}
			}
			if strings.Count(got, "desert.example/a/1") != 1 {
				if tc.edit == nil {
					t.Errorf("the same link twice:\n%s", got)
				}
			}
			if tc.goldenAs != "" {
				checkGolden(t, tc.goldenAs, got)
			}
		})
	}
}

func TestRenderCountsAndDigest(t *testing.T) {
	days := []claimwatch.DayCount{{Date: "2026-11-23", Attacks: 0}, {Date: "2026-11-24", Attacks: 2}, {Date: "2026-11-25", Attacks: 11}}
	for _, tc := range []struct{ lang, total string }{{"en", "13 attacks"}, {"ar", "13 هجوماً"}} {
		got := renderCounts(catalog(tc.lang), days, "Asia/Baghdad")
		checkTelegramHTML(t, got)
		for _, w := range []string{"2026-11-23    0", "2026-11-25   11", tc.total, "<pre>"} {
			if !strings.Contains(got, w) {
				t.Errorf("%s counts: missing %q in:\n%s", tc.lang, w, got)
			}
		}
	}
	other := sampleIncident()
	other.Attack.Claimant, other.Attack.ClaimantText, other.Attack.Country = "", "", "Syria"
	other.Attack.Responsibility = claimwatch.Unclaimed
	ins := []claimwatch.Incident{sampleIncident(), sampleIncident(), other}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"3 attacks", "Islamic Resistance in Iraq: 2", "unclaimed: 1", "Iraq: 2", "Syria: 1"}},
		{"ar", []string{"3 هجمات", "المقاومة الإسلامية في العراق: 2", "دون تبنٍّ: 1", "العراق: 2", "سوريا: 1"}},
	} {
		tx := catalog(tc.lang)
		got := renderDigest(tx, "H "+tx.Attacks.Count(tc.lang, len(ins)), ins, baghdad)
		checkTelegramHTML(t, got)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s digest: missing %q in:\n%s", tc.lang, w, got)
			}
		}
		checkGolden(t, "digest_"+tc.lang, got)
	}
}

func TestRenderStatementTallyFeeds(t *testing.T) {
	st := claimwatch.StatementRecord{
		Statement: claimwatch.Statement{Speaker: "Jane Roe", Role: "spokeswoman <MoD>", Quote: "We will respond & soon."},
		Source:    claimwatch.Source{Feed: "Desert Wire", URL: "https://desert.example/s", Published: seenAt},
	}
	withEvidence := st
	withEvidence.Quote, withEvidence.Evidence = "reporters.", "Forces were attacked 47 times, Jane Roe told reporters."
	tr := claimwatch.TallyRecord{
		Tally:  claimwatch.Tally{Count: 92, Subject: "attacks on US forces", Since: "2026-10-17", Source: "a US official"},
		Source: claimwatch.Source{Feed: "Desert Wire", URL: "https://desert.example/t"},
	}
	feeds := []claimwatch.Feed{
		{Name: "Good <feed>", URL: "https://good.example/rss", Health: claimwatch.FeedHealth{LastPoll: seenAt, ItemsSeen: 12, NextPoll: seenAt.Add(5 * time.Minute)}},
		{Name: "Bad", URL: "https://bad.example/rss", Health: claimwatch.FeedHealth{LastPoll: seenAt, LastError: "HTTP 503, retry after 120s", ConsecutiveFailures: 3, FailingSince: seenAt.Add(-time.Hour)}},
		{Name: "New", URL: "https://new.example/rss"},
	}
	for _, tc := range []struct {
		name, got string
		want      []string
	}{
		{"statement", renderStatement(&english, st, time.UTC), []string{"Jane Roe", "spokeswoman &lt;MoD&gt;", "We will respond &amp; soon.", "https://desert.example/s"}},
		{"arabic statement", renderStatement(&arabic, st, time.UTC), []string{fsi + "Jane Roe" + pdi}},
		{"statement shows its whole sentence", renderStatement(&english, withEvidence, time.UTC), []string{"<blockquote>Forces were attacked 47 times, Jane Roe told reporters.</blockquote>"}},
		{"tally", renderTally(&english, tr), []string{"<b>92</b> attacks on US forces", "since 2026-10-17", "according to a US official", "https://desert.example/t"}},
		{"arabic tally", renderTally(&arabic, tr), []string{"<b>92</b>", "منذ 2026-10-17", "بحسب"}},
		{"feeds", renderFeeds(&english, feeds, baghdad, "Asia/Baghdad"), []string{"✅ <b><a href=\"https://good.example/rss\">Good &lt;feed&gt;</a></b>", "12 items", "2026-11-25 12:30", "⚠️", "failing since 2026-11-25 11:30: <i>HTTP 503, retry after 120s</i>", "⏳ <b><a href=\"https://new.example/rss\">New</a></b>\nlast poll never · 0 items · next now"}},
		{"arabic feeds", renderFeeds(&arabic, feeds, baghdad, "Asia/Baghdad"), []string{"12 خبراً", "متعطل منذ"}},
		{"feed down", FeedHealthNotice("en", feeds[1], true), []string{"Feed <b>Bad</b> is failing", "HTTP 503", "3 failures in a row"}},
		{"feed up in arabic", FeedHealthNotice("ar", feeds[1], false), []string{"عاد المصدر"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTelegramHTML(t, tc.got)
			for _, w := range tc.want {
				if !strings.Contains(tc.got, w) {
					t.Errorf("missing %q in:\n%s", w, tc.got)
				}
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tags go, entities decode", "<b>a &amp; b</b> &lt;c&gt; &#34;q&#34;", `a & b <c> "q"`},
		{"a link shows its url", `see <a href="https://x.example/?a=1&amp;b=2">Desert Wire</a>`, "see Desert Wire (https://x.example/?a=1&b=2)"},
		{"a bare url is not repeated", `<a href="https://x.example/">https://x.example/</a>`, "https://x.example/"},
		{"quotes get a marker", "head<blockquote>line one\nline two</blockquote>tail", "head\n> line one\n> line two\ntail"},
		{"bidi marks go", "\u200f• " + fsi + "Ain al-Asad" + pdi, "• Ain al-Asad"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HTMLToText(tc.in); got != tc.want {
				t.Errorf("HTMLToText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
