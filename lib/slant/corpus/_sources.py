"""Source readers: each turns one ``sources:`` entry of corpus.yml into raw rows and load issues.

Every reader returns ``(raw, issues)``: ``raw`` has ``RAW_COLUMNS`` (outlets not yet resolved),
``issues`` is a list of :func:`slant.corpus._model.issue` rows for everything skipped, repaired
or flagged. Structural mistakes that the user must fix before anything can load (a missing
column, a folder that does not exist) raise :class:`CorpusError` instead.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from ._errors import CorpusError
from ._model import RAW_COLUMNS, issue

__all__ = ["parse_front_matter", "read_articles_dir", "read_manifest", "read_table", "wire_id"]

#: Front-matter keys of an article file besides the ones that become columns.
_FRONT_EXTRA = {"note", "rewrites", "wire_credit"}
_FRONT_KEYS = {"id", "outlet", "url", "date", "title", "language"} | _FRONT_EXTRA
_TABLE_TARGETS = ("id", "outlet", "text", "title", "date", "url", "language", "wire_credit")
_REQUIRED_TARGETS = ("id", "outlet", "text")


def wire_id(credit: str) -> str:
    """Normalise a wire credit to an id: 'Reuters' -> 'reuters', 'Xinhua (cited); SANA' -> 'xinhua'."""
    first = re.split(r"[;(,/]", str(credit or ""))[0]
    return re.sub(r"[^0-9a-z]+", "-", first.casefold()).strip("-")


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RAW_COLUMNS)
    return frame.astype({"line": "int64"}) if not frame.empty else frame


def parse_front_matter(text: str, file: Path) -> tuple[dict, str, int]:
    """Split a Markdown article into (front matter, body, body's first line).

    Raises CorpusError naming the file and line when the front matter is missing or not YAML.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise CorpusError(f"{file}:1: no front matter; start the file with a '---' line, then id:, outlet:, ...")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusError(f"{file}:1: front matter is not closed; add a '---' line after it") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.MarkedYAMLError as exc:
        line = 2 + (exc.problem_mark.line if exc.problem_mark else 0)
        raise CorpusError(f"{file}:{line}: front matter is not valid YAML ({exc.problem}); fix that line") from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{file}:2: front matter must be 'key: value' lines")
    unknown = sorted(set(meta) - _FRONT_KEYS)
    if unknown:
        raise CorpusError(
            f"{file}:2: unknown front-matter key {unknown[0]!r}; known: {', '.join(sorted(_FRONT_KEYS))}"
        )
    return meta, "\n".join(lines[end + 1:]).strip(), end + 2


def read_articles_dir(folder: Path, *, label: str, language: str = "") -> tuple[pd.DataFrame, list]:
    """Read one Markdown file per article (YAML front matter: id, outlet, url, date, title, language)."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: articles folder not found; create it or fix the path in corpus.yml")
    rows, issues = [], []
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.is_dir():
            continue
        if file.suffix.lower() != ".md":
            issues.append(issue(label, file, 0, file.name, "skipped", "not a .md article file",
                                "rename it to .md with front matter, or move it out of the folder"))
            continue
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line = file.read_bytes()[: exc.start].count(b"\n") + 1
            issues.append(issue(label, file, line, file.stem, "skipped",
                                f"undecodable bytes (not UTF-8) at byte {exc.start}", "save the file as UTF-8"))
            continue
        try:
            meta, body, _ = parse_front_matter(text, file)
        except CorpusError as exc:
            line = int(re.match(r".*?:(\d+):", str(exc)).group(1))
            issues.append(issue(label, file, line, file.stem, "skipped", str(exc).split(": ", 1)[1],
                                "fix the front matter"))
            continue
        missing = [k for k in ("id", "outlet") if not meta.get(k)]
        if missing:
            issues.append(issue(label, file, 2, file.stem, "skipped", f"front matter has no {missing[0]!r}",
                                f"add '{missing[0]}: ...' to the front matter"))
            continue
        rows.append({
            "id": str(meta["id"]), "outlet_name": str(meta["outlet"]), "date": meta.get("date"),
            "title": str(meta.get("title") or ""), "text": body, "url": str(meta.get("url") or ""),
            "language": str(meta.get("language") or language), "line": 1,
            "wire_credit": wire_id(meta.get("wire_credit") or ""), "file": str(file),
        })
    frame = _frame(rows)
    frame["file"] = [r["file"] for r in rows]
    return frame, issues


def _decode(path: Path, encoding: str, label: str) -> tuple[str, list]:
    data = path.read_bytes()
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode(encoding, errors="replace")
        note = issue(label, path, line, path.name, "repaired",
                     f"bytes not valid {encoding} from line {line} on, replaced with U+FFFD",
                     "set 'encoding:' for this source in corpus.yml (e.g. latin-1 or cp1252)")
        return text, [note]


def read_table(path: Path, *, label: str, columns: dict, encoding: str = "utf-8",
               language: str = "", fmt: str | None = None) -> tuple[pd.DataFrame, list]:
    """Read a CSV or JSONL file with a column mapping ``{target: column in the file}``."""
    if not path.is_file():
        raise CorpusError(f"{path}: file not found; fix the path of this source in corpus.yml")
    unknown = sorted(set(columns) - set(_TABLE_TARGETS))
    if unknown:
        raise CorpusError(f"{path}: mapping names unknown column {unknown[0]!r}; targets are {', '.join(_TABLE_TARGETS)}")
    missing = [t for t in _REQUIRED_TARGETS if t not in columns]
    if missing:
        raise CorpusError(f"{path}: the columns mapping has no {missing[0]!r}; map it to a column of the file")
    text, issues = _decode(path, encoding, label)
    fmt = fmt or ("jsonl" if path.suffix.lower() in {".jsonl", ".ndjson"} else "csv")
    records = []  # (line, dict)
    if fmt == "jsonl":
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((line_no, json.loads(line)))
            except json.JSONDecodeError as exc:
                issues.append(issue(label, path, line_no, f"line {line_no}", "skipped",
                                    f"not valid JSON ({exc.msg})", "fix or remove that line"))
        header = set().union(*(r.keys() for _, r in records)) if records else set()
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = set(reader.fieldnames or [])
        line_no = 2
        for row in reader:
            records.append((line_no, row))
            line_no = reader.line_num + 1
    absent = [c for c in columns.values() if c not in header]
    if absent and (records or fmt == "csv"):
        raise CorpusError(
            f"{path}:1: column {absent[0]!r} (mapped in corpus.yml) is not in the file; "
            f"its columns are {', '.join(sorted(header))}"
        )
    rows = []
    for line_no, rec in records:
        value = {t: rec.get(c) for t, c in columns.items()}
        if "\ufffd" in str(value.get("text") or ""):
            issues.append(issue(label, path, line_no, value.get("id"), "repaired",
                                "undecodable bytes replaced with U+FFFD in its text",
                                "set 'encoding:' for this source in corpus.yml"))
        rows.append({
            "id": str(value.get("id") or "").strip(), "outlet_name": str(value.get("outlet") or "").strip(),
            "date": value.get("date"), "title": str(value.get("title") or ""),
            "text": str(value.get("text") or ""), "url": str(value.get("url") or ""),
            "language": str(value.get("language") or language), "line": line_no,
            "wire_credit": wire_id(value.get("wire_credit") or ""),
        })
    return _frame(rows), issues


def read_manifest(path: Path, *, label: str, corpus_name: str, mirror: Path | None, store: Path,
                  language: str = "") -> tuple[pd.DataFrame, list]:
    """Read a manifest of URLs and the texts hydrated for it (mirror first, then the fetch store).

    A row whose text is in neither place is listed as skipped with the fetch status's reason.
    """
    from ._hydrate import load_status, read_mirror_item

    if not path.is_file():
        raise CorpusError(f"{path}: manifest not found; fix the path in corpus.yml")
    manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("id", "url", "outlet"):
        if col not in manifest.columns:
            raise CorpusError(f"{path}:1: manifest has no {col!r} column; add it (see README, 'Manifests')")
    status = load_status(store).set_index("id") if store.exists() else None
    mirror_dir = Path(mirror) / corpus_name if mirror else None
    rows, issues = [], []
    for i, rec in enumerate(manifest.to_dict("records"), start=2):
        item = None
        if mirror_dir is not None:
            try:
                item = read_mirror_item(mirror_dir, rec["id"])
            except CorpusError as exc:
                issues.append(issue(label, mirror_dir, 0, rec["id"], "skipped", str(exc), "fix or delete the file"))
                continue
        if item is None and (store / f"{rec['id']}.json").is_file():
            item = json.loads((store / f"{rec['id']}.json").read_text(encoding="utf-8"))
        if item is None:
            if status is not None and rec["id"] in status.index:
                st = status.loc[rec["id"]]
                why = f"not fetched ({st['status']}: {st['reason'] or st['http_status']})"
            else:
                why = "not fetched (slant fetch has not been run for it)"
            issues.append(issue(label, path, i, rec["id"], "skipped", why,
                                f"run `slant fetch` with a network, or put {rec['id']}.txt/.json/.html "
                                f"in {mirror_dir or '<mirror>/' + corpus_name}"))
            continue
        rows.append({
            "id": rec["id"], "outlet_name": rec["outlet"], "date": rec.get("date") or item.get("date"),
            "title": str(item.get("title") or rec.get("title") or ""), "text": str(item.get("text") or ""),
            "url": rec["url"], "language": rec.get("language") or language, "line": i,
            "wire_credit": wire_id(rec.get("wire_agency") or ""),
        })
    return _frame(rows), issues
