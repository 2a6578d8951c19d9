"""Draw the FA-KES sample for the hand-coded war/peace-journalism validation set.

`python tools/sample_warpeace.py [--csv PATH] [--recode]` prints one line per sampled article:
slant id (`fakes-<unit_id>`), FA-KES source code, slant camp, label (1 credible, 0 fake).
With `--recode` it prints the 15 ids of the second (intra-coder) pass instead.

Design (docs/warpeace-codebook.md, lib/slant/data/annotation/README.md):
- the FA-KES `source` code is mapped to a camp through lib/slant/data/outlets.csv (id or alias);
- unit_ids that occur more than once are dropped entirely (some repeat with conflicting labels),
  and of identical article texts only the first row is kept;
- 9 articles per camp (8 camps -> 72), stratified by label: 5 credible + 4 fake in the 1st,
  3rd, ... camp (alphabetical), 4 + 5 in the others, so the sample is 36/36; a stratum that is
  too small is filled from the other label of the same camp;
- one fixed seed; the recode set is 15 ids drawn with a second fixed seed from the sample.

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT.parent / "shared" / "corpora" / "fa-kes" / "FA-KES-Dataset.csv"
OUTLETS = ROOT / "lib" / "slant" / "data" / "outlets.csv"
SEED = 20261208
RECODE_SEED = 20261209
PER_CAMP = 9
RECODE_N = 15


def camp_map() -> dict[str, str]:
    """FA-KES source code -> slant camp, matched on the outlet id or one of its aliases."""
    out: dict[str, str] = {}
    with OUTLETS.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = {row["id"].lower()} | {a.strip().lower() for a in row["aliases"].split("|")}
            for n in names:
                out.setdefault(n, row["camp"])
    return out


def load(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="latin-1") as f:
        rows = list(csv.DictReader(f))
    ids = Counter(r["unit_id"] for r in rows)
    seen: set[str] = set()
    kept = []
    for r in rows:
        text = r["article_content"].strip()
        if ids[r["unit_id"]] > 1 or text in seen:
            continue
        seen.add(text)
        kept.append(r)
    return kept


def sample(path: Path) -> list[tuple[str, str, str, str]]:
    camps = camp_map()
    strata: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for r in load(path):
        camp = camps.get(r["source"].strip().lower(), "unmapped")
        strata[camp][r["labels"].strip()].append(r)
    rng = random.Random(SEED)
    chosen = []
    for i, camp in enumerate(sorted(strata)):
        want = {"1": 5, "0": 4} if i % 2 == 0 else {"1": 4, "0": 5}
        picked: list[dict[str, str]] = []
        for label in ("1", "0"):
            pool = sorted(strata[camp][label], key=lambda r: r["unit_id"])
            picked += rng.sample(pool, min(want[label], len(pool)))
        rest = sorted((r for lab in ("1", "0") for r in strata[camp][lab] if r not in picked),
                      key=lambda r: r["unit_id"])
        picked += rng.sample(rest, min(PER_CAMP - len(picked), len(rest)))
        chosen += [(f"fakes-{r['unit_id']}", r["source"], camp, r["labels"]) for r in picked]
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--recode", action="store_true", help="print the 15 ids of the second pass")
    args = ap.parse_args()
    rows = sample(args.csv)
    if args.recode:
        ids = sorted(r[0] for r in rows)
        for i in sorted(random.Random(RECODE_SEED).sample(ids, RECODE_N)):
            print(i)
        return
    for row in rows:
        print(",".join(row))


if __name__ == "__main__":
    main()
