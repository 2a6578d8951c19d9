"""The framing stage's error."""

__all__ = ["FramingError"]


class FramingError(ValueError):
    """A framing analysis cannot run as asked; the message names the input and the fix."""
