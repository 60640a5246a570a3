"""The hand-labelled gold of the development corpus is well formed: every snippet is in its report, every figure named.

These tests read the gold files and the raw reports only (never the extractor's output), so a typo
in a label — a snippet not copied verbatim, an unknown indicator name — fails here, not as a
false miss of the extractor.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from analysis.indicators import catalogue

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "gold" / "corpus"
RAW = ROOT / "data" / "raw"
KEYS = ["file", "title", "issuer", "jurisdiction", "province", "prefecture", "county", "admin_level", "year",
        "published", "template", "problems_section", "improvements_section", "indicators", "evidence", "notes"]
FILES = sorted(CORPUS.glob("*.json"))
INLINE = re.compile(r"(?i)</?(span|font|o:p|a|b|strong|em|i|u|sup|sub)\b[^>]*>")


def visible(path: Path) -> str:
    """The report's text as a reader sees it: for HTML, tags dropped (inline ones without a gap) and entities decoded."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"(?is)<(script|style).*?</\1>", "", text)
        text = re.sub(r"<[^>]+>", " ", INLINE.sub("", text))
        text = html.unescape(text)
    return text


def template_of(year: int) -> str:
    return "pre2014" if year < 2014 else "2014_2018" if year < 2019 else "2019" if year < 2021 else "2021"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_development_report_is_labelled():
    raw = sorted(str(p.relative_to(RAW)) for folder in ("pingtan", "kirogovcompare", "more") for p in (RAW / folder).iterdir())
    assert sorted(load(p)["file"] for p in FILES) == raw


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_fields_and_metadata(path):
    g = load(path)
    assert list(g) == KEYS
    assert (RAW / g["file"]).is_file()
    assert g["template"] == template_of(g["year"])
    assert g["admin_level"] in {"province", "prefecture", "county", "township", "department"}
    assert g["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", g["published"])
    assert g["published"] is None or int(g["published"][:4]) >= g["year"]
    if g["admin_level"] == "province":
        assert g["prefecture"] is None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_section_snippets_are_verbatim_and_in_order(path):
    g = load(path)
    text = visible(RAW / g["file"])
    problems, improvements = g["problems_section"], g["improvements_section"]
    for key, part in (("problems_section", problems), ("improvements_section", improvements)):
        if part is None:
            continue
        start = text.find(part["starts_with"])
        heading = text.rfind(part["heading"], 0, start)
        end = text.find(part["ends_with"], start)
        assert heading >= 0 and start >= 0 and end >= 0, (key, part)
        before = text[heading + len(part["heading"]):start]
        if key == "improvements_section" and problems and problems["heading"] == part["heading"]:
            before = text[text.find(problems["ends_with"], heading) + len(problems["ends_with"]):start]  # one combined section
        assert not before.strip(), f"{key}: text between the heading (or the problems part) and starts_with: {before[:40]!r}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_figures_are_named_and_evidenced(path):
    g = load(path)
    names = {r["indicator"] for r in catalogue()}
    text = re.sub(r"\s+", "", visible(RAW / g["file"]))
    assert set(g["indicators"]) <= names
    assert set(g["indicators"]) == set(g["evidence"])
    for name, value in g["indicators"].items():
        assert value is None or (isinstance(value, float) and value >= 0), name
        snippet = g["evidence"][name]
        if snippet.startswith(("derived:", "table:")):
            continue
        for piece in snippet.split(" … "):
            assert re.sub(r"\s+", "", piece.split(" › ")[0]) in text, (name, piece)
