"""Charts draw what they are given and say what and how many in their titles."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.text
import pandas as pd
import pytest

from conftest import FIXTURES, TINY_CORPUS
from slant import charts
from slant.corpus import load_corpus
from slant.lexicons import load_lexicon
from slant.scoring import find_hits, label_choices


def test_corpus_charts_name_their_counts():
    arts = load_corpus(TINY_CORPUS).articles
    assert "(7 articles, 4 outlets)" in charts.articles_by_camp(arts).get_title()
    assert "7 dated articles" in charts.coverage_timeline(arts).get_title()
    assert "per day" in charts.coverage_timeline(arts, freq="D").get_title()
    assert "(7 articles, 4 outlets)" in charts.words_per_article(arts).get_title()


def test_article_card_escapes_text():
    row = pd.Series({"id": "x", "outlet": "outlet-a", "outlet_name": "<b>A</b>", "camp": "other",
                     "date": pd.NaT, "title": "<script>alert(1)</script>", "text": "1 < 2 & 3 > 2",
                     "url": "javascript:alert(1)", "language": "en", "words": 5, "source": "s",
                     "wire_credit": ""})
    html = str(charts.article_card(row))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "1 &lt; 2 &amp; 3 &gt; 2" in html
    assert "href" not in html  # a javascript: URL is shown, never linked


def test_highlighted_article_marks_and_escapes():
    lexicon = load_lexicon(FIXTURES / "tiny-lexicon.yml")
    arts = pd.DataFrame({"id": ["a"], "outlet": ["outlet-a"], "camp": ["other"], "wire_credit": [""],
                         "language": ["en"], "text": ['<i>The regime</i> fell; "Daesh lost," a commander said.']})
    hits = find_hits(arts, lexicon)
    html = str(charts.highlighted_article(arts.iloc[0], hits))
    assert "&lt;i&gt;The <mark" in html and "<i>" not in html
    assert html.count("<mark") == 2
    assert "Daesh · islamic-state · delegitimising · quoted (a commander)" in html


def test_label_heatmap_one_panel_per_referent():
    lexicon = load_lexicon(FIXTURES / "tiny-lexicon.yml")
    arts = pd.DataFrame({"id": ["a", "b"], "outlet": ["outlet-a", "outlet-b"], "camp": ["x", "y"],
                         "wire_credit": "", "language": "en", "text": ["Daesh and the regime.", "Islamic State and the Syrian army."]})
    axes = charts.label_heatmap(label_choices(find_hits(arts, lexicon)), by="camp")
    assert [ax.get_ylabel() for ax in axes] == ["islamic-state", "syrian-government"]
    assert "2 in all" not in axes[0].figure.texts[0].get_text()
    assert "4 in all" in axes[0].figure.texts[0].get_text()


def test_monroe_plot_labels_without_overlap():
    import numpy as np

    rng = np.random.default_rng(0)
    table = pd.DataFrame({"term": [f"w{i}" for i in range(500)], "total": rng.integers(1, 500, 500)})
    table["z"] = rng.normal(0, 3, 500)
    ax = charts.monroe_plot(table, top=10, side_names=("outlet-a", "the rest"), sizes=((1, 300), (40, 12000)))
    assert "outlet-a: 1 article, 300 words; the rest: 40 articles, 12,000 words" in ax.get_title()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert 10 <= len(boxes) <= 20
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    labelled = {t.get_text() for t in ax.texts}
    assert table.loc[table["z"].idxmax(), "term"] in labelled  # the most distinctive term is always placed


# --- right-to-left text: charts and highlighted articles ------------------------------------

@pytest.mark.parametrize("text, native, shown", [
    ("النظام (the regime)", True, "\u200eالنظام (the regime)"),
    # older matplotlib: joined presentation forms in visual order; د ا isolated (neither joins
    # the next letter), ع initial U+FECB, ش final U+FEB6, read from the right
    ("داعش", False, "\ufeb6\ufecb\ufe8d\ufea9"),
    ("داعش (Daesh)", False, "\ufeb6\ufecb\ufe8d\ufea9 (Daesh)"),
    ("outlet-a (3)", True, "outlet-a (3)"),
    ("outlet-a (3)", False, "outlet-a (3)"),
], ids=["native-layout-ltr-mark", "reshaped-visual-order", "reshaped-gloss-after", "latin-untouched-native",
        "latin-untouched-reshaped"])
def test_bidi_text(text, native, shown):
    assert charts.bidi_text(text, native=native) == shown


def test_every_chart_shapes_right_to_left_text():
    html_blocks = {"article_card", "highlighted_article", "marked_sentences", "rewrite_side_by_side", "full_table"}
    helpers = {"fold_names", "fold_small_outlets", "folded_rows", "outlet_sizes", "bidi_text", "text_direction"}
    drawing = [n for n in charts.__all__ if callable(getattr(charts, n)) and n[0].islower()
               and n not in html_blocks | helpers]
    assert "label_heatmap" in drawing and "monroe_plot" in drawing
    assert [n for n in drawing if not getattr(getattr(charts, n), "rtl_safe", False)] == []


def multilingual_choices():
    """outlet-a (ar): النظام, داعش; outlet-b (en): regime, Daesh x2; outlet-c (fa): داعش."""
    lexicon = load_lexicon(FIXTURES / "multilingual" / "ml-test.yml")
    arts = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["outlet-a", "outlet-b", "outlet-c"],
                         "camp": ["camp-a", "camp-b", "camp-a"], "wire_credit": "",
                         "language": ["ar", "en", "fa"],
                         "text": ["قصف النظام داعش.", "The regime shelled Daesh. Daesh fled.", "داعش عقب نشست."]})
    return label_choices(find_hits(arts, lexicon, n_jobs=1))


@pytest.mark.filterwarnings("error:Glyph")  # a glyph missing from the font fails the test
def test_label_heatmap_groups_languages_and_draws_arabic(tmp_path):
    axes = charts.label_heatmap(multilingual_choices(), by="outlet", referents=["islamic-state", "syrian-army"])
    fig = axes[0].figure
    fig.savefig(tmp_path / "heatmap.png")  # draws every glyph
    ax = axes[0]  # islamic-state: Daesh (en, 2 mentions) first, then ar and fa (1 each, by code)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Daesh", "\u200eداعش (Daesh)", "\u200eداعش (Daesh)"]
    # rows grouped by language in the columns' order, each naming its language
    assert [t.get_text() for t in ax.get_yticklabels()] == ["outlet-b · en (2)", "outlet-a · ar (1)", "outlet-c · fa (1)"]
    assert [t.get_text() for t in ax.texts if t.get_fontstyle() == "italic"] == [
        "English (en)", "Arabic (ar)", "Persian (fa)"]
    assert "labels of 3 languages (en, ar, fa)" in fig.texts[0].get_text()
    # shaping is done once: shaping the figure again changes nothing
    before = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    charts._common.shape_texts(fig)
    assert [t.get_text() for t in fig.findobj(matplotlib.text.Text)] == before


def test_a_missing_glyph_is_caught():
    """The warning the test above turns into an error is the one matplotlib gives."""
    import warnings

    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_title("داعش", fontfamily="cmr10")  # a bundled TeX font without Arabic
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert any("Glyph" in str(w.message) and "missing" in str(w.message) for w in caught)
    plt.close(fig)


def test_highlighted_arabic_article_is_right_to_left_and_escaped():
    lexicon = load_lexicon(FIXTURES / "multilingual" / "ml-test.yml")
    text = "قصف النظام المدينة.\n<script>alert(1)</script> داعش"
    arts = pd.DataFrame({"id": ["a"], "outlet": ["outlet-a"], "camp": ["other"], "wire_credit": [""],
                         "language": ["ar"], "text": [text]})
    hits = find_hits(arts, lexicon, n_jobs=1)
    # النظام at 4-10 and داعش at 46-50 (hand-counted: قصف + space = 4; first line 19 + "\n")
    assert hits[["start", "end"]].values.tolist() == [[4, 10], [46, 50]]
    html = str(charts.highlighted_article(arts.iloc[0], hits))
    assert html.count("<p dir='rtl' style='text-align:start'>") == 2 and "<p>" not in html
    assert "قصف <mark" in html and ">النظام</mark> المدينة." in html
    assert ">داعش</mark></p>" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; <mark" in html
    assert "نظام (regime) · syrian-army · delegitimising · own" in html  # tooltip with the gloss
    english = arts.assign(language="en", text="The regime fell.")
    assert "<p dir='auto' style='text-align:start'>" in str(charts.highlighted_article(english.iloc[0], find_hits(english, lexicon, n_jobs=1)))


def test_article_card_paragraphs_take_the_language_direction():
    row = pd.Series({"id": "x", "outlet": "outlet-a", "outlet_name": "Outlet A", "camp": "other",
                     "date": pd.NaT, "title": "عنوان", "text": "سطر أول.\nسطر ثان.", "url": "",
                     "language": "fa", "words": 4, "source": "s", "wire_credit": ""})
    html = str(charts.article_card(row))
    assert html.count("<p dir='rtl' style='text-align:start'>") == 2 and "<span dir='auto'>عنوان</span>" in html


def test_scored_by_language_names_what_is_left_out():
    summary = pd.DataFrame({"language": ["ar", "en", "de"], "camp": ["camp-a", "camp-b", "camp-b"],
                            "articles": [3, 2, 1], "scored": [3, 2, 0], "not_scored": [0, 0, 1],
                            "reason": ["", "", "language 'de': no lexicon in this language"]}
                           ).set_index(["language", "camp"])
    ax = charts.scored_by_language(summary)
    assert "(6 articles, 1 not scored)" in ax.get_title()
    # most articles at the top: barh draws the first row at the bottom
    assert [t.get_text() for t in ax.get_yticklabels()] == ["de · camp-b", "en · camp-b", "ar · camp-a"]
    assert " 1 (1 not scored: language 'de': no lexicon in this language)" in [t.get_text() for t in ax.texts]


def test_own_camps_get_distinct_colours_that_stay_put():
    from slant.charts._common import CAMP_COLORS, OWN_CAMP_PALETTE, camp_colors

    # a corpus's own camps used to be all grey (#cccccc), so a reader could not tell them apart
    own = camp_colors(["northern", "southern", "western", "other", "Western"])
    assert own[3] == CAMP_COLORS["other"] and own[4] == CAMP_COLORS["Western"]
    assert len(set(own[:3])) == 3 and set(own[:3]) <= set(OWN_CAMP_PALETTE)
    # the same camp keeps its colour beside other camps (these three names hash apart)
    assert camp_colors(["unknown", "southern"])[1] == own[1]
    # twelve own camps: the first ten all differ, then colours repeat
    many = camp_colors([f"camp-{i:02d}" for i in range(12)])
    assert len(set(many)) == 10
