package gen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
)

// FileConfig is an oagen.yaml file. Paths in it are relative to the file.
//
//	spec: openapi.yaml          # the OpenAPI document
//	output: ./openai            # where the *.gen.go files go
//	package: openai             # Go package name (default: output's base name)
//	include_ops: [createRun]    # keep these operations and what they reach
//	api_key_env: OPENAI_API_KEY # NewClient reads the API key from it
//	key_env:                    # and the keys of other schemes, by scheme,
//	  AdminApiKeyAuth: OPENAI_ADMIN_KEY # for operations that ask for one
//	headers:                    # sent with every request
//	  OpenAI-Beta: assistants=v2
//	streaming:                  # operations whose spec does not declare
//	  createRun:                # text/event-stream but can stream
//	    schema: AssistantStreamEvent  # component schema of one event
//	    flag: stream                  # body property set to true (default)
//	exclude_ops: [deleteRun]    # drop these operations
//	include_tags: [Assistants]  # keep only operations with one of these tags
//	exclude_tags: [Deprecated]  # drop operations with one of these tags
//	names:                      # component schema -> Go type name
//	  AssistantsApiToolChoiceOption: ToolChoice
//	operation_names:            # operationId -> method name
//	  submitToolOuputsToRun: SubmitToolOutputs
//	types:                      # component schema -> your Go type
//	  Timestamp: time.Time
//	formats:                    # a scalar's format -> your Go type, everywhere
//	  date-time: time.Time
//	file_by_file: false         # true: load a spec split over files unbundled (slower)
type FileConfig struct {
	Spec           string                  `yaml:"spec"`
	Output         string                  `yaml:"output"`
	Package        string                  `yaml:"package"`
	IncludeOps     []string                `yaml:"include_ops"`
	ExcludeOps     []string                `yaml:"exclude_ops"`
	IncludeTags    []string                `yaml:"include_tags"`
	ExcludeTags    []string                `yaml:"exclude_tags"`
	APIKeyEnv      string                  `yaml:"api_key_env"`
	KeyEnv         map[string]string       `yaml:"key_env"`
	Headers        map[string]string       `yaml:"headers"`
	Streaming      map[string]StreamConfig `yaml:"streaming"`
	Names          map[string]string       `yaml:"names"`
	OperationNames map[string]string       `yaml:"operation_names"`
	Types          map[string]string       `yaml:"types"`
	Formats        map[string]string       `yaml:"formats"`
	FileByFile     bool                    `yaml:"file_by_file"`
}

// StreamConfig names the event schema of an operation that streams.
type StreamConfig struct {
	Schema string `yaml:"schema"`
	Flag   string `yaml:"flag"`
}

// LoadConfig reads an oagen.yaml. Unknown keys are errors, so a typo does
// not silently do nothing.
func LoadConfig(path string) (*FileConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc FileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&fc.Spec, &fc.Output} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return &fc, nil
}

// Config returns the generator configuration the file describes.
func (fc *FileConfig) Config() Config {
	return Config{
		Spec:           fc.Spec,
		Package:        fc.Package,
		IncludeOps:     fc.IncludeOps,
		ExcludeOps:     fc.ExcludeOps,
		IncludeTags:    fc.IncludeTags,
		ExcludeTags:    fc.ExcludeTags,
		APIKeyEnv:      fc.APIKeyEnv,
		KeyEnv:         fc.KeyEnv,
		Headers:        fc.Headers,
		Streaming:      fc.Streaming,
		Names:          fc.Names,
		OperationNames: fc.OperationNames,
		Types:          fc.Types,
		Formats:        fc.Formats,
		FileByFile:     fc.FileByFile,
	}
}
