# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift
STRATA = .build/debug/strata
DEMO_EXAMPLE = examples/americas
## The demo works on a scratch copy: it never writes into examples/, so `make test` after it sees the
## example exactly as committed.
DEMO_REPO = .build/demo/americas

.PHONY: deps build demo demo-postfix test test-schemas schemas regenerate release fuzz fuzz-build fuzz-smoke dist dist-check

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

## Install what is needed, then validate the Americas example, plan it against its embedded live state
## (in a fresh scratch copy, .build/demo/americas/.strata/), apply, and plan again: no changes left.
demo: build
	rm -rf $(DEMO_REPO) && mkdir -p $(DEMO_REPO) && cp -R $(DEMO_EXAMPLE)/clusters $(DEMO_REPO)/
	$(STRATA) validate --repo $(DEMO_REPO)
	$(STRATA) where listeners --repo $(DEMO_REPO)
	$(STRATA) show newyork.example.com --repo $(DEMO_REPO) --explain
	AMERICAS_LDAP_PASSWORD=demo-only-not-a-secret $(STRATA) plan --repo $(DEMO_REPO)
	AMERICAS_LDAP_PASSWORD=demo-only-not-a-secret $(STRATA) apply --repo $(DEMO_REPO) --yes
	AMERICAS_LDAP_PASSWORD=demo-only-not-a-secret $(STRATA) plan --repo $(DEMO_REPO) --detailed-exitcode

## As root: a node agent with the postfix backend on loopback applies examples/americas-loopback, one
## message is sent and shown arriving at the next hop smtp_routes names (scripts/demo-postfix).
demo-postfix: build
	scripts/demo-postfix

## The whole test suite: JSON Schema checks with an independent validator, then swift test: everything
## in parallel but the tests of a timing promise (failover within 5 s), then those alone on a quiet machine.
TIMING_PROMISES = TimingPromise
test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory test-schemas
	$(SWIFT) test --skip-build --skip $(TIMING_PROMISES)
	$(SWIFT) test --skip-build --filter $(TIMING_PROMISES)

test-schemas:
	python3 Tests/schema/test_schemas.py --strata $(STRATA)

## Regenerate schemas/ from the feature catalogue.
schemas: build
	for kind in cluster group machine standalone; do $(STRATA) schema $$kind > schemas/$$kind.schema.json; done

## Regenerate everything derived from the feature catalogue (after adding or changing a feature): schemas/,
## the features table in Docs/features.md, and the golden files (review them with git diff).
regenerate: schemas
	.build/debug/strata-catalogue features-table Docs/features.md
	STRATA_RECORD=1 $(SWIFT) test --filter "BrokenExamples|PostfixGoldenTests|KeepalivedGoldenTests|CommandGoldenTests|ManualConsoleBlock"

release: deps
	$(SWIFT) build -c release

.PHONY: bench
## Strata against ansible-inventory on generated fleets, release mode; writes Docs/performance.md.
## BENCH_ARGS=--quick skips the largest sizes.
bench:
	scripts/bench $(BENCH_ARGS)

## libFuzzer targets (yaml, request, answer) with address sanitizer: FUZZ_RUNS inputs (default 1,000,000)
## or FUZZ_SECONDS (default 600) per target, whichever ends first. Findings land in .fuzz/artifacts/.
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 600
fuzz: fuzz-build
	scripts/fuzz --runs $(FUZZ_RUNS) --seconds $(FUZZ_SECONDS)

## The short run CI makes: 60 seconds per target.
fuzz-smoke: fuzz-build
	scripts/fuzz --seconds 60

fuzz-build: deps
	$(SWIFT) build --product strata-fuzz
	$(SWIFT) build -c release --scratch-path .build-fuzz --product strata-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DSTRATA_FUZZING

## The Debian package and the static tarball in dist/ (scripts/dist), and their install check as root
## (scripts/dist-check: dpkg -i, --version, man, ldd, systemd-analyze verify, dpkg -r keeps the state).
dist: deps
	scripts/dist

dist-check: dist
	scripts/dist-check
