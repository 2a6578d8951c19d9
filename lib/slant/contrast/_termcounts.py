"""Contrast stage, counting: one sparse article-by-term matrix and the stop terms behind it.

Used by :mod:`slant.contrast`. Input: the ``articles`` table and the outlet registry. Output:
:class:`TermCounts`. Terms are counted here and not in :mod:`slant.text`, which has no token
stream: the matcher works on character spans, this stage on a bag of words and word pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain, pairwise

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["NAME_WORDS_KEPT", "STOP_TERMS", "ContrastError", "TermCounts", "count_terms",
           "outlet_stop_terms"]

_BIGRAM_SHIFT = np.int64(32)  # a word pair is (first id << 32) | second id

_MONTHS = ("january february march april june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec")
_WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday "
             "mon tue tues wed thu thur thurs fri sat sun")
#: Agencies whose names end wire copy ("- REUTERS", "(AFP)", "(SANA)") or start its dateline.
_AGENCIES = ("reuters afp ap xinhua dpa anadolu aa efe ansa kyodo yonhap irna isna fna mena sana "
             "tass ria novosti interfax upi pti ani")
#: Page furniture left by scrapers: photo credits, copyright lines, tag lists, share buttons and
#: web addresses (29 of FA-KES's 44 Etilaf texts end in "Twitter", 73 New Arab texts in "Tags").
_FURNITURE = ("photo photos file copyright getty thomson advertisement newsletter subscribe "
              "gmt utc am pm url http https www com html tags twitter facebook facebookcomment "
              "instagram youtube whatsapp linkedin standardsdiscussion")
#: Phrases of bylines, trailers and page furniture whose words are ordinary on their own
#: ("reporting", "policy", "follow"); each is removed where it occurs.
_TRAILERS = ("reporting by|editing by|writing by|additional reporting|our standards|"
             "trust principles|all rights|rights reserved|read also|read more|click here|short url|"
             "get short|posted on|last updated|updated at|date of|of publication|privacy policy|"
             "cookie policy|and agencies|comment via|community standards|follow us|follow follow|"
             "like follow|dont miss|don't miss|miss out|latest news|wont spam|won't spam|spam you|"
             "respect your|your privacy|watch live|live tv|tv schedule|where to watch|connect with|"
             "subscribe to|"
             # Sputnik's comment widget and TRT World's footer, as scraped in FA-KES
             "community standardsdiscussion|facebookcomment via|picture is worth|thousand words|"
             "in-depth on|ground reporting|ios android|satellite coverage|partner hotels|"
             "press releases|contact us|terms of use")
#: Dateline verbs before a month ("Published October 1 2014"): the verb goes with the date.
_DATELINES = [f"{verb} {month}" for verb in ("published", "posted", "updated")
              for month in _MONTHS.split()]
#: The documented stop list, on top of what :func:`outlet_stop_terms` derives from the registry:
#: months and weekdays (datelines; "may" is kept, it is also the modal verb), agencies, page
#: furniture, trailer and dateline phrases. Generic English stop words are *not* listed: the
#: informative prior already keeps function words near z = 0 (Monroe et al. 2008, section 3.5),
#: and "said" stays because how much an outlet attributes is part of its style.
STOP_TERMS = frozenset(f"{_MONTHS} {_WEEKDAYS} {_AGENCIES} {_FURNITURE}".split()
                       + _TRAILERS.split("|") + _DATELINES)

#: Words of outlet names that are never stop-listed on their own: function words, places, peoples
#: and the generic words of media names ("news", "times", "daily"). A pair of them is still
#: stop-listed when it is a whole two-word name ("jordan times", "press tv").
_KEPT = """
the a an of and for in on at to by from with via de del do di du des der das die el la le les y e
al el
news agency agenzia times daily weekly post press tv television radio channel network media online
world global international national new today star sky dawn front eye monitor direct observatory
center centre report review herald express independent inside focus comment commentary digest
time headline site website portal blog blogs station service section edition feed release map
war wars civil people people's human rights party movement coalition opposition revolutionary forces
defense defence units ypg labour state republic islamic muslim intelligence terrorism information
institute studies school university project office group friends invitation matters executive
conflict metropolis micro big south east middle north west united abu ain hayat
inform informed democrat telegram rojava
arab arabs arabia arabic syria syrian iran iranian iraq iraqi israel jerusalem lebanon egypt
egyptian jordan turkey turkish russia russian kurdistan kurdish palestinians yemen uae gulf qatar
saudi china japan japanese korea india indian afghanistan algeria austria belgium bulgaria chile
ecuador france french german germany italy italian italia philippine romania serbia singapore
switzerland tajikistan ukraine uk us usa europe washington boston shanghai sofia hong kong isfahan
english persian urdu portuguese spanish
uprooted fort worth
"""
NAME_WORDS_KEPT = frozenset(_KEPT.split())

#: Characters that end a sentence or a line: each becomes a "." token, which breaks word pairs.
_BREAKS = ".!?;:\n"
#: Other punctuation, quotes and dashes become spaces; apostrophes and hyphens stay (inner ones
#: belong to the word) and are trimmed from a token's ends later. str.translate and str.split run
#: four times faster than one tokenising regular expression (3.1 s -> 0.8 s on FA-KES x50).
_SPACES = str.maketrans({c: " " for c in ',"()[]{}<>/\\|@#$%^&*+=~`“”„«»–—…•·'})
_URL = re.compile(r"(?:https?://|www\.)\S+")
#: Letter-dot abbreviations ("u.s.", "u.n."), matched from the first dot for speed; dots dropped.
_ABBREV = re.compile(r"\.(?<=\b[a-z]\.)(?:[a-z]\.)+")
#: A counted word: letters, with inner hyphens or apostrophes; anything else is a break.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_TRIM = re.compile(r"^\W+|\W+$")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
#: Domain labels that name no site: "www.", "blog.", second-level "com", "co", "gov".
_GENERIC_LABELS = frozenset(["www", "blog", "en", "m", "com", "co", "org", "net", "gov", "ac",
                             "edu", "news"])
_MIN_LETTERS = 2  # as scikit-learn's default token pattern: single letters are dropped
_CHUNK = 2000  # articles per tokenising batch: bounds the memory of the token lists


class ContrastError(ValueError):
    """A comparison that cannot be made as asked (empty group, unknown column, foreign ids)."""


@dataclass
class TermCounts:
    """Term counts of a corpus: one row per article, one column per term.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Articles x terms, int32 counts of words and word pairs.
    terms : ndarray of str
        Column labels, sorted; a pair reads "first second".
    ids : ndarray of str
        Article ids, one per row, in the order of the articles counted.
    words : ndarray of int
        Word tokens per article before stop-listing (letters only, two or more).
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    ids: np.ndarray
    words: np.ndarray = field(repr=False)

    @property
    def totals(self) -> np.ndarray:
        """Corpus count of every term (float64), the base of the prior."""
        return np.asarray(self.matrix.sum(axis=0), dtype=np.float64).ravel()

    def rows(self, articles: pd.DataFrame) -> np.ndarray:
        """Row of each article of ``articles`` (by ``id``); raises if one was not counted."""
        pos = pd.Index(self.ids).get_indexer(articles["id"])
        if (pos < 0).any():
            missing = articles["id"].to_numpy()[pos < 0][0]
            raise ContrastError(f"article {missing!r} is not in these counts; "
                                "rebuild them with count_terms(articles) on the same table")
        return pos


# --- stop terms ------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    """Counted word forms of a text, in order (the tokeniser of :func:`count_terms`)."""
    low = _ABBREV.sub(lambda m: m.group(0).replace(".", ""), str(text).lower())
    return [w for w in map(_word_form, _tokens(low)) if w]


def _name_parts(name: str) -> list[str]:
    """The parts of a registry name that are names: the text before a comma, split at " / ",
    with a parenthesis kept only when it holds an acronym or a domain ("(SANA)", "(topwar.ru)");
    a domain becomes its site label."""
    head = str(name).split(",")[0]
    parts = [p.strip() for p in re.findall(r"\(([^)]*)\)?", head)
             if re.fullmatch(r"[A-Z0-9]{2,}", p.strip()) or _DOMAIN.fullmatch(p.strip())]
    parts += re.sub(r"\([^)]*\)?", " ", head).split(" / ")
    return [" ".join(_domain_part(w) if _DOMAIN.fullmatch(w) else w for w in p.split())
            for p in parts if p.strip()]


def _domain_part(domain: str) -> str:
    """The site's own label: "presstv.ir" -> "presstv", "almanar.com.lb" -> "almanar",
    "eu.eot.su" -> "eot" (the longest label before the top-level one, generic ones aside)."""
    labels = [lab for lab in str(domain).lower().split("/")[0].split(".")[:-1]
              if lab not in _GENERIC_LABELS]
    return max(labels, key=len) if labels else ""


def _name_terms(name: str) -> set[str]:
    """Stop terms of one name: its words, hyphenated words split and joined, word pairs, the
    whole name with and without spaces; leading "the" dropped; kept words never alone."""
    words = _words(name)
    if words[:1] == ["the"]:
        words = words[1:]
    pieces = [p for w in words for p in w.split("-")]  # "al-manar tv" -> al, manar, tv
    terms = set(words) | set(pieces) | {"".join(w.split("-")) for w in words}
    for seq in (words, pieces):
        terms.update(f"{x} {y}" for x, y in pairwise(seq) if not {x, y} <= NAME_WORDS_KEPT)
        if len(seq) > 1:
            terms |= {" ".join(seq), "".join(seq)}
    return {t for t in terms if t not in NAME_WORDS_KEPT and len(t) >= _MIN_LETTERS}


def outlet_stop_terms(outlets: pd.DataFrame) -> frozenset[str]:
    """Self-names of the outlets, as words and phrases, lowercased.

    From each registry row's ``name``, ``aliases`` (" | "-joined), ``domain`` and ``id``: every
    word of a name ("sputnik", "manar", "al-manar"), hyphenated words split and joined ("al manar",
    "almanar"), adjacent pairs and the whole name ("press tv", "syrian arab news agency"), the
    name run together ("presstv") and the domain's site label ("syriahr"). Words of
    :data:`NAME_WORDS_KEPT` ("news", "syrian", "the", "world") are never stop-listed alone, nor a
    pair of two of them, except as a whole name ("jordan times", "trt world"): a phrase is
    removed only where it occurs, so "world" still counts elsewhere. A parenthesis counts only
    when it holds an acronym or a domain, and text after a comma is a description, not a name
    ("Romandie.com (Switzerland), AFP feed"). The id counts as one word ("presstv") or, with
    hyphens, in the forms "the-new-arab" and "thenewarab" only.

    Parameters
    ----------
    outlets : DataFrame
        The registry (``load_outlets()`` or ``Corpus.outlets``): ``id``, ``name``, and
        ``aliases`` and ``domain`` when present.

    Returns
    -------
    frozenset of str
    """
    for col in ("id", "name"):
        if col not in outlets.columns:
            raise ContrastError(f"outlets has no {col!r} column; "
                                "pass load_outlets() or Corpus.outlets")
    empty = pd.Series("", index=outlets.index)
    terms: set[str] = set()
    aliases, domains = outlets.get("aliases", empty), outlets.get("domain", empty)
    for oid, name, alias, domain in zip(outlets["id"], outlets["name"], aliases, domains):
        oid = str(oid).lower()
        terms |= {oid, oid.replace("-", "")}
        names = [name, _domain_part(domain or "")] + str(alias or "").split(" | ")
        for part in (p for n in names if str(n).strip() for p in _name_parts(n)):
            terms |= _name_terms(part)
    return frozenset(t for t in terms if t and t not in NAME_WORDS_KEPT)


# --- counting --------------------------------------------------------------------------------

def _tokens(doc: str) -> list[str]:
    """Raw tokens of a lowercased document: words with their edge punctuation, and "." breaks."""
    if "http" in doc or "www." in doc:
        doc = _URL.sub(" . ", doc)
    for char in _BREAKS:
        doc = doc.replace(char, " . ")
    return doc.translate(_SPACES).split()


def _word_form(token: str) -> str:
    """The counted form of a raw token, or "" for a break: punctuation, numbers, tokens with
    digits, single letters. Curly apostrophes straightened, possessive "'s" dropped."""
    form = _TRIM.sub("", token).replace("’", "'")
    if not _WORD.fullmatch(form):
        return ""
    form = form.removesuffix("'s")
    return form if len(form) >= _MIN_LETTERS else ""


def _documents(articles: pd.DataFrame, start: int, stop: int) -> list[str]:
    """Lowercased texts of rows start:stop, each headed by its title unless the text holds it."""
    texts = articles["text"].iloc[start:stop].fillna("").astype(str).tolist()
    titles = (articles["title"].iloc[start:stop].fillna("").astype(str).tolist()
              if "title" in articles else [""] * len(texts))
    docs = [t if not h or h in t else f"{h}\n{t}" for h, t in zip(titles, texts)]
    return [_ABBREV.sub(lambda m: m.group(0).replace(".", ""), d.lower()) for d in docs]


class _Vocabulary:
    """Word ids shared by all batches (-1 is a break), which are stop-listed, the parts of
    hyphenated words, and the stop phrases as id sequences hashed per length."""

    def __init__(self, stop: set[str]):
        self.stop = stop
        self.ids: dict[str, int] = {}
        self.forms: list[str] = []
        self.stopped: list[bool] = []
        self.seen: dict[str, int] = {}
        self.parts: dict[int, tuple[int, ...]] = {}
        by_length: dict[int, list[list[int]]] = {}
        for phrase in sorted(p for p in stop if " " in p):
            ids = [self._id(w) for w in phrase.split()]
            by_length.setdefault(len(ids), []).append(ids)
        self.phrases: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # length -> hashes, ids
        for k, rows in by_length.items():
            ids = np.array(rows, dtype=np.int64)
            hashes = _hash(ids)
            order = np.argsort(hashes)
            self.phrases[k] = (hashes[order], ids[order])
        self.first = np.array(sorted({r[0] for rows in by_length.values() for r in rows}), np.int64)

    def _id(self, form: str) -> int:
        gid = self.ids.setdefault(form, len(self.forms))
        if gid == len(self.forms):
            self.forms.append(form)
            self.stopped.append(form in self.stop)
            if "-" in form:
                pieces = [self._id(p) for p in form.split("-") if len(p) >= _MIN_LETTERS]
                self.parts[gid] = tuple(p for p in pieces if not self.stopped[p])
        return gid

    def encode(self, tokens: np.ndarray) -> np.ndarray:
        seen, ids = self.seen, []
        for token in tokens:
            gid = seen.get(token)
            if gid is None:
                form = _word_form(token)
                gid = seen[token] = self._id(form) if form else -1
            ids.append(gid)
        return np.array(ids, dtype=np.int64)

    def drop_phrases(self, gid: np.ndarray, row: np.ndarray) -> None:
        """Turn every occurrence of a stop phrase, inside one article, into breaks (in place)."""
        is_first = np.zeros(len(self.forms) + 1, dtype=bool)
        is_first[self.first] = True
        starts = np.flatnonzero(is_first[gid])  # a break (-1) reads the last, always False
        for k, (hashes, ids) in self.phrases.items():
            s = starts[starts + k <= len(gid)]
            s = s[row[s] == row[s + k - 1]]
            windows = gid[s[:, None] + np.arange(k)]
            h = _hash(windows)
            pos = np.minimum(np.searchsorted(hashes, h), len(hashes) - 1)
            hit = (hashes[pos] == h) & (ids[pos] == windows).all(axis=1)  # hash, then exact
            gid[(s[hit][:, None] + np.arange(k)).ravel()] = -1

    def expand(self, gids: np.ndarray, codes: np.ndarray, rows: np.ndarray, alive: np.ndarray):
        """(row, id) of the parts of every counted hyphenated token: "daesh-held" is a "daesh"."""
        plist = [self.parts.get(g, ()) for g in gids.tolist()]
        n_parts = np.fromiter(map(len, plist), dtype=np.int64, count=len(plist))
        per_token = n_parts[codes] * alive
        tokens = np.flatnonzero(per_token)
        flat = np.fromiter(chain.from_iterable(plist), dtype=np.int64, count=int(n_parts.sum()))
        first = np.cumsum(n_parts) - n_parts
        each = np.repeat(tokens, per_token[tokens])
        within = np.arange(len(each)) - np.repeat(np.cumsum(per_token[tokens]) - per_token[tokens],
                                                  per_token[tokens])
        return rows[each], flat[first[codes[each]] + within]


#: Random odd 64-bit weights of the phrase hash (fixed seed: deterministic).
_HASH_WEIGHTS = np.random.default_rng(2008).integers(1, 2**63, size=64, dtype=np.uint64) | 1


def _hash(windows: np.ndarray) -> np.ndarray:
    """One uint64 per row of word ids (wrapping arithmetic); a break (-1) never matches."""
    w = (windows.astype(np.int64) + 1).astype(np.uint64)
    return (w * _HASH_WEIGHTS[:w.shape[1]]).sum(axis=1, dtype=np.uint64)


def _count_batch(docs: list[str], vocab: _Vocabulary):
    """(row, id, count) of words and (row, pair key, count) of pairs, and words per article."""
    token_lists = [_tokens(d) for d in docs]
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(docs))
    codes, uniques = pd.factorize(np.fromiter(chain.from_iterable(token_lists), dtype=object,
                                              count=int(lengths.sum())))
    del token_lists
    local = vocab.encode(uniques)
    gid = local[codes]
    row = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    words = np.bincount(row[gid >= 0], minlength=len(docs))
    vocab.drop_phrases(gid, row)
    stopped = np.array(vocab.stopped, dtype=bool)
    gid[(gid >= 0) & stopped[np.maximum(gid, 0)]] = -1  # stop words become breaks
    word = gid >= 0
    part_rows, part_ids = vocab.expand(local, codes, row, word)
    uni = _reduce(np.concatenate([row[word], part_rows]), np.concatenate([gid[word], part_ids]))
    pair = word[:-1] & word[1:] & (row[:-1] == row[1:])
    keys = (gid[:-1][pair] << _BIGRAM_SHIFT) | gid[1:][pair]
    local_keys, key_values = pd.factorize(keys)
    rows_b, local_b, counts_b = _reduce(row[:-1][pair], local_keys.astype(np.int64))
    return uni, (rows_b, np.asarray(key_values, dtype=np.int64)[local_b], counts_b), words


def _reduce(rows: np.ndarray, cols: np.ndarray):
    """Unique (row, col) pairs, sorted by row, with their counts (a sparse sum of duplicates,
    twice as fast as np.unique on the packed pairs)."""
    n_rows, n_cols = int(rows.max(initial=-1)) + 1, int(cols.max(initial=-1)) + 1
    m = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n_rows, n_cols))
    m.sum_duplicates()
    return (np.repeat(np.arange(n_rows, dtype=np.int32), np.diff(m.indptr)),
            m.indices.astype(np.int32), m.data.astype(np.int32))


def count_terms(articles: pd.DataFrame, *, outlets: pd.DataFrame | None = None,
                ngram_range: tuple[int, int] = (1, 2), min_df: int = 2,
                extra_stop=()) -> TermCounts:
    """Count words and word pairs of every article, once, for every later comparison.

    Tokens are runs of letters with inner hyphens or apostrophes ("al-mayadin", "us-backed"),
    lowercased, possessive "'s" dropped, "U.S." read as "us"; a hyphenated word also counts as
    each of its parts ("daesh-held" is a "daesh" too). Numbers, tokens with digits, web addresses
    and single letters are dropped, and break word pairs, as sentence punctuation and line ends
    do. Stop terms (:data:`STOP_TERMS`, :func:`outlet_stop_terms` of ``outlets`` and of
    ``articles.outlet_name``, ``extra_stop``) are removed before counting: a stop word everywhere,
    a stop phrase ("press tv", "reporting by") where it occurs; each leaves a break, so no pair
    spans it.

    Parameters
    ----------
    articles : DataFrame
        ``id`` and ``text``; ``title`` is counted when the text does not already hold it.
    outlets : DataFrame, optional
        The registry whose self-names are stop-listed; by default the bundled one
        (:func:`slant.corpus.load_outlets`). Pass ``Corpus.outlets`` to include a corpus's own.
    ngram_range : (int, int)
        ``(1, 1)`` words, ``(2, 2)`` pairs, ``(1, 2)`` both (scikit-learn's convention).
    min_df : int
        Keep terms found in at least this many articles.
    extra_stop : iterable of str
        More stop terms, words or phrases, any case.

    Returns
    -------
    TermCounts

    References
    ----------
    Pedregosa et al. (2011), scikit-learn's ``CountVectorizer``: the same matrix, ``ngram_range``
    and ``min_df``. Counted here with str.split and numpy instead: CountVectorizer takes 13 s on
    FA-KES x50 (40,000 articles), this 6.5 s, and its pairs could not skip stop phrases.
    """
    if tuple(ngram_range) not in {(1, 1), (1, 2), (2, 2)}:
        raise ContrastError(f"ngram_range={ngram_range}: use (1, 1), (1, 2) or (2, 2)")
    if min_df < 1:
        raise ContrastError(f"min_df={min_df}: give 1 or more articles")
    if "id" not in articles or "text" not in articles:
        raise ContrastError("articles needs 'id' and 'text' columns (see README, 'Output tables')")
    if articles.empty:
        raise ContrastError("no articles to count; check the corpus loaded (slant check CORPUS)")
    if outlets is None:
        from slant.corpus import load_outlets  # the bundled registry, read on demand

        outlets = load_outlets()
    stop = set(STOP_TERMS) | outlet_stop_terms(outlets) | {" ".join(_words(t)) for t in extra_stop}
    for name in pd.unique(articles["outlet_name"].dropna()) if "outlet_name" in articles else ():
        for part in _name_parts(name):
            stop |= _name_terms(part)
    stop.discard("")
    n_docs = len(articles)
    vocab = _Vocabulary(stop)
    uni, bi, words = [], [], []
    for start in range(0, n_docs, _CHUNK):
        u, b, w = _count_batch(_documents(articles, start, start + _CHUNK), vocab)
        uni.append((u[0] + np.int32(start), u[1], u[2]))
        bi.append((b[0] + np.int32(start), b[1], b[2]))
        words.append(w)
    forms = np.array(vocab.forms, dtype=object)
    blocks, labels = [], []
    if ngram_range[0] == 1:
        rows, cols, counts = (np.concatenate(x) for x in zip(*uni))
        uni.clear()  # free the batches' arrays before the next step (peak memory at x50)
        keep = np.bincount(cols, minlength=len(forms)) >= min_df
        blocks.append(_block(rows, cols, counts, keep, n_docs))
        labels.append(forms[keep])
        del rows, cols, counts
    if ngram_range[1] == 2:
        rows, keys, counts = (np.concatenate(x) for x in zip(*bi))
        bi.clear()
        cols, pairs = pd.factorize(keys)
        del keys
        keep = np.bincount(cols, minlength=len(pairs)) >= min_df
        first, second = pairs[keep] >> _BIGRAM_SHIFT, pairs[keep] & 0xFFFFFFFF
        blocks.append(_block(rows, cols.astype(np.int32), counts, keep, n_docs))
        labels.append(np.array([f"{x} {y}" for x, y in zip(forms[first], forms[second])],
                               dtype=object))
        del rows, cols, counts
    matrix = sp.hstack(blocks, format="csr", dtype=np.int32) if len(blocks) > 1 else blocks[0]
    del blocks
    terms = np.concatenate(labels).astype(str)
    order = np.argsort(terms, kind="stable")
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    matrix.indices = rank[matrix.indices]  # columns in alphabetical order of their terms
    matrix.has_sorted_indices = False
    matrix.sort_indices()
    return TermCounts(matrix=matrix, terms=terms[order], ids=articles["id"].to_numpy(dtype=object),
                      words=np.concatenate(words) if words else np.zeros(0, np.int64))


def _block(rows, cols, counts, keep, n_docs) -> sp.csr_matrix:
    """CSR of the kept columns from entries already sorted by row (as batches produce them)."""
    new_col = np.full(len(keep), -1, dtype=np.int32)
    new_col[keep] = np.arange(int(keep.sum()), dtype=np.int32)
    col = new_col[cols]
    kept = col >= 0
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows[kept], minlength=n_docs), out=indptr[1:])
    return sp.csr_matrix((counts[kept], col[kept], indptr), shape=(n_docs, int(keep.sum())))
