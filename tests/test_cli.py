"""The slant command: --help everywhere, check's exit codes, fetch offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD_CORPUS, TINY_CORPUS
from slant.cli import main


@pytest.mark.parametrize("command", ["fetch", "check", "score", "suggest", "classify", "report"])
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--mirror" in capsys.readouterr().out


def test_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "slant", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and result.stdout.startswith("slant ")


def test_check_prints_the_load_report(capsys):
    assert main(["check", str(TINY_CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "corpus tiny: 7 articles, 4 outlets, 0 load issues" in out
    assert "target: outlet-a-2017-10-12: loaded" in out


def test_check_strict_fails_on_problems(capsys):
    assert main(["check", str(BAD_CORPUS)]) == 0
    assert main(["check", str(BAD_CORPUS), "--strict", "--all"]) == 1
    out = capsys.readouterr().out
    assert "front-matter-error.md:5" in out and "Fix: " in out


ONE_DEFECT = {  # fixture of tests/fixtures/bad/ -> the corpus.yml source that reads it alone
    "articles/impossible-date.md": "articles: articles/",
    "articles/nul-byte.md": "articles: articles/",
    "jsonl-not-an-object.jsonl": "csv: jsonl-not-an-object.jsonl\n    columns: {id: id, outlet: outlet, text: text}",
    "csv-extra-field.csv": "csv: csv-extra-field.csv\n    columns: {id: id, outlet: outlet, text: text}",
    "csv-header-no-rows.csv": "csv: csv-header-no-rows.csv\n    columns: {id: id, outlet: outlet, text: text}",
}


@pytest.mark.parametrize("fixture", ONE_DEFECT, ids=lambda f: Path(f).stem)
def test_check_strict_fails_on_each_malformed_input(fixture, tmp_path, capsys):
    # a corpus holding that one defective file: loads, and --strict says no
    (tmp_path / "articles").mkdir()
    shutil.copy(BAD_CORPUS / fixture, tmp_path / fixture)
    shutil.copy(BAD_CORPUS / "outlets.csv", tmp_path / "outlets.csv")
    (tmp_path / "corpus.yml").write_text(f"name: one\noutlets: outlets.csv\nsources:\n  - {ONE_DEFECT[fixture]}\n")
    assert main(["check", str(tmp_path)]) == 0
    assert main(["check", str(tmp_path), "--strict"]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / fixture}:" in out and "Fix: " in out


def test_check_refuses_a_corpus_without_sources(capsys):
    assert main(["check", str(BAD_CORPUS / "no-sources"), "--strict"]) == 2
    assert "corpus.yml:1: 'sources:' is missing" in capsys.readouterr().err


def test_check_names_a_broken_corpus(tmp_path, capsys):
    (tmp_path / "corpus.yml").write_text("name: x\nsorces: []\n")
    assert main(["check", str(tmp_path)]) == 2
    assert "corpus.yml:2: unknown key 'sorces'" in capsys.readouterr().err


def test_fetch_offline_lists_each_url(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "m.csv").write_text("id,outlet,url\na1,outlet-a,https://example.invalid/a1\n"
                                  "a2,outlet-a,ftp://example.invalid/a2\n")
    (corpus / "corpus.yml").write_text("name: c\nsources:\n  - manifest: m.csv\n")
    assert main(["fetch", str(corpus), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "manifest m.csv: 2 URLs" in out
    assert "not_fetched" in out and "skipped" in out


def test_report_param_values_are_yaml():
    from slant.cli import _parse_params

    assert _parse_params(["n=3", "s='007'", "flag=true", "empty="]) == {"n": 3, "s": "007", "flag": True, "empty": ""}


def test_score_writes_csv_and_parquet(tmp_path, capsys):
    import pandas as pd

    assert main(["score", str(TINY_CORPUS), "--out", str(tmp_path), "--no-tone"]) == 0
    # Parquet by default; tables this small (<= 10,000 rows) also as CSV
    for name in ("hits", "article_scores", "outlet_scores", "camp_scores", "label_choices", "tone"):
        assert (tmp_path / f"{name}.csv").is_file() and (tmp_path / f"{name}.parquet").is_file()
    hits = pd.read_parquet(tmp_path / "hits.parquet")
    assert set(hits["label"]) >= {"liberated", "terrorists", "captured"}
    assert len(pd.read_csv(tmp_path / "article_scores.csv")) == 7
    assert "hits.parquet|.csv" in capsys.readouterr().out.replace(str(tmp_path) + "/", "")


def test_score_format_csv_writes_csv_alone(tmp_path, capsys):
    import pandas as pd

    assert main(["score", str(TINY_CORPUS), "--out", str(tmp_path), "--format", "csv"]) == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv"] * 7
    tone = pd.read_csv(tmp_path / "tone.csv")
    assert len(tone) == 7 and tone["tone"].between(-1, 1).all()


def test_large_tables_are_parquet_only(tmp_path):
    import pandas as pd

    from slant.common import write_tables

    big, small = pd.DataFrame({"x": range(5)}), pd.DataFrame({"x": range(2)})
    written = write_tables({"big": big, "small": small}, tmp_path, csv_up_to=2)
    assert [p.name for p in written["big"]] == ["big.parquet"]
    assert [p.name for p in written["small"]] == ["small.parquet", "small.csv"]
    assert pd.read_parquet(tmp_path / "big.parquet")["x"].tolist() == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="fmt='parquet'.*fmt='csv'"):
        write_tables({"big": big}, tmp_path, fmt="xlsx")


def test_score_names_a_bad_lexicon(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\nreferents:\n  - id: a\n    labels:\n      - {label: foo, stance: odd}\n")
    assert main(["score", str(TINY_CORPUS), "--out", str(tmp_path), "--lexicon", str(bad)]) == 2
    assert "bad.yml:5: stance 'odd'" in capsys.readouterr().err


def test_suggest_lists_terms_not_in_the_lexicon(tmp_path, capsys):
    assert main(["suggest", str(TINY_CORPUS)]) == 0
    assert "no term outside the lexicons reaches z >= 3.0" in capsys.readouterr().out
    assert main(["suggest", str(TINY_CORPUS), "--min-z", "0.1", "--min-count", "2", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "camp pro-government: terms not in tiny" in out
    import re

    listed = re.findall(r"^  (\S.*?)\s+z=", out, re.MULTILINE)
    assert "army" in listed and "the army" in listed
    assert "liberated" not in listed and "terrorists" not in listed  # already in the lexicon
    assert main(["suggest", str(TINY_CORPUS), "--min-z", "0.1", "--min-count", "2",
                 "--out", str(tmp_path / "s.csv")]) == 0
    import pandas as pd

    table = pd.read_csv(tmp_path / "s.csv")
    assert list(table.columns) == ["group", "term", "z", "delta", "count_in", "count_out", "examples"]


def test_classify_writes_scores_probabilities_and_the_target(tmp_path, capsys):
    import pandas as pd

    assert main(["classify", str(TINY_CORPUS), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "macro-F1 (7 articles)" in out and "note: camp: stratified CV needs" in out
    scores = pd.read_csv(tmp_path / "camp_classifier_scores.csv")
    assert set(scores["model"]) == {"tfidf", "lexicon", "combined"}
    # one outlet per camp: no binary side with two outlets on each side, said in one line
    assert set(scores["scheme"]) == {"leave-one-outlet-out"} and set(scores["task"]) == {"camp"}
    assert "note: alignment: not run: no camp has 2 or more outlets" in out
    target = pd.read_parquet(tmp_path / "target_camp.parquet")
    assert set(target["id"]) == {"outlet-a-2017-10-12"}
    assert target.groupby("task")["probability"].sum().round(6).eq(1).all()
    probabilities = pd.read_csv(tmp_path / "camp_probabilities.csv")
    assert probabilities["id"].nunique() == 7
