package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/config"
	"github.com/claimwatch/claimwatch/feeds"
)

const feedsSynopsis = `feeds <list|add URL [NAME]|remove URL|import FILE.opml|export> [--config FILE] [--db PATH]

  list     each feed with its health: last poll, last error, items, next poll
  add      store a feed (it is not fetched here; run polls it)
  remove   stop polling a feed (its reports and incidents stay)
  import   add every feed of an OPML file ("-" reads standard input)
  export   print every feed as OPML 2.0`

func runFeeds(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("feeds", feedsSynopsis, stderr)
	var cf commonFlags
	cf.register(fs, false)
	pos, err := parseInterspersed(fs, args) // flags may follow the verb: feeds add URL --db x.db
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usageError{"which feeds command? list, add, remove, import or export"}
	}
	verb, rest := pos[0], pos[1:]
	want := map[string][2]int{"list": {0, 0}, "add": {1, 2}, "remove": {1, 1}, "import": {1, 1}, "export": {0, 0}}
	n, ok := want[verb]
	if !ok {
		return usageError{fmt.Sprintf("unknown feeds command %q: want list, add, remove, import or export", verb)}
	}
	if len(rest) < n[0] || len(rest) > n[1] {
		return usageError{fmt.Sprintf("feeds %s: wrong number of arguments", verb)}
	}
	cfg, st, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := syncFeeds(ctx, st, cfg); err != nil {
		return err
	}
	switch verb {
	case "list":
		all, err := st.Feeds(ctx)
		if err != nil {
			return err
		}
		printFeeds(stdout, all, time.Now())
		return nil
	case "add":
		if err := config.CheckFeedURL(rest[0]); err != nil {
			return usageError{err.Error()}
		}
		name := hostOf(rest[0])
		if len(rest) == 2 {
			name = rest[1]
		}
		f, err := st.AddFeed(ctx, claimwatch.Feed{Name: name, URL: rest[0]})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "added feed %d %s (%s)\n", f.ID, f.Name, f.URL)
		return nil
	case "remove":
		f, err := st.FeedByURL(ctx, rest[0])
		if err != nil {
			return fmt.Errorf("feed %s: %w", rest[0], err)
		}
		if err := st.RemoveFeed(ctx, f.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed feed %s (%s)\n", f.Name, f.URL)
		return nil
	case "import":
		r := stdin
		if rest[0] != "-" {
			f, err := os.Open(rest[0])
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			defer f.Close()
			r = f
		}
		list, err := feeds.ImportOPML(r)
		if err != nil {
			return fmt.Errorf("import %s: %w", rest[0], err)
		}
		added := 0
		for _, f := range list {
			if err := config.CheckFeedURL(f.URL); err != nil {
				fmt.Fprintf(stderr, "skipped: %v\n", err)
				continue
			}
			if _, err := st.AddFeed(ctx, f); err != nil {
				return err
			}
			added++
		}
		fmt.Fprintf(stdout, "imported %d feeds from %s\n", added, rest[0])
		return nil
	default: // export
		all, err := st.Feeds(ctx)
		if err != nil {
			return err
		}
		if err := feeds.ExportOPML(stdout, all); err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout)
		return err
	}
}

func printFeeds(w io.Writer, all []claimwatch.Feed, now time.Time) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATE\tLAST POLL\tITEMS\tNEXT POLL\tURL\tLAST ERROR")
	for _, f := range all {
		h := f.Health
		state := "ok"
		switch {
		case h.LastPoll.IsZero():
			state = "new"
		case h.ConsecutiveFailures > 0:
			state = fmt.Sprintf("failing x%d", h.ConsecutiveFailures)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", f.ID, f.Name, state, ago(h.LastPoll, now), h.ItemsSeen, until(h.NextPoll, now), f.URL, h.LastError)
	}
	tw.Flush()
}

func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return now.Sub(t).Round(time.Second).String() + " ago"
}

func until(t, now time.Time) string {
	if t.IsZero() || !t.After(now) {
		return "due"
	}
	return "in " + t.Sub(now).Round(time.Second).String()
}
