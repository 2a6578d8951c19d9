"""Stage 2, text: the shared text machinery every later stage calls.

In: article texts (a DataFrame with ``id`` and ``text``). Out: a :class:`TextIndex` (sentences
and word counts, computed once), the length-preserving normal form used by every matcher, and
the character tables and regex helpers that scan code points. No stage re-splits or
re-normalises on its own.

Other stages may use the names in ``__all__``; the underscore modules are this stage's own.
The per-language part of the normal form (letter folding, stems, clitics and endings) is in
:mod:`._languages`, driven by ``slant/data/languages.yml``.
"""

from ._chars import BMP, char_class, char_codes, char_table
from ._index import (
    CHUNK_CHARS,
    SENTENCE_COLUMNS,
    TextIndex,
    index_chunk,
    index_texts,
    nfc_texts,
    sentence_numbers,
    span_strings,
    warm_tables,
)
from ._languages import (
    FILLER,
    folded_regex,
    language_forms,
    language_rules,
    stem_segment,
    stem_word,
)
from ._normal import collapse, normal_codes, normal_codes_both, normal_codes_pair, normal_form
from ._regex import match_at, trie_pattern, word_cue_starts
from ._sentences import sentence_spans, split_sentences
from ._tokens import whitespace_tokens

__all__ = [
    "BMP",
    "CHUNK_CHARS",
    "FILLER",
    "SENTENCE_COLUMNS",
    "TextIndex",
    "char_class",
    "char_codes",
    "char_table",
    "collapse",
    "folded_regex",
    "index_chunk",
    "index_texts",
    "language_forms",
    "language_rules",
    "match_at",
    "nfc_texts",
    "normal_codes",
    "normal_codes_both",
    "normal_codes_pair",
    "normal_form",
    "sentence_numbers",
    "sentence_spans",
    "span_strings",
    "split_sentences",
    "stem_segment",
    "stem_word",
    "trie_pattern",
    "warm_tables",
    "whitespace_tokens",
    "word_cue_starts",
]
