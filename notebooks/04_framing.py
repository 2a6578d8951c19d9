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
# # 04 · How is the same story framed beyond single words?
# Loaded words are one part of framing; the rest is whom an outlet lets speak, what it mentions
# or leaves out, how it rewrites the wire it starts from, which stories it covers at all, and
# whose vocabulary it shares. This page counts attributions by kind of source, marks omissions,
# shows the target article against its source sentence by sentence, groups the corpus's
# articles into stories across outlets, and maps the outlets by their words.
#
# **Input**: a corpus folder (`target_source:` in `corpus.yml` names the text the target
# rewrites), the bundled (or your own) sources and mentions lexicons (`slant/data/sources.yml`,
# `slant/data/mentions.yml`). **Output**: this page, and as CSV in the report folder:
# `attributions`, `article_sources`, `source_kind_shares`, `source_kind_shares_camp`,
# `source_counts`, `mentions`, `mention_matrix`, `mention_matrix_camp`, `rewrite_sentences`,
# `rewrite_edits`, `story_clusters`, `stories`, `uncovered_camps`, `outlet_map`,
# `outlet_map_terms`.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
lexicons: str = ""  # comma-separated lexicon names or paths; "" uses corpus.yml, else the bundled ones
exclude_wire_copies: bool = True  # leave other agencies' copy out of the outlet map (sourcing and mentions keep it)
rewrite_threshold: float = 0.5  # least difflib ratio for two sentences to be one sentence rewritten
min_similarity: float = 0.1  # least mean TF-IDF cosine for articles to form one story
window_days: int = 3  # most days between two articles of one story
min_outlets: int = 3  # stories covered by this many outlets get a row in the uncovered-camps table
top_stories: int = 15  # stories listed
map_min_articles: int = 3  # outlets with fewer articles are left off the outlet map
sources: str = "sources"  # sources lexicon: "sources" (bundled) or a YAML path
mentions: str = "mentions"  # facts and actors: "mentions" (bundled) or a YAML path
min_articles: int = 3  # hide outlets with fewer articles in the sourcing and mention matrices

# %%
from slant import charts
from slant.contrast import count_terms
from slant.corpus import load_corpus
from slant.framing import (
    article_sources,
    attribution_shares,
    cluster_stories,
    find_attributions,
    find_mentions,
    load_mentions,
    load_sources,
    map_outlets,
    mention_matrix,
    rewrite_diff,
    source_counts,
    story_table,
    uncovered_camps,
)
from slant.report import save_tables
from slant.scoring import corpus_articles, corpus_lexicon
from slant.text import index_texts

corpus = load_corpus(corpus_dir, mirror=mirror or None)
articles = corpus_articles(corpus)
own = corpus_articles(corpus, exclude_wire_copies=exclude_wire_copies)
lexicon = corpus_lexicon(corpus, lexicons)
index = index_texts(articles)
counts = count_terms(articles, outlets=corpus.outlets)
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets; "
      f"{len(own):,} in the outlets' own words (wire copies {'left out' if exclude_wire_copies else 'kept'} in the outlet map)")

# %% [markdown]
# ## Who speaks: sourcing by camp and by outlet
# Each attribution is a listed source credited by a frame ("X said", "according to X", "cited
# by X", ...) or a wire credit (FA-KES trailers, in-text credits). Bars: the share of a camp's
# attributions by kind of source; n is the attributions, "art." the articles. Does one side let
# state media speak and another monitors and activists?
# %%
source_lexicon = load_sources(sources)
attributions = find_attributions(articles, source_lexicon, index=index)
by_camp = attribution_shares(attributions, source_lexicon, by="camp", articles=articles)
charts.source_kind_shares(by_camp);
# %% [markdown]
# The same by outlet; outlets with fewer than `min_articles` articles are pooled per camp.
# %%
by_outlet = attribution_shares(attributions, source_lexicon, by="outlet", articles=articles)
sizes = charts.outlet_sizes(articles)
charts.source_kind_shares(by_outlet, min_articles=min_articles, outlets=sizes);
# %% [markdown]
# Which outlet credits whom (attributions counted), and the frames that credit them.
# %%
credits = source_counts(attributions, by="outlet")
charts.full_table(credits.loc[:, credits.sum().sort_values(ascending=False).index[:12]],
                  caption="Attributions per outlet to the 12 most credited sources (all in source_counts.csv)")
# %%
charts.full_table(attributions["frame"].value_counts().rename("attributions").to_frame(), caption="Frames")
# %% [markdown]
# ## What is mentioned and what is left out
# The share of a camp's articles that mention each fact or actor; boxed cells are omissions:
# a camp that never mentions an item most other camps mention. Add an item to the mentions YAML
# (or pass your own path as `mentions`) and rerun.
# %%
item_lexicon = load_mentions(mentions)
mention_hits = find_mentions(articles, item_lexicon, index=index)
camp_matrix = mention_matrix(mention_hits, articles, item_lexicon, by="camp")
charts.mention_heatmap(camp_matrix);
# %% [markdown]
# The same by outlet (outlets with fewer than `min_articles` articles pooled per camp, never
# boxed), and every outlet's omission in a list.
# %%
matrix = mention_matrix(mention_hits, articles, item_lexicon, by="outlet", min_articles=min_articles)
charts.mention_heatmap(mention_matrix(mention_hits, articles, item_lexicon, by="outlet"), min_articles=min_articles, outlets=sizes);
# %%
charts.full_table(matrix.loc[matrix["omitted"], ["group", "item_name", "articles", "others_mentioning"]],
                  caption="Omissions per outlet")
# %% [markdown]
# ## How does the target rewrite its source?
# The target (right) against the text `target_source:` names (left), one row per sentence:
# kept, rewritten (difflib ratio ≥ `rewrite_threshold`), added by the target, or dropped from the
# source. Inside rewritten sentences, substituted words are yellow, or purple where both sides
# name the same lexicon referent (a relabelling: "Islamic State" → "Daesh"); inserted words are
# green, deleted ones red. When the source did not load, the section says why and stays empty.
# %%
diff = rewrite_diff(corpus, lexicon=lexicon, threshold=rewrite_threshold)
if not diff.message:  # (an empty diff's chart shows its message itself)
    print(f"{len(diff.alignment)} sentences aligned: {diff.summary}")
charts.rewrite_side_by_side(diff)
# %% [markdown]
# The relabellings: the same referent named with another label.
# %%
charts.full_table(diff.edits[diff.edits["same_referent"].astype(bool)][["pair", "source_words", "target_words", "referent"]],
                  caption="Relabellings") if not diff.message else None
# %% [markdown]
# ## Which articles tell the same story?
# Articles are grouped when the mean TF-IDF cosine of their words reaches `min_similarity` and
# their dates lie within `window_days` (group-average linkage), so coverage can be compared
# within one story. A row per story of two or more articles: its outlets, camps, dates and the
# terms that weigh most in it.
# %%
clusters = cluster_stories(articles, min_similarity=min_similarity, window_days=window_days,
                           outlets=corpus.outlets, counts=counts)
stories = story_table(articles, clusters, outlets=corpus.outlets, counts=counts)
print(f"{len(articles):,} articles in {len(stories):,} stories of 2+ articles "
      f"({int(stories['articles'].sum()) if len(stories) else 0:,} articles); the rest stand alone")
stories.drop(columns="ids").head(top_stories)
# %% [markdown]
# ## Which camps left a story out?
# For every story covered by `min_outlets` outlets or more: the camps of the corpus that did not
# cover it. A camp with few articles in the corpus misses most stories; read this beside 01.
# %%
uncovered = uncovered_camps(stories, articles, min_outlets=min_outlets)
uncovered.head(top_stories) if len(uncovered) else print(f"No story was covered by {min_outlets} or more outlets.")
# %% [markdown]
# ## Which outlets use the same words?
# Correspondence analysis of the outlet × term table (the outlets' own articles): outlets close
# together use the same words in the same proportions. Each axis is named by the terms that
# weigh most at each of its ends; the share of inertia says how much of the differences it holds.
# %%
outlet_map = map_outlets(own, counts, min_articles=map_min_articles)
charts.outlet_map(outlet_map) if outlet_map.available else print(outlet_map.reason);
# %%
outlet_map.terms.pivot_table(index="rank", columns=["axis", "side"], values="term", aggfunc="first") if outlet_map.available else None
# %%
save_tables({"attributions": attributions, "article_sources": article_sources(attributions),
             "source_kind_shares": by_outlet, "source_kind_shares_camp": by_camp,
             "source_counts": credits.reset_index(), "mentions": mention_hits,
             "mention_matrix": matrix, "mention_matrix_camp": camp_matrix,
             "rewrite_sentences": diff.alignment, "rewrite_edits": diff.edits,
             "story_clusters": clusters, "stories": stories, "uncovered_camps": uncovered,
             "outlet_map": outlet_map.outlets, "outlet_map_terms": outlet_map.terms}, out_dir);
