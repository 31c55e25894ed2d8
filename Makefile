# Two commands on a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install browser run test review train bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first, pinned, so pip takes the CPU wheel rather than a CUDA build
	$(PY) -m pip install --quiet "torch==2.13.0"
	$(PY) -m pip install --quiet -e ".[test,ray]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the end-to-end browser test (Playwright drives it; it downloads no browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: install Debian's chromium (the browser test will be skipped)"; fi; }

run: install
	$(VENV)/bin/streamlit run app.py --server.address localhost --server.headless true

test: install browser
	$(PY) -m pytest -q

train: install
	$(PY) training/build_corpus.py
	$(PY) training/train_action_detector.py
	$(PY) training/train.py
	$(PY) training/train_name_tagger.py

bench: install
	$(PY) benchmarks/bench.py

review: install
	$(VENV)/bin/reviewer review examples/*.txt

clean:
	rm -rf $(VENV) build *.egg-info
