"""The problems page's tables: problem types by year and the validation figures it publishes."""

import polars as pl

from analysis.problem_page import types_by_year, validation
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


def test_validation_has_every_category_and_both_labelled_sets():
    v = validation()
    assert v["category"].to_list() == [*categories(), "all"]
    for which in ("dev", "heldout"):
        per_type = v.filter(pl.col("category") != "all")
        assert per_type[f"{which}_labelled"].sum() == v.filter(pl.col("category") == "all")[f"{which}_labelled"].item()
