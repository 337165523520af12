"""The scanner's script files: an ES module entry whose imports all exist, are served as
JavaScript and are kept by the service worker, so that the scanner opens offline."""

import json
import posixpath
import re

import pytest

from forum import PROJECT_ROOT
from forum.auth.models import Role
from forum.extensions import db

ENTRY = "/static/js/scanner.js"
MODULES = PROJECT_ROOT / "static" / "js" / "scanner"
# `import { a, b } from "./x.js";` and `import "./x.js";`, the only forms the scanner uses.
IMPORT = re.compile(r"^\s*import\s+(?:[^;]*?\s+from\s+)?[\"']([^\"']+)[\"']", re.MULTILINE)
JAVASCRIPT = ("text/javascript", "application/javascript")


def script_path(url: str):
    return PROJECT_ROOT / url.removeprefix("/")


def imported_urls(url: str) -> list[str]:
    """The URLs the module at `url` imports, resolved against it."""
    base = posixpath.dirname(url)
    urls = []
    for specifier in IMPORT.findall(script_path(url).read_text("utf-8")):
        assert specifier.startswith(("./", "../")), f"{url} imports {specifier}: use relative paths"
        urls.append(posixpath.normpath(posixpath.join(base, specifier)))
    return urls


def module_graph() -> set[str]:
    """Every URL the browser fetches for the entry module."""
    seen, todo = set(), [ENTRY]
    while todo:
        url = todo.pop()
        if url not in seen:
            seen.add(url)
            todo.extend(imported_urls(url))
    return seen


@pytest.fixture
def shell(client, auth, event) -> list[str]:
    """The URLs the service worker keeps for offline use."""
    auth.as_role(Role.STAFF)
    source = client.get("/scanner/sw.js").get_data(as_text=True)
    first_line = source.splitlines()[0]
    assert first_line.startswith("self.SCANNER_SHELL = ")
    return json.loads(first_line.removeprefix("self.SCANNER_SHELL = ").removesuffix(";"))


def test_the_page_loads_the_entry_as_a_module(client, auth, entrance):
    user = auth.as_role(Role.STAFF)
    user.checkpoints.append(entrance)
    db.session.commit()
    html = client.get("/scanner/").get_data(as_text=True)
    assert f'<script type="module" src="{ENTRY}"></script>' in html


def test_every_module_of_the_scanner_is_imported_and_exists():
    graph = module_graph()
    on_disk = {f"/static/js/scanner/{path.name}" for path in MODULES.glob("*.js")}
    own = {url for url in graph if url.startswith("/static/js/scanner/")}
    assert own == on_disk  # nothing imported is missing, nothing is left over
    assert len(on_disk) > 5
    shared = graph - own - {ENTRY}  # modules the scanner shares with other pages
    assert "/static/js/passport-latin.js" in shared
    assert all(script_path(url).is_file() for url in shared)


def test_the_service_worker_keeps_every_module_and_only_files_that_exist(client, shell):
    assert shell[0] == "/scanner/"  # the page served when offline
    assert module_graph() <= set(shell)
    assert "/static/vendor/jsqr/jsQR.js" in shell
    for url in shell:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()


def test_every_module_is_served_as_javascript(client):
    for url in sorted(module_graph()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype in JAVASCRIPT, (url, response.mimetype)
        response.close()


def test_the_scripts_need_nothing_the_content_security_policy_blocks():
    for url in sorted(module_graph()) + ["/static/js/scanner-sw.js"]:
        source = script_path(url).read_text("utf-8")
        assert not re.search(r"\beval\(|\bnew Function\(|setTimeout\(\s*[\"']", source), url
