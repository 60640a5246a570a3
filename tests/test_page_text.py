"""No page shows inf, NaN, None/null or an empty cell: a value that cannot be computed says so in words.

The site is rendered from the shipped reports (data/raw), and every page's tables and visible text are
scanned; in a real browser, the text the charts draw too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis.build import build
from analysis.site import render
from conftest import RAW

CHROMIUM = Path("/usr/bin/chromium")
MISSING = {"", "nan", "none", "null", "nat", "inf", "-inf", "infinity", "-infinity", "undefined", "<na>", "–", "—", "-"}
IN_TEXT = re.compile(r"(?<![\w.])(NaN|nan|inf|-inf|Infinity|NaT|undefined|None)(?![\w])")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("pagetext")
    build(RAW, base / "processed", jobs=1, progress=False)
    render(base / "processed", base / "site", renderer="fallback")
    return base / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "data/processed" not in p.as_posix())


def _soup(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return soup


def bad_cells(html: str) -> list[str]:
    """Table cells (data cells and row names) that are empty or a missing-value marker."""
    soup = BeautifulSoup(html, "lxml")
    bad = []
    for cell in soup.select("td, th.gt_stub, th.gt_row"):
        text = cell.get_text(" ", strip=True)
        if text.lower() in MISSING and not cell.select("svg"):  # a sparkline cell holds a drawing, not text
            row = cell.find_parent("tr")
            bad.append(f"{text!r} in row {row.get_text(' | ', strip=True)[:120] if row else '?'}")
    return bad


def test_the_scan_finds_what_it_looks_for():
    html = "<table><tr><th class='gt_row gt_stub'>2019</th><td>nan</td><td></td><td>–</td><td>12 (3–40)</td><td>no requests</td></tr></table>"
    assert len(bad_cells(html)) == 3
    assert IN_TEXT.search("median inf") and IN_TEXT.search("value NaN") and not IN_TEXT.search("information, influence, Nanjing")


def test_no_table_cell_is_empty_or_a_missing_marker(site):
    found = {p.name: bad_cells(p.read_text(encoding="utf-8")) for p in _pages(site)}
    assert {k: v[:5] for k, v in found.items() if v} == {}


def test_no_visible_text_says_nan_inf_or_none(site):
    found = {}
    for page in _pages(site):
        text = _soup(page).get_text(" ", strip=True)
        hits = [text[max(0, m.start() - 40): m.end() + 40] for m in IN_TEXT.finditer(text)]
        if hits:
            found[page.name] = hits[:5]
    assert found == {}


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_no_chart_draws_nan_inf_or_null(site):
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        for path in _pages(site):
            page = browser.new_page()
            page.goto(path.as_uri())
            page.wait_for_timeout(400)
            texts = page.evaluate("Array.from(document.querySelectorAll('.vega-chart svg text')).map(t => t.textContent)")
            hits = [t for t in texts if t.strip().lower() in MISSING - {""} or IN_TEXT.search(t)]
            if hits:
                found[path.name] = hits[:5]
            page.close()
        browser.close()
    assert found == {}


def test_the_data_page_offers_the_panel_for_stata_r_and_python(site):
    import pandas as pd

    page = (site / "data.html").read_text(encoding="utf-8")
    assert 'href="data/processed/panel.dta"' in page
    for line in ('use "data/processed/panel.dta", clear', 'haven::read_dta("data/processed/panel.dta")', 'pl.read_parquet("data/processed/panel.parquet")'):
        assert line.replace('"', "&quot;") in page or line in page, line
    frame = pd.read_stata(site / "data" / "processed" / "panel.dta")
    assert len(frame) > 40 and "requests" in frame.columns
