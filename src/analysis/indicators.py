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
