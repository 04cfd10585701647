"""The package's modules import each other without a circle.

Read from the source (every `import` statement, also those inside functions and under
`TYPE_CHECKING`, which are circles put off until run time), so that a new circle fails here
before it fails somebody's notebook with a half-initialised module. `from . import x` is an edge
to x. Importing `a.b.c` runs the `__init__` of `a.b` too: that is an edge to the package `a.b`,
unless it is the importer's own package (which Python has begun to run before the importer).
"""
from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "schemas")


def _modules(root: Path = ROOT, packages=PACKAGES) -> dict[str, Path]:
    out = {}
    for package in packages:
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `name` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                stem = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(stem + ([node.module] if node.module else []))
            # "from pkg import mod" imports the module mod; "from mod import name", mod itself
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
    # the packages Python runs on the way to each module, but the importer's own
    ancestors = {".".join(name.split(".")[:i]) for i in range(1, len(name.split(".")))}
    found |= {".".join(m.split(".")[:i]) for m in found for i in range(1, len(m.split(".")))}
    return {m for m in found if m in modules and m != name and m not in ancestors}


def import_graph(root: Path = ROOT, packages=PACKAGES) -> dict[str, set[str]]:
    modules = _modules(root, packages)
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _circle(graph: dict[str, set[str]]) -> set[str]:
    """The modules of a circle in `graph` (empty: none)."""
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        return set(exc.args[1])
    return set()


def _graph_of(root: Path, files: dict[str, str]) -> dict[str, set[str]]:
    """The import graph of a package `pipeline` made under `root` of `files` (path -> source)."""
    (root / "pipeline").mkdir()
    (root / "pipeline" / "__init__.py").write_text("")
    for name, source in files.items():
        path = root / "pipeline" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return import_graph(root, ("pipeline",))


def test_no_import_cycle():
    try:
        tuple(TopologicalSorter(import_graph()).static_order())
    except CycleError as exc:
        raise AssertionError(f"modules import each other in a circle: {' -> '.join(exc.args[1])}") from None


def test_the_check_sees_a_cycle_through_a_function_level_import(tmp_path):
    """The graph holds the imports a circle hides in a function body and under TYPE_CHECKING."""
    graph = _graph_of(tmp_path, {
        "sub/__init__.py": "",
        "sub/a.py": "from . import b\n",
        "sub/b.py": "def f():\n    from pipeline.sub.c import x\n",
        "sub/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n",
    })
    assert graph["pipeline.sub.a"] == {"pipeline.sub.b"}
    assert graph["pipeline.sub.b"] == {"pipeline.sub.c"}
    assert graph["pipeline.sub.c"] == {"pipeline.sub.a"}
    assert _circle(graph) == {"pipeline.sub.a", "pipeline.sub.b", "pipeline.sub.c"}


def test_the_check_sees_a_cycle_through_a_package_init(tmp_path):
    """`from pkg.sub.b import x` runs pkg/sub/__init__.py first: a circle through it is a circle
    (the one a module of the corpus reader and the extractor's records once made), while a
    module's import of its own package is not an edge."""
    graph = _graph_of(tmp_path, {
        "sub/__init__.py": "from pipeline.other import y\n",
        "sub/b.py": "from pipeline.sub import c\n",
        "sub/c.py": "x = 1\n",
        "other.py": "from pipeline.sub.c import x\n",
    })
    assert graph["pipeline.other"] == {"pipeline.sub.c", "pipeline.sub"}
    assert graph["pipeline.sub.b"] == {"pipeline.sub.c"}  # not its own package
    assert _circle(graph) == {"pipeline.sub", "pipeline.other"}
