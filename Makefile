# nhsgraph: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     ?= bin/nhsgraph
ADDR    ?= 127.0.0.1:8080

.PHONY: run build test test-short vet bench score clean fuzz

## run: build the binary and serve the seeds on $(ADDR) from the embedded memory store
run: build
	./$(BIN) serve --addr $(ADDR)

## build: compile bin/nhsgraph
build:
	$(GO) build -o $(BIN) ./cmd/nhsgraph

## test: every test with the race detector (PostgreSQL and Chromium tests skip when absent unless
## CI=true), the memory and hostile-input tests again without it (the race detector slows
## allocation so much that the clock, not the memory budget, stops scripts), then each fuzz
## target for a short fixed time
test: vet
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'TestMemoryBombsAreStopped|TestHostileInputs' ./query ./web
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

## bench: the benchmarks, reported as ratios in docs/PERFORMANCE.md
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## score: extraction quality against the public gold sample
score: build
	./$(BIN) extract > /tmp/nhsgraph-seeds.nq
	python3 ../shared/tools/score_graph.py /tmp/nhsgraph-seeds.nq --gold ../shared/gold-sample.json --docs seeds

clean:
	rm -rf bin
