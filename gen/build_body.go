package gen

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// bodyChoice is one way an operation's request body can be sent: a media
// type of its content, and how it is written.
type bodyChoice struct {
	ct  string
	mt  *openapi3.MediaType
	enc ir.Encoding
}

// bodyChoices lists the ways content can be sent, one per encoding, the
// preferred first: JSON when the spec offers it, then multipart/form-data,
// then a URL-encoded form (both from the schema's fields), then the first
// other media type, as bytes the caller supplies. Media types of an
// encoding already listed differ only in their Content-Type (Kubernetes'
// JSON patch and merge patch), which WithRequestHeader sets.
func bodyChoices(content openapi3.Content) []bodyChoice {
	var out []bodyChoice
	jsonCT, jsonMT := jsonMediaType(content)
	if jsonMT != nil {
		out = append(out, bodyChoice{jsonCT, jsonMT, ir.EncodingJSON})
	}
	for _, f := range []bodyChoice{{ct: "multipart/form-data", enc: ir.EncodingMultipart}, {ct: "application/x-www-form-urlencoded", enc: ir.EncodingForm}} {
		if f.mt = content[f.ct]; f.mt != nil {
			out = append(out, f)
		}
	}
	for _, ct := range sortedKeys(content) {
		if ct == jsonCT || isJSONMedia(ct) || ct == "multipart/form-data" || ct == "application/x-www-form-urlencoded" {
			continue
		}
		return append(out, bodyChoice{ct, content[ct], ir.EncodingRaw})
	}
	return out
}

// requestBody sets the operation's body to the preferred way of sending
// it (see bodyChoices) and returns the others, each of which gets a method
// of its own (see alternateOps): OpenAI's image edits take JSON (images by
// URL or file id) or a multipart upload of the files themselves.
func (b *builder) requestBody(o *ir.Operation, ptr string, op *openapi3.Operation) []bodyChoice {
	if op.RequestBody == nil || op.RequestBody.Value == nil || len(op.RequestBody.Value.Content) == 0 {
		return nil
	}
	rb := op.RequestBody.Value
	choices := bodyChoices(rb.Content)
	if len(choices) == 0 || len(choices) == 1 && choices[0].enc != ir.EncodingJSON && emptyClosed(choices[0].mt) {
		return nil
	}
	body, err := b.body(choices[0], o.Name+"Request", ptr)
	if err != nil {
		b.errs.Add(b.loc(ptr+"/requestBody/content/"+escapeToken(choices[0].ct)+"/schema", rb.Origin), "%v", err)
	}
	o.Body = body
	return choices[1:]
}

// body builds the request body c describes, naming its inline types from
// hint. A form whose schema is not an object cannot be sent: that is an
// error.
func (b *builder) body(c bodyChoice, hint, ptr string) (*ir.Body, error) {
	body := &ir.Body{Encoding: c.enc}
	if c.enc == ir.EncodingRaw {
		body.ContentType = c.ct
		if isWildcard(c.ct) {
			// A media range is no Content-Type: bytes of any type are
			// sent as such, unless a WithRequestHeader says what they are
			// (GitHub wants a release asset's own type).
			body.ContentType = "application/octet-stream"
		}
		return body, nil
	}
	body.ContentType = sentAs(c.ct)
	body.Type = rawExpr()
	if c.mt.Schema != nil {
		body.Type, _ = b.schemaExpr(c.mt.Schema, hint, ptr+"/requestBody/content/"+escapeToken(c.ct)+"/schema", nil)
	}
	if c.enc != ir.EncodingJSON {
		e := body.Type
		if e.Kind != ir.ExprNamed || e.Named.Kind != ir.KindStruct {
			return nil, fmt.Errorf("a body sent as %s must be an object schema", c.ct)
		}
		e.Named.Struct.FormFields = true
	}
	if c.enc != ir.EncodingJSON {
		body.FieldStyles = fieldStyles(c.mt.Encoding)
	}
	if c.enc == ir.EncodingMultipart {
		for _, name := range sortedKeys(c.mt.Encoding) {
			if enc := c.mt.Encoding[name]; enc != nil && enc.ContentType != "" {
				body.PartTypes = append(body.PartTypes, ir.PartType{Name: name, ContentType: enc.ContentType})
			}
		}
	}
	return body, nil
}

// fieldStyles lists the form fields whose encoding is not the default one
// (style form, exploded), in the form's own shorthand (see ir.FieldStyle),
// for URL-encoded and (as OpenAPI 3.1 has it) multipart bodies.
func fieldStyles(encoding map[string]*openapi3.Encoding) []ir.FieldStyle {
	var out []ir.FieldStyle
	for _, name := range sortedKeys(encoding) {
		enc := encoding[name]
		if enc == nil {
			continue
		}
		// explode defaults to true for style form only.
		delimited := enc.Style == openapi3.SerializationSpaceDelimited || enc.Style == openapi3.SerializationPipeDelimited
		joined := enc.Explode != nil && !*enc.Explode || enc.Explode == nil && delimited
		style := ""
		switch {
		case enc.Style == openapi3.SerializationDeepObject:
			style = "deepObject"
		case enc.Style == openapi3.SerializationSpaceDelimited && joined:
			style = "spaces"
		case enc.Style == openapi3.SerializationPipeDelimited && joined:
			style = "pipes"
		case (enc.Style == "" || enc.Style == openapi3.SerializationForm) && joined:
			style = "commas"
		}
		if style != "" {
			out = append(out, ir.FieldStyle{Name: name, Style: style})
		}
	}
	return out
}

// emptyClosed reports whether mt's schema is an object that can have no
// members (no properties, additionalProperties false): Stripe gives every
// GET and DELETE such a form body. Sent as a form it would be empty, so the
// operation takes no body rather than failing to generate.
func emptyClosed(mt *openapi3.MediaType) bool {
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return false
	}
	s := mt.Schema.Value
	ap := s.AdditionalProperties
	return (s.Type == nil || s.Type.Is(openapi3.TypeObject)) && len(s.Properties) == 0 && len(s.AllOf) == 0 &&
		len(s.OneOf) == 0 && len(s.AnyOf) == 0 && ap.Schema == nil && ap.Has != nil && !*ap.Has
}

// pendingBodies are an operation's other ways of sending its body, made
// into methods once every operation has its name, so that a name the spec
// gives wins over one made up here.
type pendingBodies struct {
	o       *ir.Operation
	ptr     string
	choices []bodyChoice
}

// alternateOps makes a method for each other way of sending o's body: the
// same call, named for the encoding (CreateImageEditMultipart,
// UpdatePetForm, CreateRealtimeCallSdp), with its own stream method when o
// has one. A form whose schema is not an object gets none: the spec's
// preferred body is still there to send.
func (b *builder) alternateOps(p pendingBodies, methods *naming.Namespace) []*ir.Operation {
	var out []*ir.Operation
	for _, c := range p.choices {
		body, err := b.body(c, p.o.Name+bodySuffix(c)+"Request", p.ptr)
		if err != nil {
			continue
		}
		name := methods.Claim(p.o.Name + bodySuffix(c))
		alt := *p.o
		alt.Name, alt.Body, alt.Alternate, alt.Pages = name, body, true, nil
		alt.Doc = fmt.Sprintf("%s is %s with the body sent as %s.", name, p.o.Name, c.ct)
		if s := p.o.Stream; s != nil {
			stream := *s
			stream.Method = methods.Claim(name + "Stream")
			if s.Flag != nil {
				stream.Flag = bodyFlag(&alt, s.Flag.JSONName)
			}
			alt.Stream = &stream
		}
		out = append(out, &alt)
	}
	return out
}

// bodySuffix names the method of another way of sending a body.
func bodySuffix(c bodyChoice) string {
	switch c.enc {
	case ir.EncodingJSON:
		return "JSON"
	case ir.EncodingMultipart:
		return "Multipart"
	case ir.EncodingForm:
		return "Form"
	}
	_, sub, _ := strings.Cut(mediaBase(c.ct), "/")
	switch sub {
	case "plain":
		return "Text"
	case "*", "":
		return "Bytes"
	}
	return naming.Exported(sub)
}
