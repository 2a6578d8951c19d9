"""Corpus stage: hydrate a manifest of article URLs into a local store.

Input: a manifest table, one row per article, with ``id``, ``url`` and any
metadata columns (``outlet``, ``date``, ...). Output, in the store folder:
``<id>.json`` per article (the manifest row's fields plus ``title``, ``text``,
``fetched_from``, ``via``, ``checked_at``) and ``fetch-status.csv``, one row
per manifest id with ``STATUS_COLUMNS``.

Each article's text comes, in this order, from the store (an earlier run), a
local mirror folder, the live web page, or the Wayback Machine (requests and
text extraction: `slant.corpus._web`). Every row gets one status, so nothing is
dropped silently.
"""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from tqdm import tqdm

from slant import __version__
from slant.corpus._errors import CorpusError
from slant.corpus._web import _download, _extract, _FetchError, _Network, _wayback_snapshot

__all__ = ["STATUS_COLUMNS", "FetchSettings", "hydrate_manifest", "load_status", "read_mirror_item"]

USER_AGENT = f"slant/{__version__} (news framing research; +https://example.invalid/slant)"
STATUS_FILE = "fetch-status.csv"
STATUS_COLUMNS = [
    "id", "url", "status", "via", "http_status", "final_url", "bytes", "reason", "checked_at",
]
# Rewrite fetch-status.csv after this many downloads, so a killed run loses little.
_CHECKPOINT_EVERY = 20
# ids become file names: word characters, '.', '-'; no separators, no leading dot.
_SAFE_ID = re.compile(r"\w[\w.-]*")


@dataclass(frozen=True)
class FetchSettings:
    """How `hydrate_manifest` talks to the web.

    Parameters
    ----------
    timeout : float
        Seconds allowed per request (connect, and reading the whole body).
    max_bytes : int
        Size cap of a response body; a bigger page is recorded as failed.
    user_agent : str
        Sent with every request, so sites can tell who is asking.
    wayback : bool
        When the live page fails, try its closest Wayback Machine snapshot.
    wayback_api : str
        Availability API template with ``{url}`` and ``{timestamp}`` fields.
    workers : int
        Parallel downloads.
    offline_after : int
        After this many URLs in a row fail to connect, with no response from
        any server yet, stop using the network (the rest are ``not_fetched``).
    host_delay : float
        Seconds between two requests to the same host.
    """

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT
    wayback: bool = True
    wayback_api: str = "https://archive.org/wayback/available?url={url}&timestamp={timestamp}"
    workers: int = 4
    offline_after: int = 5
    host_delay: float = 1.0

    def __post_init__(self):
        for name in ("timeout", "max_bytes", "workers", "offline_after", "host_delay"):
            value = getattr(self, name)
            if value < 0 or (value == 0 and name != "host_delay"):
                raise CorpusError(f"FetchSettings: {name} must be positive, not {value!r}")


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _status(record, status, *, via="", http_status=None, final_url="", nbytes=None, reason=""):
    return {"id": str(record["id"]), "url": _text(record.get("url")), "status": status,
            "via": via, "http_status": http_status, "final_url": final_url, "bytes": nbytes,
            "reason": reason, "checked_at": _now()}


def _text(value):
    return "" if _plain(value) is None else str(value)


def _plain(value):
    """A manifest cell as a JSON value (NaN -> null, numpy scalars -> Python)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _mirror_path(folder, item_id):
    for suffix in (".json", ".txt", ".html"):
        path = Path(folder) / f"{item_id}{suffix}"
        if path.is_file():
            return path
    return None


def read_mirror_item(folder: Path, item_id: str) -> dict | None:
    """Read one article from a local mirror folder.

    Parameters
    ----------
    folder : Path
        Mirror folder holding ``<id>.json``, ``<id>.txt`` or ``<id>.html``.
    item_id : str
        Manifest id of the article.

    Returns
    -------
    dict or None
        At least ``title`` and ``text`` (plus any other fields of a JSON
        file), or None when the folder has no file for this id. When several
        exist, JSON wins over TXT over HTML. A TXT file's first line is taken
        as the title when it starts with ``Title:``.

    Raises
    ------
    CorpusError
        A JSON file that is invalid or has no ``text``, or an HTML file from
        which no article text can be extracted.
    """
    path = _mirror_path(folder, item_id)
    if path is None:
        return None
    if path.suffix == ".json":
        try:
            item = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise CorpusError(f"{path}: not valid JSON ({error}); fix or delete the file") from None
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            raise CorpusError(f"{path}: no 'text' field; add the article text as \"text\", "
                              f"or save it as {item_id}.txt instead")
        return {**item, "title": item.get("title") or ""}
    if path.suffix == ".txt":
        text = path.read_text(encoding="utf-8").strip()
        first, _, rest = text.partition("\n")
        if first.startswith("Title:"):
            return {"title": first[len("Title:"):].strip(), "text": rest.strip()}
        return {"title": "", "text": text}
    item = _extract(path.read_bytes(), None)
    if item is None:
        raise CorpusError(f"{path}: no article text could be extracted; save the article page "
                          f"itself, or paste its text into {item_id}.txt")
    return item


def _fetch_web(record, *, store, settings, network):
    """Live page, then Wayback; store the article and return its status row."""
    if network.offline_reason:
        return _status(record, "not_fetched", reason=f"no network: {network.offline_reason}")
    url, via, reason = str(record["url"]), "web", ""
    try:
        try:
            item, final_url, code, nbytes = _download(url, settings=settings, network=network)
        except _FetchError as live:
            if not (settings.wayback and live.archive) or network.offline_reason:
                raise
            try:
                snapshot = _wayback_snapshot(url, _text(record.get("date")), settings=settings,
                                             network=network)
                item, final_url, code, nbytes = _download(snapshot, settings=settings,
                                                          network=network)
            except _FetchError as archived:
                raise _FetchError(f"{live.reason}; Wayback: {archived.reason}",
                                  http_status=live.http_status, final_url=live.final_url,
                                  unreachable=live.unreachable and archived.unreachable) from None
            via, reason = "wayback", f"live page failed: {live.reason}"
    except _FetchError as failure:
        network.count(failure)
        return _status(record, "failed", http_status=failure.http_status,
                       final_url=failure.final_url, reason=failure.reason)
    except Exception as error:  # noqa: BLE001 (one odd page must not end a run of hundreds)
        return _status(record, "failed", reason=f"unexpected {type(error).__name__}: {error}")
    network.count(None)
    _store_item(store, record, item, fetched_from=final_url, via=via)
    return _status(record, "fetched", via=via, http_status=code, final_url=final_url,
                   nbytes=nbytes, reason=reason)


def _store_item(store, record, item, *, fetched_from, via):
    data = {str(key): _plain(value) for key, value in record.items()}
    data.update({key: value for key, value in item.items() if key not in data})
    data.update(title=item.get("title") or "", text=item["text"], fetched_from=fetched_from,
                via=via, checked_at=_now())
    path = store / f"{record['id']}.json"
    partial = path.with_name(path.name + ".part")  # write then rename: never a half file
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str),
                       encoding="utf-8")
    os.replace(partial, path)


def _local_status(record, *, store, mirror, network, refetch):
    """Status from the store, the mirror or the URL alone; None when the web is needed."""
    item_id = str(record["id"])
    stored = store / f"{item_id}.json"
    if stored.is_file() and not refetch:
        try:
            earlier = json.loads(stored.read_text(encoding="utf-8"))
        except ValueError:
            earlier = None  # unreadable: fetch it again
        if isinstance(earlier, dict):
            return _status(record, "fetched", via="store", nbytes=stored.stat().st_size,
                           final_url=_text(earlier.get("fetched_from")),
                           reason=f"stored earlier via {earlier.get('via') or 'unknown'}")
    if mirror is not None:
        item = read_mirror_item(mirror, item_id)
        if item is not None:
            source = _mirror_path(mirror, item_id)
            _store_item(store, record, item, fetched_from=str(source), via="mirror")
            return _status(record, "fetched", via="mirror", final_url=str(source),
                           nbytes=source.stat().st_size)
    url = _text(record.get("url")).strip()
    if not url:
        return _status(record, "skipped", reason="no URL in the manifest")
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as error:
        return _status(record, "skipped", reason=f"not a valid URL: {error}")
    if scheme not in ("http", "https"):
        return _status(record, "skipped", reason=f"not an http(s) URL: {scheme or '(none)'}")
    if not network:
        return _status(record, "not_fetched", reason="network disabled (--offline)")
    return None


def _check_manifest(manifest):
    label = manifest.attrs.get("path", "manifest")
    for column in ("id", "url"):
        if column not in manifest.columns:
            found = ", ".join(map(str, manifest.columns))
            raise CorpusError(f"{label}: no '{column}' column (found: {found}); "
                              f"add an '{column}' column to the header line")
    first_line = {}
    for line, value in enumerate(manifest["id"], start=2):  # line 1 is the header
        item_id = _text(value)
        if not item_id.strip():
            raise CorpusError(f"{label}:{line}: empty id; give every row an id")
        if not _SAFE_ID.fullmatch(item_id):
            raise CorpusError(f"{label}:{line}: id {item_id!r} cannot be a file name; "
                              f"use letters, digits, '_', '.' and '-' only")
        if item_id in first_line:
            raise CorpusError(f"{label}:{line}: duplicate id {item_id!r} (first on line "
                              f"{first_line[item_id]}); give each row its own id")
        first_line[item_id] = line


def _status_frame(rows):
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for column in ("http_status", "bytes"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _write_status(store, records, statuses):
    rows = [status or _status(record, "not_fetched", reason="run stopped before this row")
            for record, status in zip(records, statuses)]
    frame = _status_frame(rows)
    path = store / STATUS_FILE
    partial = path.with_name(path.name + ".part")
    frame.sort_values("id", kind="stable").to_csv(partial, index=False)
    os.replace(partial, path)
    return frame


def hydrate_manifest(manifest: pd.DataFrame, *, store: Path, mirror: Path | None = None,
                     settings: FetchSettings = FetchSettings(), network: bool = True,
                     refetch: bool = False, progress: bool = True) -> pd.DataFrame:
    """Get each manifest article's text into the store, recording one status per row.

    Parameters
    ----------
    manifest : DataFrame
        One row per article with ``id`` and ``url``; other columns are copied
        into the stored JSON. ``date``, when present, picks the Wayback
        snapshot. ``manifest.attrs["path"]`` names the file in error messages.
    store : Path
        Folder for ``<id>.json`` and ``fetch-status.csv`` (created if absent).
    mirror : Path, optional
        Local folder read with `read_mirror_item` before trying the web.
    settings : FetchSettings
        Timeouts, size cap, Wayback, parallelism, offline detection.
    network : bool
        False: never touch the network (rows still missing are ``not_fetched``).
    refetch : bool
        Ignore articles already in the store.
    progress : bool
        Show a progress bar.

    Returns
    -------
    DataFrame
        ``STATUS_COLUMNS``, one row per manifest row, in manifest order (the
        file is sorted by id). ``status``: fetched, failed, skipped or
        not_fetched; ``via``: web, wayback, mirror, store or empty; ``bytes``:
        size of what was read (HTTP body, mirror file or stored JSON).

    Raises
    ------
    CorpusError
        No id or url column, an empty, duplicate or unsafe id, or a broken
        mirror file.
    """
    _check_manifest(manifest)
    store = Path(store)
    store.mkdir(parents=True, exist_ok=True)
    records = manifest.to_dict("records")
    statuses = [None] * len(records)
    bar = tqdm(total=len(records), disable=not progress, desc="hydrate", unit="article")
    pool = None
    try:
        web = []
        for index, record in enumerate(records):
            statuses[index] = _local_status(record, store=store, mirror=mirror,
                                            network=network, refetch=refetch)
            if statuses[index] is None:
                web.append(index)
            else:
                bar.update()
        if web:
            shared = _Network(settings)
            pool = ThreadPoolExecutor(max_workers=settings.workers)
            futures = {pool.submit(_fetch_web, records[index], store=store, settings=settings,
                                   network=shared): index for index in web}
            for done, future in enumerate(as_completed(futures), start=1):
                statuses[futures[future]] = future.result()
                bar.update()
                if done % _CHECKPOINT_EVERY == 0:
                    _write_status(store, records, statuses)
            pool.shutdown()
    except BaseException:  # KeyboardInterrupt too: drop queued downloads, keep what is done
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
        frame = _write_status(store, records, statuses)
    return frame


def load_status(store: Path) -> pd.DataFrame:
    """Read ``<store>/fetch-status.csv``.

    Parameters
    ----------
    store : Path
        Store folder written by `hydrate_manifest`.

    Returns
    -------
    DataFrame
        ``STATUS_COLUMNS``, sorted by id; empty when the file does not exist.

    Raises
    ------
    CorpusError
        The file lacks one of the status columns.
    """
    path = Path(store) / STATUS_FILE
    if not path.is_file():
        return _status_frame([])
    text_columns = [column for column in STATUS_COLUMNS if column not in ("http_status", "bytes")]
    frame = pd.read_csv(path, dtype={column: str for column in text_columns}, keep_default_na=False,
                        na_values={"http_status": [""], "bytes": [""]})
    missing = [column for column in STATUS_COLUMNS if column not in frame.columns]
    if missing:
        raise CorpusError(f"{path}: no column {', '.join(missing)}; delete the file and rerun "
                          f"the hydration to rebuild it")
    return _status_frame(frame[STATUS_COLUMNS].to_dict("records"))
