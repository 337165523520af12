"""Helpers of the badge tests: accredited delegates with accounts, and reading PDFs back."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from forum.auth.models import Role
from forum.badges.pdf import LAYOUTS, Layout
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories
from tests.mail.conftest import new_worker, start_worker  # noqa: F401 (the real worker, for print runs)


def accredited(event, **fields):
    """An approved registration with its delegate account."""
    user = factories.create_user(role=Role.DELEGATE)
    fields.setdefault("state", RegistrationState.APPROVED)
    registration = factories.create_registration(event, user_id=user.id, **fields)
    db.session.flush()
    return registration


def qr_codes(pdf: bytes, tmp_path: Path, layout: str = "a6", dpi: int = 150) -> list[list[str]]:
    """The QR payloads found on each page of `pdf`, page by page (pdftoppm + zbarimg).

    On sheets (several badges a page) each card is cut out at its known place and decoded
    alone: zbarimg reading a page of ten codes at once misses one now and then.
    """
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))
    source = tmp_path / "badges.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", source, prefix], check=True)
    sheet = LAYOUTS[layout]
    pages = []
    for image in sorted(tmp_path.glob("page-*.png")):
        if not sheet.is_sheet:
            pages.append(sorted(zbar(image)))
            continue
        codes = []
        with Image.open(image) as page:
            for n, box in enumerate(card_boxes(sheet, dpi)):
                card = tmp_path / f"{image.stem}-card-{n}.png"
                page.crop(box).save(card)
                codes += zbar(card)
        pages.append(sorted(codes))
    return pages


def card_boxes(layout: Layout, dpi: int) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (left, top, right, bottom) of the layout's slots on a page rendered at
    `dpi`; slots are given in points from the page's lower-left corner."""
    scale = dpi / 72
    width, height = layout.design.width, layout.design.height
    page_height = layout.page[1]
    return [
        (
            round(x * scale),
            round((page_height - y - height) * scale),
            round((x + width) * scale),
            round((page_height - y) * scale),
        )
        for x, y in layout.slots
    ]


def zbar(image: Path) -> list[str]:
    """The QR payloads zbarimg reads in one image."""
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image],
        capture_output=True,
        text=True,
    )
    return result.stdout.split()


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", source, "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    """(page count, page size line) from pdfinfo."""
    source = tmp_path / "info.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", source], check=True, capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


@pytest.fixture
def delegate_client(client):
    """Sign a delegate in: `delegate_client(registration)`."""

    def sign_in(registration):
        response = client.post(
            "/sign-in", data={"email": registration.user.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302, response.data
        return client

    return sign_in
