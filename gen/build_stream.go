package gen

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// streamDecoder returns the decoder for an event type, made once per type.
// An event union whose variants are all {event, data} objects tagged by
// event (OpenAI's AssistantStreamEvent) is an envelope: the SSE event name
// picks the variant and the SSE data is decoded as its data member, with no
// intermediate JSON. Any other type is decoded from the data as a whole.
func (b *builder) streamDecoder(e *ir.Expr, text bool) *ir.StreamDecoder {
	if e.Kind == ir.ExprNamed && !text {
		if d, ok := b.decoders[e.Named]; ok {
			return d
		}
	}
	d := &ir.StreamDecoder{Type: e, Text: text}
	if e.Kind == ir.ExprNamed && !text {
		d.Func = b.names.Claim("decode" + naming.Exported(e.Named.Name))
		b.decoders[e.Named] = d
		d.Events = envelopeEvents(e.Named)
	} else {
		name := "decodeEvent"
		if text {
			name = "decodeTextEvent"
		}
		d.Func = b.names.Claim(name)
	}
	b.streams = append(b.streams, d)
	return d
}

func envelopeEvents(t *ir.Type) []*ir.StreamEvent {
	if t.Kind != ir.KindUnion || t.Union.TagProperty != "event" || len(t.Union.ByToken) > 0 {
		return nil
	}
	var out []*ir.StreamEvent
	for _, v := range t.Union.Variants {
		if v.Type.Kind != ir.ExprNamed || v.Type.Named.Struct == nil || len(v.Tags) != 1 {
			return nil
		}
		st := v.Type.Named.Struct
		ev := &ir.StreamEvent{Name: v.Tags[0], Variant: v, Struct: v.Type.Named}
		for _, f := range st.Fields {
			switch f.JSONName {
			case "event":
				ev.EventField = f
			case "data":
				ev.DataField = f
			}
		}
		if ev.EventField == nil || ev.DataField == nil || len(st.Fields) > 2 && !onlyOptionalExtras(st) {
			return nil
		}
		out = append(out, ev)
	}
	return out
}

// onlyOptionalExtras reports whether every field but event and data is
// optional, so an event built from name and data alone is complete.
func onlyOptionalExtras(st *ir.Struct) bool {
	for _, f := range st.Fields {
		if f.JSONName != "event" && f.JSONName != "data" && f.Required {
			return false
		}
	}
	return true
}

// sseItems is the event type of a text/event-stream that an OpenAPI 3.2
// itemSchema describes. The item schema describes each event as an object
// of its SSE fields (event, data, id, retry). When it has a data member,
// the events are that member's payload: the contentSchema of JSON it holds
// as a string (contentMediaType application/json), or its schema when it
// declares the JSON directly (as ASP.NET Core writes it); a data member that
// is a plain string makes each event its text. The item's other fields are
// not kept. A union of {event, data} objects whose data members are JSON is
// an envelope, as in the 3.0 convention (see streamDecoder); one whose data
// members are strings holding JSON is kept raw.
func (b *builder) sseItems(sr *openapi3.SchemaRef, hint, ptr string) (*ir.Expr, bool) {
	s := sr.Value
	if s == nil {
		return rawExpr(), false
	}
	if ref := refText(sr); strings.HasPrefix(ref, "#/") {
		ptr = ref
	}
	data := s.Properties["data"]
	if data == nil || data.Value == nil || len(s.OneOf)+len(s.AnyOf) > 0 {
		if stringHoldingJSON(s) {
			return rawExpr(), false
		}
		e, _ := b.schemaExpr(sr, hint, ptr, nil)
		return e, false
	}
	dptr := ptr + "/properties/data"
	if ref := refText(data); strings.HasPrefix(ref, "#/") {
		dptr = ref
	}
	d := data.Value
	switch {
	case d.ContentSchema != nil && jsonContent(d.ContentMediaType):
		e, _ := b.schemaExpr(d.ContentSchema, hint, dptr+"/contentSchema", nil)
		return e, false
	case d.Type.Is("string") && jsonContent(d.ContentMediaType) && d.ContentMediaType != "":
		return rawExpr(), false
	case d.Type.Is("string"):
		return builtinExpr(ir.String), true
	}
	e, _ := b.schemaExpr(data, hint, dptr, nil)
	return e, false
}

// stringHoldingJSON reports whether a union's variants carry their data as
// strings holding JSON (contentSchema), which an envelope cannot decode.
func stringHoldingJSON(s *openapi3.Schema) bool {
	for _, v := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if v == nil || v.Value == nil {
			continue
		}
		if d := v.Value.Properties["data"]; d != nil && d.Value != nil && d.Value.Type.Is("string") && (d.Value.ContentSchema != nil || d.Value.ContentMediaType != "") {
			return true
		}
	}
	return false
}

// jsonContent reports whether contentMediaType names JSON, or is absent
// (a contentSchema alone is taken for JSON).
func jsonContent(mt string) bool {
	return mt == "" || isJSONMedia(mt)
}
