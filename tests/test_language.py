"""Languages: detection on sentences we wrote, stated against detected in the load report,
"not scored, never zero" in the scores, and contrasts within one language."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import FIXTURES, make_articles
from slant.corpus import detect_languages, language_table, load_corpus
from slant.lexicons import load_lexicon

TINY = FIXTURES / "tiny_corpus"


@pytest.fixture(scope="module")
def tiny_lexicon():
    return load_lexicon(FIXTURES / "tiny-lexicon.yml")

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


# --- not scored, never zero -------------------------------------------------------------------

#: Ten words, one loaded term ("Terrorists", delegitimising in the tiny lexicon): 100 per 1,000.
ENGLISH_TEN = "Terrorists fled the town after a long night of fighting."
#: The Arabic article holds the tiny lexicon's English word: it must not be searched at all.
ARABIC_WITH_TERM = ARABIC + " Daesh"


def _scored(tiny_lexicon, rows, languages):
    from slant.scoring import article_scores, index_and_hits, mark_scored

    arts = make_articles(rows, wire_credit="")
    arts["language"] = languages
    arts = mark_scored(arts, tiny_lexicon)
    index, hits = index_and_hits(arts, tiny_lexicon)
    return hits, article_scores(hits, arts.assign(words=index.words))


def test_an_arabic_article_is_not_scored_and_left_out_of_the_outlet_mean(tiny_lexicon):
    from slant.scoring import group_scores, label_choices, not_scored_table

    hits, scores = _scored(tiny_lexicon, [("outlet-a", "pro-government", ENGLISH_TEN),
                                          ("outlet-a", "pro-government", ARABIC_WITH_TERM),
                                          ("outlet-b", "Western", ARABIC)], ["en", "ar", ""])
    assert set(hits["id"]) == {"a0"}  # the Arabic text's "Daesh" was never searched
    by_id = scores.set_index("id")
    assert by_id.loc["a0", "density"] == pytest.approx(100.0)
    assert by_id.loc["a0", ["scored", "not_scored_reason"]].tolist() == [True, ""]
    for doc in ("a1", "a2"):  # stated 'ar', and unstated but detected as Arabic
        assert by_id.loc[doc, "language"] == "ar" and not by_id.loc[doc, "scored"]
        assert by_id.loc[doc, "not_scored_reason"] == "language 'ar': no lexicon in this language"
        assert np.isnan(by_id.loc[doc, ["density", "density_own", "net", "gross", "coverage"]].astype(float)).all()
        assert pd.isna(by_id.loc[doc, "hits"])  # not searched: unknown, not 0
    outlets = group_scores(scores, by="outlet", n_boot=50).set_index("outlet")
    # one English article at 100 per 1,000 and one Arabic one: the mean is 100, not 50
    assert outlets.loc["outlet-a", "density"] == pytest.approx(100.0)
    assert outlets.loc["outlet-a", ["articles", "not_scored", "words"]].tolist() == [1, 1, 10]
    assert "outlet-b" not in outlets.index  # nothing scored there: no row, but counted
    assert group_scores(scores, by="outlet", n_boot=50).attrs["not_scored"] == {"ar": 2}
    camps = group_scores(scores, by="camp", n_boot=50).set_index("camp")
    assert camps.loc["pro-government", "density"] == pytest.approx(100.0)
    assert set(label_choices(hits)["group"]) == {"outlet-a", "pro-government"}
    table = not_scored_table(scores)
    assert table[["outlet", "language", "articles"]].values.tolist() == [["outlet-a", "ar", 1],
                                                                          ["outlet-b", "ar", 1]]


def test_an_article_too_short_to_tell_is_not_scored_with_its_reason(tiny_lexicon):
    _, scores = _scored(tiny_lexicon, [("outlet-a", "other", "Terrorists fled.")], [""])
    row = scores.iloc[0]
    assert not row["scored"] and row["language"] == ""
    assert row["not_scored_reason"].startswith("language unknown")
    assert np.isnan(row["density"])


def test_a_french_article_under_an_english_and_french_lexicon_is_scored(tmp_path, tiny_lexicon):
    from slant.lexicons import LexiconError, load_lexicon

    path = tmp_path / "fr.yml"
    path.write_text("name: fr\nlanguage: [en, fr]\ncategories:\n  - id: c\n    terms:\n"
                    "      - {label: combats, stance: intensifying}\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.languages == ("en", "fr")
    _, scores = _scored(lexicon, [("outlet-a", "other", FRENCH)], ["fr"])
    assert scores["scored"].tolist() == [True] and scores["loaded"].tolist() == [1]
    path.write_text("name: fr\nlanguage: French\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"fr.yml:2: language 'French' is not an ISO 639-1"):
        load_lexicon(path)


# --- contrast within one language -------------------------------------------------------------

def test_a_contrast_of_a_mixed_corpus_stays_within_one_language_and_says_what_it_left_out():
    from slant.contrast import compare, compare_each, count_terms, group_sizes, language_note

    english = {"a": "The army liberated the village and the army cleared the road to the town.",
               "b": "Rebels said the regime shelled the village and the regime cut the road."}
    rows = [("outlet-a", "a", english["a"])] * 3 + [("outlet-b", "b", english["b"])] * 3 \
        + [("outlet-b", "b", ARABIC)] * 4
    arts = make_articles(rows, is_target=False)
    arts["language"] = ["en"] * 6 + ["ar"] * 4
    counts = count_terms(arts)
    each = compare_each(arts, counts, by="camp", top=5, min_count=1)
    arabic_words = set(count_terms(arts.tail(4)).terms)
    assert each.attrs == {"language": "en", "left_out": {"ar": 4}}
    assert not set(each["term"]) & arabic_words
    # "regime" twice in each of b's three English articles: 6, not counted in the Arabic ones
    assert each.set_index(["group", "side", "term"]).loc[("b", "group", "regime"), "count_in"] == 6
    pair = compare(arts, counts, by="camp", a="b", min_count=1)
    assert pair.attrs["left_out"] == {"ar": 4} and not set(pair["term"]) & arabic_words
    assert language_note(pair) == ("Within one language, 'en': 4 articles in other languages "
                                   "left out (ar 4).")
    side_b = arts["camp"].eq("b").to_numpy()
    assert group_sizes(arts, counts, side_b)["articles"] == 3
    # the other language on its own, when asked
    ar = compare_each(arts, counts, by="camp", language="ar", min_count=1)
    assert ar.attrs == {"language": "ar", "left_out": {"en": 6}} and ar.empty  # one camp: no rest


def test_keep_one_language_says_what_it_left_out():
    """The notebook's contrast keeps the target's language; the line counts the rest by code."""
    from slant.contrast import keep_one_language

    articles = pd.DataFrame({"id": ["e1", "a1", "e2", "u1", "a2"],
                             "language": ["en", "ar", "en", "", "ar"],
                             "is_target": [False, False, True, False, False]})
    kept, line = keep_one_language(articles)
    assert kept["id"].tolist() == ["e1", "e2"]
    assert line == "Within one language, 'en': 3 articles in other languages left out (ar 2, unknown 1)."
    kept, line = keep_one_language(articles, language="ar")
    assert kept["id"].tolist() == ["a1", "a2"]
    assert line == "Within one language, 'ar': 3 articles in other languages left out (en 2, unknown 1)."


def test_model_loaded_in_the_background_is_loaded_once():
    """load_corpus starts loading the language model in a thread while it reads the sources;
    detection then waits for that load instead of starting a second one."""
    from slant.corpus import _language

    _language.warm_identifier()
    first = _language._identifier()
    assert _language._identifier() is first
    assert _language._load_identifier.cache_info().misses == 1
    text = ("The army entered the town after a week of fighting and the residents returned to "
            "their homes.")
    assert _language.detect_languages([text])["detected"].tolist() == ["en"]
