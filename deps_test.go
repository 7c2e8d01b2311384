package claimwatch_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies checks the architecture: plain domain types at the
// centre, one adapter package per outside dependency.
func TestDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/claimwatch/claimwatch"
	tests := []struct {
		pkg string
		bad map[string]string // import path prefix -> why it must not be reached
	}{
		{mod, map[string]string{
			mod + "/":  "the root package holds plain domain types and imports nothing of ours",
			"github.":  "the root package is standard library only",
			"modernc.": "the root package is standard library only",
			"go.yaml":  "the root package is standard library only",
		}},
		{mod + "/summarize", map[string]string{
			"net/http":                       "the summarizer reads text, not the network",
			"database/sql":                   "SQL lives in store/",
			mod + "/store":                   "the summarizer depends on the root only",
			mod + "/feeds":                   "the summarizer depends on the root only",
			mod + "/bot":                     "the summarizer depends on the root only",
			mod + "/config":                  "the summarizer depends on the root only",
			"github.com/go-telegram-bot-api": "Telegram calls live in bot/",
		}},
		{mod + "/feeds", map[string]string{
			"database/sql":                   "SQL lives in store/",
			"modernc.org/sqlite":             "SQL lives in store/",
			"github.com/go-telegram-bot-api": "Telegram calls live in bot/",
			mod + "/store":                   "feeds talks to the store through root interfaces",
			mod + "/bot":                     "feeds does not talk to chats",
			mod + "/config":                  "config is read by cmd only",
		}},
		{mod + "/bot", map[string]string{
			"database/sql":       "SQL lives in store/",
			"modernc.org/sqlite": "SQL lives in store/",
			mod + "/store":       "bot talks to the store through root interfaces",
			mod + "/feeds":       "bot checks feeds through bot.FeedChecker",
			mod + "/config":      "config is read by cmd only; the token arrives as bot.Token",
		}},
		{mod + "/store", map[string]string{
			"github.com/go-telegram-bot-api": "Telegram calls live in bot/",
			"github.com/mmcdole/gofeed":      "feeds are parsed in feeds/",
			mod + "/bot":                     "store holds domain types only",
			mod + "/feeds":                   "store holds domain types only",
			mod + "/config":                  "config is read by cmd only",
		}},
		{mod + "/config", map[string]string{
			mod: "config imports nothing of ours",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", tc.pkg).CombinedOutput()
			if err != nil {
				t.Fatalf("go list %s: %v\n%s", tc.pkg, err, out)
			}
			for _, dep := range strings.Fields(string(out)) {
				if dep == tc.pkg {
					continue
				}
				for prefix, why := range tc.bad {
					if dep == prefix || strings.HasPrefix(dep, prefix) && (strings.HasSuffix(prefix, "/") || strings.HasSuffix(prefix, ".") || strings.HasPrefix(dep[len(prefix):], "/")) {
						t.Errorf("%s depends on %s: %s", tc.pkg, dep, why)
					}
				}
			}
		})
	}
}
