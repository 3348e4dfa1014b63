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
	var words []string
	eachWord(s, func(w string) { words = append(words, w) })
	return words
}

// eachWord calls word with each of the words of s (see Words), in order:
// pieces of s, or of s in lower case. It reads s rune by rune in place,
// making no rune slice or word list, since every field, parameter and
// variant of a spec is named through it (Exported was a quarter of
// building the OpenAI spec's package while Words made both).
func eachWord(s string, word func(string)) {
	if !strings.ContainsFunc(s, unicode.IsLower) {
		s = strings.ToLower(s)
	}
	start := -1 // where the word being read starts, in bytes
	flush := func(end int) {
		if start >= 0 && end > start {
			word(s[start:end])
		}
		start = -1
	}
	var prev rune // the rune before r
	prevAt := 0   // where prev starts
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush(i)
		case start < 0:
			start = i
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i)
			start = i
		case unicode.IsLower(r) && unicode.IsUpper(prev) && prevAt > start:
			// "HTTPServer": the run HTTP ends before S. Keep "URLs" whole.
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if r == 's' && (i+size == len(s) || !unicode.IsLower(next)) && isInitialism(s[start:i]) {
				break
			}
			flush(prevAt)
			start = prevAt
		}
		prev, prevAt, i = r, i, i+size
	}
	flush(len(s))
}

// Exported returns the exported Go identifier for name: words capitalised,
// initialisms upper-cased (pet_id is PetID, file_ids is FileIDs), a leading
// digit prefixed with X (2fa is X2fa). It returns "" when name has no letter
// or digit; callers supply a fallback.
func Exported(name string) string {
	out := make([]byte, 0, len(name)+1)
	eachWord(name, func(w string) { out = appendCased(out, w) })
	if first, _ := utf8.DecodeRune(out); len(out) > 0 && !unicode.IsUpper(first) {
		// A digit, or a letter without case (名前), cannot start an
		// exported name.
		out = append([]byte{'X'}, out...)
	}
	return string(out)
}

// Unexported returns the unexported Go identifier for name: like Exported
// with the first word in lower case (ID is id, URLs is urls), and a Go
// keyword suffixed with an underscore (type is type_).
func Unexported(name string) string {
	var out []byte
	eachWord(name, func(w string) {
		switch {
		case len(out) > 0:
			out = appendCased(out, w)
		case unicode.IsDigit([]rune(w)[0]):
			out = appendCased(append(out, 'x'), w)
		default:
			out = append(out, strings.ToLower(w)...)
		}
	})
	if token.IsKeyword(string(out)) {
		out = append(out, '_')
	}
	return string(out)
}

// appendCased appends the word w as it appears inside an exported
// identifier: an initialism in upper case, its plural with a lower-case s
// (IDs), any other word with its first letter in upper case.
func appendCased(out []byte, w string) []byte {
	switch {
	case isInitialism(w):
		return append(out, strings.ToUpper(w)...)
	case len(w) > 2 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && isInitialism(w[:len(w)-1]):
		return append(append(out, strings.ToUpper(w[:len(w)-1])...), 's')
	}
	r, size := utf8.DecodeRuneInString(w)
	return append(utf8.AppendRune(out, unicode.ToUpper(r)), w[size:]...)
}

// isInitialism reports whether the word w, in lower case, is one of
// initialisms, without making its lower case: initialisms are ASCII and
// no longer than the buffer, so a longer word, or one that is not ASCII,
// is none. (Of the letters outside ASCII whose lower case is ASCII, only
// the Kelvin sign's, k, could matter, and no initialism has a k.)
func isInitialism(w string) bool {
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return initialisms[string(buf[:len(w)])]
}
