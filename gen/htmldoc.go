package gen

import (
	"html"
	"regexp"
	"strings"
)

// htmlTag matches a start or end tag: its slash, name and attributes.
var htmlTag = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^<>]*)?)/?>`)

// hrefAttr is the href of an <a> tag's attributes.
var hrefAttr = regexp.MustCompile(`\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// tagText is what an element of the HTML spec text is written with
// (Stripe writes every description so) becomes in a doc comment: block
// elements break paragraphs, a list item opens a Go doc list item, code
// reads as it does in specs written in Markdown, and the rest leave only
// their text. A tag of any other name (List<Pet>) is text: ok is false.
func tagText(name string) (out string, ok bool) {
	switch name {
	case "p", "div", "pre", "blockquote", "table", "ul", "ol", "hr", "h1", "h2", "h3", "h4", "h5", "h6":
		return "\n\n", true
	case "br", "tr":
		return "\n", true
	case "li":
		return "\n  - ", true
	case "code", "tt", "kbd":
		return "`", true
	case "td", "th":
		return " ", true
	case "a", "b", "strong", "i", "em", "span", "sup", "sub", "small", "u":
		return "", true
	}
	return "", false
}

// htmlToText turns spec text written in HTML into doc comment text:
// paragraphs, lists, links as "text (url)", entities decoded. Text without
// those tags is returned as it is, entities and all.
func htmlToText(text string) string {
	if !strings.Contains(text, "<") {
		return text
	}
	var b strings.Builder
	var hrefs []string // of the <a> elements open
	last, found := 0, false
	for _, m := range htmlTag.FindAllStringSubmatchIndex(text, -1) {
		closing, name := m[3] > m[2], strings.ToLower(text[m[4]:m[5]])
		out, ok := tagText(name)
		if !ok {
			continue
		}
		found = true
		b.WriteString(text[last:m[0]])
		last = m[1]
		switch {
		case name == "a" && !closing:
			href := ""
			if h := hrefAttr.FindStringSubmatch(text[m[6]:m[7]]); h != nil {
				href = h[1] + h[2]
			}
			hrefs = append(hrefs, href)
		case name == "a" && len(hrefs) > 0:
			href := hrefs[len(hrefs)-1]
			hrefs = hrefs[:len(hrefs)-1]
			if href != "" && !strings.HasPrefix(href, "#") {
				b.WriteString(" (" + html.UnescapeString(href) + ")")
			}
		case name == "li" && closing:
		default:
			b.WriteString(out)
		}
	}
	if !found {
		return text
	}
	b.WriteString(text[last:])
	return tidyParagraphs(html.UnescapeString(b.String()))
}

// blankLine separates paragraphs.
var blankLine = regexp.MustCompile(`\n\s*\n`)

// tidyParagraphs trims each line, joins the lines of a paragraph (HTML
// source wraps where it likes) but not list items, and leaves one blank
// line between paragraphs.
func tidyParagraphs(text string) string {
	var paras []string
	for _, para := range blankLine.Split(text, -1) {
		var lines []string
		for _, line := range strings.Split(para, "\n") {
			item := strings.HasPrefix(strings.TrimLeft(line, " "), "- ") && strings.HasPrefix(line, "  ")
			line = strings.Join(strings.Fields(line), " ")
			switch {
			case line == "":
			case item:
				lines = append(lines, "  "+line)
			case len(lines) > 0:
				lines[len(lines)-1] += " " + line
			default:
				lines = append(lines, line)
			}
		}
		if len(lines) > 0 {
			paras = append(paras, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(paras, "\n\n")
}
