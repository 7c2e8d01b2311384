package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// maxRetryAfter bounds what a server may ask for with Retry-After.
const maxRetryAfter = 7 * 24 * time.Hour

// newClient builds the one HTTP client of a poller. The stock transport
// would dial without a timeout and follow 10 redirects.
func newClient(o Options) *http.Client {
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,  // stock: 10s
		ResponseHeaderTimeout: o.Timeout,         // stock: none
		IdleConnTimeout:       90 * time.Second,  // stock: 90s
		MaxIdleConns:          100,               // stock: 100
		MaxIdleConnsPerHost:   max(o.PerHost, 2), // stock: 2
		ExpectContinueTimeout: 1 * time.Second,   // stock: 1s
		ForceAttemptHTTP2:     true,              // stock: true
	}
	return &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return errTooManyRedirects
			}
			if rec, ok := req.Context().Value(redirectKey{}).(*redirects); ok {
				rec.hop(req)
			}
			return nil
		},
	}
}

var errTooManyRedirects = errors.New("too many redirects")

type redirectKey struct{}

// redirects records a request's redirect chain: while every hop so far is
// permanent (301, 308), the feed's stored URL moves to the last target.
type redirects struct {
	permanent bool
	moved     string
}

func (r *redirects) hop(req *http.Request) {
	code := 0
	if req.Response != nil {
		code = req.Response.StatusCode
	}
	if code != http.StatusMovedPermanently && code != http.StatusPermanentRedirect {
		r.permanent = false
	}
	if r.permanent {
		r.moved = req.URL.String()
	}
}

// hostLimiter allows at most n requests at once to each host: a small map
// of semaphores, never a goroutine per host.
type hostLimiter struct {
	n  int
	mu sync.Mutex
	m  map[string]chan struct{}
}

func newHostLimiter(n int) *hostLimiter {
	return &hostLimiter{n: n, m: make(map[string]chan struct{})}
}

// acquire waits for a slot for host and returns its release.
func (h *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	h.mu.Lock()
	sem, ok := h.m[host]
	if !ok {
		sem = make(chan struct{}, h.n)
		h.m[host] = sem
	}
	h.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// response is what a fetch keeps of an answer.
type response struct {
	status       int
	body         []byte // nil on 304
	contentType  string
	etag         string
	lastModified string
	movedTo      string // new permanent URL, "" when not moved
}

// request says what to fetch.
type request struct {
	url          string
	etag         string
	lastModified string
	maxBody      int64
	timeout      time.Duration
	accept       string
}

// fetch GETs one URL under the per-host limit and reads its body whole, up
// to the cap. A 304 is a result; a status other than 2xx is a *StatusError.
func (p *Poller) fetch(ctx context.Context, rq request) (response, error) {
	u, err := url.Parse(rq.url)
	if err != nil {
		return response{}, fmt.Errorf("bad URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return response{}, fmt.Errorf("bad URL %q: scheme must be http or https", rq.url)
	}
	if u.Host == "" {
		return response{}, fmt.Errorf("bad URL %q: no host", rq.url)
	}
	release, err := p.hosts.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return response{}, err
	}
	defer release()

	rec := &redirects{permanent: true}
	ctx = context.WithValue(ctx, redirectKey{}, rec)
	ctx, cancel := context.WithTimeout(ctx, rq.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rq.url, nil)
	if err != nil {
		return response{}, fmt.Errorf("bad URL: %w", err)
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", rq.accept)
	// RFC 9110 §13.1: send the validators of the last 200 when known.
	if rq.etag != "" {
		req.Header.Set("If-None-Match", rq.etag)
	}
	if rq.lastModified != "" {
		req.Header.Set("If-Modified-Since", rq.lastModified)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return response{}, p.netError(err, rq.timeout)
	}
	defer resp.Body.Close()
	r := response{
		status:       resp.StatusCode,
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
		movedTo:      rec.moved,
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return r, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		se := &StatusError{Code: resp.StatusCode}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			se.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), p.now())
		}
		// Drain a little so the connection may be reused; the rest is dropped.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return r, se
	}
	r.body, err = io.ReadAll(io.LimitReader(resp.Body, rq.maxBody+1))
	if err != nil {
		return r, fmt.Errorf("read body: %w", p.netError(err, rq.timeout))
	}
	if int64(len(r.body)) > rq.maxBody {
		return r, fmt.Errorf("%w (over %s)", ErrBodyTooLarge, fmtBytes(rq.maxBody))
	}
	return r, nil
}

// netError turns a transport failure into an error that reads well in a
// feed's health ("timeout after 30s", "connection refused"), keeping the
// chain for errors.Is. The URL is left out: the feed already names it.
func (p *Poller) netError(err error, timeout time.Duration) error {
	var ne net.Error
	var dnsErr *net.DNSError
	var ue *url.Error
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, errTooManyRedirects):
		return &readableError{msg: fmt.Sprintf("too many redirects (more than %d)", p.opts.MaxRedirects), err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &TimeoutError{After: timeout, err: err}
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return &readableError{msg: "host not found: " + dnsErr.Name, err: err}
	case errors.Is(err, syscall.ECONNREFUSED):
		return &readableError{msg: "connection refused", err: err}
	case errors.Is(err, syscall.ECONNRESET):
		return &readableError{msg: "connection reset", err: err}
	case errors.As(err, &ue):
		return &readableError{msg: ue.Err.Error(), err: err}
	}
	return err
}

// readableError carries a short message for a feed's health and keeps the
// full chain for the log and errors.Is.
type readableError struct {
	msg string
	err error
}

func (e *readableError) Error() string { return e.msg }
func (e *readableError) Unwrap() error { return e.err }

// TimeoutError is a request that did not finish in time.
type TimeoutError struct {
	After time.Duration
	err   error
}

func (e *TimeoutError) Error() string { return "timeout after " + fmtDuration(e.After) }
func (e *TimeoutError) Unwrap() error { return e.err }

// parseRetryAfter reads Retry-After as seconds or an HTTP-date (RFC 9110
// §10.2.3); 0 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// mediaType returns the lower-cased media type of a Content-Type, and its
// charset parameter.
func mediaType(contentType string) (typ, cs string) {
	if contentType == "" {
		return "", ""
	}
	typ, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// Keep what precedes the parameters; a broken parameter is common.
		typ, _, _ = strings.Cut(contentType, ";")
		typ = strings.ToLower(strings.TrimSpace(typ))
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			cs = strings.Trim(strings.TrimSpace(contentType[i+len("charset="):]), `"';`)
		}
		return typ, cs
	}
	return typ, params["charset"]
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
