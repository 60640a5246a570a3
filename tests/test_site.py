"""The site renders from the built tables through the fallback path and works offline in a real browser."""

import re
import shutil
from pathlib import Path

import pytest

from analysis.build import build
from analysis.site import render, site_config
from conftest import ROOT, RAW

CHROMIUM = Path("/usr/bin/chromium")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("site")
    build(RAW, base / "processed", jobs=1, progress=False)
    result = render(base / "processed", base / "site", renderer="fallback")
    assert result.path == "fallback" and result.pages == len(site_config()[2])
    return base / "site"


def test_every_listed_page_is_rendered(site):
    _, _, render_list = site_config()
    for source in render_list:
        assert (site / (source.rsplit(".", 1)[0] + ".html")).is_file(), source


def test_navbar_links_resolve(site):
    for page in site.rglob("*.html"):
        for href in re.findall(r'<nav class="navbar">(.*?)</nav>', page.read_text(encoding="utf-8"), re.S)[0].split('href="')[1:]:
            target = (page.parent / href.split('"', 1)[0]).resolve()
            assert target.is_file(), f"{page.name}: {href}"


def test_no_page_loads_anything_from_the_network(site):
    for page in site.rglob("*.html"):
        assert not EXTERNAL.search(page.read_text(encoding="utf-8")), page


def test_corpus_page_lists_the_seed_files(site):
    html = (site / "notebooks" / "01-corpus.html").read_text(encoding="utf-8")
    assert "002_8a329b465c1fe65d.txt" in html and "SOURCES.csv" in html
    assert "Traceback" not in html and "Error" not in html


def test_render_without_a_build_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="analysis build"):
        render(tmp_path, tmp_path / "site", renderer="fallback")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_pages_work_from_disk_in_a_real_browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in sorted(site.rglob("*.html")):
            page = browser.new_page()
            requests, errors = [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert [u for u in requests if not u.startswith("file://")] == [], path
            assert errors == [], path
            assert "政府信息公开" in page.inner_text("body") or "Government" in page.inner_text("body")
            page.close()
        browser.close()
