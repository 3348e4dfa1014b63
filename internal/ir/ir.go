// Package ir is the intermediate representation between the spec and the Go
// code: plain data in which every decision (names, presence, union dispatch,
// what an operation's method looks like) has already been made. The emitter
// translates it to Go and decides nothing.
package ir

// API is one generated package.
type API struct {
	Package string
	// Doc is the package comment, from the spec's title, version and
	// description.
	Doc        string
	BaseURL    string       // default server URL from the spec's servers, "" if none
	Types      []*Type      // sorted by Name
	Operations []*Operation // sorted by Name
	Auth       *Auth        // how the API key is sent; a bearer token when the spec declares no scheme the client sends
	// Keys are the other schemes operations ask for that are sent as
	// Auth is, sorted by scheme; Operation.Key numbers them from 1.
	Keys []*Key
	// Headers are sent with every request (from config), sorted by name.
	Headers []Header
	// Streams are the event types some operation streams, each with the
	// decoder generated for it, sorted by type name.
	Streams []*StreamDecoder
	// ErrorTypes are the error schemas of operations, sorted by name.
	ErrorTypes []*Type
	// ErrorSets are the operations' error sets that pick a type by
	// status, sorted by Name.
	ErrorSets []*ErrorSet
	// Readers are the read functions of the container types decoders
	// meet, sorted by Name.
	Readers []*Reader
}

// Reader is the generated read function of one container type (Opt,
// slice, map or pointer): readOptString for Opt[string]. Every decoder
// that reads a value of Type calls it.
type Reader struct {
	Name string
	Type *Expr
	// Key identifies Type exactly; the emitter finds a use's reader by it.
	Key string
}

// Header is a default request header.
type Header struct {
	Name, Value string
}

// StreamDecoder turns one server-sent event into a value of Type.
type StreamDecoder struct {
	Func string // Go name of the decode function
	Type *Expr
	// Events is set when the event type is a union of {event, data}
	// objects (an envelope): the SSE event name selects the variant and the
	// SSE data is its data member. Otherwise the data is the whole value.
	Events []*StreamEvent
	// Text is set when the data is text rather than JSON (an OpenAPI 3.2
	// itemSchema whose data is a plain string): each event is its data,
	// as a string.
	Text bool
}

// StreamEvent is one variant of an envelope event union.
type StreamEvent struct {
	Name       string // the SSE event name, e.g. thread.run.created
	Variant    *Variant
	Struct     *Type  // the variant's struct
	EventField *Field // where the name goes
	DataField  *Field // where the decoded data goes
}

// Auth describes how the client sends the API key: in a header, after a
// prefix (HTTP bearer: Authorization, "Bearer "; an apiKey scheme: its
// header, none; HTTP basic: Authorization, "Basic ", the key "user:password"
// encoded), or as an apiKey scheme's query parameter or cookie.
type Auth struct {
	// Scheme is the security scheme of the spec the key stands for, ""
	// when the spec declares none the client sends.
	Scheme string
	EnvVar string // environment variable read by NewClient, "" for none
	In     string // "header", "query" or "cookie"
	Name   string // the header (in canonical form), query parameter or cookie
	Prefix string
	Basic  bool
}

// SentAs reports whether a key of a is sent as one of b is: in the same
// place, under the same name, after the same prefix.
func (a *Auth) SentAs(b *Auth) bool {
	return a.In == b.In && a.Name == b.Name && a.Prefix == b.Prefix && a.Basic == b.Basic
}

// Key is a security scheme some operations ask for in place of the main
// one (API.Auth), sent the same way: a key of its own, which the client
// takes from its own Option (OpenAI's admin API key; DigitalOcean's model
// access key for its inference API).
type Key struct {
	Scheme string   // in the spec
	Option string   // Go name of the Option that sets it
	EnvVar string   // read by NewClient, "" for none
	Ops    []string // Go names of the methods that send it, sorted
}

// Kind says which Go shape a named type has.
type Kind int

const (
	// KindStruct is a JSON object with declared properties.
	KindStruct Kind = iota
	// KindEnum is a defined scalar type with named constants. Enums are open:
	// any value of the base type decodes and encodes back unchanged.
	KindEnum
	// KindUnion is a oneOf/anyOf: one value of several variants.
	KindUnion
	// KindDefined is a defined type over an expression (type Metadata
	// map[string]string), so composite literals of the underlying type work.
	KindDefined
	// KindAlias is an alias for a scalar (type ParallelToolCalls = bool), so
	// Some(true) needs no conversion.
	KindAlias
)

// Type is a named Go type.
type Type struct {
	Name    string
	Doc     string // from the spec: description or title
	Notes   string // paragraphs after Doc: the schema's default and bounds, deprecation
	Kind    Kind
	Pointer string // where the schema is defined, for diagnostics and tests

	Struct *Struct // KindStruct
	Enum   *Enum   // KindEnum
	Union  *Union  // KindUnion
	Target *Expr   // KindDefined, KindAlias

	// ZeroMethod says a struct or union gets an isZero method: a union, or
	// a struct Go cannot compare, that the zero test of some other type's
	// field calls (deciding whether a required or read-only member is
	// left out as unset).
	ZeroMethod bool
}

// Struct is an object type.
type Struct struct {
	Fields []*Field
	// Extra is the type of additionalProperties values when the schema
	// declares both properties and additionalProperties; members that match
	// no property decode into the ExtraField map instead of the unknown list.
	Extra      *Expr
	ExtraField string
	// Closed is additionalProperties: false: the encoder writes declared
	// fields only, never members it kept from decoding.
	Closed bool
	// Required is how many fields are Required; each has a RequiredIndex in
	// [0, Required) for the record of deviations seen while decoding.
	Required int
	// FormFields is set when the struct is sent as a multipart or form
	// body: it gets a method that lists its set fields by name.
	FormFields bool
}

// Field is one property of a struct.
type Field struct {
	Name     string // Go name
	JSONName string
	Doc      string
	Type     *Expr // for Optional fields, Type.Kind is ExprOpt
	// Required fields must be present on the wire. A required field that is
	// not Nullable is a plain Go value; everything else is wrapped in Opt.
	Required bool
	Nullable bool
	// RequiredIndex numbers required fields from 0; -1 for optional ones.
	RequiredIndex int
	// Const is the value a required one-value field (a discriminator such
	// as type: "function") is encoded with while the Go value is the zero
	// value, so callers need not spell it. nil otherwise.
	Const *Value
	// ReadOnly marks a required, not nullable field the spec declares
	// readOnly (only responses carry it): while it holds its zero value it
	// is left out on encoding, so a request built in Go does not send it,
	// unless it arrived holding that value. (A struct, which has no zero
	// test, is always written.)
	ReadOnly bool
}

// Enum is a named scalar with known values.
type Enum struct {
	Base   Builtin
	Values []*EnumValue
}

// EnumValue is one constant of an enum.
type EnumValue struct {
	Name  string // Go constant name
	Value Value
	Doc   string // from x-enum-descriptions, "" without one
}

// Value is a scalar literal from the spec.
type Value struct {
	String string
	Int    int64
	Float  float64
	Bool   bool
	Base   Builtin
}

// Union is a oneOf or anyOf. Variants are in dispatch order.
type Union struct {
	KindType string // Go name of the variant kind enum, e.g. ToolChoiceKind
	Unknown  string // Go name of the kind constant for an unrecognised variant
	Variants []*Variant
	// TagProperty is the object property whose value selects the variant
	// (a discriminator, or a property every object variant pins to one
	// value); "" when object variants are told apart otherwise.
	TagProperty string
	// ByToken maps a JSON token kind (for non-object values) to the variant
	// that takes it; a kind absent here is kept raw as an unknown variant.
	ByToken map[JSONKind]*Variant
	// ByElement, set when several variants are arrays (OpenAI's moderation
	// input: strings, or content parts), maps the kind of an array's first
	// element to the variant that takes the array (JSONNumber for any
	// number); an empty array, or an element of a kind absent here, goes to
	// ByToken[JSONArray].
	ByElement map[JSONKind]*Variant
	// Objects are the variants that take objects, in dispatch order: by tag
	// when TagProperty is set, else the first whose Required properties are
	// all present wins (build orders larger required sets first).
	Objects []*Variant
	// Files says a variant is a File or a []File (an upload of one image or
	// several): a multipart body sends the variant held, as file parts.
	Files bool
}

// JSONKind is the kind of a JSON value, as seen from its first byte.
type JSONKind int

const (
	JSONString JSONKind = iota
	JSONNumber
	JSONInteger // a number literal with no fraction or exponent
	JSONBool
	JSONArray
	JSONObject
)

// Variant is one alternative of a union.
type Variant struct {
	Label       string // e.g. NamedToolChoice, Text, String
	KindConst   string // Go name of the kind constant
	Constructor string // Go name of func(v T) Union
	Accessor    string // Go name of method (u Union) AsX() (T, bool)
	Type        *Expr
	Doc         string
	Tags        []string // tag values that select this variant
	Required    []string // required property names, for required-set dispatch
	// Present are members dispatch looks for beside the required ones: a
	// member only this variant declares, when another object variant
	// requires the same set (GitHub's protection rules all require id
	// and type; one declares wait_timer, another reviewers).
	Present []string
	// Inline variants are strings (or string enums), held in the union's
	// string field instead of boxed in an interface: no allocation.
	Inline bool
	// ValueConstructors are convenience constructors for string enum
	// variants: one func() Union per enum value (ToolChoiceAuto()).
	ValueConstructors []*ValueConstructor
	// TagField is the Go field of the variant's struct that holds the
	// union's tag property when it is a plain string the constructor sets
	// to Tags[0] while it is empty, so a value built in Go says which
	// variant it is; "" otherwise. TagOpt says the field is an Opt, and
	// TagType is the type of the tag value it holds.
	TagField string
	TagOpt   bool
	TagType  *Expr
	// Mapped says Tags come from the discriminator's mapping (not a guess
	// from a component's name).
	Mapped bool
}

// ValueConstructor builds a union holding one string value.
type ValueConstructor struct {
	Name  string
	Value Value
}

// Builtin is a Go type from the standard library.
type Builtin int

const (
	String Builtin = iota
	Int64
	Int32
	Float64
	Bool
	Raw  // json.RawMessage: schema-less values keep their exact bytes
	File // format: binary: a named reader, sent as a file part
	// Object is json.RawMessage holding a free-form object (no declared
	// properties, any members): kept as the bytes that arrived, which
	// must be an object or null.
	Object
)

// ExprKind says what an Expr is.
type ExprKind int

const (
	ExprBuiltin ExprKind = iota
	ExprNamed
	ExprSlice
	ExprMap // map[string]Elem
	ExprOpt // Opt[Elem]: absent, null or a value
	// ExprPointer is *Elem, used only where a struct would otherwise
	// contain itself by value.
	ExprPointer
	// ExprExternal is a Go type the user named (x-go-type, config types):
	// Path.Name, or a predeclared Name when Path is "".
	ExprExternal
)

// Expr is a Go type at its use site.
type Expr struct {
	Kind    ExprKind
	Builtin Builtin // ExprBuiltin
	Named   *Type   // ExprNamed
	Elem    *Expr   // ExprSlice, ExprMap, ExprOpt, ExprPointer
	Path    string  // ExprExternal: import path
	Name    string  // ExprExternal: type name
}

// Operation is one HTTP operation and its client method.
type Operation struct {
	Name   string // Go method name
	ID     string // operationId
	Method string // GET, POST, ...
	Path   string // path template, e.g. /threads/{thread_id}/runs
	// BaseURL is the operation's own server when its spec names one other
	// than the document's (an upload host), "" otherwise.
	BaseURL string
	// NoAuth is set when the operation's security is explicitly empty
	// (security: []): it is sent without the API key.
	NoAuth bool
	// KeyScheme is the security scheme whose key the operation sends in
	// place of the main one, "" for the main one; Key numbers it: 0 for
	// the main key, i for API.Keys[i-1].
	KeyScheme string
	Key       int
	// FixedQuery is a query string written into the path key itself
	// (OpenAI's "/assistants?beta=true"), sent with every call: RawQuery
	// as written, FixedQuery parsed and sorted by name.
	RawQuery   string
	FixedQuery []QueryValue
	Doc        string
	PathParams []*Param // in template order
	// ParamsName is the Go name of the struct holding the query, header
	// and cookie parameters; "" when there are none.
	ParamsName   string
	QueryParams  []*Param
	HeaderParams []*Param
	CookieParams []*Param
	Body         *Body
	// Alternate marks another way of sending the body of the operation
	// of the same ID (its multipart upload beside JSON): a method of its
	// own, which shares that operation's params struct.
	Alternate bool
	Result    *Response // the success response; Type nil for no body
	// Stream is set when the operation can answer with server-sent events
	// (declared in the spec, or named in config).
	Stream *Stream
	// Errors says which type an error body decodes into, by status; nil
	// when none does.
	Errors *ErrorSet
	// Pages is set for cursor-paginated list operations.
	Pages *Pagination
}

// ErrorSet is the error types of an operation by status. Operations with
// the same statuses and types share one.
type ErrorSet struct {
	// Name is the Go name of the function that picks the type by status;
	// "" when one type stands for every status (Statuses is one default).
	Name string
	// Statuses in matching order: exact codes, then ranges (4XX), then
	// default, which also stands for the statuses the spec does not list.
	Statuses []ErrorResponse
}

// ErrorResponse is the error type of one status of an operation: nil for a
// status whose body has no schema that decodes into a type of its own
// (free-form JSON, text), so it stays raw.
type ErrorResponse struct {
	Status string // "404", "4XX" or "default"
	// Low and High are the statuses it stands for (404 to 404, 400 to
	// 499); both 0 for default.
	Low, High int
	Type      *Type
}

// Stream describes the streaming method of an operation.
type Stream struct {
	Method  string // Go name, e.g. CreateRunStream
	Decoder *StreamDecoder
	// Accept is the media type asked for: text/event-stream, or one of
	// JSON Lines (application/jsonl, application/x-ndjson), whose lines
	// are each one JSON text: then Lines is set.
	Accept string
	Lines  bool
	// Flag is the body field set to true to ask for a stream (stream:
	// true), nil when the operation has none.
	Flag *Field
}

// Pagination describes the method that iterates over every page.
//
// It is by cursor (After is set: OpenAI's after, has_more and last_id), by
// page number (Page is set: GitHub's and DigitalOcean's page and
// per_page), when pages are numbered from First and the last one is the
// first that comes back empty, or shorter than PerPage asked for, by the
// link to the next page that each page holds (Next is set), by a token a
// page holds (Token), or by offset (Offset).
type Pagination struct {
	Method  string // Go name, e.g. ListRunsAll
	Style   PageStyle
	Items   *Field // the page's array of items; nil when the page is the array
	HasMore *Field // true while more pages follow
	Cursor  *Field // the page's last id, passed as After
	ItemID  *Field // the item's id, the cursor when Cursor is empty; may be nil
	After   *Param // the query parameter that takes the cursor

	Page    *Param // the query parameter that takes the page number
	PerPage *Param // the one that takes the page size; may be nil
	First   int64  // the number of the first page

	// Next leads, field by field, to the next page's link in a page
	// (Twilio's meta.next_page_url, Azure's nextLink), when the server
	// says where the next page is: the iterator GETs it until it is empty.
	Next []*Field

	// Token is the query parameter that takes the token NextToken leads
	// to in a page (Box's marker and next_marker), until there is none.
	Token     *Param
	NextToken []*Field

	// Offset is the query parameter that takes the index of a page's first
	// item (Box's offset, Jira's startAt): it moves on by the items each
	// page holds, until a page is empty, reaches Total (the page's count
	// of all items) or says IsLast. Total and IsLast may be nil.
	Offset *Param
	Total  *Field
	IsLast *Field
}

// PageStyle is how a list's iterator reaches its next page, and says
// which of Pagination's fields are set.
type PageStyle int

const (
	// PagesByCursor passes the page's last id (Cursor, or the last item's
	// ItemID) as After while HasMore.
	PagesByCursor PageStyle = iota
	// PagesByNumber counts Page up from First.
	PagesByNumber
	// PagesByToken passes the token NextToken leads to as Token; with
	// Offset set, a page without one leads on by offset.
	PagesByToken
	// PagesByOffset moves Offset past each page's items.
	PagesByOffset
	// PagesByLink follows the link Next leads to.
	PagesByLink
)

// QueryValue is one fixed query parameter.
type QueryValue struct {
	Name   string
	Values []string
}

// Param is a path, query or header parameter.
type Param struct {
	Name     string // name on the wire
	GoName   string // argument name (path) or field name (query, header)
	Type     *Expr
	Required bool
	Style    string // form, simple, ...
	Explode  bool
	// JSON is set for a parameter described by content instead of schema:
	// its value is sent as JSON text.
	JSON bool
	Doc  string
	// Default is the schema's default, as the spec's JSON decoded (a
	// float64 for a number); nil when it gives none.
	Default any
}

// Body is a request body.
type Body struct {
	ContentType string
	Encoding    Encoding
	Type        *Expr // for EncodingRaw, nil: the caller passes an io.Reader
	// PartTypes are the Content-Types the spec's encoding gives some
	// fields of a multipart body (OpenAI's realtime call: sdp is
	// application/sdp), sorted by Name.
	PartTypes []PartType
	// FieldStyles are how the spec's encoding says some fields of a form
	// (URL-encoded or multipart) are written, where that is not the
	// default (each value of a list as a field of its own, an object as
	// JSON text), sorted by Name.
	FieldStyles []FieldStyle
}

// FieldStyle is how one field of a URL-encoded form is written.
type FieldStyle struct {
	Name string
	// Style is deepObject (an object's members as name[key]=value, nested
	// ones as name[key][key2], list items as name[0]: Stripe's form
	// bodies), or commas, spaces or pipes (a list as one field, its
	// values joined: style form, spaceDelimited or pipeDelimited with
	// explode false).
	Style string
}

// PartType is the Content-Type of one field of a multipart body.
type PartType struct {
	Name, ContentType string
}

// Encoding is how a request body is written.
type Encoding int

const (
	EncodingJSON Encoding = iota
	// EncodingMultipart writes a struct's fields as multipart/form-data
	// parts (File fields as file parts).
	EncodingMultipart
	// EncodingForm writes a struct's fields as
	// application/x-www-form-urlencoded.
	EncodingForm
	// EncodingRaw sends the bytes the caller gives (application/sdp,
	// application/octet-stream, ...).
	EncodingRaw
)

// Response is the success response of an operation.
type Response struct {
	// ContentType is the media type the method asks for (Accept): its
	// result's (application/vnd.api+json, audio/mpeg), or application/json.
	ContentType string
	Type        *Expr // nil when there is no body, or when Binary
	// Pointer: the method returns *Type (structs and unions), not Type
	// (slices, maps, scalars).
	Pointer bool
	// Binary is a non-JSON body (audio, a file): the method returns it as
	// an io.ReadCloser the caller closes.
	Binary bool
	// Empty are other 2xx statuses the spec gives no body (GitHub's 204
	// when a secret is updated rather than created): the method returns
	// the zero result. 204 and 205 never have one, listed or not.
	Empty []string
	// Unlike are other 2xx statuses whose body is not the result's
	// (GitHub's 202 while statistics are computed): an *APIError, with
	// the body decoded by the operation's Errors.
	Unlike []string
}
