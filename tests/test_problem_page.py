"""The problems page's tables: problem types by year and the validation figures it publishes."""

import json
import re
from pathlib import Path

import polars as pl

from analysis import problem_page as pp
from analysis.problem_page import MIN_SUPPORT, SET_LABELS, types_by_year, validation, validation_table, weak_note, weak_types
from analysis.statements import categories


def test_types_by_year_counts_reports_not_statements():
    docs = pl.DataFrame({"report_id": ["a", "b", "c"], "year": [2020, 2020, 2021]})
    st = pl.DataFrame({
        "report_id": ["a", "a", "b", "c", "c"],
        "part": ["problems", "problems", "problems", "problems", "improvements"],
        "categories": ["staff_capacity", "staff_capacity;policy_interpretation", "", "policy_interpretation", "staff_capacity"],
    })
    t = types_by_year(st, docs)
    assert t.height == 2 * len(categories())
    row = lambda y, k: t.filter((pl.col("year") == y) & (pl.col("category") == k)).row(0, named=True)  # noqa: E731
    assert (row(2020, "staff_capacity")["n_naming"], row(2020, "staff_capacity")["n_reports"]) == (1, 2)
    assert row(2020, "staff_capacity")["share"] == 0.5
    assert row(2021, "staff_capacity")["n_naming"] == 0  # an improvements statement admits no problem
    assert row(2021, "policy_interpretation")["share"] == 1.0


def test_validation_has_every_category_and_every_labelled_set():
    v = validation()
    assert v["category"].to_list() == [*categories(), "all"]
    for which in ("dev", "dev2", "heldout", "unseen", "heldout2", "pooled"):
        per_type = v.filter(pl.col("category") != "all")
        assert per_type[f"{which}_labelled"].sum() == v.filter(pl.col("category") == "all")[f"{which}_labelled"].item()
    # the pooled held-out counts are the sums of the two held-out sets'
    for col in ("labelled", "assigned"):
        assert (v[f"pooled_{col}"] == v[f"heldout_{col}"] + v[f"heldout2_{col}"]).all()


def test_the_note_names_each_weak_type_with_its_support():
    v = validation().filter(pl.col("category") != "all")
    weak = weak_types()
    assert weak == v.filter(pl.col("pooled_precision") < 0.8)["category"].to_list()
    note = weak_note()
    assert "pooled held-out set" in note
    for r in v.filter(pl.col("category").is_in(weak)).iter_rows(named=True):
        assert f"{r['type']} {r['pooled_precision']:.0%} ({r['pooled_labelled']} labelled, {r['pooled_assigned']} assigned)" in note
        # a precision on few assigned statements is flagged as no evidence
        assert (r["pooled_assigned"] < MIN_SUPPORT) == (r["type"].split(" (")[0] in note.split("not evidence either way:")[-1])


def test_the_table_shows_every_set_with_its_count():
    from analysis.statements import labelled_sets

    html = validation_table().as_raw_html()
    for name, rows in labelled_sets().items():
        assert SET_LABELS[name].format(n=len(rows)).replace("&", "&amp;") in html, name
    assert "version 4" in html
    dev_only = validation_table(blocks=("dev", "dev2")).as_raw_html()
    assert "Dev2" in dev_only and "Pooled" not in dev_only and "Below 80%" not in dev_only
    held = validation_table(blocks=("heldout", "unseen", "heldout2", "pooled")).as_raw_html()
    assert weak_note().split(":")[0] in held  # the weak types are named under the held-out table


# ---- provisional types: the problems page marks the types under the precision bar, computed when it is rendered ----

# one report per year, each admitting a validated and a weak type (which types are weak is read from weak_types())
DOCS = pl.DataFrame({"report_id": ["a", "b"], "year": [2020, 2021], "admin_level": ["county", "township"]})
STATEMENTS = pl.DataFrame({"report_id": ["a", "a", "b"], "part": ["problems"] * 3,
                           "categories": ["staff_capacity;policy_interpretation", "", "publicity_outreach"]})


def chart_panels(chart) -> dict[str, set[str]]:
    """Panel title → the categories of its data, from the rendered spec."""
    spec = chart.to_dict()
    return {p["layer"][0]["title"]["text"]: {d["category"] for d in p["data"]["values"]} for p in spec["vconcat"]}


def table_rows(html: str) -> dict[str, tuple[bool, bool]]:
    """Type name → (in the provisional row group, shown in grey), from the table's HTML."""
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        stub = re.search(r'<th (style="[^"]*" )?scope="row"[^>]*>(.*?)</th>', tr, re.S)
        if stub:
            rows[stub.group(2)] = ('headers="Provisional' in tr, bool(stub.group(1)) and pp.GREY in stub.group(1))
    return rows


def test_the_provisional_types_are_weak_types_with_their_pooled_support():
    status = pp.type_status()
    assert status["category"].to_list() == list(categories())
    assert status.filter(pl.col("status") == pp.PROVISIONAL)["category"].to_list() == weak_types()
    v = validation().filter(pl.col("category") != "all")
    assert status["precision"].to_list() == v["pooled_precision"].to_list()
    assert status["assigned"].to_list() == v["pooled_assigned"].to_list()
    assert status["labelled"].to_list() == v["pooled_labelled"].to_list()


def test_the_chart_puts_the_weak_types_in_a_grey_dashed_panel_after_the_validated_ones():
    spec = pp.types_chart(types_by_year(STATEMENTS, DOCS)).to_dict()
    validated, provisional = spec["vconcat"]
    assert {d["category"] for d in provisional["data"]["values"]} == set(weak_types())
    assert {d["category"] for d in validated["data"]["values"]} == set(categories()) - set(weak_types())
    assert provisional["layer"][0]["mark"]["strokeDash"] and "strokeDash" not in validated["layer"][0]["mark"]
    assert validated["layer"][0]["encoding"]["color"]["scale"]["scheme"] == "blues"
    assert "scheme" not in provisional["layer"][0]["encoding"]["color"]["scale"]  # a pale grey range
    assert "Provisional" in provisional["layer"][0]["title"]["text"] and "Validated" in validated["layer"][0]["title"]["text"]


def test_every_chart_cell_carries_its_types_precision_and_support():
    spec = pp.types_chart(types_by_year(STATEMENTS, DOCS)).to_dict()
    status = {r["category"]: r for r in pp.type_status().iter_rows(named=True)}
    for panel in spec["vconcat"]:
        for d in panel["data"]["values"]:
            r = status[d["category"]]
            assert d["precision_support"] == f"{r['precision']:.0%} ({r['assigned']} assigned, {r['labelled']} labelled)"
            assert d["status"] == r["status"]
        for layer in panel["layer"]:  # the count over a cell shows the same tooltip as the cell
            assert "precision_support" in [t["field"] for t in layer["encoding"]["tooltip"]]


def test_the_table_groups_and_greys_exactly_the_weak_types():
    html = pp.types_table(STATEMENTS, DOCS).as_raw_html()
    names = pp.category_names()
    rows = table_rows(html)
    assert set(rows) == {names[k] for k in categories()}
    for k in categories():
        assert rows[names[k]] == ((k in weak_types()),) * 2, k
    # validated rows first, then the provisional ones
    assert html.index("Validated: precision") < html.index("Provisional: precision")
    assert max(html.index(names[k]) for k in categories() if k not in weak_types()) < min(html.index(names[k]) for k in weak_types())
    for r in pp.type_status().iter_rows(named=True):
        assert f"{r['precision']:.0%}" in html and f">{r['assigned']}<" in html


def test_the_caption_says_what_provisional_means_in_the_chart_and_under_the_table():
    caption = pp.provisional_caption()
    assert "under 80% on hand-labelled statements the cue words were not tuned on" in caption[0]
    assert "false matches" in caption[0]
    subtitle = pp.types_chart(types_by_year(STATEMENTS, DOCS)).to_dict()["title"]["subtitle"]
    assert caption[0] in subtitle
    html = pp.types_table(STATEMENTS, DOCS).as_raw_html()
    for line in caption:
        assert line in html


def test_the_caption_names_each_precision_on_too_few_statements():
    thin = pp.type_status().filter(pl.col("assigned") < MIN_SUPPORT)
    line = pp.provisional_caption()[-1]
    assert line.startswith(f"A precision on fewer than {MIN_SUPPORT}")
    assert line.count("(") == thin.height
    for r in thin.iter_rows(named=True):
        assert f"{r['type'].split(' (')[0]} ({r['assigned']})" in line


def test_the_page_follows_weak_types_not_a_list(monkeypatch):
    # another set of weak types: the chart, the table and the status follow it
    monkeypatch.setattr(pp, "weak_types", lambda *a, **k: ["staff_capacity", "request_handling"])
    names = pp.category_names()
    assert set(pp.type_status().filter(pl.col("status") == pp.PROVISIONAL)["category"]) == {"staff_capacity", "request_handling"}
    panels = list(chart_panels(pp.types_chart(types_by_year(STATEMENTS, DOCS))).values())
    assert panels[1] == {"staff_capacity", "request_handling"}
    rows = table_rows(pp.types_table(STATEMENTS, DOCS).as_raw_html())
    assert {t for t, (group, grey) in rows.items() if group and grey} == {names["staff_capacity"], names["request_handling"]}
    assert not any(group or grey for t, (group, grey) in rows.items() if t not in (names["staff_capacity"], names["request_handling"]))


def test_the_page_follows_the_validation_figures(monkeypatch):
    # other figures (one type falls under the bar, one rises over it): weak_types and so the page follow them
    real = pp.validation()
    fake = real.with_columns(pl.when(pl.col("category") == "awareness_attention").then(0.5)
                             .when(pl.col("category") == "policy_interpretation").then(0.9)
                             .otherwise(pl.col("pooled_precision")).alias("pooled_precision"))
    monkeypatch.setattr(pp, "validation", lambda *a, **k: fake)
    expected = set(weak_types()) - {"policy_interpretation"} | {"awareness_attention"}
    assert set(pp.weak_types()) == expected
    panels = list(chart_panels(pp.types_chart(types_by_year(STATEMENTS, DOCS))).values())
    assert panels[1] == expected


def test_no_weak_type_no_provisional_panel(monkeypatch):
    monkeypatch.setattr(pp, "weak_types", lambda *a, **k: [])
    spec = pp.types_chart(types_by_year(STATEMENTS, DOCS)).to_dict()
    assert len(spec["vconcat"]) == 1
    assert "none is provisional" in " ".join(spec["title"]["subtitle"])
    html = pp.types_table(STATEMENTS, DOCS).as_raw_html()
    assert "Provisional: precision" not in html and pp.GREY not in html


def test_the_problems_page_links_to_the_validation_table_on_the_methods_page():
    root = Path(__file__).resolve().parents[1]
    nb = json.loads((root / "notebooks/03-problem-keywords.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert f"]({pp.METHODS_LINK})" in text
    assert "pp.types_chart(" in "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    # the link's target: the held-out table the methods page shows carries the id; the development one does not
    assert pp.METHODS_LINK.startswith("../methods.html#")
    assert f'id="{pp.VALIDATION_ANCHOR}"' in validation_table(blocks=("heldout", "unseen", "heldout2", "pooled")).as_raw_html()
    assert f'id="{pp.VALIDATION_ANCHOR}"' not in validation_table(blocks=("dev", "dev2")).as_raw_html()
    assert 'validation_table(blocks=("heldout", "unseen", "heldout2", "pooled"))' in (root / "methods.qmd").read_text(encoding="utf-8")
