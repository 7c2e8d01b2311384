package store

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a goroutine outlives the tests: every DB the
// tests open must be closed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
