"""Genre stopwords by a corpus rule, multiword expressions by PMI, terms per 1,000 tokens and share of reports."""

import polars as pl
import pytest

from analysis import tables
from analysis.build import build
from analysis.vocabulary import collocations, genre_table, top_terms, vocabulary
from conftest import RAW


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("vocabulary") / "processed"
    build(RAW, out, progress=False)
    return out


@pytest.fixture(scope="module")
def voc(built):
    return vocabulary(built)


def test_genre_rule_marks_terms_common_to_the_overview_and_the_problems():
    texts = pl.DataFrame({
        "report_id": ["a", "a", "b", "b", "c", "c"],
        "kind": ["overview", "problems_improvements"] * 3,
        "text": ["政府信息公开工作扎实推进。", "政府信息公开工作人员兼职。", "政府信息公开工作有序。", "政策解读不够。",
                 "全年主动公开。", "政府信息公开宣传不够。"],
    })
    g = {r["token"]: r["genre"] for r in genre_table(texts, share=0.5).iter_rows(named=True)}
    assert g["政府信息公开"] is True  # in 2/3 overviews and 2/3 problems texts
    assert "解读" not in g or g["解读"] is False  # only in the problems


def test_the_genre_words_of_the_development_corpus(voc):
    assert {"公开", "信息", "政府信息公开", "内容", "及时", "规范"} <= voc.stopwords
    assert not {"解读", "政策解读", "兼职", "宣传", "深度", "依申请公开"} & voc.stopwords


def test_top_30_problem_terms_hold_no_genre_word(built, voc):
    docs = tables.load("documents", built)
    tokens = tables.scan("tokens", built)
    before = top_terms(tokens, docs, "problems", frozenset(), 30)["token"].to_list()
    after = top_terms(tokens, docs, "problems", voc.stopwords, 30)["token"].to_list()
    assert set(before) & voc.stopwords  # without the rule the genre's words lead
    assert len(after) == 30 and not set(after) & voc.stopwords


@pytest.mark.parametrize("part", ["problems", "improvements"])
def test_the_page_table_shows_30_terms_without_genre_words_beside_expressions(built, voc, part):
    # What the problems page renders (problem_page.terms_table), not only the function under it.
    from analysis.problem_page import terms_table

    shown = terms_table(tables.scan("tokens", built), tables.load("documents", built), part, voc)._tbl_data
    terms = shown["term"].drop_nulls().to_list()
    assert len(terms) == 30 and not set(terms) & voc.stopwords
    assert shown["expression"].drop_nulls().len() >= 10  # collocations appear beside the terms


def test_rates_and_shares(built, voc):
    docs = tables.load("documents", built)
    tokens = tables.scan("tokens", built)
    t = top_terms(tokens, docs, "improvements", voc.stopwords, 5)
    p = tables.load("tokens", built).filter(pl.col("part") == "improvements")
    first = t.row(0, named=True)
    assert first["tf"] == p.filter(pl.col("token") == first["token"])["count"].sum()
    assert first["per_1000"] == pytest.approx(first["tf"] * 1000 / p["count"].sum())
    assert first["share_of_reports"] == pytest.approx(first["df"] / p["report_id"].n_unique())
    by_year = top_terms(tokens, docs, "problems", voc.stopwords, 3, grouping="year")
    assert by_year.group_by("year").len()["len"].max() <= 3 and by_year["year"].n_unique() > 5


def test_collocations_by_pmi():
    texts = [(f"r{i}", "公开属性界定不准确,查阅点利用率不高。宣传力度不够。") for i in range(4)] + [("r9", "工作人员兼职。")]
    c = collocations(texts)
    assert "查阅点利用率" in c["expression"].to_list()
    row = c.filter(pl.col("expression") == "查阅点利用率").row(0, named=True)
    assert row["count"] == 4 and row["reports"] == 4 and row["pmi"] > 3
    # no pair across a punctuation mark
    assert not any(e.startswith("不准确") for e in c["expression"].to_list())


def test_expressions_of_the_development_corpus(voc):
    assert voc.expressions["problems"].height >= 10
    assert "经办人员" in voc.expressions["problems"]["expression"].to_list()
