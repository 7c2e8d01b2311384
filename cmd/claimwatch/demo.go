package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

//go:embed demo/reports.json
var demoReportsJSON []byte

// demoReport is one short news report written for the demo.
type demoReport struct {
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// demoFeed serves the demo reports as RSS from a loopback listener, so that
// the demo runs the real polling path. Reports are released one at a time:
// a few at start, then one on each call to Next.
type demoFeed struct {
	mu       sync.Mutex
	reports  []demoReport
	released []time.Time // release time of reports[i]
	now      func() time.Time

	srv *http.Server
	ln  net.Listener
}

func newDemoFeed(initial int, now func() time.Time) (*demoFeed, error) {
	var reports []demoReport
	if err := json.Unmarshal(demoReportsJSON, &reports); err != nil {
		return nil, fmt.Errorf("demo reports: %w", err)
	}
	d := &demoFeed{reports: reports, now: now}
	for range min(initial, len(reports)) {
		d.Next()
	}
	return d, nil
}

// Start listens on a loopback port and serves the feed until Close.
func (d *demoFeed) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo feed: listen: %w", err)
	}
	d.ln = ln
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{outlet}", d.serveRSS)
	d.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		// Serve returns ErrServerClosed after Close; any other error ends the
		// demo feed, which the poller then reports as failing.
		_ = d.srv.Serve(ln)
	}()
	return nil
}

// demoOutlet is one outlet of the demo and its feed's address.
type demoOutlet struct{ Name, URL string }

// Outlets lists the demo's outlets, each with its own feed.
func (d *demoFeed) Outlets() []demoOutlet {
	var out []demoOutlet
	seen := map[string]bool{}
	for _, r := range d.reports {
		if !seen[r.Outlet] {
			seen[r.Outlet] = true
			out = append(out, demoOutlet{Name: r.Outlet, URL: "http://" + d.ln.Addr().String() + "/feeds/" + slug(r.Outlet) + ".xml"})
		}
	}
	return out
}

func slug(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b = append(b, byte(r))
		case len(b) > 0 && b[len(b)-1] != '-':
			b = append(b, '-')
		}
	}
	return strings.Trim(string(b), "-")
}

// Close stops the server.
func (d *demoFeed) Close(ctx context.Context) error {
	if d.srv == nil {
		return nil
	}
	if err := d.srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Next releases the next report and returns its title, or "" when every
// report is out.
func (d *demoFeed) Next() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	i := len(d.released)
	if i >= len(d.reports) {
		return ""
	}
	d.released = append(d.released, d.now())
	return d.reports[i].Title
}

// Left returns how many reports are not released yet.
func (d *demoFeed) Left() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.reports) - len(d.released)
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title string    `xml:"title"`
	Link  string    `xml:"link"`
	Desc  string    `xml:"description"`
	Items []rssItem `xml:"item"`
}

type rssItem struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	GUID    string `xml:"guid"`
	PubDate string `xml:"pubDate"`
	Author  string `xml:"author,omitempty"`
	Desc    string `xml:"description"`
}

func (d *demoFeed) serveRSS(w http.ResponseWriter, r *http.Request) {
	want := strings.TrimSuffix(r.PathValue("outlet"), ".xml")
	d.mu.Lock()
	doc := rssDoc{Version: "2.0", Channel: rssChannel{Title: want, Link: "http://" + r.Host + "/", Desc: "Short reports written for the claimwatch demo"}}
	for i := len(d.released) - 1; i >= 0; i-- { // newest first, as outlets do
		rep := d.reports[i]
		if slug(rep.Outlet) != want {
			continue
		}
		doc.Channel.Title = rep.Outlet
		link := fmt.Sprintf("http://%s/reports/%d", r.Host, i+1)
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: rep.Title, Link: link, GUID: link, Author: rep.Outlet,
			PubDate: d.released[i].UTC().Format(time.RFC1123Z), Desc: rep.Text,
		})
	}
	d.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header)) // a failed write means the poller hung up; it will poll again
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	_ = enc.Encode(doc)
}
