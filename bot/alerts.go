package bot

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/claimwatch/claimwatch"
)

// alertBatch is how many pending alerts DispatchOnce reads at a time.
const alertBatch = 100

// alertStore is what the Alerter needs of the store.
type alertStore interface {
	SubscribedChats(ctx context.Context) ([]claimwatch.Chat, error)
	PendingAlerts(ctx context.Context, limit int) ([]claimwatch.Alert, error)
	DispatchAlert(ctx context.Context, alertID int64, msgs []claimwatch.OutMessage) error
}

// Alerter turns the store's pending alerts into messages in the outbox:
// each alert goes, rendered in its language, to every subscribed chat that
// wants instant alerts, whose filters the incident passes, and that is not
// in its quiet hours. An alert that falls in a chat's quiet hours is not
// sent to it: the Digester sends that chat a catch-up when its quiet hours
// end.
type Alerter struct {
	st    alertStore
	log   *slog.Logger
	now   func() time.Time
	every time.Duration
}

// NewAlerter returns an Alerter over st. now is time.Now when nil.
func NewAlerter(st Store, log *slog.Logger, now func() time.Time) *Alerter {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Alerter{st: st, log: log, now: now, every: time.Second}
}

// DispatchOnce dispatches every pending alert. Each alert's messages are
// enqueued and the alert marked dispatched in one transaction
// (Outbox.DispatchAlert), so a crash neither loses nor repeats one.
func (a *Alerter) DispatchOnce(ctx context.Context) error {
	for {
		alerts, err := a.st.PendingAlerts(ctx, alertBatch)
		if err != nil {
			return fmt.Errorf("dispatch alerts: %w", err)
		}
		if len(alerts) == 0 {
			return nil
		}
		chats, err := a.st.SubscribedChats(ctx)
		if err != nil {
			return fmt.Errorf("dispatch alerts: %w", err)
		}
		now := a.now()
		announced := map[int64]bool{} // incidents whose new-attack alert is in this batch
		for _, al := range alerts {
			var msgs []claimwatch.OutMessage
			switch {
			case al.Kind == claimwatch.AlertNew:
				announced[al.Incident.ID] = true
				msgs = alertMessages(al, chats, now)
			case announced[al.Incident.ID]:
				// The new-attack alert of this batch already shows the
				// incident as it stands now, casualties included: an
				// update would repeat it. Dispatch it with no messages.
			default:
				msgs = alertMessages(al, chats, now)
			}
			if err := a.st.DispatchAlert(ctx, al.ID, msgs); err != nil {
				return fmt.Errorf("dispatch alert %d: %w", al.ID, err)
			}
			a.log.Debug("alert dispatched", "alert_id", al.ID, "incident_id", al.Incident.ID, "kind", al.Kind, "messages", len(msgs))
		}
		if len(alerts) < alertBatch {
			return nil
		}
	}
}

// alertMessages renders alert for each of chats that takes it at now.
func alertMessages(al claimwatch.Alert, chats []claimwatch.Chat, now time.Time) []claimwatch.OutMessage {
	var msgs []claimwatch.OutMessage
	rendered := map[string][]string{} // by language and time zone
	for _, c := range chats {
		s := c.Settings
		if !c.Subscribed || c.Paused || !s.Instant() || !s.Wants(al.Incident) || s.Quiet(now) {
			continue
		}
		key := s.Lang + " " + s.TimeZone
		parts, ok := rendered[key]
		if !ok {
			parts = Split(renderIncident(catalog(s.Lang), al.Incident, al.Kind, s.Location()), MaxMessageLen)
			rendered[key] = parts
		}
		kind := "alert"
		if al.Kind == claimwatch.AlertUpdate {
			kind = "update"
		}
		for _, p := range parts {
			msgs = append(msgs, claimwatch.OutMessage{ChatID: c.ID, Kind: kind, Text: p, CreatedAt: now})
		}
	}
	return msgs
}

// Run dispatches alerts about every second until ctx ends. A failed round
// is logged and retried on the next tick.
func (a *Alerter) Run(ctx context.Context) error {
	t := time.NewTicker(a.every)
	defer t.Stop()
	for {
		if err := a.DispatchOnce(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("dispatch alerts failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
