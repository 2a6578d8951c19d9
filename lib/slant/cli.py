"""The ``slant`` command: fetch, check, score, suggest, classify and report on a corpus folder,
and fit or apply the sentence classifier.

Argument parsing only: each subcommand calls the library and turns its errors into a message on
stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from . import __version__

__all__ = ["main"]

EPILOG = "Docs and the corpus format: README.md. Mirror: $SLANT_MIRROR; cache: $SLANT_CACHE."


def _positive(value: str) -> int:
    """An argument that must be a whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number; give e.g. 5000") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is less than 1; give e.g. 5000")
    return number


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", type=Path, help="corpus folder (holding corpus.yml)")
    parser.add_argument("--mirror", type=Path, default=None,
                        help="local mirror of third-party texts (default: $SLANT_MIRROR), e.g. ../shared/corpora")


def _add_lexicon_options(parser: argparse.ArgumentParser) -> None:
    """--lexicon and --exclude-wire-copies, shared by the commands that read lexicons."""
    parser.add_argument("--lexicon", action="append", metavar="NAME_OR_PATH",
                        help="lexicon to use (repeat; default: corpus.yml's lexicons, else syria-2017 and news-generic)")
    parser.add_argument("--exclude-wire-copies", action="store_true",
                        help="leave out articles that reprint another agency's copy")


def cmd_fetch(args) -> int:
    """Get every dataset and manifest text of the corpus into the cache (mirror first, then web)."""
    import pandas as pd

    from .corpus import (
        CorpusError,
        FetchSettings,
        default_cache,
        default_mirror,
        fetch_dataset,
        hydrate_manifest,
        load_config,
    )

    config = load_config(args.corpus)
    mirror = args.mirror or default_mirror()
    cache = default_cache()
    settings = FetchSettings(timeout=args.timeout, workers=args.workers)
    failed = 0
    for spec in config.sources:
        if spec.kind == "dataset":
            try:
                path = fetch_dataset(spec.value, mirror=mirror, cache=cache,
                                     download=not args.offline)
                print(f"dataset {spec.value}: ok ({path})")
            except CorpusError as exc:
                failed += 1
                print(f"dataset {spec.value}: NOT AVAILABLE: {exc}", file=sys.stderr)
        elif spec.kind == "manifest":
            manifest = pd.read_csv(config.path / spec.value, dtype=str, keep_default_na=False)
            status = hydrate_manifest(
                manifest, store=cache / "corpora" / config.name,
                mirror=(mirror / config.name) if mirror else None, settings=settings,
                network=not args.offline, refetch=args.refetch)
            counts = status.groupby(["status", "via"]).size()
            print(f"manifest {spec.value}: {len(status)} URLs")
            for (state, via), n in counts.items():
                print(f"  {state:<12} {via or '-':<8} {n}")
            reasons = status.loc[status["status"] != "fetched", "reason"].str.replace(r"\(.*", "", regex=True)
            for reason, n in reasons.value_counts().head(8).items():
                print(f"    {n:>4} × {reason}")
            print(f"  status per URL: {cache / 'corpora' / config.name / 'fetch-status.csv'}")
    # Missing texts are reported, not fatal: the corpus loads without them (see slant check).
    return 1 if (failed and args.strict) else 0


def cmd_check(args) -> int:
    """Load the corpus and print the load report."""
    import pandas as pd

    from .corpus import load_corpus, summarize

    corpus = load_corpus(args.corpus, mirror=args.mirror)
    tables = summarize(corpus)
    with pd.option_context("display.width", 120, "display.max_rows", 200, "display.max_colwidth", 70):
        print(f"corpus {corpus.name}: {len(corpus.articles):,} articles, "
              f"{corpus.articles['outlet'].nunique()} outlets, {len(corpus.issues):,} load issues")
        target = corpus.target_article
        print(f"target: {corpus.target or '(none)'}: {'loaded' if target is not None else 'NOT LOADED'}")
        print(f"\nitems per source (read = analysed + skipped):\n{tables['source'].to_string()}")
        for name in ("camp", "language"):
            print(f"\narticles per {name}:\n{tables[name].to_string()}")
        print(f"\narticles per outlet (top {args.top}):\n{tables['outlet'].head(args.top).to_string()}")
        if corpus.issues.empty:
            print("\nnothing skipped, repaired or flagged")
        else:
            print(f"\nskipped, repaired or flagged, by reason:\n{tables['issues'].to_string()}")
            shown = corpus.issues if args.all else corpus.issues.head(args.top)
            print(f"\nitems ({len(shown)} of {len(corpus.issues)}; --all lists every one):")
            for row in shown.itertuples(index=False):
                where = f"{row.file}:{row.line}" if row.line else row.file
                fix = f" Fix: {row.fix}" if row.fix else ""
                print(f"  {row.action:<8} {where}  {row.item}: {row.reason}.{fix}")
    if args.strict and not corpus.issues.empty:
        print(f"\n--strict: {len(corpus.issues)} problems", file=sys.stderr)
        return 1
    return 0


def cmd_score(args) -> int:
    """Score the corpus's loaded terms and write hits, article, outlet and camp scores, label
    choices and tone: as Parquet (tables of up to 10,000 rows also as CSV), or as CSV alone
    with --format csv."""
    from .common import write_tables
    from .corpus import load_corpus
    from .scoring import score_corpus

    _check_engine(args)
    if args.batch_size or args.engine == "dask":
        return _score_streaming(args)
    corpus = load_corpus(args.corpus, mirror=args.mirror)
    scores = score_corpus(corpus, lexicons=args.lexicon or None,
                          exclude_wire_copies=args.exclude_wire_copies, tone=not args.no_tone,
                          tone_engine=args.tone_engine)
    tables = scores.tables()
    for name, paths in write_tables(tables, args.out, fmt=args.format).items():
        kinds = "|".join(p.suffix for p in paths)
        print(f"{name:<15} {len(tables[name]):>8,} rows  {args.out / name}{kinds}")
    return 0


def _score_streaming(args) -> int:
    """``slant score --batch-size N`` (or ``--engine dask``): articles read and scored N at a
    time (on the cluster's workers with ``--engine dask``); the hits written as parts
    (``DIR/hits/part-00000.parquet``, ...) as each batch is scored."""
    from .common import PartWriter, write_tables
    from .corpus import iter_article_batches
    from .scoring import corpus_lexicon, score_batches

    batches = iter_article_batches(args.corpus, batch_size=_batch_size(args), mirror=args.mirror)
    hits = PartWriter(args.out / "hits", fmt=args.format)
    with _engine(args) as cluster:
        scores = score_batches(batches, corpus_lexicon(batches, args.lexicon or None),
                               on_hits=lambda _, table: hits.write(table),
                               exclude_wire_copies=args.exclude_wire_copies, tone=not args.no_tone,
                               tone_engine=args.tone_engine, cluster=cluster)
    print(f"{'hits':<15} {hits.rows:>8,} rows  {args.out / 'hits'}/part-*.{args.format} ({hits.parts} parts)")
    tables = {name: t for name, t in scores.tables().items() if name != "hits"}
    for name, paths in write_tables(tables, args.out, fmt=args.format).items():
        kinds = "|".join(p.suffix for p in paths)
        print(f"{name:<15} {len(tables[name]):>8,} rows  {args.out / name}{kinds}")
    if not batches.issues.empty:
        print(f"load report: {len(batches.issues)} items skipped, repaired or flagged (slant check lists them)")
    return 0


def _batch_size(args) -> int:
    """--batch-size, else the Parquet reader's batch (10,000 articles) for --engine dask."""
    from .corpus import PARQUET_BATCH_ROWS

    return args.batch_size or PARQUET_BATCH_ROWS


def _check_engine(args) -> None:
    """--engine dask and --scheduler go together."""
    if args.engine != "dask" and args.scheduler:
        raise ValueError(f"--scheduler {args.scheduler} is for --engine dask; add --engine dask")
    if args.engine == "dask" and not args.scheduler:
        raise ValueError("--engine dask needs --scheduler ADDRESS: tcp://host:8786 (a running scheduler) "
                         "or local:N (N worker processes on this machine)")


def _engine(args):
    """A context holding the Dask cluster of ``--engine dask --scheduler ADDRESS`` (progress per
    partition on stderr), or None for the local engine."""
    from contextlib import nullcontext

    _check_engine(args)
    if args.engine != "dask":
        return nullcontext(None)
    from .common import DaskCluster

    def progress(number: int, rows: int, seconds: float) -> None:
        print(f"partition {number + 1}: {rows:,} articles done in {seconds:.1f} s", file=sys.stderr, flush=True)

    return DaskCluster(args.scheduler, timeout=args.connect_timeout, progress=progress)


def cmd_contrast(args) -> int:
    """Terms that set each group (outlet or camp) apart from the rest, or each pair of groups
    apart (--pairs): Fightin' Words (log-odds with an informative Dirichlet prior). With
    --batch-size or --engine dask, from per-group term totals counted batch by batch and
    summed (the same table); writes DIR/contrast.parquet (and .csv when small)."""
    from .common import write_tables

    _check_engine(args)
    if args.batch_size or args.engine == "dask":
        from .contrast import compare_each_totals, compare_pairs_totals, group_term_totals
        from .corpus import iter_article_batches

        batches = iter_article_batches(args.corpus, batch_size=_batch_size(args), mirror=args.mirror)
        with _engine(args) as cluster:
            totals = group_term_totals(batches, by=args.by, outlets=batches.outlets, cluster=cluster)
        compare = compare_pairs_totals if args.pairs else compare_each_totals
        table = compare(totals, top=args.top)
    else:
        from .contrast import compare_each, compare_pairs, count_terms
        from .corpus import load_corpus

        corpus = load_corpus(args.corpus, mirror=args.mirror)
        counts = count_terms(corpus.articles, outlets=corpus.outlets)
        table = (compare_pairs if args.pairs else compare_each)(corpus.articles, counts, by=args.by, top=args.top)
    note = f"{table.attrs.get('language')}; left out {table.attrs.get('left_out')}"
    table = table.copy()
    table.attrs = {}
    for name, paths in write_tables({"contrast": table}, args.out, fmt=args.format).items():
        print(f"{name:<15} {len(table):>8,} rows  {args.out / name}{'|'.join(p.suffix for p in paths)}  (language {note})")
    return 0


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    """--batch-size, --engine, --scheduler, --connect-timeout: shared by score and contrast."""
    from .common import CONNECT_TIMEOUT

    parser.add_argument("--batch-size", type=_positive, default=None, metavar="N",
                        help="read and process N articles at a time (memory stays bounded); with "
                             "--engine dask, the partition size (default 10,000)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local (default: this machine's cores) or dask (a Dask cluster: --scheduler)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: tcp://host:8786 (a running scheduler) or local:N "
                             "(a LocalCluster of N worker processes, started and closed by slant)")
    parser.add_argument("--connect-timeout", type=float, default=CONNECT_TIMEOUT, metavar="S",
                        help=f"seconds to wait for the scheduler (default {CONNECT_TIMEOUT:g})")


def cmd_suggest(args) -> int:
    """List terms that set a camp (or outlet) apart and that no lexicon holds yet, with
    examples in context, for a person to review. slant never adds them to a lexicon itself."""
    import pandas as pd

    from .contrast import count_terms, suggest_terms
    from .corpus import load_corpus
    from .scoring import corpus_articles, corpus_lexicon

    corpus = load_corpus(args.corpus, mirror=args.mirror)
    lexicon = corpus_lexicon(corpus, args.lexicon)
    articles = corpus_articles(corpus, exclude_wire_copies=args.exclude_wire_copies)
    counts = count_terms(articles, outlets=corpus.outlets)
    table = suggest_terms(articles, counts, lexicon, by=args.by, top=args.top, min_z=args.min_z,
                          min_count=args.min_count)
    if args.out:
        table.to_csv(args.out, index=False)
        print(f"{len(table)} suggestions written to {args.out}")
        return 0
    if table.empty:
        print(f"no term outside the lexicons reaches z >= {args.min_z} with {args.min_count} or more "
              "occurrences; try --min-z or --min-count lower")
    with pd.option_context("display.width", 160, "display.max_colwidth", 110, "display.max_rows", 500):
        for group, rows in table.groupby("group", sort=True):
            print(f"\n{args.by} {group}: terms not in {', '.join(lexicon.names)}")
            for r in rows.itertuples(index=False):
                print(f"  {r.term:<24} z={r.z:6.1f}  delta={r.delta:5.2f}  n={r.count_in}")
                for example in filter(None, r.examples.split(" | ")):
                    print(f"      {example}")
    return 0


def cmd_classify(args) -> int:
    """Predict each article's camp from its words and lexicon counts, scored with one outlet
    left out per fold beside ordinary stratified folds; write the scores, confusion matrices,
    each article's out-of-outlet probabilities and the target's calibrated ones (CSV, Parquet)."""
    from .classify import classify_camps
    from .corpus import load_corpus
    from .scoring import corpus_articles, corpus_lexicon

    corpus = load_corpus(args.corpus, mirror=args.mirror)
    results = classify_camps(corpus_articles(corpus, exclude_wire_copies=args.exclude_wire_copies),
                             outlets=corpus.outlets, lexicon=corpus_lexicon(corpus, args.lexicon),
                             models=args.models.split(","), model=args.model)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, table in results.tables().items():
        table.to_csv(args.out / f"{name}.csv", index=False)
        table.to_parquet(args.out / f"{name}.parquet", index=False)
        print(f"{name:<19} {len(table):>8,} rows  {args.out / name}.csv|.parquet")
    for note in results.notes:
        print(f"note: {note}")
    scores = results.scores.pivot_table(index=["task", "model"], columns="scheme", values="macro_f1")
    print(f"\nmacro-F1 ({len(corpus.articles):,} articles):\n{scores.round(3).to_string()}")
    return 0


def _parse_params(values) -> dict:
    params = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"slant report: -p expects name=value, got {item!r}")
        params[name] = yaml.safe_load(value) if value else ""
    return params


def cmd_report(args) -> int:
    """Run the notebooks on the corpus and export the HTML report."""
    from .report import build_report

    params = _parse_params(args.param)
    if args.mirror:
        params.setdefault("mirror", str(args.mirror.resolve()))
    index = build_report(args.corpus, out=args.out, notebooks_dir=args.notebooks, parameters=params)
    print(f"report: {index}")
    return 0


def cmd_sentences_fit(args) -> int:
    """Fit the sentence-level loaded-language classifier on a BABE label file and save it, with
    the file's sha256 and the library versions (checked when the model is loaded)."""
    from .classify import file_sha256, fit_sentence_model, save_sentence_model
    from .corpus import read_babe

    sentences, issues = read_babe(args.babe_csv)
    model, missing = fit_sentence_model(sentences, mirror=args.mirror)
    save_sentence_model(model, args.model, training_sha256=file_sha256(args.babe_csv),
                        training_name=args.babe_csv.name, sentences=len(sentences),
                        extra={"missing_wordlists": missing})
    print(f"fitted on {len(sentences):,} sentences of {args.babe_csv} "
          f"({int(sentences['label'].sum()):,} biased); {len(issues)} rows skipped or flagged")
    for message in missing:
        print(f"  left out: {message}")
    print(f"model: {args.model}")
    return 0


def cmd_sentences_predict(args) -> int:
    """Predict, for each sentence of a CSV or JSONL file with a 'text' column, whether it is
    loaded language: the output adds 'label' (1 = loaded) and 'probability'."""
    from .classify import load_sentence_model, predict_sentences, read_sentences

    model, _ = load_sentence_model(args.model)
    table = predict_sentences(model, read_sentences(args.input))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False)
    print(f"{len(table):,} sentences, {int(table['label'].sum()):,} predicted loaded: {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="slant", description="How news outlets frame the same event.",
                                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"slant {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fetch = sub.add_parser("fetch", help="get datasets and manifest texts (mirror first, then the web)",
                           description=cmd_fetch.__doc__, epilog=EPILOG)
    _add_common(fetch)
    fetch.add_argument("--offline", action="store_true", help="use the mirror and cache only, no network")
    fetch.add_argument("--refetch", action="store_true", help="fetch again what the cache already holds")
    fetch.add_argument("--timeout", type=float, default=20.0, help="seconds per request (default 20)")
    fetch.add_argument("--workers", type=int, default=4, help="parallel downloads (default 4)")
    fetch.add_argument("--strict", action="store_true", help="exit 1 when a dataset is not available")
    fetch.set_defaults(func=cmd_fetch)

    check = sub.add_parser("check", help="validate a corpus and print its load report",
                           description=cmd_check.__doc__, epilog=EPILOG)
    _add_common(check)
    check.add_argument("--strict", action="store_true", help="exit 1 when anything was skipped, repaired or flagged")
    check.add_argument("--top", type=int, default=25, help="rows to show per table (default 25)")
    check.add_argument("--all", action="store_true", help="list every skipped, repaired or flagged item")
    check.set_defaults(func=cmd_check)

    score = sub.add_parser("score", help="score loaded terms; write Parquet (or CSV) tables",
                           description=cmd_score.__doc__, epilog=EPILOG)
    _add_common(score)
    score.add_argument("--out", type=Path, required=True, help="output folder")
    _add_lexicon_options(score)
    score.add_argument("--no-tone", action="store_true", help="skip VADER tone")
    score.add_argument("--tone-engine", choices=("vectorised", "vader"), default="vectorised",
                       help="VADER over token arrays (default), or vaderSentiment per sentence "
                            "(the reference: same scores, ~30x slower)")
    score.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                       help="parquet (default; tables of up to 10,000 rows also as CSV) or csv")
    _add_engine_options(score)
    score.set_defaults(func=cmd_score)

    contrast = sub.add_parser("contrast", help="terms that set each outlet or camp apart (Fightin' Words)",
                              description=cmd_contrast.__doc__, epilog=EPILOG)
    _add_common(contrast)
    contrast.add_argument("--out", type=Path, required=True, help="output folder")
    contrast.add_argument("--by", default="outlet", help="grouping column: outlet (default) or camp")
    contrast.add_argument("--pairs", action="store_true", help="each group against each other, not against the rest")
    contrast.add_argument("--top", type=int, default=20, help="terms per side (default 20)")
    contrast.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                          help="parquet (default; also CSV when small) or csv")
    _add_engine_options(contrast)
    contrast.set_defaults(func=cmd_contrast)

    suggest = sub.add_parser("suggest", help="terms that separate camps and are in no lexicon yet",
                             description=cmd_suggest.__doc__, epilog=EPILOG)
    _add_common(suggest)
    suggest.add_argument("--by", default="camp", help="grouping column: camp (default) or outlet")
    suggest.add_argument("--top", type=int, default=15, help="suggestions per group (default 15)")
    suggest.add_argument("--min-z", type=float, default=3.0, help="smallest z to list (default 3)")
    suggest.add_argument("--min-count", type=int, default=5, help="fewest occurrences of a term (default 5)")
    _add_lexicon_options(suggest)
    suggest.add_argument("--out", type=Path, default=None, help="write a CSV instead of printing")
    suggest.set_defaults(func=cmd_suggest)

    classify = sub.add_parser("classify", help="predict articles' camps; honest CV scores and the target's probabilities",
                              description=cmd_classify.__doc__, epilog=EPILOG)
    _add_common(classify)
    classify.add_argument("--out", type=Path, required=True, help="output folder")
    _add_lexicon_options(classify)
    classify.add_argument("--models", default="tfidf,lexicon,combined",
                          help="models to cross-validate, comma-separated (default: tfidf,lexicon,combined)")
    classify.add_argument("--model", default="combined",
                          help="model applied to the target and every article (default: combined)")
    classify.set_defaults(func=cmd_classify)

    report = sub.add_parser("report", help="run the notebooks and write the HTML report",
                            description=cmd_report.__doc__, epilog=EPILOG)
    _add_common(report)
    report.add_argument("--out", type=Path, required=True, help="output folder, e.g. reports/mayadin-2017")
    report.add_argument("--notebooks", type=Path, default=None, help="folder of NN_name.py notebooks")
    report.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                        help="notebook parameter (value read as YAML: 3 is an int, '007' a string)")
    report.set_defaults(func=cmd_report)

    sentences = sub.add_parser("sentences", help="fit or apply the sentence-level loaded-language classifier",
                               description="Sentence-level loaded-language classifier (trained on BABE).",
                               epilog=EPILOG)
    sentences_sub = sentences.add_subparsers(dest="action", required=True, metavar="ACTION")
    fit = sentences_sub.add_parser("fit", help="fit on a BABE label file and save the model",
                                   description=cmd_sentences_fit.__doc__, epilog=EPILOG)
    fit.add_argument("babe_csv", type=Path, help="BABE label file (final_labels_SG2.csv or its training part)")
    fit.add_argument("--model", type=Path, required=True, help="where to write the model (joblib)")
    fit.add_argument("--mirror", type=Path, default=None,
                     help="mirror holding the Recasens and MPQA word lists (default: $SLANT_MIRROR), e.g. ../shared/corpora")
    fit.set_defaults(func=cmd_sentences_fit)
    predict = sentences_sub.add_parser("predict", help="label the sentences of a CSV or JSONL file",
                                       description=cmd_sentences_predict.__doc__, epilog=EPILOG)
    predict.add_argument("--model", type=Path, required=True, help="a model written by `slant sentences fit`")
    predict.add_argument("input", type=Path, help="CSV or JSONL file with a 'text' column")
    predict.add_argument("--out", type=Path, required=True, help="output CSV: the input plus label and probability")
    predict.set_defaults(func=cmd_sentences_predict)
    return parser


def main(argv=None) -> int:
    """Entry point of the ``slant`` command."""
    args = build_parser().parse_args(argv)
    from .corpus import CorpusError

    try:
        return args.func(args)
    except (CorpusError, ValueError, FileNotFoundError) as exc:  # LexiconError is a ValueError
        print(f"slant {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
