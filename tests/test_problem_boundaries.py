"""Problems and improvements boundaries against hand-labelled gold (issue 19): ≥ 95% on every field,
on the seeds and on the development corpus labelled from the text (tests/gold/corpus)."""

import json

import pytest

from analysis.build import build
from analysis.evaluate import _matches, load_gold, score
from conftest import RAW, ROOT

GOLD = ROOT / "tests" / "gold"
FIELDS = [f"{part}_section.{sub}" for part in ("problems", "improvements") for sub in ("heading", "starts_with", "ends_with")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("problems") / "processed"
    build(RAW, out, progress=False)
    return out


@pytest.mark.parametrize("folder", ["seeds", "corpus"])
def test_boundaries_are_right_on_gold(built, folder):
    gold = load_gold(GOLD / folder)
    if folder == "corpus":
        assert len(gold) >= 30
    scores = score(gold, built)
    for name in FIELDS:
        s = scores[name]
        assert s.right / s.total >= 0.95, (name, s.misses)


def test_gold_copied_from_the_raw_report_matches_the_clean_text():
    # Full-width punctuation of the raw report is folded in the clean text.
    found = {"heading": "五、存在的主要问题和改进措施:", "text": "(一)存在的问题 一是人员少,兼职多。"}
    assert _matches(found, {"starts_with": "（一）存在的问题 一是人员少，"}, "starts_with")
    assert _matches(found, {"ends_with": "兼职多。"}, "ends_with")
    assert _matches(found, {"heading": "五、存在的主要问题和改进措施："}, "heading")
    assert not _matches(found, {"starts_with": "一是人员少"}, "starts_with")


def test_corpus_gold_files_name_files_in_the_raw_folder():
    for path in sorted((GOLD / "corpus").glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        assert (RAW / g["file"]).is_file(), g["file"]
