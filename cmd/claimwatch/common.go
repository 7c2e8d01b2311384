package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/config"
	"github.com/claimwatch/claimwatch/store"
)

// commonFlags are the flags every subcommand that touches the store shares.
type commonFlags struct {
	config string
	db     string
	feeds  stringList
}

func (c *commonFlags) register(fs *flag.FlagSet, withFeeds bool) {
	fs.StringVar(&c.config, "config", "", "the YAML configuration file (see claimwatch.example.yaml)")
	fs.StringVar(&c.db, "db", "", "the SQLite file (overrides db and CLAIMWATCH_DB)")
	if withFeeds {
		fs.Var(&c.feeds, "feed", "a feed URL to follow, added to the config's (repeatable)")
	}
}

// load reads the configuration and applies the flags over it.
func (c *commonFlags) load() (config.Config, error) {
	cfg, err := config.Load(c.config, os.Getenv)
	if err != nil {
		return config.Config{}, err
	}
	if c.db != "" {
		cfg.DB = c.db
	}
	for _, u := range c.feeds {
		if err := config.CheckFeedURL(u); err != nil {
			return config.Config{}, usageError{fmt.Sprintf("--feed: %v", err)}
		}
		dup := false
		for _, f := range cfg.Feeds {
			dup = dup || f.URL == u
		}
		if !dup {
			cfg.Feeds = append(cfg.Feeds, config.Feed{URL: u})
		}
	}
	return cfg, nil
}

// open loads the configuration and opens its database.
func (c *commonFlags) open(ctx context.Context) (config.Config, *store.DB, error) {
	cfg, err := c.load()
	if err != nil {
		return config.Config{}, nil, err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return config.Config{}, nil, err
	}
	return cfg, st, nil
}

// newLogger builds the operator's log from the configuration.
func newLogger(cfg config.Config, stderr io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Log.Level)) // validated by config.Validate
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(stderr, opts))
	}
	return slog.New(slog.NewTextHandler(stderr, opts))
}

// openStore opens the configured database.
func openStore(ctx context.Context, cfg config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", cfg.DB, err)
	}
	return db, nil
}

// syncFeeds stores the configured feeds (adding new ones, updating names and
// options) and returns them in configuration order.
func syncFeeds(ctx context.Context, st claimwatch.FeedStore, cfg config.Config) ([]claimwatch.Feed, error) {
	var out []claimwatch.Feed
	for _, f := range cfg.Feeds {
		name := f.Name
		if name == "" {
			name = hostOf(f.URL)
		}
		stored, err := st.AddFeed(ctx, claimwatch.Feed{
			Name: name, URL: f.URL, Interval: f.Interval.D(), FullText: f.FullText, Charset: f.Charset,
		})
		if err != nil {
			return nil, fmt.Errorf("add feed %s: %w", f.URL, err)
		}
		out = append(out, stored)
	}
	return out, nil
}

func hostOf(u string) string {
	s := u
	if _, after, ok := strings.Cut(s, "://"); ok {
		s = after
	}
	s, _, _ = strings.Cut(s, "/")
	return strings.TrimPrefix(s, "www.")
}

// parseDay parses a YYYY-MM-DD flag value.
func parseDay(flagName, v string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("--%s %q is not a date like 2023-12-11", flagName, v)}
	}
	return t, nil
}
