"""Lexicons stage: load term lexicons (YAML) and find their terms in texts, fast.

Input: lexicon files (bundled under ``slant/data/lexicons/`` or any path) and a
:class:`slant.text.TextIndex`. Output: a ``Lexicon`` (its ``entries`` table) and match tables
(``MATCH_COLUMNS``). Format: README, "Lexicons".

Matching runs one Aho-Corasick automaton (pyahocorasick, in C) over the normal form of all
texts at once (:mod:`slant.text`), never one regular expression per term; the longest match
wins where matches overlap, and a match never crosses a sentence boundary (in
:mod:`slant.lexicons._matching`; :mod:`slant.lexicons` exports both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd
import yaml

from ..text import collapse, language_forms, normal_form

__all__ = [
    "BATCH_CHARS",
    "ENTRY_COLUMNS",
    "MATCH_COLUMNS",
    "NEGATIVE_STANCES",
    "POSITIVE_STANCES",
    "REFERENT_CATEGORIES",
    "STANCES",
    "Lexicon",
    "LexiconError",
    "bundled_lexicons",
    "load_lexicon",
    "load_lexicons",
    "pattern_forms",
    "read_marked_yaml",
]

#: How a label positions its referent. "Loaded" means any stance but neutral.
STANCES = ("delegitimising", "pejorative", "legitimising", "euphemistic", "neutral", "distancing",
           "intensifying")
#: Stances counted on each side of the net score (GDELT-style tone: negative minus positive).
NEGATIVE_STANCES = ("delegitimising", "pejorative")
POSITIVE_STANCES = ("legitimising",)
#: What a referent is.
REFERENT_CATEGORIES = ("actor", "act", "victims", "place", "other")

#: One row per label (or uncategorised term) of a lexicon.
#: ``language``: the ISO 639-1 code of the file the label comes from (codes joined by "," for a
#: file written for several); ``gloss``: a short English gloss (an English label's own text).
ENTRY_COLUMNS = ["entry", "lexicon", "referent", "category", "label", "stance", "case", "note",
                 "source", "file", "line", "language", "gloss"]
#: One row per match: article position, character span, entry.
MATCH_COLUMNS = ["doc", "start", "end", "entry"]

_LEX_KEYS = {"name", "language", "description", "referents", "categories"}
_REF_KEYS = {"id", "name", "category", "description", "labels"}
_CAT_KEYS = {"id", "name", "description", "terms"}
_LABEL_KEYS = {"label", "gloss", "stance", "patterns", "exclude", "case", "note", "source", "inflect"}
#: Keys of a language file (``NAME.<code>.yml``) and of its referents and categories: the rest
#: (a referent's name, category, description) comes from the base file.
_LANG_FILE_KEYS = {"name", "language", "description", "referents", "categories"}
_LANG_REF_KEYS = {"id", "labels"}
_LANG_CAT_KEYS = {"id", "terms"}
#: Languages without letter case: ``case: exact`` means nothing there.
_CASELESS = ("ar", "fa")
#: A language file's name: the base lexicon's name, a dot, an ISO 639-1 code (``syria-2017.ar.yml``).
_LANGUAGE_FILE = re.compile(r"(?P<base>.+)\.(?P<code>[a-z]{2,3})\.yml")
#: Characters of text handled per automaton pass (bounds memory; ~300 MB of arrays at most).
BATCH_CHARS = 8_000_000


class LexiconError(ValueError):
    """A lexicon file is wrong; the message names the file, the line and the fix."""


@dataclass
class Lexicon:
    """Compiled lexicons: the entries table and the automata that find them."""

    entries: pd.DataFrame
    patterns: pd.DataFrame  # pattern, entry (negative: -1 - entry for an exclude), prefix, exact
    #: ISO 639-1 codes of the texts the lexicons are written for (``language:`` of each file);
    #: an article in any other language is not scored (STYLE §4). slant's own word lists are English.
    languages: tuple[str, ...] = ("en",)

    @property
    def names(self) -> list[str]:
        return sorted(self.entries["lexicon"].unique())

    def __post_init__(self):
        self._automata = None

    def entry_languages(self) -> np.ndarray:
        """Bool matrix (entry, position in :attr:`languages`): may the entry match a text in
        that language? (Its file's language or languages.)"""
        cached = self.__dict__.get("_entry_languages")
        if cached is None and "language" not in self.entries:  # built elsewhere: any language
            cached = np.ones((len(self.entries), len(self.languages)), dtype=bool)
        if cached is None:
            codes = self.entries["language"].fillna("en").astype(str).str.split(",")
            cached = np.array([[lang in c for lang in self.languages] for c in codes],
                              dtype=bool).reshape(len(codes), len(self.languages))
            self.__dict__["_entry_languages"] = cached
        return cached

    def for_languages(self, languages) -> Lexicon:
        """The lexicon with only the patterns of entries that may match a text in one of
        ``languages`` (same entries, same ``languages``, so entry numbers and
        :meth:`entry_languages` keep their meaning). Matching builds its automaton from this,
        so an English corpus does not pay for the 200,000 keys the Arabic clitics and endings
        add; cached per set of languages."""
        wanted = [k for k, lang in enumerate(self.languages) if lang in set(languages)]
        if len(wanted) == len(self.languages):
            return self
        cache = self.__dict__.setdefault("_by_languages", {})
        key = tuple(wanted)
        if key not in cache:
            entry = self.patterns["entry"].to_numpy(dtype=np.int64)
            entry = np.where(entry < 0, -1 - entry, entry)  # an exclude row: -1 - its entry
            keep = self.entry_languages()[:, wanted].any(axis=1)[entry] if len(entry) else np.zeros(0, bool)
            part = Lexicon(entries=self.entries, patterns=self.patterns[keep].reset_index(drop=True),
                           languages=self.languages)
            part.__dict__["_entry_languages"] = self.entry_languages()
            cache[key] = part
        return cache[key]

    def automata(self):
        """(case-insensitive, exact-case) automata with their key tables, built once."""
        if self._automata is None:
            self._automata = tuple(_build(self.patterns[self.patterns["exact"] == exact])
                                   for exact in (False, True))
        return self._automata


def _build(patterns: pd.DataFrame):
    """An automaton whose value for each key is its row in a table (entry, key length,
    prefix): plain ints come out of the automaton without a Python tuple per match."""
    if patterns.empty:
        return None
    auto = ahocorasick.Automaton()
    table = []
    for row in patterns.itertuples(index=False):
        key = " " + row.pattern + ("" if row.prefix else " ")
        auto.add_word(key, len(table))
        table.append((int(row.entry), len(key), int(bool(row.prefix))))
    auto.make_automaton()
    return auto, np.array(table, dtype=np.int64).reshape(-1, 3)


def bundled_lexicons() -> list[str]:
    """Names of the lexicons shipped with slant (a language file comes with its base lexicon)."""
    folder = resources.files("slant") / "data" / "lexicons"
    names = {p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml")}
    return sorted(n for n in names if not _is_language_file(n + ".yml", names))


def _is_language_file(filename: str, bases) -> bool:
    """Is ``filename`` (``NAME.<code>.yml``) a language file of a lexicon among ``bases``?"""
    m = _LANGUAGE_FILE.fullmatch(filename)
    return bool(m) and m["base"] in bases


def language_files(base: Path) -> list[Path]:
    """The language files beside a lexicon file: ``NAME.<code>.yml`` for ``NAME.yml``, sorted."""
    if base.suffix != ".yml":
        return []
    return sorted(p for p in base.parent.glob(f"{base.stem}.*.yml")
                  if _LANGUAGE_FILE.fullmatch(p.name) and _LANGUAGE_FILE.fullmatch(p.name)["base"] == base.stem)


def _resolve(name_or_path: str | Path, base: Path | None) -> Path:
    text = str(name_or_path)
    if text in bundled_lexicons():
        with resources.as_file(resources.files("slant") / "data" / "lexicons" / f"{text}.yml") as p:
            return Path(p)
    path = Path(text)
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        raise LexiconError(
            f"{path}: lexicon not found; name a bundled one ({', '.join(bundled_lexicons())}) "
            "or give the path of a YAML file"
        )
    m = _LANGUAGE_FILE.fullmatch(path.name)
    if m and (path.parent / f"{m['base']}.yml").is_file():
        raise LexiconError(f"{path}:1: this is the {m['code']!r} language file of "
                           f"{path.parent / (m['base'] + '.yml')}; load that lexicon instead "
                           "(its language files come with it)")
    return path


def _marks(node, path=()):
    """Map YAML paths (tuples of keys and indices) to 1-based line numbers."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_marks(value, path + (key.value,)))
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_marks(item, path + (i,)))
    return lines


def read_marked_yaml(file: Path, error: type[ValueError]):
    """The YAML of file and the line of every key path in it; bad YAML raises error with its line.

    Shared by the term lexicons and the framing lists (sources, mentions), whose errors differ.
    """
    text = file.read_text(encoding="utf-8")
    # libyaml's parser when PyYAML has it (~10x faster: the bundled lexicons took ~0.4 s in pure
    # Python, at every command); any error is read again by the pure-Python parser, whose
    # messages the load errors quote
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            data = yaml.load(text, Loader=fast)
            return data, (_marks(yaml.compose(text, Loader=fast)) if data is not None else {})
        except yaml.YAMLError:
            pass
    try:
        data = yaml.safe_load(text)
        lines = _marks(yaml.compose(text)) if data is not None else {}
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise error(f"{file}:{line}: not valid YAML ({exc.problem}); fix the syntax") from None
    return data, lines


def _parse(file: Path) -> tuple[dict, dict]:
    data, lines = read_marked_yaml(file, LexiconError)
    if not isinstance(data, dict):
        raise LexiconError(f"{file}:1: a lexicon is a mapping with name:, referents: and categories:")
    return data, lines


def _check_keys(obj, allowed, file, line, what):
    if not isinstance(obj, dict):
        raise LexiconError(f"{file}:{line}: each {what} is a mapping of keys")
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise LexiconError(f"{file}:{line}: unknown key {unknown[0]!r} in a {what}; allowed: {', '.join(sorted(allowed))}")


#: The language of a lexicon file with no ``language:`` key: slant's lexicons were English
#: before they declared a language.
DEFAULT_LANGUAGE = "en"
_CODE = re.compile(r"[a-z]{2,3}")


def _languages_of(data: dict, file: Path, lines: dict) -> list[str]:
    """The ``language:`` of a lexicon file: one ISO 639-1 code or a list of them."""
    value = data.get("language", DEFAULT_LANGUAGE)
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and _CODE.fullmatch(v) for v in values):
        raise LexiconError(f"{file}:{lines.get(('language',), 1)}: language {value!r} is not an ISO 639-1 "
                           "code or a list of them; write e.g. 'language: en' or 'language: [ar, fa]'")
    return values


def _entries_of(file: Path, base: dict | None = None) -> tuple[list[dict], list[str], dict]:
    """The entries of one lexicon file, its languages, and what a language file of it needs
    (its name and the category of each referent and category id). ``base``: that of the
    base file, when ``file`` is one of its language files (``NAME.<code>.yml``)."""
    data, lines = _parse(file)
    _check_keys(data, _LEX_KEYS if base is None else _LANG_FILE_KEYS, file, 1, "lexicon")
    languages = _languages_of(data, file, lines)
    name = str(data.get("name") or file.stem)
    if base is not None:
        _check_language_file(data, lines, file, base, languages)
    rows = []
    ids: dict[str, dict[str, str]] = {"referents": {}, "categories": {}}
    groups = [("referents", "labels", _REF_KEYS if base is None else _LANG_REF_KEYS),
              ("categories", "terms", _CAT_KEYS if base is None else _LANG_CAT_KEYS)]
    language = ",".join(languages)
    for group, items_key, keys in groups:
        for i, group_item in enumerate(data.get(group) or []):
            line = lines.get((group, i), 1)
            _check_keys(group_item, keys, file, line, group[:-1])
            gid = group_item.get("id")
            if not gid:
                raise LexiconError(f"{file}:{line}: this {group[:-1]} has no id; add 'id: some-name'")
            if base is not None:
                if gid not in base["ids"][group]:
                    known = ", ".join(sorted(base["ids"][group])) or "none"
                    raise LexiconError(f"{file}:{lines.get((group, i, 'id'), line)}: {group[:-1]} id {gid!r} "
                                       f"is not in the base lexicon {base['file']}; use one of its ids "
                                       f"({known}) or add the {group[:-1]} there first")
                category = base["ids"][group][gid]
            else:
                category = group_item.get("category", "other") if group == "referents" else gid
            if group == "referents" and category not in REFERENT_CATEGORIES:
                raise LexiconError(f"{file}:{lines.get((group, i, 'category'), line)}: category {category!r} "
                                   f"is not one of {', '.join(REFERENT_CATEGORIES)}")
            ids[group][gid] = category
            for j, item in enumerate(group_item.get(items_key) or []):
                where = lines.get((group, i, items_key, j), line)
                rows.append(_entry(item, file, where, lines, (group, i, items_key, j), lexicon=name,
                                   referent=gid if group == "referents" else "", category=category,
                                   language=language, needs_gloss=base is not None))
    return rows, languages, {"name": name, "ids": ids, "file": file}


def _check_language_file(data: dict, lines: dict, file: Path, base: dict, languages: list[str]) -> None:
    """A language file names its base lexicon and declares the one language its file name says."""
    code = _LANGUAGE_FILE.fullmatch(file.name)["code"]
    if "language" not in data:
        raise LexiconError(f"{file}:1: a language file declares its language; add 'language: {code}'")
    if languages != [code]:
        raise LexiconError(f"{file}:{lines.get(('language',), 1)}: language {data['language']!r} differs "
                           f"from the file name's {code!r}; write 'language: {code}' or rename the file")
    if str(data.get("name") or "") != base["name"]:
        raise LexiconError(f"{file}:{lines.get(('name',), 1)}: name {data.get('name')!r} differs from the "
                           f"base lexicon's {base['name']!r} ({base['file']}); write 'name: {base['name']}'")


def _entry(item, file, line, lines, path, *, needs_gloss=False, **fixed) -> dict:
    _check_keys(item, _LABEL_KEYS, file, line, "label")
    label = item.get("label")
    if not label:
        raise LexiconError(f"{file}:{line}: a label has no 'label:'; write the term as it reads")
    gloss = item.get("gloss")
    if needs_gloss and not (isinstance(gloss, str) and gloss.strip()):
        raise LexiconError(f"{file}:{line}: label {label!r} has no gloss; add 'gloss: <short English "
                           "gloss>' (required in a language file)")
    if item.get("case") == "exact" and set(fixed["language"].split(",")) & set(_CASELESS):
        raise LexiconError(f"{file}:{lines.get(path + ('case',), line)}: 'case: exact' of {label!r} means "
                           f"nothing in {fixed['language']} (no letter case); drop it")
    stance = item.get("stance")
    if stance not in STANCES:
        raise LexiconError(f"{file}:{lines.get(path + ('stance',), line)}: stance {stance!r} of "
                           f"{label!r} is not one of {', '.join(STANCES)}")
    case = item.get("case", "any")
    if case not in ("any", "exact"):
        raise LexiconError(f"{file}:{line}: case of {label!r} must be 'any' or 'exact'")
    lists = {}
    for key, default in (("patterns", [label]), ("exclude", [])):
        values = item.get(key) or default
        if not isinstance(values, list) or not all(isinstance(p, str) and p.strip() for p in values):
            raise LexiconError(f"{file}:{line}: {key} of {label!r} must be a list of non-empty strings")
        lists[key] = values
    return {**fixed, "label": str(label), "gloss": str(gloss or label), "stance": stance, "case": case,
            "note": str(item.get("note") or ""), "source": str(item.get("source") or ""),
            "file": str(file), "line": line, "_patterns": lists["patterns"],
            "_exclude": lists["exclude"], "_inflect": bool(item.get("inflect", True))}


def pattern_forms(pattern: str, *, exact: bool, inflect: bool,
                  language: str = "en") -> tuple[list[str], bool]:
    """The automaton forms of one pattern (normal form) and whether it is a prefix (``*``).

    English adds plurals and possessive-stripped forms; other languages take the forms of
    :func:`slant.text.language_forms` (stems, clitics and endings; ``slant/data/languages.yml``).
    ``language`` may list several codes joined by ",": the forms of each."""
    prefix = pattern.rstrip().endswith("*")
    core = pattern.rstrip().rstrip("*")
    normal = collapse(normal_form(core, lower=not exact))[0].strip()
    if not normal:
        raise ValueError("nothing left to match once punctuation is ignored")
    forms = []
    for code in language.split(","):
        if code == "en":
            forms += [normal] if prefix or exact or not inflect else _inflections(normal)
        elif exact:  # stem the lower case, keep the letters' case where the stem keeps them
            lowered = language_forms(normal.lower(), code, prefix=prefix, inflect=inflect)
            forms += [_recase(form, normal) for form in lowered]
        else:
            forms += language_forms(normal, code, prefix=prefix, inflect=inflect)
    return list(dict.fromkeys(forms)), prefix


def _recase(form: str, cased: str) -> str:
    """``form`` (a stemmed lower-case pattern) with the case of ``cased`` word by word."""
    words = [
        "".join(c if c.lower() == f else f for f, c in zip(fw, cw)) + fw[len(cw):]
        for fw, cw in zip(form.split(" "), cased.split(" "))]
    return " ".join(words)


def _inflections(normal: str) -> list[str]:
    """The pattern, its plural, and forms with a stripped possessive ("assads regime").

    FA-KES strips apostrophes, so "Assad's regime" reads "Assads regime" there.
    """
    words = normal.split(" ")
    last = words[-1]
    endings = ["s", "es"] if re.search(r"(s|x|z|ch|sh)$", last) else ["s"]
    forms = [normal] + [" ".join(words[:-1] + [last + e]) for e in endings]
    forms += [" ".join(words[:i] + [w + "s"] + words[i + 1:]) for i, w in enumerate(words[:-1])]
    return list(dict.fromkeys(forms))


def load_lexicons(names, *, base: str | Path | None = None) -> Lexicon:
    """Load and combine lexicons by bundled name or path.

    Parameters
    ----------
    names : str or list of str
        Bundled names (``syria-2017``, ``news-generic``) or YAML paths.
    base : path, optional
        Folder that relative paths are read from (a corpus folder).

    Raises
    ------
    LexiconError
        Bad YAML, an unknown key, stance or language code, or one pattern under two labels (in one file or
        across files); the message names the file and line.
    """
    names = [names] if isinstance(names, (str, Path)) else list(names)
    from ._cache import cache_key, read_cached, write_cached

    files = [_resolve(name, Path(base) if base else None) for name in names]
    key = cache_key([f for file in files for f in (file, *language_files(file))], [str(n) for n in names])
    cached = read_cached(key)
    if isinstance(cached, Lexicon):
        return cached
    lexicon = _compile(names, files)
    write_cached(key, lexicon)
    return lexicon


def _compile(names, files) -> Lexicon:
    """The combined lexicon of the resolved files (what :func:`load_lexicons` returns)."""
    rows, languages = [], set()
    for name, file in zip(names, files):
        found, langs, base_ids = _entries_of(file)
        rows.extend(found)
        languages.update(langs)
        for extra in language_files(file):
            found, langs, _ = _entries_of(extra, base_ids)
            rows.extend(found)
            languages.update(langs)
    seen: dict[tuple[str, bool, str], tuple[int, bool]] = {}
    pattern_rows: dict[tuple[str, bool, str], dict] = {}
    for entry, row in enumerate(rows):
        exact = row["case"] == "exact"
        for raw in row["_patterns"]:
            try:
                forms, prefix = pattern_forms(raw, exact=exact, inflect=row["_inflect"],
                                              language=row["language"])
            except ValueError as exc:
                raise LexiconError(f"{row['file']}:{row['line']}: pattern {raw!r}: {exc}") from None
            for k, form in enumerate(forms):
                generated = k > 0
                # one key per language: a French stem may read like an English word ("rebel")
                key = (form + ("*" if prefix else ""), exact, row["language"])
                if key in seen:
                    other, other_generated = seen[key]
                    if other == entry:
                        continue
                    if generated:
                        continue  # an explicit pattern elsewhere wins over a plural made here
                    if not other_generated:
                        o = rows[other]
                        raise LexiconError(
                            f"{row['file']}:{row['line']}: {raw!r} ({row['label']}, {row['referent'] or row['category']}) "
                            f"matches the same words as {o['label']!r} ({o['referent'] or o['category']}) at "
                            f"{o['file']}:{o['line']}; keep one label per term")
                    del pattern_rows[key]
                seen[key] = (entry, generated)
                pattern_rows[key] = {"pattern": form, "entry": entry, "prefix": prefix, "exact": exact}
    excluded: set[tuple[str, bool, str]] = set()
    for entry, row in enumerate(rows):
        for raw in row["_exclude"]:
            exact = row["case"] == "exact"
            forms, prefix = pattern_forms(raw, exact=exact, inflect=row["_inflect"], language=row["language"])
            for k, form in enumerate(forms):
                key = (form + ("*" if prefix else ""), exact, row["language"])
                if key in excluded:
                    continue
                if key in seen:
                    # the automaton keeps one value per key: an exclude equal to a term would
                    # silently delete that label
                    other, other_generated = seen[key]
                    if k > 0 or other_generated:
                        continue  # a generated form collides: the term keeps it
                    o = rows[other]
                    raise LexiconError(
                        f"{row['file']}:{row['line']}: exclude {raw!r} of {row['label']!r} is also a term "
                        f"of {o['label']!r} at {o['file']}:{o['line']}; a phrase is either a term or an "
                        "exclusion: drop one")
                excluded.add(key)
                pattern_rows[key + ("exclude",)] = {"pattern": form, "entry": -1 - entry, "prefix": prefix,
                                                    "exact": exact}
    entries = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
    entries.insert(0, "entry", np.arange(len(entries), dtype=np.int64))
    entries = entries.reindex(columns=ENTRY_COLUMNS)
    patterns = pd.DataFrame(list(pattern_rows.values()), columns=["pattern", "entry", "prefix", "exact"])
    return Lexicon(entries=entries, patterns=patterns, languages=tuple(sorted(languages)))


def load_lexicon(name_or_path: str | Path, *, base: str | Path | None = None) -> Lexicon:
    """Load one lexicon (see :func:`load_lexicons`)."""
    return load_lexicons([name_or_path], base=base)

