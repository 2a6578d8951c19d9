"""YAML loaders of the corpus stage: a date YAML cannot build is a marked error or a string.

PyYAML's safe loader builds ``2017-13-45`` as a date and fails with a bare ValueError ("month
must be in 1..12") that names neither the file nor the line. These loaders keep the node's mark.
"""

from __future__ import annotations

import yaml

__all__ = ["load_config_yaml", "load_front_matter_yaml", "reader_problem"]


class _ConfigLoader(yaml.SafeLoader):
    """corpus.yml: an impossible date is a ConstructorError with the node's line."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a date ({exc}); write YYYY-MM-DD", node.start_mark
            ) from None


class _FrontMatterLoader(yaml.SafeLoader):
    """Article front matter: an impossible date stays the string written, so the article loads and
    the load report flags the date (see ``_load._assemble``)."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _ConfigLoader.construct_yaml_timestamp)
_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


def load_config_yaml(text: str):
    """Parse corpus.yml text; raises yaml.YAMLError (marked where PyYAML knows the place)."""
    return yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass: safe


def load_front_matter_yaml(text: str):
    """Parse an article's front matter; raises yaml.YAMLError (marked where PyYAML knows the place)."""
    return yaml.load(text, Loader=_FrontMatterLoader)  # a SafeLoader subclass: safe


def reader_problem(exc: yaml.YAMLError) -> str:
    """One line for an unmarked YAML error (PyYAML's own message spans lines)."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        return f"control character U+{exc.character:04X} is not allowed"
    return " ".join(str(exc).split())
