"""Sentence splitting and the length-preserving normal form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from slant.text import (
    char_codes,
    collapse,
    index_texts,
    normal_form,
    split_sentences,
    whitespace_tokens,
)


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [("The army advanced. Residents fled.", ["The army advanced.", "Residents fled."]),
     ("Gen. Smith arrived at 3 p.m. on Dec. 5. He left.", ["Gen. Smith arrived at 3 p.m. on Dec. 5.", "He left."]),
     ("U.S. forces moved in. Others did not.", ["U.S. forces moved in.", "Others did not."]),
     ('"We won," he said. "Now we rest."', ['"We won," he said.', '"Now we rest."']),
     ("A headline\nThe first line of the body. A second one.", ["A headline", "The first line of the body.", "A second one."]),
     ("Was it over? Yes! It was.", ["Was it over?", "Yes!", "It was."]),
     ("J. Doe of outlet-a wrote it. 12 people died.", ["J. Doe of outlet-a wrote it.", "12 people died."]),
     ("  \n\n  ", [])],
    ids=["plain", "abbreviations", "initialism", "closing-quote", "line-breaks", "question-exclamation",
         "initial-and-digit-start", "blank"],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_normal_form_keeps_length_and_offsets():
    text = "The U.S.-backed “forces” took Daesh’s base—and İdlib."
    normal = normal_form(text)
    assert len(normal) == len(text)
    squeezed, offsets = collapse(" " + normal)
    assert squeezed == " the us backed forces took daesh base and İdlib "
    # every kept character maps back to a character of the same letter
    assert all(squeezed[i] == (" " + normal)[o] for i, o in enumerate(offsets))


def test_normal_form_can_keep_case():
    assert collapse(normal_form("IS and is", lower=False))[0] == "IS and is"


def test_index_texts_counts_once():
    articles = pd.DataFrame({"id": ["a", "b"], "text": ["One two. Three four five.", ""]})
    index = index_texts(articles)
    assert index.words.tolist() == [5, 0]
    assert index.sentences[["doc", "sentence", "start", "end"]].values.tolist() == [[0, 0, 0, 8], [0, 1, 9, 25]]
    assert index.sentence_of([0, 0, 0], [0, 8, 12]).tolist() == [0, 0, 1]


def test_agrees_with_punkt_on_fakes(shared_dir):
    """The fast splitter finds nearly the boundaries Punkt finds on real news text."""
    import punkt

    from slant.corpus._datasets import load_dataset

    raw, _ = load_dataset("fa-kes", mirror=shared_dir / "corpora", download=False, progress=False)
    tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
    ours = theirs = both = 0
    for text in raw["text"].head(300):
        a = {e for _, e in split_sentences(text)}
        b = {e for _, e in tokenizer.span_tokenize(text)}
        ours, theirs, both = ours + len(a), theirs + len(b), both + len(a & b)
    assert both / theirs > 0.9 and both / ours > 0.9, (ours, theirs, both)


def test_index_texts_same_in_worker_processes():
    """Chunks of articles split in two worker processes give the single-process index."""
    texts = ["Gen. Smith left. He won.\n\nU.S. troops  came. ", "", "A 'quoted' al-Sham word. Done!"] * 20
    articles = pd.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts})
    one, two = index_texts(articles, n_jobs=1), index_texts(articles, n_jobs=2)
    pd.testing.assert_frame_equal(one.sentences, two.sentences)
    assert one.words.tolist() == two.words.tolist() == [9, 0, 5] * 20  # "U.S." is two words


@pytest.mark.parametrize("n_jobs, chars, expected", [(None, 10, 1), (None, 10**9, 2), (1, 10**9, 1),
                                                     (-1, 10, 2), (-2, 10, 1), (3, 10, 3)],
                         ids=["small-auto", "big-auto", "one", "all", "all-but-one", "explicit"])
def test_n_workers_follows_sklearn(n_jobs, chars, expected, monkeypatch):
    from slant.common import _parallel

    monkeypatch.setattr(_parallel, "_cpus", lambda: 2)
    assert _parallel.n_workers(n_jobs, chars) == expected


def _regex_boundaries(text):
    from slant.text._sentences import _BOUNDARY

    return [(m.start(1), m.group(1) == ".", m.start(3), m.end(3)) for m in _BOUNDARY.finditer(text)]


@pytest.mark.parametrize("text", [
    "", "No stop", "It fell. Then", "It fell.Then", "It fell . then", "Wait... What?! No.",
    'He said "go." Then', "He left.\u201d \u201cThen", "A (b.) C", "End.   \n  Next", "x. 9",
    "Fell.' 'Then", "Fell.\u00a0Then", "Fell. (Then", "Fell. (then", "Fell. \"", "Fell. ", "..",
    "Fell.\u201d" + " " * 20 + "Then", "Fell." + ")" * 12 + " Then", "!A ?B .C. D",
])
def test_boundaries_are_the_regex_matches(text):
    """The array version of the sentence-boundary pattern finds exactly its matches: where each
    starts, whether it is one period, and its whitespace (runs of closing marks and spaces
    longer than the vectorised steps included)."""
    from slant.text import char_codes as _codes
    from slant.text._sentences import _boundaries

    at, gap_start, gap_end = _boundaries(text, _codes(text))
    found = [(a, bool(s), g0, g1) for (a, s), g0, g1 in zip(at.tolist(), gap_start.tolist(), gap_end.tolist())]
    assert found == _regex_boundaries(text)


def test_boundaries_are_the_regex_matches_on_random_strings():
    """The same on 3,000 random strings of the characters that matter."""
    import numpy as np

    from slant.text import char_codes as _codes
    from slant.text._sentences import _boundaries

    rng = np.random.default_rng(0)
    alphabet = list(". !?\"'\u201d\u2019\u201c\u2018\u00bb)](«\nAZaz09\u00a0")
    for _ in range(3000):
        sample = "".join(rng.choice(alphabet, size=rng.integers(0, 40)))
        at, g0, g1 = _boundaries(sample, _codes(sample))
        got = [(a, bool(s), x, y) for (a, s), x, y in zip(at.tolist(), g0.tolist(), g1.tolist())]
        assert got == _regex_boundaries(sample), sample


@pytest.mark.parametrize(
    "word, expected",
    [("Gen", 1), ("U.S", 1), ("J", 1), ("approx", 1), ("messrs", 1), ("u.s.s.r", 1), ("\"Dec", 1),
     ("province", 2), ("internationally", 2), ("al-Mayadin", 2), ("Zor", 2)],
    ids=["title", "initialism", "single-letter", "news-extra", "punkt-learned", "punkt-initialism",
         "after-a-quote-mark", "8-letters", "15-letters", "hyphenated", "short-word"],
)
def test_period_after_a_word_of_any_length(word, expected):
    """Abbreviations (up to 7 letters) and single letters keep the sentence going, other words
    of any length end it (words of 8 or more letters skip the look-up)."""
    assert len(split_sentences(f"Then came {word}. Smith left.")) == expected


def test_character_tables_are_the_str_methods():
    """The lookup tables built by one regex pass (word and space characters) and by lowering
    only the characters that change give, for every character of the BMP, what the str
    methods give one character at a time."""
    import numpy as np

    from slant.text import BMP as _BMP
    from slant.text import char_table as _char_table
    from slant.text._chars import _is
    from slant.text._normal import _lower_table

    chars = [chr(c) for c in range(_BMP)]
    for test in ("isword", "isspace"):
        assert _char_table(test).tolist() == [_is(c, test) for c in chars]
    table, unsafe = _lower_table()
    expected = np.array([ord(c.lower()) if len(c.lower()) == 1 else ord(c) for c in chars])
    assert (table == expected).all()
    assert "\u03a3" in unsafe and "\u212a" in unsafe  # capital sigma; the Kelvin sign lowers to "k"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Adm., Messrs. and Ft. are learned by Punkt; none is among the titles and months the
        # module adds itself (a Punkt that failed to load would split after each of them)
        ("Adm. Harlan met Messrs. Cole and Reyes at Ft. Hale. They spoke for an hour.",
         ["Adm. Harlan met Messrs. Cole and Reyes at Ft. Hale.", "They spoke for an hour."]),
        ("Dunn Bros. Inc. and Acme Corp. Ltd. opened offices on Ave. Foch. Both are invented.",
         ["Dunn Bros. Inc. and Acme Corp. Ltd. opened offices on Ave. Foch.", "Both are invented."]),
        ("The rally in Ft. Worth was set for Tues. Oct. 3 and moved to Wed. Oct. 4. It drew few.",
         ["The rally in Ft. Worth was set for Tues. Oct. 3 and moved to Wed. Oct. 4.", "It drew few."]),
        # titles and months the module lists itself, and a letter-dot initialism
        ("Dr. Smith met Gen. Jones in Jan. at the U.N. office. Nothing was agreed.",
         ["Dr. Smith met Gen. Jones in Jan. at the U.N. office.", "Nothing was agreed."]),
    ],
    ids=["punkt-titles", "punkt-company-words", "punkt-weekdays", "own-titles-and-months"],
)
def test_abbreviations_learned_by_punkt(text, expected):
    assert sentences(text) == expected


def test_whitespace_tokens_are_str_split_per_sentence():
    text = "One two\u00a0three.\tFour  five!\nsix"
    starts, ends = np.array([0, 15, 27]), np.array([14, 26, 29])  # the last cuts "six" to "si"
    t_start, t_end, span = whitespace_tokens(char_codes(text), starts, ends)
    got = [(int(k), text[a:b]) for a, b, k in zip(t_start, t_end, span)]
    expected = [(k, w) for k, (a, b) in enumerate(zip(starts, ends)) for w in text[a:b].split()]
    assert got == expected


def test_nfc_texts_composes_non_ascii_and_keeps_ascii():
    from slant.text import nfc_texts

    texts = pd.Series(["cafe\u0301 in Ra\u0301qqa", "plain words", None, ""], dtype=object)
    assert nfc_texts(texts) == ["caf\u00e9 in R\u00e1qqa", "plain words", "", ""]


def test_whitespace_tokens_cut_at_spans_that_touch():
    text = "abcdef gh"
    starts, ends = np.array([0, 3]), np.array([3, 9])  # "abc" | "def gh": no space between
    t_start, t_end, span = whitespace_tokens(char_codes(text), starts, ends)
    assert [(int(k), text[a:b]) for a, b, k in zip(t_start, t_end, span)] == [(0, "abc"), (1, "def"), (1, "gh")]
