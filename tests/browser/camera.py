"""A fake camera for Chromium: a .y4m clip that shows one QR code.

Chromium plays the file as the camera when launched with
`--use-file-for-fake-video-capture=<file>`. A y4m file is a one-line text header
followed by raw YUV 4:2:0 frames, so Pillow and the project's own QR library are
all it takes.
"""

from pathlib import Path

import qrcode
from PIL import Image

WIDTH, HEIGHT = 640, 480
MARGIN = 20


def qr_frame(text: str) -> Image.Image:
    """One camera frame: the QR code of `text`, centred on white, as large as fits."""
    code = qrcode.make(text, border=4).get_image().convert("RGB")
    code.thumbnail((WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN), Image.Resampling.NEAREST)
    frame = Image.new("RGB", (WIDTH, HEIGHT), "white")
    frame.paste(code, ((WIDTH - code.width) // 2, (HEIGHT - code.height) // 2))
    return frame


def write_y4m(frame: Image.Image, path: Path, frames: int = 30) -> Path:
    """Write `frame` `frames` times as a 30 fps y4m clip (Chromium loops it)."""
    y, cb, cr = frame.convert("YCbCr").split()
    chroma = (frame.width // 2, frame.height // 2)
    planes = y.tobytes() + cb.resize(chroma).tobytes() + cr.resize(chroma).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{frame.width} H{frame.height} F30:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + planes)
    return path


def qr_camera_feed(text: str, path: Path) -> Path:
    """A clip that shows the QR code of `text` to the camera."""
    return write_y4m(qr_frame(text), path)
