package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "claimwatch.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadRejectsBadKeys(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantKey    string
	}{
		{"interval under the one-minute floor", "polling:\n  interval: 10s\n", "polling.interval"},
		{"interval that is not a duration", "polling:\n  interval: often\n", "not a duration"},
		{"unknown key", "pollng:\n  interval: 5m\n", "pollng"},
		{"feed without a scheme", "feeds:\n  - url: example.com/rss\n", "feeds[0].url"},
		{"feed listed twice", "feeds:\n  - url: https://a.example/rss\n  - url: https://a.example/rss\n", "feeds[1].url"},
		{"endpoint without placeholders", "telegram:\n  api_endpoint: http://127.0.0.1:8081/bot\n", "telegram.api_endpoint"},
		{"log level misspelt", "log:\n  level: verbose\n", "log.level"},
		{"webhook without https", "telegram:\n  webhook:\n    listen: 127.0.0.1:8443\n    public_url: http://bot.example/hook\n    secret: 0123456789abcdef\n", "telegram.webhook.public_url"},
		{"webhook secret with a space", "telegram:\n  webhook:\n    listen: 127.0.0.1:8443\n    public_url: https://bot.example/hook\n    secret: not a valid secret at all\n", "telegram.webhook.secret"},
		{"zero workers", "polling:\n  workers: 0\n", "polling.workers"},
		{"negative global rate", "delivery:\n  global_per_second: -1\n", "delivery.global_per_second"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(writeFile(t, tc.yaml), env(nil))
			if err == nil || !strings.Contains(err.Error(), tc.wantKey) {
				t.Fatalf("Load(%q) error = %v, want one naming %q", tc.yaml, err, tc.wantKey)
			}
		})
	}
}

func TestLoadExampleFile(t *testing.T) {
	c, err := Load(filepath.Join("..", "claimwatch.example.yaml"), env(nil))
	if err != nil {
		t.Fatalf("the example config must load: %v", err)
	}
	if len(c.Feeds) == 0 {
		t.Fatal("the example config lists no feeds")
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	p := writeFile(t, "db: from-file.db\ntelegram:\n  api_endpoint: http://file.example/bot%s/%s\n")
	c, err := Load(p, env(map[string]string{
		EnvToken:       "123:abc",
		EnvDB:          "from-env.db",
		EnvAPIEndpoint: "http://127.0.0.1:8081/bot%s/%s",
		EnvAdmins:      "42, 43",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "from-env.db" || c.Telegram.APIEndpoint != "http://127.0.0.1:8081/bot%s/%s" {
		t.Errorf("env did not win: db=%q endpoint=%q", c.DB, c.Telegram.APIEndpoint)
	}
	if c.Telegram.Token.Reveal() != "123:abc" {
		t.Errorf("token not read from %s", EnvToken)
	}
	if fmt.Sprint(c.Telegram.Admins) != "[42 43]" {
		t.Errorf("admins = %v", c.Telegram.Admins)
	}
	if c.Polling.Interval.D() != 5*time.Minute {
		t.Errorf("default interval lost: %s", c.Polling.Interval.D())
	}
}

func TestBadAdminsEnv(t *testing.T) {
	_, err := Load("", env(map[string]string{EnvAdmins: "42,bob"}))
	if err == nil || !strings.Contains(err.Error(), EnvAdmins) {
		t.Fatalf("err = %v, want one naming %s", err, EnvAdmins)
	}
}

func TestSecretNeverPrints(t *testing.T) {
	s := NewSecret("123456:SECRET-value")
	c := Default()
	c.Telegram.Token = s
	j, _ := json.Marshal(c)
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %+v %#v %s", c, c, c, s), string(j)} {
		if strings.Contains(out, "SECRET") {
			t.Fatalf("secret leaked: %s", out)
		}
	}
	if s.Reveal() != "123456:SECRET-value" {
		t.Fatal("Reveal lost the value")
	}
}

func TestTokenFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(p, []byte("987:xyz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load("", env(map[string]string{EnvTokenFile: p}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token.Reveal() != "987:xyz" {
		t.Fatalf("token from file = %q", c.Telegram.Token.Reveal())
	}
}
