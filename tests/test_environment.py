"""environment.yml (conda, untestable here) must list what pyproject.toml installs."""

from __future__ import annotations

import re

import tomllib
import yaml

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements) -> dict[str, str]:
    """Name to version pin; a pip extra ("dask[distributed]") is part of conda-forge's package."""
    return {_name(r): re.sub(r"^\[[^\]]*\]", "", r.replace(" ", "")[len(_name(r)):]) for r in requirements}


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    wanted = _pins(project["dependencies"] + project["optional-dependencies"]["test"])
    have = _pins([c for c in conda if _name(c) not in {"python", "pip"}]
                 + [p for p in pip if not p.startswith("-")])
    assert have == wanted
    assert "conda-forge" in env["channels"]
    assert any(d.startswith("python=3.11") for d in conda)
    assert "-e ." in pip  # the project itself, editable, so notebooks import it
