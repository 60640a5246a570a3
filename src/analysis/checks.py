"""Consistency checks: where a report's figures contradict each other, say so; never fix.

Each check is a row with the numbers on both sides and a sentence naming the
labels involved. A check whose inputs the report does not give is
``not_applicable``, so a reader can tell "consistent" from "not checkable".
"""

from __future__ import annotations

from typing import NamedTuple

from .figures import Figure

STATUSES = ("pass", "fail", "not_applicable")
APPLICANTS = ("natural_person", "business", "research", "nonprofit", "legal_services", "other_org")
# Outcome rows that add up to outcome_total.
OUTCOMES_2021 = (
    "outcome_granted", "outcome_partial",
    "outcome_denied_state_secret", "outcome_denied_law_prohibited", "outcome_denied_security", "outcome_denied_third_party",
    "outcome_denied_internal", "outcome_denied_process", "outcome_denied_enforcement_file", "outcome_denied_query",
    "outcome_not_held", "outcome_unable_create", "outcome_unable_unclear",
    "outcome_not_processed_complaint", "outcome_not_processed_repeat", "outcome_not_processed_publication",
    "outcome_not_processed_mass", "outcome_not_processed_confirm",
    "outcome_other_no_correction", "outcome_other_no_fee", "outcome_other",
)
OUTCOMES_PRE2019 = (
    "outcome_already_public", "outcome_granted", "outcome_partial", "outcome_denied", "outcome_not_this_agency",
    "outcome_not_held", "outcome_clarify", "outcome_other_channel",
)
DENIAL_REASONS_PRE2019 = (
    "outcome_denied_state_secret", "outcome_denied_commercial_secret", "outcome_denied_privacy", "outcome_denied_security",
    "outcome_denied_not_gov_info", "outcome_denied_other_law",
)
CHANNELS = ("requests_in_person", "requests_fax", "requests_online", "requests_email", "requests_letter")


class Check(NamedTuple):
    check: str
    status: str
    expected: float | None
    observed: float | None
    detail: str


def _values(figures: list[Figure], source: str = "table") -> dict[tuple[str, str | None], Figure]:
    out: dict[tuple[str, str | None], Figure] = {}
    for f in figures:
        if f.source == source and f.value_kind in ("reported", "zero_stated"):
            out.setdefault((f.indicator, f.breakdown), f)
    return out


def _sum_check(name: str, total: Figure | None, parts: list[Figure], what: str) -> Check:
    if total is None or not parts:
        return Check(name, "not_applicable", None, None, f"{what}: not all figures are given")
    observed = sum(p.value for p in parts)
    ok = abs(observed - total.value) < 1e-6
    labels = " + ".join(p.label for p in parts)
    return Check(name, "pass" if ok else "fail", total.value, observed,
                 f"{what}: {total.label} = {total.value:g}; {labels} = {observed:g}")


def check_report(figures: list[Figure], template: str | None) -> list[Check]:
    """All within-report checks for one report's figures."""
    t = _values(figures, "table")
    prose = _values(figures, "prose")
    checks: list[Check] = []
    has_2021 = any(k[1] is not None for k in t)
    if has_2021:
        for col in APPLICANTS + ("total",):
            parts = [t.get(("requests_received", col)), t.get(("requests_carried_over", col))]
            outs = [t.get(("outcome_total", col)), t.get(("requests_carried_forward", col))]
            name = f"requests_identity:{col}"
            if None in parts or None in outs:
                checks.append(Check(name, "not_applicable", None, None, "new + carried over = handled + carried forward: a cell is missing"))
                continue
            left, right = parts[0].value + parts[1].value, outs[0].value + outs[1].value
            checks.append(Check(name, "pass" if left == right else "fail", left, right,
                                f"new ({parts[0].value:g}) + carried over ({parts[1].value:g}) = {left:g}; "
                                f"total handled ({outs[0].value:g}) + carried forward ({outs[1].value:g}) = {right:g}"))
        for indicator in ("requests_received", "requests_carried_over", "outcome_total", "requests_carried_forward") + OUTCOMES_2021:
            total = t.get((indicator, "total"))
            cols = [t.get((indicator, c)) for c in APPLICANTS]
            if total is None and not any(cols):
                continue
            present = [c for c in cols if c is not None]
            checks.append(_sum_check(f"applicants_sum:{indicator}", total if len(present) == len(APPLICANTS) else None, present,
                                     f"{indicator}: applicant columns against the total column"))
        for col in APPLICANTS + ("total",):
            parts = [t[(o, col)] for o in OUTCOMES_2021 if (o, col) in t]
            checks.append(_sum_check(f"outcomes_sum:{col}", t.get(("outcome_total", col)), parts, f"outcome rows against (七)总计, column {col}"))
    else:
        parts = [t[(o, None)] for o in OUTCOMES_PRE2019 if (o, None) in t]
        checks.append(_sum_check("outcomes_sum", t.get(("outcome_total", None)), parts, "outcome rows against the number of replies"))
        parts = [t[(o, None)] for o in DENIAL_REASONS_PRE2019 if (o, None) in t]
        checks.append(_sum_check("denial_reasons_sum", t.get(("outcome_denied", None)), parts, "denial reasons against 不同意公开"))
        prose_or_table = {**prose, **t}
        parts = [prose_or_table[(c, None)] for c in CHANNELS if (c, None) in prose_or_table]
        checks.append(_sum_check("channels_sum", prose_or_table.get(("requests_received", None)), parts, "request channels against requests received"))
        parts = [t[(c, None)] for c in ("requests_completed_on_time", "requests_extended") if (c, None) in t]
        checks.append(_sum_check("completed_sum", t.get(("requests_completed", None)), parts, "on time + extended against completed"))
    for kind in ("review", "litigation"):
        parts = [t[(f"{kind}_{p}", None)] for p in ("upheld", "corrected", "other", "pending") if (f"{kind}_{p}", None) in t]
        checks.append(_sum_check(f"{kind}_sum", t.get((f"{kind}_total", None)), parts, f"{kind} results against the total"))
    checks.extend(_table_vs_prose(t, prose))
    return checks


def _table_vs_prose(table: dict[tuple[str, str | None], Figure], prose: dict[tuple[str, str | None], Figure]) -> list[Check]:
    """A figure given both in a table and in the prose: the two must agree."""
    out = []
    for (indicator, breakdown), p in prose.items():
        tf = table.get((indicator, None)) or table.get((indicator, "total"))
        if tf is None:
            continue
        ok = abs(tf.value - p.value) < 1e-6
        out.append(Check(f"table_vs_prose:{indicator}", "pass" if ok else "fail", tf.value, p.value,
                         f"table {tf.label!r} = {tf.value:g}; prose {p.label!r} = {p.value:g}"))
    return out


def carry_over_checks(docs, indicators) -> list[dict]:
    """Last year's carried-forward requests against this year's carried-over, per issuer and place."""
    import polars as pl

    ok = docs.filter((pl.col("status") == "ok") & pl.col("adcode").is_not_null() & pl.col("issuer").is_not_null() & pl.col("year").is_not_null())
    def total(name: str) -> pl.DataFrame:
        return (
            indicators.filter((pl.col("indicator") == name) & (pl.col("source") == "table") & (pl.col("breakdown") == "total")
                              & (pl.col("value_kind") == "reported"))
            .select("report_id", pl.col("value").alias(name))
        )
    keyed = ok.select("report_id", "adcode", "issuer", "year")
    this = keyed.join(total("requests_carried_over"), on="report_id")
    prev = keyed.join(total("requests_carried_forward"), on="report_id").with_columns((pl.col("year") + 1).alias("year"))
    pairs = this.join(prev, on=["adcode", "issuer", "year"], suffix="_prev")
    # Two reports of the same issuer for the previous year: which one continues is unknown, so no check.
    pairs = pairs.filter(pl.len().over("report_id") == 1)
    rows = []
    for r in pairs.sort("report_id").iter_rows(named=True):
        ok_ = abs(r["requests_carried_over"] - r["requests_carried_forward"]) < 1e-6
        rows.append({"report_id": r["report_id"], "check": "carried_over_matches_previous_year", "status": "pass" if ok_ else "fail",
                     "expected": r["requests_carried_forward"], "observed": r["requests_carried_over"],
                     "detail": f"{r['issuer']} {r['year'] - 1}: 结转下年度继续办理 = {r['requests_carried_forward']:g}; "
                               f"{r['year']}: 上年结转 = {r['requests_carried_over']:g} (report {r['report_id_prev']})"})
    return rows
