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
# # 02 · Which words does each outlet choose?
# The loaded terms of the target article, and how outlets and camps label the same actors and
# acts: which label they pick for each referent, how dense their loaded language is in their
# own voice and in the voices they quote, and the tone of their sentences.
#
# **Input**: a corpus folder and lexicons (`lexicons:` in `corpus.yml`, or the bundled
# `syria-2017` and `news-generic`). **Output**: this page, and `hits`, `article_scores`,
# `outlet_scores`, `camp_scores`, `label_choices`, `tone` as CSV in the report folder.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
lexicons: str = ""  # comma-separated lexicon names or paths; "" uses corpus.yml, else the bundled ones
exclude_wire_copies: bool = True  # leave out other agencies' copy reprinted by an outlet
min_articles: int = 3  # hide outlets with fewer articles from the per-outlet charts
kwic_labels: int = 6  # KWIC tables for this many of the most frequent loaded labels

# %%
from slant import charts
from slant.corpus import load_corpus
from slant.report import save_tables
from slant.scoring import kwic, label_choices_by_language, own_voice_share, score_corpus

corpus = load_corpus(corpus_dir, mirror=mirror or None)
scores = score_corpus(corpus, lexicons=lexicons, exclude_wire_copies=exclude_wire_copies)
hits, arts = scores.hits, scores.articles
print(f"{len(arts):,} articles scored ({'wire copies left out' if exclude_wire_copies else 'wire copies kept'}) "
      f"with {', '.join(scores.lexicon.names)}: {len(hits):,} hits, {int(hits['loaded'].sum()):,} loaded, "
      f"{int((hits['voice'] == 'quoted').sum()):,} in quoted voice")

# %% [markdown]
# ## The target article, term by term
# Every lexicon term is marked, coloured by its stance; hover for the referent, label (with its
# English gloss in another language), stance and voice. A dotted underline marks a term inside a
# quotation or reported speech: the source's words, not the outlet's. Arabic and Persian read
# right to left.

# %%
target = arts[arts["is_target"]]
charts.highlighted_article(target.iloc[0], hits) if len(target) else print("The target article did not load (see 01).")

# %%
target_hits = hits[hits["id"].isin(target["id"])].reset_index(drop=True)
charts.full_table(target_hits[["sentence", "text", "label", "gloss", "language", "referent", "stance", "voice", "speaker"]],
                  caption="Hits in the target article")

# %% [markdown]
# ## Which label for which actor?
# For the referents the target article names, the share of each label among the mentions in
# each camp's own voice: the same actor, named differently by each camp. Row labels give the
# number of mentions behind each row. A referent's labels are compared whatever their
# language: columns are grouped by language (its name under the block), each label in
# another language than English followed by its English gloss, and each row names the
# languages its mentions are in.

# %%
referents = target_hits["referent"].replace("", None).dropna().unique().tolist() or None
charts.label_heatmap(scores.label_choices, by="camp", referents=referents);

# %% [markdown]
# The same per outlet: outlets with fewer than `min_articles` articles are pooled into one row
# per camp ("other … outlets").

# %%
sizes = charts.outlet_sizes(arts)
charts.label_heatmap(scores.label_choices, by="outlet", referents=referents, min_articles=min_articles, outlets=sizes);

# %% [markdown]
# ## The same actors across languages
# Per language, how the outlets writing in it name each referent of the target article: each
# label's own-voice mentions, its share of the referent's mentions in that language, and how
# many outlets use it. One row per label, however many outlets there are.

# %%
charts.full_table(label_choices_by_language(scores.label_choices, referents=referents),
                  caption="Labels of the target's referents per language (own voice)")

# %% [markdown]
# ## How loaded is each outlet's own voice?
# Loaded terms per 1,000 words, own voice and quoted apart; whiskers are 95 % bootstrap
# intervals over articles. Outlets with fewer than `min_articles` articles are pooled per camp
# (their hits over their words, no interval).

# %%
charts.density_by_group(scores.outlet_scores, by="outlet", min_articles=min_articles, outlets=sizes);

# %% [markdown]
# ## Net, gross and coverage per camp
# Net: delegitimising minus legitimising terms per 1,000 words; gross: all loaded terms per
# 1,000 words; coverage: the share of words inside a loaded span.

# %%
charts.net_gross_coverage(scores.camp_scores, by="camp");

# %% [markdown]
# ## The newsroom rule: whose voice says "terrorist"?
# Reuters' and the BBC's style guidance keep "terrorist" for attributed speech. The share of
# each outlet's delegitimising hits that stand in its own voice:

# %%
charts.full_table(own_voice_share(hits).pivot_table(index="outlet", columns="family", values=["own_share", "hits"]),
                  caption="Delegitimising hits per outlet, and the share in its own voice")

# %% [markdown]
# ## Tone
# VADER's compound score averaged over each article's sentences (document-level VADER
# saturates on news); one dot per article.

# %%
charts.tone_by_group(scores.tone, by="outlet", min_articles=min_articles, outlets=sizes);

# %% [markdown]
# ## The most frequent loaded labels, in context

# %%
top = hits[hits["loaded"]]["label"].value_counts().head(kwic_labels).index
contexts = kwic(hits[hits["label"].isin(top)], arts)
charts.full_table(contexts, caption="Every hit of the most frequent loaded labels, in context")

# %%
save_tables(scores.tables(), out_dir);
