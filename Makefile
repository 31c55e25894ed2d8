# Two commands on a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test review train bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first, pinned, so pip takes the CPU wheel rather than a CUDA build
	$(PY) -m pip install --quiet "torch==2.13.0"
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(VENV)/bin/reviewer review examples/*.txt --format text || true

test: install
	$(PY) -m pytest -q

train: install
	$(PY) training/build_corpus.py
	$(PY) training/train.py

review: install
	$(VENV)/bin/reviewer review examples/*.txt

clean:
	rm -rf $(VENV) build *.egg-info
