package feeds

import (
	"context"
	"slices"
	"sync"

	"github.com/claimwatch/claimwatch"
)

// memStore is an in-memory Store for unit tests: it keeps feeds by ID and
// items by (feed, key), and counts what was saved.
type memStore struct {
	mu     sync.Mutex
	feeds  []claimwatch.Feed
	items  map[itemID]claimwatch.ReportRecord
	saves  int
	nextID int64
}

type itemID struct {
	feed int64
	key  string
}

func newMemStore() *memStore { return &memStore{items: map[itemID]claimwatch.ReportRecord{}} }

func (m *memStore) AddFeed(_ context.Context, f claimwatch.Feed) (claimwatch.Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, g := range m.feeds {
		if g.URL == f.URL {
			f.ID = g.ID
			m.feeds[i] = f
			return f, nil
		}
	}
	m.nextID++
	f.ID = m.nextID
	m.feeds = append(m.feeds, f)
	return f, nil
}

func (m *memStore) Feeds(context.Context) ([]claimwatch.Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.feeds), nil
}

func (m *memStore) FeedByURL(_ context.Context, url string) (claimwatch.Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.feeds {
		if f.URL == url {
			return f, nil
		}
	}
	return claimwatch.Feed{}, claimwatch.ErrNotFound
}

func (m *memStore) RemoveFeed(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds = slices.DeleteFunc(m.feeds, func(f claimwatch.Feed) bool { return f.ID == id })
	return nil
}

func (m *memStore) SaveFeedState(_ context.Context, f claimwatch.Feed) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, g := range m.feeds {
		if g.ID == f.ID {
			m.feeds[i] = f
		}
	}
	return nil
}

func (m *memStore) feed(id int64) claimwatch.Feed {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.feeds {
		if f.ID == id {
			return f
		}
	}
	return claimwatch.Feed{}
}

func (m *memStore) ItemHash(_ context.Context, feedID int64, key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.items[itemID{feedID, key}]
	return r.Item.Hash, ok, nil
}

func (m *memStore) SaveReport(_ context.Context, rec claimwatch.ReportRecord) (claimwatch.SaveResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := itemID{rec.Item.FeedID, rec.Item.Key}
	old, ok := m.items[id]
	if ok && old.Item.Hash == rec.Item.Hash {
		return claimwatch.SaveResult{}, nil
	}
	m.saves++
	m.items[id] = rec
	return claimwatch.SaveResult{New: !ok, Edited: ok}, nil
}

func (m *memStore) records(feedID int64) []claimwatch.ReportRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []claimwatch.ReportRecord
	for id, r := range m.items {
		if id.feed == feedID {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b claimwatch.ReportRecord) int {
		return a.Item.Published.Compare(b.Item.Published)
	})
	return out
}
