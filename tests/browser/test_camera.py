"""The fake camera clip is a valid y4m file whose frames hold a QR code zbarimg can read."""

import shutil
import subprocess

import pytest
from PIL import Image

from tests.browser.camera import HEIGHT, WIDTH, qr_camera_feed


def test_the_clip_has_a_y4m_header_and_whole_frames(tmp_path):
    feed = qr_camera_feed("fb1.payload", tmp_path / "feed.y4m")
    data = feed.read_bytes()
    header, _, rest = data.partition(b"\n")
    assert header == f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F30:1 Ip A1:1 C420jpeg".encode()
    frame_size = len(b"FRAME\n") + WIDTH * HEIGHT * 3 // 2
    assert len(rest) == 30 * frame_size
    assert rest[:6] == b"FRAME\n"


def test_a_frame_decodes_to_the_text(tmp_path):
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: run `make test` (it installs zbar-tools)")
    feed = qr_camera_feed("fb1.some-signed-token", tmp_path / "feed.y4m")
    luma = feed.read_bytes().partition(b"\n")[2][6 : 6 + WIDTH * HEIGHT]
    Image.frombytes("L", (WIDTH, HEIGHT), luma).save(tmp_path / "frame.png")
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "frame.png")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert decoded.stdout.strip() == "fb1.some-signed-token"
