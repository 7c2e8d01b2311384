package bot

import (
	"path/filepath"
	"testing"

	"github.com/claimwatch/claimwatch/store"
)

// openSenderStore returns an empty SQLite store in the test's temporary
// directory.
func openSenderStore(t testing.TB) SenderStore {
	return reopenSenderStore(t, senderStorePath(t))
}

// senderStorePath names a store file in the test's temporary directory.
func senderStorePath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "claimwatch.db")
}

// reopenSenderStore opens the store at path, as a restarted process would.
// It is closed when the test ends.
func reopenSenderStore(t testing.TB, path string) SenderStore {
	t.Helper()
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("store.Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return db
}
