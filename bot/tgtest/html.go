package tgtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// allowedTags are the tags the Bot API accepts with parse_mode HTML
// (https://core.telegram.org/bots/api#html-style), and the attributes each
// may carry.
var allowedTags = map[string][]string{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "code": {"class"}, "pre": nil,
	"a": {"href"}, "blockquote": {"expandable"}, "tg-spoiler": nil,
	"span": {"class"},
}

// parseHTML checks text as the Bot API does with parse_mode HTML and
// returns the text without markup, entities decoded. Its errors read like
// Telegram's ("can't parse entities: ...").
func parseHTML(text string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(text); {
		c := text[i]
		switch c {
		case '>':
			return "", fmt.Errorf("can't parse entities: unexpected \">\" at byte offset %d", i)
		case '&':
			end := strings.IndexByte(text[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: character entity expected at byte offset %d", i)
			}
			r, ok := decodeEntity(text[i+1 : i+end])
			if !ok {
				return "", fmt.Errorf("can't parse entities: unsupported entity %q at byte offset %d", text[i:i+end+1], i)
			}
			out.WriteString(r)
			i += end + 1
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			if strings.HasPrefix(tag, "/") {
				name := strings.ToLower(strings.TrimSpace(tag[1:]))
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return "", fmt.Errorf("can't parse entities: unexpected end tag at byte offset %d", i)
				}
				stack = stack[:len(stack)-1]
			} else {
				name, attrs, err := parseTag(tag)
				if err != nil {
					return "", fmt.Errorf("can't parse entities: %v at byte offset %d", err, i)
				}
				if err := checkTag(name, attrs, stack); err != nil {
					return "", fmt.Errorf("can't parse entities: %v at byte offset %d", err, i)
				}
				stack = append(stack, name)
			}
			i += end + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't parse entities: can't find end tag corresponding to start tag %q", stack[len(stack)-1])
	}
	return out.String(), nil
}

func decodeEntity(name string) (string, bool) {
	switch name {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "quot":
		return `"`, true
	}
	if strings.HasPrefix(name, "#") {
		var n uint64
		var err error
		if strings.HasPrefix(name, "#x") || strings.HasPrefix(name, "#X") {
			n, err = strconv.ParseUint(name[2:], 16, 32)
		} else {
			n, err = strconv.ParseUint(name[1:], 10, 32)
		}
		if err != nil || n == 0 || n > 0x10FFFF {
			return "", false
		}
		return string(rune(n)), true
	}
	return "", false
}

// parseTag splits `name attr="value" attr2='v'` into its parts.
func parseTag(s string) (string, map[string]string, error) {
	s = strings.TrimSpace(s)
	n := strings.IndexAny(s, " \t\n")
	if n < 0 {
		n = len(s)
	}
	name := strings.ToLower(s[:n])
	if name == "" {
		return "", nil, fmt.Errorf("empty tag")
	}
	attrs := map[string]string{}
	rest := strings.TrimSpace(s[n:])
	for rest != "" {
		eq := strings.IndexByte(rest, '=')
		if eq < 0 { // an attribute without a value, e.g. <blockquote expandable>
			f := strings.Fields(rest)
			attrs[strings.ToLower(f[0])] = ""
			rest = strings.TrimSpace(strings.TrimPrefix(rest, f[0]))
			continue
		}
		key := strings.ToLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimSpace(rest[eq+1:])
		if rest == "" {
			return "", nil, fmt.Errorf("attribute %q has no value", key)
		}
		var val string
		if q := rest[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(rest[1:], q)
			if end < 0 {
				return "", nil, fmt.Errorf("unclosed attribute value of %q", key)
			}
			val, rest = rest[1:1+end], rest[2+end:]
		} else {
			end := strings.IndexAny(rest, " \t\n")
			if end < 0 {
				end = len(rest)
			}
			val, rest = rest[:end], rest[end:]
		}
		if strings.ContainsAny(val, "<") {
			return "", nil, fmt.Errorf("unescaped \"<\" in attribute %q", key)
		}
		if _, err := parseHTML(val); err != nil {
			return "", nil, fmt.Errorf("bad attribute %q: %v", key, err)
		}
		attrs[key] = val
		rest = strings.TrimSpace(rest)
	}
	return name, attrs, nil
}

func checkTag(name string, attrs map[string]string, stack []string) error {
	allowed, ok := allowedTags[name]
	if !ok {
		return fmt.Errorf("unsupported start tag %q", name)
	}
	for k := range attrs {
		found := false
		for _, a := range allowed {
			found = found || a == k
		}
		if !found {
			return fmt.Errorf("unsupported attribute %q of tag %q", k, name)
		}
	}
	switch name {
	case "a":
		if attrs["href"] == "" {
			return fmt.Errorf("tag \"a\" must have a non-empty href")
		}
	case "span":
		if attrs["class"] != "tg-spoiler" {
			return fmt.Errorf("tag \"span\" must have class \"tg-spoiler\"")
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		if top == "code" || (top == "pre" && name != "code") {
			return fmt.Errorf("tag %q can't be nested in %q", name, top)
		}
	}
	return nil
}

// utf16Len counts UTF-16 code units, as the Bot API's 4096 limit does.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
