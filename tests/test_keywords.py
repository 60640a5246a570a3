"""Tokens, keyness, themes and copy-paste detection."""

import math
import re

import polars as pl
import pytest

from analysis.clean import clean_text
from analysis.keywords import keep, keyness, place_words, report_tokens
from analysis.sections import split_sections
from analysis.segment import han_tokens, stopwords
from analysis.similarity import (
    NEAR_COPY, PRINT_SCHEMA, fingerprint, gram_hashes, in_years, jaccard, similarities, similarities_from_prints, update_similarities,
)
from conftest import SEEDS, seed_text

FIXTURES_DIR = __import__("conftest").ROOT / "tests" / "fixtures" / "reports"


# ------------------------------------------------------------ segmentation


def test_domain_terms_are_single_tokens():
    tokens = han_tokens("进一步规范依申请公开办理,提升政策解读质量,加强政务新媒体管理。")
    assert "依申请公开" in tokens and "政策解读" in tokens and "政务新媒体" in tokens


def _texts():
    texts = [clean_text(seed_text(name)).text for name in SEEDS]
    texts += [clean_text(p.read_text(encoding="utf-8")).text for p in sorted(FIXTURES_DIR.glob("*.txt"))]
    return texts


def test_rjieba_gives_the_same_tokens_as_jieba():
    pytest.importorskip("rjieba")
    for text in _texts():
        assert han_tokens(text, engine="rjieba") == han_tokens(text, engine="jieba")


# ----------------------------------------------------------------- tokens


def test_exclusion_rules():
    places = place_words("洪泽区", "洪泽区", "淮安市", "江苏省")
    assert {"洪泽区", "洪泽", "淮安市", "淮安", "江苏省", "江苏"} <= places
    assert not keep("洪泽", places)
    assert not keep("公", places)  # single character
    assert not keep("2017年", places) and not keep("十二", places)  # numbers
    assert not keep("进一步", places)  # genre filler
    assert keep("政策解读", places)


def test_seed_tokens_per_part():
    text = clean_text(seed_text("hongze")).text
    rows = report_tokens(split_sections(text), place_words("洪泽区", "淮安市", "江苏省"))
    parts = {p for p, _, _ in rows}
    assert parts == {"problems", "improvements"}
    counts = {(p, t): n for p, t, n in rows}
    assert counts[("improvements", "依申请公开")] == 3  # 加强依申请公开工作, 依申请公开办法, 政府信息依申请公开引起的
    assert all(len(t) > 1 and not re.search(r"\d", t) and t not in stopwords() for _, t, _ in rows)
    assert ("problems", "洪泽") not in counts and ("improvements", "我区") not in counts


def test_every_seed_with_a_problems_section_has_tokens(seeds_build):
    with_problems = set(seeds_build["sections"].filter(pl.col("section") == "problems")["report_id"])
    assert with_problems and set(seeds_build["tokens"]["report_id"]) == with_problems


def test_top_terms_of_every_group_are_clean(seeds_build):
    top = seeds_build["keywords_by_group"].sort("tf", descending=True).group_by("grouping", "group", "part").head(50)
    bad = [t for t in top["token"] if len(t) < 2 or t in stopwords() or re.search(r"[\d\W]", t)]
    assert bad == []


# ---------------------------------------------------------------- keyness


def test_keyness_by_hand():
    # Pooled prior: 培训 12, 网站 12 (a0 = 24); n_a = n_b = 12.
    k = {r["token"]: r for r in keyness({"培训": 10, "网站": 2}, {"培训": 2, "网站": 10}).iter_rows(named=True)}
    delta = 2 * math.log(22 / 14)
    z = delta / math.sqrt(1 / 22 + 1 / 14)
    assert k["培训"]["log_odds"] == pytest.approx(delta) and k["培训"]["z"] == pytest.approx(z)
    assert k["网站"]["z"] == pytest.approx(-z)


def test_keyness_order_and_signs():
    k = keyness({"培训": 10, "制度": 5, "网站": 2}, {"培训": 2, "制度": 5, "网站": 10})
    assert k["token"].to_list() == ["培训", "制度", "网站"]
    assert k["z"][1] == pytest.approx(0.0)


def test_keyness_grows_with_evidence():
    small = keyness({"培训": 4, "网站": 1}, {"培训": 1, "网站": 4}).filter(pl.col("token") == "培训")["z"].item()
    large = keyness({"培训": 40, "网站": 10}, {"培训": 10, "网站": 40}).filter(pl.col("token") == "培训")["z"].item()
    assert 0 < small < large


# ------------------------------------------------------------ copy-paste

PROBLEMS_A = ("我局政府信息公开工作还存在一些不足:一是信息公开的及时性有待加强,部分信息更新不够及时;二是政策解读的形式较为单一,"
              "解读质量有待提高;三是工作人员业务能力有待提升。下一步,我局将加强业务培训,完善信息发布审核机制,丰富政策解读形式。")
PROBLEMS_A_EDITED = PROBLEMS_A.replace("我局", "本局").replace("三是", "三是个别")
PROBLEMS_B = ("本区依申请公开办理流程尚不规范,答复文书格式不统一;基层政务公开标准化规范化建设进展不平衡,村(社区)公开栏更新滞后。"
              "今后将制定依申请公开办理规程,推进基层政务公开标准目录落地。")


def test_near_identical_sections_are_similar_and_different_ones_are_not():
    assert jaccard(gram_hashes(PROBLEMS_A), gram_hashes(PROBLEMS_A_EDITED)) >= NEAR_COPY
    assert jaccard(gram_hashes(PROBLEMS_A), gram_hashes(PROBLEMS_B)) < 0.2


def test_hashed_5gram_jaccard_equals_the_exact_one_on_real_sentences():
    def exact(a, b):
        sa, sb = ({s[i : i + 5] for i in range(len(s) - 4)} for s in ("".join(a.split()), "".join(b.split())))
        return len(sa & sb) / len(sa | sb)

    for a, b in ((PROBLEMS_A, PROBLEMS_A_EDITED), (PROBLEMS_A, PROBLEMS_B), (PROBLEMS_B, PROBLEMS_B[:60])):
        assert abs(jaccard(gram_hashes(a), gram_hashes(b)) - exact(a, b)) < 1e-9
    assert gram_hashes("短") .size == 0 and jaccard(gram_hashes(""), gram_hashes("")) == 0.0


def test_near_copies_are_flagged_across_issuers_and_years():
    docs = pl.DataFrame({
        "report_id": ["a17", "a18", "b18", "c18"], "year": [2017, 2018, 2018, 2018],
        "adcode": ["320813", "320813", "371003", "350128"], "issuer": ["甲局", "甲局", "乙局", "丙局"], "jurisdiction": ["洪泽区", "洪泽区", "文登区", "平潭县"],
    })
    texts = pl.DataFrame({"report_id": ["a17", "a18", "b18", "c18"], "text": [PROBLEMS_A, PROBLEMS_A_EDITED, PROBLEMS_A, PROBLEMS_B]})
    sim = {r["report_id"]: r for r in similarities(texts, docs).iter_rows(named=True)}
    assert sim["a18"]["previous_report_id"] == "a17" and sim["a18"]["is_near_copy_of_previous"] is True
    assert sim["b18"]["nearest_report_id"] == "a18" and sim["b18"]["is_near_copy_of_other"] is True
    assert sim["c18"]["is_near_copy_of_other"] in (None, False)
    assert sim["a17"]["previous_report_id"] is None


# ----------------------------------------------------------------- themes


def test_theme_shares_of_a_seed(seeds_build):
    rid = seeds_build["documents"].filter(pl.col("source_path") == SEEDS["etuoke"])["report_id"].item()
    themes = {r["theme"]: r for r in seeds_build["report_themes"].filter(pl.col("report_id") == rid).iter_rows(named=True)}
    assert themes["interpretation"]["n_terms"] >= 1  # (2)政策解读方面
    assert all(0 <= t["share"] <= 1 for t in themes.values())
    assert sum(t["n_terms"] for t in themes.values()) <= next(iter(themes.values()))["n_tokens"]


def test_keyness_with_a_one_term_vocabulary_is_empty_not_an_error():
    assert keyness({"培训": 3}, {"培训": 1}).is_empty()
    assert keyness({}, {}).is_empty()


def _sim_corpus(rows):
    docs = pl.DataFrame(rows, schema={"report_id": pl.String, "year": pl.Int64, "adcode": pl.String, "issuer": pl.String, "jurisdiction": pl.String},
                        orient="row")
    texts = {"a": PROBLEMS_A, "e": PROBLEMS_A_EDITED, "b": PROBLEMS_B}
    prints = pl.DataFrame([{**fingerprint(r, texts[r[0]]), "year": y} for r, y, *_ in rows], schema=PRINT_SCHEMA)
    return docs, prints


def test_similarities_updated_by_year_equal_a_full_recomputation():
    before = [("a17", 2017, "1", "甲局", "x"), ("e18", 2018, "1", "甲局", "x"), ("b18", 2018, "2", "乙局", "y"), ("a19", 2019, "3", "丙局", "z"),
              ("b20", 2020, "2", "乙局", "y"), ("a21", None, "1", "甲局", "x")]
    after = before[:4] + [("a18", 2018, "4", "丁局", "w"), ("e19", 2019, "1", "甲局", "x"), ("a21", None, "1", "甲局", "x")]  # b20 gone
    docs0, prints0 = _sim_corpus(before)
    docs1, prints1 = _sim_corpus(after)
    loads = []

    def loader(prints):
        def load(years):
            loads.append(years)
            return prints if years is None else prints.filter(in_years(years))
        return load

    first, digests = update_similarities(loader(prints0), docs0, None, None)
    assert first.equals(similarities_from_prints(prints0, docs0))
    updated, _ = update_similarities(loader(prints1), docs1, first, digests)
    assert updated.equals(similarities_from_prints(prints1, docs1).sort("report_id"))
    # 2018 and 2019 changed, 2020 lost its only report: rows of 2018–2019 are redone, reading 2017 for previous years.
    assert loads[-1] == {2017, 2018, 2019}
    row = updated.filter(pl.col("report_id") == "e19").row(0, named=True)
    assert row["previous_report_id"] == "e18" and row["is_near_copy_of_previous"] is True


def test_similarities_unchanged_years_are_not_recomputed():
    rows = [("a17", 2017, "1", "甲局", "x"), ("e18", 2018, "1", "甲局", "x")]
    docs, prints = _sim_corpus(rows)
    first, digests = update_similarities(lambda years: prints, docs, None, None)

    def fail(years):
        raise AssertionError("nothing changed: no prints should be read")

    again, _ = update_similarities(fail, docs, first, digests)
    assert again.equals(first)


def test_a_new_report_updates_the_previous_year_columns_of_the_next_year():
    before = [("a17", 2017, "1", "甲局", "x"), ("e18", 2018, "1", "甲局", "x"), ("b18", 2018, "2", "乙局", "y")]
    after = before + [("b17", 2017, "1", "甲局", "x")]  # 甲局 again in 2017, later by report id: now e18's previous report
    docs0, prints0 = _sim_corpus(before)
    docs1, prints1 = _sim_corpus(after)
    first, digests = update_similarities(lambda years: prints0 if years is None else prints0.filter(in_years(years)), docs0, None, None)
    updated, _ = update_similarities(lambda years: prints1.filter(in_years(years)), docs1, first, digests)
    assert updated.equals(similarities_from_prints(prints1, docs1).sort("report_id"))
    assert updated.filter(pl.col("report_id") == "e18")["previous_report_id"].item() == "b17"


def test_theme_means_do_not_depend_on_the_order_batches_arrive_in():
    from analysis.themes import PARTIAL_SCHEMA, themes_by_year_from_partials

    shares = [0.1, 0.2, 0.3]  # (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3) in floating point
    rows = [{"year": 2020, "theme": "staffing", "n_reports": 1, "share_sum": s, "n_share": 1, "n_naming": 1} for s in shares]
    forward = themes_by_year_from_partials(pl.DataFrame(rows, schema=PARTIAL_SCHEMA))
    backward = themes_by_year_from_partials(pl.DataFrame(rows[::-1], schema=PARTIAL_SCHEMA))
    assert forward["mean_share"].to_list() == backward["mean_share"].to_list()
    assert forward["n_reports"].to_list() == [3]


def test_minhash_signature_equals_the_remainder_by_division():
    """The division-free remainder by 2**61 - 1 gives the signature that ``%`` gives, bit for bit."""
    import numpy as np

    from analysis.similarity import _A, _B, _PRIME, gram_hashes, signature

    rng = np.random.default_rng(5)
    samples = [gram_hashes("政府信息公开工作存在的主要问题" * 3), np.array([0, 1, 2**32 - 1], dtype=np.uint32)]
    samples += [np.unique(rng.integers(0, 2**32, int(n), dtype=np.uint64).astype(np.uint32)) for n in rng.integers(1, 4000, 30)]
    for h in samples:
        with np.errstate(over="ignore"):
            expected = ((_A[:, None] * h.astype(np.uint64)[None, :] + _B[:, None]) % np.uint64(_PRIME)).min(axis=1)
        assert np.array_equal(signature(h), expected)


def test_gram_hashes_are_the_sorted_unique_hashes_of_the_5grams():
    import numpy as np

    from analysis.similarity import _gram_hashes64, gram_hashes

    for text in ("", "政府信", "政府信息公开", "政府信息公开" * 40, "存在的主要问题 \n 及改进情况" * 7):
        expected = np.unique((_gram_hashes64(text) >> np.uint64(32)).astype(np.uint32))
        assert np.array_equal(gram_hashes(text), expected) and gram_hashes(text).dtype == np.uint32
    assert gram_hashes("政府信息公开" * 40).size == 6  # a repeated text has as many distinct 5-grams as its period
