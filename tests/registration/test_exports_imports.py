"""Exports keep names intact and neutralise formulas; imports are all-or-nothing."""

import csv
import io

import sqlalchemy as sa
from openpyxl import load_workbook

from forum.auth.models import Role
from forum.extensions import db
from forum.registration.models import Registration, RegistrationState
from tests import factories

S = RegistrationState


def test_csv_export_keeps_names_and_neutralises_formulas(client, auth, event):
    factories.create_registration(event, given_name="Олександр", family_name="Камишин")
    factories.create_registration(
        event,
        given_name='=HYPERLINK("http://x")',
        family_name="@SUM(A1)",
        organisation="+Evil Corp",
    )
    factories.create_registration(event, family_name="Hidden", state=S.SUBMITTED)
    auth.as_role(Role.OFFICER)
    response = client.get("/accreditation/export.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="registrations.csv"'
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Status", "Category"]
    names = {(r[4], r[5]) for r in rows[1:]}
    assert ("Олександр", "Камишин") in names
    assert ('\'=HYPERLINK("http://x")', "'@SUM(A1)") in names
    organisation = rows[0].index("Organisation")
    assert any(r[organisation] == "'+Evil Corp" for r in rows[1:])
    assert not any("Hidden" in r for r in rows)


def test_exports_carry_the_names_as_written_and_as_in_the_passport(client, auth, event):
    factories.create_registration(
        event, given_name="Олена", family_name="Шевчишин", organisation="Укроборонпром"
    )
    auth.as_role(Role.OFFICER)
    text = client.get("/accreditation/export.csv").data.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    columns = dict(zip(header, row, strict=True))
    assert (columns["Given name"], columns["Family name"]) == ("Олена", "Шевчишин")
    assert columns["Given name (passport)"] == "Olena"
    assert columns["Family name (passport)"] == "Shevchyshyn"
    assert columns["Organisation (Latin letters)"] == "Ukroboronprom"
    sheet = load_workbook(io.BytesIO(client.get("/accreditation/export.xlsx").data)).active
    header, row = ([cell.value for cell in line] for line in sheet.iter_rows(max_row=2))
    assert dict(zip(header, row, strict=True))["Family name (passport)"] == "Shevchyshyn"


def test_export_follows_the_filter(client, auth, event):
    factories.create_registration(event, family_name="Approved", state=S.APPROVED)
    factories.create_registration(event, family_name="Pending")
    auth.as_role(Role.OFFICER)
    text = client.get("/accreditation/export.csv?state=approved").data.decode("utf-8-sig")
    assert "Approved" in text and "Pending" not in text


def test_xlsx_export_opens_with_names_intact(client, auth, event):
    factories.create_registration(event, given_name="Władysław", family_name="=1+1")
    auth.as_role(Role.ORGANISER)
    response = client.get("/accreditation/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for cell in sheet[2]]
    assert "Władysław" in values and "=1+1" in values
    assert sheet.cell(1, 1).value == "ID"


def test_xlsx_export_is_ready_to_work_with(client, auth, event):
    factories.create_registration(
        event,
        given_name="Олександра",
        family_name='=HYPERLINK("http://evil")',
        phone="+380441234567",
        organisation="Державне підприємство «Укроборонпром» — дуже довга назва організації",
    )
    auth.as_role(Role.OFFICER)
    sheet = load_workbook(io.BytesIO(client.get("/accreditation/export.xlsx").data)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}2"
    assert all(cell.font.b for cell in sheet[1])
    # Phones are text cells as written, with no apostrophe in front.
    assert row["Mobile phone"].value == "+380441234567"
    assert row["Mobile phone"].data_type == "s"
    # A would-be formula stays text: shown as typed, never run.
    assert row["Family name"].value == '=HYPERLINK("http://evil")'
    assert row["Family name"].data_type == "s" and row["Family name"].quotePrefix
    assert row["Given name"].quotePrefix is False
    widths = {name: sheet.column_dimensions[row[name].column_letter].width for name in header}
    assert widths["Organisation"] >= 50 > widths["ID"]


CSV_GOOD = (
    "email,given_name,family_name,organisation,organisation_type,country,phone,language\n"
    "ivan.petrenko@example.org,Іван,Петренко,Kyiv Drone Works,ua_industry,UA,+380441234567,uk\n"
    "claire.dubois@example.org,Claire,Dubois,Ardennes Munitions SA,eu_industry,BE,,en\n"
)


def test_import_takes_passport_forms_or_suggests_them(client, auth, event, mailbox):
    auth.as_role(Role.ORGANISER)
    text = (
        "email,given_name,family_name,passport_family_name,organisation,organisation_latin,"
        "organisation_type,country\n"
        "yuliia@example.org,Юлія,Згурська,,Укроборонпром,UkrOboronProm JSC,ua_industry,UA\n"
        "ivan@example.org,Іван,Петренко,Petrenko-Ivanov,Kyiv Drone Works,,ua_industry,UA\n"
    )
    assert upload(client, text).status_code == 302
    rows = {
        r.email: (r.passport_given_name, r.passport_family_name, r.organisation_latin)
        for r in db.session.scalars(sa.select(Registration))
    }
    assert rows == {
        "yuliia@example.org": ("Yuliia", "Zghurska", "UkrOboronProm JSC"),
        "ivan@example.org": ("Ivan", "Petrenko-Ivanov", "Kyiv Drone Works"),
    }


def test_an_imported_passport_form_in_other_letters_imports_nothing(client, auth, event):
    auth.as_role(Role.ORGANISER)
    text = (
        "email,given_name,family_name,passport_family_name,organisation,organisation_type,"
        "country\n"
        "yuliia@example.org,Юлія,Згурська,Згурська,Укроборонпром,ua_industry,UA\n"
    )
    page = upload(client, text).get_data(as_text=True)
    assert "“passport_family_name” must be in Latin letters" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0


def upload(client, text: str):
    return client.post(
        "/accreditation/import",
        data={"file": (io.BytesIO(text.encode("utf-8")), "invited.csv")},
        content_type="multipart/form-data",
    )


def test_import_sends_personal_invitations(client, auth, event, mailbox):
    auth.as_role(Role.ORGANISER)
    response = upload(client, CSV_GOOD)
    assert response.status_code == 302
    invited = db.session.scalars(sa.select(Registration).order_by(Registration.id)).all()
    assert [r.email for r in invited] == ["ivan.petrenko@example.org", "claire.dubois@example.org"]
    assert all(r.invited and r.state is S.SUBMITTED for r in invited)
    [mail] = mailbox.to("ivan.petrenko@example.org")
    assert "Запрошення" in mail["Subject"]  # in the delegate's language
    assert "/invitation/" in mailbox.body(mail)


def test_a_bad_line_imports_nothing_and_is_reported_by_line(client, auth, event, mailbox):
    factories.create_registration(event, email="taken@example.org")
    auth.as_role(Role.ORGANISER)
    bad = CSV_GOOD + (
        "not-an-email,A,B,Org,eu_industry,BE,,\n"
        "x@example.org,A,B,Org,ministry,XX,12,\n"
        "taken@example.org,A,B,Org,eu_industry,BE,,\n"
    )
    page = upload(client, bad).get_data(as_text=True)
    assert "Nothing was imported" in page
    assert "Line 4: “not-an-email” is not a valid e-mail address" in page
    assert "Line 5: unknown organisation type “ministry”" in page
    assert "Line 5: unknown country code “XX”" in page
    assert "Line 5: “12” is not a valid international phone number" in page
    assert "Line 6: this e-mail is already registered or appears twice" in page
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 1
    assert mailbox.messages == []


def test_missing_columns_are_named(client, auth, event):
    auth.as_role(Role.ORGANISER)
    page = upload(client, "email,given_name\na@example.org,A\n").get_data(as_text=True)
    assert "Missing columns: family_name, organisation, organisation_type, country" in page


def test_invited_delegate_completes_the_form_and_is_accredited(client, auth, event, mailbox):
    event.invited_skip_approval = True
    auth.as_role(Role.ORGANISER)
    upload(client, CSV_GOOD)
    auth.sign_out()
    link = mailbox.link(mailbox.to("claire.dubois@example.org")[0], "/invitation/")
    page = client.get(link).get_data(as_text=True)
    assert 'value="Claire"' in page and "claire.dubois@example.org" in page
    response = client.post(
        link,
        data={
            "given_name": "Claire",
            "family_name": "Dubois",
            "phone": "+32470123456",
            "job_title": "CEO",
            "organisation": "Ardennes Munitions SA",
            "organisation_type": "eu_industry",
            "country": "BE",
            "requested_category": "delegate",
            "password": "a long enough password",
            "password_again": "a long enough password",
            "consent_data": "y",
        },
    )
    assert response.headers["Location"] == "/my/registration"
    registration = db.session.scalar(
        sa.select(Registration).where(Registration.email == "claire.dubois@example.org")
    )
    assert registration.state is S.APPROVED and registration.user is not None
    assert "Accredited" in client.get("/my/registration").get_data(as_text=True)
    assert client.get(link).status_code == 302  # used once
