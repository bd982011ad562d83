# Two set-up commands: `make demo` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test build check validate dictionary report clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsprov build
	$(BIN)/newsprov validate
	$(BIN)/python -c "import newsprov; ds = newsprov.load(); print(f'newsprov {ds.version}:', ', '.join(f'{len(df)} {name}' for name, df in ds.tables.items()))"

test: $(STAMP)
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/newsprov build --check

validate: $(STAMP)
	$(BIN)/newsprov validate

dictionary: $(STAMP)
	$(BIN)/newsprov dictionary --readme README.md

report: $(STAMP)
	$(BIN)/newsprov report --out story.html

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
