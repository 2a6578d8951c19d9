"""Mutation testing of slant's core modules with mutmut 3: `make mutate [MODULES="voice rewrite"]`.

Each core module is mutated with the narrow set of test files that exercise it, in a work
folder of its own, `.mutants/<module>/` (gitignored), which holds a copy of the package: the
tracked files are never edited, so an interrupted run leaves the checkout as it was. mutmut
only imports code from `./`, `src/` or `source/`, so the copy of `lib/slant` goes to
`src/slant`; the tests, `corpus/` and `../shared` are linked beside it so that the tests'
paths (`conftest.ROOT`, `SHARED`) resolve as in the checkout.

Prints one row per module: mutants, killed, survived, no tests (the selected tests never call
the mutated function), timeout, and the kill rate, (killed + timeout) / mutants. The
survivors are listed in `.mutants/<module>/survivors.txt`; `cd .mutants/<module> &&
mutmut show <name>` prints a survivor's diff. Equivalent survivors are in docs/mutation.md.
After adding tests, `--recheck` tests only the last run's survivors again (valid while lib/ is
unchanged: a killed mutant stays killed when tests are only added).

Uses only the standard library and mutmut (run from the same interpreter's bin folder).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutants"

#: module -> (files under lib/slant to mutate, test files that exercise them). Each module's
#: own mutant-killing tests, tests/test_mutants_<module>.py, are added when present.
MODULES = {
    "matching": (["lexicons/_matching.py"],
                 ["tests/test_lexicons.py", "tests/test_scoring.py", "tests/test_lexicon_content.py"]),
    "voice": (["voice/_quotes.py", "voice/_reported.py", "voice/_speakers.py", "voice/_marks.py"],
              ["tests/test_voice.py", "tests/test_framing_attribution.py", "tests/test_multilingual.py"]),
    "logodds": (["contrast/_logodds.py"], ["tests/test_contrast.py"]),
    "camp": (["classify/_camp.py"], ["tests/test_classify.py"]),
    "rewrite": (["framing/_rewrite.py"], ["tests/test_framing_rewrite.py", "tests/test_text.py"]),
    "scores": (["scoring/_scores.py"], ["tests/test_scoring.py"]),
}

#: pytest options for every run: the `slow` tests run notebooks or a full FA-KES
#: cross-validation (minutes each), which mutation testing would repeat per mutant.
PYTEST_ARGS = ["-m", "not slow", "-p", "no:cacheprovider", "-q", "-x"]

#: mutmut's timeout is CPU time (RLIMIT_CPU), so a busy machine does not turn slow mutants
#: into timeouts: multiplier x the clean run's time of the mutant's tests, plus a constant.
TIMEOUT_MULTIPLIER = 10.0
TIMEOUT_CONSTANT = 5.0

#: mutmut statuses counted as detected; "no tests" and "survived" are not.
DETECTED = ("killed", "timeout", "caught by type check", "segfault")


def _toml_list(items) -> str:
    return "[" + ", ".join(json.dumps(str(i)) for i in items) + "]"


def prepare(name: str, shared: Path | None) -> Path:
    """A fresh work folder for one module: package copy, links, pyproject with [tool.mutmut]."""
    files, tests = MODULES[name]
    extra = ROOT / "tests" / f"test_mutants_{name}.py"
    tests = tests + ([f"tests/{extra.name}"] if extra.is_file() else [])
    work = WORK / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "lib" / "slant", work / "src" / "slant",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (work / "tests").symlink_to(ROOT / "tests")
    (work / "corpus").symlink_to(ROOT / "corpus")
    if shared is not None:
        # conftest.SHARED is the tests' grandparent's sibling: mutants/../shared
        (work / "shared").symlink_to(shared)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text += (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/"]\n'
        f"only_mutate = {_toml_list('src/slant/' + f for f in files)}\n"
        'also_copy = ["corpus"]\n'
        f"pytest_add_cli_args = {_toml_list(PYTEST_ARGS)}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(tests)}\n"
        f"timeout_multiplier = {TIMEOUT_MULTIPLIER}\n"
        f"timeout_constant = {TIMEOUT_CONSTANT}\n"
        "use_git_change_detection = false\n"
    )
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    return work


def _mutmut() -> str:
    found = Path(sys.executable).parent / "mutmut"
    return str(found) if found.exists() else "mutmut"


def run(name: str, work: Path, jobs: int, mutants=()) -> int:
    """Run mutmut in the work folder (all mutants, or the named ones); output to work/run.log."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the mutated copy, not the checkout, must be imported
    with open(work / "run.log", "w", encoding="utf-8") as log:
        done = subprocess.run([_mutmut(), "run", "--max-children", str(jobs), *mutants],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                              check=False)
    return done.returncode


def results(work: Path) -> dict[str, str]:
    """mutant name -> mutmut status, from `mutmut results --all true`."""
    out = subprocess.run([_mutmut(), "results", "--all", "true"], cwd=work, capture_output=True,
                         text=True, check=False).stdout
    statuses = {}
    for line in out.splitlines():
        key, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in key:
            statuses[key] = status
    return statuses


def summarise(name: str, statuses: dict[str, str]) -> dict:
    counts = Counter(statuses.values())
    total = len(statuses)
    detected = sum(counts[s] for s in DETECTED)
    checked = total - counts["not checked"]  # a run stopped early leaves some unchecked
    return {"module": name, "mutants": total, "killed": counts["killed"],
            "survived": counts["survived"], "no_tests": counts["no tests"],
            "timeout": counts["timeout"],
            "other": total - counts["killed"] - counts["survived"] - counts["no tests"]
            - counts["timeout"] - counts["not checked"],
            "unchecked": counts["not checked"],
            "kill_rate": detected / checked if checked else float("nan")}


def print_table(rows: list[dict]) -> None:
    head = f"{'module':<10}{'mutants':>8}{'killed':>8}{'survived':>9}{'no tests':>9}" \
           f"{'timeout':>8}{'other':>6}{'kill rate':>10}"
    if any(r["unchecked"] for r in rows):
        print("(unchecked mutants: a run stopped early or still running; the kill rate is over "
              "the mutants checked)")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['module']:<10}{r['mutants']:>8}{r['killed']:>8}{r['survived']:>9}"
              f"{r['no_tests']:>9}{r['timeout']:>8}{r['other']:>6}{r['kill_rate']:>10.1%}"
              + (f"  ({r['unchecked']} unchecked)" if r["unchecked"] else ""))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"a subset of {', '.join(MODULES)}")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="mutants tested at once (mutmut --max-children)")
    parser.add_argument("--report-only", action="store_true",
                        help="print the table of the last run without running mutmut")
    parser.add_argument("--recheck", action="store_true",
                        help="test only the last run's survivors again (after adding tests; "
                             "valid while lib/ is unchanged): killed mutants stay killed")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    names = args.modules or list(MODULES)
    shared = ROOT.parent / "shared"
    shared = shared.resolve() if shared.is_dir() else None
    if shared is None:
        print("mutate: ../shared is absent; the tests needing it skip, so fewer mutants die",
              file=sys.stderr)
    rows, failed = [], []
    for name in names:
        work = WORK / name
        last = work / "statuses.json"
        if last.is_file():
            previous = json.loads(last.read_text(encoding="utf-8"))
        else:
            previous = results(work) if (work / "mutants").is_dir() else {}
        if args.recheck and not previous:
            print(f"mutate: {name} has no last run to recheck; running all its mutants",
                  file=sys.stderr)
        again = sorted(k for k, s in previous.items() if s not in DETECTED) if args.recheck else []
        if not args.report_only and (not args.recheck or again or not previous):
            start = time.monotonic()
            work = prepare(name, shared)
            print(f"mutate: {name} ... ", end="", flush=True)
            code = run(name, work, args.jobs, again)
            print(f"{time.monotonic() - start:.0f} s (log: {work.relative_to(ROOT)}/run.log)")
            if code != 0:
                failed.append(name)
        if args.report_only:
            statuses = previous
        else:
            statuses = results(work) if work.is_dir() else {}
            if again:
                statuses = {**previous, **{k: statuses.get(k, "not checked") for k in again}}
            if statuses:
                (work / "statuses.json").write_text(json.dumps(statuses, indent=0),
                                                    encoding="utf-8")
        if not statuses:
            failed.append(name)
            continue
        survivors = sorted(k for k, s in statuses.items() if s not in DETECTED)
        (work / "survivors.txt").write_text(
            "".join(f"{k}: {statuses[k]}\n" for k in survivors), encoding="utf-8")
        rows.append(summarise(name, statuses))
    print()
    print_table(rows)
    print("\nsurvivors: .mutants/<module>/survivors.txt; a diff: cd .mutants/<module> && "
          "mutmut show <name>; equivalent ones: docs/mutation.md")
    if failed:
        print(f"mutate: mutmut failed or found nothing for {', '.join(sorted(set(failed)))}; "
              "see .mutants/<module>/run.log", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
