package feeds

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch"
)

func TestOPMLRoundTrip(t *testing.T) {
	in := []claimwatch.Feed{
		{Name: "Wire & Co", URL: "https://wire.test/rss?a=1&b=2"},
		{Name: "وكالة", URL: "https://ar.test/feed"},
	}
	var b bytes.Buffer
	if err := ExportOPML(&b, in); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<opml version="2.0">`) || !strings.Contains(b.String(), `xmlUrl="https://wire.test/rss?a=1&amp;b=2"`) {
		t.Errorf("export:\n%s", b.String())
	}
	out, err := ImportOPML(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out, in) {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}
}

func TestImportOPML(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		want    []string // name=url
		wantErr string
	}{
		{
			name: "nested folders, names from title or text, duplicates once",
			doc: `<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><head><title>x</title></head><body>
				<outline text="News"><outline text="One" xmlUrl="https://one.test/rss"/>
				<outline text="ignored" title="Caf` + "\xe9" + `" type="rss" xmlUrl=" https://two.test/rss "/></outline>
				<outline text="One again" xmlUrl="https://one.test/rss"/><outline xmlUrl="https://three.test/"/></body></opml>`,
			want: []string{"One=https://one.test/rss", "Café=https://two.test/rss", "https://three.test/=https://three.test/"},
		},
		{name: "not XML", doc: "hello", wantErr: "read OPML"},
		{name: "no feeds", doc: `<opml version="2.0"><body><outline text="empty"/></body></opml>`, wantErr: "no outline with an xmlUrl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			feeds, err := ImportOPML(strings.NewReader(tc.doc))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range feeds {
				got = append(got, f.Name+"="+f.URL)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
