package gen

import (
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// streamDecoder returns the decoder for an event type, made once per type.
// An event union whose variants are all {event, data} objects tagged by
// event (OpenAI's AssistantStreamEvent) is an envelope: the SSE event name
// picks the variant and the SSE data is decoded as its data member, with no
// intermediate JSON. Any other type is decoded from the data as a whole.
func (b *builder) streamDecoder(e *ir.Expr) *ir.StreamDecoder {
	if e.Kind == ir.ExprNamed {
		if d, ok := b.decoders[e.Named]; ok {
			return d
		}
	}
	d := &ir.StreamDecoder{Type: e}
	if e.Kind == ir.ExprNamed {
		d.Func = b.names.Claim("decode" + naming.Exported(e.Named.Name))
		b.decoders[e.Named] = d
		d.Events = envelopeEvents(e.Named)
	} else {
		d.Func = b.names.Claim("decodeEvent")
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
