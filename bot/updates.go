package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update types the bot asks for: commands, and the
// bot's own membership (a user who blocks the bot shows up as "kicked").
const allowedUpdates = `["message","my_chat_member"]`

// RunUpdates long-polls getUpdates until ctx ends, then returns nil.
//
// It starts from the offset st stored and, for each update in order,
// translates it into a Command, calls h, and commits the replies with the
// next offset in one transaction (CommitUpdate): a crash neither loses an
// update nor answers one twice. Messages that are not commands only move
// the offset; a my_chat_member update that says the bot was kicked or left
// pauses the chat. A 429 waits its retry_after; other failures back off
// from 1 s to 60 s. It does not use tgbotapi's GetUpdatesChan, which
// confirms updates before they are handled.
func (t *Telegram) RunUpdates(ctx context.Context, h Handler, st SenderStore, log *slog.Logger) error {
	if log == nil {
		log = t.log
	}
	offset, err := st.UpdateOffset(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("telegram updates: read offset: %w", err)
	}
	log.Info("telegram updates started", "offset", offset)
	backoff := time.Second
	fail := func(what string, err error) {
		wait := backoff
		if de := classify(err); de.Kind == RateLimited {
			wait = de.RetryAfter
		} else {
			backoff = min(backoff*2, time.Minute)
			wait = jitter(wait)
		}
		log.Warn(what, "err", err, "retry_in", wait)
		_ = sleep(ctx, wait) // ctx ending ends the loop below
	}
	for ctx.Err() == nil {
		raw, err := t.call(ctx, t.opts.PollTimeout+15*time.Second, "getUpdates", tgbotapi.Params{
			"offset":          strconv.FormatInt(offset, 10),
			"limit":           "100",
			"timeout":         strconv.Itoa(int(t.opts.PollTimeout / time.Second)),
			"allowed_updates": allowedUpdates,
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if te, ok := errors.AsType[*tgbotapi.Error](err); ok && te.Code == http.StatusConflict {
				// A webhook is set (RunWebhook leaves it): getUpdates
				// works only once it is removed. Pending updates stay.
				if _, derr := t.call(ctx, t.opts.SendTimeout, "deleteWebhook", nil); derr == nil {
					log.Info("telegram webhook removed for polling")
					continue
				}
			}
			fail("telegram getUpdates failed", err)
			continue
		}
		var ups []json.RawMessage
		if err := json.Unmarshal(raw, &ups); err != nil {
			fail("telegram getUpdates: decode", err)
			continue
		}
		backoff = time.Second
		for _, b := range ups {
			next, err := t.handleUpdate(ctx, b, h, st, log)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				fail("telegram update failed", err)
				break // poll again from the stored offset
			}
			offset = next
		}
	}
	log.Info("telegram updates stopped", "offset", offset)
	return nil
}

// handleUpdate handles one update given as JSON and commits it. It returns
// the next offset, or an error when nothing was committed.
func (t *Telegram) handleUpdate(ctx context.Context, b []byte, h Handler, st SenderStore, log *slog.Logger) (int64, error) {
	var u tgbotapi.Update
	if err := json.Unmarshal(b, &u); err != nil {
		// Without an update_id the offset cannot move past it; Telegram
		// always sends one, so this is a broken response, retried.
		var id struct {
			UpdateID int64 `json:"update_id"`
		}
		if json.Unmarshal(b, &id) != nil || id.UpdateID == 0 {
			return 0, fmt.Errorf("decode update: %w", err)
		}
		log.Error("telegram update skipped: cannot decode it", "update_id", id.UpdateID, "err", err)
		return id.UpdateID + 1, st.CommitUpdate(ctx, id.UpdateID+1, nil)
	}
	next := int64(u.UpdateID) + 1
	log = log.With("update_id", u.UpdateID)

	if m := u.MyChatMember; m != nil {
		switch status := m.NewChatMember.Status; status {
		case "kicked", "left":
			if err := st.PauseChat(ctx, m.Chat.ID, "bot "+status+" the chat"); err != nil && !isNotFound(err) {
				return 0, fmt.Errorf("pause chat %d: %w", m.Chat.ID, err)
			}
			log.Info("bot removed from chat, chat paused", "chat_id", m.Chat.ID, "status", status)
		}
		return next, commit(ctx, st, next, nil)
	}

	cmd, ok := toCommand(u, t.username)
	if !ok {
		return next, commit(ctx, st, next, nil)
	}
	log = log.With("chat_id", cmd.ChatID, "command", cmd.Name)
	replies, err := h.Handle(ctx, cmd)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		// Handlers turn the errors a user should hear about into replies;
		// what comes back is internal. Retrying would answer the same
		// command again and again, so it is logged and the update is done.
		log.Error("command failed", "err", err)
	}
	now := time.Now()
	msgs := make([]claimwatch.OutMessage, 0, len(replies))
	for _, r := range replies {
		if strings.TrimSpace(r) == "" {
			continue
		}
		msgs = append(msgs, claimwatch.OutMessage{ChatID: cmd.ChatID, Kind: "reply", Text: r, CreatedAt: now})
	}
	if err := commit(ctx, st, next, msgs); err != nil {
		return 0, err
	}
	log.Debug("command handled", "replies", len(msgs))
	return next, nil
}

func commit(ctx context.Context, st SenderStore, next int64, msgs []claimwatch.OutMessage) error {
	if err := st.CommitUpdate(ctx, next, msgs); err != nil {
		return fmt.Errorf("commit update offset %d: %w", next, err)
	}
	return nil
}

func isNotFound(err error) bool { return err != nil && errors.Is(err, claimwatch.ErrNotFound) }

// toCommand translates a message update into a Command. Only commands
// ("/name args") are translated; one addressed to another bot
// ("/today@other_bot") is not for us.
func toCommand(u tgbotapi.Update, username string) (Command, bool) {
	m := u.Message
	if m == nil || m.Chat == nil || !strings.HasPrefix(m.Text, "/") {
		return Command{}, false
	}
	fields := strings.Fields(m.Text)
	head := strings.TrimPrefix(fields[0], "/")
	name, to, addressed := strings.Cut(head, "@")
	if addressed && !strings.EqualFold(to, username) {
		return Command{}, false
	}
	if name == "" {
		return Command{}, false
	}
	cmd := Command{
		ChatID:    m.Chat.ID,
		ChatType:  m.Chat.Type,
		ChatTitle: m.Chat.Title,
		Text:      m.Text,
		Name:      strings.ToLower(name),
		Args:      fields[1:],
	}
	if m.From != nil {
		cmd.UserID = m.From.ID
		cmd.UserLang = m.From.LanguageCode
	}
	return cmd, true
}
