# The two commands a new user runs are `make generate` and `make test`;
# `make check` is what CI runs.
GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: generate test check fmt vet staticcheck fresh race build corpus extcorpus bench peerbench buildbench icount

build:
	$(GO) build ./...

generate:
	$(GO) generate ./...

test:
	$(GO) test ./...

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(STATICCHECK) ./...

# fresh fails when generated/ differs from what spec/ produces.
fresh:
	$(GO) run ./cmd/oagen -config spec/oagen.yaml -check

# race runs the generated package's tests under the race detector: the
# client and the codecs are shared between goroutines there
# (TestConcurrentUse). The detector needs cgo, so a C compiler; .ci/run
# installs one when the machine has none.
race:
	@if command -v "$$($(GO) env CC)" >/dev/null 2>&1; then \
		echo "$(GO) test -race ./generated/openai"; $(GO) test -race ./generated/openai; \
	else echo "race: skipped: the race detector needs a C compiler, and $$($(GO) env CC) is not installed (apt install gcc)"; fi

check: fmt vet staticcheck fresh test race

# corpus generates every spec in ../shared/corpus, compiles and vets the
# packages, round-trips the examples the specs give through them, and
# prints a table and a summary. Slow; samples run in test.
corpus:
	$(GO) run ./internal/corpusrun -corpus ../shared/corpus

# extcorpus: corpus, on every YAML and JSON file of Go modules that hold
# OpenAPI documents among other files (fetched through the module proxy);
# files that are no document fail, with a located error. Slow.
EXTCORPUS ?= github.com/pb33f/libopenapi@v0.42.4/test_specs,github.com/go-swagger/go-swagger@v0.31.0/fixtures,github.com/getkin/kin-openapi@v0.153.0,github.com/google/gnostic@v0.7.0
extcorpus:
	$(GO) run ./internal/corpusrun -modules $(EXTCORPUS)

# bench: JSON codec and stream benchmarks of generated/openai on the inputs
# the peer kit uses (medians: pipe through benchstat).
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./generated/openai

# peerbench: the peer kit (ogen, oapi-codegen, openai-go, go-openai) and a
# package oagen generates from the official spec for createRun, in one run;
# then ogen and oagen in pairs, operation by operation (internal/peerpair),
# since the kit benchmarks one peer after another and these machines drift; then,
# when valgrind is installed, the instructions one operation of each takes,
# which do not drift.
# Needs the Go module proxy; takes a few minutes. PEERBENCH_OUT=dir keeps
# the results.
PEERBENCH_OUT ?= $(shell mktemp -d)
peerbench:
	rm -rf $(PEERBENCH_OUT)/ours && mkdir -p $(PEERBENCH_OUT)
	$(GO) run ./cmd/oagen -spec ../shared/corpus/specs/openai-openapi.yaml -include-ops createRun -o $(PEERBENCH_OUT)/ours -package ours
	CORPUS=../shared/corpus OURS_PKG=$(PEERBENCH_OUT)/ours OURS_NAME=oagen ../shared/tools/peerbench/peerbench.sh $(PEERBENCH_OUT)/run
	@echo "table: $(PEERBENCH_OUT)/run/table.md"
	@echo "ogen and oagen again, in pairs (the kit runs one peer after the other):"
	@if command -v valgrind >/dev/null 2>&1; then \
		echo "$(GO) run ./internal/peerpair -dir $(PEERBENCH_OUT)/run/bench -rounds 10 -counted 10000"; \
		$(GO) run ./internal/peerpair -dir $(PEERBENCH_OUT)/run/bench -rounds 10 -counted 10000; \
	else echo "peerbench: no valgrind (apt install valgrind), so no instruction counts"; \
		$(GO) run ./internal/peerpair -dir $(PEERBENCH_OUT)/run/bench -rounds 10; fi

# buildbench: compile time of oagen's package against ogen's for the same
# operations of the OpenAI spec (those ogen can generate), and of oagen's
# whole-spec package. Needs the Go module proxy; takes a few minutes.
buildbench:
	$(GO) run ./internal/buildbench -full

# icount: instructions and instruction-cache misses per operation of the
# codec benchmarks under valgrind's cachegrind (apt install valgrind).
# Steady from run to run where time is not, for telling two versions of a
# codec apart; not a speed claim.
icount:
	$(GO) run ./internal/icount
