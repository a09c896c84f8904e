# nhsgraph: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     ?= bin/nhsgraph
ADDR    ?= 127.0.0.1:8080

.PHONY: run build assets test test-short vet bench bench-peer score clean fuzz

## run: build the binary and serve the seeds on $(ADDR) from the embedded memory store
run: build
	./$(BIN) serve --addr $(ADDR)

VERSION ?= $(shell git describe --always --dirty 2>/dev/null)

## build: bundle the explorer, then compile bin/nhsgraph with it embedded
build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/nhsgraph

UI     := web/ui
BUNDLE := $(UI)/dist/manifest.json

## assets: the explorer's bundle (npm ci installs the pinned packages; web/ui/build.mjs bundles web/ui/src
## with esbuild into hashed, precompressed files)
assets: $(BUNDLE)

$(UI)/node_modules/.package-lock.json: $(UI)/package-lock.json $(UI)/package.json
	cd $(UI) && npm ci --no-audit --no-fund

$(BUNDLE): $(UI)/node_modules/.package-lock.json $(UI)/build.mjs $(wildcard $(UI)/src/*)
	cd $(UI) && npm run --silent build

## test: every test with the race detector (PostgreSQL and Chromium tests skip when absent unless
## CI=true), the memory and hostile-input and -script tests again without it (the race detector slows
## allocation so much that the clock, not the memory budget, stops scripts), then each fuzz
## target for a short fixed time
test: assets vet
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'TestMemoryBombsAreStopped|TestHostileInputs|TestHostileScriptsAreRefused' ./query ./web
	$(MAKE) fuzz FUZZTIME=10s

FUZZTIME ?= 30s

## fuzz: run every fuzz target for FUZZTIME
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME) ./loader
	$(GO) test -run '^$$' -fuzz '^FuzzFinders$$' -fuzztime $(FUZZTIME) ./loader
	$(GO) test -run '^$$' -fuzz '^FuzzQueryRequest$$' -fuzztime $(FUZZTIME) ./web

## test-short: the fast tests only
test-short:
	$(GO) test -short -count=1 ./...

vet:
	$(GO) vet ./...

## bench: every Go benchmark (loader throughput and memory, HTTP against in-process, analyst
## paths and search, PostgreSQL against memory), then, when CAYLEY names a cayley v0.7.7 binary you
## built yourself, the side-by-side run against it (docs/PERFORMANCE.md has the method and figures)
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	@if [ -n "$(CAYLEY)" ]; then $(MAKE) --no-print-directory bench-peer; \
	else echo "bench: set CAYLEY=/path/to/cayley for the side-by-side run against Cayley's server"; fi

## bench-peer: nhsgraph and Cayley's own server, one after the other, on the same data and queries
bench-peer: build
	CAYLEY=$(CAYLEY) NHSGRAPH=$(BIN) bash scripts/bench-peer.sh

SHARED ?= ../shared

## score: extraction quality against the public gold sample, which lives outside this repository
## (SHARED, ../shared by default: tools/score_graph.py and gold-sample.json)
score:
	@if [ ! -f "$(SHARED)/tools/score_graph.py" ] || [ ! -f "$(SHARED)/gold-sample.json" ]; then \
	  echo "make score needs the scoring tool and the gold sample, which are not part of this repository:"; \
	  echo "  $(SHARED)/tools/score_graph.py and $(SHARED)/gold-sample.json (and python3)."; \
	  echo "Put them there, or name their folder: make score SHARED=/path/to/shared"; \
	  exit 1; fi
	$(MAKE) --no-print-directory build
	./$(BIN) extract > /tmp/nhsgraph-seeds.nq
	python3 $(SHARED)/tools/score_graph.py /tmp/nhsgraph-seeds.nq --gold $(SHARED)/gold-sample.json --docs seeds

clean:
	rm -rf bin $(UI)/node_modules
	find $(UI)/dist -type f ! -name .gitkeep -delete
