package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/bot"
	"github.com/claimwatch/claimwatch/config"
	"github.com/claimwatch/claimwatch/feeds"
	"github.com/claimwatch/claimwatch/store"
	"github.com/claimwatch/claimwatch/summarize"
)

// pollerOptions maps the configuration onto the poller's options.
func pollerOptions(cfg config.Config, log *slog.Logger) feeds.Options {
	ua := cfg.Polling.UserAgent
	if ua == "" {
		ua = userAgent()
	}
	return feeds.Options{
		UserAgent:       ua,
		ConnectTimeout:  cfg.Polling.ConnectTimeout.D(),
		Timeout:         cfg.Polling.Timeout.D(),
		MaxBody:         int64(cfg.Polling.MaxBodyMB) << 20,
		MaxRedirects:    cfg.Polling.MaxRedirects,
		Workers:         cfg.Polling.Workers,
		PerHost:         cfg.Polling.PerHost,
		DefaultInterval: cfg.Polling.Interval.D(),
		MinInterval:     time.Minute,
		BackoffMin:      5 * time.Minute,
		BackoffMax:      cfg.Polling.BackoffMax.D(),
		AlertWindow:     time.Duration(cfg.Delivery.AlertWindowHours) * time.Hour,
		DownAfter:       24 * time.Hour,
		Logger:          log.With("component", "feeds"),
	}
}

// app is claimwatch assembled: the store, the poller, the handlers and the
// background loops that turn incidents into messages.
type app struct {
	cfg      config.Config
	log      *slog.Logger
	st       *store.DB
	poller   *feeds.Poller
	handlers *bot.Handlers
	alerter  *bot.Alerter
	digester *bot.Digester
}

// newApp opens the store, syncs the configured feeds and builds every part
// but the transport (Telegram or console).
func newApp(ctx context.Context, cfg config.Config, log *slog.Logger, admins bot.ChatAdmins, username string) (*app, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: log, st: st}
	if _, err := syncFeeds(ctx, st, cfg); err != nil {
		st.Close()
		return nil, err
	}
	ex, err := summarize.New(summarize.Options{GazetteerFiles: cfg.Summarize.Gazetteer})
	if err != nil {
		st.Close()
		return nil, err
	}
	opts := pollerOptions(cfg, log)
	opts.OnHealthChange = func(ctx context.Context, f claimwatch.Feed, down bool) {
		if a.handlers == nil {
			return
		}
		if err := a.handlers.NotifyFeedHealth(ctx, f, down); err != nil {
			log.Error("notify admins of feed health", "feed", f.Name, "err", err)
		}
	}
	a.poller = feeds.NewPoller(opts, st, ex.Extract)
	a.handlers = bot.NewHandlers(bot.HandlerOptions{
		Store:      st,
		Admins:     admins,
		Feeds:      a.poller,
		AdminUsers: cfg.Telegram.Admins,
		Username:   username,
		Version:    currentVersion(),
		Logger:     log.With("component", "bot"),
	})
	a.alerter = bot.NewAlerter(st, log.With("component", "alerts"), time.Now)
	a.digester = bot.NewDigester(st, log.With("component", "digest"), time.Now)
	return a, nil
}

// runAll runs every loop until ctx is done or one of them fails, then
// waits for all of them. A loop that returns early with no error does not
// stop the others.
func runAll(ctx context.Context, log *slog.Logger, loops map[string]func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for name, loop := range loops {
		wg.Go(func() {
			err := loop(ctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				log.Error("stopped", "component", name, "err", err)
				mu.Lock()
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				mu.Unlock()
				cancel()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

func (a *app) Close() error { return a.st.Close() }

// prune deletes sent messages and dispatched alerts past the retention, at
// start and then daily, until ctx is done.
func (a *app) prune(ctx context.Context) error {
	days := a.cfg.Delivery.RetentionDays
	if days == 0 {
		return nil
	}
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		st, err := a.st.Prune(ctx, time.Now().AddDate(0, 0, -days))
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			a.log.Error("prune outbox", "err", err) // the next day tries again
		case st.Messages+st.Alerts > 0:
			a.log.Info("pruned outbox", "messages", st.Messages, "alerts", st.Alerts, "retention_days", days)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// limits maps the configuration onto the sender's limits.
func limits(cfg config.Config) bot.Limits {
	return bot.Limits{
		Global:   rate.Limit(cfg.Delivery.GlobalPerSecond),
		PerChat:  rate.Limit(cfg.Delivery.ChatPerSecond),
		PerGroup: rate.Limit(cfg.Delivery.GroupPerMinute / 60),
	}
}

// wakingStore wakes the sender as soon as replies are queued, so a reply
// leaves at once rather than at the sender's next look at the outbox.
type wakingStore struct {
	*store.DB
	wake func()
}

func (w wakingStore) CommitUpdate(ctx context.Context, offset int64, replies []claimwatch.OutMessage) error {
	err := w.DB.CommitUpdate(ctx, offset, replies)
	if err == nil && len(replies) > 0 {
		w.wake()
	}
	return err
}

func (w wakingStore) Enqueue(ctx context.Context, msgs []claimwatch.OutMessage) error {
	err := w.DB.Enqueue(ctx, msgs)
	if err == nil && len(msgs) > 0 {
		w.wake()
	}
	return err
}
