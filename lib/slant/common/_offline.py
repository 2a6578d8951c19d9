"""Report stage: the offline guard, which finds what a written HTML page would fetch from a host.

Input: the HTML of one report page. Output: the URLs on another host that a browser would
load by itself (images, scripts, stylesheets, CSS ``url()``/``@import``), in page order;
`slant.report.export_html` refuses to write a page for which this list is not empty.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["CSS_REMOTE", "REMOTE", "find_remote_fetches"]

#: A URL on another host, as written in an attribute or in CSS.
REMOTE = re.compile(r"^\s*(?:https?:|//)", re.IGNORECASE)
CSS_REMOTE = re.compile(
    r"""(?:url\(|@import)\s*["']?\s*((?:https?:|//)[^"')\s;]*)""", re.IGNORECASE
)


class _FetchFinder(HTMLParser):
    """Collect the URLs on another host that a browser would fetch by itself.

    Loading attributes (src, srcset, poster, data, <link href>) and CSS url()/@import in
    <style> and style=. <a href> is navigation, not a fetch; text is not looked at, so an
    article quoting ``src="https://..."`` passes.
    """

    def __init__(self):
        super().__init__()
        self.found, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        self._in_style = tag == "style"
        loading = {"src", "srcset", "poster", "data"} | ({"href"} if tag == "link" else set())
        for name, value in attrs:
            if name in loading and value and REMOTE.match(value):
                self.found.append(value)
            elif name == "style" and value:
                self.found += CSS_REMOTE.findall(value)

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += CSS_REMOTE.findall(data)


def find_remote_fetches(html: str) -> list[str]:
    """The URLs on another host that a browser would fetch by itself when opening ``html``.

    Parameters
    ----------
    html : str
        A report page.

    Returns
    -------
    list of str
        The URLs, in page order; empty for a page that works offline.
    """
    finder = _FetchFinder()
    finder.feed(html)
    return finder.found
