"""Top of the stack, report: runs the notebooks with papermill and writes the HTML report.

In: a corpus folder and the notebooks. Out: ``reports/<corpus>/``: one HTML page per notebook
(inputs hidden, assets inlined, corpus text escaped), an index page and the tables. Holds no
analysis logic.

Other stages may use the names in ``__all__``.
"""


from ._build import (
    TEMPLATES_DIR,
    ReportError,
    build_report,
    export_html,
    save_tables,
    write_index,
)

__all__ = [
    "TEMPLATES_DIR",
    "ReportError",
    "build_report",
    "export_html",
    "save_tables",
    "write_index",
]
