package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/summarize"
)

// maxReportBytes caps a report file read by extract.
const maxReportBytes = 4 << 20

// extractOutput is one line of `extract --json`, as OUTPUT.md defines it.
type extractOutput struct {
	File string `json:"file"`
	claimwatch.Facts
}

func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", "extract [--json] [--published RFC3339] [--gazetteer FILE] FILE... (\"-\" reads standard input)", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file (the contract of OUTPUT.md)")
	published := fs.String("published", "", "when the outlet published the report (RFC 3339); relative dates resolve against it")
	var gazetteers stringList
	fs.Var(&gazetteers, "gazetteer", "an extra gazetteer file (repeatable)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"no report file given (use - for standard input)"}
	}
	var pub time.Time
	if *published != "" {
		t, err := time.Parse(time.RFC3339, *published)
		if err != nil {
			return usageError{fmt.Sprintf("--published %q is not RFC 3339 (like 2023-12-11T12:00:00Z)", *published)}
		}
		pub = t
	}
	ex, err := summarize.New(summarize.Options{GazetteerFiles: gazetteers})
	if err != nil {
		return err
	}
	var errs []error
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r, err := readReport(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "claimwatch extract: %v\n", err)
			errs = append(errs, err)
			continue
		}
		r.Published = pub
		facts := ex.Extract(r)
		if *asJSON {
			if err := writeJSONLine(stdout, extractOutput{File: name, Facts: nonNil(facts)}); err != nil {
				return err
			}
			continue
		}
		printFacts(stdout, name, facts)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%d of %d reports failed: %w", len(errs), len(files), errors.Join(errs...))
	}
	return nil
}

// readReport reads a plain-text report: the first non-empty line is the
// headline, the rest the body.
func readReport(name string, stdin io.Reader) (claimwatch.Report, error) {
	var rd io.Reader
	if name == "-" {
		rd = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return claimwatch.Report{}, fmt.Errorf("read %s: %w", name, err)
		}
		defer f.Close()
		rd = f
	}
	b, err := io.ReadAll(io.LimitReader(rd, maxReportBytes+1))
	if err != nil {
		return claimwatch.Report{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxReportBytes {
		return claimwatch.Report{}, fmt.Errorf("read %s: larger than %d MiB", name, maxReportBytes>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		return claimwatch.Report{}, fmt.Errorf("read %s: not UTF-8 text", name)
	}
	text := strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n"))
	if text == "" {
		return claimwatch.Report{}, fmt.Errorf("read %s: empty report", name)
	}
	title, body, _ := strings.Cut(text, "\n")
	return claimwatch.Report{Title: strings.TrimSpace(title), Text: strings.TrimSpace(body)}, nil
}

// nonNil makes empty lists print as [] rather than null.
func nonNil(f claimwatch.Facts) claimwatch.Facts {
	if f.Attacks == nil {
		f.Attacks = []claimwatch.Attack{}
	}
	for i := range f.Attacks {
		if f.Attacks[i].Weapons == nil {
			f.Attacks[i].Weapons = []claimwatch.Weapon{}
		}
	}
	if f.Statements == nil {
		f.Statements = []claimwatch.Statement{}
	}
	if f.Tallies == nil {
		f.Tallies = []claimwatch.Tally{}
	}
	return f
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printFacts(w io.Writer, name string, f claimwatch.Facts) {
	fmt.Fprintf(w, "%s (%s): %d attacks, %d statements, %d tallies\n", name, f.Language, len(f.Attacks), len(f.Statements), len(f.Tallies))
	for _, a := range f.Attacks {
		who := a.Claimant
		if who == "" {
			who = "unknown"
		}
		fmt.Fprintf(w, "  attack: %s (%s) %v on %s", who, a.Responsibility, a.Weapons, orDash(a.Target))
		if a.Country != "" {
			fmt.Fprintf(w, ", %s", a.Country)
		}
		if a.Date != "" {
			fmt.Fprintf(w, ", %s", a.Date)
		}
		if a.Killed != nil {
			fmt.Fprintf(w, ", killed %d", *a.Killed)
		}
		if a.Injured != nil {
			fmt.Fprintf(w, ", injured %d", *a.Injured)
		}
		fmt.Fprintf(w, "\n    %q\n", a.Evidence)
	}
	for _, s := range f.Statements {
		fmt.Fprintf(w, "  statement: %s", s.Speaker)
		if s.Role != "" {
			fmt.Fprintf(w, " (%s)", s.Role)
		}
		fmt.Fprintf(w, ": %q\n", s.Quote)
	}
	for _, t := range f.Tallies {
		fmt.Fprintf(w, "  tally: %d %s", t.Count, t.Subject)
		if t.Since != "" {
			fmt.Fprintf(w, " since %s", t.Since)
		}
		fmt.Fprintln(w)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
