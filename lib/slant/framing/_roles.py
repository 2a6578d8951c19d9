"""Framing stage, roles: who each outlet casts as hero, villain or victim.

Input: the corpus's ``articles`` and the actor spans in them (the lexicon hits of
:func:`slant.scoring.find_hits` whose category is ``actor``, or any table with ``id``,
``start``, ``end``, ``referent``), and the clause patterns of ``slant/data/roles.yml``
(:func:`load_role_patterns`). Output: one row per role of an actor mention
(:data:`ROLE_COLUMNS`, :func:`find_roles`) and the share of each role per outlet or camp and
actor, with counts (:data:`ROLE_SHARE_COLUMNS`, :func:`role_shares`).

Roles follow Frermann et al. (2023): a villain causes harm, a victim suffers it, a hero rescues
or protects. They are read from clause structure, not co-occurrence, with patterns over the
actor spans and verb classes (no parser): active "X killed Y" (X villain, Y victim); passive
"Y were killed by X" and reduced "Y killed in strikes by X" (the same); "X liberated Y from Z"
(X hero, Y victim, Z villain); nouns "strikes by X", "the attack on Y", "X airstrikes";
"victims of X". A negated verb ("did not kill", "denied killing") gives no role. The voice of a
role is that of its verb: ``quoted`` inside a quotation or reported speech, else ``own``.

Limits: the subject is the nearest actor before the verb in its clause, so a fronted phrase
("In the attack on X, Y said ...") or a long apposition can mislead it; adjacent actor spans
("ISIS militants") are one phrase whose role goes to its first referent; English only.

References
----------
Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts, Villains,
Resolutions: Towards models of Narrative Media Framing. ACL 2023, 8712-8732.
Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. Journal of
Communication 43(4), 51-58.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..lexicons import read_marked_yaml
from ..text import index_texts
from ..voice import find_quotes
from ._errors import FramingError

__all__ = ["ROLES", "ROLE_COLUMNS", "ROLE_SHARE_COLUMNS", "RolePatterns", "RolesError",
           "find_roles", "load_role_patterns", "role_shares"]

#: The roles of Frermann et al. (2023).
ROLES = ("hero", "villain", "victim")
#: One row per role of an actor mention: the article, the sentence number, the actor span,
#: the role, the verb's voice, the pattern that fired and the words from the first span to the
#: last (``evidence``), the verb (``trigger``) and its class.
ROLE_COLUMNS = ["id", "outlet", "camp", "sentence", "start", "end", "matched", "referent", "role",
                "voice", "pattern", "trigger", "verb_class", "evidence"]
#: One row per group, actor, voice and role.
ROLE_SHARE_COLUMNS = ["group", "referent", "voice", "role", "n", "mentions", "share"]
#: How far (in words) the subject may stand before its verb, and an object after it.
SUBJECT_WINDOW = 8
OBJECT_WINDOW = 6
#: Words before a verb searched for an auxiliary (passive) or a negation.
AUX_WINDOW = 3
NEGATION_WINDOW = 4
#: Words between "by"/"from" and the actor it introduces ("by the Syrian army"), and between the
#: verb and that "by" ("killed in strikes by").
BY_GAP = 3
BY_WINDOW = 8
#: Stances of a lexicon label that present its referent as illegitimate ("terrorists"): the
#: patient of a harm verb named so in the outlet's own voice is cast as the villain and the
#: agent as the hero ("the army killed 30 terrorists"), not the reverse.
DEMONISED_STANCES = frozenset({"delegitimising"})
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|n['’]t|[;:]")
_POSSESSIVE = re.compile(r"^(?:['’]s?)?\s*$")


class RolesError(FramingError):
    """The roles file is wrong, or the input lacks a column; the message names the fix."""


@dataclass(frozen=True)
class RolePatterns:
    """Loaded clause patterns: word -> (class, form) for verbs (form ``participle`` or
    ``finite``) and nouns, the role each class gives, and the word sets of ``roles.yml``."""

    verbs: dict
    nouns: dict
    class_roles: dict
    victim_nouns: frozenset
    auxiliaries: frozenset
    negations: frozenset
    denials: frozenset
    oblique: frozenset
    clause_breaks: frozenset
    determiners: frozenset
    extra_actors: dict
    file: str


def load_role_patterns(name_or_path: str | Path = "roles") -> RolePatterns:
    """Load the clause patterns: the bundled ``"roles"`` or a YAML path in its format.

    Raises
    ------
    RolesError
        A missing key, a verb not given as five forms, a class role not in :data:`ROLES`, a word
        in two classes; the message names the file and line.
    """
    if str(name_or_path) == "roles":
        with resources.as_file(resources.files("slant") / "data" / "roles.yml") as p:
            file = Path(p)
    else:
        file = Path(name_or_path)
        if not file.is_file():
            raise RolesError(f"{file}: not found; give 'roles' or the path of a YAML file in "
                             "the format of slant/data/roles.yml")
    data, lines = read_marked_yaml(file, RolesError)
    keys = ("classes", "victim_nouns", "auxiliaries", "negations", "denials", "oblique",
            "clause_breaks", "determiners")
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            raise RolesError(f"{file}:1: no '{key}:'; add it as in slant/data/roles.yml")
    verbs, nouns, class_roles = {}, {}, {}
    for name, spec in data["classes"].items():
        line = lines.get(("classes", name), 1)
        roles = {k: spec.get(k) for k in ("agent", "patient", "source") if spec.get(k)}
        bad = sorted(set(roles.values()) - set(ROLES))
        if bad or "agent" not in roles:
            raise RolesError(f"{file}:{line}: class '{name}' needs 'agent:' and roles among "
                             f"{', '.join(ROLES)} (got {bad or 'no agent'})")
        class_roles[name] = roles
        for i, forms in enumerate(spec.get("verbs", [])):
            if not (isinstance(forms, list) and len(forms) == 5):
                raise RolesError(f"{file}:{lines.get(('classes', name, 'verbs', i), line)}: "
                                 f"give a verb as [base, -s, past, participle, -ing], got {forms}")
            for j, form in enumerate(forms):
                kind = "participle" if j == 3 or (j == 2 and form == forms[3]) else "finite"
                _add(verbs, str(form).lower(), (name, kind), file, line)
        for noun in spec.get("nouns", []):
            _add(nouns, str(noun).lower(), (name, "noun"), file, line)

    def words(key):
        return frozenset(str(w).lower() for w in data[key])

    extra = {ref: [str(p) for p in pats] for ref, pats in (data.get("extra_actors") or {}).items()}
    return RolePatterns(verbs=verbs, nouns=nouns, class_roles=class_roles,
                        victim_nouns=words("victim_nouns"), auxiliaries=words("auxiliaries"),
                        negations=words("negations"), denials=words("denials"),
                        oblique=words("oblique"),
                        clause_breaks=words("clause_breaks"), determiners=words("determiners"),
                        extra_actors=extra, file=str(file))


def _add(table, word, value, file, line):
    if word in table and table[word][0] != value[0]:
        raise RolesError(f"{file}:{line}: '{word}' is in classes {table[word][0]} and {value[0]}; "
                         "keep it in one")
    table.setdefault(word, value)


def find_roles(articles: pd.DataFrame, spans: pd.DataFrame, *,
               patterns: RolePatterns | None = None, categories=("actor",)) -> pd.DataFrame:
    """The role of every actor mention a clause pattern gives one, one row per role.

    Parameters
    ----------
    articles : DataFrame
        ``id``, ``outlet``, ``camp`` (optional), ``text``; only articles in English (or without a
        ``language`` column) are read.
    spans : DataFrame
        Actor spans: ``id``, ``start``, ``end``, ``referent`` and, optionally, ``category`` (rows
        of another category than ``categories`` are dropped): the hits of
        :func:`slant.scoring.find_hits`.
    patterns : RolePatterns, optional
        From :func:`load_role_patterns` (the bundled ``roles.yml`` by default); its
        ``extra_actors`` (civilians) are added as spans where no given span overlaps them.
    categories : tuple of str
        Span categories that are actors.

    Returns
    -------
    DataFrame
        :data:`ROLE_COLUMNS`, sorted by article order, offset and role.

    Raises
    ------
    RolesError
        A column missing from ``articles`` or ``spans``.

    References
    ----------
    Frermann et al. (2023), ACL, "Conflicts, Villains, Resolutions" (the roles); Entman (1993).
    """
    patterns = patterns or load_role_patterns()
    for table, name, cols in ((articles, "articles", ("id", "outlet", "text")),
                              (spans, "spans", ("id", "start", "end", "referent"))):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise RolesError(f"{name}: no column {missing}; pass the articles of load_corpus and "
                             "the hits of slant.scoring.find_hits")
    if "category" in spans.columns:
        spans = spans[spans["category"].astype(str).isin(categories)]
    english = articles
    if "language" in articles.columns:
        english = articles[articles["language"].fillna("en").astype(str).isin(["en", ""])]
    english = english.reset_index(drop=True)
    index = index_texts(english)
    # every column to plain lists once: per-article pandas indexing dominated (x50: quadratic)
    span_ids = spans["id"].astype(str).to_numpy()
    demonised_rows = (spans["stance"].astype(str).isin(DEMONISED_STANCES).to_numpy()
                      & (spans["voice"].astype(str).to_numpy() == "own" if "voice" in spans else True)
                      if "stance" in spans else np.zeros(len(spans), dtype=bool))
    span_rows = list(zip(spans["start"].astype(int).tolist(), spans["end"].astype(int).tolist(),
                         spans["referent"].astype(str).tolist(), demonised_rows.tolist()))
    by_id = pd.Series(np.arange(len(spans))).groupby(span_ids, sort=False).indices if len(spans) else {}
    sentences = index.sentences
    cut = np.searchsorted(sentences["doc"].to_numpy(), np.arange(len(english) + 1))
    numbers, starts, ends = (sentences[c].tolist() for c in ("sentence", "start", "end"))
    camps = english["camp"].tolist() if "camp" in english.columns else [""] * len(english)
    extra = _extra_regex(patterns)
    rows = []
    for doc, (aid, outlet, text) in enumerate(zip(english["id"].astype(str), english["outlet"],
                                                  index.texts)):
        camp = camps[doc]
        bounds = list(zip(starts[cut[doc]:cut[doc + 1]], ends[cut[doc]:cut[doc + 1]]))
        quotes = [q for q in find_quotes(text, bounds)
                  if not (q.kind in ("scare", "title") and not q.speaker)]
        mine = [span_rows[k] for k in by_id.get(aid, ())]
        given = [(a, b, r) for a, b, r, _ in mine]
        demonised = {(a, b) for a, b, _, d in mine if d}
        for number, (s0, s1) in zip(numbers[cut[doc]:cut[doc + 1]], bounds):
            inside = [s for s in given if s0 <= s[0] and s[1] <= s1]
            if extra is not None:
                for m in extra.finditer(text, s0, s1):
                    if not any(m.start() < e and s < m.end() for s, e, _ in inside):
                        inside.append((m.start(), m.end(), m.lastgroup))
            if not inside:
                continue
            for start, end, referent, role, pattern, trig, cls, (e0, e1) in _sentence_roles(
                    text, s0, s1, sorted(inside), patterns, demonised):
                voice = "quoted" if any(q.start <= trig[0] < q.end for q in quotes) else "own"
                rows.append((aid, outlet, camp, number, start, end, text[start:end], referent,
                             role, voice, pattern, text[trig[0]:trig[1]], cls,
                             " ".join(text[e0:e1].split())))
    roles = pd.DataFrame(rows, columns=ROLE_COLUMNS)
    roles = roles.drop_duplicates(["id", "start", "end", "referent", "role", "voice"])
    order = {a: i for i, a in enumerate(english["id"].astype(str))}
    return (roles.assign(_o=roles["id"].map(order)).sort_values(["_o", "start", "role"])
            .drop(columns="_o").reset_index(drop=True))


def _extra_regex(patterns):
    if not patterns.extra_actors:
        return None
    groups = []
    for ref, pats in patterns.extra_actors.items():
        words = "|".join(map(re.escape, pats))
        groups.append(f"(?P<{re.sub(r'[^A-Za-z0-9_]', '_', ref)}>\\b(?:{words})\\b)")
    return re.compile("|".join(groups), re.IGNORECASE)


def _phrases(tokens, spans, text):
    """Actor phrases as [first token, end token, [(start, end, referent), ...], head span]:
    overlapping spans share a phrase (all their referents take its role); a span that follows
    another with only a space or a possessive between is a modifier, not a second actor."""
    phrases = []
    for start, end, ref in spans:
        t0 = next((i for i, t in enumerate(tokens) if t[2] > start), None)
        t1 = next((i for i, t in enumerate(tokens) if t[1] >= end), len(tokens))
        if t0 is None or t0 >= t1:
            continue
        last = phrases[-1] if phrases else None
        if last and start < last[3][1]:
            last[2].append((start, end, ref))
            last[1] = max(last[1], t1)
        elif last and _POSSESSIVE.match(text[last[3][1]:start].replace("-", " ")):
            last[1] = max(last[1], t1)
        else:
            phrases.append([t0, t1, [(start, end, ref)], (start, end)])
    return phrases


def _sentence_roles(text, s0, s1, spans, p: RolePatterns, demonised=frozenset()):
    """Yield (start, end, referent, role, pattern, trigger span, class, evidence span).
    ``demonised``: (start, end) of own-voice delegitimising labels (:data:`DEMONISED_STANCES`)."""
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text, s0, s1)]
    words = [t[0] for t in tokens]
    phrases = _phrases(tokens, spans, text)
    if not phrases:
        return
    breaks = [i for i, w in enumerate(words) if w in p.clause_breaks]

    def crosses(a, b):
        return any(a <= k < b for k in breaks)

    def oblique(ph):  # "backed by X", "the siege of X": X is no subject
        k = ph[0] - 1
        if k >= 0 and words[k] in p.determiners:
            k -= 1
        return k >= 0 and words[k] in p.oblique

    def after(i, lead, window=BY_WINDOW):  # the actor after "by"/"from" near token i
        for ph in phrases:
            if i < ph[0] <= i + window and not crosses(i, ph[0]):
                gap = words[max(i + 1, ph[0] - BY_GAP - 1):ph[0]]
                if lead in gap:
                    return ph
        return None

    def before(i):  # the nearest actor before token i in its clause
        for ph in reversed(phrases):
            if ph[1] <= i and i - ph[1] <= SUBJECT_WINDOW and not crosses(ph[1], i) \
                    and not oblique(ph):
                return ph
        return None

    def obj(i):  # the first actor after token i, unless a preposition introduces it
        for ph in phrases:
            if i < ph[0] <= i + OBJECT_WINDOW + 1 and not crosses(i, ph[0]):
                k = ph[0] - 1
                if words[k] in p.determiners:
                    k -= 1
                lead = words[k] if k > i else ""
                # "delivered aid to X", "fought for X": a beneficiary is a patient too
                return ph if lead not in p.oblique or lead in ("to", "for") else None
        return None

    for i, w in enumerate(words):
        found = p.verbs.get(w) or p.nouns.get(w)
        if w in p.victim_nouns:
            found = ("victim", "victim_noun")
        if not found:
            continue
        cls, form = found
        prev = words[i - 1] if i else ""
        following = words[i + 1] if i + 1 < len(words) else ""
        if w in p.nouns and (prev in p.determiners or following in ("of", "on", "against", "by")):
            cls, form = p.nouns[w][0], "noun"
        if any(x in p.negations for x in words[max(0, i - NEGATION_WINDOW):i]):
            continue
        start = max([k + 1 for k in breaks if k < i], default=0)
        if any(x in p.denials for x in words[start:i]):
            continue
        trig = (tokens[i][1], tokens[i][2])
        found_roles = []  # (phrase, role, pattern)
        if form == "victim_noun":
            agent = after(i, "of", BY_GAP + 1)
            if agent:
                found_roles.append((agent, "villain", "victims of X"))
            subj = before(i)
            if subj and any(x in p.auxiliaries for x in words[subj[1]:i]):
                found_roles.append((subj, "victim", "X were victims"))
        else:
            roles = p.class_roles[cls]
            by = after(i, "by")
            if form == "noun":
                adjacent = next((ph for ph in phrases if ph[1] == i), None)
                agent = by or adjacent
                patient = next((ph for lead in ("on", "against", "of")
                                if (ph := after(i, lead, BY_GAP + 1))), None)
                pattern = "noun by X" if by else "X noun"
                if patient is agent:
                    patient = None
            else:
                aux = any(x in p.auxiliaries for x in words[max(0, i - AUX_WINDOW):i])
                direct = obj(i)
                passive = form == "participle" and (aux or (by and (direct is None
                                                                    or direct[0] >= by[0])))
                if passive:
                    agent, patient, pattern = by, before(i), "Y was verbed by X"
                else:
                    agent, patient, pattern = before(i), direct, "X verbed Y"
            deserved = (patient is not None and roles.get("agent") == "villain"
                        and any((a, b) in demonised for a, b, _ in patient[2]))
            if agent:
                found_roles.append((agent, "hero" if deserved else roles["agent"],
                                    pattern + (", Y demonised" if deserved else "")))
            if patient and "patient" in roles:
                found_roles.append((patient, "villain" if deserved else roles["patient"],
                                    pattern + (", Y demonised" if deserved else "")))
            source = after(i, "from", BY_WINDOW + OBJECT_WINDOW) if "source" in roles else None
            if source and source is not patient:
                found_roles.append((source, roles["source"], "verbed Y from X"))
        if not found_roles:
            continue
        first = min([tokens[ph[0]][1] for ph, _, _ in found_roles] + [trig[0]])
        last = max([tokens[ph[1] - 1][2] for ph, _, _ in found_roles] + [trig[1]])
        for ph, role, pattern in found_roles:
            for start, end, ref in ph[2]:
                yield start, end, ref, role, pattern, trig, cls, (first, last)


def role_shares(roles: pd.DataFrame, *, by: str = "outlet", voice: str | None = "own",
                ) -> pd.DataFrame:
    """The share of each role per group (outlet or camp) and actor, with counts.

    Parameters
    ----------
    roles : DataFrame
        From :func:`find_roles`.
    by : str
        ``outlet`` or ``camp``.
    voice : str or None
        ``own`` (the outlet's own voice), ``quoted``, or None for both (``voice`` is then
        ``all``).

    Returns
    -------
    DataFrame
        :data:`ROLE_SHARE_COLUMNS`: ``n`` role mentions of the role, ``mentions`` of any role
        for the group and actor, ``share`` = n / mentions; every role has a row (n = 0 too).
    """
    if by not in roles.columns:
        raise RolesError(f"roles: no column '{by}'; group by 'outlet' or 'camp'")
    table = roles if voice is None else roles[roles["voice"] == voice]
    counts = (table.groupby([by, "referent", "role"]).size()
              .unstack("role").reindex(columns=list(ROLES)).fillna(0).astype(int))
    long = counts.stack().rename("n").reset_index().rename(columns={by: "group"})
    long["mentions"] = long.groupby(["group", "referent"])["n"].transform("sum")
    long["share"] = long["n"] / long["mentions"].replace(0, np.nan)
    long["voice"] = voice or "all"
    long = long[ROLE_SHARE_COLUMNS].sort_values(["group", "referent", "role"])
    return long.reset_index(drop=True)
