package bot

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestLimiterSpacing runs the limiter on synctest's fake clock: sends to
// one chat are a full interval apart, a group waits its longer interval,
// all sends together stay within the global rate, and a pause holds
// every send.
func TestLimiterSpacing(t *testing.T) {
	tests := []struct {
		name     string
		chats    []int64 // one send per entry, in this order, from concurrent workers
		lim      Limits
		pause    time.Duration
		wantLast time.Duration // when the last send may go, at the earliest
		minGap   map[int64]time.Duration
	}{
		{"one private chat at 1/s", []int64{1, 1, 1}, Limits{Global: 30, PerChat: 1}, 0, 2 * time.Second,
			map[int64]time.Duration{1: time.Second}},
		{"a group at 20/min", []int64{-1, -1, -1}, Limits{Global: 30, PerChat: 1, PerGroup: 20.0 / 60}, 0, 6 * time.Second,
			map[int64]time.Duration{-1: 3 * time.Second}},
		{"many chats at the global rate", []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Limits{Global: 5, PerChat: 1}, 0, 1800 * time.Millisecond, nil},
		{"a 429 pauses everything", []int64{1, 2}, Limits{Global: 30, PerChat: 1}, 7 * time.Second, 7 * time.Second, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				l := newLimiter(tc.lim, time.Now)
				if tc.pause > 0 {
					l.pause(tc.pause)
				}
				var mu sync.Mutex
				sent := map[int64][]time.Duration{}
				var all []time.Duration
				// Chats are served one message at a time, like the sender.
				byChat := map[int64]int{}
				for _, c := range tc.chats {
					byChat[c]++
				}
				var wg sync.WaitGroup
				for c, n := range byChat {
					wg.Go(func() {
						for range n {
							if err := l.wait(t.Context(), c); err != nil {
								t.Errorf("wait: %v", err)
								return
							}
							mu.Lock()
							sent[c] = append(sent[c], time.Since(start))
							all = append(all, time.Since(start))
							mu.Unlock()
						}
					})
				}
				wg.Wait()
				last := time.Duration(0)
				for _, d := range all {
					last = max(last, d)
				}
				if last < tc.wantLast {
					t.Errorf("last send at %s, want not before %s (all: %v)", last, tc.wantLast, all)
				}
				for c, gap := range tc.minGap {
					for i := 1; i < len(sent[c]); i++ {
						if g := sent[c][i] - sent[c][i-1]; g < gap {
							t.Errorf("chat %d sends %s apart, want at least %s", c, g, gap)
						}
					}
				}
				if tc.pause > 0 {
					for _, d := range all {
						if d < tc.pause {
							t.Errorf("a send at %s during the %s pause", d, tc.pause)
						}
					}
				}
			})
		})
	}
}

func TestLimiterWaitStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := newLimiter(Limits{Global: 30, PerChat: 1}, time.Now)
		l.pause(time.Hour)
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		if err := l.wait(ctx, 1); err == nil {
			t.Fatal("wait returned nil during a pause, want the ctx error")
		}
		if took := time.Since(start); took != time.Second {
			t.Errorf("wait returned after %s, want at the 1s deadline", took)
		}
	})
}

func TestLimiterSweepForgetsIdleChats(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := newLimiter(Limits{Global: 1000, PerChat: 1}, time.Now)
		for c := range int64(100) {
			if err := l.wait(t.Context(), c); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(2 * time.Minute)
		l.sweep()
		if n := len(l.chats); n != 0 {
			t.Errorf("%d chat buckets after two idle minutes, want 0", n)
		}
	})
}
