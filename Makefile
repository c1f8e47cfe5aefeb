# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STORE     ?= data
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test test-fast install model browser ocr samples bench eval clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, pinned: this version is a local CPU build; an open range pulls CUDA wheels.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test,llm,fixtures]'
	touch $@

install: $(VENV)/.installed

# The embedding model exported to ONNX once per machine (into ASSISTANT_MODEL_CACHE, by default
# ~/.cache/informes-egreso/models); a no-op when the export is there. Questions then need no torch.
model: install
	$(BIN)/python -m ingest --prepare-model

# Debian's Chromium for the browser test (a tool's own browser download fails offline).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package (sudo apt-get install chromium)"; fi; }

# Debian's Tesseract with Spanish for scanned reports (python -m ingest and the app OCR them), and
# poppler's pdftotext, which the producer corpus's truth check (tests/producers/truth.py) reads with.
ocr:
	@command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx spa && command -v pdftotext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-spa poppler-utils >/dev/null; \
	  else echo "tesseract or pdftotext is missing: install Debian's tesseract-ocr, tesseract-ocr-spa and poppler-utils (sudo apt-get install tesseract-ocr tesseract-ocr-spa poppler-utils)"; fi; }

samples: install
	$(BIN)/python -m ingest.samples samples

run: install model ocr samples
	$(BIN)/python -m ingest --store $(STORE) samples
	$(BIN)/python app.py --store $(STORE)

test: install model browser ocr
	$(BIN)/python -m pytest -q

# No server, browser or real model (markers in pyproject.toml; README, "Tests"), on both cores.
test-fast: install model
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not integration"

bench: install model
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_answer.py

eval: install model
	$(BIN)/python -m assistant eval

clean:
	rm -rf $(VENV) .pytest_cache
