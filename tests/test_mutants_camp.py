"""Tests found missing by mutation testing of slant.classify._camp (`make mutate
MODULES=camp`, docs/mutation.md): the cross-validation is reproducible from random_state, and
the default is random_state=0."""

from __future__ import annotations

import pandas as pd

from slant.classify import camp_inputs, cross_validate_camps
from test_classify import OUTLETS, synthetic


def _inputs():
    articles = synthetic()
    # every third article loses its camp's words, so folds differ in what they learn
    articles.loc[articles.index % 3 == 0, "text"] = "Officials met on Tuesday to talk about roads."
    return camp_inputs(articles, outlets=OUTLETS)


def _run(**kw):
    return cross_validate_camps(_inputs(), models=["tfidf"], tasks=["camp"], **kw)


def test_cross_validation_follows_random_state():
    first, again, default, other = _run(random_state=0), _run(random_state=0), _run(), \
        _run(random_state=7)
    for a, b in ((first, again), (first, default)):
        for table_a, table_b in zip(a[:3], b[:3]):
            pd.testing.assert_frame_equal(table_a, table_b)
        assert a[3] == b[3]
    # another seed cuts other stratified folds: other scores or out-of-fold probabilities
    assert not (first[0].equals(other[0]) and first[2].equals(other[2]))
