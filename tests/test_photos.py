"""Uploaded photos: judged by their header, scaled down first, decoded a few at a time."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from forum import photos
from forum.photos import PhotoError
from forum.security.limits import PHOTO_UPLOAD_LIMITS


def png_bomb(side: int = 6300) -> bytes:
    """A small PNG of side × side black RGB pixels, written without holding the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * side)  # filter byte, then the row's pixels
    pixels = b"".join(squeeze.compress(row) for _ in range(side)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg(size, colour=(30, 80, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def decoded_sizes(monkeypatch):
    """The size of every image Pillow decodes, in the order it does."""
    sizes = []
    load = ImageFile.ImageFile.load

    def spy(image):
        if image.tile:  # pixels still to decode
            sizes.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return sizes


def test_a_small_file_declaring_a_huge_picture_is_refused_before_decoding(app, decoded_sizes):
    bomb = png_bomb()
    assert len(bomb) < 200_000  # the attacker's 154 KB
    with pytest.raises(PhotoError, match="too many pixels"):
        photos.reencode(bomb)
    assert decoded_sizes == []  # not a pixel was decoded


def test_a_large_photo_is_decoded_at_a_reduced_scale_and_stored_at_800_px(app, decoded_sizes):
    data, width, height = photos.reencode(jpeg((4000, 3000)))
    assert (width, height) == (800, 600)
    assert Image.open(io.BytesIO(data)).size == (800, 600)
    # The JPEG was decoded at a quarter of its size, never at 12 megapixels.
    assert decoded_sizes and max(w * h for w, h in decoded_sizes) <= 1000 * 750


def test_a_portrait_is_stored_at_most_800_px_high(app):
    _data, width, height = photos.reencode(jpeg((1200, 1600)))
    assert (width, height) == (600, 800)


def test_photos_wait_for_a_free_decoder_and_give_up_with_a_clear_message(app):
    app.config.update(PHOTO_DECODERS=1, PHOTO_WAIT_SECONDS=0.05)
    app.extensions.pop("forum_photo_slots", None)
    with photos.decoding_slot():  # another request is decoding
        with pytest.raises(PhotoError, match="try again"):
            photos.reencode(jpeg((400, 500)))
    assert photos.reencode(jpeg((400, 500)))[1:] == (400, 500)


def test_every_route_that_takes_a_photo_is_limited(app):
    missing = [endpoint for endpoint in PHOTO_UPLOAD_LIMITS if endpoint not in app.view_functions]
    assert missing == []
    assert all(getattr(app.view_functions[e], "_forum_limited", False) for e in PHOTO_UPLOAD_LIMITS)


def test_no_metadata_survives_re_encoding(app):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}  # GPS: Kyiv
    exif[0x010F] = "SecretCam"  # camera make
    with_comment = io.BytesIO()
    Image.new("RGB", (400, 500), (30, 80, 160)).save(
        with_comment, "JPEG", comment=b"COMMENT-IN-JPEG", exif=exif.tobytes()
    )
    text = PngImagePlugin.PngInfo()
    text.add_text("comment", "COMMENT-IN-PNG")
    text.add_text("Author", "AUTHOR-IN-PNG")
    text.add_itxt("Description", "ITXT-IN-PNG")
    with_text = io.BytesIO()
    Image.new("RGB", (400, 500), (30, 80, 160)).save(with_text, "PNG", pnginfo=text)
    for upload in (with_comment.getvalue(), with_text.getvalue()):
        stored, _w, _h = photos.reencode(upload)
        for secret in (b"COMMENT-IN", b"AUTHOR-IN", b"ITXT-IN", b"SecretCam", b"Exif"):
            assert secret not in stored
        assert Image.open(io.BytesIO(stored)).info.keys() <= {
            "jfif",
            "jfif_version",
            "jfif_unit",
            "jfif_density",
            "dpi",
        }


def test_a_colour_profile_is_applied_then_dropped(app):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    out = io.BytesIO()
    Image.new("RGB", (400, 500), (30, 80, 160)).save(out, "JPEG", icc_profile=srgb.tobytes())
    stored, _w, _h = photos.reencode(out.getvalue())
    image = Image.open(io.BytesIO(stored))
    assert "icc_profile" not in image.info
    assert all(
        abs(a - b) <= 3 for a, b in zip(image.getpixel((200, 250)), (30, 80, 160), strict=True)
    )
