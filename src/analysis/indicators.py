"""All figures of one report: every table parser that finds its table, plus prose.

Table and prose figures are both kept (a researcher needs to see when the two
disagree; ``checks`` reports it); within one source, the first figure per
indicator and breakdown wins.
"""

from __future__ import annotations

from .figures import Figure
from .prose import parse_prose
from .sections import Section
from .tables_2014 import parse_2014
from .tables_2021 import parse_2019, parse_2021


def extract_figures(text: str, sections: list[Section], template: str | None) -> list[Figure]:
    """Figures from the tables the report's format uses, then from its prose."""
    figures: list[Figure] = []
    if template in (None, "pre2014", "2014_2018", "pre2019"):
        figures += parse_2014(text)
    if template in (None, "2019"):
        figures += parse_2019(text)
    if template in (None, "2021"):
        figures += parse_2021(text)
    if not any(f.source == "table" for f in figures) and template is not None:
        # Reports sometimes use another year's format (a 2019 report in the 2021 format…).
        figures += parse_2014(text) + parse_2019(text) + parse_2021(text)
    figures += parse_prose(text, sections)
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for f in figures:
        key = (f.indicator, f.breakdown, f.source)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


FAMILIES = ("proactive", "requests", "outcomes", "review_litigation", "fees", "staff")
_FAMILY_PREFIXES = (
    ("requests_", "requests"), ("outcome_", "outcomes"), ("review_", "review_litigation"), ("litigation_", "review_litigation"),
    ("complaints", "review_litigation"), ("fees_collected", "fees"), ("staff_", "staff"), ("offices", "staff"),
    ("reading_points", "staff"), ("meetings", "staff"), ("trainings", "staff"), ("trainees", "staff"), ("funding", "staff"),
)


def family(indicator: str) -> str:
    """The indicator's family for evaluation: proactive, requests, outcomes, review_litigation, fees or staff.

    Everything of the proactive-disclosure tables and prose (channels, documents, decisions, interpretations) is proactive.
    """
    return next((fam for prefix, fam in _FAMILY_PREFIXES if indicator.startswith(prefix)), "proactive")


def catalogue() -> list[dict]:
    """Every indicator with the Chinese labels it is read from, per template and source (from the label maps)."""
    from .prose import prose_rules
    from .tables_2014 import label_rules
    from .tables_2021 import label_rows

    rows: dict[tuple, dict] = {}

    def add(indicator: str, template: str, source: str, label: str, unit: str) -> None:
        rows.setdefault((indicator, template, source, label), {"indicator": indicator, "template": template, "source": source,
                                                               "label": label, "unit": "元" if unit in ("万元", "元") else unit})

    for r in label_rules():
        add(r.indicator, "pre2019", "table", (f"{r.group.pattern} › " if r.group else "") + r.label.pattern, r.unit)
    for row in label_rows():
        templates = ("2019", "2021") if row.template == "both" else (row.template,)
        for t in templates:
            for col in row.columns:
                label = row.pattern.pattern + (f" › {col.label}" if col.label and row.table != "requests" else "")
                add(col.indicator, t, "table", label, col.unit)
    for t in ("2019", "2021"):
        for part in ("upheld", "corrected", "other", "pending", "total"):
            add(f"litigation_{part}", t, "table", f"litigation_direct_{part} + litigation_after_review_{part} (未经复议直接起诉 + 复议后起诉)", "件")
    from .prose import prose_words

    channels = [ind for _, ind in prose_words().channel if ind]
    for r in prose_rules():
        order = ("元", "条", "件", "人次", "人", "次", "个")
        unit = "元" if r.group == "fees" or "元" in r.units else min(r.units or {"件"}, key=lambda u: order.index(u) if u in order else 99)
        label = ("none stated: " if r.kind == "zero" else "all handled: " if r.kind == "follow" else "") + r.label
        for indicator in (sorted(set(channels)) if r.indicator == "@channel" else [r.indicator]):
            add(indicator, "any", "prose", label, unit)
    return sorted(rows.values(), key=lambda d: (d["indicator"], d["template"], d["source"], d["label"]))
