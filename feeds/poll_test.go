package feeds

import (
	"strings"
	"testing"
	"time"
)

func TestPollStoresItemsThenNotModified(t *testing.T) {
	srv := newFeedServer(t)
	u := srv.set("/rss", route{body: readTestdata(t, "basic.xml"), etag: `"v1"`})
	st := newMemStore()
	p := NewPoller(testOptions(t), st, noFacts)
	f := addFeeds(t, st, u)[0]

	res := pollOne(t, p, f)
	if !res.OK || res.Status != 200 || res.Items != 3 || res.New != 3 || res.Error != "" {
		t.Fatalf("first poll = %+v, want ok, 200, 3 items, 3 new", res)
	}
	recs := st.records(f.ID)
	if len(recs) != 3 {
		t.Fatalf("stored %d items, want 3", len(recs))
	}
	old, second, first := recs[0], recs[1], recs[2]
	if first.Item.Key != "outlet-test-0001" || first.Item.Link != "https://outlet.test/news/1?id=1" {
		t.Errorf("item 1 key %q link %q", first.Item.Key, first.Item.Link)
	}
	if want := "A group said it flew two drones at the base.\n\nOfficials said nobody was hurt — damage was \"light\"."; first.Item.Text != want {
		t.Errorf("item 1 text = %q, want %q", first.Item.Text, want)
	}
	if second.Item.Title != "Minister comments on <security> talks" || second.Item.Text != "first point\nsecond point" {
		t.Errorf("item 2 title %q text %q", second.Item.Title, second.Item.Text)
	}
	if second.Item.Link != "https://outlet.test/news/2" {
		t.Errorf("item 2 link = %q", second.Item.Link)
	}
	if !first.Alert || !second.Alert || old.Alert {
		t.Errorf("alerts = %v %v %v, want true true false (the old one is backlog)", first.Alert, second.Alert, old.Alert)
	}
	if old.Item.Text != "Plain text, no markup, line one.\nLine two." {
		t.Errorf("old text = %q", old.Item.Text)
	}
	if first.Item.Hash == "" || first.Item.Fingerprint == 0 || first.Feed != u {
		t.Errorf("item 1 hash %q fingerprint %d feed %q", first.Item.Hash, first.Item.Fingerprint, first.Feed)
	}
	saved := st.feed(f.ID)
	if saved.ETag != `"v1"` || saved.Health.ItemsSeen != 3 || !saved.Health.NextPoll.Equal(testNow.Add(5*time.Minute)) {
		t.Errorf("saved feed = %+v", saved)
	}

	res = pollOne(t, p, saved)
	if !res.OK || res.Status != 304 || res.Items != 0 || res.New != 0 {
		t.Fatalf("second poll = %+v, want ok, 304, 0 items", res)
	}

	// Without validators the same items come back and nothing is new.
	res = pollOne(t, p, f)
	if !res.OK || res.Status != 200 || res.Items != 3 || res.New != 0 || st.saves != 3 {
		t.Fatalf("third poll = %+v (saves %d), want 3 items, 0 new, 3 saves", res, st.saves)
	}
	if strings.Contains(first.Item.Text, "alert(1)") {
		t.Errorf("script kept: %q", first.Item.Text)
	}
}
