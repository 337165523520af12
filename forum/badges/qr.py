"""QR codes drawn as PDF vectors: modules merged into as few rectangles as possible."""

import qrcode
from qrcode.constants import ERROR_CORRECT_M

# Level M survives a scuffed or partly covered badge (15 % of the code).
ERROR_CORRECTION = ERROR_CORRECT_M
# A fixed mask skips qrcode's penalty search (8 trial encodings, about 3 ms a code);
# every mask is valid and decodes, and it makes 1,000 badges five times faster.
MASK_PATTERN = 4
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
# Alphanumeric characters a version holds at level M (ISO/IEC 18004 table 7): badge tokens
# fit version 3; knowing it skips qrcode's own search, which encodes the data twice.
ALPHANUMERIC_CAPACITY_M = ((2, 38), (3, 61), (4, 90), (5, 122), (6, 154))
ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def qr_matrix(payload: str) -> list[list[bool]]:
    """The dark (True) and light modules of the QR code for `payload`, without quiet zone."""
    version = _known_version(payload)
    code = qrcode.QRCode(
        version=version, error_correction=ERROR_CORRECTION, border=0, mask_pattern=MASK_PATTERN
    )
    code.add_data(payload)
    code.make(fit=version is None)
    return code.get_matrix()


def _known_version(payload: str) -> int | None:
    if not ALPHANUMERIC.issuperset(payload):
        return None
    for version, capacity in ALPHANUMERIC_CAPACITY_M:
        if len(payload) <= capacity:
            return version
    return None


def merged_rectangles(matrix: list[list[bool]]) -> list[tuple[int, int, int, int]]:
    """Dark modules as (x, y, width, height) rectangles in module units, y downwards.

    Runs of dark modules in a row become one rectangle, and a run that repeats
    exactly in the rows below grows downwards instead of starting a new one.
    """
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], list[int]] = {}  # (x, width) -> [y, height]
    for y, row in enumerate(matrix):
        runs = set()
        x, size = 0, len(row)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.add((start, x - start))
            else:
                x += 1
        for key in list(open_runs):
            if key in runs:
                open_runs[key][1] += 1
                runs.discard(key)
            else:
                top, height = open_runs.pop(key)
                done.append((key[0], top, key[1], height))
        for key in runs:
            open_runs[key] = [y, 1]
    done.extend((x, top, width, height) for (x, width), (top, height) in open_runs.items())
    return done


def _operators(payload: str) -> tuple[str, int]:
    matrix = qr_matrix(payload)
    rectangles = merged_rectangles(matrix)
    # PDF "re" operators in module units, y flipped so that row 0 is at the top.
    size = len(matrix)
    ops = " ".join(f"{x} {size - y - h} {w} {h} re" for x, y, w, h in rectangles)
    return ops, size


def draw_qr(canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code for `payload` in the square (x, y, size), quiet zone included.

    The square is painted white first so the quiet zone holds on a coloured
    background; the modules are filled as one path of rectangles.
    """
    ops, modules = _operators(payload)
    module = size / (modules + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    origin = QUIET_ZONE * module
    canvas.addLiteral(
        f"1 0 0 1 {x + origin:.3f} {y + origin:.3f} cm {module:.4f} 0 0 {module:.4f} 0 0 cm"
    )
    canvas.addLiteral(ops + " f")
    canvas.restoreState()
