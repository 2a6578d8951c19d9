# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Framing beyond single words
# Loaded words are one part of framing; the rest is whom an outlet lets speak and what it
# mentions or leaves out.
#
# **Input**: a corpus folder, the bundled (or your own) sources and mentions lexicons
# (`slant/data/sources.yml`, `slant/data/mentions.yml`). **Output**: this page, and
# `attributions.csv`, `article_sources.csv`, `source_kind_shares.csv`, `source_counts.csv`, `mentions.csv` and
# `mention_matrix.csv` in the report folder.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
exclude_wire_copies: bool = False  # leave out other agencies' copy reprinted by an outlet
sources: str = "sources"  # sources lexicon: "sources" (bundled) or a YAML path
mentions: str = "mentions"  # facts and actors: "mentions" (bundled) or a YAML path
min_articles: int = 3  # hide outlets with fewer articles in the matrices

# %%
from slant import charts
from slant.corpus import load_corpus
from slant.framing import (
    article_sources,
    attribution_shares,
    find_attributions,
    find_mentions,
    load_mentions,
    load_sources,
    mention_matrix,
    source_counts,
)
from slant.report import save_tables
from slant.scoring import corpus_articles
from slant.text import index_texts

corpus = load_corpus(corpus_dir, mirror=mirror or None)
articles = corpus_articles(corpus, exclude_wire_copies=exclude_wire_copies)
index = index_texts(articles)
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets")

# %% [markdown]
# ## Who speaks: sourcing by outlet
# Each attribution is a listed source credited by a frame ("X said", "according to X", "cited
# by X", ...) or a wire credit (FA-KES trailers, in-text credits). Bars: the share of an
# outlet's attributions by kind of source; n is the attributions, "art." the articles.

# %%
source_lexicon = load_sources(sources)
attributions = find_attributions(articles, source_lexicon, index=index)
by_outlet = attribution_shares(attributions, source_lexicon, by="outlet", articles=articles)
charts.source_kind_shares(by_outlet);

# %% [markdown]
# The same by camp: does one side let state media speak and another monitors and activists?

# %%
by_camp = attribution_shares(attributions, source_lexicon, by="camp", articles=articles)
charts.source_kind_shares(by_camp);

# %% [markdown]
# Which outlet credits whom (attributions counted), and the frames that credit them.

# %%
credits = source_counts(attributions, by="outlet")
credits.loc[:, credits.sum().sort_values(ascending=False).index[:12]]

# %%
attributions["frame"].value_counts().rename("attributions").to_frame()

# %% [markdown]
# ## What is mentioned and what is left out
# The share of an outlet's articles that mention each fact or actor; boxed cells are
# omissions: an outlet that never mentions an item most other outlets mention. Add an item to
# the mentions YAML (or pass your own path as `mentions`) and rerun.

# %%
item_lexicon = load_mentions(mentions)
mention_hits = find_mentions(articles, item_lexicon, index=index)
matrix = mention_matrix(mention_hits, articles, item_lexicon, by="outlet", min_articles=min_articles)
charts.mention_heatmap(matrix);

# %% [markdown]
# The same by camp, and every omission in a list.

# %%
camp_matrix = mention_matrix(mention_hits, articles, item_lexicon, by="camp")
charts.mention_heatmap(camp_matrix);

# %%
matrix.loc[matrix["omitted"], ["group", "item_name", "articles", "others_mentioning"]]

# %%
save_tables({"attributions": attributions, "article_sources": article_sources(attributions),
             "source_kind_shares": by_outlet,
             "source_kind_shares_camp": by_camp, "source_counts": credits.reset_index(),
             "mentions": mention_hits, "mention_matrix": matrix,
             "mention_matrix_camp": camp_matrix}, out_dir);
