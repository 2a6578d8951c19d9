"""Lexicons stage: compiled lexicons kept on disk, so that a command does not compile them again.

Compiling the bundled lexicons (every pattern's inflected forms in five languages: 231,000 keys)
takes 1.5-4 s, a large part of ``slant score`` on a small or medium corpus; reading the compiled
:class:`Lexicon` back (pickle) takes ~0.01 s. The cache key is a sha256 of what the compiled
lexicon depends on: the lexicon files and their language files (bytes and names), and every
source and data file of the installed slant package (a changed rule, language file or slant
version gives a new key). Entries live in ``<cache>/lexicons/<key>.pickle``
(:func:`slant.corpus.default_cache`); a missing, unreadable or stale entry is compiled again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

__all__ = ["cache_key", "read_cached", "write_cached"]

#: Stored format of an entry; a new format gives new keys.
_FORMAT = b"slant-lexicon-cache-1"


@lru_cache(maxsize=1)
def _package_digest() -> bytes:
    """sha256 of every source and data file of the slant package (names and bytes), once per
    process (~200 small files)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".csv",
                                                                                     ".txt", ".json"}):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.digest()


def cache_key(files: list[Path], names: list[str]) -> str:
    """The key of a compiled lexicon: its files' paths (the entries name them) and bytes, the
    names asked, the package."""
    digest = hashlib.sha256(_FORMAT + _package_digest())
    for name in names:
        digest.update(b"\0name\0" + str(name).encode())
    for file in files:
        digest.update(b"\0file\0" + str(file.resolve()).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _entry(key: str) -> Path:
    from ..corpus import default_cache

    return default_cache() / "lexicons" / f"{key}.pickle"


def read_cached(key: str):
    """The compiled lexicon stored under ``key``, or None (absent or unreadable)."""
    path = _entry(key)
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None


def write_cached(key: str, lexicon) -> None:
    """Store a compiled lexicon (its automata and caches left out); a cache that cannot be
    written is skipped (the next command compiles again)."""
    path = _entry(key)
    state = lexicon.__dict__.copy()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(type(lexicon)(entries=state["entries"], patterns=state["patterns"],
                                      languages=state["languages"]), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: two commands may write the same entry
    except OSError:
        return
