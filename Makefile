# The two commands of the README: `make demo` and `make test`.
SWIFT ?= swift
STRATA = .build/debug/strata
DEMO_REPO = examples/americas

.PHONY: deps build demo test test-schemas schemas release

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

## Install what is needed, then validate and show the embedded Americas example.
demo: build
	$(STRATA) validate --repo $(DEMO_REPO)
	$(STRATA) where listeners --repo $(DEMO_REPO)
	$(STRATA) show newyork.example.com --repo $(DEMO_REPO) --explain

## The whole test suite: JSON Schema checks with an independent validator, then swift test.
test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory test-schemas
	$(SWIFT) test --skip-build

test-schemas:
	python3 Tests/schema/test_schemas.py --strata $(STRATA)

## Regenerate schemas/ from the feature catalogue.
schemas: build
	for kind in cluster group machine standalone; do $(STRATA) schema $$kind > schemas/$$kind.schema.json; done

release: deps
	$(SWIFT) build -c release
