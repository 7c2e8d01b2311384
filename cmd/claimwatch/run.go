package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/claimwatch/claimwatch/bot"
)

// sendTimeout bounds one sendMessage. A stop waits for the sends in
// flight, so it must leave room for OUTPUT.md's 10 s clean stop.
const sendTimeout = 7 * time.Second

func runRun(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [--config FILE] [--db PATH] [--feed URL...]", stderr)
	var cf commonFlags
	cf.register(fs, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	cfg, err := cf.load()
	if err != nil {
		return err
	}
	if cfg.Telegram.Token.IsZero() {
		return errors.New("no bot token: set TELEGRAM_BOT_TOKEN (or telegram.token_file), or try `claimwatch console --demo` for a chat in this terminal")
	}
	log := newLogger(cfg, stderr)

	tg, err := bot.NewTelegram(ctx, bot.TelegramOptions{
		Token:       cfg.Telegram.Token,
		Endpoint:    cfg.Telegram.APIEndpoint,
		PollTimeout: cfg.Telegram.PollTimeout.D(),
		SendTimeout: sendTimeout,
		Logger:      log.With("component", "telegram"),
	})
	if err != nil {
		return fmt.Errorf("connect to Telegram: %w", err)
	}
	a, err := newApp(ctx, cfg, log, tg, tg.Username())
	if err != nil {
		return err
	}
	defer a.Close()
	sender := bot.NewSender(a.st, tg, limits(cfg), log.With("component", "sender"), bot.WithSendTimeout(sendTimeout))
	log.Info("claimwatch running", "bot", tg.Username(), "db", cfg.DB, "version", currentVersion())

	ws := wakingStore{DB: a.st, wake: sender.Notify}
	intake := func(ctx context.Context) error {
		return tg.RunUpdates(ctx, a.handlers, ws, log.With("component", "updates"))
	}
	if w := cfg.Telegram.Webhook; w.Listen != "" {
		intake = func(ctx context.Context) error {
			return tg.RunWebhook(ctx, bot.WebhookOptions{Listen: w.Listen, PublicURL: w.PublicURL, Secret: w.Secret.Reveal()}, a.handlers, ws, log.With("component", "webhook"))
		}
	}
	err = runAll(ctx, log, map[string]func(context.Context) error{
		"updates": intake,
		"poller":  a.poller.Run,
		"alerts":  a.alerter.Run,
		"digests": a.digester.Run,
		"sender":  sender.Run,
		"prune":   a.prune,
	})
	log.Info("claimwatch stopped")
	return err
}
