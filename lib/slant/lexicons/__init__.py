"""Stage 3, lexicons: the YAML model of loaded terms and one-pass matching.

In: bundled or user YAML lexicons (:func:`load_lexicons`) and a :class:`slant.text.TextIndex`.
Out: a :class:`Lexicon` (entries table ``ENTRY_COLUMNS``) and the match table
(``MATCH_COLUMNS``: article, span, entry) from one Aho-Corasick pass (:func:`match_lexicon`).

Other stages may use the names in ``__all__``. A new lexicon is a YAML file in
``lib/slant/data/lexicons/`` (every judgement with its source); see the README.
"""


from ._display import ENGLISH, display_label, language_name
from ._matching import (
    match_batch,
    match_lexicon,
    resolve_local,
    scan_plan,
    submit_matches,
)
from ._model import (
    BATCH_CHARS,
    ENTRY_COLUMNS,
    MATCH_COLUMNS,
    NEGATIVE_STANCES,
    POSITIVE_STANCES,
    REFERENT_CATEGORIES,
    STANCES,
    Lexicon,
    LexiconError,
    bundled_lexicons,
    load_lexicon,
    load_lexicons,
    pattern_forms,
    read_marked_yaml,
)

__all__ = [
    "BATCH_CHARS",
    "ENGLISH",
    "ENTRY_COLUMNS",
    "MATCH_COLUMNS",
    "NEGATIVE_STANCES",
    "POSITIVE_STANCES",
    "REFERENT_CATEGORIES",
    "STANCES",
    "Lexicon",
    "LexiconError",
    "bundled_lexicons",
    "display_label",
    "language_name",
    "load_lexicon",
    "load_lexicons",
    "match_batch",
    "match_lexicon",
    "pattern_forms",
    "read_marked_yaml",
    "resolve_local",
    "scan_plan",
    "submit_matches",
]
