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
# # 01 · What the corpus holds
# Which outlets, camps, dates and kinds of text stand behind every later comparison, what could
# not be loaded and why, and the target article in full.
#
# **Input**: a corpus folder (`corpus.yml`). **Output**: this page, and `articles.csv`,
# `load-report.csv` in the report folder.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
target_id: str = ""  # article to centre on; "" uses target: in corpus.yml
timeline_freq: str = "MS"  # bar width of the timeline: MS month, W week, D day

# %%
from slant import charts
from slant.corpus import load_corpus, summarize
from slant.report import save_tables
from slant.scoring import corpus_lexicon, language_summary

corpus = load_corpus(corpus_dir, mirror=mirror or None)
target = corpus.target_article if not target_id else corpus.articles.set_index("id").loc[target_id]
tables = summarize(corpus)
print(f"{corpus.name}: {corpus.description}")
print(f"{len(corpus.articles):,} articles from {corpus.articles['outlet'].nunique()} outlets; "
      f"{len(corpus.issues):,} items skipped, repaired or flagged")

# %% [markdown]
# ## What was read, and what could not be loaded
# Every item read is either analysed or listed as skipped: per source, then per reason. The
# full list, with files, lines and fixes, is `load-report.csv` (or run `slant check`).

# %%
charts.full_table(tables["source"], caption="Items per source")

# %%
charts.full_table(tables["issues"], caption="Items skipped, repaired or flagged, per reason")

# %% [markdown]
# ## Which camps and outlets speak?
# Articles per camp, with wire copies (another agency's text reprinted) apart from the outlet's
# own writing: a wire copy says little about its outlet's choices.

# %%
charts.articles_by_camp(corpus.articles);

# %%
charts.full_table(tables["outlet"], caption="Articles per outlet (every outlet; type in the box to find one)")

# %% [markdown]
# ## When did they write?
# The shaded band is the event window of `corpus.yml`; only articles inside it report on the
# same event.

# %%
charts.coverage_timeline(corpus.articles, window=corpus.window, freq=timeline_freq);

# %%
charts.coverage_timeline(corpus.articles[corpus.articles["in_window"]], window=corpus.window, freq="D");

# %% [markdown]
# ## How long are the texts?
# Rates per 1,000 words in later notebooks are noisy for short texts; compare lengths here.

# %%
charts.words_per_article(corpus.articles);

# %%
charts.full_table(tables["language"], caption="Articles per language")

# %% [markdown]
# ## Which languages, and which of them can be scored?
# Articles in a language no lexicon is written for are not scored in 02 (never counted as 0):
# per language and camp, how many the lexicons (of `corpus.yml`, else the bundled ones) can
# score, and why the others cannot. Grey hatched bars are the articles left out.

# %%
languages = language_summary(corpus.articles, corpus_lexicon(corpus))
charts.scored_by_language(languages);

# %%
charts.full_table(languages, caption="Articles per language and camp, and how many are scored")

# %% [markdown]
# ## The target article
# In full, as loaded, with its metadata.

# %%
charts.article_card(target) if target is not None else print("No target article loaded: see the load report above.")

# %%
save_tables({"articles": corpus.articles.drop(columns="text"), "load-report": corpus.issues}, out_dir);
