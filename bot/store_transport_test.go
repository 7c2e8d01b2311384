package bot

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

// memOutbox is an in-memory SenderStore with the outbox semantics of
// claimwatch.Outbox, for the tests that need no SQLite file.
type memOutbox struct {
	mu     sync.Mutex
	nextID int64
	msgs   []claimwatch.OutMessage // unsent and sent; sent ones have sent set
	sent   map[int64]bool
	chats  map[int64]claimwatch.Chat
	offset int64
}

func newMemOutbox() *memOutbox {
	return &memOutbox{sent: map[int64]bool{}, chats: map[int64]claimwatch.Chat{}}
}

func (s *memOutbox) Enqueue(_ context.Context, msgs []claimwatch.OutMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enqueue(msgs)
	return nil
}

func (s *memOutbox) enqueue(msgs []claimwatch.OutMessage) {
	for _, m := range msgs {
		s.nextID++
		m.ID = s.nextID
		s.msgs = append(s.msgs, m)
	}
}

func (s *memOutbox) NextMessages(_ context.Context, now time.Time, limit int) ([]claimwatch.OutMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[int64]bool{}
	var out []claimwatch.OutMessage
	for _, m := range s.msgs {
		if s.sent[m.ID] || seen[m.ChatID] {
			continue
		}
		seen[m.ChatID] = true
		if s.chats[m.ChatID].Paused || m.NotBefore.After(now) {
			continue
		}
		out = append(out, m)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (s *memOutbox) MarkSent(_ context.Context, id int64, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent[id] = true
	return nil
}

func (s *memOutbox) Retry(_ context.Context, id int64, notBefore time.Time, lastError string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.msgs {
		if s.msgs[i].ID == id {
			s.msgs[i].NotBefore = notBefore
			s.msgs[i].Attempts++
			s.msgs[i].LastError = lastError
		}
	}
	return nil
}

func (s *memOutbox) PendingAlerts(context.Context, int) ([]claimwatch.Alert, error) { return nil, nil }
func (s *memOutbox) DispatchAlert(context.Context, int64, []claimwatch.OutMessage) error {
	return nil
}
func (s *memOutbox) SaveDigest(context.Context, int64, string, []claimwatch.OutMessage) error {
	return nil
}

func (s *memOutbox) CommitUpdate(_ context.Context, offset int64, replies []claimwatch.OutMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enqueue(replies)
	s.offset = offset
	return nil
}

func (s *memOutbox) UpdateOffset(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.offset, nil
}

func (s *memOutbox) Chat(_ context.Context, id int64) (claimwatch.Chat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[id]
	if !ok {
		return c, claimwatch.ErrNotFound
	}
	return c, nil
}

func (s *memOutbox) SaveChat(_ context.Context, c claimwatch.Chat) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chats[c.ID] = c
	return nil
}

func (s *memOutbox) SubscribedChats(context.Context) ([]claimwatch.Chat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []claimwatch.Chat
	for _, c := range s.chats {
		if c.Subscribed && !c.Paused {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b claimwatch.Chat) int { return int(a.ID - b.ID) })
	return out, nil
}

func (s *memOutbox) PauseChat(_ context.Context, id int64, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[id]
	c.ID, c.Paused, c.PausedReason = id, true, reason
	s.chats[id] = c
	return nil
}

func (s *memOutbox) MigrateChat(_ context.Context, from, to int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[from]
	delete(s.chats, from)
	c.ID = to
	s.chats[to] = c
	for i := range s.msgs {
		if s.msgs[i].ChatID == from && !s.sent[s.msgs[i].ID] {
			s.msgs[i].ChatID = to
		}
	}
	return nil
}

var _ SenderStore = (*memOutbox)(nil)

// memOutboxes lets reopenSenderStore find the "file" a memOutbox stands for.
var memOutboxes sync.Map

// openSenderStore returns an empty store for one test.
func openSenderStore(t testing.TB) SenderStore {
	return reopenSenderStore(t, senderStorePath(t))
}

// senderStorePath names a store file in the test's temporary directory.
func senderStorePath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "claimwatch.db")
}

// reopenSenderStore opens the store at path, as a restarted process would.
func reopenSenderStore(t testing.TB, path string) SenderStore {
	st, _ := memOutboxes.LoadOrStore(path, newMemOutbox())
	return st.(*memOutbox)
}
