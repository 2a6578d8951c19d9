"""Corpus stage: a registry of public datasets, fetched and verified like sklearn's ``fetch_*``.

``fetch_dataset`` returns the path of a local copy whose sha256 matches the registry: from a mirror
folder, the cache, or a download. ``load_dataset`` reads it into a raw table (``RAW_COLUMNS`` plus
the dataset's own columns) and a list of load-report rows (``issue(...)`` dicts). Each dataset's
reader lives in its own module (FA-KES: `slant.corpus._fakes`).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from ._errors import CorpusError
from ._fakes import FAKES_COLUMNS, WIRE_AGENCIES, detect_wire_credit, read_fakes, repair_mangled

__all__ = [
    "DATASETS",
    "FAKES_COLUMNS",
    "WIRE_AGENCIES",
    "DatasetSpec",
    "default_cache",
    "default_mirror",
    "detect_wire_credit",
    "fetch_dataset",
    "load_dataset",
    "read_fakes",
    "repair_mangled",
]

#: Seconds to wait for the server at each network step (connect, each read) before giving up.
DOWNLOAD_TIMEOUT = 60
#: Bytes read per step when downloading or hashing.
CHUNK_BYTES = 1 << 16


@dataclass(frozen=True)
class DatasetSpec:
    """Where a dataset lives, how to verify it and how to read it."""

    name: str  # registry key, e.g. "fa-kes"
    filename: str  # file name in the mirror, the cache and the download
    url: str  # canonical download address (tried last when other_urls are given)
    sha256: str  # of the known good copy
    license: str
    citation: str
    description: str
    mirror_subdir: str  # <mirror>/<mirror_subdir>/<filename>
    reader: Callable[[Path, DatasetSpec], tuple[pd.DataFrame, list[dict]]]  # path -> (raw, issues)
    other_urls: tuple[str, ...] = ()  # exact copies of the known file, tried before url

    @property
    def download_urls(self) -> tuple[str, ...]:
        """Addresses to try in order: exact copies first, then the canonical one."""
        return (*self.other_urls, self.url)


def default_mirror() -> Path | None:
    """The mirror folder from ``$SLANT_MIRROR``, or None."""
    value = os.environ.get("SLANT_MIRROR", "").strip()
    return Path(value) if value else None


def default_cache() -> Path:
    """The cache root: ``$SLANT_CACHE``, else ``~/.cache/slant``.

    Datasets are kept in ``<cache>/datasets/<name>/``.
    """
    root = os.environ.get("SLANT_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "slant"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(path: Path, spec: DatasetSpec, fix: str) -> Path:
    actual = _sha256(path)
    if actual != spec.sha256:
        raise CorpusError(
            f"{path}: sha256 {actual} does not match the expected sha256 {spec.sha256} of "
            f"dataset {spec.name!r}; {fix}"
        )
    return path


def _download(spec: DatasetSpec, url: str, target: Path, *, progress: bool) -> None:
    """Stream url into a temporary file beside target, check it, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, part = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".part", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response,
        ):
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(
                total=total, unit="B", unit_scale=True, desc=spec.filename, disable=not progress
            ) as bar:
                while chunk := response.read(CHUNK_BYTES):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != spec.sha256:
            raise CorpusError(
                f"{url}: downloaded sha256 {digest.hexdigest()} does not match the expected "
                f"sha256 {spec.sha256} of dataset {spec.name!r}; nothing was saved. The server may "
                f"hold another version: set SLANT_MIRROR or --mirror to a folder holding "
                f"{spec.mirror_subdir}/{spec.filename} from a good copy"
            )
        os.replace(part, target)
    finally:
        if os.path.exists(part):
            os.remove(part)


def fetch_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> Path:
    """Return the path of a verified local copy of a registered dataset.

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"fa-kes"`` (see ``DATASETS``).
    mirror : Path, optional
        Folder holding ``<mirror_subdir>/<filename>`` (default ``$SLANT_MIRROR``); checked first.
    cache : Path, optional
        Cache root (default ``default_cache()``); the copy lives in ``<cache>/datasets/<name>/``.
    download : bool
        Download from ``spec.download_urls`` (in order) into the cache when no copy is found.
    progress : bool
        Show a tqdm progress bar while downloading.

    Returns
    -------
    Path
        A file whose sha256 equals ``spec.sha256``.

    Raises
    ------
    CorpusError
        Unknown name; a copy whose sha256 differs (never used); no copy and no download.
    """
    spec = _spec(name)
    if mirror is None:
        mirror = default_mirror()
    mirror_path = None if mirror is None else Path(mirror) / spec.mirror_subdir / spec.filename
    cache_path = Path(cache if cache is not None else default_cache()) / "datasets" / spec.name
    cache_path = cache_path / spec.filename
    if mirror_path is not None and mirror_path.is_file():
        return _verify(mirror_path, spec, "point --mirror / SLANT_MIRROR at a good copy")
    if cache_path.is_file():
        return _verify(cache_path, spec, "delete it and run `slant fetch` again")
    if download:
        failures = []
        for url in spec.download_urls:
            try:
                _download(spec, url, cache_path, progress=progress)
                return cache_path
            # URLError, HTTPError, timeouts and disk errors are OSErrors; a cut-off body is not;
            # a checksum mismatch (CorpusError) is reported with the rest, never ignored
            except (OSError, http.client.HTTPException, CorpusError) as error:
                failures.append(f"the download from {url} failed: {error}")
        failure = "; ".join(failures)
    else:
        failure = "downloading was turned off (download=False)"
    looked = f"mirror {mirror_path} (not found)" if mirror_path else "no mirror (none set)"
    raise CorpusError(
        f"dataset {spec.name!r} not found: looked in {looked} and cache {cache_path} (not found); "
        f"{failure}. Fix: run `slant fetch CORPUS` (a corpus that lists dataset: {spec.name}) on a machine with internet, or set "
        f"SLANT_MIRROR / --mirror to a folder holding {spec.mirror_subdir}/{spec.filename}"
    )


def load_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> tuple[pd.DataFrame, list[dict]]:
    """Fetch a dataset (see ``fetch_dataset``) and read it with its reader.

    Returns
    -------
    raw : DataFrame
        ``RAW_COLUMNS`` then the dataset's own columns (FA-KES: ``FAKES_COLUMNS``), in file order.
    issues : list of dict
        One ``issue(...)`` row per article skipped, repaired or flagged.
    """
    spec = _spec(name)
    path = fetch_dataset(name, mirror=mirror, cache=cache, download=download, progress=progress)
    return spec.reader(path, spec)


def _spec(name: str) -> DatasetSpec:
    if name not in DATASETS:
        known = ", ".join(sorted(DATASETS))
        raise CorpusError(f"unknown dataset {name!r}; known datasets: {known}")
    return DATASETS[name]


DATASETS: dict[str, DatasetSpec] = {
    "fa-kes": DatasetSpec(
        name="fa-kes",
        filename="FA-KES-Dataset.csv",
        # Zenodo is the canonical home, but its listed md5 (55d0ec45...) differs from the known
        # copy's: the exact copy at a pinned GitHub commit is tried first (../shared SOURCE.md).
        url="https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1",
        other_urls=(
            "https://raw.githubusercontent.com/janardankeny/Fake_news_detection_chrome_extension/"
            "156ef3742f1536dcc906265a63b6cba63d4325cf/FA-KES-Dataset.csv",
        ),
        sha256="469f11ebebd4e887e6d37c3ae723c9382e0de4aa4b9d89b81c965538e927270e",
        license="CC BY 4.0",
        citation=(
            "Fatima K. Abu Salem, Roaa Al Feel, Shady Elbassuoni, Mohamad Jaber, May Farah. 2019. "
            "FA-KES: A Fake News Dataset around the Syrian War. Proceedings of ICWSM 2019, "
            "13(01):573-582. doi:10.1609/icwsm.v13i01.3254. Data: doi:10.5281/zenodo.2607278."
        ),
        description=(
            "804 English news articles (792 distinct) on casualty incidents of the Syrian war, "
            "2011-2018, from 15 outlets, each labelled credible or fake by matching "
            "crowd-extracted facts against the Syrian Violations Documentation Center."
        ),
        mirror_subdir="fa-kes",
        reader=read_fakes,
    ),
}
