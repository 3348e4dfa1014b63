package gen

import (
	"encoding/json"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
)

// swaggerParamSchema is the schema of a parameter written in Swagger 2.0's
// way, its type beside its name rather than in a schema: what a Swagger
// document's $ref into a file of shared parameters leads to, since the
// converter reads that file as OpenAPI 3 (go-swagger's fixtures, Giant
// Swarm's API). The loader keeps the members it does not know as
// extensions. It also sets param's style from collectionFormat (csv, the
// default, is form without explode). nil when there is no type.
func swaggerParamSchema(p *openapi3.Parameter, param *ir.Param) *openapi3.SchemaRef {
	if _, ok := p.Extensions["type"].(string); !ok {
		return nil
	}
	members := map[string]any{}
	// The members of a Swagger 2.0 parameter that say what its schema
	// would in OpenAPI 3.
	for _, k := range [...]string{"type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum",
		"exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf"} {
		if v, ok := p.Extensions[k]; ok {
			members[k] = v
		}
	}
	data, err := json.Marshal(members)
	if err != nil {
		return nil
	}
	var s openapi3.Schema
	if err := json.Unmarshal(data, &s); err != nil {
		return nil
	}
	if s.Type.Is(openapi3.TypeArray) && p.Style == "" && p.Explode == nil {
		switch p.Extensions["collectionFormat"] {
		case "multi":
			param.Explode = true
		case "ssv":
			param.Style, param.Explode = "spaceDelimited", false
		case "pipes":
			param.Style, param.Explode = "pipeDelimited", false
		default: // csv
			param.Explode = false
		}
	}
	return &openapi3.SchemaRef{Value: &s}
}
