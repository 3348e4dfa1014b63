// Package naming turns names from an OpenAPI document into Go identifiers.
// Every function is pure; the only state is a Namespace value the caller
// owns, so two generations of the same spec name everything the same way.
package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are words written in upper case in Go identifiers, following
// the Go review comments list. The map is never written after init.
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true, "dns": true,
	"eof": true, "guid": true, "html": true, "http": true, "https": true, "id": true,
	"ip": true, "json": true, "jwt": true, "lhs": true, "qps": true, "ram": true,
	"rhs": true, "rpc": true, "sla": true, "smtp": true, "sql": true, "ssh": true,
	"sse": true, "tcp": true, "tls": true, "ttl": true, "udp": true, "ui": true,
	"uid": true, "uuid": true, "uri": true, "url": true, "utf8": true, "vm": true,
	"xml": true, "xmpp": true, "xsrf": true, "xss": true,
}

// Words splits s into words at separators (anything but letters and digits),
// at lower-to-upper case changes, and before the last capital of a capital
// run followed by lower case ("HTTPServer" is HTTP, Server). A capital run
// that is an initialism followed by a lone "s" stays one word ("URLs").
// Input with no lower-case letter at all ("JSON_OBJECT") is treated as
// lower case, so it splits and capitalises like snake case.
func Words(s string) []string {
	if !strings.ContainsFunc(s, unicode.IsLower) {
		s = strings.ToLower(s)
	}
	rs := []rune(s)
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i)
			start = i
		case unicode.IsLower(r) && unicode.IsUpper(prev) && i-1 > start:
			// "HTTPServer": the run HTTP ends before S. Keep "URLs" whole.
			if r == 's' && (i+1 == len(rs) || !unicode.IsLower(rs[i+1])) &&
				initialisms[strings.ToLower(string(rs[start:i]))] {
				continue
			}
			flush(i - 1)
			start = i - 1
		}
	}
	flush(len(rs))
	return words
}

// Exported returns the exported Go identifier for name: words capitalised,
// initialisms upper-cased (pet_id is PetID, file_ids is FileIDs), a leading
// digit prefixed with X (2fa is X2fa). It returns "" when name has no letter
// or digit; callers supply a fallback.
func Exported(name string) string {
	if out, ok := exportedASCII(name); ok {
		return out
	}
	return exportedWords(name)
}

// exportedWords is Exported through Words, for any name.
func exportedWords(name string) string {
	var b strings.Builder
	for _, w := range Words(name) {
		b.WriteString(casedWord(w))
	}
	out := b.String()
	if out != "" && !token.IsExported(out) {
		// A digit, or a letter without case (名前), cannot start an
		// exported name.
		out = "X" + out
	}
	return out
}

// Unexported returns the unexported Go identifier for name: like Exported
// with the first word in lower case (ID is id, URLs is urls), and a Go
// keyword suffixed with an underscore (type is type_).
func Unexported(name string) string {
	words := Words(name)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	first := words[0]
	if unicode.IsDigit([]rune(first)[0]) {
		b.WriteString("x")
		b.WriteString(casedWord(first))
	} else {
		b.WriteString(strings.ToLower(first))
	}
	for _, w := range words[1:] {
		b.WriteString(casedWord(w))
	}
	out := b.String()
	if token.IsKeyword(out) {
		out += "_"
	}
	return out
}

// casedWord writes one word as it appears inside an exported identifier.
func casedWord(w string) string {
	lw := strings.ToLower(w)
	if initialisms[lw] {
		return strings.ToUpper(w)
	}
	if strings.HasSuffix(lw, "s") && initialisms[lw[:len(lw)-1]] && len(lw) > 2 {
		return strings.ToUpper(w[:len(w)-1]) + "s"
	}
	rs := []rune(w)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// exportedASCII is Exported for an ASCII name, making Words' cuts and
// casedWord's choices on bytes: no rune slices, no list of words, one
// allocation (names are exported for every field, parameter and variant,
// and Exported was a quarter of building the OpenAI spec's package). It
// reports false for any other name. TestExportedASCII holds it to
// exportedWords.
func exportedASCII(name string) (string, bool) {
	lowerIn := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		lowerIn = lowerIn || isLowerASCII(c)
	}
	s := name
	if !lowerIn {
		s = strings.ToLower(s) // as Words: no lower case is all lower case
	}
	out := make([]byte, 0, len(s)+1)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = appendCased(out, s[start:end])
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLowerASCII(c) && !isUpperASCII(c) && !isDigitASCII(c) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := s[i-1]
		switch {
		case isUpperASCII(c) && (isLowerASCII(prev) || isDigitASCII(prev)):
			flush(i)
			start = i
		case isLowerASCII(c) && isUpperASCII(prev) && i-1 > start:
			if c == 's' && (i+1 == len(s) || !isLowerASCII(s[i+1])) && isInitialism(s[start:i]) {
				continue
			}
			flush(i - 1)
			start = i - 1
		}
	}
	flush(len(s))
	if len(out) > 0 && !isUpperASCII(out[0]) {
		out = append([]byte{'X'}, out...)
	}
	return string(out), true
}

// appendCased appends the ASCII word w as casedWord writes it.
func appendCased(out []byte, w string) []byte {
	switch {
	case isInitialism(w):
		return appendUpper(out, w)
	case len(w) > 2 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && isInitialism(w[:len(w)-1]):
		return append(appendUpper(out, w[:len(w)-1]), 's')
	}
	out = append(out, w...)
	if c := out[len(out)-len(w)]; isLowerASCII(c) {
		out[len(out)-len(w)] = c - 'a' + 'A'
	}
	return out
}

// isInitialism reports whether the ASCII word w, in lower case, is one of
// initialisms. No initialism is longer than the buffer; a longer word is
// none.
func isInitialism(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpperASCII(c) {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return initialisms[string(buf[:len(w)])]
}

func appendUpper(out []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isLowerASCII(c) {
			c -= 'a' - 'A'
		}
		out = append(out, c)
	}
	return out
}

func isLowerASCII(c byte) bool { return 'a' <= c && c <= 'z' }
func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigitASCII(c byte) bool { return '0' <= c && c <= '9' }
