"""Charts draw what they are given and say what and how many in their titles."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd

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
