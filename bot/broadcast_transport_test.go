package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
	"github.com/claimwatch/claimwatch/bot/tgtest"
	"github.com/claimwatch/claimwatch/store"
)

// benchDigest is a digest-sized message (about 1,600 bytes of HTML).
func benchDigest() string {
	var b strings.Builder
	b.WriteString("<b>Daily digest, 2026-11-24</b>\n\n")
	for i := range 8 {
		fmt.Fprintf(&b, "• <b>Drone attack</b> on a base near Erbil (Iraq), claimed by a militia &amp; denied by officials. "+
			"Killed: unknown, injured: %d. <a href=\"https://outlet.example/report/%d?a=1&amp;b=2\">source</a>\n", i, i)
	}
	return b.String()
}

// BenchmarkBroadcast sends one digest to 10,000 chats through the sender,
// the Telegram client and the fake Bot API over loopback, with the real
// SQLite outbox, at a global limit of 1,000 messages a second. At that
// limit the floor is 10 s. It reports the rate reached and the peak heap
// in use, and fails if any chat got the digest other than exactly once.
func BenchmarkBroadcast(b *testing.B) {
	const chats = 10000
	lim := Limits{Global: 1000, PerChat: 1}
	text := benchDigest()
	quiet := slog.New(slog.DiscardHandler)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		srv := tgtest.New(b)
		tg, err := NewTelegram(b.Context(), TelegramOptions{Token: fakeToken(srv.Token), Endpoint: srv.Endpoint(), Logger: quiet})
		if err != nil {
			b.Fatal(err)
		}
		// Opened and closed here, not through b.Cleanup, so that with
		// -count each run's heap holds only its own broadcast.
		st, err := store.Open(b.Context(), senderStorePath(b))
		if err != nil {
			b.Fatal(err)
		}
		msgs := make([]claimwatch.OutMessage, chats)
		for c := range chats {
			id := int64(c + 1)
			if c%10 == 0 {
				id = -int64(c + 1) // every tenth chat a group
			}
			msgs[c] = claimwatch.OutMessage{ChatID: id, Kind: "digest", Text: text, CreatedAt: time.Now()}
		}
		if err := st.Enqueue(b.Context(), msgs); err != nil {
			b.Fatal(err)
		}
		msgs = nil
		runtime.GC()

		var peak atomic.Uint64
		ctx, cancel := context.WithCancel(b.Context())
		var wg sync.WaitGroup
		wg.Go(func() {
			t := time.NewTicker(50 * time.Millisecond)
			defer t.Stop()
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
				select {
				case <-t.C:
				case <-ctx.Done():
					return
				}
			}
		})
		rec := newSendLog(tg, chats)
		s := NewSender(st, rec, lim, quiet)
		b.StartTimer()
		start := time.Now()
		wg.Go(func() {
			if err := s.Run(ctx); err != nil {
				b.Errorf("Run: %v", err)
			}
		})
		for srv.SentCount() < chats {
			time.Sleep(5 * time.Millisecond)
		}
		took := time.Since(start)
		b.StopTimer()
		cancel()
		wg.Wait()

		for c := range chats {
			id := int64(c + 1)
			if c%10 == 0 {
				id = -id
			}
			if got := srv.Sent(id); len(got) != 1 {
				b.Fatalf("chat %d got the digest %d times, want once", id, len(got))
			}
		}
		if n := srv.SentCount(); n != chats {
			b.Fatalf("server accepted %d messages, want %d", n, chats)
		}
		arrived := srv.MaxPerSecond()
		srv.Close()
		tg.Close()
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(chats)/took.Seconds(), "msgs/s")
		b.ReportMetric(took.Seconds(), "s/broadcast")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(rec.maxIn(time.Second)), "max-sent-in-1s")
		b.ReportMetric(float64(arrived), "max-arrived-in-1s")
	}
}

// sendLog is a Deliverer that records when each delivery started, as the
// sender's own measure of its rate (the server's arrival times add the
// scheduling delay of a loaded machine).
type sendLog struct {
	d     Deliverer
	mu    sync.Mutex
	times []time.Time
}

func newSendLog(d Deliverer, n int) *sendLog { return &sendLog{d: d, times: make([]time.Time, 0, n)} }

func (l *sendLog) Deliver(ctx context.Context, chatID int64, text string) error {
	l.mu.Lock()
	l.times = append(l.times, time.Now())
	l.mu.Unlock()
	return l.d.Deliver(ctx, chatID, text)
}

// maxIn returns the most deliveries started within any window d.
func (l *sendLog) maxIn(d time.Duration) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	best, lo := 0, 0
	for hi := range l.times {
		for l.times[hi].Sub(l.times[lo]) >= d {
			lo++
		}
		best = max(best, hi-lo+1)
	}
	return best
}
