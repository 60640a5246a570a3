"""The concordance: its data are bounded whatever the corpus, it escapes report text, and it works in
headless Chromium from file:// without any network request."""

from pathlib import Path

import polars as pl
import pytest

from analysis.build import build
from analysis.concordance import CONTEXT, HITS, PAGE_BUDGET, VOCABULARY, assets, page_html, write_concordance
from conftest import RAW

CHROMIUM = Path("/usr/bin/chromium")


def test_a_reader_loads_under_2_mb_at_any_corpus_size():
    # The worst case the caps allow (as at 100,000 reports): every indexed term with its full quota of
    # hits, full contexts and long report names.
    terms = [f"词{i:05d}项" for i in range(VOCABULARY)]
    vocab = pl.DataFrame({"token": terms, "occurrences": [10**6] * len(terms), "reports": [10**5] * len(terms)})
    hits = {t: [(f"r{j:06d}", "problems", 0, "左" * CONTEXT, t, "右" * CONTEXT) for j in range(HITS)] for t in terms}
    reports = {f"r{j:06d}": ("某省/某市/某县/2024年某某局政府信息公开工作年度报告.html", "某某县", 2024) for j in range(HITS)}
    files = assets(vocab, hits, reports)
    app = (Path(__file__).parents[1] / "src" / "analysis" / "data" / "concordance.js").read_text(encoding="utf-8")
    largest_shard = max(len(v.encode()) for k, v in files.items() if k.startswith("shard-"))
    loaded = len(files["index.js"].encode()) + largest_shard + len(app.encode()) + len(page_html().encode()) + 100_000  # + the page around it
    assert loaded <= PAGE_BUDGET
    assert len(files) > 10  # the hits are spread over shards


def test_report_text_cannot_close_the_script():
    vocab = pl.DataFrame({"token": ["解读"], "occurrences": [1], "reports": [1]})
    files = assets(vocab, {"解读": [("r1", "problems", 0, "</script><script>alert(1)</script>", "解读", "\u2028")]}, {"r1": ("a.txt", None, 2020)})
    text = "".join(files.values())
    assert "</script" not in text and "\u2028" not in text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("kwic")
    build(RAW, out / "processed", progress=False)
    sizes = write_concordance(out / "processed", out / "site")
    (out / "site" / "kwic.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>kwic</title></head><body>' + page_html("") + "</body></html>",
        encoding="utf-8")
    return out / "site", sizes


def test_assets_are_written(site):
    folder, sizes = site
    assert {"index.js", "app.js"} <= set(sizes) and any(k.startswith("shard-") for k in sizes)
    assert sum(sizes.values()) < PAGE_BUDGET * 4


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_typing_a_term_shows_its_occurrences_offline(site):
    from playwright.sync_api import sync_playwright

    folder, _ = site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else requests.append(r.url))
        page.goto((folder / "kwic.html").as_uri())
        page.fill("#kwic-term", "兼职")
        page.wait_for_selector("#kwic-table tbody tr")
        rows = page.locator("#kwic-table tbody tr")
        assert rows.count() >= 5
        assert all(t == "兼职" for t in page.locator("td.kwic-term").all_inner_texts())
        assert "occurrences in" in page.inner_text("#kwic-status")
        years = [int(y) for y in page.locator("td.kwic-year").all_inner_texts()]
        page.click("th[data-key=year]")
        assert [int(y) for y in page.locator("td.kwic-year").all_inner_texts()] == sorted(years)
        page.click("th[data-key=year]")
        assert [int(y) for y in page.locator("td.kwic-year").all_inner_texts()] == sorted(years, reverse=True)
        page.fill("#kwic-term", "不存在的词语")
        assert "not among" in page.inner_text("#kwic-status")
        assert page.locator("#kwic-table tbody tr").count() == 0
        browser.close()
    assert errors == [] and requests == []
