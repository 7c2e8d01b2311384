// Package config reads claimwatch's configuration: one YAML file (see
// claimwatch.example.yaml) with environment overrides, validated at start.
// Every error names the key that is wrong and says what is wrong with it.
// It imports nothing of claimwatch's own.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Secret holds a credential. It prints as [redacted] in every format, so it
// can be logged or marshalled by mistake without leaking; only Reveal gives
// the value, and only the bot package calls it.
type Secret struct{ v string }

// NewSecret wraps a value.
func NewSecret(v string) Secret { return Secret{v: v} }

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return s.v }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.v == "" }

func (s Secret) String() string                { return "[redacted]" }
func (s Secret) GoString() string              { return "[redacted]" }
func (s Secret) MarshalJSON() ([]byte, error)  { return []byte(`"[redacted]"`), nil }
func (s Secret) MarshalText() ([]byte, error)  { return []byte("[redacted]"), nil }
func (s *Secret) UnmarshalText(b []byte) error { s.v = strings.TrimSpace(string(b)); return nil }

// Duration is a time.Duration written in YAML as "5m", "30s", "6h".
type Duration time.Duration

// UnmarshalYAML reads a Go duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("not a duration like 30s, 5m or 6h: %q", s)
	}
	*d = Duration(v)
	return nil
}

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// Config is the whole configuration.
type Config struct {
	Log       Log       `yaml:"log"`
	DB        string    `yaml:"db"`
	Telegram  Telegram  `yaml:"telegram"`
	Delivery  Delivery  `yaml:"delivery"`
	Polling   Polling   `yaml:"polling"`
	Summarize Summarize `yaml:"summarize"`
	Feeds     []Feed    `yaml:"feeds"`
}

// Log configures the operator's log.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // text or json
}

// Telegram configures the bot's connection.
type Telegram struct {
	Token       Secret   `yaml:"token"`
	TokenFile   string   `yaml:"token_file"`
	APIEndpoint string   `yaml:"api_endpoint"` // go-telegram-bot-api format: ".../bot%s/%s"
	Admins      []int64  `yaml:"admins"`
	PollTimeout Duration `yaml:"poll_timeout"`
	Webhook     Webhook  `yaml:"webhook"`
}

// Webhook configures webhook mode; empty Listen means long polling.
type Webhook struct {
	Listen    string `yaml:"listen"`
	PublicURL string `yaml:"public_url"`
	Secret    Secret `yaml:"secret"`
}

// Delivery configures the outbox sender's limits.
type Delivery struct {
	GlobalPerSecond  float64 `yaml:"global_per_second"`
	ChatPerSecond    float64 `yaml:"chat_per_second"`
	GroupPerMinute   float64 `yaml:"group_per_minute"`
	ConsoleChatID    int64   `yaml:"console_chat_id"`
	AlertWindowHours int     `yaml:"alert_window_hours"`
	RetentionDays    int     `yaml:"retention_days"` // sent messages and dispatched alerts kept this long; 0 = forever
}

// Polling configures feeds polling.
type Polling struct {
	Interval       Duration `yaml:"interval"`
	Workers        int      `yaml:"workers"`
	PerHost        int      `yaml:"per_host"`
	ConnectTimeout Duration `yaml:"connect_timeout"`
	Timeout        Duration `yaml:"timeout"`
	MaxBodyMB      int      `yaml:"max_body_mb"`
	MaxRedirects   int      `yaml:"max_redirects"`
	BackoffMax     Duration `yaml:"backoff_max"`
	UserAgent      string   `yaml:"user_agent"`
}

// Summarize configures the summarizer.
type Summarize struct {
	Gazetteer []string `yaml:"gazetteer"` // extra gazetteer files merged over the embedded one
}

// Feed is one configured feed.
type Feed struct {
	Name     string   `yaml:"name"`
	URL      string   `yaml:"url"`
	Interval Duration `yaml:"interval"`
	FullText bool     `yaml:"full_text"`
	Charset  string   `yaml:"charset"`
}

// Default returns the configuration used when no file is given.
func Default() Config {
	return Config{
		Log: Log{Level: "info", Format: "text"},
		DB:  "claimwatch.db",
		Telegram: Telegram{
			PollTimeout: Duration(50 * time.Second),
		},
		Delivery: Delivery{GlobalPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20, ConsoleChatID: 1, AlertWindowHours: 48, RetentionDays: 30},
		Polling: Polling{
			Interval: Duration(5 * time.Minute), Workers: 8, PerHost: 2,
			ConnectTimeout: Duration(10 * time.Second), Timeout: Duration(30 * time.Second),
			MaxBodyMB: 10, MaxRedirects: 5, BackoffMax: Duration(6 * time.Hour),
		},
	}
}

// Load reads the file at path (none when path is ""), applies the
// environment overrides of getenv, and validates the result.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return Config{}, fmt.Errorf("config: read %s: %w", path, err)
		}
		if err := decode(b, &c); err != nil {
			return Config{}, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := c.applyEnv(getenv); err != nil {
		return Config{}, err
	}
	if err := c.Validate(); err != nil {
		if path != "" {
			return Config{}, fmt.Errorf("config %s: %w", path, err)
		}
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return c, nil
}

func decode(b []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// Environment variables that override the file.
const (
	EnvToken       = "TELEGRAM_BOT_TOKEN"
	EnvTokenFile   = "TELEGRAM_BOT_TOKEN_FILE"
	EnvAPIEndpoint = "TELEGRAM_API_ENDPOINT"
	EnvDB          = "CLAIMWATCH_DB"
	EnvAdmins      = "CLAIMWATCH_ADMINS"
	EnvLogLevel    = "CLAIMWATCH_LOG_LEVEL"
	EnvLogFormat   = "CLAIMWATCH_LOG_FORMAT"
)

func (c *Config) applyEnv(getenv func(string) string) error {
	if getenv == nil {
		return nil
	}
	if v := getenv(EnvToken); v != "" {
		c.Telegram.Token = NewSecret(v)
	}
	if v := getenv(EnvTokenFile); v != "" {
		c.Telegram.TokenFile = v
	}
	if v := getenv(EnvAPIEndpoint); v != "" {
		c.Telegram.APIEndpoint = v
	}
	if v := getenv(EnvDB); v != "" {
		c.DB = v
	}
	if v := getenv(EnvLogLevel); v != "" {
		c.Log.Level = v
	}
	if v := getenv(EnvLogFormat); v != "" {
		c.Log.Format = v
	}
	if v := getenv(EnvAdmins); v != "" {
		c.Telegram.Admins = nil
		for _, f := range strings.Split(v, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
			if err != nil {
				return fmt.Errorf("config: %s: %q is not a Telegram user ID", EnvAdmins, f)
			}
			c.Telegram.Admins = append(c.Telegram.Admins, id)
		}
	}
	if c.Telegram.Token.IsZero() && c.Telegram.TokenFile != "" {
		b, err := os.ReadFile(c.Telegram.TokenFile)
		if err != nil {
			return fmt.Errorf("config: telegram.token_file: %w", err)
		}
		c.Telegram.Token = NewSecret(strings.TrimSpace(string(b)))
	}
	return nil
}

// Validate checks every key and names the first that is wrong.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "%q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "%q is not text or json", c.Log.Format)
	}
	if strings.TrimSpace(c.DB) == "" {
		bad("db", "must name a SQLite file")
	}
	if e := c.Telegram.APIEndpoint; e != "" && strings.Count(e, "%s") != 2 {
		bad("telegram.api_endpoint", "must contain two %%s (token, then method), like http://127.0.0.1:8081/bot%%s/%%s")
	}
	if tok := c.Telegram.Token.Reveal(); tok != "" && !validToken(tok) {
		bad("telegram.token", "does not look like a bot token (digits, a colon, then letters): check TELEGRAM_BOT_TOKEN")
	}
	if c.Telegram.PollTimeout.D() < time.Second || c.Telegram.PollTimeout.D() > 10*time.Minute {
		bad("telegram.poll_timeout", "must be between 1s and 10m, got %s", c.Telegram.PollTimeout.D())
	}
	if w := c.Telegram.Webhook; w.Listen != "" {
		u, err := url.Parse(w.PublicURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			bad("telegram.webhook.public_url", "must be an https URL when telegram.webhook.listen is set")
		}
		if sec := w.Secret.Reveal(); len(sec) < 16 || len(sec) > 256 || !onlyTokenChars(sec) {
			bad("telegram.webhook.secret", "must be 16 to 256 of A-Z, a-z, 0-9, _ and - when telegram.webhook.listen is set")
		}
	}
	if c.Delivery.GlobalPerSecond <= 0 || c.Delivery.GlobalPerSecond > 10000 {
		bad("delivery.global_per_second", "must be above 0 and at most 10000, got %v", c.Delivery.GlobalPerSecond)
	}
	if c.Delivery.ChatPerSecond <= 0 || c.Delivery.ChatPerSecond > 100 {
		bad("delivery.chat_per_second", "must be above 0 and at most 100, got %v", c.Delivery.ChatPerSecond)
	}
	if c.Delivery.GroupPerMinute <= 0 || c.Delivery.GroupPerMinute > 6000 {
		bad("delivery.group_per_minute", "must be above 0 and at most 6000, got %v", c.Delivery.GroupPerMinute)
	}
	if c.Delivery.RetentionDays < 0 {
		bad("delivery.retention_days", "must not be negative (0 keeps everything)")
	}
	if c.Delivery.AlertWindowHours < 0 {
		bad("delivery.alert_window_hours", "must not be negative")
	}
	p := c.Polling
	if p.Interval.D() < time.Minute {
		bad("polling.interval", "must be at least 1m, got %s", p.Interval.D())
	}
	if p.Workers < 1 || p.Workers > 256 {
		bad("polling.workers", "must be between 1 and 256, got %d", p.Workers)
	}
	if p.PerHost < 1 || p.PerHost > 16 {
		bad("polling.per_host", "must be between 1 and 16, got %d", p.PerHost)
	}
	if p.ConnectTimeout.D() <= 0 || p.Timeout.D() <= 0 || p.ConnectTimeout.D() > p.Timeout.D() {
		bad("polling.timeout", "timeouts must be positive, and connect_timeout at most timeout")
	}
	if p.MaxBodyMB < 1 || p.MaxBodyMB > 200 {
		bad("polling.max_body_mb", "must be between 1 and 200, got %d", p.MaxBodyMB)
	}
	if p.MaxRedirects < 0 || p.MaxRedirects > 20 {
		bad("polling.max_redirects", "must be between 0 and 20, got %d", p.MaxRedirects)
	}
	if p.BackoffMax.D() < 5*time.Minute {
		bad("polling.backoff_max", "must be at least 5m, got %s", p.BackoffMax.D())
	}
	seen := map[string]bool{}
	for i, f := range c.Feeds {
		key := fmt.Sprintf("feeds[%d]", i)
		if err := CheckFeedURL(f.URL); err != nil {
			bad(key+".url", "%v", err)
		}
		if seen[f.URL] {
			bad(key+".url", "%s is listed twice", f.URL)
		}
		seen[f.URL] = true
		if f.Interval != 0 && f.Interval.D() < time.Minute {
			bad(key+".interval", "must be at least 1m, got %s", f.Interval.D())
		}
	}
	return errors.Join(errs...)
}

// CheckFeedURL says what is wrong with a feed URL, if anything.
func CheckFeedURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || raw == "" {
		return fmt.Errorf("%q is not a URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q must start with http:// or https://", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("%q has no host", raw)
	}
	return nil
}

func validToken(t string) bool {
	id, rest, ok := strings.Cut(t, ":")
	if !ok || id == "" || len(rest) < 2 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return onlyTokenChars(rest)
}

// onlyTokenChars reports whether s holds only A-Z, a-z, 0-9, _ and -, the
// characters Telegram allows in tokens and webhook secrets.
func onlyTokenChars(s string) bool {
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// LogValue keeps the secret out of slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }
