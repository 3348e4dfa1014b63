# The two commands a new user runs are `make generate` and `make test`;
# `make check` is what CI runs.
GO          ?= go
STATICCHECK ?= $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: generate test check fmt vet staticcheck fresh build corpus

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

check: fmt vet staticcheck fresh test

# corpus generates every spec in ../shared/corpus, compiles and vets the
# packages, and prints a table and a summary. Slow; a sample runs in test.
corpus:
	$(GO) run ./internal/corpusrun -corpus ../shared/corpus
