"""Reading the coverage in its own languages: lexicon language files, matching per language
(Arabic clitics and endings, Persian ZWNJ and plurals, Russian and French stems), offsets in
the original text, quote marks and attribution cues per language, languages not scored.

Every sentence is ours, attributed to invented outlets; the lexicon is the small test lexicon
``fixtures/multilingual/ml-test.yml`` and its language files. Expected values are worked out by
hand in the comments (offsets count characters, diacritics and ZWNJ included).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import make_articles
from slant.lexicons import ENTRY_COLUMNS, LexiconError, load_lexicon, load_lexicons
from slant.scoring import article_scores, find_hits
from slant.text import collapse, normal_form
from slant.voice import find_quotes

FIXTURES = Path(__file__).parent / "fixtures" / "multilingual"
BASE = FIXTURES / "ml-test.yml"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(BASE)


def hits_of(text: str, language: str, lexicon, outlet: str = "outlet-a") -> pd.DataFrame:
    articles = pd.DataFrame({"id": ["a0"], "outlet": [outlet], "camp": ["camp-a"], "wire_credit": [""],
                             "language": [language], "text": [text]})
    return find_hits(articles, lexicon, n_jobs=1)


def found(text, language, lexicon) -> list[tuple[str, str]]:
    return [(t, lab) for t, lab in zip(hits_of(text, language, lexicon)["text"],
                                       hits_of(text, language, lexicon)["label"].astype(str))]


# --- the language files ------------------------------------------------------------------------

def test_language_files_load_with_their_base(lexicon):
    # ml-test.yml (en) + ml-test.{ar,fa,fr,ru}.yml beside it
    assert lexicon.languages == ("ar", "en", "fa", "fr", "ru")
    assert ENTRY_COLUMNS[-2:] == ["language", "gloss"]
    row = lexicon.entries.set_index("label").loc["إرهابي"]
    # referent and category come from the base file
    assert (row["language"], row["gloss"], row["referent"], row["category"]) == (
        "ar", "terrorist", "armed-opposition", "actor")
    # an English label's gloss is the label itself
    assert lexicon.entries.set_index("label").loc["Syrian army", "gloss"] == "Syrian army"


def test_a_language_file_alone_is_refused():
    with pytest.raises(LexiconError, match=r"ml-test\.ar\.yml:1: this is the 'ar' language file"):
        load_lexicons([FIXTURES / "ml-test.ar.yml"])


@pytest.mark.parametrize("defect, message", [
    ("missing-gloss", r"ml-test\.ar\.yml:6: label 'إرهابي' has no gloss; add 'gloss:"),
    ("unknown-referent", r"ml-test\.ar\.yml:7: referent id 'hezbollah' is not in the base lexicon"),
    ("other-name", r"ml-test\.ar\.yml:1: name 'syria-2017' differs from the base lexicon's 'ml-test'"),
    ("other-language", r"ml-test\.ar\.yml:2: language 'fa' differs from the file name's 'ar'"),
    ("case-exact", r"ml-test\.ar\.yml:6: 'case: exact' of 'داعش' means nothing in ar"),
], ids=lambda v: v if "/" not in v and ":" not in v else None)
def test_language_file_mistakes_name_file_line_and_fix(defect, message, tmp_path):
    shutil.copy(BASE, tmp_path / "ml-test.yml")
    shutil.copy(FIXTURES / "bad" / f"{defect}.ar.yml", tmp_path / "ml-test.ar.yml")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(tmp_path / "ml-test.yml")


# --- Arabic ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # و + ال + إرهابي + ين; الجيش السوري as written
    ("والإرهابيين هاجموا مواقع الجيش السوري.",
     [("والإرهابيين", "إرهابي"), ("الجيش السوري", "الجيش السوري")]),
    # ل + ال -> لل (the article's alef dropped); و + نظام + ه (his)
    ("بل للجيش ونظامه.", [("للجيش", "جيش"), ("ونظامه", "نظام")]),
    # feminine ة and sound plural ون; ة folded to ه
    ("مسلحة والمسلحون", [("مسلحة", "مسلح"), ("والمسلحون", "مسلح")]),
], ids=["clitic-article-plural", "lil-and-pronoun", "feminine-and-plural"])
def test_arabic_clitics_and_endings_match(text, expected, lexicon):
    assert found(text, "ar", lexicon) == expected


@pytest.mark.parametrize("text", [
    "الإرهاب",      # terrorism: the label إرهابي minus its last letter
    "نظامي",        # "regular" (nisba ي is no ending of ours): not نظام
    "جيشان البحر",  # "surging": جيش is short (3 letters) and takes no ان
    "ارهابيك",      # singular "your" ك is no ending of ours (only plural كم): too many look-alikes
], ids=["shorter-word", "nisba-adjective", "short-label-no-dual", "no-singular-kaf"])
def test_arabic_look_alikes_do_not_match(text, lexicon):
    assert found(text, "ar", lexicon) == []


def test_arabic_offsets_in_the_original_text_with_diacritics_and_tatweel(lexicon):
    text = "قصفَ الإرهابيّونَ المدينةَ والإرهـــابيين."
    # "قصفَ " is 5 characters (ق ص ف, a fatha, a space): the hit starts at 5; "الإرهابيّونَ" is
    # 12 characters (10 letters, a shadda, a fatha), so it ends at 17, its final fatha included.
    # "المدينةَ " takes 18..26; "والإرهـــابيين" (11 letters, 3 tatweels) runs 27..41.
    hits = hits_of(text, "ar", lexicon)
    assert hits[["start", "end"]].to_numpy().tolist() == [[5, 17], [27, 41]]
    assert hits["text"].tolist() == ["الإرهابيّونَ", "والإرهـــابيين"]


def test_arabic_letter_variants_fold():
    # أ إ آ -> ا, ى -> ي, ة -> ه, harakat and tatweel deleted
    assert collapse(normal_form("إرهابيّـة آمنة على"))[0] == "ارهابيه امنه علي"


# --- Persian -----------------------------------------------------------------------------------

def test_persian_zwnj_plural_and_arabic_letters(lexicon):
    text = "تروریست‌ها و تروريستهای داعش"
    # تروریست (7) + ZWNJ + ها = 10 characters: 0..10; " و " -> the next word starts at 13 and,
    # written with Arabic ي and no ZWNJ, تروريستهای (10 letters) ends at 23; داعش 24..28
    hits = hits_of(text, "fa", lexicon)
    assert hits[["start", "end"]].to_numpy().tolist() == [[0, 10], [13, 23], [24, 28]]
    assert hits["text"].tolist() == ["تروریست‌ها", "تروريستهای", "داعش"]


def test_persian_digits_fold():
    assert collapse(normal_form("۱۲ ٣٤"))[0] == "12 34"


# --- Russian -----------------------------------------------------------------------------------

def test_russian_cases_match_by_stem(lexicon):
    text = "Позиции боевиков, боевикам и боевиками сирийской армии."
    # Snowball cuts боевиков/боевикам/боевиками to боевик and сирийской армии to сирийск арм,
    # as it cuts the patterns; the hits run to the words' ends (8..16, 18..26, 29..38, 39..54)
    hits = hits_of(text, "ru", lexicon)
    assert hits["text"].tolist() == ["боевиков", "боевикам", "боевиками", "сирийской армии"]
    assert hits[["start", "end"]].to_numpy().tolist() == [[8, 16], [18, 26], [29, 38], [39, 54]]
    assert hits["label"].astype(str).tolist() == ["боевики"] * 3 + ["сирийская армия"]


@pytest.mark.parametrize("text", [
    "Сирийские армяне",               # stems сирийск армян: not сирийск арм
    "Боевой дух",                     # боев: not боевик
    "Террористическая угроза",        # террористическ: an adjective, not террорист
], ids=["armenians-not-army", "combat-not-militant", "adjective-not-noun"])
def test_russian_look_alikes_do_not_match(text, lexicon):
    assert found(text, "ru", lexicon) == []


# --- French ------------------------------------------------------------------------------------

def test_french_elision_plural_and_exact_case(lexicon):
    text = "Les rebelles de l'EI et d'EI, l'armée syrienne et les armées syriennes."
    # rebelles 4..12; EI after l' at 18..20 and after d' at 26..28 (case exact: "ei" would not);
    # "armée syrienne" after l' 32..46; "armées syriennes" 54..70 (stems armé syrien)
    hits = hits_of(text, "fr", lexicon)
    assert hits["text"].tolist() == ["rebelles", "EI", "EI", "armée syrienne", "armées syriennes"]
    assert hits[["start", "end"]].to_numpy().tolist() == [[4, 12], [18, 20], [26, 28], [32, 46], [54, 70]]


@pytest.mark.parametrize("text", ["La rébellion continue.", "ei", "La terre"],
                         ids=["rebellion-not-rebel", "lower-case-ei", "terre-not-terroriste"])
def test_french_look_alikes_do_not_match(text, lexicon):
    assert found(text, "fr", lexicon) == []


# --- each text in its own language -------------------------------------------------------------

def test_labels_match_only_in_their_language(lexicon):
    # the French stem of "rebelles" is "rebel", an English pattern: in an English text only the
    # English label counts, in a French one only the French label
    assert found("rebel", "en", lexicon) == [("rebel", "rebels")]
    assert found("rebelles", "fr", lexicon) == [("rebelles", "rebelles")]
    # English text is not stemmed: "terrorism" is no "terrorist"
    assert found("terrorism", "en", lexicon) == []


def test_language_without_a_lexicon_file_is_not_scored(lexicon):
    articles = pd.DataFrame({"id": ["a0", "a1"], "outlet": ["outlet-a", "outlet-b"], "camp": ["c", "c"],
                             "wire_credit": ["", ""], "language": ["de", "fr"],
                             "text": ["Die Rebellen und die Terroristen.", "Les terroristes."], "words": [5, 2]})
    hits = find_hits(articles, lexicon, n_jobs=1)
    scores = article_scores(hits, articles, lexicon=lexicon).set_index("id")
    # German: no ml-test.de.yml, so no hit is searched; NaN, never 0, with the reason
    assert not scores.loc["a0", "scored"]
    assert scores.loc["a0", "not_scored_reason"] == "language 'de': no lexicon in this language"
    assert np.isnan(scores.loc["a0", "density"])
    # French: terroristes (loaded), 1 hit in 2 words = 500 per 1,000 words
    assert scores.loc["a1", "scored"] and scores.loc["a1", "hits"] == 1
    assert scores.loc["a1", "density"] == 500


# --- voice -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, voice, kind", [
    # French guillemets around a sentence: direct speech
    ("« Les rebelles ont pris la ville », dit-il.", "fr", "quoted", "marks"),
    # Russian „...“: the closing “ closes (it opens a quote in English)
    ("Он сказал: „Террористы обстреляли город.“", "ru", "quoted", "marks"),
    # Arabic «...» of four words
    ("«الإرهابيون هاجموا المدينة صباحا» كما يبدو.", "ar", "quoted", "marks"),
    # attribution cues per language: the sentence is reported speech
    ("Selon l'OSDH, les terroristes ont fui.", "fr", "quoted", "reported"),
    ("По словам командира, боевики отступили.", "ru", "quoted", "reported"),
    ("وقال المتحدث إن المسلحين انسحبوا.", "ar", "quoted", "reported"),  # و + قال
    ("به گزارش خبرگزاری، تروریست‌ها عقب رفتند.", "fa", "quoted", "reported"),
    # no cue, no marks: the outlet's own voice
    ("Les rebelles ont pris la ville.", "fr", "own", ""),
    ("Боевики отступили.", "ru", "own", ""),
    # the quote „...“ closed before the hit: read as an English opening “, it would run on
    ("Он сказал: „Город взят.“ Боевики отступили.", "ru", "own", ""),
], ids=["fr-guillemets", "ru-low-high-quotes", "ar-guillemets", "fr-selon", "ru-po-slovam",
        "ar-wa-qala", "fa-be-gozaresh", "fr-own", "ru-own", "ru-after-closed-quote"])
def test_voice_per_language(text, language, voice, kind, lexicon):
    hits = hits_of(text, language, lexicon)
    assert len(hits) == 1
    assert (hits["voice"].iloc[0], hits["quote_kind"].iloc[0]) == (voice, kind)


def test_a_cue_inside_quote_marks_reports_nothing():
    # «selon» is quoted, so no reported span comes from it; the marks span is 0..13
    quotes = find_quotes("« selon lui » les rebelles.", [(0, 27)], language="fr")
    assert [(q.start, q.end, q.kind) for q in quotes] == [(0, 13, "scare")]


# --- across languages: hits and label choices carry the label's language and gloss ------------

@pytest.mark.parametrize("label, gloss, language, shown", [
    ("النظام", "the regime", "ar", "النظام (the regime)"),
    ("داعش", "Daesh (acronym of the former name; the group rejects it)", "ar", "داعش (Daesh)"),
    ("نظام", "regime; also system, order", "ar", "نظام (regime)"),
    ("Daesh", "Daesh", "en", "Daesh"),
    ("regime", "", "", "regime"),
    ("ИГИЛ", "ИГИЛ", "ru", "ИГИЛ"),
    ("боевики", "", "ru", "боевики"),
], ids=["arabic-with-gloss", "gloss-cut-at-bracket", "gloss-cut-at-semicolon", "english-alone",
        "no-language-is-english", "gloss-equal-to-label", "no-gloss"])
def test_display_label(label, gloss, language, shown):
    from slant.lexicons import display_label

    assert display_label(label, gloss, language) == shown


def test_language_name():
    from slant.lexicons import language_name

    assert [language_name(c) for c in ("ar", "fa", "ru", "fr", "en", "de")] == [
        "Arabic", "Persian", "Russian", "French", "English", "de"]


def test_hits_carry_the_labels_language_and_gloss(lexicon):
    # النظام = ال + نظام (regime); داعش as written
    hits = hits_of("قصف النظام داعش.", "ar", lexicon)
    assert hits[["text", "label", "language", "gloss"]].astype(str).values.tolist() == [
        ["النظام", "نظام", "ar", "regime"], ["داعش", "داعش", "ar", "Daesh"]]
    english = hits_of("Daesh fled.", "en", lexicon)
    assert english[["label", "language", "gloss"]].astype(str).values.tolist() == [["Daesh", "en", "Daesh"]]


def test_label_choices_across_languages(lexicon):
    from slant.scoring import LABEL_CHOICE_COLUMNS, label_choices, label_choices_by_language

    # outlet-a (camp-a, ar): نظام, داعش; outlet-b (camp-a, fa): داعش; outlet-c (camp-b, en):
    # regime, Daesh, Daesh. The Arabic and the Persian "داعش" are two labels (two languages).
    articles = pd.DataFrame({
        "id": ["a", "b", "c"], "outlet": ["outlet-a", "outlet-b", "outlet-c"],
        "camp": ["camp-a", "camp-a", "camp-b"], "wire_credit": "", "language": ["ar", "fa", "en"],
        "text": ["قصف النظام داعش.", "داعش عقب نشست.", "The regime shelled Daesh. Daesh fled."]})
    choices = label_choices(find_hits(articles, lexicon, n_jobs=1))
    assert list(choices.columns) == LABEL_CHOICE_COLUMNS
    camp = choices[(choices["level"] == "camp") & (choices["referent"] == "islamic-state")]
    got = camp[["group", "label", "language", "display", "mentions", "referent_mentions", "share"]].values.tolist()
    # camp-a: 1 Arabic + 1 Persian mention of 2; camp-b: 2 of 2 in English
    assert sorted(map(tuple, got)) == sorted([
        ("camp-a", "داعش", "ar", "داعش (Daesh)", 1, 2, 0.5),
        ("camp-a", "داعش", "fa", "داعش (Daesh)", 1, 2, 0.5),
        ("camp-b", "Daesh", "en", "Daesh", 2, 2, 1.0)])
    assert choices.attrs["language_names"] == {"ar": "Arabic", "en": "English", "fa": "Persian"}
    by_language = label_choices_by_language(choices, referents=["islamic-state"])
    # English has the most mentions (2), then ar and fa (1 each, by code)
    assert by_language[["language", "display", "mentions", "language_mentions", "share", "outlets"]].values.tolist() == [
        ["en", "Daesh", 2, 2, 1.0, 1], ["ar", "داعش (Daesh)", 1, 1, 1.0, 1], ["fa", "داعش (Daesh)", 1, 1, 1.0, 1]]


def test_matching_builds_only_the_keys_of_the_languages_read():
    # an English corpus must not pay for the Arabic keys (clitics x endings: ~220,000 of the
    # bundled lexicons' ~230,000); the restricted lexicon finds the same hits in English
    from slant.lexicons import load_lexicons

    lex = load_lexicons(["syria-2017", "news-generic"])
    english = lex.for_languages({"en"})
    lang_of = lex.entries.set_index("entry")["language"]
    entry = english.patterns["entry"].to_numpy()
    assert set(lang_of.reindex([e if e >= 0 else -1 - e for e in entry])) == {"en"}
    assert len(english.patterns) < len(lex.patterns) / 20
    assert lex.for_languages({"en"}) is english and lex.for_languages(set(lex.languages)) is lex
    arts = make_articles([("outlet-a", "x", "Syrian troops took the town from Daesh terrorists, a resident said."),
                          ("outlet-b", "y", 'The "regime" forces shelled rebels in Deir ez-Zor.')])
    full, restricted = find_hits(arts, lex), find_hits(arts, english)
    assert len(full) >= 3 and full.equals(restricted)
    assert {"Daesh", "terrorists"} <= set(full["label"])
