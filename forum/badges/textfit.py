"""Fitting text into a box: shrink first, break onto more lines, never overflow."""

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"
# Where a line may break cleanly: after a space (dropped) or after a hyphen (kept).
BREAK = re.compile(r"(?<=-)|(?<= )")


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float

    def widest(self, font: str) -> float:
        return max((stringWidth(line, font, self.size) for line in self.lines), default=0.0)


def fit_text(
    text: str,
    font: str,
    width: float,
    max_size: float,
    min_size: float,
    max_lines: int = 2,
    step: float = 0.5,
) -> FittedText:
    """The largest size from max_size down to min_size at which `text` fits `width`.

    Clean breaks (at spaces and after hyphens, the most balanced ones) are
    preferred at any size; only if none fits even at min_size are long words
    broken inside. If the text still does not fit, the last line ends in an
    ellipsis: it never runs out of the box.
    """
    text = " ".join(text.split())
    if not text:
        return FittedText((), max_size)
    sizes = []
    size = max_size
    while size >= min_size - 1e-9:
        sizes.append(size)
        size -= step
    for size in sizes:
        lines = _wrap_cleanly(text, font, size, width, max_lines)
        if lines is not None:
            return FittedText(lines, size)
    for size in sizes:
        lines = _wrap_anywhere(text, font, size, width)
        if len(lines) <= max_lines:
            return FittedText(lines, size)
    lines = _wrap_anywhere(text, font, min_size, width)
    return FittedText(_with_ellipsis(lines[:max_lines], font, min_size, width), min_size)


def _fits(line: str, font: str, size: float, width: float) -> bool:
    return stringWidth(line, font, size) <= width


def _pieces(text: str) -> list[str]:
    return [piece for piece in BREAK.split(text) if piece]


def _wrap_cleanly(
    text: str, font: str, size: float, width: float, max_lines: int
) -> tuple[str, ...] | None:
    """Lines broken only at clean points, balanced for two lines; None if they do not fit."""
    if _fits(text, font, size, width):
        return (text,)
    pieces = _pieces(text)
    if max_lines < 2 or len(pieces) < 2:
        return None
    if max_lines == 2:
        best, best_width = None, None
        for cut in range(1, len(pieces)):
            first, second = "".join(pieces[:cut]).rstrip(), "".join(pieces[cut:]).strip()
            widest = max(stringWidth(first, font, size), stringWidth(second, font, size))
            if widest <= width and (best_width is None or widest < best_width):
                best, best_width = (first, second), widest
        return best
    lines: list[str] = []
    current = ""
    for piece in pieces:
        if _fits((current + piece).rstrip(), font, size, width):
            current += piece
        elif current and _fits(piece.rstrip(), font, size, width):
            lines.append(current.rstrip())
            current = piece
        else:
            return None
    lines.append(current.rstrip())
    return tuple(lines) if len(lines) <= max_lines else None


def _wrap_anywhere(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Greedy lines; a clean break is used when it keeps most of the line, else mid-word."""
    lines: list[str] = []
    rest = text
    while rest:
        cut = len(rest)
        while cut > 1 and not _fits(rest[:cut], font, size, width):
            cut -= 1
        if cut < len(rest):
            clean = max(rest.rfind(" ", 0, cut + 1), rest.rfind("-", 0, cut) + 1)
            if clean >= cut * 0.6:
                cut = clean
        lines.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return tuple(lines)


def _with_ellipsis(lines: tuple[str, ...], font: str, size: float, width: float) -> tuple:
    last = lines[-1]
    while last and not _fits(last.rstrip() + ELLIPSIS, font, size, width):
        last = last[:-1]
    return (*lines[:-1], last.rstrip() + ELLIPSIS)
