"""Hero, villain and victim roles (slant.framing.find_roles): known answers worked out by hand on
sentences we wrote for invented outlets, and the evaluation on Narrative Frames when ../shared
holds it."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import SHARED, make_articles
from slant.framing import (
    ROLE_COLUMNS,
    ROLE_SHARE_COLUMNS,
    RolesError,
    find_roles,
    load_role_patterns,
    role_shares,
)
from slant.lexicons import load_lexicons
from slant.scoring import find_hits

NARRATIVE = SHARED / "datasets" / "narrative-frames"


@pytest.fixture(scope="module")
def syria():
    return load_lexicons(["syria-2017"])


def roles_of(texts, lexicon, outlets=None):
    rows = [(outlets[i] if outlets else "outlet-a", "camp-x", t) for i, t in enumerate(texts)]
    articles = make_articles(rows)
    return find_roles(articles, find_hits(articles, lexicon))


def triples(roles):
    return sorted(zip(roles["referent"], roles["role"], roles["voice"]))


@pytest.mark.parametrize("text, expected", [
    ("The Syrian army shelled ISIS positions near the river.",
     [("islamic-state", "victim", "own"), ("syrian-government", "villain", "own")]),
    ("Syrian army soldiers were killed by ISIS near the river.",
     [("islamic-state", "villain", "own"), ("syrian-government", "victim", "own")]),
    ("Civilians killed in strikes by Russian warplanes were buried on Monday.",
     [("civilians", "victim", "own"), ("russia", "villain", "own")]),
    ("The Syrian army liberated civilians from ISIS last week.",
     [("civilians", "victim", "own"), ("islamic-state", "villain", "own"),
      ("syrian-government", "hero", "own")]),
    ("Russian warplanes did not bomb civilians near the river.", []),
    ("The ministry denied that Russian warplanes had bombed civilians.", []),
    ("The US-led coalition denied killing civilians in the raid.", []),
    ("ISIS executed civilians while the US-led coalition protected civilians.",
     [("civilians", "victim", "own"), ("civilians", "victim", "own"),
      ("islamic-state", "villain", "own"), ("us-led-coalition", "hero", "own")]),
    ("The Syrian army, backed by Russian warplanes, shelled ISIS positions.",
     [("islamic-state", "victim", "own"), ("syrian-government", "villain", "own")]),
    ("Civilians were the victims of ISIS in the town.",
     [("civilians", "victim", "own"), ("islamic-state", "villain", "own")]),
    ("The US-led coalition airstrikes hit the Syrian army near the airport.",
     [("syrian-government", "victim", "own"), ("us-led-coalition", "villain", "own")]),
    ("The weather in the capital was mild and the markets were busy.", []),
    ("Residents of the town waited for news of the talks.", []),
], ids=["active-harm", "passive-harm", "reduced-passive-in-strikes-by", "liberation-from",
        "negation-did-not", "negation-denied-that", "negation-denied-killing",
        "two-clauses-two-actors", "backed-by-is-no-subject", "victims-of",
        "harm-noun-and-verb", "no-actor", "actor-without-verb"])
def test_roles_known_answers(text, expected, syria):
    assert triples(roles_of([text], syria)) == expected


@pytest.mark.parametrize("text, expected", [
    # the outlet's own label "terrorists" (delegitimising): the harm is presented as deserved
    ("The Syrian army killed 30 terrorists near the river.",
     [("armed-opposition", "villain", "own"), ("syrian-government", "hero", "own")]),
    ("Terrorists were killed by the Syrian army near the river.",
     [("armed-opposition", "villain", "own"), ("syrian-government", "hero", "own")]),
    # a neutral name for the patient: the agent of harm stays the villain
    ("The Syrian army killed 30 ISIS fighters near the river.",
     [("islamic-state", "victim", "own"), ("syrian-government", "villain", "own")]),
    # the label inside a source's quotation is not the outlet's: no reversal
    ('A commander said: "The Syrian army killed 30 terrorists near the river."',
     [("armed-opposition", "victim", "quoted"), ("syrian-government", "villain", "quoted")]),
    # the demonised party as agent: villain as before, its victims victims
    ("The terrorists killed four civilians in the village.",
     [("armed-opposition", "villain", "own"), ("civilians", "victim", "own")]),
], ids=["active-demonised-patient", "passive-demonised-patient", "neutral-patient",
        "quoted-label", "demonised-agent"])
def test_harm_to_a_demonised_party_is_not_villainy(text, expected, syria):
    roles = roles_of([text], syria)
    assert triples(roles) == expected
    reversed_ = roles["role"].eq("hero") & roles["verb_class"].eq("harm")
    assert roles.loc[reversed_, "pattern"].str.endswith(", Y demonised").all()


def test_quoted_accusation_is_kept_apart_from_own_voice(syria):
    roles = roles_of(['"Russian warplanes bombed civilians," a rebel commander said.',
                      "Russian warplanes bombed civilians."], syria)
    assert triples(roles[roles["id"] == "a0"]) == [("civilians", "victim", "quoted"),
                                                   ("russia", "villain", "quoted")]
    assert triples(roles[roles["id"] == "a1"]) == [("civilians", "victim", "own"),
                                                   ("russia", "villain", "own")]


def test_role_row_has_its_evidence(syria):
    roles = roles_of(["The Syrian army killed ISIS militants near the river."], syria)
    assert list(roles.columns) == ROLE_COLUMNS
    villain = roles[roles["role"] == "villain"].iloc[0]
    assert villain["referent"] == "syrian-government"
    assert villain["trigger"] == "killed"
    assert villain["verb_class"] == "harm"
    # the evidence runs from the first actor phrase to the end of the last
    assert villain["evidence"] == "Syrian army killed ISIS militants"
    # "ISIS militants" is one phrase: its role goes to the name, not to the generic noun
    assert set(roles["referent"]) == {"syrian-government", "islamic-state"}


def test_role_shares_per_outlet_by_hand(syria):
    roles = roles_of(["Russian warplanes bombed civilians.",
                      "Russian warplanes protected civilians.",
                      "Russian warplanes bombed the Syrian army."], syria,
                     outlets=["outlet-a", "outlet-a", "outlet-b"])
    shares = role_shares(roles, by="outlet")
    assert list(shares.columns) == ROLE_SHARE_COLUMNS
    russia_a = shares[(shares["group"] == "outlet-a") & (shares["referent"] == "russia")]
    # outlet-a: Russia once villain, once hero, of two role mentions
    assert dict(zip(russia_a["role"], russia_a["n"])) == {"hero": 1, "villain": 1, "victim": 0}
    assert russia_a.set_index("role")["share"].to_dict() == {"hero": 0.5, "villain": 0.5,
                                                             "victim": 0.0}
    army_b = shares[(shares["group"] == "outlet-b") & (shares["referent"] == "syrian-government")]
    assert army_b.set_index("role")["n"].to_dict() == {"hero": 0, "villain": 0, "victim": 1}


def test_missing_column_names_the_fix(syria):
    with pytest.raises(RolesError, match="no column.*referent"):
        find_roles(make_articles([("outlet-a", "x", "Text.")]), pd.DataFrame({"id": ["a0"]}))


def test_bad_roles_file_names_line(tmp_path):
    bad = tmp_path / "roles.yml"
    bad.write_text("classes:\n  harm:\n    agent: villain\n    verbs:\n      - [kill, kills]\n"
                   "victim_nouns: []\nauxiliaries: []\nnegations: []\noblique: []\n"
                   "clause_breaks: []\ndeterminers: []\ndenials: []\n")
    with pytest.raises(RolesError, match=r"roles.yml:\d+: give a verb as \[base"):
        load_role_patterns(bad)


@pytest.mark.skipif(not (NARRATIVE / "role_and_frame_annoations.tsv").is_file(),
                    reason=f"needs ../shared/datasets/narrative-frames beside the checkout "
                           f"({NARRATIVE} not found)")
def test_roles_on_narrative_frames():
    from slant.framing import evaluate_roles
    table, counts = evaluate_roles(NARRATIVE, n_boot=200, random_state=0)
    f1 = table.set_index("method")["macro_f1"]
    # measured (docs/roles.md): patterns 0.28 on all 1,944 rows, 0.50 on the rows they cover,
    # majority 0.19, violent-subject 0.20, coverage 14 % of entities. The thresholds sit a few
    # points below those figures: a change that loses the gain over the baselines fails.
    assert f1["patterns"] > f1["majority"] + 0.05
    assert f1["patterns"] > f1["violent_subject"] + 0.05
    assert f1["patterns_covered"] > 0.42
    assert counts["rows"] == 1944
    assert 0.10 < counts["coverage"] < 0.5
