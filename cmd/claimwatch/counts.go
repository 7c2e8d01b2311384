package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/claimwatch/claimwatch"
)

// maxCountDays bounds a counts range.
const maxCountDays = 3660

// countsOutput is what `counts --json` prints (OUTPUT.md).
type countsOutput struct {
	Timezone string                `json:"timezone"`
	Days     []claimwatch.DayCount `json:"days"`
}

func runCounts(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("counts", "counts [--json] [--db PATH] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz Area/City]", stderr)
	var cf commonFlags
	cf.register(fs, false)
	asJSON := fs.Bool("json", false, "print one JSON object (the contract of OUTPUT.md)")
	from := fs.String("from", "", "first day (default: six days before --to)")
	to := fs.String("to", "", "last day (default: today in --tz)")
	tz := fs.String("tz", "UTC", "the time zone days are counted in")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usageError{fmt.Sprintf("--tz %q is not a time zone like UTC or Asia/Baghdad", *tz)}
	}
	last := time.Now().In(loc)
	last = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	if *to != "" {
		if last, err = parseDay("to", *to); err != nil {
			return err
		}
	}
	first := last.AddDate(0, 0, -6)
	if *from != "" {
		if first, err = parseDay("from", *from); err != nil {
			return err
		}
	}
	if first.After(last) {
		return usageError{fmt.Sprintf("--from %s is after --to %s", first.Format(time.DateOnly), last.Format(time.DateOnly))}
	}
	if last.Sub(first) > maxCountDays*24*time.Hour {
		return usageError{fmt.Sprintf("at most %d days at once", maxCountDays)}
	}
	_, st, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	days, err := countDays(ctx, st, first, last, loc)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONLine(stdout, countsOutput{Timezone: loc.String(), Days: days})
	}
	total := 0
	for _, d := range days {
		total += d.Attacks
		fmt.Fprintf(stdout, "%s  %3d", d.Date, d.Attacks)
		for _, k := range slices.Sorted(maps.Keys(d.ByClaimant)) {
			name := k
			if name == "" {
				name = "unclaimed"
			}
			fmt.Fprintf(stdout, "  %s %d", name, d.ByClaimant[k])
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "total %d distinct attacks, %s to %s (%s)\n", total, days[0].Date, days[len(days)-1].Date, loc)
	return nil
}

// countDays counts distinct incidents per day, from first to last (dates),
// with days computed in loc.
func countDays(ctx context.Context, st claimwatch.IncidentStore, first, last time.Time, loc *time.Location) ([]claimwatch.DayCount, error) {
	// Ask for a margin on both sides: a day in loc spans two UTC dates.
	in, err := st.Incidents(ctx, claimwatch.IncidentQuery{
		From: time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc).Add(-24 * time.Hour),
		To:   time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc).Add(48 * time.Hour),
	})
	if err != nil {
		return nil, fmt.Errorf("count incidents: %w", err)
	}
	return claimwatch.CountByDay(in, first.Format(time.DateOnly), last.Format(time.DateOnly), loc)
}
