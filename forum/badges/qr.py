"""QR codes drawn as PDF vectors: modules merged into as few rectangles as possible."""

import qrcode
from qrcode import base as qr_base
from qrcode.constants import ERROR_CORRECT_M

# Level M survives a scuffed or partly covered badge (15 % of the code).
ERROR_CORRECTION = ERROR_CORRECT_M
# A fixed mask skips qrcode's penalty search (8 trial encodings, about 3 ms a code);
# every mask is valid and decodes, and it makes 1,000 badges five times faster.
MASK_PATTERN = 4
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
# Alphanumeric characters a version holds at level M (ISO/IEC 18004 table 7): badge tokens
# fit version 3; knowing it skips qrcode's own search, which encodes the data twice.
ALPHANUMERIC_CAPACITY_M = ((1, 20), (2, 38), (3, 61), (4, 90), (5, 122), (6, 154))
ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def qr_matrix(payload: str) -> list[list[bool]]:
    """The dark (True) and light modules of the QR code for `payload`, without quiet zone."""
    version = _known_version(payload)
    code = qrcode.QRCode(
        version=version, error_correction=ERROR_CORRECTION, border=0, mask_pattern=MASK_PATTERN
    )
    code.add_data(payload)
    if version is not None:
        # qrcode builds the codewords bit by bit with polynomial objects (about 1 ms a
        # code); the same bytes from a table-driven encoder take a tenth of that.
        code.data_cache = alphanumeric_codewords(payload, version)
    code.make(fit=version is None)
    return code.get_matrix()


def _known_version(payload: str) -> int | None:
    if not ALPHANUMERIC.issuperset(payload):
        return None
    for version, capacity in ALPHANUMERIC_CAPACITY_M:
        if len(payload) <= capacity:
            return version
    return None


# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1, as exponent and log tables.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]
_ALPHANUMERIC_VALUE = {
    char: index
    for index, char in enumerate(
        sorted(ALPHANUMERIC, key=("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:").index)
    )
}


def _generator(ec_count: int) -> list[int]:
    """Log-coefficients (after the leading 1) of the Reed-Solomon generator polynomial."""
    poly = [1]
    for i in range(ec_count):
        nxt = poly + [0]
        for j, coefficient in enumerate(poly):
            if coefficient:
                nxt[j + 1] ^= _EXP[_LOG[coefficient] + i]
        poly = nxt
    return [_LOG[c] if c else -1 for c in poly[1:]]


_GENERATORS: dict[int, list[int]] = {}


def _error_correction(data: list[int], ec_count: int) -> list[int]:
    generator = _GENERATORS.get(ec_count)
    if generator is None:
        generator = _GENERATORS[ec_count] = _generator(ec_count)
    remainder = [0] * ec_count
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:] + [0]
        if factor:
            log_factor = _LOG[factor]
            for i, log_g in enumerate(generator):
                if log_g >= 0:
                    remainder[i] ^= _EXP[log_g + log_factor]
    return remainder


def alphanumeric_codewords(payload: str, version: int) -> list[int]:
    """The final codewords (data and error correction, interleaved) of an alphanumeric code.

    The same result as qrcode.util.create_data for versions 1 to 9 at level M.
    """
    values = [_ALPHANUMERIC_VALUE[char] for char in payload]
    bits = ["0010", format(len(values), "09b")]  # mode, count (9 bits up to version 9)
    for i in range(0, len(values) - 1, 2):
        bits.append(format(values[i] * 45 + values[i + 1], "011b"))
    if len(values) % 2:
        bits.append(format(values[-1], "06b"))
    stream = "".join(bits)
    blocks = qr_base.rs_blocks(version, ERROR_CORRECTION)
    capacity = sum(block.data_count for block in blocks) * 8
    stream += "0" * min(4, capacity - len(stream))
    stream += "0" * (-len(stream) % 8)
    data = [int(stream[i : i + 8], 2) for i in range(0, len(stream), 8)]
    data += [0xEC, 0x11] * ((capacity // 8 - len(data)) // 2 + 1)
    data = data[: capacity // 8]
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = data[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_error_correction(chunk, block.total_count - block.data_count))
    interleaved = []
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            interleaved.extend(b[i] for b in group if i < len(b))
    return interleaved


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
