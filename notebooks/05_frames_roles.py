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
# # 05 · What kind of story is it, and who is cast as hero, villain or victim?
# Beyond words and sources, framing decides what kind of story an event becomes. This page
# measures three things per article, then compares outlets and camps: how far it leans to **war
# or peace journalism** (Galtung; Lee & Maslog 2005), which **generic frames** it carries
# (conflict, resolution, human interest, moral, economic; Semetko & Valkenburg 2000), and which
# **roles** it gives each actor (Frermann et al. 2023). Every number says how many articles stand
# behind it, and every score can be traced to its sentences.
#
# **Input**: a corpus folder, its lexicons, the bundled sources, war/peace cue lists
# (`slant/data/frames/warpeace.yml`) and role patterns (`slant/data/roles.yml`); the frame model
# trains on Narrative Frames when the mirror holds it. **Output**: this page, and as CSV in the
# report folder: `warpeace_articles`, `warpeace_evidence`, `warpeace_camps`, `warpeace_outlets`,
# `frames`, `frame_shares_camp`, `frame_shares_outlet`, `frame_sentences`, `roles`,
# `role_shares_camp`, `role_shares_outlet`, `target_profile`.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
lexicons: str = ""  # comma-separated lexicon names or paths; "" uses corpus.yml, else the bundled ones
exclude_wire_copies: bool = False  # leave out other agencies' copy reprinted by an outlet
sources: str = "sources"  # sources lexicon: "sources" (bundled) or a YAML path
warpeace_cues: str = "warpeace"  # war/peace cue lists: "warpeace" (bundled) or a YAML path
use_frame_model: bool = True  # fit (or reuse) the frame model when the mirror holds Narrative Frames
min_articles: int = 3  # outlets with fewer articles are pooled per camp in the outlet charts
n_boot: int = 1000  # bootstrap resamples of articles for the intervals
random_state: int = 0  # seed of the bootstrap
top_articles: int = 5  # articles shown at each end of the war/peace index with their evidence
role_min_mentions: int = 3  # roles matrix cells with fewer role mentions stay blank
max_rows: int = 300  # rows of the long example tables shown on the page (the CSVs hold all)

# %%
from slant import charts
from slant.corpus import load_corpus
from slant.framing import (
    FrameSource,
    corpus_frames,
    find_attributions,
    find_roles,
    frame_sentences,
    frame_shares,
    load_sources,
    load_warpeace_cues,
    narrative_frame_model,
    role_shares,
    score_warpeace,
    target_profile,
    warpeace_summary,
)
from slant.report import save_tables
from slant.scoring import corpus_articles, corpus_lexicon, index_and_hits

corpus = load_corpus(corpus_dir, mirror=mirror or None)
articles = corpus_articles(corpus, exclude_wire_copies=exclude_wire_copies)
index, hits = index_and_hits(articles, corpus_lexicon(corpus, lexicons))
attributions = find_attributions(articles, load_sources(sources), index=index)
sizes = charts.outlet_sizes(articles)
folded_camps = charts.fold_small_outlets(sizes, sizes=sizes, min_articles=min_articles).rename(columns={"outlet": "group"})
print(f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets")

# %% [markdown]
# ## War or peace journalism, per camp
# Five indicators of Lee & Maslog (2005), each from 0 (peace pole) to 1 (war pole) on a fixed
# scale, so that two corpora compare: **language**, the share of sentences with a demonising
# label, a victimising or an emotive word in the outlet's own voice; **orientation**, elite
# sources (officials, armies, armed groups) against people (residents, activists, monitors,
# NGOs); **parties**, two actors named (1) against four or more (0); **outcome**, victory and
# zero-sum words against solution words (talks, ceasefire, aid); **time**, here-and-now words
# against causes and consequences (history, aftermath, displacement). The ratios are
# (war + 1) / (war + peace + 2): 0.5 when neither pole shows. The index is their mean; read it
# with its components. Cells: mean [95 % bootstrap interval over articles].
# %%
cue_lists = load_warpeace_cues(warpeace_cues)
warpeace = score_warpeace(articles, hits, attributions, cues=cue_lists, index=index)
by_camp = warpeace_summary(warpeace.articles, by="camp", n_boot=n_boot, random_state=random_state)
charts.warpeace_components(by_camp);
# %% [markdown]
# Articles in a language without cue lists are not scored (never counted as 0):
# %%
not_scored = warpeace.articles.loc[~warpeace.articles["scored"].astype(bool), "not_scored_reason"].value_counts().rename("articles").to_frame()
not_scored if len(not_scored) else print(f"Every article is scored (cue lists: {', '.join(cue_lists.languages)}).")
# %% [markdown]
# ## War or peace journalism, per outlet
# The index per outlet with its interval (colour: camp); outlets with fewer than `min_articles`
# articles are pooled per camp, their articles averaged together. Then the components per outlet.
# %%
by_outlet = warpeace_summary(charts.fold_small_outlets(warpeace.articles, sizes=sizes, min_articles=min_articles), by="outlet", n_boot=n_boot, random_state=random_state)
charts.warpeace_index(by_outlet, camps=folded_camps);
# %%
charts.warpeace_components(by_outlet);
# %% [markdown]
# ## Which sentences drive the index?
# The `top_articles` articles nearest the war pole, then those nearest the peace pole: each
# sentence that moved a component, its pole and the words that fired (the full list, for every
# article, is `warpeace_evidence.csv`).
# %%
charts.full_table(warpeace.evidence[warpeace.evidence["id"].isin(warpeace.articles.nlargest(top_articles, "war_index")["id"])], caption="Evidence: articles nearest the war pole")
# %%
charts.full_table(warpeace.evidence[warpeace.evidence["id"].isin(warpeace.articles.nsmallest(top_articles, "war_index")["id"])], caption="Evidence: articles nearest the peace pole")
# %% [markdown]
# ## Which generic frames does each camp use?
# With the Narrative Frames data in the mirror, a model trained there (docs/frames.md) gives
# each article a probability per frame, and a frame is present above its tuned threshold;
# without it, a frame is present when one of its indicator words occurs (a cruder reading).
# The sentence below says which one this page uses. Cells: articles with the frame / articles.
# %%
frame_source = narrative_frame_model(mirror=mirror or None) if use_frame_model else FrameSource(None, "Frame model turned off (use_frame_model): frames are the indicator lists'.")
print(frame_source.note)
frames = corpus_frames(articles, frame_source)
camp_frames = frame_shares(frames, by="camp")
charts.frame_share_heatmap(camp_frames, by="camp", what=frame_source.kind);
# %% [markdown]
# The same per outlet (small outlets pooled per camp).
# %%
outlet_frames = frame_shares(charts.fold_small_outlets(frames, sizes=sizes, min_articles=min_articles), by="outlet")
charts.frame_share_heatmap(outlet_frames, by="outlet", what=frame_source.kind);
# %% [markdown]
# The sentences that carry each frame: per article and frame, the sentence with most of the
# frame's indicator words.
# %%
carriers = frame_sentences(articles, top=1)
charts.full_table(carriers.head(max_rows), caption=f"Frame sentences (first {min(max_rows, len(carriers)):,} of {len(carriers):,}; all in frame_sentences.csv)")
# %% [markdown]
# ## Who is hero, villain or victim?
# Roles come from clause patterns over the lexicon's actors (docs/roles.md): the agent of a harm
# verb is a villain and its patient a victim, the agent of rescue or liberation a hero. Each
# cell: the role an actor most often gets in a camp's own voice, its share of that actor's role
# mentions, and their number n (cells under `role_min_mentions` blank). Read roles in English
# articles only.
# %%
roles = find_roles(articles, hits)
camp_roles = role_shares(roles, by="camp")
charts.role_matrix(camp_roles, articles=roles["id"].nunique(), min_mentions=role_min_mentions);
# %% [markdown]
# Example role sentences (own voice and quoted), by outlet.
# %%
charts.full_table(roles[["outlet", "camp", "referent", "role", "voice", "trigger", "evidence"]].head(max_rows), caption=f"Role mentions (first {min(max_rows, len(roles)):,} of {len(roles):,}; all in roles.csv)")
# %% [markdown]
# ## The target beside its source
# The target article's war/peace components, frames (present, and probability or share of frame
# words) and own-voice roles next to those of the text it rewrites (`target_source:` in
# corpus.yml); then the sentences behind its war/peace components.
# %%
profile = target_profile(corpus, warpeace=warpeace.articles, frames=frames, roles=roles, evidence=warpeace.evidence)
print(profile.message) if profile.message else None
charts.full_table(profile.table, caption="Target and source") if len(profile.table) else None
# %%
charts.full_table(profile.evidence, caption="War/peace evidence of the target (and source)") if len(profile.evidence) else None
# %%
save_tables({"warpeace_articles": warpeace.articles, "warpeace_evidence": warpeace.evidence,
             "warpeace_camps": by_camp, "warpeace_outlets": by_outlet, "frames": frames,
             "frame_shares_camp": camp_frames, "frame_shares_outlet": outlet_frames,
             "frame_sentences": carriers, "roles": roles, "role_shares_camp": camp_roles,
             "role_shares_outlet": role_shares(roles, by="outlet"), "target_profile": profile.table}, out_dir);
