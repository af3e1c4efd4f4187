# Article Annotator. Two commands for a newcomer: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8000
WASM := target/wasm32-unknown-unknown/wasm/article_annotator.wasm
PKG := www/pkg

.PHONY: serve build setup test test-native test-wasm test-e2e model bench clean

## Build the page and serve it on http://127.0.0.1:$(PORT)/
serve: build
	@echo "Serving Article Annotator at http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

setup:
	@scripts/setup.sh build

## Release wasm → www/pkg/article_annotator.js + article_annotator_bg.wasm
build: setup
	cargo build --profile wasm --target wasm32-unknown-unknown --lib --no-default-features
	wasm-bindgen --target web --out-dir $(PKG) $(WASM)
	e2e/node_modules/.bin/wasm-opt -Oz $(PKG)/article_annotator_bg.wasm -o $(PKG)/article_annotator_bg.wasm
	@node scripts/pkg-json.mjs
	@ls -l $(PKG)/article_annotator_bg.wasm | awk '{print "wasm: " $$5 " bytes"}'; gzip -9c $(PKG)/article_annotator_bg.wasm | wc -c | awk '{print "wasm gzip: " $$1 " bytes"}'

## Every test: native, wasm in headless Chromium, the page end-to-end (Playwright).
test:
	@scripts/setup.sh test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory test-e2e

test-native:
	cargo test --release

test-wasm:
	WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=60 cargo test --release --target wasm32-unknown-unknown --no-default-features --test wasm

test-e2e:
	node --test --test-concurrency=1 e2e/

## Rebuild model/annotator.model from ../shared/data (deterministic; prints dev scores).
# Brown word clusters (PyPI spacy-lookups-data, MIT), downloaded once into target/brown.
target/brown/clusters.tsv:
	python3 scripts/brown.py $@

# Words usually written with a capital (same package, its word probabilities).
target/brown/capitalised.tsv: scripts/brown.py
	python3 scripts/brown.py --capitalised $@

model: target/brown/clusters.tsv target/brown/capitalised.tsv
	cargo run --release --bin train -- --data ../shared/data --brown target/brown/clusters.tsv --capitalised target/brown/capitalised.tsv --out model/annotator.model

bench: build
	@scripts/bench.sh

clean:
	cargo clean; rm -rf $(PKG)
