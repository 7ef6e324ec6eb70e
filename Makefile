# Two commands do all the set-up on a fresh machine:
#   make chat   -> installs, builds the model and index, starts the web chat on the bundled corpus
#   make test   -> installs, builds, runs the whole test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MODEL  := models/e5-small-st
GEMMA  := models/gemma3-270m

.PHONY: setup model data chat test eval bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(MODEL)/.built: $(STAMP) rag/e5convert.py
	$(BIN)/python -m rag.e5convert --out $(MODEL)
	touch $@

$(GEMMA)/.built: $(STAMP) repair/gemmaconvert.py
	$(BIN)/python -m repair.gemmaconvert --out $(GEMMA)
	touch $@

setup: $(STAMP) $(MODEL)/.built $(GEMMA)/.built

model: $(MODEL)/.built $(GEMMA)/.built

data: setup
	$(BIN)/vanban ingest --quiet

chat: data
	$(BIN)/python app.py

test: setup
	$(BIN)/python -m pytest

eval: data
	mkdir -p reports
	$(BIN)/vanban answer --in eval/questions.jsonl --out reports/answers.jsonl
	$(BIN)/vanban search --queries eval/questions.jsonl --k 10 --json > reports/rankings.jsonl
	$(BIN)/vanban eval --set eval/questions.jsonl --answers reports/answers.jsonl --rankings reports/rankings.jsonl --report reports --thresholds eval/thresholds.json

bench: data
	$(BIN)/python bench/retrieval_bench.py --quick
	$(BIN)/python bench/ask_bench.py
	$(BIN)/python bench/repair_eval.py

clean:
	rm -rf data models .cache reports
