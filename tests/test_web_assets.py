"""The front-end assets: every static file a template, a script or a vendor stylesheet refers to
exists after `make assets` (which `make test` runs first), the vendor files are the versions
package-lock.json pins, and the templates and scripts keep to the Content-Security-Policy
(no inline scripts, styles or handlers, no CDN) and never parse data as HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "src" / "claimgraph" / "web"
STATIC = WEB / "static"
VENDOR = STATIC / "vendor"
TEMPLATES = WEB / "templates"
SCRIPTS = sorted((STATIC / "js").glob("*.js"))

# url_for('static', path='x'), static('x') (the _widgets.html macro) and literal /static/x
_TEMPLATE_REF = re.compile(
    r"""url_for\(\s*['"]static['"]\s*,\s*path\s*=\s*['"]([^'"]+)['"]\s*\)"""
    r"""|\bstatic\(\s*['"]([^'"]+)['"]\s*\)"""
    r"""|['"(]/static/([^'"?#)\s]+)"""
)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")

NOT_INSTALLED = "the vendor files are missing: run `make assets` (npm ci + scripts/build-assets.mjs)"


def _template_refs() -> dict[str, set[str]]:
    refs: dict[str, set[str]] = {}
    for path in sorted(TEMPLATES.glob("*.html")) + SCRIPTS:
        for m in _TEMPLATE_REF.finditer(path.read_text(encoding="utf-8")):
            ref = next(g for g in m.groups() if g)
            if "{" not in ref:  # a Jinja expression, not a file name
                refs.setdefault(ref, set()).add(path.name)
    return refs


def test_the_vendor_folder_was_built() -> None:
    assert (VENDOR / ".stamp").is_file(), NOT_INSTALLED
    assert (VENDOR / "manifest.json").is_file(), NOT_INSTALLED


def test_every_static_file_the_templates_and_scripts_name_exists() -> None:
    refs = _template_refs()
    # the pages this test is about must really be scanned
    for needed in (
        "css/app.css",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.css",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "vendor/world-atlas/countries-50m.json",
        "vendor/topojson-client/topojson-client.min.js",
        "vendor/d3/d3.min.js",
        "js/filters.js",
        "js/map.js",
        "js/timeline.js",
        "js/actor.js",
        "js/review.js",
    ):
        assert needed in refs, f"no template refers to {needed}"
    missing = {ref: sorted(where) for ref, where in refs.items() if not (STATIC / ref).is_file()}
    assert not missing, f"static files referred to but not there (vendor ones come from `make assets`): {missing}"


def test_axe_core_is_there_for_the_browser_tests() -> None:
    assert (VENDOR / "axe-core" / "axe.min.js").is_file(), NOT_INSTALLED


def test_files_the_vendor_stylesheets_load_exist() -> None:
    css_files = sorted(VENDOR.rglob("*.css"))
    assert css_files, NOT_INSTALLED
    for css in css_files:
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8")):
            if url.startswith(("data:", "#")):
                continue
            assert "://" not in url and not url.startswith("//"), f"{css.name} loads {url} from another host"
            assert (css.parent / url).resolve().is_file(), f"{css.relative_to(STATIC)} needs {url}"


def test_vendor_files_are_the_versions_the_lock_pins() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    assert package.get("private") is True
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned to an exact version: {version}"
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version
        # (npm may leave `resolved` out when it is the default registry: omit-lockfile-registry-resolved)
        assert locked.get("resolved", "https://registry.npmjs.org/").startswith("https://registry.npmjs.org/")
        assert locked["integrity"].startswith("sha512-"), f"{name} has no integrity hash in the lock"
    assert set(manifest) == set(package["dependencies"])
    for name, info in manifest.items():
        assert info["version"] == package["dependencies"][name], f"vendor/{name} is stale: run `make assets`"
    assert package["dependencies"]["leaflet"].startswith("1.9.")
    assert package["dependencies"]["d3"].startswith("7.")


def test_vendor_files_are_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "src/claimgraph/web/static/vendor/" in ignored
    assert "node_modules/" in ignored


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_keep_to_the_csp(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"<style[\s>]", text), "<style> element"
    assert not re.search(r"""\sstyle\s*=\s*['"]""", text), "inline style attribute"
    assert not re.search(r"""\son[a-z]+\s*=\s*['"]""", text), "inline event handler"
    assert not re.search(r"""javascript:""", text, re.IGNORECASE), "javascript: URL"
    for m in re.finditer(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*['"]([^'"]+)""", text):
        assert not re.match(r"(?:https?:)?//", m.group(1)), f"asset from another host: {m.group(1)}"


@pytest.mark.parametrize("script", [p.name for p in SCRIPTS])
def test_scripts_never_parse_data_as_html(script: str) -> None:
    text = (STATIC / "js" / script).read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)  # comments may name what is banned
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert banned not in code, f"{script} uses {banned}"
    assert not re.search(r"""\.html\(""", code), f"{script} uses d3 .html()"
    assert not re.search(r"""setAttribute\(\s*['"]style['"]""", code), f"{script} sets a style attribute"
    assert not re.search(r"""bind(?:Popup|Tooltip)\(\s*['"`]""", code), f"{script} binds a popup from a string"
    assert "http://" not in code and "https://" not in code, f"{script} names another host"
