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
# # 03 · Which words set one side apart?
# Lexicons find what we already look for; this page finds what we did not: the terms that set
# the target article, a camp or an outlet apart from the rest, ranked by the log-odds ratio with
# an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), and the
# terms no lexicon holds yet.
#
# **Reading the numbers**: `delta` is how much more often a side uses a term (log-odds ratio);
# `z` is delta over its standard error, i.e. how sure. z grows with the square root of the
# counts, so read delta beside it; terms under `min_count` occurrences are left out. A single
# article is a group of one: a word it uses once is little evidence, however loaded.
#
# **Input**: a corpus folder. **Output**: this page, and `contrast_*.csv`, `suggestions.csv`
# and the camp classifier's tables (`camp_classifier_scores.csv`, `camp_confusion.csv`,
# `camp_probabilities.csv`, `target_camp.csv`, `target_features.csv`) in the report folder.

# %% tags=["parameters"]
corpus_dir: str = "../corpus/mayadin-2017"  # folder with corpus.yml (relative to notebooks/)
out_dir: str = ""  # where to write tables; "" writes nothing
mirror: str = ""  # local mirror of third-party texts; "" uses $SLANT_MIRROR
lexicons: str = ""  # comma-separated lexicon names or paths; "" uses corpus.yml, else the bundled ones
compare_by: str = "camp"  # column whose values form the two sides: camp or outlet
group_a: str = ""  # one side; "" chooses from the corpus: the target camp, else the largest (by outlet with fewer than two camps)
group_b: str = ""  # the other side; "" means every other article
exclude_wire_copies: bool = True  # leave out other agencies' copy reprinted by an outlet
min_count: int = 5  # fewest occurrences of a term in both sides together
prior_scale: float = 1000.0  # pseudo-words of the prior (alpha_0), shares from the whole corpus
top: int = 15  # terms labelled per side
camp_models: str = "tfidf,lexicon,combined"  # camp classifiers to cross-validate, comma-separated
camp_model: str = "combined"  # the camp classifier applied to the target and every article
sentence_model: str = ""  # saved sentence model (slant sentences fit); "" fits or reuses the cached model
sentence_training: str = ""  # CSV of labelled sentences (text,label[,group]); "" uses BABE from the mirror
sentence_cv_folds: int = 5  # folds of the grouped cross-validation on the training sentences
language: str = ""  # compare articles in this language (ISO 639-1); "" takes the target's, else the most common
min_articles: int = 3  # outlets with fewer articles are pooled per camp in the per-outlet charts

# %%
from slant import charts
from slant.contrast import (
    compare_groups,
    compare_sides,
    compare_target,
    count_terms,
    keep_one_language,
    suggest_terms,
    term_z,
)
from slant.corpus import choose_sides, load_corpus
from slant.report import save_tables
from slant.scoring import corpus_articles, corpus_lexicon

corpus = load_corpus(corpus_dir, mirror=mirror or None)
articles, language_line = keep_one_language(corpus_articles(corpus, exclude_wire_copies=exclude_wire_copies),
                                            language=language or None)
print(language_line)
lexicon = corpus_lexicon(corpus, lexicons)
counts = count_terms(articles, outlets=corpus.outlets)
options = {"min_count": min_count, "prior_scale": prior_scale}
sides = choose_sides(articles, by=compare_by, a=group_a, b=group_b)
print(f"{len(articles):,} articles, {counts.matrix.shape[1]:,} terms (words and word pairs, stop terms "
      f"and outlet self-names removed), {int(counts.words.sum()):,} words")

# %% [markdown]
# ## The target article against the rest of the corpus

# %%
target_terms = compare_target(articles, counts, **options)
charts.monroe_plot(target_terms.terms, top=top, side_names=target_terms.names,
                   sizes=target_terms.sizes) if target_terms.available else print(target_terms.reason);

# %%
target_terms.terms.head(top) if target_terms.available else None

# %% [markdown]
# ## One side against the other
# `group_a` against `group_b`; by default chosen from the corpus: the target's camp against every
# other article (else the largest camp; by outlet when the corpus has fewer than two camps).

# %%
pair = compare_sides(articles, counts, sides, **options)
print(pair.note if pair.available else pair.reason)
charts.monroe_plot(pair.terms, top=top, side_names=pair.names, sizes=pair.sizes) if pair.available else None;

# %%
pair.terms.head(top) if pair.available else None

# %% [markdown]
# ## Each camp against the rest: its most distinctive terms

# %%
each = compare_groups(articles, counts, by="camp", top=10, **options)
each.wide() if each.available else print(each.reason)

# %% [markdown]
# ## Which lexicon labels really separate the camps?
# z of each lexicon label (as a counted word or word pair), each camp against the rest: red
# where the camp uses it more, blue where less. Labels the contrast cannot see are left out:
# longer than two words, too rare, or matched only as written ("IS": counted words are lower
# case, where "is" is the verb).

# %%
labels = lexicon.entries.loc[lexicon.entries["case"] == "any", "label"]
label_z = term_z(articles, counts, labels, by="camp", prior_scale=prior_scale)
charts.lexicon_z_heatmap(label_z, labels) if not each.groups_reason else print(each.groups_reason);

# %% [markdown]
# ## What the lexicons miss
# Terms that set a camp apart (z ≥ 3) and that no lexicon entry matches, with examples, for a
# person to review; slant never adds them to a lexicon by itself (`slant suggest` prints the
# same list).

# %%
suggestions = suggest_terms(articles, counts, lexicon, by="camp", top=8, **options)
suggestions.groupby("group").head(5) if len(suggestions) else print(
    each.reason or "No term sets a camp apart (z ≥ 3) that the lexicons miss.")

# %% [markdown]
# ## Can a model tell an article's camp from its words, honestly measured?
# Three models predict an article's camp (from the outlet registry) after outlet self-names,
# datelines and wire trailers are removed: TF-IDF word and character n-grams, the lexicon
# counts (per referent, label, stance and voice), and both; each ends in a logistic regression.
# Each is scored twice by macro-F1: with ordinary stratified folds, where articles of the same
# outlet sit in training and test and a model can learn the outlet's house style, and with
# outlets held out, which is what the score means for an outlet the model never saw: one outlet
# left out per fold (`leave-one-outlet-out`) up to 20 outlets, and past 20 ten folds of whole
# outlets (`grouped-10-fold`, stratified by camp), as the scheme column and the notes say.
# Holding outlets out scores lower, and much lower for the full camp set: a camp with a single
# outlet (a wire agency alone in its camp) cannot be learnt without it. On the two-sided axis
# (on a Syrian-war corpus the government's side with Iranian and Russian state media against the
# rest; on any other corpus the target's camp, else the camp with most outlets, against the rest,
# as the notes say) other outlets of the same side remain to learn from, so that score
# is the one to trust. What could not be run is said in one line above the chart. Results are
# cached by the corpus's content: a second report reads them instead of refitting.

# %%
from slant.classify import report_camps

camps = report_camps(articles, outlets=corpus.outlets, lexicon=lexicon,
                     models=camp_models.split(","), model=camp_model)
print(camps.summary() or "every task and scheme was evaluated")
charts.camp_cv_scores(camps.scores) if len(camps.scores) else None;

# %%
camps.scores.pivot_table(index=["task", "model"], columns="scheme", values="macro_f1").round(3) if len(camps.scores) else None

# %% [markdown]
# ## Which camps does the model confuse, without the outlet in training?

# %%
charts.camp_confusion(camps.confusion, task="camp", model=camp_model, scheme=camps.outlet_scheme) if len(camps.confusion) else print(
    "No confusion matrix: the camp classifier was not evaluated (see the note above).");

# %% [markdown]
# ## Which camp does the target article read like?
# Calibrated probabilities (Platt scaling) from the model fitted on every other article, and
# the features that push the target towards its most likely camp (value × coefficient).

# %%
charts.target_camp(camps.target, task="camp") if len(camps.target) else print(
    "No camp probabilities for the target (see the notes above).");

# %%
camps.target_features.query("task == 'camp'").merge(
    camps.target.query("task == 'camp'").head(1)[["class"]]).head(top) if len(camps.target) else None

# %% [markdown]
# ## Which camp does each outlet's writing read like?
# Every article scored by a model that never saw its outlet: the mean probability of each camp
# per outlet. An outlet whose bar is mostly another camp's colour writes like that camp.

# %%
charts.outlet_camp_probabilities(camps.probabilities, task="camp", min_articles=min_articles,
                                 outlets=charts.outlet_sizes(articles)) if len(camps.probabilities) else print(
    "No out-of-outlet camp probabilities (see the notes above).");

# %% [markdown]
# ## Which sentences read as loaded language? A classifier trained on BABE
# Lexicons catch the words we listed; a sentence classifier learns from sentences that experts
# labelled biased or not: BABE (Spinde et al. 2021), its training part of 2,914 sentences from
# 11 US outlets on US politics, not war reporting. Features: word and character TF-IDF, counts of
# the bundled lexicons' stances, the Recasens et al. (2013) hedges, factives, assertives,
# implicatives, report verbs and bias lexicon, and MPQA strong and weak subjective clues; in
# `marked-words-lr` also how often the annotators marked each word as biased in the training
# sentences (never in the sentences scored); a logistic regression. Scores come from
# cross-validation grouped by article (`news_link`), so no article's sentences are both learnt
# and tested; the interval is a bootstrap over sentences. The model used below is
# `marked-words-lr`. For orientation: a fine-tuned transformer reaches about 0.80 F1 on BABE
# (Spinde et al. 2021).
#
# `sentence_training` trains and evaluates on another labelled set instead (a CSV or JSONL with
# `text`, `label` 1 loaded / 0 not, and `group`, the article, or a BABE label file); the notes
# below say which set the scores and the model come from.

# %%
from slant.classify import report_sentences

sentences = report_sentences(articles, mirror=mirror or None, model_path=sentence_model,
                             training=sentence_training, n_folds=sentence_cv_folds)
print(f"Evaluation: {sentences.cv_note}\nModel: {sentences.model_note}")

# %%
charts.sentence_model_scores(sentences.results) if len(sentences.results) else print("No evaluation: BABE is not available.");

# %%
sentences.results.round(3)

# %% [markdown]
# ## How far does the model travel, and may its shares be shown here?
# The model learnt BABE: US political news, not war reporting. Below are its figures on sets it
# never trained on, measured like the in-domain one (`python -m slant.classify._transfer`, see
# docs/sentence-model.md): FIGNEWS 2024 (posts by news outlets on the Gaza war, the nearest to
# war news) and the Penn Media Bias Detector's sentences (US news, opinion against fact). The
# rule (`slant.classify.domain_verdict`): a corpus where most articles hold two or more war
# words is war news, judged by the model's AUC on FIGNEWS held out; from 0.70 the shares are
# shown, from 0.60 shown with a caveat, below that left out. Sentences in a language the model
# was not trained on (English only) are not scored: they count in no share.

# %%
print(f"Trained on: {sentences.model_note}\nOn this corpus: "
      f"{sentences.verdict.reason if sentences.verdict else 'no sentence model'}")
sentences.transfer.round(3) if len(sentences.transfer) else print("This model was never measured across domains.")

# %% [markdown]
# ## Share of sentences predicted loaded, per camp and per outlet
# A sentence counts as loaded when the model gives it a probability of 0.5 or more. Read the
# shares as a comparison between outlets, not as rates, and only as far as the line above allows.

# %%
charts.loaded_share_by_group(sentences.camp_shares, by="camp") if sentences.shares_shown else print(
    "Shares left out: " + (sentences.verdict.reason if sentences.verdict else "no sentence model."));

# %%
charts.loaded_share_by_group(sentences.outlet_shares, by="outlet", min_articles=min_articles, outlets=charts.outlet_sizes(articles)) if sentences.shares_shown else print(
    "Shares left out: " + (sentences.verdict.reason if sentences.verdict else "no sentence model."));

# %% [markdown]
# ## The target article, sentence by sentence
# Each sentence shaded by its probability of being loaded language.

# %%
target_row = articles[articles["is_target"]]
charts.marked_sentences(target_row.iloc[0], sentences.predictions) if sentences.available and len(target_row) else print("No target article or no sentence model.")

# %% [markdown]
# ## Where the classifier fails
# Its most confident out-of-fold errors on BABE (a few short ones): "false loaded" are
# sentences the experts judged not biased, "missed loaded" the reverse (on BABE it misses more
# loaded sentences than it flags wrongly). Words of charged topics (antifa, white nationalism,
# Trump) pull sentences about them up, and some of those a reader might call loaded too: the
# experts' majority is the gold, not the truth. Missed are single loaded words the training
# sentences rarely used ("flagrantly", "eco-warrior", "screwed"); and a bag of words cannot tell
# reporting a claim from making it.

# %%
sentences.misclassified[["error", "label", "probability", "text"]]

# %%
save_tables({"contrast_target": target_terms.terms, "contrast_pair": pair.terms, "contrast_camps": each.table,
             "lexicon_label_z": label_z, "suggestions": suggestions, **camps.tables(),
             **sentences.tables()}, out_dir);
