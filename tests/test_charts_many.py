"""Charts for a corpus of many outlets: small outlets folded per camp with the right counts and
pooled values (worked by hand), and whole tables that are escaped and never cut."""

from __future__ import annotations

import html
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from slant import charts
from slant.common import find_remote_fetches

#: 3 big outlets and 5 small ones in 2 camps (min_articles = 3):
#: camp-x: big-1 (5), big-2 (3); small s1 (1), s2 (2), s3 (2)  -> other camp-x: 5 articles, 3 outlets
#: camp-y: big-3 (4); small s4 (1), s5 (2)                     -> other camp-y: 3 articles, 2 outlets
SIZES = pd.DataFrame({
    "outlet": ["big-1", "big-2", "big-3", "s1", "s2", "s3", "s4", "s5"],
    "camp": ["camp-x", "camp-x", "camp-y", "camp-x", "camp-x", "camp-x", "camp-y", "camp-y"],
    "articles": [5, 3, 4, 1, 2, 2, 1, 2],
})
OTHER_X = "other camp-x outlets (5 articles, 3 outlets)"
OTHER_Y = "other camp-y outlets (3 articles, 2 outlets)"


def articles_of(sizes=SIZES) -> pd.DataFrame:
    """One row per article, ids outlet-k."""
    rows = [(f"{o}-{k}", o, c) for o, c, n in sizes.itertuples(index=False) for k in range(n)]
    return pd.DataFrame(rows, columns=["id", "outlet", "camp"])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_outlet_sizes_counts_distinct_articles():
    table = charts.outlet_sizes(pd.concat([articles_of(), articles_of().head(2)]))
    pd.testing.assert_frame_equal(table, SIZES.sort_values("outlet", ignore_index=True))


def test_fold_names_gives_one_row_per_camp_with_counts():
    names = charts.fold_names(SIZES, min_articles=3)
    assert names == {"big-1": "big-1", "big-2": "big-2", "big-3": "big-3", "s1": OTHER_X,
                     "s2": OTHER_X, "s3": OTHER_X, "s4": OTHER_Y, "s5": OTHER_Y}
    assert charts.folded_rows(SIZES, min_articles=3) == {OTHER_X, OTHER_Y}


def test_fold_names_singular_and_nothing_to_fold():
    one = pd.DataFrame({"outlet": ["a", "b"], "camp": ["c", "c"], "articles": [1, 9]})
    assert charts.fold_names(one, min_articles=2)["a"] == "other c outlets (1 article, 1 outlet)"
    assert charts.folded_rows(one, min_articles=1) == set()
    table = pd.DataFrame({"outlet": ["a"]})
    assert charts.fold_small_outlets(table, sizes=one, min_articles=None) is table


def test_density_folded_rows_pool_hits_over_words():
    """Folded density = pooled loaded hits / pooled words, not the mean of the densities."""
    rows = []
    for outlet, articles, words, own, quoted in [
        ("big-1", 5, 1000, 4.0, 1.0), ("big-2", 3, 500, 2.0, 0.0), ("big-3", 4, 800, 5.0, 2.5),
        ("s1", 1, 100, 10.0, 0.0),    # 1 loaded own hit in 100 words
        ("s2", 2, 300, 0.0, 10.0),    # 3 quoted hits in 300 words
        ("s3", 2, 600, 5.0, 0.0),     # 3 own hits in 600 words
        ("s4", 1, 200, 20.0, 0.0),    # 4 own hits in 200 words
        ("s5", 2, 200, 0.0, 0.0),
    ]:
        rows.append({"outlet": outlet, "articles": articles, "words": words, "density": own + quoted,
                     "density_own": own, "density_own_low": own - 1, "density_own_high": own + 1,
                     "density_quoted": quoted, "density_quoted_low": 0.0,
                     "density_quoted_high": quoted + 1})
    ax = charts.density_by_group(pd.DataFrame(rows), by="outlet", min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(["big-1 (n=5)", "big-2 (n=3)", "big-3 (n=4)", OTHER_X, OTHER_Y])
    # own voice bars are the first len(labels) patches, in label order
    own = dict(zip(labels, [p.get_width() for p in ax.patches[:len(labels)]]))
    quoted = dict(zip(labels, [p.get_width() for p in ax.patches[len(labels):2 * len(labels)]]))
    # camp-x small: own (1 + 0 + 3) / 1000 words = 4.0; quoted 3 / 1000 = 3.0
    assert own[OTHER_X] == pytest.approx(4.0)
    assert quoted[OTHER_X] == pytest.approx(3.0)
    # camp-y small: own 4 / 400 words = 10.0 (the mean of means would say 10.0 too: check x)
    assert own[OTHER_Y] == pytest.approx(10.0)
    assert own["big-1 (n=5)"] == pytest.approx(4.0)
    assert "(20 articles; outlets under 3 articles pooled per camp, no interval)" in ax.get_title()


def test_tone_folded_row_is_the_mean_over_its_articles():
    tone = articles_of().assign(tone=0.0)
    tone.loc[tone["outlet"] == "s1", "tone"] = 0.5       # 1 article
    tone.loc[tone["outlet"] == "s2", "tone"] = -0.1      # 2 articles
    tone.loc[tone["outlet"] == "s3", "tone"] = 0.2       # 2 articles
    ax = charts.tone_by_group(tone, by="outlet", min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert f"{OTHER_X} (n=5)" in labels and f"{OTHER_Y} (n=3)" in labels
    assert len(labels) == 5
    row = labels.index(f"{OTHER_X} (n=5)")
    mean_line = ax.lines[row]  # one mean line per row, in order
    # (0.5 - 0.1 - 0.1 + 0.2 + 0.2) / 5 = 0.14 (the mean of outlet means would be 0.2)
    assert mean_line.get_xdata()[0] == pytest.approx(0.14)


def test_loaded_share_folded_row_pools_sentences():
    shares = pd.DataFrame({
        "group": ["big-1", "s1", "s2", "s4"], "articles": [5, 1, 2, 1],
        "sentences": [50, 10, 30, 4], "loaded": [5, 5, 3, 1],
        "share": [0.1, 0.5, 0.1, 0.25], "share_low": [0.05, 0.4, 0.0, 0.0],
        "share_high": [0.2, 0.6, 0.2, 0.5]})
    ax = charts.loaded_share_by_group(shares, by="outlet", min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = dict(zip(labels, [p.get_width() for p in ax.patches]))
    # camp-x small outlets s1 + s2: 8 loaded of 40 sentences = 0.2, 3 articles
    assert widths[f"{OTHER_X} (40 sentences, 3 articles)"] == pytest.approx(0.2)
    assert widths[f"{OTHER_Y} (4 sentences, 1 articles)"] == pytest.approx(0.25)
    assert len(labels) == 3


def test_source_kind_shares_folded_row_pools_attributions():
    rows = []
    for group, articles, counts in [("big-1", 5, {"wire": 6, "state": 4}), ("s1", 1, {"wire": 1, "state": 0}),
                                    ("s2", 2, {"wire": 0, "state": 3}), ("s4", 1, {"wire": 2, "state": 2})]:
        total = sum(counts.values())
        for kind, n in counts.items():
            rows.append({"group": group, "kind": kind, "kind_name": kind, "attributions": n,
                         "total": total, "share": n / total, "articles": articles})
    ax = charts.source_kind_shares(pd.DataFrame(rows), min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert f"{OTHER_X} (n=4, 3 art.)" in labels
    assert f"{OTHER_Y} (n=4, 1 art.)" in labels
    row = labels.index(f"{OTHER_X} (n=4, 3 art.)")
    wire = [p for p in ax.patches if abs(p.get_y() + p.get_height() / 2 - row) < 1e-9]
    # camp-x small: wire 1 of 4 = 0.25, state 3 of 4 = 0.75 (mean of shares: 0.5 / 0.5)
    assert [p.get_width() for p in wire] == pytest.approx([0.25, 0.75])
    assert "(18 attributions in 9 articles; outlets under 3 articles pooled per camp)" in ax.get_title()


def test_mention_heatmap_folded_cells_count_articles():
    rows = []
    for group, articles, mentioning, omitted in [("big-1", 5, [5, 0], [False, True]),
                                                 ("s1", 1, [1, 0], [False, True]),
                                                 ("s2", 2, [0, 1], [True, False]),
                                                 ("s3", 2, [2, 2], [False, False])]:
        for item, n, om in zip(["i1", "i2"], mentioning, omitted):
            rows.append({"group": group, "item": item, "item_name": item.upper(), "articles": articles,
                         "mentioning": n, "share": n / articles, "others_mentioning": 0.5, "omitted": om})
    ax = charts.mention_heatmap(pd.DataFrame(rows), min_articles=3, outlets=SIZES)
    texts = [t.get_text() for t in ax.texts]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["big-1 (5)", f"{OTHER_X} (5)"]
    # camp-x small: item 1 in 1 + 0 + 2 = 3 of 5 articles, item 2 in 0 + 1 + 2 = 3 of 5
    assert texts.count("3/5") == 2 and texts.count("5/5") == 1 and texts.count("0/5") == 1
    assert texts.count("omitted") == 1  # big-1's item 2; never a folded row
    assert "(10 articles; 1 omissions boxed)" in ax.get_title()


def test_label_heatmap_folded_row_sums_mentions():
    choices = pd.DataFrame({
        "level": "outlet", "group": ["big-1", "big-1", "s1", "s2", "s2", "s4"],
        "referent": "r", "label": ["A", "B", "A", "A", "B", "B"], "stance": "neutral",
        "mentions": [3, 1, 2, 1, 4, 5]})
    axes = charts.label_heatmap(choices, by="outlet", min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in axes[0].get_yticklabels()]
    assert labels == ["big-1 (4)", f"{OTHER_X} (7)", f"{OTHER_Y} (5)"]
    cells = [t.get_text() for t in axes[0].texts]
    # columns by total mentions, B (10) before A (6); other camp-x: B 4, A 2 + 1
    assert cells == ["1", "3", "4", "3", "5"]


def test_outlet_camp_probabilities_folded_row_is_the_mean_over_articles():
    arts = articles_of()
    long = pd.concat([arts.assign(task="camp", model="m", predicted="camp-x", **{"class": c})
                      for c in ("camp-x", "camp-y")], ignore_index=True)
    long["probability"] = np.where(long["class"] == "camp-x", 0.5, 0.5)
    long.loc[(long["outlet"] == "s1") & (long["class"] == "camp-x"), "probability"] = 1.0
    long.loc[(long["outlet"] == "s1") & (long["class"] == "camp-y"), "probability"] = 0.0
    ax = charts.outlet_camp_probabilities(long, min_articles=3, outlets=SIZES)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["big-1 (camp-x, n=5)", "big-2 (camp-x, n=3)", OTHER_X, "big-3 (camp-y, n=4)",
                      OTHER_Y]
    row = labels.index(OTHER_X)
    first_class = ax.patches[row]  # camp-x bars come first, one per row
    # s1's 1 article at 1.0 and 4 others at 0.5: (1.0 + 4 x 0.5) / 5 = 0.6
    assert first_class.get_width() == pytest.approx(0.6)
    assert "(20 articles, 8 outlets; outlets under 3 articles pooled per camp)" in ax.get_title()


def test_full_table_shows_every_row_escaped():
    table = pd.DataFrame({"outlet": [f"outlet-{k:02d}" for k in range(1, 141)], "articles": range(1, 141)})
    table.loc[3, "outlet"] = "<script>alert(1)</script>"
    block = charts.full_table(table, caption="Outlets & articles")
    html = block._repr_html_()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for name in table["outlet"].iloc[4:]:
        assert f">{name}</td>" in html
    assert html.count("<tr>") == 141  # header + 140 rows
    assert "…" not in html.replace("any cell contains…", "")
    assert "Outlets &amp; articles (140 rows)" in html
    assert find_remote_fetches(html) == []
    assert html.count("<script>") == 1  # the filter and sort script, inline


def test_full_table_keeps_a_meaningful_index_and_flattens_columns():
    wide = pd.DataFrame({("hits", "a"): [1], ("own_share", "a"): [0.5]},
                        index=pd.Index(["outlet-x"], name="outlet"))
    html = str(charts.full_table(wide))
    assert ">outlet</th>" in html and ">hits · a</th>" in html and ">outlet-x</td>" in html
    assert ">0.500</td>" in html and "1 row)" not in html and "1 row<" in html


#: Sentences we wrote, one per article, for invented outlets; each camp leans on its own labels.
MANY_SENTENCES = {
    "Gulf": ["The regime shelled the town of Qaryat as the army advanced.",
             "Activists said the regime captured two villages near Qaryat."],
    "Western": ["Government forces captured Qaryat from Islamic State, a monitor said.",
                "The Syrian army seized the road to Qaryat, officials said."],
    "Turkish": ["US-backed militants and the regime fought near Qaryat.",
                "Daesh fighters left Qaryat after the army liberated the town."],
}
CAMPS_OF_MANY = list(MANY_SENTENCES)


def write_many_outlet_corpus(folder, *, n_outlets: int = 40):
    """A corpus of ``n_outlets`` invented outlets ``outlet-01`` ... with 1 or 2 articles each,
    in three camps (by an ``outlets.csv``), plus a target by outlet-01 that rewrites outlet-02's
    first article. Returns the corpus folder."""
    articles = folder / "articles"
    articles.mkdir(parents=True)
    rows = ["id,name,country,ownership,camp,confidence,citations"]
    for k in range(1, n_outlets + 1):
        outlet, camp = f"outlet-{k:02d}", CAMPS_OF_MANY[k % 3]
        rows.append(f"{outlet},Outlet {k:02d},Nowhere,private,{camp},low,invented for tests")
        for j in range(1 + k % 2):
            text = MANY_SENTENCES[camp][j]
            doc = f"{outlet}-2017-10-{10 + j:02d}"
            (articles / f"{doc}.md").write_text(
                f"---\nid: {doc}\noutlet: {outlet}\ndate: 2017-10-{10 + j:02d}\ntitle: \"Qaryat {k}\"\n"
                f"language: en\nurl: https://example.invalid/{doc}\n---\n{text}\n", encoding="utf-8")
    (articles / "target.md").write_text(
        "---\nid: target\noutlet: outlet-01\ndate: 2017-10-12\ntitle: \"Army frees Qaryat\"\n"
        "language: en\nurl: https://example.invalid/target\n---\n"
        "Daesh terrorists left Qaryat after the army liberated the town.\n"
        "The regime of the river is calm, residents said.\n", encoding="utf-8")
    (folder / "outlets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    lexicon = (Path(__file__).parent / "fixtures" / "tiny-lexicon.yml").resolve()
    (folder / "corpus.yml").write_text(
        "name: many\ndescription: Invented coverage by 40 invented outlets, for tests\n"
        "window: [2017-10-01, 2017-10-15]\ntarget: target\ntarget_source: outlet-02-2017-10-10\n"
        f"language: en\noutlets: outlets.csv\nlexicons: [{lexicon}]\nsources:\n  - articles: articles/\n",
        encoding="utf-8")
    return folder


@pytest.mark.slow
def test_report_on_many_outlets_shows_every_outlet_and_opens_with_findings(tmp_path):
    from slant.report import build_report

    corpus = write_many_outlet_corpus(tmp_path / "many")
    out = tmp_path / "report"
    index = build_report(corpus, out=out, progress=False, parameters={
        "min_count": 1, "sentence_cv_folds": 3, "map_min_articles": 1, "group_a": "Gulf",
        "sentence_training": str(Path(__file__).parent / "fixtures" / "sentences" / "training.csv")})
    page = (out / "01_corpus.html").read_text(encoding="utf-8")
    for k in range(1, 41):
        assert f">outlet-{k:02d}</td>" in page, f"outlet-{k:02d} missing from the outlet table"
    assert "rows × " not in page
    text = index.read_text(encoding="utf-8")
    body = text[text.index("<body>"):]
    assert body.index('<section id="findings">') < body.index("<h2>Pages</h2>")
    assert body.index("<h2>Findings</h2>") == body.index("<h2>")
    assert "The target calls islamic-state “Daesh”" in text
    # each finding links to an anchor that exists on its page
    for link in set(re.findall(r'href="(\d\d_\w+\.html)#([^"]+)"', text)):
        target = (out / link[0]).read_text(encoding="utf-8")
        assert f'id="{html.unescape(link[1])}"' in target, link
    # 40 outlets: 20 with one article, 20 with two, and the target
    assert (out / "articles.csv").read_text(encoding="utf-8").count("\n") == 1 + 61
