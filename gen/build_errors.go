package gen

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oagen/oagen/internal/ir"
	"github.com/oagen/oagen/internal/naming"
)

// errorSet decides which type APIError.Detail holds for each error status
// of op (and each 2xx whose body is not the result's). Each status's body
// is decoded as its own schema: GitHub answers 404 with a BasicError and
// 422 with a ValidationError, and a body decoded as the wrong one would
// come out half empty, since decoding keeps what it does not know rather
// than failing. Operations with the same statuses and types share a set.
func (b *builder) errorSet(o *ir.Operation, ptr string, op *openapi3.Operation) *ir.ErrorSet {
	statuses := b.errorResponses(o, ptr, op)
	if len(statuses) == 0 {
		return nil
	}
	if len(statuses) == 1 && statuses[0].Status == "default" {
		return &ir.ErrorSet{Statuses: statuses}
	}
	// Keyed by what it holds, and named so when operations share it
	// (errorsBy404BasicError422ValidationError), so the name stays when
	// operations come and go; one operation's own is named for it (see
	// nameErrorSets).
	name := "errorsBy"
	for _, s := range statuses {
		if s.Status == "default" {
			name += "Else"
		} else {
			name += s.Status
		}
		if s.Type == nil {
			name += "Raw"
		} else {
			name += s.Type.Name
		}
	}
	set, ok := b.errorSets[name]
	if !ok {
		set = &ir.ErrorSet{Name: name, Statuses: statuses}
		b.errorSets[name] = set
	}
	return set
}

// nameErrorSets names each error set used by one operation for it
// (errorsOfProjectsCreateCard, where its content would make a name of
// over a hundred letters: such sets hold the operation's own types), and
// returns the sets sorted by name. Another way of sending an operation's
// body (see alternateOps) is the same operation, not another user.
func (b *builder) nameErrorSets(ops []*ir.Operation) []*ir.ErrorSet {
	users := map[*ir.ErrorSet][]string{}
	for _, o := range ops {
		if o.Errors != nil && o.Errors.Name != "" && !o.Alternate {
			users[o.Errors] = append(users[o.Errors], o.Name)
		}
	}
	var sets []*ir.ErrorSet
	for _, key := range sortedKeys(b.errorSets) {
		set := b.errorSets[key]
		if len(users[set]) == 1 {
			set.Name = "errorsOf" + users[set][0]
		}
		sets = append(sets, set)
	}
	slices.SortFunc(sets, func(a, c *ir.ErrorSet) int { return strings.Compare(a.Name, c.Name) })
	return sets
}

// errorResponses lists the statuses of op's error set with their types, in
// the order a status is matched (exact codes, then ranges, then default)
// and as short as it can be (see compactErrors).
func (b *builder) errorResponses(o *ir.Operation, ptr string, op *openapi3.Operation) []ir.ErrorResponse {
	if op.Responses == nil {
		return nil
	}
	codes := op.Responses.Map()
	// Specs often repeat one inline schema under several statuses (Jira's
	// 400, 413 and default); each copy is the same type, not a numbered
	// twin of it.
	bySchema := map[string]*ir.Type{}
	var out []ir.ErrorResponse
	for _, code := range errorStatuses(codes, o.Result.Unlike) {
		rr := codes[code]
		if len(rr.Value.Content) == 0 {
			continue // no body declared: as for a status not listed
		}
		er := statusRange(code)
		if ct, mt := jsonMediaType(rr.Value.Content); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
			key := schemaText(mt.Schema)
			t, seen := bySchema[key]
			if !seen || key == "" {
				// The first error schema is the operation's Error; the others,
				// and a 2xx's, are named for their status too.
				hint, rptr := o.Name+"Error", ptr+"/responses/"+code
				if len(bySchema) > 0 || code[0] == '2' {
					hint = o.Name + statusName(er.Status) + "Error"
				}
				// A response written once under components and used by many
				// operations (GitHub's service_unavailable) is named for itself,
				// not for the first operation that uses it.
				if name, ok := strings.CutPrefix(writtenRef(rr.Ref, rr.Extensions), "#/components/responses/"); ok && !strings.Contains(name, "/") {
					hint, rptr = naming.Exported(unescapeToken(name)), "#/components/responses/"+name
				}
				t = b.errorType(mt.Schema, hint, rptr+"/content/"+escapeToken(ct)+"/schema")
				bySchema[key] = t
			}
			er.Type = t
		}
		out = append(out, er)
	}
	return compactErrors(out)
}

// errorStatuses are the keys of codes that are error statuses with a
// response, in matching order: codes (then the 2xx codes of unlike, whose
// bodies APIError carries too), ranges, default.
func errorStatuses(codes map[string]*openapi3.ResponseRef, unlike []string) []string {
	var exact, ranges, other []string
	for _, code := range sortedKeys(codes) {
		if r := codes[code]; r == nil || r.Value == nil {
			continue
		}
		switch {
		case code == "default":
			other = append(other, code)
		case len(code) != 3 || code[0] != '4' && code[0] != '5':
		case strings.EqualFold(code[1:], "XX"):
			ranges = append(ranges, code)
		default:
			if _, err := strconv.Atoi(code); err == nil {
				exact = append(exact, code)
			}
		}
	}
	return slices.Concat(exact, unlike, ranges, other)
}

// statusRange is the error response entry of a status key of responses:
// "404", "4XX" (or "4xx"), "default".
func statusRange(code string) ir.ErrorResponse {
	if code == "default" {
		return ir.ErrorResponse{Status: code}
	}
	er := ir.ErrorResponse{Status: strings.ToUpper(code)}
	if n, err := strconv.Atoi(code); err == nil {
		er.Low, er.High = n, n
	} else { // a range: errorStatuses keeps only 4XX and 5XX
		er.Low = int(code[0]-'0') * 100
		er.High = er.Low + 99
	}
	return er
}

// statusName names the type of a status's error schema when the
// operation has several: NotFound for 404, 4XX for a range.
func statusName(status string) string {
	if status == "default" {
		return "Default"
	}
	if n, err := strconv.Atoi(status); err == nil && http.StatusText(n) != "" {
		return naming.Exported(http.StatusText(n))
	}
	return status
}

// errorType is the type an error body decodes into: the schema's own
// struct, union or defined type, or a defined type made for an array or
// map (Jira's list of messages); nil for a body that stays raw.
func (b *builder) errorType(sr *openapi3.SchemaRef, hint, ptr string) *ir.Type {
	e, _ := b.schemaExpr(sr, hint, ptr, nil)
	switch {
	case e.Kind == ir.ExprNamed && (e.Named.Kind == ir.KindStruct || e.Named.Kind == ir.KindUnion || e.Named.Kind == ir.KindDefined):
		b.errorTypes[e.Named] = true
		return e.Named
	case e.Kind == ir.ExprSlice || e.Kind == ir.ExprMap:
		t := &ir.Type{Name: b.names.Claim(hint), Pointer: ptr, Kind: ir.KindDefined, Target: e, Doc: docText(sr.Value), Notes: notes(sr.Value)}
		b.types = append(b.types, t)
		b.errorTypes[t] = true
		return t
	}
	return nil
}

// compactErrors drops each status that would be decoded as the same type
// without it (a code as its range or default, a range as default). With
// no default, the type more than half the listed statuses have stands for
// the statuses the spec does not list: a spec that declares only a 400
// body, or GitHub's BasicError for every status but 422, seldom means that
// a 500's is another shape.
func compactErrors(errs []ir.ErrorResponse) []ir.ErrorResponse {
	isDefault := func(e ir.ErrorResponse) bool { return e.Low == 0 }
	isError := func(e ir.ErrorResponse) bool { return e.Low >= 400 } // not a 2xx of another body
	if !slices.ContainsFunc(errs, isDefault) {
		// Most of the listed statuses' type, if more than half have one.
		count := map[*ir.Type]int{}
		typed := 0
		for _, e := range errs {
			if e.Type != nil && isError(e) {
				count[e.Type]++
				typed++
			}
		}
		for _, e := range errs {
			if e.Type != nil && isError(e) && 2*count[e.Type] > typed {
				errs = append(errs, ir.ErrorResponse{Status: "default", Type: e.Type})
				break
			}
		}
	}
	// otherwise is the type entry i's statuses get when it is dropped: that
	// of the first later entry that holds them (a code's range, default).
	otherwise := func(i int) *ir.Type {
		for _, w := range errs[i+1:] {
			if isDefault(w) || w.Low <= errs[i].Low && errs[i].High <= w.High {
				return w.Type
			}
		}
		return nil
	}
	var out []ir.ErrorResponse
	for i, e := range errs {
		if isDefault(e) && e.Type != nil || !isDefault(e) && e.Type != otherwise(i) {
			out = append(out, e)
		}
	}
	return out
}
