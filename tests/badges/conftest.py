"""Helpers of the badge tests: accredited delegates with accounts, and reading PDFs back."""

import subprocess
import tempfile
from pathlib import Path

import pytest

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import RegistrationState
from tests import factories


def accredited(event, **fields):
    """An approved registration with its delegate account."""
    user = factories.create_user(role=Role.DELEGATE)
    fields.setdefault("state", RegistrationState.APPROVED)
    registration = factories.create_registration(event, user_id=user.id, **fields)
    db.session.flush()
    return registration


def qr_codes(pdf: bytes, tmp_path: Path, dpi: int = 150) -> list[list[str]]:
    """The QR payloads found on each page of `pdf`, page by page (pdftoppm + zbarimg)."""
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))
    source = tmp_path / "badges.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", source, prefix], check=True)
    pages = []
    for image in sorted(tmp_path.glob("page-*.png")):
        result = subprocess.run(
            ["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image],
            capture_output=True,
            text=True,
        )
        pages.append(sorted(result.stdout.split()))
    return pages


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
