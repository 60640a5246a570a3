"""Gold files: every field of the seeds and fixtures is right, and a wrong gold value is reported."""

import json
import shutil

import polars as pl
import pytest

from analysis import tables
from analysis.build import build
from analysis.cli import main
from analysis.evaluate import evaluate, failing, report
from conftest import RAW, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize(("gold", "raw"), [("seeds", RAW), ("fixtures", FIXTURES)])
def test_every_field_is_right(gold, raw):
    scores = evaluate(GOLD / gold, raw=raw)
    # Metadata and sections: every field right. Figures: the gold lists every figure the text states (labelled by
    # hand, from the text): no figure read wrong (precision over the figures they label), and recall ≥ 95 %; the
    # strict precision (every other figure read counts as a miss) is only reported.
    metadata = [n for n in failing(scores) if not n.startswith("indicators.")]
    assert {name: (scores[name].right, scores[name].total) for name in metadata} == {}
    assert scores["indicators.precision.labelled"].right == scores["indicators.precision.labelled"].total
    recall = scores["indicators.recall"]
    assert recall.right / recall.total >= 0.95, recall.misses
    assert scores["jurisdiction"].total == len(list((GOLD / gold).glob("*.json")))


def test_a_wrong_gold_value_is_a_miss(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    g = json.loads((GOLD / "seeds" / "000_4c968f10fc5de52b.json").read_text(encoding="utf-8"))
    g["jurisdiction"] = "淮安市"
    (gold / "x.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    scores = evaluate(gold, raw=RAW)
    assert (scores["jurisdiction"].right, scores["jurisdiction"].total) == (0, 1)
    assert "miss jurisdiction" in report(scores)


def test_cli_evaluate_strict_exit_code(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(GOLD / "fixtures"), "--raw", str(FIXTURES), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "jurisdiction" in out and "100.0%" in out
    assert [line for line in out.splitlines() if "miss" in line and "miss indicators.precision:" not in line] == []
    # A figure the seeds' gold states and the build does not read fails --strict.
    assert main(["evaluate", "--gold", str(GOLD / "seeds"), "--raw", str(RAW), "--strict"]) == 1
    assert "miss indicators.recall:" in capsys.readouterr().out


def test_renamed_county_maps_to_its_successor(tmp_path):
    build(FIXTURES, tmp_path / "out", jobs=1, progress=False)
    row = tables.load("documents", tmp_path / "out").filter(pl.col("source_path") == "renamed_county_2014.txt").row(0, named=True)
    assert (row["jurisdiction"], row["county"], row["adcode"]) == ("洪泽县", "洪泽区", "320813")


def test_report_without_problems_section_gets_none(tmp_path):
    build(FIXTURES, tmp_path / "out", jobs=1, progress=False)
    docs = tables.load("documents", tmp_path / "out")
    rid = docs.filter(pl.col("source_path") == "no_problems_2012.txt")["report_id"].item()
    sections = tables.load("sections", tmp_path / "out").filter(pl.col("report_id") == rid)
    assert sections.height > 0
    assert not set(sections["section"]) & {"problems", "improvements"}


def test_indicator_scores_per_family_and_source():
    scores = evaluate(GOLD / "seeds", raw=RAW)
    for family in ("proactive", "requests", "outcomes", "review_litigation", "fees"):
        assert scores[f"indicators.recall.{family}"].total > 0
    # every gold figure is scored once overall and once in its family
    assert sum(s.total for n, s in scores.items() if n.startswith("indicators.recall.") and n.split(".")[-1] not in ("table", "prose")) \
        == scores["indicators.recall"].total
    found = scores["indicators.recall.table"].total + scores["indicators.recall.prose"].total
    assert 0 < found <= scores["indicators.recall"].total
    assert scores["indicators.precision.labelled"].total <= scores["indicators.precision"].total
