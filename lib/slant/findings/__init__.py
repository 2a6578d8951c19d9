"""Findings stage: what a reader came for, read back from a report folder's tables.

In: the tables the notebooks save in ``reports/<corpus>/`` (``articles``, ``hits``,
``label_choices``, ``target_camp``, ``camp_classifier_scores``, ``mention_matrix_camp``,
``uncovered_camps``, ``rewrite_sentences``, ``rewrite_edits``). Out: the findings table
(``FINDING_COLUMNS``): one row per finding, with its text, the articles behind it and the page
and section that show it; a finding that cannot be made is one row saying why.

Other stages may use the names in ``__all__``.
"""

from ._read import FINDING_COLUMNS, SECTIONS, read_findings

__all__ = ["FINDING_COLUMNS", "SECTIONS", "read_findings"]
