"""Consistency checks on small sets of figures."""

from analysis.checks import check_report
from analysis.figures import Figure


def fig(indicator, value, source="table", breakdown=None, label=None):
    return Figure(indicator, value, "reported", source, label or indicator, "", 0, "件", breakdown, source)


def by_name(checks):
    return {c.check: c for c in checks}


def test_table_vs_prose_disagreement_names_both():
    checks = by_name(check_report([fig("outcome_partial", 43, label="3.同意部分公开答复数"),
                                   fig("outcome_partial", 41, "prose", label="同意部分公开”41件")], "2014_2018"))
    c = checks["table_vs_prose:outcome_partial"]
    assert (c.status, c.expected, c.observed) == ("fail", 43, 41)
    assert "3.同意部分公开答复数" in c.detail and "同意部分公开”41件" in c.detail


def test_table_vs_prose_agreement_passes():
    assert by_name(check_report([fig("requests_received", 5), fig("requests_received", 5, "prose")], None))["table_vs_prose:requests_received"].status == "pass"


def test_pre2019_outcome_rows_must_add_up():
    figures = [fig("outcome_total", 10), fig("outcome_granted", 6), fig("outcome_partial", 3), fig("outcome_not_held", 2)]
    c = by_name(check_report(figures, "2014_2018"))["outcomes_sum"]
    assert (c.status, c.expected, c.observed) == ("fail", 10, 11)


def test_channels_sum_to_requests():
    figures = [fig("requests_received", 5, "prose"), fig("requests_letter", 5, "prose"), fig("requests_in_person", 0, "prose")]
    assert by_name(check_report(figures, "2014_2018"))["channels_sum"].status == "pass"


def test_missing_inputs_are_not_applicable():
    checks = by_name(check_report([fig("requests_received", 5, "prose")], "2014_2018"))
    assert checks["outcomes_sum"].status == "not_applicable"
    assert checks["review_sum"].status == "not_applicable"


def _requests_2021(received, carried_over, total, forward, col="total"):
    return [fig("requests_received", received, breakdown=col), fig("requests_carried_over", carried_over, breakdown=col),
            fig("outcome_total", total, breakdown=col), fig("requests_carried_forward", forward, breakdown=col)]


def test_2021_identity_holds():
    assert by_name(check_report(_requests_2021(74, 2, 75, 1), "2021"))["requests_identity:total"].status == "pass"


def test_2021_identity_fails():
    c = by_name(check_report(_requests_2021(74, 2, 70, 1), "2021"))["requests_identity:total"]
    assert (c.status, c.expected, c.observed) == ("fail", 76, 71)


def test_2021_applicant_columns_sum_to_total():
    figures = [fig("requests_received", v, breakdown=b) for b, v in
               [("natural_person", 3), ("business", 1), ("research", 0), ("nonprofit", 0), ("legal_services", 0), ("other_org", 0), ("total", 5)]]
    c = by_name(check_report(figures, "2021"))["applicants_sum:requests_received"]
    assert (c.status, c.expected, c.observed) == ("fail", 5, 4)


def _carry_docs(rows):
    import polars as pl

    return pl.DataFrame(rows, schema={"report_id": pl.String, "status": pl.String, "adcode": pl.String, "issuer": pl.String, "year": pl.Int64},
                        orient="row")


def _carry_ind(rows):
    import polars as pl

    return pl.DataFrame([(r, i, v, "table", "total", "reported") for r, i, v in rows],
                        schema={"report_id": pl.String, "indicator": pl.String, "value": pl.Float64, "source": pl.String,
                                "breakdown": pl.String, "value_kind": pl.String}, orient="row")


def test_carried_over_requests_are_checked_against_the_previous_year():
    from analysis.checks import carry_over_checks

    docs = _carry_docs([("a20", "ok", "350128", "某局", 2020), ("a21", "ok", "350128", "某局", 2021)])
    ind = _carry_ind([("a20", "requests_carried_forward", 3), ("a21", "requests_carried_over", 2)])
    (row,) = carry_over_checks(docs, ind)
    assert (row["report_id"], row["status"], row["expected"], row["observed"]) == ("a21", "fail", 3, 2)


def test_two_previous_year_reports_of_one_issuer_give_no_carry_over_check():
    from analysis.checks import carry_over_checks

    docs = _carry_docs([("a20", "ok", "350128", "某局", 2020), ("b20", "ok", "350128", "某局", 2020), ("a21", "ok", "350128", "某局", 2021)])
    ind = _carry_ind([("a20", "requests_carried_forward", 3), ("b20", "requests_carried_forward", 2), ("a21", "requests_carried_over", 2)])
    assert carry_over_checks(docs, ind) == []
