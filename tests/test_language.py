"""Languages: detection on sentences we wrote, stated against detected in the load report,
"not scored, never zero" in the scores, and contrasts within one language."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from slant.corpus import detect_languages, language_table, load_corpus

TINY = Path(__file__).parent / "fixtures" / "tiny_corpus"

#: The same invented news sentence in five languages (our wording).
SENTENCES = {
    "en": "The council said on Monday that the new bridge would open to traffic next spring, "
          "after two years of delays.",
    "fr": "Le conseil a déclaré lundi que le nouveau pont serait ouvert à la circulation au "
          "printemps prochain, après deux ans de retard.",
    "ru": "Совет заявил в понедельник, что новый мост откроется для движения следующей весной "
          "после двух лет задержек.",
    "ar": "قال المجلس يوم الاثنين إن الجسر الجديد سيفتح أمام حركة المرور في الربيع المقبل بعد "
          "عامين من التأخير.",
    "fa": "شورا روز دوشنبه اعلام کرد که پل جدید پس از دو سال تأخیر، بهار آینده به روی ترافیک "
          "باز می‌شود.",
}
#: Two Arabic sentences of a town report (our wording), for an article.
ARABIC = ("قال سكان البلدة إن الجيش دخل القرية صباح الثلاثاء بعد قتال استمر ثلاثة أيام. "
          "وأضافوا أن الطريق إلى المدينة ما زال مغلقا وأن المدارس لم تفتح أبوابها بعد.")
#: A French sentence of a town report (our wording).
FRENCH = ("Les habitants ont dit que l'armée était entrée dans le village mardi matin, après "
          "trois jours de combats, et que la route restait fermée.")


@pytest.mark.parametrize("code", list(SENTENCES), ids=[f"sentence-{c}" for c in SENTENCES])
def test_detects_the_language_of_one_news_sentence(code):
    found = detect_languages([SENTENCES[code]])
    assert found["detected"].tolist() == [code]
    assert found["confidence"].iloc[0] >= 0.5


def test_detection_keeps_order_repeats_and_says_nothing_about_a_headline():
    texts = [SENTENCES["ru"], "Army wins", SENTENCES["en"], SENTENCES["ru"], ""]
    found = detect_languages(texts)
    assert list(found.columns) == ["detected", "confidence"]
    assert found["detected"].tolist() == ["ru", "", "en", "ru", ""]
    assert found["confidence"].iloc[1] == 0.0


def _corpus_with(tmp_path, files: dict[str, tuple[str, str]]) -> Path:
    """The tiny corpus plus one article per entry: id -> (front-matter language, text)."""
    folder = tmp_path / "corpus"
    shutil.copytree(TINY, folder)
    (folder / "lexicons").mkdir()
    shutil.copy(TINY.parent / "tiny-lexicon.yml", folder.parent / "tiny-lexicon.yml")
    for doc, (lang, text) in files.items():
        front = f"language: {lang}\n" if lang is not None else ""
        (folder / "articles" / f"{doc}.md").write_text(
            f"---\nid: {doc}\noutlet: Outlet A\ndate: 2017-10-05\ntitle: \"Qaryat\"\n{front}---\n{text}\n",
            encoding="utf-8")
    return folder


def test_a_stated_language_the_text_contradicts_is_flagged_and_the_text_wins(tmp_path):
    corpus = load_corpus(_corpus_with(tmp_path, {"a-ar": ("en", ARABIC)}))
    row = corpus.articles.set_index("id").loc["a-ar"]
    assert (row["language"], row["language_stated"]) == ("ar", "en")
    flagged = corpus.issues[corpus.issues["item"] == "a-ar"]
    assert flagged["action"].tolist() == ["flagged"]
    assert flagged["reason"].str.contains("stated language 'en'.*reads as 'ar'").all()
    # the English articles stated 'en' stay as they are, unflagged
    assert (corpus.articles.loc[corpus.articles["id"] != "a-ar", "language"] == "en").all()
    assert not corpus.issues["reason"].str.contains("stated language").drop(flagged.index).any()


def test_an_unstated_language_is_detected_and_counted_apart_in_the_summary(tmp_path):
    folder = _corpus_with(tmp_path, {"a-fr": (None, FRENCH), "a-ar": ("ar", ARABIC)})
    # no corpus-wide language either: only the text can say
    yml = folder / "corpus.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("language: en\n", ""), encoding="utf-8")
    corpus = load_corpus(folder)
    arts = corpus.articles.set_index("id")
    assert arts.loc["a-fr", ["language", "language_stated"]].tolist() == ["fr", ""]
    assert arts.loc["a-ar", ["language", "language_stated"]].tolist() == ["ar", "ar"]
    table = language_table(corpus.articles)
    assert table.loc["fr", ["articles", "stated", "detected", "overruled"]].tolist() == [1, 0, 1, 0]
    assert table.loc["ar", ["articles", "stated", "detected", "overruled"]].tolist() == [1, 1, 0, 0]
    # the tiny corpus's five Markdown articles state 'en'; its two table rows now state nothing
    assert table.loc["en", ["articles", "stated", "detected", "overruled"]].tolist() == [7, 5, 2, 0]
    assert not corpus.issues["reason"].str.contains("language").any()


@pytest.mark.shared
def test_fakes_reads_as_english_with_nothing_overruled(shared_dir):
    from slant.corpus import load_dataset

    raw, _ = load_dataset("fa-kes", mirror=shared_dir / "corpora", download=False, progress=False)
    found = detect_languages(raw["text"])
    # two one-line items read as Nigerian Pidgin, unsure (p < 0.5): not enough to overrule 'en'
    assert (found["detected"] == "en").sum() >= len(raw) - 2
    assert not ((found["detected"] != "en") & (found["confidence"] >= 0.9)).any()
    assert np.isfinite(found["confidence"]).all() and pd.notna(found["detected"]).all()
