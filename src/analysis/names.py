"""Chinese and English names of every indicator and metric, and the definitions printed next to charts.

Names are data (``data/indicator_names.tsv``, ``data/metrics.tsv``), so that a page, a chart legend,
the data dictionary and a Stata variable label all say the same thing; which report formats give an
indicator is read from the label maps (:func:`analysis.indicators.catalogue`), never retyped.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from .datafiles import read_tsv

DERIVED = {  # indicators computed from others (see aggregates.report_values), with the indicators they come from
    "outcome_denied_all": ("outcome_denied", "outcome_denied_state_secret", "outcome_denied_law_prohibited", "outcome_denied_security",
                           "outcome_denied_third_party", "outcome_denied_internal", "outcome_denied_process",
                           "outcome_denied_enforcement_file", "outcome_denied_query"),
}
TEMPLATE_ORDER = ("pre2019", "2019", "2021")
TEMPLATE_NAMES = {"pre2019": "2014–2018 form (and older local forms)", "2019": "2019–2020 interim form", "2021": "2021 form"}


@lru_cache(maxsize=1)
def _indicator_rows() -> dict[str, dict]:
    return {r["indicator"]: r for r in read_tsv("indicator_names.tsv")}


@lru_cache(maxsize=1)
def _metric_rows() -> dict[str, dict]:
    return {r["metric"]: r for r in read_tsv("metrics.tsv")}


@lru_cache(maxsize=1)
def _sources() -> dict[str, tuple[set[str], bool]]:
    """indicator → (templates whose tables give it, whether prose gives it), from the label maps."""
    from .indicators import catalogue

    out: dict[str, tuple[set[str], bool]] = {}
    for r in catalogue():
        templates, prose = out.setdefault(r["indicator"], (set(), False))
        if r["source"] == "prose":
            out[r["indicator"]] = (templates, True)
        else:
            templates.add(r["template"])
    for derived, parts in DERIVED.items():
        templates, prose = set(), False
        for p in parts:
            t, pr = out.get(p, (set(), False))
            templates |= t
            prose = prose or pr
        out[derived] = (templates, prose)
    return out


def where_stated(indicators: list[str]) -> str:
    """In words: which report formats' tables (and whether prose) give all of ``indicators``."""
    found = [_sources().get(i, (set(), False)) for i in indicators]
    templates = set.intersection(*[t for t, _ in found]) if found else set()
    prose = all(p for _, p in found) if found else False
    parts = [TEMPLATE_NAMES[t] for t in TEMPLATE_ORDER if t in templates]
    text = "the tables of the " + ", the ".join(parts) if parts else "no report table"
    return text + ("; sentences of reports in any format" if prose else "")


def indicator_name(indicator: str, lang: str = "both", short: bool = True) -> str:
    """An indicator's name: "en", "zh" or "both" (English · Chinese); its code when it has none."""
    r = _indicator_rows().get(indicator)
    if r is None:
        return indicator
    en = r["name_short_en"] if short else r["name_en"]
    return {"en": en, "zh": r["name_zh"]}.get(lang, f"{en} · {r['name_zh']}")


@lru_cache(maxsize=1)
def _breakdown_rows() -> dict[str, dict]:
    return {r["breakdown"]: r for r in read_tsv("breakdown_names.tsv")}


def subject_name(code: str) -> str:
    """English · Chinese name of an indicator, an applicant column or a metric (what a check or a row is about); the code when unknown."""
    if code in _indicator_rows():
        return indicator_name(code)
    if code in _breakdown_rows():
        r = _breakdown_rows()[code]
        return f"{r['name_en']} · {r['name_zh']}"
    return metric_name(code)


def metric_name(metric: str, lang: str = "both") -> str:
    """A metric's name: "en", "zh" or "both" (English · Chinese); its code when it has none."""
    r = _metric_rows().get(metric)
    if r is None:
        return metric
    return {"en": r["name_en"], "zh": r["name_zh"]}.get(lang, f"{r['name_en']} · {r['name_zh']}")


def metric_specs() -> dict[str, tuple[str, str | None, float]]:
    """metric → (numerator indicator, denominator indicator or None, scale), for metrics computed from indicators."""
    return {m: (r["numerator"], r["denominator"] or None, float(r["scale"])) for m, r in _metric_rows().items() if r["numerator"]}


def metric_unit(metric: str) -> str:
    """The unit of a metric (share, per 100 requests, requests, items, days); "" when unknown."""
    r = _metric_rows().get(metric)
    return r["unit"] if r else ""


def is_count(metric: str) -> bool:
    r = _metric_rows().get(metric)
    return r is not None and not r["denominator"]


def definition(metric: str) -> str:
    """One sentence: numerator, denominator, the indicators and the report formats behind a metric."""
    r = _metric_rows()[metric]
    if not r["numerator"]:
        return r["note"]
    num = f"{indicator_name(r['numerator'], 'en', short=False)} ({indicator_name(r['numerator'], 'zh')}, indicator {r['numerator']})"
    if r["denominator"]:
        den = f"{indicator_name(r['denominator'], 'en', short=False)} ({indicator_name(r['denominator'], 'zh')}, indicator {r['denominator']})"
        scale = "" if float(r["scale"]) == 1 else f" × {float(r['scale']):g}"
        head = f"Numerator: {num}. Denominator: {den}{scale}; reports stating both, with a denominator above 0."
        stated = where_stated([r["numerator"], r["denominator"]])
    else:
        head = f"Count: {num}; reports stating it (a stated 'none' counts as 0, a blank cell is left out)."
        stated = where_stated([r["numerator"]])
    return f"{head} Stated in: {stated}. {r['note']}"


def indicator_names() -> pl.DataFrame:
    """One row per indicator: names, and the report formats and sources that give it."""
    rows = []
    for ind, r in _indicator_rows().items():
        templates, prose = _sources().get(ind, (set(), False))
        rows.append({
            "indicator": ind, "name_zh": r["name_zh"], "name_en": r["name_en"], "name_short_en": r["name_short_en"],
            "templates": " | ".join(t for t in TEMPLATE_ORDER if t in templates) or None, "from_prose": prose,
            "derived_from": " + ".join(DERIVED[ind]) if ind in DERIVED else None,
        })
    return pl.DataFrame(rows).sort("indicator")


def metric_definitions() -> pl.DataFrame:
    """One row per metric: names, numerator, denominator, scale, unit and the definition in words."""
    rows = [
        {"metric": m, "name_zh": r["name_zh"], "name_en": r["name_en"], "numerator": r["numerator"] or None,
         "denominator": r["denominator"] or None, "scale": float(r["scale"]), "unit": r["unit"], "definition": definition(m)}
        for m, r in _metric_rows().items()
    ]
    return pl.DataFrame(rows)


# The panel's indicator columns (analysis.panel): column → indicator. Short names that Stata, R and pandas accept.
PANEL_INDICATORS: dict[str, str] = {
    "requests": "requests_received",
    "replies": "outcome_total",
    "granted": "outcome_granted",
    "partly_granted": "outcome_partial",
    "refused": "outcome_denied_all",
    "not_held": "outcome_not_held",
    "reviews": "review_total",
    "reviews_corrected": "review_corrected",
    "lawsuits": "litigation_total",
    "lawsuits_corrected": "litigation_corrected",
    "proactive_items": "proactive_total",
    "fees_yuan": "fees_collected",
}
