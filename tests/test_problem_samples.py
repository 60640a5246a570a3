"""The labelled problem-statement samples: well-formed fixtures, no text shared between them, and the
second sample (dev2/heldout2) reproduced by tools/gather_statements.py."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CODEBOOK = ROOT / "src" / "analysis" / "data" / "problem_codebook.tsv"
SAMPLES = {
    "labelled": "problem_statements_labelled.jsonl",
    "heldout": "problem_statements_heldout.jsonl",
    "dev2": "problem_statements_dev2.jsonl",
    "heldout2": "problem_statements_heldout2.jsonl",
}
NEW = {"dev2": "d", "heldout2": "g"}
PARTS = {"problems", "improvements"}
LEVELS = {"province", "prefecture", "county", "township", "department"}


@pytest.fixture(scope="module")
def gather():
    spec = importlib.util.spec_from_file_location("gather_statements", ROOT / "tools" / "gather_statements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def codebook_ids() -> set[str]:
    with CODEBOOK.open(encoding="utf-8") as f:
        return {row["category"] for row in csv.DictReader(f, delimiter="\t")}


def load(name: str) -> list[dict]:
    path = FIXTURES / SAMPLES[name]
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_fixture_is_well_formed(name):
    rows = load(name)
    known = codebook_ids()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["part"] in PARTS
        assert isinstance(r["text"], str) and r["text"].strip()
        if "categories" in r:
            assert set(r["categories"]) <= known, r["id"]
            assert len(r["categories"]) == len(set(r["categories"])), r["id"]
    if name in NEW:
        assert ids == [f"{NEW[name]}{i:03d}" for i in range(1, len(rows) + 1)]
        for r in rows:
            assert isinstance(r["categories"], list), r["id"]
            assert r["file"].startswith(("http://", "https://")), r["id"]
            assert r["level"] in LEVELS, r["id"]
            assert r["year"] is None or 2008 <= r["year"] <= 2025, r["id"]
            assert r["province"] and r["title"], r["id"]


def test_no_text_shared_between_samples(gather):
    """No text of dev2 or heldout2 is in another sample or twice in its own (the two older samples
    may share boilerplate with each other; that is theirs to settle)."""
    keys = {}
    for name in SAMPLES:
        path = FIXTURES / SAMPLES[name]
        if path.exists():
            with path.open(encoding="utf-8") as f:
                keys[name] = [gather.key(json.loads(line)["text"]) for line in f if line.strip()]
    for name in NEW:
        if name not in keys:
            continue
        assert len(keys[name]) == len(set(keys[name])), name
        for other, texts in keys.items():
            if other != name:
                shared = set(keys[name]) & set(texts)
                assert not shared, f"{name} and {other} share {sorted(shared)[:3]}"


def test_a_report_is_in_one_half_only():
    dev = {r["file"] for r in load("dev2")}
    held = {r["file"] for r in load("heldout2")}
    assert not dev & held


def test_split_reproduces_the_fixtures(gather):
    load("dev2")
    load("heldout2")
    halves = gather.split(gather.statements(gather.read_jsonl(gather.SECTIONS)))
    assert gather.check(halves) == []
