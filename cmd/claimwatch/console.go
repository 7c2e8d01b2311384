package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/bot"
)

// consoleAdmins: the console's only user administers its chat.
type consoleAdmins struct{}

func (consoleAdmins) IsChatAdmin(context.Context, int64, int64) (bool, error) { return true, nil }

func runConsole(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("console", "console [--demo] [--every 20s] [--lang en|ar] [--config FILE] [--db PATH] [--feed URL...]", stderr)
	var cf commonFlags
	cf.register(fs, true)
	demo := fs.Bool("demo", false, "follow a built-in demo feed of short reports served on loopback; new ones arrive every --every or on /next")
	every := fs.Duration("every", 20*time.Second, "with --demo: how often a new demo report arrives (0: only on /next)")
	lang := fs.String("lang", "", "the console chat's language, en or ar (default: from $LANG)")
	verbose := fs.Bool("verbose", false, "log at the configured level instead of warnings only")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if *lang != "" && *lang != "en" && *lang != "ar" {
		return usageError{fmt.Sprintf("--lang %q: want en or ar", *lang)}
	}
	if *every < 0 {
		return usageError{"--every must not be negative"}
	}
	cfg, err := cf.load()
	if err != nil {
		return err
	}
	if *demo && cf.db == "" && os.Getenv("CLAIMWATCH_DB") == "" {
		// A fresh database for every demo, gone when it ends.
		dir, err := os.MkdirTemp("", "claimwatch-demo-")
		if err != nil {
			return fmt.Errorf("demo database: %w", err)
		}
		defer os.RemoveAll(dir)
		cfg.DB = filepath.Join(dir, "demo.db")
	}
	if !*verbose && cfg.Log.Level != "debug" {
		cfg.Log.Level = "warn" // the terminal is the chat: keep the log quiet
	}
	log := newLogger(cfg, stderr)
	if *lang == "" {
		*lang = os.Getenv("LANG")
	}

	a, err := newApp(ctx, cfg, log, consoleAdmins{}, "")
	if err != nil {
		return err
	}
	defer a.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	extra := map[string]func(context.Context) (string, error){}
	var feedLoop func(context.Context) error = a.poller.Run
	if *demo {
		d, err := newDemoFeed(4, time.Now)
		if err != nil {
			return err
		}
		if err := d.Start(); err != nil {
			return err
		}
		defer func() {
			sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer scancel()
			_ = d.Close(sctx) // the demo is over; nothing waits on its feed
		}()
		var demoFeeds []claimwatch.Feed
		for _, o := range d.Outlets() {
			f, err := a.st.AddFeed(ctx, claimwatch.Feed{Name: o.Name, URL: o.URL})
			if err != nil {
				return fmt.Errorf("add demo feed: %w", err)
			}
			demoFeeds = append(demoFeeds, f)
		}
		var pollMu sync.Mutex
		pollDemo := func(ctx context.Context) {
			pollMu.Lock()
			defer pollMu.Unlock()
			for _, r := range a.poller.PollOnce(ctx, demoFeeds) {
				if !r.OK && ctx.Err() == nil {
					log.Warn("demo feed failed", "feed", r.Feed, "err", r.Error)
				}
			}
		}
		extra["next"] = func(ctx context.Context) (string, error) {
			title := d.Next()
			if title == "" {
				return "All demo reports are out. / وصلت كل تقارير العرض.", nil
			}
			pollDemo(ctx)
			return fmt.Sprintf("New report: %s (%d left)", title, d.Left()), nil
		}
		feedLoop = func(ctx context.Context) error {
			pollDemo(ctx)
			if *every == 0 {
				<-ctx.Done()
				return nil
			}
			t := time.NewTicker(*every)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return nil
				case <-t.C:
					if d.Next() != "" {
						pollDemo(ctx)
					}
				}
			}
		}
		fmt.Fprintf(stdout, "claimwatch demo: %d outlets on loopback, %d reports to come. Try /subscribe, /today, /latest, /counts 7, /next, /help. Ctrl-D ends.\n", len(demoFeeds), d.Left())
	}

	sender := bot.NewSender(a.st, bot.ConsoleDeliverer{W: stdout}, bot.Limits{Global: 1000, PerChat: 1000, PerGroup: 60000}, log.With("component", "sender"))
	console := bot.NewConsole(bot.ConsoleOptions{
		In: stdin, Out: stdout, ChatID: cfg.Delivery.ConsoleChatID, Lang: *lang,
		Handlers: a.handlers, Store: wakingStore{DB: a.st, wake: sender.Notify}, Extra: extra, Logger: log.With("component", "console"),
	})

	loops := map[string]func(context.Context) error{
		"feeds":   feedLoop,
		"alerts":  a.alerter.Run,
		"digests": a.digester.Run,
		"sender":  sender.Run,
		"prune":   a.prune,
	}
	bg, stopBG := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- runAll(bg, log, loops) }()

	err = console.Run(ctx)
	// The user is done typing (EOF) or interrupted: let the sender deliver
	// what the last commands produced, then stop the loops.
	waitOutboxEmpty(ctx, a.st, 5*time.Second)
	stopBG()
	if lerr := <-done; lerr != nil {
		err = errors.Join(err, lerr)
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// waitOutboxEmpty waits until nothing is left to send, or for at most d.
func waitOutboxEmpty(ctx context.Context, ob claimwatch.Outbox, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		msgs, err := ob.NextMessages(ctx, time.Now().Add(time.Minute), 1)
		if err != nil || len(msgs) == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
