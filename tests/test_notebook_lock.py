"""requirements-notebook.lock (installed by `make notebook`) holds what the notebook needs, at
the pins the other locks use."""
from __future__ import annotations

import ast
import json
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = {"pipeline", "schemas"}


def _pins(name: str) -> dict[str, str]:
    lines = (REPO / name).read_text(encoding="utf-8").splitlines()
    pins = dict(line.split("==") for line in lines if line.strip() and not line.startswith("#"))
    return {canonicalize_name(k): v for k, v in pins.items()}


def _notebook_imports() -> set[str]:
    nb = json.loads((REPO / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    modules = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.Import):
                    modules |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - PROJECT_PACKAGES


def test_the_notebook_lock_pins_what_the_notebook_imports_and_jupyterlab():
    pins = _pins("requirements-notebook.lock")
    imported = _notebook_imports()
    assert {"duckdb", "matplotlib", "pandas"} <= imported
    owners = packages_distributions()
    for module in imported:
        assert any(canonicalize_name(d) in pins for d in owners[module]), (module, owners[module])
    assert {"jupyterlab", "ipykernel"} <= set(pins)
    # the kernel imports the project: the whole runtime, at the runtime lock's versions
    runtime = _pins("requirements.lock")
    assert {k: pins.get(k) for k in runtime} == runtime


def test_the_notebook_lock_agrees_with_the_test_lock_and_the_extra():
    pins, test = _pins("requirements-notebook.lock"), _pins("requirements-test.lock")
    assert {k: v for k, v in pins.items() if k in test and test[k] != v} == {}
    extra = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["notebook"]
    for requirement in map(Requirement, extra):
        name = canonicalize_name(requirement.name)
        assert name in pins and Version(pins[name]) in requirement.specifier, (str(requirement), pins.get(name))
