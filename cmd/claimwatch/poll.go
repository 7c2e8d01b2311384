package main

import (
	"context"
	"fmt"
	"io"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/feeds"
	"github.com/claimwatch/claimwatch/summarize"
)

func runPoll(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("poll", "poll [--once] [--json] [--config FILE] [--db PATH] [--feed URL...]", stderr)
	var cf commonFlags
	cf.register(fs, true)
	once := fs.Bool("once", false, "fetch every feed once, store, extract, and exit")
	asJSON := fs.Bool("json", false, "with --once: print one JSON object per feed (the contract of OUTPUT.md)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q (feeds are given with --feed)", fs.Arg(0))}
	}
	cfg, st, err := cf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	log := newLogger(cfg, stderr)
	configured, err := syncFeeds(ctx, st, cfg)
	if err != nil {
		return err
	}
	ex, err := summarize.New(summarize.Options{GazetteerFiles: cfg.Summarize.Gazetteer})
	if err != nil {
		return err
	}
	p := feeds.NewPoller(pollerOptions(cfg, log), st, ex.Extract)
	if !*once {
		log.Info("polling feeds until interrupted", "feeds", len(configured))
		return p.Run(ctx)
	}
	targets := configured
	if len(cf.feeds) > 0 { // only the --feed flags, in their order
		targets = targets[:0]
		for _, u := range cf.feeds {
			f, err := st.FeedByURL(ctx, u)
			if err != nil {
				return fmt.Errorf("feed %s: %w", u, err)
			}
			targets = append(targets, f)
		}
	} else if len(targets) == 0 {
		if targets, err = st.Feeds(ctx); err != nil {
			return err
		}
	}
	if len(targets) == 0 {
		return usageError{"no feeds: give --feed URL or list feeds in the config file"}
	}
	for _, r := range p.PollOnce(ctx, targets) {
		if *asJSON {
			if err := writeJSONLine(stdout, r); err != nil {
				return err
			}
			continue
		}
		printPollResult(stdout, r)
	}
	return nil
}

func printPollResult(w io.Writer, r claimwatch.PollResult) {
	if !r.OK {
		fmt.Fprintf(w, "FAIL %s: %s (%.2fs)\n", r.Feed, r.Error, r.Seconds)
		return
	}
	fmt.Fprintf(w, "ok   %s: HTTP %d, %d items, %d new (%.2fs)\n", r.Feed, r.Status, r.Items, r.New, r.Seconds)
}
