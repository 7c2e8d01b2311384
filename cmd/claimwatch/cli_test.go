package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeTemp(t *testing.T, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExtractJSONContract(t *testing.T) {
	report := writeTemp(t, "report.txt", []byte("Rockets hit Baghdad's Green Zone\n\nThree rockets struck near the US embassy in Baghdad on Friday, police said. Nobody was hurt.\n"))
	empty := writeTemp(t, "empty.txt", []byte(" \n\n"))
	latin1 := writeTemp(t, "latin1.txt", []byte("caf\xe9 attack\n\nsome text\n"))
	code, out, errOut := runCLI(t, "", "extract", "--json", "--published", "2026-03-06T10:00:00Z", report, empty, latin1, filepath.Join(t.TempDir(), "missing.txt"))
	if code == 0 {
		t.Error("extract exited 0 although three files were bad")
	}
	for _, want := range []string{"empty.txt: empty report", "latin1.txt: not UTF-8", "missing.txt"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON line for the one good file, got %d:\n%s", len(lines), out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "language", "attacks", "statements", "tallies"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q: %s", key, lines[0])
		}
	}
	if got["file"] != report || got["language"] != "en" {
		t.Errorf("file/language = %v/%v", got["file"], got["language"])
	}
	attacks, _ := got["attacks"].([]any)
	if len(attacks) == 0 {
		t.Fatalf("no attack found in %s", lines[0])
	}
	a := attacks[0].(map[string]any)
	for _, key := range []string{"claimant", "claimant_text", "responsibility", "weapons", "target", "target_text", "place", "country", "date", "killed", "injured", "evidence"} {
		if _, ok := a[key]; !ok {
			t.Errorf("attack lacks %q: %v", key, a)
		}
	}
}

func TestExtractReadsStandardInput(t *testing.T) {
	code, out, errOut := runCLI(t, "عنوان\n\nقال وزير الدفاع إن القوات ستواصل عملها.\n", "extract", "-", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"file":"-"`) || !strings.Contains(out, `"language":"ar"`) {
		t.Errorf("got %s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no subcommand", nil, 2, "usage"},
		{"unknown subcommand", []string{"serve"}, 2, `unknown command "serve"`},
		{"help", []string{"-h"}, 0, "commands:"},
		{"subcommand help", []string{"counts", "-h"}, 0, "--tz"},
		{"extract without files", []string{"extract", "--json"}, 2, "no report file"},
		{"bad published time", []string{"extract", "--published", "yesterday", "-"}, 2, "RFC 3339"},
		{"bad counts date", []string{"counts", "--from", "2026-13-01"}, 2, "not a date"},
		{"counts range reversed", []string{"counts", "--from", "2026-02-01", "--to", "2026-01-01"}, 2, "after"},
		{"bad time zone", []string{"counts", "--tz", "Mars/Olympus"}, 2, "time zone"},
		{"poll with a bad feed URL", []string{"poll", "--once", "--feed", "ftp://x"}, 2, "http"},
		{"run without a token", []string{"run", "--db", ":memory:"}, 1, "TELEGRAM_BOT_TOKEN"},
		{"unknown feeds verb", []string{"feeds", "purge"}, 2, "unknown feeds command"},
		{"version", []string{"version"}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TELEGRAM_BOT_TOKEN", "")
			code, out, errOut := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut+out, tc.wantErr) {
				t.Errorf("output lacks %q:\nstdout: %s\nstderr: %s", tc.wantErr, out, errOut)
			}
		})
	}
}

func TestBadConfigNamesTheKey(t *testing.T) {
	cfg := writeTemp(t, "claimwatch.yaml", []byte("polling:\n  interval: 5s\n"))
	code, _, errOut := runCLI(t, "", "counts", "--config", cfg, "--db", filepath.Join(t.TempDir(), "x.db"))
	if code == 0 || !strings.Contains(errOut, "polling.interval") {
		t.Fatalf("exit %d, stderr %q: want a failure naming polling.interval", code, errOut)
	}
}

func TestPollOnceJSONContract(t *testing.T) {
	fs := newFeedServer(t)
	fs.set("a", outletA)
	db := filepath.Join(t.TempDir(), "p.db")
	dead := "http://127.0.0.1:1/feed.xml"
	args := []string{"poll", "--once", "--json", "--db", db, "--feed", fs.url("a"), "--feed", dead}
	code, out, errOut := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type line struct {
		Feed    string  `json:"feed"`
		OK      bool    `json:"ok"`
		Error   string  `json:"error"`
		Status  int     `json:"status"`
		Items   int     `json:"items"`
		New     int     `json:"new"`
		Seconds float64 `json:"seconds"`
	}
	parse := func(out string) []line {
		var ls []line
		for _, s := range strings.Split(strings.TrimSpace(out), "\n") {
			var l line
			if err := json.Unmarshal([]byte(s), &l); err != nil {
				t.Fatalf("bad JSON line %q: %v", s, err)
			}
			ls = append(ls, l)
		}
		return ls
	}
	first := parse(out)
	if len(first) != 2 || first[0].Feed != fs.url("a") || first[1].Feed != dead {
		t.Fatalf("want one line per feed in flag order, got %+v", first)
	}
	if !first[0].OK || first[0].Status != 200 || first[0].Items != 1 || first[0].New != 1 {
		t.Errorf("first poll of a good feed: %+v", first[0])
	}
	if first[1].OK || first[1].Error == "" {
		t.Errorf("a dead feed must say ok=false with an error: %+v", first[1])
	}
	_, out, _ = runCLI(t, "", args...)
	if again := parse(out); again[0].New != 0 {
		t.Errorf("second poll of an unchanged feed: new = %d, want 0", again[0].New)
	}
}

func TestConsoleDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	done := make(chan struct{})
	var code int
	var out, errOut string
	go func() {
		defer close(done)
		code, out, errOut = runCLI(t, "/subscribe\n/next\n/today\n/latest 3\n/frobnicate\n", "console", "--demo", "--every", "0", "--db", db, "--lang", "en")
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the demo did not end at end of input")
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"claimwatch demo", "/today", "Islamic Resistance in Iraq"} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out)
		}
	}
}

func TestFeedsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	opml := writeTemp(t, "in.opml", []byte(`<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
<outline text="Outlet One" type="rss" xmlUrl="https://one.example/rss"/>
<outline text="not a feed" type="rss" xmlUrl="ftp://two.example/rss"/>
</body></opml>`))
	steps := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"add with flags after the arguments", []string{"feeds", "add", "https://desert.example/rss", "Desert Wire", "--db", db}, 0, "added feed"},
		{"import an OPML file", []string{"feeds", "import", opml, "--db", db}, 0, "imported 1 feeds"},
		{"list shows both, never polled", []string{"feeds", "--db", db, "list"}, 0, "Desert Wire"},
		{"export as OPML", []string{"feeds", "export", "--db", db}, 0, `xmlUrl="https://one.example/rss"`},
		{"remove", []string{"feeds", "remove", "https://desert.example/rss", "--db", db}, 0, "removed feed Desert Wire"},
		{"remove an unknown feed", []string{"feeds", "remove", "https://nowhere.example/rss", "--db", db}, 1, "not found"},
		{"add without a URL", []string{"feeds", "add", "--db", db}, 2, "wrong number of arguments"},
		{"add a bad URL", []string{"feeds", "add", "desert.example/rss", "--db", db}, 2, "http"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", s.args...)
			if code != s.code || !strings.Contains(out+errOut, s.want) {
				t.Fatalf("exit %d (want %d), output lacks %q:\n%s%s", code, s.code, s.want, out, errOut)
			}
		})
	}
	_, out, _ := runCLI(t, "", "feeds", "list", "--db", db)
	if strings.Contains(out, "Desert Wire") || !strings.Contains(out, "Outlet One") {
		t.Errorf("after removal the list is:\n%s", out)
	}
}
