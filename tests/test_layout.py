"""The package layout of STYLE §1 and §4: one package per stage, and no stage reaching into
another's private names (import-linter checks the direction of imports in ``make lint``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

LIB = ROOT / "lib" / "slant"
STAGES = ("common", "corpus", "text", "lexicons", "voice", "scoring", "contrast", "classify",
          "framing", "charts", "findings", "report")
#: Modules allowed at the top of the package, beside the stage packages.
TOP_MODULES = {"__init__.py", "__main__.py", "cli.py", "bench.py"}


def _module_name(path: Path, lib: Path) -> str:
    parts = list(path.relative_to(lib.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    """``slant.voice._quotes`` -> ``voice``; ``slant.cli`` -> ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path, lib: Path = LIB) -> list[str]:
    """Imports in ``path`` (a module of the package ``lib``) of another stage's underscore
    module or name, as ``file:line: module import name``."""
    module = _module_name(path, lib)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            targets = [(target, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [(alias.name, "") for alias in node.names]
        else:
            continue
        for target, name in targets:
            if not target.startswith("slant") or _stage(target) == _stage(module):
                continue
            if any(_private(p) for p in target.split(".")[1:]) or _private(name):
                found.append(f"{path.relative_to(lib.parent)}:{node.lineno}: {target} import {name}")
    return found


def test_each_stage_is_a_package():
    assert {p.name for p in LIB.glob("*.py")} == TOP_MODULES
    for stage in STAGES:
        init = LIB / stage / "__init__.py"
        assert init.is_file(), f"{stage} is not a package"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init}: say what the stage takes in and gives out"
        assert any(isinstance(n, ast.Assign) and n.targets[0].id == "__all__" for n in tree.body
                   if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)), \
            f"{init}: declare what other stages may use in __all__"


def test_no_stage_imports_another_stages_private_names():
    found = [hit for path in sorted(LIB.rglob("*.py")) for hit in private_imports(path)]
    assert found == []


@pytest.mark.parametrize("source, expected", [
    ("from ..text import _codes\n", ["slant.text import _codes"]),
    ("from slant.voice._quotes import find_quotes\n", ["slant.voice._quotes import find_quotes"]),
    ("from .._parallel import n_workers\n", ["slant._parallel import n_workers"]),
    ("import slant.corpus._model\n", ["slant.corpus._model import "]),
    (("from ._model import _Lexicon\nfrom ..text import normal_form\nfrom .. import __version__\n"
     "from slant.lexicons._matching import scan_plan\n"), []),
], ids=["private-name", "private-module", "flat-private-module", "plain-import", "allowed"])
def test_private_imports_are_found(source, expected, tmp_path):
    """The checker itself, on a module of a stage package: it flags what it should, only that."""
    lib = tmp_path / "slant"
    (lib / "lexicons").mkdir(parents=True)
    path = lib / "lexicons" / "_matching.py"
    path.write_text(source)
    hits = private_imports(path, lib)
    assert [h.split(": ", 1)[1] for h in hits] == expected


def test_make_test_fails_when_no_test_ran(tmp_path):
    """pytest exits 5 when it collected nothing (a wrong path or -k); make test passes that on."""
    import subprocess
    import sys

    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: make installs nothing
    run = subprocess.run(
        ["make", "-s", "test", f"BIN={Path(sys.executable).parent}", f"STAMP={stamp}",
         "PYTEST_ARGS=-q -p no:cacheprovider -k no_test_has_this_name tests/test_layout.py"],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode != 0
    assert "no test ran" in run.stderr
