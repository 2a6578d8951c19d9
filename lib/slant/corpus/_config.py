"""Read and validate a corpus folder's ``corpus.yml`` (format: README, "The corpus model").

Errors name the file, the line and the fix; line numbers come from the YAML parser's marks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ._errors import CorpusError
from ._yaml import load_config_yaml, reader_problem

__all__ = ["CONFIG_NAME", "SOURCE_KINDS", "CorpusConfig", "SourceSpec", "load_config"]

CONFIG_NAME = "corpus.yml"

#: Kinds of source a corpus.yml may list, with the options each accepts besides its own key.
SOURCE_KINDS = {
    "articles": {"language"},
    "dataset": set(),
    "manifest": {"language", "columns", "encoding"},
    "csv": {"encoding", "columns", "language", "format"},
    "parquet": {"columns", "language"},
}

_TOP_KEYS = {
    "name", "description", "window", "target", "target_source", "outlets", "sources",
    "language", "lexicons", "parameters", "camps",
}


@dataclass(frozen=True)
class SourceSpec:
    """One entry of ``sources:``: its kind, its value (a path or a dataset name) and options."""

    kind: str
    value: str
    options: dict = field(default_factory=dict)
    line: int = 0

    @property
    def label(self) -> str:
        """How the load report names this source, e.g. ``dataset:fa-kes``."""
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class CorpusConfig:
    """A parsed corpus.yml; paths are resolved against the corpus folder."""

    path: Path
    name: str
    description: str = ""
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None
    target: str | None = None
    target_source: str | None = None
    outlets: Path | None = None
    language: str = ""
    sources: tuple[SourceSpec, ...] = ()
    lexicons: tuple[str, ...] = ()
    parameters: dict = field(default_factory=dict)
    camps: tuple[str, ...] = ()  # the corpus's own camps ("" = the Syrian war's, CAMPS)
    raw: dict = field(default_factory=dict)


def _key_lines(root) -> dict:
    """Map top-level keys to 1-based line numbers, and ``sources`` items to theirs."""
    lines = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            lines[key.value] = key.start_mark.line + 1
            if key.value == "sources" and isinstance(value, yaml.SequenceNode):
                lines["sources[]"] = [item.start_mark.line + 1 for item in value.value]
    return lines


def _date(value, where: str) -> pd.Timestamp:
    if isinstance(value, (dt.date, dt.datetime)):
        return pd.Timestamp(value)
    try:
        return pd.Timestamp(str(value))
    except (ValueError, TypeError):
        raise CorpusError(f"{where}: window date {value!r} is not a date; write YYYY-MM-DD") from None


def load_config(corpus_dir: str | Path) -> CorpusConfig:
    """Parse ``<corpus_dir>/corpus.yml``.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder (or the corpus.yml file itself).

    Returns
    -------
    CorpusConfig

    Raises
    ------
    CorpusError
        When the file is missing, is not valid YAML, or a key is wrong; the message names the
        file, the line and the fix.
    """
    path = Path(corpus_dir)
    if path.is_file():
        path = path.parent
    file = path / CONFIG_NAME
    if not file.is_file():
        raise CorpusError(
            f"{file}: no {CONFIG_NAME} here (working folder: {Path.cwd()}); a corpus is a folder with a {CONFIG_NAME} "
            "(see README, 'The corpus model', or copy corpus/mayadin-2017/corpus.yml)"
        )
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(f"{file}:{line}: not UTF-8 (byte {exc.start}); save {CONFIG_NAME} as UTF-8") from None
    try:
        data = load_config_yaml(text)
        lines = _key_lines(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise CorpusError(f"{file}:{line}: not valid YAML ({exc.problem}); fix the syntax") from None
    except yaml.YAMLError as exc:  # the reader's errors (a control character) carry a position, no mark
        position = getattr(exc, "position", 0) or 0
        line = text[:position].count("\n") + 1
        raise CorpusError(f"{file}:{line}: not valid YAML ({reader_problem(exc)}); fix or remove that character") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{file}:1: expected a mapping of keys (name:, sources:, ...)")

    def where(key):
        return f"{file}:{lines.get(key, 1)}"

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise CorpusError(
            f"{where(unknown[0])}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(_TOP_KEYS))}"
        )
    name = data.get("name") or path.name
    if not isinstance(name, str):
        raise CorpusError(f"{where('name')}: name must be a string")

    window = None
    if data.get("window") is not None:
        win = data["window"]
        if not (isinstance(win, list) and len(win) == 2):
            raise CorpusError(f"{where('window')}: window must be [start, end], e.g. [2017-09-25, 2017-10-20]")
        window = (_date(win[0], where("window")), _date(win[1], where("window")))
        if window[0] > window[1]:
            raise CorpusError(f"{where('window')}: window starts after it ends; swap the dates")

    raw_sources = data.get("sources")
    if not raw_sources:
        # a corpus with nothing to load is a mistake, not an empty corpus
        said = "is empty" if "sources" in data else "is missing"
        raise CorpusError(
            f"{where('sources')}: 'sources:' {said}, so there is nothing to load; list at least one, "
            "e.g. 'sources:' then '  - articles: articles/' (see README, 'The corpus model')"
        )
    if not isinstance(raw_sources, list):
        raise CorpusError(f"{where('sources')}: sources must be a list of '- kind: value' items")
    source_lines = lines.get("sources[]", [])
    sources = []
    for i, item in enumerate(raw_sources):
        line = source_lines[i] if i < len(source_lines) else lines.get("sources", 1)
        kinds = [k for k in (item or {}) if k in SOURCE_KINDS] if isinstance(item, dict) else []
        if len(kinds) != 1:
            raise CorpusError(
                f"{file}:{line}: each source names exactly one of {', '.join(SOURCE_KINDS)} "
                f"(e.g. '- articles: articles/'); got {item!r}"
            )
        kind = kinds[0]
        options = {k: v for k, v in item.items() if k != kind}
        extra = sorted(set(options) - SOURCE_KINDS[kind])
        if extra:
            raise CorpusError(
                f"{file}:{line}: option {extra[0]!r} does not apply to a {kind} source; "
                f"allowed: {', '.join(sorted(SOURCE_KINDS[kind])) or 'none'}"
            )
        if kind in ("csv", "parquet") and not isinstance(options.get("columns"), dict):
            raise CorpusError(
                f"{file}:{line}: a {kind} source needs a column mapping, e.g. "
                "columns: {id: unit_id, text: body, outlet: source}"
            )
        sources.append(SourceSpec(kind, str(item[kind]), options, line))

    outlets = data.get("outlets")
    if outlets is not None and not isinstance(outlets, str):
        raise CorpusError(f"{where('outlets')}: outlets must be a path, e.g. outlets: outlets.csv")
    lexicons = data.get("lexicons") or []
    if isinstance(lexicons, str):
        lexicons = [lexicons]
    if not isinstance(lexicons, list):
        raise CorpusError(f"{where('lexicons')}: lexicons must be a list, e.g. lexicons: [syria-2017]")
    params = data.get("parameters") or {}
    if not isinstance(params, dict):
        raise CorpusError(f"{where('parameters')}: parameters must be a mapping of name: value")
    camps = data.get("camps") or []
    if not (isinstance(camps, list) and all(isinstance(c, str) and c.strip() for c in camps)):
        raise CorpusError(f"{where('camps')}: camps must be a list of names, e.g. camps: [left, right]")
    return CorpusConfig(
        path=path,
        name=name,
        description=str(data.get("description") or ""),
        window=window,
        target=str(data["target"]) if data.get("target") else None,
        target_source=str(data["target_source"]) if data.get("target_source") else None,
        outlets=(path / outlets) if outlets else None,
        language=str(data.get("language") or ""),
        sources=tuple(sources),
        lexicons=tuple(str(x) for x in lexicons),
        parameters=dict(params),
        camps=tuple(c.strip() for c in camps),
        raw=data,
    )
