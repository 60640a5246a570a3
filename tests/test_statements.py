"""Problem statements: enumerated items (一是…, (一)…, 1.…, 第一…) or sentences, and their problem types."""

import polars as pl
import pytest

from analysis.sections import split_sections
from analysis.statements import categories, classify, cues, report_statements, split_statements


def _texts(text):
    return [s for _, s in split_statements(text)]


def test_yishi_items_with_their_lead_in():
    text = "虽然取得了一定成效,但仍存在以下问题:一是人员少,多为兼职;二是信息更新不及时;三是政策解读形式单一。"
    assert _texts(text) == ["虽然取得了一定成效,但仍存在以下问题:", "一是人员少,多为兼职;", "二是信息更新不及时;", "三是政策解读形式单一。"]


def test_bracketed_items_keep_what_they_nest():
    text = "(一)进一步规范公开行为\n1、加强培训。\n2、完善制度。\n(二)进一步拓展公开形式。发挥网站作用。"
    assert _texts(text) == ["(一)进一步规范公开行为\n1、加强培训。\n2、完善制度。", "(二)进一步拓展公开形式。发挥网站作用。"]


@pytest.mark.parametrize("text", [
    "1.队伍建设有待加强。人员多为兼职。\n2.公开内容不够全面。",
    "1、队伍建设有待加强。人员多为兼职。2、公开内容不够全面。",
    "(1)队伍建设有待加强。人员多为兼职。(2)公开内容不够全面。",
    "第一,队伍建设有待加强。人员多为兼职。第二,公开内容不够全面。",
])
def test_other_enumerations(text):
    items = _texts(text)
    assert len(items) == 2 and items[0].endswith("人员多为兼职。") and items[1].endswith("公开内容不够全面。")


def test_sentences_when_nothing_is_enumerated():
    text = "信息公开稍有迟缓。公开内容不够全面!\n信息发布不够规范"
    assert _texts(text) == ["信息公开稍有迟缓。", "公开内容不够全面!", "信息发布不够规范"]


def test_yishi_inside_a_word_is_no_item():
    assert _texts("统一是基础。专业是保障。") == ["统一是基础。", "专业是保障。"]


def test_a_paragraph_after_the_last_item_is_its_own_statement():
    text = "一是人员少;二是宣传不够。\n因此,我们将从以下方面改进:"
    assert _texts(text) == ["一是人员少;", "二是宣传不够。", "因此,我们将从以下方面改进:"]


def test_offsets_point_into_the_clean_text():
    text = "一、概述\n正文。\n二、存在的问题和改进措施\n仍存在以下问题:一是人员少;二是宣传不够。\n下一步,我局将加强培训。\n三、其他需要报告的事项\n无。"
    rows = report_statements(split_sections(text))
    assert [(p, o) for p, o, *_ in rows] == [("problems", 0), ("problems", 1), ("problems", 2), ("improvements", 0)]
    for _, _, stmt, offset, _ in rows:
        assert text[offset : offset + len(stmt)] == stmt


@pytest.mark.parametrize(("statement", "expected"), [
    ("一是受人员编制限制,信息公开工作由办公室人员兼职经办;", {"staff_capacity"}),
    ("二是信息公开属性界定不准确,主动公开内容不够深化;", {"attribute_review", "content_coverage"}),
    ("三是依申请公开工作机制仍需进一步规范;", {"request_handling"}),
    ("四是政府信息公开宣传力度还不够,造成公众查阅点利用率不高。", {"publicity_outreach"}),
    ("政策解读形式单一,缺少图解、视频等解读方式。", {"policy_interpretation"}),
    ("部分栏目更新不及时。", {"timeliness_updates"}),
    ("监督检查力度不够,考核机制不完善。", {"supervision_assessment"}),
    ("2016年,我局在政府信息公开上取得了一定成效。", set()),
])
def test_classify(statement, expected):
    assert set(classify(statement)) == expected


def test_a_blocking_word_cancels_the_cue_in_its_clause_only():
    # 机制 of the requests process is request handling, not the office's rules in general
    assert "institutions_mechanisms" not in classify("依申请公开工作机制仍需完善。")
    assert "institutions_mechanisms" in classify("依申请公开答复质量不高,工作机制仍需完善。")


def test_a_clause_without_a_subject_continues_the_one_before():
    # 形式较为单一 after 政策解读比例较低 is the form of interpretation, not of disclosure in general
    assert classify("政策解读比例较低,形式较为单一;") == ("policy_interpretation",)
    assert "channels_platforms" in classify("信息公开的内容需进一步丰富,方式需改进。")
    assert "channels_platforms" in classify("政务新媒体形式较为单一。")


def test_a_clause_reporting_an_achievement_names_no_problem():
    assert classify("一年来,我局公开力度进一步强化、公开机制更规范。") == ()
    assert "content_coverage" in classify("公开力度有待进一步强化。")  # still to be done
    assert "institutions_mechanisms" in classify("公开机制需进一步完善。")


def test_a_cue_inside_another_word_is_no_cue():
    assert "institutions_mechanisms" not in classify("部分工作人员对公开属性认定不够准确;")  # 部分工作, not 分工
    assert "supervision_assessment" not in classify("市场监督管理局政府信息公开工作取得了一定成绩,但还存在一些问题:")


def test_every_cue_names_a_codebook_category():
    assert {c.category for c in cues()} <= set(categories())
    assert set(categories()) == {c.category for c in cues()}  # and every category has cues


def test_problem_statements_for_every_report_with_a_problems_section(built):
    sections = pl.read_parquet(built / "sections" / "*.parquet")
    statements = pl.read_parquet(built / "problem_statements" / "*.parquet")
    with_problems = set(sections.filter(pl.col("section") == "problems")["report_id"])
    assert with_problems and with_problems <= set(statements.filter(pl.col("part") == "problems")["report_id"])
    texts = dict(pl.read_parquet(built / "texts" / "*.parquet").select("report_id", "text").iter_rows())
    for r in statements.sample(50, seed=1).iter_rows(named=True):
        assert texts[r["report_id"]][r["offset"] : r["offset"] + len(r["text"])] == r["text"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from analysis.build import build
    from conftest import RAW

    out = tmp_path_factory.mktemp("statements") / "processed"
    build(RAW, out, progress=False)
    return out


# ------------------------------------------------------------- validation on the labelled sets ---

from conftest import ROOT  # noqa: E402
from analysis.statements import NEAR_COPY, SETS, labelled_sets, load_sample, micro, validate  # noqa: E402

LABELLED = ROOT / "tests" / "fixtures" / "problem_statements_labelled.jsonl"
HELDOUT = ROOT / "tests" / "fixtures" / "problem_statements_heldout.jsonl"
DEV2 = ROOT / "tests" / "fixtures" / "problem_statements_dev2.jsonl"
HELDOUT2 = ROOT / "tests" / "fixtures" / "problem_statements_heldout2.jsonl"


@pytest.fixture(scope="module")
def sample():
    return load_sample(LABELLED)


@pytest.fixture(scope="module")
def heldout():
    return load_sample(HELDOUT)


@pytest.fixture(scope="module")
def dev2():
    return load_sample(DEV2)


@pytest.fixture(scope="module")
def heldout2():
    return load_sample(HELDOUT2)


def test_the_sample_is_at_least_200_statements_with_codebook_categories(sample):
    assert len(sample) >= 200
    assert {k for s in sample for k in s["categories"]} <= set(categories())


def test_the_heldout_set_is_other_statements_with_codebook_categories(sample, heldout):
    assert len(heldout) >= 100
    assert {k for s in heldout for k in s["categories"]} <= set(categories())
    assert {s["id"] for s in heldout}.isdisjoint({s["id"] for s in sample})
    strip = lambda s: "".join(s["text"].split())  # noqa: E731
    dev_keys = {(s["file"], s["part"], strip(s)) for s in sample}
    assert not [s["id"] for s in heldout if (s["file"], s["part"], strip(s)) in dev_keys]  # no statement drawn twice


def test_the_published_sets_are_the_fixtures():
    assert {k: (ROOT / v).resolve() for k, v in SETS.items()} == {"dev": LABELLED.resolve(), "dev2": DEV2.resolve(),
                                                                 "heldout": HELDOUT.resolve(), "heldout2": HELDOUT2.resolve()}


def test_the_pooled_heldout_set_is_both_heldout_sets(monkeypatch, heldout, heldout2):
    monkeypatch.chdir(ROOT)
    sets = labelled_sets()
    assert list(sets) == ["dev", "dev2", "heldout", "unseen", "heldout2", "pooled"]
    assert [s["id"] for s in sets["pooled"]] == [s["id"] for s in heldout + heldout2]
    assert len({s["id"] for s in sets["pooled"]}) == len(heldout) + len(heldout2)  # no id shared between the two


def _recount(rows, k):
    tp = sum(k in s["categories"] and k in classify(s["text"]) for s in rows)
    return tp, sum(k in classify(s["text"]) for s in rows), sum(k in s["categories"] for s in rows)


def test_unseen_is_the_heldout_set_without_near_copies_of_the_sample(monkeypatch, heldout):
    monkeypatch.chdir(ROOT)
    unseen = labelled_sets()["unseen"]
    assert 0 < len(unseen) < len(heldout)
    assert all("near copy of" in s.get("note", "") for s in heldout if s not in unseen) and NEAR_COPY == "near copy of"


@pytest.mark.parametrize("which", ["dev", "dev2", "heldout", "unseen", "heldout2", "pooled"])
def test_published_figures_are_recomputed_from_the_fixtures(sample, dev2, heldout, heldout2, which, monkeypatch):
    # The methods page shows problem_page.validation(): every figure of it is recomputed here by hand.
    from analysis.problem_page import validation

    monkeypatch.chdir(ROOT)
    rows = {"dev": sample, "dev2": dev2, "heldout": heldout, "heldout2": heldout2, "pooled": heldout + heldout2,
            "unseen": [s for s in heldout if not s.get("note", "").startswith("near copy of")]}[which]
    shown = {r["category"]: r for r in validation().iter_rows(named=True)}
    assert list(shown) == [*categories(), "all"]
    tp_all = assigned_all = labelled_all = 0
    for k in categories():
        tp, assigned, labelled = _recount(rows, k)
        tp_all, assigned_all, labelled_all = tp_all + tp, assigned_all + assigned, labelled_all + labelled
        assert (shown[k][f"{which}_assigned"], shown[k][f"{which}_labelled"]) == (assigned, labelled)
        assert shown[k][f"{which}_precision"] == (tp / assigned if assigned else None)
        assert shown[k][f"{which}_recall"] == (tp / labelled if labelled else None)
    assert shown["all"][f"{which}_precision"] == tp_all / assigned_all
    assert shown["all"][f"{which}_recall"] == tp_all / labelled_all
    assert (shown["all"][f"{which}_precision"], shown["all"][f"{which}_recall"]) == micro(validate(rows))


@pytest.mark.parametrize("which", ["sample", "dev2"])
def test_dev_precision_is_at_least_80_percent_for_every_type(which, request):
    # The bar, met on the data the cues were tuned on (version 4: the first sample and dev2); the held-out
    # figures are published as they are.
    v = validate(request.getfixturevalue(which))
    assert v.filter(pl.col("precision") < 0.8).height == 0, v


# Micro precision and recall measured once with the frozen cues, on the sets not read while tuning: v3 on the
# held-out set 0.81 and 0.88; v4 on the held-out set 0.83 and 0.89, on heldout2 0.84 and 0.83, pooled 0.83 and 0.86.
HELDOUT_FLOOR = (0.80, 0.85)
POOLED_FLOOR = (0.80, 0.85)


def test_heldout_precision_and_recall_overall(heldout, heldout2):
    # Micro-averaged over categories: floors that catch regressions, not targets tuned on these sets.
    p, r = micro(validate(heldout))
    assert p >= HELDOUT_FLOOR[0] and r >= HELDOUT_FLOOR[1]
    p, r = micro(validate(heldout + heldout2))
    assert p >= POOLED_FLOOR[0] and r >= POOLED_FLOOR[1]


def test_the_methods_page_names_the_types_below_80_percent_on_the_pooled_heldout_set(monkeypatch):
    # The prose names each weak type with the figures the table shows: precision and support on the pooled set.
    from analysis.problem_page import category_names, validation, weak_types

    monkeypatch.chdir(ROOT)
    text = (ROOT / "methods.qmd").read_text(encoding="utf-8")
    section = text[text.index("## Problem statements and problem types"):]
    section = " ".join(section[: section.index("\n## ", 5)].split())  # prose lines wrap inside names
    shown = {r["category"]: r for r in validation().iter_rows(named=True)}
    assert weak_types()
    for k in weak_types():
        r = shown[k]
        name = category_names()[k].split(" (")[0]
        assert f"{name} ({r['pooled_precision']:.0%}: {r['pooled_labelled']} labelled, {r['pooled_assigned']} assigned)" in section, k
    n = len(labelled_sets()["pooled"])
    assert f"pooled held-out set (held-out + held-out 2, {n} statements)" in section


def test_statements_without_a_problem_get_no_category(sample):
    empty = [s for s in sample if not s["categories"]]
    assert sum(not classify(s["text"]) for s in empty) / len(empty) >= 0.7


def test_a_pdf_line_break_inside_a_sentence_cuts_nothing():
    text = "针对上述问题,重点采取如下改进措\n施。\n一是提升政策公开质效。以政府公报数字化改革为抓\n手,加大发布力度。\n二是提高依申请公开办\n理质量。"
    assert _texts(text) == ["针对上述问题,重点采取如下改进措\n施。", "一是提升政策公开质效。以政府公报数字化改革为抓\n手,加大发布力度。",
                            "二是提高依申请公开办\n理质量。"]


# ------------------------------------------------- cues version 4: the error classes fixed on dev + dev2 ---
# Each case is a sentence written for the test in the genre's words (not taken from any labelled set).

@pytest.mark.parametrize(("statement", "category"), [
    ("一是工作人员业务不熟,对条例理解不透。", "staff_capacity"),                      # a shortfall said of 业务 itself
    ("二是缺乏懂信息技术的专门人员。", "staff_capacity"),                              # missing staff
    ("机构调整后,部分单位信息员空缺,未及时配备。", "staff_capacity"),                  # liaison posts
    ("强化政务公开理念,把公开贯穿工作全过程。", "awareness_attention"),                # 理念
    ("公开信息的丰富性还有待加强。", "content_coverage"),                              # richness of what is published
    ("公开内容还不太全面。", "content_coverage"),                                      # 不太全面
    ("认真梳理本单位掌握的政府信息,做到应公开尽公开。", "content_coverage"),            # sorting out information
    ("部分栏目长期无人定期维护。", "timeliness_updates"),                              # maintenance
    ("对上级文件及时录入、及时发布。", "timeliness_updates"),
    ("严格审核拟发布的信息,层层把关。", "attribute_review"),                            # review before release
    ("通过问卷调查了解群众对公开工作的意见。", "interaction_participation"),            # asking the public
    ("公开方式的便民性还不够。", "channels_platforms"),                                # convenience of the forms
    ("加强互联网在信息公开中的作用。", "channels_platforms"),
    ("拓展政府信息主动公开的形式。", "channels_platforms"),                            # verb and object 8 characters apart
    ("公开的形式还需要更加多样。", "channels_platforms"),                              # a word before the predicate
    ("政府信息公开宣传不到位,群众知晓率不高。", "publicity_outreach"),                 # publicity of the system
    ("加强《条例》宣传,提高社会知晓度。", "publicity_outreach"),
    ("规范公开内容,统一发布要求。", "standardisation"),                                 # 规范 of published items
    ("信息发布有待进一步规范。", "standardisation"),
    ("公开的程序还有待规范。", "institutions_mechanisms"),                              # 规范 of a procedure
    ("建立激励约束机制,奖惩分明。", "supervision_assessment"),                          # incentives and sanctions
])
def test_v4_cues_name_the_type(statement, category):
    assert category in classify(statement)


@pytest.mark.parametrize(("statement", "category"), [
    ("利用微信公众号宣传本镇各项工作还不够。", "publicity_outreach"),    # a unit's own media: a channel, not publicity
    ("配合宣传部门做好新闻发布。", "publicity_outreach"),               # the 宣传部
    ("积极运营“某某宣传”公众号。", "publicity_outreach"),              # an account named 宣传
    ("提升公开平台的传播力和覆盖面。", "content_coverage"),             # reach of dissemination
    ("不断提高政务公开工作的质量和水平。", "content_coverage"),          # a general call
    ("以制度化、规范化、科学化为目标推进工作。", "standardisation"),     # slogans
    ("公开的程序不够规范。", "standardisation"),                        # a procedure: institutions, not standardisation
    ("建立健全激励约束机制。", "institutions_mechanisms"),              # supervision, not institutions
    ("定期检查维护栏目内容。", "supervision_assessment"),               # maintenance, not inspection
    ("定期检查维护网站。", "channels_platforms"),                       # an unmaintained platform is updating
    ("通过培训增强干部依法行政意识。", "awareness_attention"),          # a mindset other than disclosure's
    ("信息公开存在不主动现象。", "awareness_attention"),                # disclosure, not people, not proactive
    ("发布前征求相关部门意见。", "interaction_participation"),          # consulting other offices
    ("与兄弟单位网站相比,内容偏少。", "channels_platforms"),            # a website named for comparison
    ("改进工作方式方法。", "channels_platforms"),                       # a way of working is no form of disclosure
])
def test_v4_cues_leave_out_what_is_not_the_type(statement, category):
    assert category not in classify(statement)


def test_a_list_cut_at_commas_keeps_its_nouns():
    # 、 splits 数量、质量和时效性有待提高 into clauses; the amount of information still names content
    assert set(classify("三是公开信息的数量、质量和时效性有待提高。")) == {"content_coverage", "timeliness_updates"}


def test_the_topics_and_means_of_a_training_name_only_the_training():
    s = "一是加强培训。通过线上线下结合的方式,围绕依申请公开办理、政府网站管理、公开制度等内容,举办业务培训班。"
    assert classify(s) == ("staff_capacity",)
    # a measure after the training is a measure of its own
    assert set(classify("组织开展业务培训,通过政府网站及时公开信息。")) == {"staff_capacity", "channels_platforms", "timeliness_updates"}
    # a topic marker without any training is no topic
    assert "request_handling" in classify("围绕依申请公开办理,规范答复文书。")
