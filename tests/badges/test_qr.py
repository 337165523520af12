"""The QR encoder's fast path gives exactly the codewords of the qrcode library."""

from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode import util

from forum.badges.qr import (
    ALPHANUMERIC,
    ERROR_CORRECTION,
    _known_version,
    alphanumeric_codewords,
    qr_matrix,
)

ALPHABET = "".join(sorted(ALPHANUMERIC))


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=154))
def test_codewords_match_the_qrcode_library(payload):
    version = _known_version(payload)
    assert version is not None
    expected = util.create_data(
        version, ERROR_CORRECTION, [util.QRData(payload.encode(), mode=util.MODE_ALPHA_NUM)]
    )
    assert alphanumeric_codewords(payload, version) == expected


def test_other_payloads_take_the_library_path():
    assert _known_version("lower case") is None
    assert _known_version("A" * 155) is None
    assert len(qr_matrix("https://example.org/ä")) >= 21
