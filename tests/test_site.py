"""The site: every page rendered from the built tables, working offline in a real browser, and safe with hostile text."""

import re
import shutil
from pathlib import Path

import pytest

from analysis.build import build
from analysis.site import qmd_to_notebook, render, site_config
from conftest import RAW

CHROMIUM = Path("/usr/bin/chromium")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
HOSTILE_TITLE = '恶意区<script>window.__pwned=1;alert("x")</script>2019年政府信息公开工作年度报告'
HOSTILE = (
    HOSTILE_TITLE + "\n"
    "一、总体情况\n2019年,全区主动公开政府信息12条<img src=x onerror=\"window.__pwned=2\">。\n"
    "二、存在的主要问题及改进情况\n存在的问题:<a href=\"javascript:window.__pwned=3\">点击</a>信息公开不够及时</script><script>window.__pwned=4</script>。\n"
    "改进措施:加强培训。\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("site")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    (raw / "恶意<img src=x onerror=alert(1)>.txt").write_text(HOSTILE, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    build(raw, base / "processed", jobs=1, progress=False)
    result = render(base / "processed", base / "site", renderer="fallback")
    assert result.path == "fallback" and result.pages == len(site_config()[2])
    return base / "site"


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_listed_page_is_rendered(site):
    for source in site_config()[2]:
        assert (site / (source.rsplit(".", 1)[0] + ".html")).is_file(), source


def test_navbar_links_resolve(site):
    for page in pages(site):
        nav = re.findall(r'<nav class="navbar">(.*?)</nav>', page.read_text(encoding="utf-8"), re.S)[0]
        for href in re.findall(r'href="([^"]+)"', nav):
            assert (page.parent / href).resolve().is_file(), f"{page.name}: {href}"


def test_every_table_is_downloadable(site):
    for name in ("documents", "keywords_by_group", "similarity", "data_dictionary"):
        for ext in ("csv", "parquet"):
            assert (site / "data" / "processed" / f"{name}.{ext}").is_file()
    for name in ("indicators", "checks", "tokens", "texts", "report_metrics"):  # tables published as folders of parts
        for ext in ("parquet",):  # Parquet only: CSV of these is an export (analysis export --csv)
            assert list((site / "data" / "processed" / name).glob(f"part-*.{ext}"))
    data_page = (site / "data.html").read_text(encoding="utf-8")
    assert 'href="data/processed/documents.csv"' in data_page and 'href="data/processed/indicators/"' in data_page


def test_no_page_loads_anything_from_the_network(site):
    for page in pages(site):
        assert not EXTERNAL.search(page.read_text(encoding="utf-8")), page


def test_page_size_does_not_carry_the_data(site):
    # Charts carry the Vega bundle once per page (about 0.9 MB), not the corpus.
    for page in pages(site):
        assert page.stat().st_size < 3_000_000, page


def test_hostile_text_is_escaped_in_the_html(site):
    corpus = (site / "notebooks" / "01-corpus.html").read_text(encoding="utf-8")
    assert "恶意区&lt;script&gt;" in corpus  # the title is shown, as text
    assert "恶意&lt;img src=x onerror=alert(1)&gt;.txt" in corpus  # and so is the file name
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, page


def test_corpus_page_lists_the_files_that_were_not_processed(site):
    corpus = (site / "notebooks" / "01-corpus.html").read_text(encoding="utf-8")
    for name, reason in (("empty.txt", "empty file (0 bytes)"), ("scan.pdf", "PDF is not supported"), ("SOURCES.csv", "not a report")):
        assert name in corpus and reason in corpus


def test_render_without_a_build_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="analysis build"):
        render(tmp_path, tmp_path / "site", renderer="fallback")


def test_qmd_python_chunks_become_code_cells():
    nb = qmd_to_notebook('---\ntitle: "T"\n---\n\nIntro text.\n\n```{python}\nx = 1\n```\n\nMore.\n')
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["markdown", "markdown", "code", "markdown"] and nb.cells[2].source == "x = 1"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_pages_work_from_disk_in_a_real_browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for path in pages(site):
            page = browser.new_page()
            requests, errors, dialogs = [], [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            for link in page.locator("a[href^='javascript:']").all():
                link.click()
            assert [u for u in requests if not u.startswith(("file://", "data:", "about:"))] == [], path
            assert errors == [], path
            assert dialogs == [], path
            assert page.evaluate("window.__pwned === undefined"), path
            charts = page.locator(".vega-chart")
            for i in range(charts.count()):
                assert charts.nth(i).locator("svg, canvas").count() >= 1, f"{path.name}: chart {i} not drawn"
            if path.name in ("01-corpus.html", "03-problem-keywords.html", "04-jurisdiction-comparison.html", "index.html"):
                assert re.search(r"[\u4e00-\u9fff]", page.evaluate("document.body.textContent")), path
            page.close()
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_charts_show_chinese_labels(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.goto((site / "notebooks" / "04-jurisdiction-comparison.html").as_uri())
        page.wait_for_timeout(500)
        svg_text = page.evaluate("Array.from(document.querySelectorAll('.vega-chart svg text')).map(t => t.textContent).join(' ')")
        assert "洪泽区" in svg_text and "文登区" in svg_text
        browser.close()


def test_quarto_path_is_taken_when_quarto_is_on_path(tmp_path, monkeypatch):
    """With a `quarto` on PATH, `render` calls it on the project with the output folder and this Python."""
    import os
    import sys

    build(RAW, tmp_path / "processed", jobs=1, progress=False)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "quarto.log"
    fake = bin_dir / "quarto"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {log}\necho "QUARTO_PYTHON=$QUARTO_PYTHON ANALYSIS_DATA_DIR=$ANALYSIS_DATA_DIR" >> {log}\n'
        'out=""; while [ $# -gt 0 ]; do [ "$1" = "--output-dir" ] && out="$2"; shift; done\n'
        'mkdir -p "$out" && echo "<html><body>quarto</body></html>" > "$out/index.html"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir) + os.pathsep + os.environ["PATH"])
    result = render(tmp_path / "processed", tmp_path / "site")
    assert result.path == "quarto" and "quarto found" in result.line()
    recorded = log.read_text()
    assert recorded.startswith("render ") and "--output-dir" in recorded
    assert f"QUARTO_PYTHON={sys.executable}" in recorded and str(tmp_path / "processed") in recorded
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "data" / "processed" / "documents.csv").is_file()
