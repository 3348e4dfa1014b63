package gen

import (
	"strings"

	"github.com/oagen/oagen/internal/diag"
	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// webhooks gives each webhook's JSON payload a type named <Name>Webhook: the
// payload itself when it is inline, else an alias of the schema it names,
// so a receiver can decode what the API provider sends.
func (b *builder) webhooks() {
	for _, name := range sortedKeys(b.doc.Webhooks) {
		item := b.doc.Webhooks[name]
		if item == nil {
			continue
		}
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			op := ops[method]
			if op.RequestBody == nil || op.RequestBody.Value == nil {
				continue
			}
			ct, mt := jsonMediaType(op.RequestBody.Value.Content)
			if mt == nil || mt.Schema == nil {
				continue
			}
			hint := naming.Exported(name) + "Webhook"
			if len(ops) > 1 {
				hint = naming.Exported(name) + naming.Exported(strings.ToLower(method)) + "Webhook"
			}
			ptr := diag.Pointer("#/webhooks", name, strings.ToLower(method), "requestBody", "content", ct, "schema")
			e, _ := b.schemaExpr(mt.Schema, hint, ptr, nil)
			if e.Kind == ir.ExprNamed && e.Named.Name == hint {
				continue
			}
			t := &ir.Type{
				Name:    b.names.Claim(hint),
				Kind:    ir.KindAlias,
				Target:  e,
				Pointer: ptr,
				Doc:     "is the payload of the " + name + " webhook.",
			}
			b.types = append(b.types, t)
		}
	}
}
