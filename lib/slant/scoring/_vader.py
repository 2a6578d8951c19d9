"""Scoring stage, tone: VADER's sentence compound score computed from token arrays.

Input: the code points of a text and its sentence spans. Output: one compound score per
sentence (−1 … +1, rounded to 4 decimals as ``polarity_scores`` rounds it) and a mask of the
sentences this module leaves to the reference implementation.

The rules are those of ``vaderSentiment.SentimentIntensityAnalyzer.polarity_scores`` (version
3.3.2; Hutto & Gilbert 2014), applied to every token of a batch at once with numpy instead of
word by word in Python. The lexicon, the booster, negation and special-case word lists and
the constants ``B_INCR``, ``C_INCR`` and ``N_SCALAR`` are read from the installed package at run
time; the numbers written inline in its source are named below. Python touches each distinct
token type once (its lower case, lexicon value, booster value, negation, ALL-CAPS), never
each token or sentence. What the rules do to a lexicon word at token ``i`` of a sentence:

1. Its lexicon valence; 0 when it is "no" and the next token is a lexicon word; times
   ``N_SCALAR`` when "no" stands 1 or 2 tokens before it, or 3 before with "or"/"nor" just
   before it; ±``C_INCR`` when it is ALL CAPS in a sentence of mixed case.
2. For each of the 3 tokens before it that is not a lexicon word (nearest first): a booster or
   dampener adds its value (sign of the current valence; ±``C_INCR`` more when ALL CAPS in a
   mixed-case sentence), times 1, 0.95, 0.9 by distance; then a negation word at that distance
   multiplies by ``N_SCALAR`` ("never so/this" by 1.25 instead, "without doubt" by nothing; at
   distance 3 a "so"/"this" just before it also gives 1.25: the source's operator precedence);
   at distance 3 the special idioms ("the bomb", "kiss of death", ...) replace the valence and
   the "kind of"/"sort of" bigrams before it add theirs.
3. "least" just before it (not "at least", "very least") multiplies by ``N_SCALAR``.
4. A booster word, or "kind" before "of", scores 0 itself.
5. With "but" in the sentence, valences before its first one are halved, after it × 1.5.
6. The sum, plus 0.292 per "!" (at most 4) and 0.18 per "?" when there are 2 or 3 (0.96 for
   more), away from zero, normalised ``s / sqrt(s² + 15)``.

Left to the reference implementation (the mask): sentences holding a character of VADER's emoji
table (it replaces emoji by their descriptions before splitting), and sentences where the
source's "but" rule finds a value by equality (``list.index``) and so rescales another token
than the one it reads (a value after "but" equal to a halved value before it). Both are rare
in news; everything else is computed here. The float operations are the source's, in its
order, so the scores agree to the last digit but for ties in the rounding (numpy rounds
``x * 10⁴`` half to even, Python rounds the decimal value), which moves a score by 0.0001.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. ICWSM. Code: github.com/cjhutto/vaderSentiment (3.3.2).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..text import whitespace_tokens

__all__ = ["VaderRules", "load_vader_rules", "vader_compound"]

#: Booster damping by distance to the word (``sentiment_valence``: 1, then ``s * 0.95``, ``s * 0.9``).
DISTANCE_DAMPING = (1.0, 0.95, 0.9)
#: "never so/this good" (``_negation_check``: ``valence * 1.25``).
NEVER_SO = 1.25
#: ``_but_check``: valences before the first "but" × 0.5, after it × 1.5.
BEFORE_BUT, AFTER_BUT = 0.5, 1.5
#: ``_amplify_ep``: 0.292 per exclamation mark, at most 4 counted.
EXCLAMATION, MAX_EXCLAMATIONS = 0.292, 4
#: ``_amplify_qm``: 0.18 per question mark when there are 2 or 3, 0.96 for more.
QUESTION, MAX_QUESTIONS, MANY_QUESTIONS = 0.18, 3, 0.96
#: ``normalize``: alpha, "approximates the max expected value".
ALPHA = 15
#: ``score_valence`` rounds the compound to 4 decimals.
DECIMALS = 4
#: How many halvings deep a value after "but" is compared with the values before it when
#: looking for the source's ``list.index`` coincidence (each lookup halves once more).
_BUT_DEPTH = 4
#: The words the rules name (besides the lexicon, boosters and negations).
_RULE_WORDS = ("no", "or", "nor", "kind", "of", "but", "least", "at", "very", "never", "so",
               "this", "without", "doubt")
_PUNCT = np.zeros(128, dtype=bool)
_PUNCT[[ord(c) for c in string.punctuation]] = True  # str.strip(string.punctuation): ASCII only


@dataclass(frozen=True)
class VaderRules:
    """VADER's word lists and constants, as the installed ``vaderSentiment`` package has them."""

    lexicon: dict
    boosters: dict
    negations: frozenset
    special_cases: dict
    emoji: np.ndarray  # bool per code point up to the largest emoji character
    emoji_from: int  # the smallest emoji character
    b_incr: float
    c_incr: float
    n_scalar: float

    @property
    def rule_words(self) -> dict:
        """Code (1, 2, ...) of every word a rule compares tokens with."""
        words = set(_RULE_WORDS)
        for phrase in [*self.special_cases, *self.boosters]:
            if " " in phrase:
                words.update(phrase.split(" "))
        return {w: k for k, w in enumerate(sorted(words), start=1)}


@lru_cache(maxsize=1)
def load_vader_rules() -> VaderRules:
    """The rules of the installed vaderSentiment: its lexicon file read by its own parser."""
    from vaderSentiment import vaderSentiment as vs

    analyzer = vs.SentimentIntensityAnalyzer()
    singles = [ord(k) for k in analyzer.emojis if len(k) == 1]  # polarity_scores reads char by char
    emoji = np.zeros(max(singles, default=0) + 2, dtype=bool)  # last entry False: "beyond the table"
    emoji[singles] = True
    return VaderRules(lexicon=analyzer.lexicon, boosters=dict(vs.BOOSTER_DICT),
                      negations=frozenset(vs.NEGATE), special_cases=dict(vs.SPECIAL_CASES),
                      emoji=emoji, emoji_from=min(singles, default=0), b_incr=vs.B_INCR, c_incr=vs.C_INCR, n_scalar=vs.N_SCALAR)


@lru_cache(maxsize=1 << 20)
def _type_attributes(token: str) -> tuple:
    """(valence or NaN, in lexicon, booster value, is booster, negation, ALL CAPS, rule-word
    code) of one token type, as the source tests them (on its lower case, but ALL CAPS)."""
    rules = load_vader_rules()
    lower = token.lower()
    valence = rules.lexicon.get(lower)
    boost = rules.boosters.get(lower)
    # negated([w]): w in NEGATE, or "n't" in w
    negation = lower in rules.negations or "n't" in lower
    return (np.nan if valence is None else valence, valence is not None,
            0.0 if boost is None else boost, boost is not None, negation, token.isupper(),
            _rule_codes().get(lower, 0))


@lru_cache(maxsize=1)
def _rule_codes() -> dict:
    return load_vader_rules().rule_words


def _strip_punctuation(codes, start, end):
    """VADER's ``_strip_punc_if_word``: ASCII punctuation off both ends, unless 2 or fewer
    characters would remain (an emoticon: ":)" stays). Walks inward only where a token's end
    is punctuation, so the loop runs as many times as the longest run of punctuation."""
    def punct(c):
        return (c < 128) & _PUNCT[np.minimum(c, 127)]

    lead, trail = start.copy(), end.copy()
    which = np.flatnonzero(punct(codes[start]))
    while len(which):
        lead[which] += 1
        which = which[lead[which] < end[which]]
        which = which[punct(codes[lead[which]])]
    which = np.flatnonzero(lead < end)
    which = which[punct(codes[end[which] - 1])]
    while len(which):
        trail[which] -= 1
        which = which[trail[which] > lead[which]]
        which = which[punct(codes[trail[which] - 1])]
    keep = trail - lead <= 2
    return np.where(keep, start, lead), np.where(keep, end, trail)


def _token_types(codes, start, end):
    """Distinct token strings and each token's position among them (one pass in C: the
    tokens' code points side by side, hashed as binary values by Arrow)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = np.zeros(len(start) + 1, dtype=np.int64)
    np.cumsum(end - start, out=offsets[1:])
    packed = codes[_in_spans(len(codes), start, end)]
    values = pa.Array.from_buffers(pa.large_binary(), len(start),
                                   [None, pa.py_buffer(offsets * 4), pa.py_buffer(packed)])
    encoded = pc.dictionary_encode(values)
    types = [b.decode("utf-32-le") for b in encoded.dictionary.to_pylist()]
    return types, encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)


def _in_spans(n: int, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Bool per position of ``n``: inside one of the sorted, non-overlapping spans."""
    bounds = np.empty(2 * len(start) + 2, dtype=np.int64)
    bounds[0], bounds[-1] = 0, n
    bounds[1:-1:2], bounds[2:-1:2] = start, end
    pattern = np.zeros(len(bounds) - 1, dtype=bool)
    pattern[1::2] = True
    return np.repeat(pattern, np.diff(bounds))


def vader_compound(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """VADER compound score of each span ``codes[starts[k]:ends[k]]`` (sentences).

    Parameters
    ----------
    codes : ndarray of uint32
        Code points of the text (:func:`slant.text.char_codes`).
    starts, ends : ndarray of int
        Sentence spans, sorted and not overlapping.

    Returns
    -------
    (compound, reference)
        ``compound`` per sentence, rounded to 4 decimals; ``reference`` marks the sentences
        whose score must come from ``polarity_scores`` itself (emoji; the "but" coincidence:
        see the module docstring). Their ``compound`` here is not meaningful.
    """
    rules = load_vader_rules()  # the installed package's (each token type is looked up once)
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    n_sent = len(starts)
    t_start, t_end, sent = whitespace_tokens(codes, starts, ends)
    w_start, w_end = _strip_punctuation(codes, t_start, t_end) if len(t_start) else (t_start, t_end)
    if len(w_start):
        types, which = _token_types(codes, w_start, w_end)
        columns = zip(*[_type_attributes(t) for t in types])
        val, inlex, boost, isboost, neg, upper, word = (
            np.asarray(column, dtype=dt)[which] for column, dt in
            zip(columns, (float, bool, float, bool, bool, bool, np.int32)))
    else:
        val = boost = np.zeros(0)
        inlex = isboost = neg = upper = np.zeros(0, dtype=bool)
        word = np.zeros(0, dtype=np.int32)
    code = _rule_codes()
    n_tok = np.bincount(sent, minlength=n_sent)
    first = np.concatenate(([0], np.cumsum(n_tok)[:-1]))
    pos = np.arange(len(sent)) - first[sent]
    length = n_tok[sent]
    n_upper = np.bincount(sent, weights=upper.astype(float), minlength=n_sent)
    mixed_case = (n_upper > 0) & (n_upper < n_tok)  # allcap_differential

    # the tokens that get a valence: lexicon words that are not boosters, not "kind" before "of"
    nxt_of = np.zeros(len(word), dtype=bool)
    nxt_of[:-1] = (word[1:] == code["of"]) & (pos[:-1] + 1 < length[:-1])
    cand = np.flatnonzero(inlex & ~isboost & ~((word == code["kind"]) & nxt_of))
    p, n, s_of = pos[cand], length[cand], sent[cand]
    cap = mixed_case[s_of]
    last = len(word) - 1

    def ok(k):  # token i+k exists in the same sentence
        return (p + k >= 0) & (p + k < n)

    def at(arr, k):  # attribute of token i+k (meaningless where not ok(k))
        return arr[np.clip(cand + k, 0, max(last, 0))]

    c_incr, n_scalar = rules.c_incr, rules.n_scalar
    base = val[cand]
    v = base.copy()
    w0 = word[cand]
    v[(w0 == code["no"]) & ok(1) & at(inlex, 1)] = 0.0
    no_before = ((ok(-1) & (at(word, -1) == code["no"])) | (ok(-2) & (at(word, -2) == code["no"]))
                 | (ok(-3) & (at(word, -3) == code["no"])
                    & np.isin(at(word, -1), [code["or"], code["nor"]])))
    v = np.where(no_before, base * n_scalar, v)
    v = np.where(upper[cand] & cap, np.where(v > 0, v + c_incr, v - c_incr), v)
    so_this = [code["so"], code["this"]]
    for start_i in range(3):
        k = start_i + 1
        apply = ok(-k) & ~at(inlex, -k)
        b = at(boost, -k)
        s = np.where(v < 0, -b, b)  # scalar_inc_dec: the booster takes the valence's sign
        caps = at(isboost, -k) & at(upper, -k) & cap
        s = np.where(caps, np.where(v > 0, s + c_incr, s - c_incr), s)
        if start_i:
            s = s * DISTANCE_DAMPING[start_i]
        v = np.where(apply, v + s, v)
        # _negation_check
        if start_i == 0:
            v = np.where(apply & at(neg, -1), v * n_scalar, v)
        elif start_i == 1:
            never = (at(word, -2) == code["never"]) & np.isin(at(word, -1), so_this)
            doubt = (at(word, -2) == code["without"]) & (at(word, -1) == code["doubt"])
            v = np.where(apply & never, v * NEVER_SO, v)
            v = np.where(apply & ~never & ~doubt & at(neg, -2), v * n_scalar, v)
        else:
            never = (((at(word, -3) == code["never"]) & np.isin(at(word, -2), so_this))
                     | np.isin(at(word, -1), so_this))
            doubt = (at(word, -3) == code["without"]) & (
                (at(word, -2) == code["doubt"]) | (at(word, -1) == code["doubt"]))
            v = np.where(apply & never, v * NEVER_SO, v)
            v = np.where(apply & ~never & ~doubt & at(neg, -3), v * n_scalar, v)
            near = {k: at(word, k) for k in range(-3, 3)}
            v = np.where(apply, _special_idioms(v, near, ok, rules, code), v)
    # _least_check
    least = ok(-1) & ~at(inlex, -1) & (at(word, -1) == code["least"])
    at_very = ok(-2) & np.isin(at(word, -2), [code["at"], code["very"]])
    v = np.where(least & ~at_very, v * n_scalar, v)

    # _but_check: the first "but" of the sentence
    is_but = word == code["but"]
    but_at = np.full(n_sent, -1, dtype=np.int64)
    but_tok = np.flatnonzero(is_but)
    if len(but_tok):  # tokens are in text order: the first of each sentence
        with_but, first_but = np.unique(sent[but_tok], return_index=True)
        but_at[with_but] = pos[but_tok[first_but]]
    bi = but_at[s_of]
    before, after = (bi >= 0) & (p < bi), (bi >= 0) & (p > bi)
    reference = _but_coincidence(v, before, after, sent=s_of, n_sent=n_sent)
    v = np.where(before, v * BEFORE_BUT, np.where(after, v * AFTER_BUT, v))

    total = np.bincount(s_of, weights=v, minlength=n_sent)
    total = _punctuation_emphasis(codes, starts, ends, total)
    compound = np.clip(total / np.sqrt(total * total + ALPHA), -1.0, 1.0)
    compound = np.round(compound, DECIMALS)
    reference |= _has_emoji(codes, starts, ends, rules)
    return compound, reference


def _special_idioms(v, near, ok, rules, code):
    """``_special_idioms_check`` (only reached three or more tokens into a sentence): a
    special-case phrase ending at, around or after the word sets the valence (the first of
    "-1 0", "-2 -1 0", "-2 -1", "-3 -2 -1", "-3 -2" that is one; then "0 1", then "0 1 2"),
    and a booster bigram among "-3 -2 -1", "-3 -2", "-2 -1" adds its value. ``near[k]`` is
    the rule-word code of the token ``k`` places from each word."""
    def matches(phrase, offsets):
        parts = phrase.split(" ")
        hit = np.ones(len(v), dtype=bool)
        if len(parts) != len(offsets):
            return hit & False
        for part, k in zip(parts, offsets):
            hit &= near[k] == code.get(part, -1)
        return hit

    phrases = [(p, x) for p, x in rules.special_cases.items() if " " in p]  # one word: never a sequence
    out = v.copy()
    done = np.zeros(len(v), dtype=bool)
    for offsets in [(-1, 0), (-2, -1, 0), (-2, -1), (-3, -2, -1), (-3, -2)]:
        for phrase, value in phrases:  # the first sequence that is a special case wins
            hit = matches(phrase, offsets) & ~done
            out[hit] = value
            done |= hit
    for offsets, need in (((0, 1), 1), ((0, 1, 2), 2)):  # after the word: later ones override
        for phrase, value in phrases:
            out = np.where(matches(phrase, offsets) & ok(need), value, out)
    for offsets in [(-3, -2, -1), (-3, -2), (-2, -1)]:
        for phrase, value in rules.boosters.items():
            if " " in phrase:
                out = np.where(matches(phrase, offsets), out + value, out)
    return out


def _but_coincidence(v, before, after, *, sent, n_sent) -> np.ndarray:
    """Sentences where ``_but_check``'s ``sentiments.index(value)`` finds, for a value after
    "but", an equal value before it (a value before "but" halved, once more per such lookup),
    so the source rescales that one instead: these are left to the reference implementation.
    ``v`` are the valences before the "but" rule; ``before`` and ``after`` mark the tokens on
    each side of the sentence's first "but"."""
    flag = np.zeros(n_sent, dtype=bool)
    before, after = before & (v != 0), after & (v != 0)
    if not before.any() or not after.any():
        return flag
    halved = np.concatenate([v[before] * BEFORE_BUT ** m for m in range(1, _BUT_DEPTH + 1)])
    keys = pd.DataFrame({"sent": np.tile(sent[before], _BUT_DEPTH), "value": halved})
    read = pd.DataFrame({"sent": sent[after], "value": v[after]})
    both = read.merge(keys.drop_duplicates(), on=["sent", "value"])
    flag[both["sent"].to_numpy()] = True
    return flag


def _punctuation_emphasis(codes, starts, ends, total):
    """``score_valence`` with ``_punctuation_emphasis``: "!" and "?" push a non-zero sum away
    from zero."""
    def count(char):
        at = np.flatnonzero(codes == ord(char))
        return np.searchsorted(at, ends) - np.searchsorted(at, starts)

    bangs = np.minimum(count("!"), MAX_EXCLAMATIONS)
    asks = count("?")
    amp = bangs * EXCLAMATION + np.where(asks > MAX_QUESTIONS, MANY_QUESTIONS,
                                         np.where(asks > 1, asks * QUESTION, 0.0))
    return np.where(total > 0, total + amp, np.where(total < 0, total - amp, total))


def _has_emoji(codes, starts, ends, rules) -> np.ndarray:
    """Sentences with a character of VADER's emoji table."""
    table = rules.emoji
    wide = np.flatnonzero(codes >= rules.emoji_from)  # (none is ASCII: a short list)
    at = wide[table[np.minimum(codes[wide], len(table) - 1)]]
    return np.searchsorted(at, ends) > np.searchsorted(at, starts)
