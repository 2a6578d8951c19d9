"""Tone (lib/slant/scoring/_tone.py, _vader.py): VADER's compound score per sentence from token
arrays, against hand-worked values and against vaderSentiment itself.

The hand-worked values use VADER's lexicon (good 1.9, bad -2.5, calm 1.3, doubt -1.5, no -1.2,
bomb -2.2 in vader_lexicon.txt 3.3.2) and its constants (booster 0.293, ALL CAPS 0.733, negation
x -0.74, "!" 0.292, "?" 0.18 each for 2-3, compound = s / sqrt(s^2 + 15), 4 decimals). The same
sentences are scored by ``polarity_scores`` as well (the "vader" engine): it is the reference
implementation, so it serves as the oracle where a value is not worked out here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import make_articles
from slant.scoring import TONE_ENGINES, article_tone, sentence_tone
from slant.text import index_texts


def _compound(total: float) -> float:
    return round(total / math.sqrt(total * total + 15), 4)


CASES = [
    # good = 1.9 alone
    ("The plan is good.", _compound(1.9)),  # 0.4404
    # "not" just before: 1.9 x -0.74 = -1.406
    ("The plan is not good.", _compound(1.9 * -0.74)),  # -0.3412
    # booster just before: 1.9 + 0.293
    ("The plan is very good.", _compound(1.9 + 0.293)),  # 0.4927
    # ALL CAPS in a mixed-case sentence: 1.9 + 0.733
    ("The plan is GOOD.", _compound(1.9 + 0.733)),  # 0.5622
    # every token ALL CAPS: no emphasis (the case is not "mixed")
    ("THE PLAN IS GOOD.", _compound(1.9)),
    # before "but" x 0.5, after x 1.5: 0.95 - 3.75 = -2.8
    ("The plan is good, but the result is bad.", _compound(1.9 * 0.5 + -2.5 * 1.5)),  # -0.5859
    # three "!": + 3 x 0.292 away from zero
    ("The plan is good!!!", _compound(1.9 + 3 * 0.292)),  # 0.5826
    # five "!": counted up to 4
    ("The plan is good!!!!!", _compound(1.9 + 4 * 0.292)),
    # one "?" adds nothing; two add 2 x 0.18
    ("Is the plan good?", _compound(1.9)),
    ("Is the plan good??", _compound(1.9 + 2 * 0.18)),  # 0.504
    # "never so good": booster "so" (+0.293), then x 1.25 for "never so" at distance 2 and
    # again at distance 3 (the source's operator precedence: "so" just before is enough)
    ("The plan was never so good.", _compound((1.9 + 0.293) * 1.25 * 1.25)),  # 0.6626
    # "without doubt" lifts the negation of "without" two words before "good"; "doubt"
    # (-1.5) itself is negated by "without": 1.11 + 1.9
    ("It is without doubt good.", _compound(-1.5 * -0.74 + 1.9)),  # 0.6136
    # "least" before the word (not "at least"): x -0.74
    ("The town is the least calm place.", _compound(1.3 * -0.74)),  # -0.2411
    ("The town is at least calm.", _compound(1.3)),
    # "kind of" before the word adds the dampener -0.293; "kind" itself scores 0
    ("The plan is kind of good.", _compound(1.9 - 0.293)),  # 0.3832
    # "no" (itself -1.2) scores 0 before a lexicon word, and negates that word: x -0.74
    ("There is no good plan.", _compound(1.9 * -0.74)),
    # "no" two words before, with a word outside the lexicon between: it keeps its own -1.2
    ("There is no real good plan.", _compound(-1.2 + 1.9 * -0.74)),
    # a special idiom three or more words in replaces the valence: "the bomb" = 3
    ("The town saw the bomb hit.", _compound(3.0)),  # 0.6124
    # nothing from the lexicon
    ("The town is on the river.", 0.0),
]


@pytest.mark.parametrize("engine", TONE_ENGINES)
@pytest.mark.parametrize("text, expected", CASES, ids=[
    "plain", "negation", "booster", "all-caps-word", "all-caps-sentence", "but", "three-bangs",
    "bangs-capped-at-4", "one-question-mark", "two-question-marks", "never-so", "without-doubt",
    "least", "at-least", "kind-of", "no-before-lexicon-word", "no-two-before", "special-idiom", "neutral"])
def test_compound_hand_worked(text, expected, engine):
    articles = make_articles([("outlet-a", "other", text)])
    tone = sentence_tone(index_texts(articles), engine=engine)
    assert tone["compound"].tolist() == [pytest.approx(expected, abs=1e-9)]


def test_engines_agree_on_sentences_built_from_rule_words():
    """Random sentences of the words the rules name, in every case, with punctuation and
    emoticons: the vectorised engine gives the reference's score on each one."""
    words = ['no', 'or', 'nor', 'kind', 'of', 'but', 'least', 'at', 'very', 'never', 'so',
             'this', 'without', 'doubt', 'the', 'bomb', 'kiss', 'death', 'to', 'die', 'for',
             'bus', 'stop', 'yeah', 'right', 'sort', 'just', 'enough', 'good', 'GOOD', 'bad',
             'BAD', 'extremely', 'EXTREMELY', 'barely', "isn't", 'not', 'NOT', 'hardly', 'kinda',
             ':)', ':(', '!!!', '??', ',', '.', 'happy', 'sad', 'calm', "'good'", '(bad)', '--',
             'x', 'İt', 'ǅ']
    rng = np.random.default_rng(0)
    texts = [" ".join(rng.choice(words, size=rng.integers(1, 13))) for _ in range(3_000)]
    index = index_texts(make_articles([("outlet-a", "other", t) for t in texts]))
    fast = sentence_tone(index)["compound"].to_numpy()
    slow = sentence_tone(index, engine="vader")["compound"].to_numpy()
    np.testing.assert_array_equal(fast, slow)


def test_emoji_sentence_is_scored_as_vader_does():
    """An emoji is replaced by its description before VADER splits the text ("☺" -> "smiling
    face": smiling is positive); the vectorised engine leaves such a sentence to the reference."""
    articles = make_articles([("outlet-a", "other", "The town is quiet ☺ today.")])
    index = index_texts(articles)
    fast = sentence_tone(index)["compound"].iloc[0]
    assert fast > 0 and fast == sentence_tone(index, engine="vader")["compound"].iloc[0]


def test_unknown_engine_names_the_choices():
    index = index_texts(make_articles([("outlet-a", "other", "The plan is good.")]))
    with pytest.raises(ValueError, match="engine='vectorised'.*'vader'"):
        sentence_tone(index, engine="fast")


def test_article_tone_is_the_mean_of_its_sentences():
    # sentence 1: 0.4404 (positive), sentence 2: -0.3412 (negative), sentence 3: 0 (neutral)
    text = "The plan is good. The plan is not good. The town is on the river."
    articles = make_articles([("outlet-a", "other", text), ("outlet-a", "other", "")])
    tone = article_tone(index_texts(articles))
    first = tone.iloc[0]
    assert first["sentences"] == 3
    assert first["tone"] == pytest.approx((0.4404 - 0.3412 + 0.0) / 3)
    assert first["negative_share"] == pytest.approx(1 / 3)
    assert first["positive_share"] == pytest.approx(1 / 3)
    assert tone.iloc[1]["sentences"] == 0 and np.isnan(tone.iloc[1]["tone"])


def test_tone_in_workers_equals_one_process():
    texts = ["The plan is good. The result is bad!", "Is the plan good?? It is not."] * 20
    index = index_texts(make_articles([("outlet-a", "other", t) for t in texts]))
    one = sentence_tone(index, n_jobs=1)["compound"].to_numpy()
    two = sentence_tone(index, n_jobs=2)["compound"].to_numpy()
    np.testing.assert_array_equal(one, two)


def test_engines_agree_on_every_fakes_sentence(shared_dir):
    """Every sentence of FA-KES (the dataset loader, the project's sentence splitter): the
    vectorised engine against vaderSentiment's own polarity_scores.

    Measured 2026-12-07 on 9,747 sentences of 792 articles: Pearson r = 1.0, maximum absolute
    difference 0.0, no sentence apart by more than 0.01 (the rules are the source's, in its
    float order; 6 sentences went to the reference: emoji or the "but" coincidence). The bound
    below allows only a rounding tie (numpy rounds x * 10^4 half to even, Python the decimal
    value: 0.0001 at most); anything more is a rule that differs.
    """
    from slant.corpus import load_dataset

    raw, _ = load_dataset("fa-kes", mirror=shared_dir / "corpora", download=False, progress=False)
    index = index_texts(raw)
    fast = sentence_tone(index)["compound"].to_numpy()
    slow = sentence_tone(index, engine="vader")["compound"].to_numpy()
    assert len(fast) > 9_000
    assert np.corrcoef(fast, slow)[0, 1] >= 0.99999
    assert np.abs(fast - slow).max() <= 1e-4 + 1e-12
    assert (np.abs(fast - slow) > 0.01).sum() == 0



def test_tone_is_not_scored_outside_english():
    # VADER knows English words only: the French sentence would score 0.0 (neutral); it must be
    # NaN with its reason. "terrible" is -2.1 in VADER's lexicon: the English one is negative.
    from types import SimpleNamespace

    from slant.scoring import score_corpus

    arts = make_articles([("outlet-a", "x", "The attack was terrible."),
                          ("outlet-b", "y", "L'attaque était terrible et les civils ont fui."),
                          ("outlet-c", "y", "The town was quiet.")], language=["en", "fr", ""], wire_credit="")
    tone = score_corpus(SimpleNamespace(articles=arts, config={}, path=None), n_boot=10).tone.set_index("id")
    assert tone.loc["a0", "tone"] < -0.05 and tone.loc["a0", "not_scored_reason"] == ""
    assert np.isnan(tone.loc["a1", ["tone", "negative_share", "positive_share"]].astype(float)).all()
    assert tone.loc["a1", "not_scored_reason"] == "tone: VADER reads English only (language 'fr')"
    assert tone.loc["a2", "not_scored_reason"] == "tone: language unknown"
