"""Accuracy of the extracted metadata and sections against hand-written gold files.

One JSON file per report (``{"file": …, "jurisdiction": …, "problems_section": {…}}``);
null means "the report does not say". Each field is scored separately so a
regression shows up as the field it broke.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import tables
from .clean import normalize_width

from .build import build

SCALAR_FIELDS = ("jurisdiction", "province", "prefecture", "county", "admin_level", "year", "published", "template")
PART_FIELDS = ("heading", "starts_with", "ends_with")


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(note)


def load_gold(folder: Path) -> list[dict]:
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold .json files in {folder}")
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def _part(sections: pl.DataFrame, name: str) -> dict | None:
    rows = sections.filter(pl.col("section") == name).sort("ordinal")
    if rows.is_empty():
        return None
    text = "\n".join(t for t in rows["text"].to_list() if t)
    return {"heading": rows["heading"][0], "text": text}


def _matches(found: dict | None, want: dict | None, key: str) -> bool:
    """Gold snippets are copied from the raw file; the sections are of the clean text, whose
    full-width ASCII (（一）, ，) is folded: compare the gold in that form."""
    if want is None or found is None:
        return want is None and found is None
    if key == "heading":
        return found["heading"] == normalize_width(want["heading"])
    if key == "starts_with":
        return found["text"].startswith(normalize_width(want["starts_with"]))
    return found["text"].endswith(normalize_width(want["ends_with"]))


def score(gold: list[dict], data: Path) -> dict[str, Score]:
    docs = tables.load("documents", data)
    sections = tables.load("sections", data)
    try:
        indicators = tables.load("indicators", data)
    except FileNotFoundError:
        indicators = None
    scores: dict[str, Score] = {}
    vocabulary = {name for g in gold for name in (g.get("indicators") or {})}
    for g in gold:
        rows = docs.filter(pl.col("source_path") == g["file"])
        if rows.is_empty():
            scores.setdefault("file_found", Score()).add(False, f"{g['file']}: not in documents")
            continue
        row = rows.row(0, named=True)
        for name in SCALAR_FIELDS:
            if name not in g:
                continue
            got = row.get(name)
            got = got.isoformat() if hasattr(got, "isoformat") else got
            scores.setdefault(name, Score()).add(got == g[name], f"{g['file']}: {got!r} ≠ {g[name]!r}")
        own = sections.filter(pl.col("report_id") == row["report_id"])
        for part in ("problems", "improvements"):
            key = f"{part}_section"
            if key not in g:
                continue
            found, want = _part(own, part), g[key]
            for sub in PART_FIELDS:
                if want is not None and want.get(sub) is None:
                    continue  # not labelled (an excerpt cut before the section ends)
                note = f"{g['file']}: {sub} {('' if found is None else (found['heading'] if sub == 'heading' else found['text'][:20] + '…' + found['text'][-20:]))!r} ≠ {(want or {}).get(sub)!r}"
                scores.setdefault(f"{key}.{sub}", Score()).add(_matches(found, want, sub), note)
        _score_indicators(scores, g, row["report_id"], indicators, vocabulary)
    return scores


def _figure_values(indicators: pl.DataFrame | None, report_id: str) -> dict[str, float | None]:
    """One value per indicator for a report: the table's (total column) if any, else the prose's."""
    if indicators is None:
        return {}
    rows = indicators.filter((pl.col("report_id") == report_id) & (pl.col("breakdown").is_null() | (pl.col("breakdown") == "total")))
    out: dict[str, float | None] = {}
    for source in ("prose", "table"):
        for r in rows.filter(pl.col("source") == source).iter_rows(named=True):
            out[r["indicator"]] = r["value"]
    return out


def _score_indicators(scores: dict[str, Score], g: dict, report_id: str, indicators, vocabulary: set[str]) -> None:
    """Recall over the gold figures; precision over the extracted figures of indicators that gold files cover."""
    if "indicators" not in g:
        return
    want = {k: v for k, v in g["indicators"].items() if v is not None}
    got = {k: v for k, v in _figure_values(indicators, report_id).items() if k in vocabulary}
    for name, value in want.items():
        scores.setdefault("indicators.recall", Score()).add(got.get(name) == value, f"{g['file']}: {name} extracted {got.get(name)!r}, gold {value!r}")
    for name, value in got.items():
        scores.setdefault("indicators.precision", Score()).add(want.get(name) == value, f"{g['file']}: {name} extracted {value!r}, gold {want.get(name)!r}")


def report(scores: dict[str, Score]) -> str:
    lines = []
    for name, s in scores.items():
        lines.append(f"{name:32s} {s.right:4d}/{s.total:<4d} {100 * s.right / s.total:6.1f}%")
    for name, s in scores.items():
        for miss in s.misses:
            lines.append(f"  miss {name}: {miss}")
    return "\n".join(lines)


def evaluate(gold_dir: Path, raw: Path | None = None, data: Path | None = None) -> dict[str, Score]:
    gold = load_gold(gold_dir)
    if data is not None:
        return score(gold, Path(data))
    with tempfile.TemporaryDirectory(prefix="analysis-evaluate-") as tmp:
        out = Path(tmp) / "processed"
        build(Path(raw), out, progress=False)
        return score(gold, out)
