package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch"
)

const benchChats = 10000

// fillOutbox stores benchChats subscribed chats and broadcasts perChat
// messages to each, one broadcast after the other, after `history` rows
// already sent.
func fillOutbox(b *testing.B, db *DB, perChat, history int) {
	b.Helper()
	ctx := b.Context()
	err := db.write(ctx, func(tx *sql.Tx) error {
		for c := range benchChats {
			if _, err := tx.ExecContext(ctx, `INSERT INTO chats (id, subscribed, created_at) VALUES (?, 1, 0)`, c+1); err != nil {
				return err
			}
		}
		for i := range history {
			_, err := tx.ExecContext(ctx, `INSERT INTO outbox (chat_id, kind, text, created_at, sent_at) VALUES (?, 'alert', 'old', 0, 0)`, i%benchChats+1)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for n := range perChat {
		broadcast(b, db, n)
	}
}

func broadcast(b *testing.B, db *DB, n int) {
	b.Helper()
	msgs := make([]claimwatch.OutMessage, benchChats)
	for c := range msgs {
		msgs[c] = claimwatch.OutMessage{ChatID: int64(c + 1), Kind: "alert", Text: fmt.Sprintf("<b>Alert %d</b>", n)}
	}
	if err := db.Enqueue(b.Context(), msgs); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkNextMessages asks for the next 30 messages with 10,000 chats
// each owed 5, behind 100,000 messages already sent; then with the first
// 1,000 chats waiting out a retry backoff, whose rows the walk must pass.
func BenchmarkNextMessages(b *testing.B) {
	db := openTestDB(b)
	fillOutbox(b, db, 5, 100000)
	ctx := b.Context()
	run := func(b *testing.B) {
		for b.Loop() {
			next, err := db.NextMessages(ctx, t0, 30)
			if err != nil || len(next) != 30 {
				b.Fatalf("NextMessages = %d messages, %v", len(next), err)
			}
		}
	}
	b.Run("fresh", run)
	if _, err := db.w.ExecContext(ctx, `UPDATE outbox SET not_before = ? WHERE chat_id <= 1000 AND sent_at IS NULL`, t0.Add(time.Hour).UnixMilli()); err != nil {
		b.Fatal(err)
	}
	b.Run("1000_chats_in_backoff", run)
}

// BenchmarkMarkSent marks one message sent per op.
func BenchmarkMarkSent(b *testing.B) {
	db := openTestDB(b)
	fillOutbox(b, db, 1, 0)
	ctx := b.Context()
	id, supply := int64(0), int64(benchChats)
	for b.Loop() {
		id++
		if id > supply {
			b.StopTimer()
			broadcast(b, db, int(id))
			supply += benchChats
			b.StartTimer()
		}
		if err := db.MarkSent(ctx, id, t0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSendCycle drains broadcasts to 10,000 chats as the sender does:
// NextMessages(30), then MarkSent for each. One op is one message.
func BenchmarkSendCycle(b *testing.B) {
	db := openTestDB(b)
	fillOutbox(b, db, 3, 0)
	ctx := b.Context()
	var batch []claimwatch.OutMessage
	n := 3
	for b.Loop() {
		if len(batch) == 0 {
			var err error
			if batch, err = db.NextMessages(ctx, t0, 30); err != nil {
				b.Fatal(err)
			}
			if len(batch) == 0 {
				b.StopTimer()
				broadcast(b, db, n)
				n++
				b.StartTimer()
				continue
			}
		}
		if err := db.MarkSent(ctx, batch[0].ID, t0); err != nil {
			b.Fatal(err)
		}
		batch = batch[1:]
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkSaveReport saves a new report with one attack, a statement and
// a tally into a store holding 5,000 items of the last three days.
func BenchmarkSaveReport(b *testing.B) {
	db := openTestDB(b)
	feeds := addFeeds(b, db, 5)
	ctx := context.Background()
	pub := t0.Add(-72 * time.Hour)
	save := func(i int) {
		f := feeds[i%len(feeds)]
		a := claimwatch.Attack{Target: fmt.Sprintf("Outpost %d", i%300), Country: "Iraq", Weapons: []claimwatch.Weapon{claimwatch.Drone}}
		rec := report(f, fmt.Sprint("k", i), "h", pub.Add(time.Duration(i)*10*time.Second), a)
		rec.Item.Fingerprint = uint64(i)*0x9E3779B97F4A7C15 + 1
		rec.Facts.Statements = []claimwatch.Statement{{Speaker: "Spokesman", Quote: "q"}}
		rec.Facts.Tallies = []claimwatch.Tally{{Count: i, Subject: "attacks"}}
		if _, err := db.SaveReport(ctx, rec); err != nil {
			b.Fatal(err)
		}
	}
	const existing = 5000
	for i := range existing {
		save(i)
	}
	i := existing
	for b.Loop() {
		save(i)
		i++
	}
}

// BenchmarkSaveReportCrowdedDay saves one more report, with one attack, on
// a day that already holds 20,000 incidents (a stress load: ten times a
// busy day). The attack names a target (one incident matches it), or only
// a place (one incident without a target matches it).
func BenchmarkSaveReportCrowdedDay(b *testing.B) {
	const incidents = 20000
	db := openTestDB(b)
	feeds := addFeeds(b, db, 2)
	ctx := b.Context()
	day := t0.Add(-12 * time.Hour)
	claimants := []string{"Northern Resistance Front", "كتائب الشهداء", "", "Southern Brigades"}
	countries := []string{"Iraq", "Syria", "", "Yemen"}
	err := db.write(ctx, func(tx *sql.Tx) error {
		ins := tx.StmtContext(ctx, db.st.insertIncident)
		for i := range incidents {
			a := claimwatch.Attack{
				Claimant: claimants[i%len(claimants)], Country: countries[i/4%len(countries)],
				Weapons: []claimwatch.Weapon{claimwatch.Drone}, Place: fmt.Sprintf("Village %d", i),
				Date: day.Format(time.DateOnly),
			}
			if i%5 != 0 {
				a.Target = fmt.Sprintf("Outpost %d", i)
			}
			in := claimwatch.Incident{Attack: a, OccurredOn: a.Date, FirstSeen: day, UpdatedAt: day}
			if _, err := insertIncident(ctx, ins, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	attacks := map[string]claimwatch.Attack{
		"target": {Claimant: claimants[1], Target: "the Outpost 12345", Country: countries[0], Weapons: []claimwatch.Weapon{claimwatch.Drone}},
		"place":  {Place: "Village 12340", Country: countries[1]},
	}
	i := 0 // across runs: every report is a new item
	for _, name := range []string{"target", "place"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				rec := report(feeds[i%2], fmt.Sprint(name, i), "h", day.Add(time.Duration(i)*time.Second), attacks[name])
				res, err := db.SaveReport(ctx, rec)
				if err != nil || len(res.UpdatedIncidents) != 1 {
					b.Fatalf("SaveReport = %+v, %v; want it to update one incident", res, err)
				}
				i++
			}
		})
	}
}
