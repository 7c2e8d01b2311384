package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch"
	"golang.org/x/net/html"
)

// ConsoleOptions configures a Console.
type ConsoleOptions struct {
	In       io.Reader // lines the user types
	Out      io.Writer // only for what cannot go through the outbox
	ChatID   int64     // the console's chat in the store
	Lang     string    // the language of a new console chat: "ar" or "en"
	Handlers *Handlers
	Store    Store
	// Extra are commands only the console knows, such as the demo's
	// "next"; each returns plain text for the user.
	Extra  map[string]func(ctx context.Context) (string, error)
	Logger *slog.Logger
}

// Console is a chat with the bot in a terminal: each line is a command for
// the same Handlers that serve Telegram, and the replies go through the
// same outbox, to be delivered by a Sender with a ConsoleDeliverer.
type Console struct {
	o   ConsoleOptions
	log *slog.Logger
}

// NewConsole returns a Console configured by o.
func NewConsole(o ConsoleOptions) *Console {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Console{o: o, log: log}
}

// Run reads lines until In ends or ctx does. A line starting with "/" is
// a command; the console's user administers its chat and the bot. Any
// other line gets a hint. Run returns nil at the end of In.
//
// A Read cannot be interrupted: when ctx ends first, Run returns at once
// and the goroutine reading In ends with In's next line or its end (for
// standard input, when the process exits), unless In has SetReadDeadline
// (an *os.File on a pipe or terminal), which Run uses to end it first.
func (c *Console) Run(ctx context.Context) error {
	type line struct {
		text string
		err  error
		eof  bool
	}
	lines := make(chan line)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(c.o.In)
		sc.Buffer(make([]byte, 0, 4096), 64<<10)
		for sc.Scan() {
			select {
			case lines <- line{text: sc.Text()}:
			case <-stop:
				return
			}
		}
		select {
		case lines <- line{err: sc.Err(), eof: true}:
		case <-stop:
		}
	}()
	defer func() {
		close(stop)
		if d, ok := c.o.In.(interface{ SetReadDeadline(time.Time) error }); ok && d.SetReadDeadline(time.Now()) == nil {
			<-done
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l := <-lines:
			if l.eof {
				if l.err != nil {
					return fmt.Errorf("console: read: %w", l.err)
				}
				return nil
			}
			if err := c.handle(ctx, l.text); err != nil {
				return err
			}
		}
	}
}

// parseConsoleLine reads a typed line as a command: "/counts@bot 7" has the
// name "counts" and the argument "7". A line not starting with "/" has an
// empty name.
func parseConsoleLine(line string) (name string, args []string) {
	f := strings.Fields(line)
	if len(f) == 0 || !strings.HasPrefix(f[0], "/") {
		return "", nil
	}
	name = strings.ToLower(strings.TrimPrefix(f[0], "/"))
	name, _, _ = strings.Cut(name, "@")
	return name, f[1:]
}

func (c *Console) handle(ctx context.Context, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	name, args := parseConsoleLine(text)
	var replies []string
	if fn, ok := c.o.Extra[name]; ok && name != "" {
		out, err := fn(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.log.Error("console command failed", "command", name, "err", err)
			out = "/" + name + ": failed, see the log"
		}
		replies = Split(esc(out), MaxMessageLen)
	} else {
		var err error
		replies, err = c.o.Handlers.Handle(ctx, Command{
			ChatID: c.o.ChatID, ChatType: "console", ChatTitle: "console", UserID: c.o.ChatID,
			UserLang: c.o.Lang, Text: text, Name: name, Args: args,
		})
		if err != nil {
			return fmt.Errorf("console: %w", err)
		}
	}
	if len(replies) == 0 {
		return nil
	}
	now := time.Now()
	msgs := make([]claimwatch.OutMessage, len(replies))
	for i, r := range replies {
		msgs[i] = claimwatch.OutMessage{ChatID: c.o.ChatID, Kind: "reply", Text: r, CreatedAt: now}
	}
	if err := c.o.Store.Enqueue(ctx, msgs); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// Not fatal: the user may type again. Say so where they look.
		c.log.Error("console reply not queued", "chat_id", c.o.ChatID, "err", err)
		if c.o.Out != nil {
			fmt.Fprintln(c.o.Out, "(the reply could not be queued; see the log)")
		}
	}
	return nil
}

// ConsoleDeliverer is the Deliverer of the console: it prints each message
// to W as terminal text (HTMLToText), followed by a blank line.
type ConsoleDeliverer struct{ W io.Writer }

// Deliver prints text. A failed write is a Transient DeliveryError.
func (d ConsoleDeliverer) Deliver(ctx context.Context, chatID int64, text string) error {
	if err := ctx.Err(); err != nil {
		return &DeliveryError{Kind: Transient, Err: err}
	}
	if _, err := io.WriteString(d.W, HTMLToText(text)+"\n\n"); err != nil {
		return &DeliveryError{Kind: Transient, Err: fmt.Errorf("console: write: %w", err)}
	}
	return nil
}

// HTMLToText turns a message in Telegram HTML into terminal text: tags
// dropped, entities decoded, a link shown as "text (url)" unless its text
// is the URL, a blockquote's lines prefixed with "> ", and bidi control
// marks (which terminals show as garbage) removed.
func HTMLToText(s string) string {
	var (
		b       strings.Builder
		hrefs   []string
		starts  []int
		inQuote int
	)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				b.Write(z.Raw())
			}
			return strings.TrimRight(stripBidi(b.String()), "\n ")
		case html.TextToken:
			text := string(z.Text())
			if inQuote > 0 {
				text = strings.ReplaceAll(text, "\n", "\n> ")
			}
			b.WriteString(text)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "a":
				href := ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
				hrefs = append(hrefs, href)
				starts = append(starts, b.Len())
			case "blockquote":
				if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
					b.WriteString("\n")
				}
				b.WriteString("> ")
				inQuote++
			case "br":
				b.WriteString("\n")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "a":
				if n := len(hrefs); n > 0 {
					href, start := hrefs[n-1], starts[n-1]
					hrefs, starts = hrefs[:n-1], starts[:n-1]
					if href != "" && stripBidi(b.String()[start:]) != href {
						b.WriteString(" (" + href + ")")
					}
				}
			case "blockquote":
				if inQuote > 0 {
					inQuote--
					b.WriteString("\n")
				}
			}
		}
	}
}

func stripBidi(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
}
