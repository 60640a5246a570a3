"""The problems page's tables: problem types by year and the validation figures it publishes."""

import polars as pl

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
