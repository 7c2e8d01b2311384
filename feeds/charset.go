package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// Charset failures: a label we do not know, or bytes that are not in the
// charset declared, or no declaration on bytes that are not UTF-8.
var (
	errUnknownCharset = errors.New("unknown charset")
	errBadCharset     = errors.New("undecodable text")
)

var prologRe = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// toUTF8 decodes a feed body to UTF-8, because gofeed reads the XML prolog
// only and never the HTTP header. The charset is taken from, in order:
//
//  1. a byte order mark (UTF-8, UTF-16 LE or BE);
//  2. the bytes themselves, when they are valid UTF-8 (a wrong declaration
//     is common, a valid UTF-8 body in another charset is rare);
//  3. the encoding of the XML prolog;
//  4. the charset parameter of the HTTP Content-Type;
//  5. fallback, the feed's configured charset.
//
// Labels are looked up as the WHATWG Encoding Standard defines them
// (x/net/html/charset.Lookup). ISO-8859-6 text that decodes to U+FFFD is
// decoded again as windows-1256, its common mislabelled superset. The prolog
// of the result says UTF-8, so gofeed does not decode it a second time.
func toUTF8(body []byte, contentType, fallback string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return fixProlog(body[3:]), nil
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}), bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		enc := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("decode UTF-16: %w", err)
		}
		return fixProlog(out), nil
	case utf8.Valid(body):
		return fixProlog(body), nil
	}
	var labels []string
	if m := prologRe.FindSubmatch(body[:min(len(body), 512)]); m != nil {
		labels = append(labels, string(m[1]))
	}
	if _, cs := mediaType(contentType); cs != "" {
		labels = append(labels, cs)
	}
	if fallback != "" {
		labels = append(labels, fallback)
	}
	var unknown, unicodeLabels []string
	for _, label := range labels {
		enc, name := charset.Lookup(label)
		if enc == nil {
			unknown = append(unknown, label)
			continue
		}
		if name == "utf-8" || name == "utf-16le" || name == "utf-16be" {
			unicodeLabels = append(unicodeLabels, label) // the bytes just proved it wrong
			continue
		}
		out, err := decode(enc, body)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", name, err)
		}
		if name == "iso-8859-6" && bytes.ContainsRune(out, utf8.RuneError) {
			enc, _ := charset.Lookup("windows-1256")
			if out, err = decode(enc, body); err != nil {
				return nil, fmt.Errorf("decode windows-1256: %w", err)
			}
		}
		return fixProlog(out), nil
	}
	switch {
	case len(unknown) > 0:
		return nil, fmt.Errorf("%w %q", errUnknownCharset, strings.Join(unknown, ", "))
	case len(unicodeLabels) > 0:
		return nil, fmt.Errorf("%w: invalid %s", errBadCharset, strings.Join(unicodeLabels, ", "))
	}
	return nil, fmt.Errorf("%w: not UTF-8 and no charset declared (set the feed's charset)", errBadCharset)
}

func decode(enc encoding.Encoding, b []byte) ([]byte, error) {
	return enc.NewDecoder().Bytes(b)
}

// fixProlog rewrites the prolog's encoding declaration to UTF-8.
func fixProlog(b []byte) []byte {
	loc := prologRe.FindSubmatchIndex(b[:min(len(b), 512)])
	if loc == nil || strings.EqualFold(string(b[loc[2]:loc[3]]), "utf-8") {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:loc[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, b[loc[3]:]...)
}

// charsetReader lets encoding/xml read documents in any WHATWG charset.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("%w %q", errUnknownCharset, label)
	}
	return enc.NewDecoder().Reader(r), nil
}
