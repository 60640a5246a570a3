"""Synthetic corpus of annual reports, for benchmarks and scale tests only (never written into data/raw/).

Each report is issued by a real jurisdiction of the gazetteer (under the name it
bore that year: 洪泽县 until 2015, 洪泽区 after), by its government, one of its
departments (named as departments were named that year: 国土资源局 until 2018,
自然资源局 after) or one of its townships, for a reporting year 2008–2025, in
that year's format:

* ``pre2014`` (2008–2013): prose only (概述, 主动公开, 依申请公开, 收费及减免,
  行政复议和行政诉讼, 存在的主要问题和改进措施); a few carry the old local
  statistics form (指标名称 | 计量单位 | 本年度 | 历年累计);
* ``2014_2018``: the same prose plus the national 统计指标 | 单位 | 合计 table
  (row labels as printed in real reports), in the appendix or after the signature;
* ``2019`` (2019–2020): the interim format of the revised regulation, with its
  transitional wording, its 第二十条 tables, the 申请 table by applicant type and
  the 复议/诉讼 table;
* ``2021`` (2021 on): the six fixed sections and the four mandatory tables.

Issuers come in runs of consecutive years and never report twice for a year; a
few copy last year's problems and plans (``copied_from`` in the truth), the
others draw their prose from sizeable phrase pools, so two reports share
little text. Figures are random but consistent (totals are sums, carried-over
requests are last year's carried-forward); a small share of reports
(``inconsistent``, default 2%) gets one deliberate inconsistency — prose
against table, or a printed total that is not the sum — recorded in the
truth. Statements use the phrasings of real reports, including a few that a
parser may not read (累计主动公开…, 共收取信息处理费0元, 否决公开答复总数…):
they are stated figures all the same.

Files come in the shapes scraped reports come in: UTF-8 text (some with a BOM,
CRLF or full-width digits), GBK, traditional characters (Big5, a few UTF-8),
HTML pages with real ``<table>`` markup and site chrome (UTF-8, GBK or Big5;
a few saved as .txt), and one-line crawler dumps (平潭 archive style, some with
the digits of single-digit rows run together). Text tables are flattened as
pipe grids (spanned cells empty), compact pipes, markdown, one cell per line
(with or without a trailing ``|``), spaces or tabs. Breadcrumbs, document
information blocks (索引号/发布机构…), 打印本页 关闭窗口, prev/next links and
footers surround the report.

``truth.jsonl`` has one line per file, in file order: file, jurisdiction,
province, year, template, and ``indicators`` — every figure the report states
(table value where the report prints one, else its first prose statement)
under the indicator names the parser emits, money in 元 — plus issuer,
issuer_kind, parent, format, encoding, script, table_shape, published and
bytes. A build of the corpus thus doubles as an accuracy check at scale.

Output is a pure function of (n, seed), whatever the number of processes:
chunks of 200 reports are generated in worker processes, each from its own
seeded random generator, and written by a few threads per worker (creating a
file is mostly waiting for the disk).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CHUNK = 200  # reports per work unit (and per random generator)
FIRST_YEAR, LAST_YEAR = 2008, 2025
GUARD_MESSAGE = "the synthetic corpus is never written into data/raw/"

# Placeholders in phrase pools, replaced once per report (str.replace is fast; the pools are built once).
SELF, ALL, NAME, YEAR, NEXT = (chr(0xE000 + i) for i in range(5))


# ================================================================ places ===


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province / prefecture / county
    province: str  # province of the place the name resolves to today (what the parser reports)
    prefecture: str  # parent prefecture name ("" for provinces and prefectures)
    short: str
    start: int
    end: int


_SUFFIXES = ("县", "区", "市", "旗", "州", "盟")
_SKIP_PROVINCES = {"台湾省", "香港特别行政区", "澳门特别行政区"}


@lru_cache(maxsize=1)
def all_places() -> tuple[Place, ...]:
    """Every name+code of the gazetteer in use at some time since 2008 (洪泽县 until 2015 and 洪泽区 from 2016 are two)."""
    from analysis import gazetteer

    province_now = {(p.adcode, p.name, p.status): gazetteer.current(p).province for p in gazetteer.places()}
    path = ROOT / "src" / "analysis" / "data" / "gazetteer.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: list[Place] = []
    seen = set()
    for r in rows:
        name, level = r["name"], r["level"]
        if level == "province":
            if name in _SKIP_PROVINCES:
                continue
        elif not name.endswith(_SUFFIXES) or "辖" in name or len(name) < 2:
            continue
        start, end = int(r["valid_from"] or 0), int(r["valid_to"] or 9999)
        if end < FIRST_YEAR or (name, r["adcode"], start) in seen:
            continue
        seen.add((name, r["adcode"], start))
        province = province_now.get((r["adcode"], name, r["status"]), r["province"])
        out.append(Place(name, level, province, r["prefecture"] if level == "county" else "", r["short_name"] or name, start, end))
    return tuple(out)


@lru_cache(maxsize=2)
def issuer_pools(seed: int) -> tuple[tuple[Place, ...], tuple[Place, ...], tuple[Place, ...]]:
    """Places in a fixed shuffled order: for governments, for departments, for townships."""
    rng = random.Random(f"issuers/{seed}")
    places = list(all_places())
    govs = places[:]
    rng.shuffle(govs)
    depts = [p for p in places if p.level != "province"]
    rng.shuffle(depts)
    towns = [p for p in places if p.level == "county"]
    rng.shuffle(towns)
    return tuple(govs), tuple(depts), tuple(towns)


# ============================================================ phrase pools ===
# Frames are str.format templates; each {slot} is drawn from SLOTS (or a topic's own slots).
# Words that the parser reads as figures (主动公开…信息N条, 申请…N件, 行政复议, 行政诉讼, 投诉/举报,
# 收费) never appear in these pools: figures are only stated by the statement builders further down.

ERA_GUIDE = {
    "pre2014": ["深入贯彻落实科学发展观", "以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观",
                "认真贯彻党的十七大和十七届历次全会精神", "深入贯彻党的十八大精神"],
    "2014_2018": ["深入贯彻党的十八大和十八届三中、四中、五中、六中全会精神", "认真贯彻落实习近平总书记系列重要讲话精神",
                  "全面贯彻党的十九大精神", "以习近平新时代中国特色社会主义思想为指导"],
    "2019": ["坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中全会精神",
             "坚持以习近平新时代中国特色社会主义思想为指导", "深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署",
             "认真贯彻落实党的十九届四中全会精神"],
    "2021": ["坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神", "深入贯彻落实党的二十大和二十届二中、三中全会精神",
             "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九届六中全会精神",
             "深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署", "坚持以人民为中心的发展思想"],
}

SLOTS: dict[str, list[str]] = {
    "act": [
        "坚持以公开为常态、不公开为例外", "围绕中心工作和群众关切深化公开内容", "持续拓展政府信息公开渠道", "进一步规范政府信息公开工作流程",
        "着力提升政策解读质量", "严格落实信息发布审核制度", "健全政府信息公开工作机制", "全面推进决策、执行、管理、服务、结果公开",
        "强化重点领域信息公开", "加大政务公开工作考核力度", "推动政务公开与政务服务深度融合", "及时回应社会关切",
        "扎实做好政府信息主动公开工作", "规范政府信息公开目录和指南编制", "完善政府信息公开保密审查机制", "加强政府网站内容保障",
        "不断提高政府工作透明度", "认真落实政府信息公开各项制度", "稳步推进政府信息公开标准化建设", "切实加强政府信息管理",
        "积极拓展公众参与渠道", "加强对各部门政务公开工作的业务指导", "推进政务公开向基层延伸", "注重公开实效",
        "深化权力运行全流程公开", "细化公开事项和标准", "不断丰富公开形式", "健全信息公开协调机制",
    ],
    "goal": [
        "政府信息公开工作取得了新的成效", "政务公开工作水平不断提升", "有效保障了人民群众的知情权、参与权、表达权和监督权",
        "为建设法治政府、服务型政府提供了有力支撑", "人民群众的获得感和满意度持续增强", "政府工作透明度和公信力进一步提高",
        "政务公开各项工作有序推进", "较好地完成了年度各项工作任务", "公开的广度和深度有了明显提升", "政务公开的规范化水平进一步提升",
        "政府信息公开工作整体迈上新台阶", "促进了政府依法行政", "政务公开工作质量和实效稳步提升", "公众对政府工作的满意度不断提高",
    ],
    "pattern": ["主要领导亲自抓、分管领导具体抓、职能部门抓落实", "上下联动、协调配合、齐抓共管", "统一领导、分级负责、部门协同",
                "一级抓一级、层层抓落实", "政府主抓、各方齐抓共管", "领导重视、专人负责、全员参与"],
    "lead": [
        "成立了由政府主要负责同志任组长的政务公开工作领导小组", "及时调整充实了政务公开工作领导小组成员", "明确政府办公室为政府信息公开工作的主管部门",
        "将政府信息公开工作纳入年度目标管理考核", "把政务公开工作列入重要议事日程", "定期召开专题会议研究部署政务公开工作",
        "建立了主要负责同志负总责、分管负责同志具体抓的工作机制", "各部门均明确了一名分管领导和一名信息员", "落实专项工作经费保障政务公开工作顺利开展",
        "将政务公开工作与业务工作同部署、同推进、同考核", "层层签订政务公开工作目标责任书", "形成了以政府办公室为牵头、各部门协同配合的工作体系",
        "配齐配强政务公开专兼职工作人员", "坚持每季度听取一次政务公开工作情况汇报", "制定印发了年度政务公开工作任务分解方案",
    ],
    "doc": [
        "政府信息公开保密审查办法", "政府信息依申请公开工作规程", "政府信息主动公开制度", "政务公开工作考核办法", "政府信息公开责任追究制度",
        "政府信息发布协调机制", "政策解读工作实施细则", "政务舆情回应工作办法", "政府网站信息发布审核制度", "政务新媒体管理办法",
        "重大行政决策公众参与办法", "政府信息公开社会评议制度", "行政规范性文件管理办法", "政府信息公开属性源头认定制度",
        "政府信息公开工作流程", "政务公开工作规范", "政府信息公开指南", "政务公开事项标准目录",
    ],
    "sys_verb": ["制定", "修订完善", "出台", "印发", "建立健全", "进一步完善"],
    "sys_effect": [
        "明确了公开的主体、内容、程序和时限", "进一步规范了政府信息公开工作流程", "做到了依法公开、规范运行", "为政府信息公开工作提供了制度保障",
        "实现了政府信息公开工作的制度化、规范化", "从源头上确保公开信息的准确性和安全性", "形成了较为完善的制度体系", "使各项工作有章可循",
        "推动政务公开工作常态化、长效化", "压实了各部门的公开责任",
    ],
    "plat": [
        "政府门户网站", "政府信息公开专栏", "政务微博", "政务微信公众号", "政府公报", "政务服务中心", "政府信息公开查阅点",
        "档案馆和图书馆", "政务服务便民热线", "政务服务网", "电子显示屏和公开栏", "村（社区）公开栏", "融媒体中心",
    ],
    "plat_act": [
        "及时更新栏目内容", "优化栏目设置", "完善站内检索功能", "开设了重点领域信息公开专栏", "设置政策解读、回应关切等栏目",
        "实行信息发布三级审核制度", "加强日常监测和内容保障", "推进政府网站集约化建设", "加强与上级平台的数据对接",
        "做到信息发布及时、准确、规范", "整合各类公开资源", "规范信息发布格式", "建立健全内容更新机制", "加强安全防护",
        "清理错链、断链和过期信息", "统一公开标准和栏目设置",
    ],
    "plat_effect": [
        "方便公众获取政府信息", "网站访问量稳步增长", "公开渠道进一步拓宽", "有效扩大了政府信息的覆盖面", "群众获取信息更加便捷",
        "成为公众获取政府信息的重要渠道", "政务公开的传播力和影响力不断增强", "较好地满足了不同群体的信息需求",
    ],
    "area": [
        "财政预决算和“三公”经费", "重大建设项目", "公共资源配置", "保障性住房", "食品药品安全", "环境保护", "安全生产",
        "征地拆迁", "社会救助", "义务教育", "医疗卫生", "价格和收费", "就业创业", "国有企业运营监管", "行政审批",
        "公共文化服务", "养老服务", "户籍管理", "住房公积金", "农村集体资金", "城乡规划", "交通运输", "水利建设",
    ],
    "area_obj": [
        "相关政策文件", "办事指南和办理结果", "资金分配和使用情况", "项目审批、实施和验收情况", "监督检查结果", "标准、条件和程序",
        "工作进展情况", "名单和补助标准", "招标投标和中标结果", "年度计划和执行情况", "抽检信息和处罚结果", "预算执行和审计结果",
        "政策措施及落实情况", "补偿标准和安置方案", "服务事项清单", "收费项目和标准",
    ],
    "area_verb": ["及时公开", "在政府门户网站设置专栏集中公开", "按照规定时限公开", "全面公开", "定期发布", "主动向社会公布", "集中发布",
                  "分类公开", "逐项公开"],
    "interp_form": ["图文解读", "视频解读", "专家解读", "领导解读", "问答解读", "一图读懂", "新闻发布会", "在线访谈", "政策吹风会"],
    "interp_topic": ["涉及群众切身利益的政策文件", "重要政策措施", "年度重点工作", "民生实事项目", "重大行政决策", "新出台的规范性文件",
                     "社会关注度高的政策", "惠企惠民政策"],
    "train": ["政务公开业务培训", "政府信息公开条例专题培训", "政府网站和政务新媒体管理培训", "依申请公开办理实务培训", "保密审查业务培训"],
    "check": ["政府网站和政务新媒体季度检查", "政务公开专项督查", "政府信息公开工作第三方评估", "政务公开工作年度考核", "信息发布情况抽查"],
    "problem": [
        "政策解读的形式还比较单一，图解、音视频等多样化解读产品较少", "部分单位对政务公开工作重视不够，存在重发布轻管理的现象",
        "信息公开的及时性有待进一步加强", "公开内容的深度和广度不够，与群众的需求还有一定差距", "依申请公开答复的规范性有待提高",
        "工作人员业务能力有待提升，人员变动较为频繁", "政务新媒体更新维护不够及时", "基层政务公开标准化规范化建设进展不平衡",
        "重点领域信息公开还不够全面", "回应社会关切的主动性不强", "政府信息公开平台的互动功能有待完善", "公众参与的渠道和方式较为有限",
        "部分信息公开内容更新不及时，存在“重形式、轻内容”的问题", "政府网站栏目设置还需优化", "信息发布审核把关不够严格，个别信息存在错别字",
        "政务公开工作考核评估机制有待完善", "对基层政务公开工作的指导还不够", "主动公开目录编制不够细化", "政府信息公开工作经费保障不足",
        "公开信息的可读性和实用性有待提高", "个别部门存在信息报送不及时的情况", "专兼职人员不足，工作力量较为薄弱", "政府信息公开指南和目录更新滞后",
        "依申请公开办理中对法律法规的理解把握还不够精准", "政务公开与政务服务融合度不高", "政策文件的公开属性认定不够准确",
        "部分栏目信息发布数量少、内容单一", "信息公开工作的制度化建设有待加强", "网上互动交流平台的答复质量参差不齐",
        "政府开放日等公众参与活动开展较少", "公开信息的分类和检索不够便捷", "政务公开专区作用发挥不充分",
        "部分单位对公开与保密的关系把握不准", "政策解读与文件发布不同步的情况仍然存在", "基层工作人员对政务公开标准目录掌握不够",
    ],
    "problem_lead": ["", "", "", "目前", "从工作实际看", "对照上级要求", "与群众期盼相比", "在工作中也发现", "具体来看"],
    "imp_verb": ["进一步加强", "持续深化", "着力提升", "不断完善", "切实抓好", "全面推进", "扎实做好", "认真落实", "积极探索", "大力推进"],
    "imp_obj": [
        "政策解读工作", "重点领域信息公开", "依申请公开办理工作", "政务公开业务培训", "政府网站和政务新媒体管理", "信息发布审核机制",
        "政务公开考核评估", "基层政务公开标准化规范化建设", "政府信息管理", "公众参与和回应关切", "政务公开队伍建设",
        "政府信息公开目录动态更新", "政务公开专区建设", "政府开放日活动", "政务公开制度建设", "公开平台建设", "公开属性源头认定",
    ],
    "imp_goal": [
        "确保公开信息及时、准确、完整", "不断提升政务公开工作质量和实效", "切实增强公开实效", "推动政务公开工作再上新台阶",
        "更好地满足人民群众的信息需求", "提高政府公信力和执行力", "让政务公开成为群众了解政府的重要窗口", "确保各项工作落到实处",
        "做到应公开尽公开", "提升群众的获得感和满意度", "为经济社会发展提供有力保障", "推动形成常态化工作机制",
    ],
    "imp_how": [
        "定期组织学习和培训", "采取以会代训、专题辅导等方式", "细化任务分工", "建立工作台账", "加强督促检查", "引入第三方评估",
        "完善考核评价办法", "加强与上级部门的沟通衔接", "强化结果运用", "开展常态化巡查", "健全长效机制", "严格落实责任",
    ],
}

# Topic → frames. {y} is the reporting year and {z} the next year (placeholders), {self}/{all} the issuer.
FRAMES: dict[str, list[str]] = {
    "open": [
        "{y}年，{self}{guide}，{act}，{act}，{goal}。",
        "{y}年，在上级政府的正确领导下，{self}认真贯彻落实《条例》和上级关于政务公开工作的部署要求，{act}，{goal}。",
        "{y}年以来，{self}紧紧围绕中心工作，{act}，{act}，{act}，{goal}。",
        "一年来，{self}{guide}，按照“{pattern}”的要求，{act}，{goal}。",
        "{y}年，{name}{guide}，{act}，{act}，{goal}，{goal}。",
        "{self}把政府信息公开作为建设法治政府的重要抓手，{act}，{act}，{goal}。",
    ],
    "lead": [
        "{self}高度重视政府信息公开工作，{lead}，{lead}。",
        "{lead}，{lead}，形成了{pattern}的工作格局。",
        "{y}年，{self}{lead}，{lead}，为做好政府信息公开工作提供了坚强的组织保障。",
        "为进一步加强对政务公开工作的领导，{self}{lead}，并{lead}。",
        "按照“{pattern}”的要求，{lead}，确保政府信息公开工作有人管、有人抓。",
        "{lead}，定期研究解决工作中遇到的困难和问题，{goal}。",
    ],
    "system": [
        "{sys_verb}了《{name}{doc}》，{sys_effect}。",
        "{sys_verb}了《{doc}》和《{doc}》，{sys_effect}，{sys_effect}。",
        "为推动政务公开工作规范化，{self}{sys_verb}了《{doc}》，{sys_effect}。",
        "结合工作实际，{sys_verb}《{doc}》，{sys_effect}。",
        "{y}年，{self}先后{sys_verb}了《{doc}》《{doc}》等制度，{sys_effect}。",
    ],
    "platform": [
        "充分发挥{plat}作为政府信息公开第一平台的作用，{plat_act}，{plat_act}，{plat_effect}。",
        "{plat}{plat_act}，{plat_act}，{plat_effect}。",
        "进一步加强{plat}建设，{plat_act}，{plat_effect}。",
        "依托{plat}和{plat}，{plat_act}，{plat_effect}。",
        "在用好{plat}的同时，{self}{plat_act}，{plat_effect}。",
        "全年{plat}共发布各类信息{n}余条，{plat_effect}。",
        "{plat}全年访问量达{k}万人次，{plat_effect}。",
        "在{plat}设置政府信息公开查阅点{k}个，配备专门的查询设备，{plat_effect}。",
    ],
    "area": [
        "在{area}信息公开方面，{area_verb}{area_obj}，{area_verb}{area_obj}。",
        "推进{area}信息公开，{area_verb}{area_obj}，{plat_effect}。",
        "围绕{area}，{area_verb}{area_obj}，全年发布相关信息{n}余条。",
        "加大{area}领域信息公开力度，{area_verb}{area_obj}，{area_verb}{area_obj}。",
        "{self}{area_verb}{area}{area_obj}，接受社会监督。",
        "做好{area}信息公开，{area_verb}{area_obj}和{area_obj}，{goal}。",
        "着力推进{area}和{area}信息公开，{area_verb}{area_obj}，{plat_effect}。",
    ],
    "interp": [
        "坚持政策文件与解读材料同步组织、同步审签、同步部署，通过{interp_form}、{interp_form}等形式对{interp_topic}进行解读。",
        "围绕{interp_topic}，采取{interp_form}等方式开展解读{k}次，增强了政策的可读性和可及性。",
        "对{interp_topic}，{self}坚持“谁起草、谁解读”的原则，通过{interp_form}等形式进行深入解读。",
        "全年召开新闻发布会{k}场，开展在线访谈{k}期，及时回应社会关切。",
        "健全政务舆情收集、研判、处置和回应机制，对涉及{interp_topic}的舆情做到及时发现、及时回应。",
        "加强对{interp_topic}的宣传解读，运用{interp_form}等群众喜闻乐见的形式，让政策“飞入寻常百姓家”。",
    ],
    "manage": [
        "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，确保公开信息不涉密。",
        "开展行政规范性文件清理工作，对已失效、废止的文件及时标注并公开清理结果。",
        "动态更新政府信息公开目录和指南，{plat_act}，{sys_effect}。",
        "在公文办理程序中明确公开属性，对不予公开的说明理由，{sys_effect}。",
        "加强政府信息的统一管理，建立政府信息公开工作台账，{sys_effect}。",
        "对历史信息开展“回头看”，逐条核对公开内容，{plat_act}。",
        "严格执行信息发布“三审三校”制度，{sys_effect}。",
    ],
    "supervise": [
        "组织开展{train}{k}次，参训人员达{n}人次，{goal}。",
        "将政务公开工作纳入年度绩效考核，分值权重占{k}%，{sys_effect}。",
        "开展{check}，对发现的问题逐一督促整改，{goal}。",
        "坚持以考促改，将{check}结果在一定范围内通报，{sys_effect}。",
        "采取“请进来、走出去”的方式开展{train}，{goal}。",
        "聘请社会监督员{k}名，对政务公开工作进行监督评议。",
        "结合{check}，{self}对各单位工作开展情况进行通报，{sys_effect}。",
    ],
    "request_narr": [
        "进一步规范依申请公开受理、审查、处理、答复等各个环节，严格按照法定时限答复。",
        "建立依申请公开登记台账，实行专人受理、全程跟踪、限时办结。",
        "对疑难复杂的申请，会同法律顾问进行会商研判，确保答复合法合规。",
        "在政府门户网站公布依申请公开的受理机构、办理流程和联系方式，畅通申请渠道。",
        "统一依申请公开答复文书格式，做到依法答复、规范答复、精准答复。",
        "加强与申请人的沟通，准确把握申请人的信息需求，提高答复的针对性。",
    ],
    "problem_open": [
        "{y}年，{self}政府信息公开工作虽然取得了一定成效，但与上级要求和人民群众的期待相比，仍存在一些不足，主要表现在：",
        "政府信息公开工作在取得成效的同时，也还存在一些问题和不足：",
        "回顾一年来的工作，还存在以下问题：",
        "虽然{self}政务公开工作取得了一定成绩，但对照《条例》要求和群众期盼，仍存在一定差距，主要是：",
        "在肯定成绩的同时，我们也清醒地看到，{self}政府信息公开工作还存在一些薄弱环节：",
    ],
    "imp_open": [
        "下一步，{self}将重点做好以下几个方面的工作：",
        "针对上述问题，{self}将采取以下措施加以改进：",
        "{z}年，{self}将继续深入贯彻落实《条例》，着力做好以下工作：",
        "针对存在的问题，下一步将从以下几个方面加以改进：",
        "下一步，我们将以问题为导向，重点抓好以下工作：",
    ],
    "imp_item": [
        "{imp_verb}{imp_obj}，{imp_how}，{imp_goal}。",
        "{imp_verb}{imp_obj}。{imp_how}，{imp_how}，{imp_goal}。",
        "{imp_verb}{imp_obj}和{imp_obj}，{imp_goal}。",
        "围绕{area}等重点领域，{imp_verb}{imp_obj}，{imp_goal}。",
        "{imp_how}，{imp_verb}{imp_obj}，{imp_goal}。",
    ],
    "other": [
        "按照上级政务公开工作要点要求，{self}逐项细化任务分工，{act}，{goal}。",
        "全年承办人大代表建议{k}件、政协委员提案{k}件，办理复文均已按要求公开，办结率100%。",
        "积极开展政府开放日活动，邀请群众代表走进政府机关，{goal}。",
        "在政务公开创新方面，{self}{plat_act}，探索推行“{area}”一站式公开，{plat_effect}。",
        "推进基层政务公开标准化规范化建设，编制完成{k}个领域的政务公开事项标准目录。",
        "持续推进政务公开专区建设，在政务服务中心设立政务公开专区，{plat_effect}。",
    ],
    "workplan": [
        "认真落实{y}年政务公开工作要点，{act}，{act}，{goal}。",
        "围绕{area}等重点领域，制定了年度政务公开工作要点实施方案，明确责任单位和完成时限。",
        "对照工作要点逐项抓好落实，{area_verb}{area_obj}，{goal}。",
        "按照要点要求，{self}全年召开新闻发布会{k}场，发布政策解读稿件{k}篇，{goal}。",
    ],
    "proposal": [
        "{y}年，{self}共承办人大代表建议{k}件、政协委员提案{k}件，全部按期办结，办理结果均已公开。",
        "在政府门户网站开设建议提案办理结果公开专栏，集中公开建议提案复文{k}件，主动接受社会监督。",
        "对涉及公共利益、社会关注度高的建议提案办理复文，{self}全文公开，{goal}。",
    ],
}

# Year-dependent words added to the pools of the matching era.
ERA_EXTRA: dict[str, dict[str, list[str]]] = {
    "pre2014": {"area": ["“三公”经费", "征地补偿", "惠农补贴", "就业再就业", "灾后重建"], "plat": ["政府信息公开网", "政务公开栏"]},
    "2014_2018": {"area": ["权力清单和责任清单", "“双随机、一公开”", "精准扶贫", "脱贫攻坚", "减税降费", "优化营商环境", "棚户区改造"],
                  "plat": ["政务微博", "政务微信公众号", "政务客户端"]},
    "2019": {"area": ["脱贫攻坚", "减税降费", "优化营商环境", "疫情防控", "复工复产", "生态环境", "应急管理"],
             "plat": ["政务新媒体", "政务服务“好差评”系统"]},
    "2021": {"area": ["乡村振兴", "疫情防控", "生态环境", "优化营商环境", "稳岗就业", "养老托育", "公共企事业单位"],
             "plat": ["政务新媒体", "政务公开专区", "政策文件库", "政务抖音号"]},
}
POOL_SIZE = 700  # sentences per topic and era


def _fill(frame: str, rng: random.Random, slots: dict[str, list[str]], guide: list[str]) -> str:
    out = []
    used: set[str] = set()
    pos = 0
    while True:
        a = frame.find("{", pos)
        if a < 0:
            out.append(frame[pos:])
            break
        b = frame.index("}", a)
        out.append(frame[pos:a])
        key = frame[a + 1 : b]
        if key == "y":
            out.append(YEAR)
        elif key == "z":
            out.append(NEXT)
        elif key == "self":
            out.append(SELF)
        elif key == "all":
            out.append(ALL)
        elif key == "name":
            out.append(NAME)
        elif key == "guide":
            out.append(rng.choice(guide))
        elif key == "n":  # "全年发布相关信息1900余条": round figures
            v = rng.choice((_ri(rng, 20, 300), _ri(rng, 100, 3000), _ri(rng, 1000, 20000)))
            out.append(str(round(v, 2 - len(str(v)))))
        elif key == "k":
            out.append(str(_ri(rng, 2, 60)))
        else:
            choice = rng.choice(slots[key])
            for _ in range(4):  # the same slot twice in a frame gets two different words
                if choice not in used:
                    break
                choice = rng.choice(slots[key])
            used.add(choice)
            out.append(choice)
        pos = b + 1
    return "".join(out)


@lru_cache(maxsize=2)
def pools(seed: int) -> dict[str, dict[str, tuple]]:
    """era → topic → sentences (with placeholders), and topic/frames → the same grouped by frame; built once per process."""
    rng = random.Random(f"pools/{seed}")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for era, guide in ERA_GUIDE.items():
        slots = {k: v + ERA_EXTRA[era].get(k, []) for k, v in SLOTS.items()}
        out[era] = {}
        for topic, frames in FRAMES.items():
            groups = []
            for frame in frames:
                n = POOL_SIZE // len(frames) if "{" in frame.replace("{y}", "").replace("{z}", "").replace("{self}", "") else 1
                groups.append(tuple(dict.fromkeys(_fill(frame, rng, slots, guide) for _ in range(n))))
            out[era][topic] = tuple(x for g in groups for x in g)
            out[era][topic + "/frames"] = tuple(groups)
    return out


def _problem_item(rng: random.Random, slots: dict[str, list[str]], problem: str = "") -> str:
    lead = rng.choice(slots["problem_lead"])
    tail = rng.choice(("影响了公开实效", "与群众的期待还有差距", "需要在今后工作中加以改进", "有待进一步加强")) if rng.random() < 0.4 else ""
    return (lead + "，" if lead else "") + (problem or rng.choice(slots["problem"])) + ("，" + tail if tail else "") + "。"


# =============================================================== figures ===


def _ri(rng: random.Random, a: int, b: int) -> int:
    """Uniform integer in [a, b] (random.randint's arithmetic, without its argument checks, which are most of its cost)."""
    return a + int(rng.random() * (b - a + 1))


def _ln(rng: random.Random, median: float, sigma: float = 1.0, lo: int = 0, hi: int | None = None) -> int:
    v = round(median * math.exp(rng.gauss(0.0, sigma)))
    v = max(lo, v)
    return v if hi is None else min(hi, v)


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """total as len(weights) non-negative integers (random shares around the weights)."""
    n = len(weights)
    if total <= 0:
        return [0] * n
    if total < 12:
        out = [0] * n
        for i in rng.choices(range(n), weights=weights, k=total):
            out[i] += 1
        return out
    raw = [w * (0.4 + rng.random()) for w in weights]
    s = sum(raw) or 1.0
    out = [int(total * r / s) for r in raw]
    for i in rng.choices(range(n), weights=weights, k=total - sum(out)):
        out[i] += 1
    return out


SCALE = {"province": 30.0, "prefecture": 6.0, "county": 1.0, "department": 0.15, "township": 0.06}
# Outcome rows of the 2019/2021 申请 table and their typical weights.
OUTCOMES_2021 = (
    ("outcome_granted", 0.34), ("outcome_partial", 0.07),
    ("outcome_denied_state_secret", 0.004), ("outcome_denied_law_prohibited", 0.006), ("outcome_denied_security", 0.003),
    ("outcome_denied_third_party", 0.012), ("outcome_denied_internal", 0.01), ("outcome_denied_process", 0.015),
    ("outcome_denied_enforcement_file", 0.006), ("outcome_denied_query", 0.008),
    ("outcome_not_held", 0.24), ("outcome_unable_create", 0.03), ("outcome_unable_unclear", 0.02),
    ("outcome_not_processed_complaint", 0.03), ("outcome_not_processed_repeat", 0.03), ("outcome_not_processed_publication", 0.004),
    ("outcome_not_processed_mass", 0.01), ("outcome_not_processed_confirm", 0.008),
    ("outcome_other_no_correction", 0.03), ("outcome_other_no_fee", 0.004), ("outcome_other", 0.05),
)
OUTCOMES_2019 = OUTCOMES_2021[:18] + (("outcome_other_processing", 0.08),)
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending", "total")


def pre2019_figures(rng: random.Random, year: int, kind: str) -> dict[str, float]:
    """Every figure of the national 统计指标 table, consistent (the prose of pre-2019 reports states a subset)."""
    s = SCALE[kind]
    f: dict[str, float] = {}
    p = _ln(rng, 900 * s * (0.6 if year < 2014 else 1.0), 1.0, lo=3)
    f["proactive_total"] = p
    docs = _ln(rng, 25 * s, 0.9)
    f["normative_docs_issued"] = docs
    f["proactive_normative_docs"] = _ri(rng, int(docs * 0.6), docs) if docs else 0
    web = max(1, int(p * rng.uniform(0.55, 0.98)))
    gazette = _ln(rng, 40 * s, 0.8) if rng.random() < 0.6 else 0
    weibo = _ln(rng, p * 0.2, 0.8) if year >= 2011 and rng.random() < 0.75 else 0
    wechat = _ln(rng, p * 0.25, 0.8) if year >= 2013 and rng.random() < 0.8 else 0
    other = _ln(rng, p * 0.1, 1.0) if rng.random() < 0.7 else 0
    f.update(proactive_gazette=gazette, proactive_website=web, proactive_weibo=weibo, proactive_wechat=wechat, proactive_other=other)
    f["proactive_channels_total"] = gazette + web + weibo + wechat + other
    pc, oi = _ln(rng, 6 * s, 0.9), _ln(rng, 4 * s, 0.9)
    f.update(press_conferences=pc, press_conferences_leaders=_ri(rng, 0, pc), online_interviews=oi, online_interviews_leaders=_ri(rng, 0, oi))
    f["policy_interpretations"] = _ln(rng, 30 * s, 1.0)
    f["responses_social_media"] = _ln(rng, 60 * s, 1.2)
    f["responses_other"] = _ln(rng, 20 * s, 1.2)
    f["responses_total"] = pc + oi + f["policy_interpretations"] + f["responses_social_media"] + f["responses_other"]
    f["responses_hotspots"] = _ln(rng, 15 * s, 1.0)
    r = 0 if rng.random() < (0.45 if kind in ("department", "township") else 0.12) else _ln(rng, 14 * s * (0.5 if year < 2014 else 1.0), 1.1, lo=1)
    f["requests_received"] = r
    channels = _split(rng, r, [0.25, 0.02, 0.45, 0.08 if year < 2014 else 0.0, 0.2])  # in person, fax, online, e-mail, letter
    f.update(requests_in_person=channels[0], requests_fax=channels[1], requests_online=channels[2], requests_email=channels[3],
             requests_letter=channels[4])
    done = r - (_ri(rng, 0, max(0, r // 12)) if r > 5 else 0)
    extended = _ri(rng, 0, done // 10) if done > 3 else 0
    f.update(requests_completed=done, requests_completed_on_time=done - extended, requests_extended=extended)
    outs = _split(rng, r, [0.12, 0.45, 0.08, 0.07, 0.08, 0.12, 0.04, 0.04])
    names = ("outcome_already_public", "outcome_granted", "outcome_partial", "outcome_denied", "outcome_not_this_agency",
             "outcome_not_held", "outcome_clarify", "outcome_other_channel")
    f.update(zip(names, outs))
    f["outcome_total"] = r
    reasons = _split(rng, outs[3], [0.1, 0.1, 0.2, 0.05, 0.4, 0.15])
    f.update(zip(("outcome_denied_state_secret", "outcome_denied_commercial_secret", "outcome_denied_privacy", "outcome_denied_security",
                  "outcome_denied_not_gov_info", "outcome_denied_other_law"), reasons))
    for k, share in (("review", 0.06), ("litigation", 0.04)):
        total = _ln(rng, r * share, 0.8) if r and rng.random() < 0.5 else 0
        parts = _split(rng, total, [0.6, 0.15, 0.25])
        f.update({f"{k}_total": total, f"{k}_upheld": parts[0], f"{k}_corrected": parts[1], f"{k}_other": parts[2]})
    f["complaints"] = _ln(rng, 2 * s, 1.0) if rng.random() < 0.25 else 0
    f["fees_collected"] = 0 if rng.random() < 0.93 else round(_ri(rng, 1, 300) / 100, 2)
    f["offices"] = _ln(rng, 12 * s, 0.6, lo=1)
    f["reading_points"] = _ln(rng, 8 * s, 0.8, lo=1)
    ft, pt = _ln(rng, 5 * s, 0.7, lo=1), _ln(rng, 25 * s, 0.8)
    f.update(staff_fulltime=ft, staff_parttime=pt, staff_total=ft + pt)
    f["funding"] = round(_ln(rng, 80 * s, 1.0) / 10, 1)
    f["meetings"] = _ln(rng, 5 * s, 0.8)
    f["trainings"] = _ln(rng, 4 * s, 0.8)
    f["trainees"] = _ln(rng, 150 * s, 0.9)
    return f


@dataclass
class NewFigures:
    """Figures of a 2019/2021 report: the proactive table, the 申请 table by applicant and the review table."""

    proactive: dict[str, float]
    rows: dict[str, list[int]]  # indicator → six applicant columns (the 总计 column is their sum)
    review: dict[str, int]
    proactive_total: int
    channels: dict[str, int]


def new_figures(rng: random.Random, year: int, kind: str, template: str, carried: list[int] | None) -> NewFigures:
    s = SCALE[kind]
    pr: dict[str, float] = {}
    if template == "2021":
        for stem, med in (("regulations", 0.3 * s), ("normative_docs", 6 * s)):
            issued = _ln(rng, med, 1.0) if rng.random() < 0.7 else 0
            repealed = _ln(rng, med * 0.5, 1.0) if rng.random() < 0.4 else 0
            pr[f"{stem}_issued"], pr[f"{stem}_repealed"] = issued, repealed
            pr[f"{stem}_valid"] = issued + _ln(rng, med * 6, 0.8)
        pr["licensing_decisions"] = _ln(rng, 2500 * s, 1.2)
        pr["penalty_decisions"] = _ln(rng, 600 * s, 1.3)
        pr["coercion_decisions"] = _ln(rng, 30 * s, 1.5) if rng.random() < 0.7 else 0
        pr["admin_fees_collected"] = round(_ln(rng, 80000 * s, 1.5) / 100, 2) if rng.random() < 0.8 else 0  # printed in 万元
    else:
        for stem, med in (("regulations", 0.3 * s), ("normative_docs", 6 * s)):
            made = _ln(rng, med, 1.0) if rng.random() < 0.7 else 0
            pr[f"{stem}_made"], pr[f"{stem}_published"] = made, _ri(rng, int(made * 0.7), made) if made else 0
            pr[f"{stem}_public_total"] = pr[f"{stem}_published"] + _ln(rng, med * 5, 0.8)
        for stem, med in (("licensing", 120 * s), ("other_services", 40 * s), ("penalty", 300 * s), ("coercion", 20 * s)):
            pr[f"{stem}_items_prev"] = _ln(rng, med, 0.8)
            pr[f"{stem}_items_change"] = rng.choice((0, 0, 0, _ri(rng, -5, 8)))
            decisions = "penalty_decisions" if stem == "penalty" else f"{stem}_decisions"
            pr[decisions] = _ln(rng, med * (20 if stem == "licensing" else 2), 1.2)
        pr["admin_fee_items_prev"] = _ln(rng, 15 * s, 0.8)
        pr["admin_fee_items_change"] = rng.choice((0, 0, _ri(rng, -3, 2)))
        items = _ln(rng, 30 * s, 1.0)
        pr["procurement_items"] = items
        pr["procurement_amount"] = _ln(rng, 40000 * s, 1.2) * 100 if items else 0  # 元, printed in 元 or 万元
    empty = rng.random() < (0.4 if kind in ("department", "township") else 0.1)
    r = 0 if empty else _ln(rng, 25 * s * (1.3 if template == "2021" else 1.0), 1.1, lo=1)
    mix = [rng.uniform(0.5, 0.95), rng.uniform(0.0, 0.15), rng.uniform(0, 0.01), rng.uniform(0, 0.01), rng.uniform(0, 0.08), rng.uniform(0, 0.06)]
    new = _split(rng, r, mix)
    if carried is None:
        carried = _split(rng, rng.choice((0, 0, 0, _ri(rng, 1, max(1, r // 8 + 1)))), mix)
    outcomes = OUTCOMES_2021 if template == "2021" else OUTCOMES_2019
    weights = [w * rng.uniform(0.3, 1.7) for _, w in outcomes]
    rows: dict[str, list[int]] = {name: [0] * 6 for name, _ in outcomes}
    forward = [0] * 6
    for c in range(6):
        handled = new[c] + carried[c]
        forward[c] = int(handled * rng.uniform(0, 0.12)) if handled > 4 else 0
        for (name, _), v in zip(outcomes, _split(rng, handled - forward[c], weights)):
            rows[name][c] = v
    table = {"requests_received": new, "requests_carried_over": list(carried)}
    table.update(rows)
    table["outcome_total"] = [new[c] + carried[c] - forward[c] for c in range(6)]
    table["requests_carried_forward"] = forward
    review: dict[str, int] = {}
    for k, share in (("review", 0.06), ("litigation_direct", 0.03), ("litigation_after_review", 0.015)):
        total = _ln(rng, max(r, 1) * share, 0.8) if r and rng.random() < 0.45 else 0
        for part, v in zip(REVIEW_PARTS[:4], _split(rng, total, [0.6, 0.12, 0.13, 0.15])):
            review[f"{k}_{part}"] = v
        review[f"{k}_total"] = total
    p = _ln(rng, 1500 * s, 1.0, lo=5)
    web = int(p * rng.uniform(0.5, 0.95))
    channels = {"proactive_website": web, "proactive_wechat": _ln(rng, p * 0.3, 0.8), "proactive_weibo": _ln(rng, p * 0.1, 0.8) if rng.random() < 0.5 else 0}
    return NewFigures(pr, table, review, p, channels)


# =============================================================== issuers ===

# (name, first year, last year): departments as they were called in each period.
DEPARTMENTS = (
    ("财政局", 2008, 2099), ("教育局", 2008, 2099), ("公安局", 2008, 2099), ("民政局", 2008, 2099), ("司法局", 2008, 2099),
    ("人力资源和社会保障局", 2010, 2099), ("劳动和社会保障局", 2008, 2010), ("国土资源局", 2008, 2018), ("自然资源局", 2019, 2099),
    ("住房和城乡建设局", 2010, 2099), ("建设局", 2008, 2010), ("交通运输局", 2009, 2099), ("交通局", 2008, 2009),
    ("农业局", 2008, 2018), ("农业农村局", 2019, 2099), ("水利局", 2008, 2099), ("商务局", 2008, 2099),
    ("文化局", 2008, 2013), ("文化广电新闻出版局", 2014, 2018), ("文化和旅游局", 2019, 2099), ("卫生局", 2008, 2013),
    ("卫生和计划生育局", 2014, 2018), ("卫生健康局", 2019, 2099), ("审计局", 2008, 2099), ("统计局", 2008, 2099),
    ("工商行政管理局", 2008, 2015), ("市场监督管理局", 2015, 2099), ("环境保护局", 2008, 2018), ("生态环境局", 2019, 2099),
    ("安全生产监督管理局", 2008, 2018), ("应急管理局", 2019, 2099), ("发展和改革局", 2008, 2099), ("林业局", 2008, 2099),
    ("退役军人事务局", 2019, 2099), ("医疗保障局", 2019, 2099), ("食品药品监督管理局", 2008, 2017), ("科学技术局", 2008, 2099),
    ("城市管理局", 2012, 2099), ("信访局", 2008, 2099), ("体育局", 2008, 2099), ("发展和改革委员会", 2008, 2099),
    ("卫生健康委员会", 2019, 2099), ("住房保障和房产管理局", 2010, 2099), ("行政审批局", 2016, 2099), ("数据资源管理局", 2019, 2099),
)
TOWNS = (
    "城关镇", "新华街道", "东城街道", "西城街道", "南关街道", "北关街道", "太平镇", "永安镇", "新兴镇", "长安镇", "和平镇", "兴隆镇",
    "大营镇", "小河镇", "石桥镇", "龙泉镇", "白沙镇", "青龙镇", "高桥镇", "马头镇", "官庄镇", "柳林镇", "桃源镇", "梅花镇", "双河镇",
    "三合镇", "五里镇", "清水镇", "杨柳乡", "红星乡", "团结乡", "胜利乡", "向阳乡", "东风乡", "建设街道", "解放街道", "河东街道",
    "河西街道", "城南街道", "城北街道", "花园街道", "滨河街道", "朝阳街道", "金桥街道", "古城镇", "大桥镇", "新店镇", "黄石镇",
)
_SELF_BY_SUFFIX = {"区": "区", "县": "县", "市": "市", "旗": "旗", "州": "州", "盟": "盟", "省": "省"}


@dataclass
class Issuer:
    place: Place
    kind: str  # government / department / township
    display: str  # place as written in the title (洪泽区, or 淮安市洪泽区)
    body: str  # the issuing body as named in titles and signatures
    self_word: str
    all_word: str
    office: str
    signature: tuple[str, ...]
    jurisdiction: str  # what the parser should report
    site: str
    domain: str
    copier: bool = False
    title_style: int = 0


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(n))


def make_issuer(rng: random.Random, place: Place, kind: str, dept: str = "", town: str = "") -> Issuer:
    level = place.level
    qualify = level == "county" and place.prefecture and place.prefecture != place.name and (
        len(place.name) == 2 or rng.random() < 0.25)
    display = place.prefecture + place.name if qualify else place.name
    unit = _SELF_BY_SUFFIX.get(place.name[-1], "区")
    gov_site = f"{display}人民政府"
    if kind == "department":
        body = display + dept
        word = "委" if dept.endswith("委员会") else "局"
        self_word, all_word = rng.choice((f"我{word}", f"本{word}")), f"全{word}"
        office = body + "办公室"
        signature = (body,)
        jurisdiction = place.name
    elif kind == "township":
        word = "街道" if town.endswith("街道") else town[-1]
        body = display + town + ("办事处" if word == "街道" else "人民政府")
        self_word, all_word = f"我{word}", f"全{word}"
        office = body + "党政办公室"
        signature = (body,)
        jurisdiction = town
    else:
        body = display + ("人民政府" if rng.random() < 0.3 else "")
        self_word, all_word = f"我{unit}", f"全{unit}"
        office = f"{display}人民政府办公室" if rng.random() < 0.8 else f"{display}人民政府办公厅" if level == "province" else f"{display}政务公开办公室"
        signature = (rng.choice((f"{display}人民政府办公室", f"{display}人民政府", office)),)
        jurisdiction = place.name
    return Issuer(place, kind, display, body, self_word, all_word, office, signature, jurisdiction,
                  gov_site + ("门户网站" if rng.random() < 0.7 else "网"), f"www.{_letters(rng, _ri(rng, 2, 5))}.gov.cn",
                  copier=rng.random() < 0.12, title_style=rng.randrange(8))


# Kinds of issuer by slot, in blocks of 20: 13 governments, 6 departments, 1 township (governments run out first at scale).
SLOT_KINDS = ("government",) * 13 + ("department",) * 6 + ("township",)
RUNS = {"government": ((1, 40), (3, 25), (5, 15), (9, 12), (14, 8)), "department": ((1, 60), (2, 25), (4, 15)),
        "township": ((1, 60), (2, 30), (3, 10))}


def issuers_of_chunk(rng: random.Random, seed: int, index: int, n_chunks: int):
    """(issuer, years) runs for one chunk. Issuers never repeat across chunks, so no issuer reports twice for a year:
    each chunk owns a share of the governments and its own ranges of department and township slots."""
    govs, depts, towns = issuer_pools(seed)
    g, g_end = index * len(govs) // n_chunks, (index + 1) * len(govs) // n_chunks
    d = t = index * CHUNK
    slot = 0
    while True:
        kind = SLOT_KINDS[slot % len(SLOT_KINDS)]
        slot += 1
        if kind == "government" and g >= g_end:
            kind = "department"
        dept = town = ""
        first, last = FIRST_YEAR, LAST_YEAR
        if kind == "government":
            place = govs[g]
            g += 1
        elif kind == "department":
            place = depts[d % len(depts)]
            dept, first, last = DEPARTMENTS[(d // len(depts) + 7 * (d % len(depts))) % len(DEPARTMENTS)]  # unique per place
            d += 1
        else:
            place = towns[t % len(towns)]
            town = TOWNS[(t // len(towns) + 5 * (t % len(towns))) % len(TOWNS)]
            t += 1
        lo, hi = max(FIRST_YEAR, first, place.start), min(LAST_YEAR, last, place.end)
        if lo > hi:
            continue
        runs = RUNS[kind]
        length = min(hi - lo + 1, rng.choices([r for r, _ in runs], weights=[w for _, w in runs])[0] + _ri(rng, 0, 1))
        start = _ri(rng, lo, hi - length + 1)
        yield make_issuer(rng, place, kind, dept, town), range(start, start + length)


def title_of(iss: Issuer, year: int) -> str:
    s = iss.title_style
    body = iss.body
    if s == 0:
        return f"{body}{year}年政府信息公开工作年度报告"
    if s == 1:
        return f"{body}{year}年度政府信息公开工作年度报告"
    if s == 2:
        return f"{body}{year}年政府信息公开年度报告"
    if s == 3:
        return f"{body}关于{year}年度政府信息公开工作年度报告"
    if s == 4 and iss.kind == "government":
        return f"{iss.display}人民政府{year}年政府信息公开工作年度报告"
    if s == 5:
        return f"{year}年{body}政府信息公开工作年度报告"
    if s == 6:
        return f"{body}{year}年政府信息公开工作年报"
    return f"{body}{year}年度政府信息公开年度报告"


# ============================================================== document ===


@dataclass
class Table:
    kind: str  # t2014 / local / proactive / requests / review
    rows: list[list[tuple[str, int, int]]]  # cells: (text, colspan, rowspan)


@dataclass
class Doc:
    """A report as blocks, with the figures it states (prose: first statement wins; tables win over prose)."""

    blocks: list[tuple] = field(default_factory=list)  # ("title"|"h1"|"h2"|"p"|"sig"|"note", text) or ("table", Table)
    prose: dict[str, float] = field(default_factory=dict)
    table: dict[str, float] = field(default_factory=dict)
    notes: list[dict] = field(default_factory=list)  # deliberate inconsistencies

    def add(self, kind: str, text) -> None:
        self.blocks.append((kind, text))

    def states(self, values: dict[str, float]) -> None:
        for k, v in values.items():
            self.prose.setdefault(k, v)


def _num(rng: random.Random, v: float) -> str:
    if v >= 10000 and float(v).is_integer() and rng.random() < 0.04:
        return f"{int(v):,}"
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _pick(rng: random.Random, variants: list[tuple[int, str]]) -> str:
    return _fill_text(rng.choices([v for _, v in variants], weights=[w for w, _ in variants])[0])


def _draw(rng: random.Random, P: dict, topic: str, k: int) -> list[str]:
    """k sentences of a topic, each frame used once before any is used again (a report does not repeat itself)."""
    groups = P[topic + "/frames"]
    order = list(range(len(groups)))
    out: list[str] = []
    while len(out) < k:
        if out:  # second round: only frames with slots, whose sentences differ
            order = [f for f in order if len(groups[f]) > 1] or order
        rng.shuffle(order)
        for f in order[: k - len(out)]:
            g = groups[f]
            out.append(g[int(rng.random() * len(g))])
    return out


def _sentences(rng: random.Random, P: dict, topic: str, k: int) -> str:
    return "".join(_draw(rng, P, topic, k)) if k > 0 else ""


CN_NUM = "一二三四五六七八九十"


def _cn(i: int) -> str:
    return CN_NUM[i - 1] if i <= 10 else "十" + CN_NUM[i - 11]


# ------------------------------------------------------------- statements ---
# Each returns the sentence and the figures it states; the variants are phrasings seen in real reports.


def say_proactive(rng: random.Random, p: int, channels: dict[str, int], with_channels: bool) -> tuple[str, dict]:
    head = _pick(rng, [
        (10, "{y}年，{self}共主动公开政府信息{P}条"), (8, "全年主动公开各类政府信息{P}条"),
        (6, "{y}年度，{self}主动公开政府信息{P}条（注：不同渠道和方式公开相同信息计1条）"), (5, "{self}新增主动公开信息{P}条"),
        (3, "全年通过各类渠道共主动公开政府信息{P}条"), (2, "本年度主动公开政府信息{P}条，同比增长{g}%"),
        (1, "{y}年累计主动公开政府信息{P}条"), (1, "全年主动公开政府信息共计{P}条"),
    ])
    text = head.replace("{P}", _num(rng, p)).replace("{g}", str(_ri(rng, 2, 40)))
    values = {"proactive_total": p}
    if with_channels:
        names = {"proactive_website": ("政府网站公开政府信息", "政府门户网站公开信息", "政府网站公开信息"),
                 "proactive_gazette": ("政府公报公开政府信息", "政府公报公开信息"),
                 "proactive_weibo": ("政务微博公开政府信息", "政务微博公开信息"),
                 "proactive_wechat": ("政务微信公开政府信息", "政务微信公开信息"),
                 "proactive_other": ("其他方式公开政府信息",)}
        parts = []
        for ind, labels in names.items():
            v = channels.get(ind)
            if v is None or (v == 0 and rng.random() < 0.7):
                continue
            if rng.random() < 0.03:  # a phrasing outside the indicator's label: 通过政务微博发布信息N条
                parts.append(f"通过{labels[0][:4]}发布信息{_num(rng, v)}条")
            else:
                parts.append(f"{rng.choice(labels)}{_num(rng, v)}条")
            values[ind] = v
        if parts:
            text += "，其中" + rng.choice(("，", "、")).join(parts)
    return text + "。", values


def say_requests(rng: random.Random, f: dict[str, float], year: int, detail: bool) -> tuple[str, dict]:
    r = int(f["requests_received"])
    if r == 0:
        text = _pick(rng, [
            (6, "{y}年，{self}没有收到政府信息公开申请。"), (5, "本年度{self}未收到依申请公开政府信息的申请。"),
            (4, "{y}年{name}未发生依申请公开政府信息。"), (3, "全年未受理政府信息公开申请。"),
            (3, "{y}年度，{self}受理政府信息公开申请0件。"), (1, "本年度无依申请公开事项。"),
        ])
        return text, {"requests_received": 0}
    head = _pick(rng, [
        (10, "{y}年，{self}共受理政府信息公开申请{R}件"), (6, "全年共收到政府信息公开申请{R}件"), (5, "{self}各单位共收到{R}件依申请公开"),
        (4, "本年度共受理公民、法人或其他组织政府信息公开申请{R}件"), (3, "全年新收政府信息公开申请{R}件"),
        (1, "全年共收到公民、法人和其他组织提出的政府信息公开申请{R}件"),
    ])
    text = head.replace("{R}", _num(rng, r))
    values: dict[str, float] = {"requests_received": r}
    if detail:
        chans = [("当面申请", "requests_in_person"), ("传真申请", "requests_fax"), ("网络申请" if rng.random() < 0.7 else "网上申请", "requests_online"),
                 ("信函申请", "requests_letter")]
        if year < 2014:
            chans.insert(3, ("电子邮件申请", "requests_email"))
        parts = [f"{lab}{int(f[ind])}件" for lab, ind in chans]
        values.update({ind: f[ind] for _, ind in chans})
        text += "，其中" + "、".join(parts)
    text += "。"
    if detail and year >= 2014 and rng.random() < 0.6:
        text += (f"申请办结数{int(f['requests_completed'])}件，其中按时办结{int(f['requests_completed_on_time'])}件，"
                 f"延期办结{int(f['requests_extended'])}件。")
        values.update({k: f[k] for k in ("requests_completed", "requests_completed_on_time", "requests_extended")})
    if detail:
        style = rng.random() < 0.5
        labels = (("outcome_already_public", "属于已主动公开范围", "属于已经在公开范围数"), ("outcome_granted", "同意公开", "同意公开答复数"),
                  ("outcome_partial", "同意部分公开", "同意部分公开答复数"), ("outcome_denied", "不同意公开", "不同意公开答复数"),
                  ("outcome_not_this_agency", "不属于本行政机关公开", "不属于本行政机关公开数"), ("outcome_not_held", "申请信息不存在", "申请信息不存在数"),
                  ("outcome_clarify", "告知作出更改补充", "告知作出更改补充数"), ("outcome_other_channel", "告知通过其他途径办理", "告知通过其他途径办理数"))
        skip_zero = rng.random() < 0.4
        parts = []
        for ind, a, b in labels:
            if skip_zero and f[ind] == 0:
                continue
            parts.append(f"{b if style else a}{int(f[ind])}件")
            values[ind] = f[ind]
        if parts:
            text += ("在已答复的申请中，" if rng.random() < 0.5 else "申请答复中，") + "，".join(parts) + ("，其余均为0件。" if skip_zero else "。")
    return text, values


def say_review(rng: random.Random, review: int, litigation: int) -> tuple[str, dict]:
    if review == 0 and litigation == 0:
        text = _pick(rng, [
            (6, "{y}年，{self}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"), (4, "{self}无行政诉讼、行政复议情况。"),
            (4, "全年没有发生因政府信息公开引起的行政复议和行政诉讼案件。"), (3, "本年度{self}无因政府信息公开申请行政复议、提起行政诉讼的情况。"),
            (2, "{y}年度，{self}因政府信息公开被申请行政复议0件，被提起行政诉讼0件。"),
        ])
    elif review and litigation:
        text = _pick(rng, [(5, "{y}年，因政府信息公开申请行政复议{a}件、提起行政诉讼{b}件。"),
                           (3, "全年{self}因政府信息公开被申请行政复议{a}起，被提起行政诉讼{b}起。")])
    elif review:
        text = _pick(rng, [(5, "{y}年，{self}因政府信息公开被申请行政复议{a}件，未发生行政诉讼案件。"),
                           (3, "全年发生政府信息公开行政复议{a}件，无行政诉讼。")])
    else:
        text = _pick(rng, [(5, "{y}年，{self}未发生因政府信息公开引起的行政复议案件，被提起行政诉讼{b}件。"),
                           (3, "全年无政府信息公开行政复议，提起行政诉讼{b}件。")])
    return text.replace("{a}", str(review)).replace("{b}", str(litigation)), {"review_total": review, "litigation_total": litigation}


def say_fees(rng: random.Random, new: bool) -> tuple[str, dict]:
    if new:
        text = _pick(rng, [(8, "本年度{self}未收取信息处理费。"), (8, "本年度没有产生信息公开处理费。"),
                           (6, "按照《政府信息公开信息处理费管理办法》规定，{self}本年度未收取任何费用。"),
                           (1, "{y}年，{self}未发生收取信息处理费的情况。"), (1, "本年度共收取信息处理费0元。")])
    else:
        text = _pick(rng, [(7, "{self}依申请公开政府信息没有向申请人收费。"), (6, "{y}年，{self}在政府信息公开工作中未收取任何费用。"),
                           (6, "无收费及减免情况。"), (3, "目前{name}政府信息公开提供免费服务。"), (1, "本年度依申请公开政府信息未产生收费。")])
    return text, {"fees_collected": 0}


def say_complaints(rng: random.Random, k: int) -> tuple[str, dict]:
    if k:
        return f"全年收到涉及政府信息公开的举报投诉{k}件，均已按规定办理。", {"complaints": k}
    return _pick(rng, [(3, "全年未收到有关政府信息公开的投诉、举报。"), (2, "本年度没有发生涉及政府信息公开的举报投诉。")]), {"complaints": 0}


# ================================================================ tables ===

# The national 2014–2018 table, row labels as printed (湘潭市 2016): label, unit, indicator (None: group row, "": note row).
T2014 = (
    ("一、主动公开情况", "/", None), ("（一）主动公开政府信息数", "条", "proactive_total"), ("（不同渠道和方式公开相同信息计1条）", "", ""),
    ("其中：主动公开规范性文件数", "条", "proactive_normative_docs"), ("制发规范性文件总数", "件", "normative_docs_issued"),
    ("（二）通过不同渠道和方式公开政府信息的情况", "/", "proactive_channels_total"), ("1.政府公报公开政府信息数", "条", "proactive_gazette"),
    ("2.政府网站公开政府信息数", "条", "proactive_website"), ("3.政务微博公开政府信息数", "条", "proactive_weibo"),
    ("4.政务微信公开政府信息数", "条", "proactive_wechat"), ("5.其他方式公开政府信息数", "条", "proactive_other"),
    ("二、回应解读情况", "/", None), ("（一）回应公众关注热点或重大舆情数", "次", "responses_hotspots"),
    ("（不同方式回应同一热点或舆情计1次）", "", ""), ("（二）通过不同渠道和方式回应解读的情况", "/", "responses_total"),
    ("1.参加或举办新闻发布会总次数", "次", "press_conferences"), ("其中：主要负责同志参加新闻发布会次数", "次", "press_conferences_leaders"),
    ("2.政府网站在线访谈次数", "次", "online_interviews"), ("其中：主要负责同志参加政府网站在线访谈次数", "次", "online_interviews_leaders"),
    ("3.政策解读稿件发布数", "篇", "policy_interpretations"), ("4.微博微信回应事件数", "次", "responses_social_media"),
    ("5.其他方式回应事件数", "次", "responses_other"), ("三、依申请公开情况", "/", None), ("（一）收到申请数", "件", "requests_received"),
    ("1.当面申请数", "件", "requests_in_person"), ("2.传真申请数", "件", "requests_fax"), ("3.网络申请数", "件", "requests_online"),
    ("4.信函申请数", "件", "requests_letter"), ("（二）申请办结数", "件", "requests_completed"), ("1.按时办结数", "件", "requests_completed_on_time"),
    ("2.延期办结数", "件", "requests_extended"), ("（三）申请答复数", "件", "outcome_total"), ("1.属于已主动公开范围数", "件", "outcome_already_public"),
    ("2.同意公开答复数", "件", "outcome_granted"), ("3.同意部分公开答复数", "件", "outcome_partial"), ("4.不同意公开答复数", "件", "outcome_denied"),
    ("其中：涉及国家秘密", "件", "outcome_denied_state_secret"), ("涉及商业秘密", "件", "outcome_denied_commercial_secret"),
    ("涉及个人隐私", "件", "outcome_denied_privacy"), ("危及国家安全、公共安全、经济安全和社会稳定", "件", "outcome_denied_security"),
    ("不是《条例》所指政府信息", "件", "outcome_denied_not_gov_info"), ("法律法规规定的其他情形", "件", "outcome_denied_other_law"),
    ("5.不属于本行政机关公开数", "件", "outcome_not_this_agency"), ("6.申请信息不存在数", "件", "outcome_not_held"),
    ("7.告知作出更改补充数", "件", "outcome_clarify"), ("8.告知通过其他途径办理数", "件", "outcome_other_channel"),
    ("四、行政复议数量", "件", "review_total"), ("（一）维持具体行政行为数", "件", "review_upheld"), ("（二）被依法纠错数", "件", "review_corrected"),
    ("（三）其他情形数", "件", "review_other"), ("五、行政诉讼数量", "件", "litigation_total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "litigation_upheld"), ("（二）被依法纠错数", "件", "litigation_corrected"),
    ("（三）其他情形数", "件", "litigation_other"), ("六、举报投诉数量", "件", "complaints"), ("七、依申请公开信息收取的费用", "万元", "fees_collected"),
    ("八、机构建设和保障经费情况", "/", None), ("（一）政府信息公开工作专门机构数", "个", "offices"), ("（二）设置政府信息公开查阅点数", "个", "reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "staff_total"), ("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "staff_fulltime"),
    ("2.兼职人员数", "人", "staff_parttime"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", "funding"),
    ("九、政府信息公开会议和培训情况", "/", None), ("（一）召开政府信息公开工作会议或专题会议数", "次", "meetings"),
    ("（二）举办各类培训班数", "次", "trainings"), ("（三）接受培训人员数", "人次", "trainees"),
)
# The older local form (平潭县 2009–2015): 指标名称 | 计量单位 | 本年度 | 历年累计.
LOCAL = (
    ("主动公开信息数", "条", "proactive_total"), ("其中：1．网站公开", "条", "proactive_website"), ("2．政府公报公开", "条", "proactive_gazette"),
    ("受理依申请公开信息总数", "条", "requests_received"), ("其中：1．当面申请数", "条", "requests_in_person"), ("2．传真申请数", "条", "requests_fax"),
    ("3．电子邮件申请数", "条", "requests_email"), ("4．网上申请数", "条", "requests_online"), ("5．信函申请数", "条", "requests_letter"),
    ("6．其他形式申请数", "条", None), ("对申请的答复总数", "条", "outcome_total"), ("其中：1．同意公开答复数", "条", "outcome_granted"),
    ("2．同意部分公开答复数", "条", "outcome_partial"), ("3．否决公开答复总数", "条", "outcome_denied"), ("行政复议数", "件", "review_total"),
    ("行政诉讼数", "件", "litigation_total"), ("行政申诉数", "件", "complaints"),
)
MONEY_WAN = {"fees_collected", "funding", "admin_fees_collected"}


def _yuan(v: float) -> float:
    return round(float(v) * 10000.0, 2)


def _c(text: str, colspan: int = 1, rowspan: int = 1) -> tuple[str, int, int]:
    return (text, colspan, rowspan)


def table_2014(rng: random.Random, f: dict[str, float], doc: Doc) -> Table:
    spaced = rng.random() < 0.3
    rows = [[_c("统 计 指 标" if spaced else "统计指标"), _c("单位"), _c("合计")]]
    blanks = rng.random() < 0.08
    for label, unit, ind in T2014:
        if ind is None:
            rows.append([_c(label), _c(unit), _c("")])
            continue
        if ind == "":
            rows.append([_c(label), _c(""), _c("")])
            continue
        v = f[ind]
        if blanks and v == 0 and rng.random() < 0.5 and ind not in ("requests_received", "proactive_total"):
            rows.append([_c(label), _c(unit), _c("")])  # a zero left blank: not a stated value
            continue
        rows.append([_c(label), _c(unit), _c(_num(rng, v) if ind not in MONEY_WAN else repr(float(v)).removesuffix(".0"))])
        doc.table[ind] = _yuan(v) if ind in MONEY_WAN else v
    return Table("t2014", rows)


def table_local(rng: random.Random, f: dict[str, float], year: int, doc: Doc) -> Table:
    cumulative = rng.random() < 0.6
    head = [_c("指 标 名 称" if rng.random() < 0.4 else "指标名称"), _c("计量单位"), _c(rng.choice(("本年度", f"{year}年度", "年末统计")))]
    if cumulative:
        head.append(_c("历年累计"))
    rows = [head]
    denied_label = rng.choice(("3．否决公开答复总数", "3．不予公开答复数", "3．否决公开答复数"))
    for label, unit, ind in LOCAL:
        if ind == "outcome_denied":
            label = denied_label
        v = f[ind] if ind else 0
        row = [_c(label), _c(unit), _c(_num(rng, v))]
        if cumulative:
            row.append(_c(_num(rng, v + _ri(rng, 0, 3 * int(v) + 2))))
        rows.append(row)
        if ind:
            doc.table[ind] = v
    return Table("local", rows)


def table_proactive(rng: random.Random, nf: NewFigures, template: str, doc: Doc) -> Table:
    pr = nf.proactive
    rows: list[list[tuple[str, int, int]]] = []

    def head(item: str, cols: list[str]) -> None:
        rows.append([_c(f"第二十条第（{item}）项", 4)])
        rows.append([_c("信息内容")] + [_c(c, 4 - len(cols) if i == len(cols) - 1 else 1) for i, c in enumerate(cols)])

    def data(label: str, inds: list[str], texts: list[str] | None = None) -> None:
        texts = texts or [_num(rng, pr[i]) for i in inds]
        rows.append([_c(label)] + [_c(t, 4 - len(inds) if i == len(inds) - 1 else 1) for i, t in enumerate(texts)])
        for i in inds:
            doc.table[i] = _yuan(pr[i]) if i in MONEY_WAN else pr[i]

    def signed(v: float) -> str:
        return f"+{int(v)}" if v > 0 and rng.random() < 0.5 else str(int(v))

    if template == "2021":
        head("一", ["本年制发件数", "本年废止件数", "现行有效件数"])
        data("规章", ["regulations_issued", "regulations_repealed", "regulations_valid"])
        data(rng.choice(("行政规范性文件", "规范性文件")), ["normative_docs_issued", "normative_docs_repealed", "normative_docs_valid"])
        head("五", ["本年处理决定数量"])
        data("行政许可", ["licensing_decisions"])
        head("六", ["本年处理决定数量"])
        data("行政处罚", ["penalty_decisions"])
        data("行政强制", ["coercion_decisions"])
        head("八", ["本年收费金额（单位：万元）"])
        fee = pr["admin_fees_collected"]
        data("行政事业性收费", ["admin_fees_collected"], [f"{fee:.2f}" if fee and rng.random() < 0.5 else _num(rng, fee)])
    else:
        head("一", ["本年新制作数量", "本年新公开数量", "对外公开总数量"])
        data("规章", ["regulations_made", "regulations_published", "regulations_public_total"])
        data("规范性文件", ["normative_docs_made", "normative_docs_published", "normative_docs_public_total"])
        head("五", ["上一年项目数量", "本年增/减", "处理决定数量"])
        for label, stem in (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")):
            inds = [f"{stem}_items_prev", f"{stem}_items_change", f"{stem}_decisions"]
            data(label, inds, [_num(rng, pr[inds[0]]), signed(pr[inds[1]]), _num(rng, pr[inds[2]])])
        head("六", ["上一年项目数量", "本年增/减", "处理决定数量"])
        for label, stem in (("行政处罚", "penalty"), ("行政强制", "coercion")):
            inds = [f"{stem}_items_prev", f"{stem}_items_change", f"{stem}_decisions"]
            data(label, inds, [_num(rng, pr[inds[0]]), signed(pr[inds[1]]), _num(rng, pr[inds[2]])])
        head("八", ["上一年项目数量", "本年增/减"])
        data("行政事业性收费", ["admin_fee_items_prev", "admin_fee_items_change"],
             [_num(rng, pr["admin_fee_items_prev"]), signed(pr["admin_fee_items_change"])])
        head("九", ["采购项目数量", "采购总金额"])
        amount = pr["procurement_amount"]
        u = rng.random()
        text = f"{amount / 10000:.2f}万元" if amount and u < 0.3 else f"{int(amount)}元" if u < 0.5 else str(int(amount))
        data("政府集中采购", ["procurement_items", "procurement_amount"], [_num(rng, pr["procurement_items"]), text])
    return Table("proactive", rows)


REQUEST_ROWS_2021 = (
    ("（一）予以公开", "outcome_granted"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "outcome_partial"),
    ("1.属于国家秘密", "outcome_denied_state_secret"), ("2.其他法律行政法规禁止公开", "outcome_denied_law_prohibited"),
    ("3.危及“三安全一稳定”", "outcome_denied_security"), ("4.保护第三方合法权益", "outcome_denied_third_party"),
    ("5.属于三类内部事务信息", "outcome_denied_internal"), ("6.属于四类过程性信息", "outcome_denied_process"),
    ("7.属于行政执法案卷", "outcome_denied_enforcement_file"), ("8.属于行政查询事项", "outcome_denied_query"),
    ("1.本机关不掌握相关政府信息", "outcome_not_held"), ("2.没有现成信息需要另行制作", "outcome_unable_create"),
    ("3.补正后申请内容仍不明确", "outcome_unable_unclear"), ("1.信访举报投诉类申请", "outcome_not_processed_complaint"),
    ("2.重复申请", "outcome_not_processed_repeat"), ("3.要求提供公开出版物", "outcome_not_processed_publication"),
    ("4.无正当理由大量反复申请", "outcome_not_processed_mass"), ("5.要求行政机关确认或重新出具已获取信息", "outcome_not_processed_confirm"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "outcome_other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "outcome_other_no_fee"), ("3.其他", "outcome_other"),
)
GROUPS = {"outcome_denied_state_secret": ("（三）不予公开", 8), "outcome_not_held": ("（四）无法提供", 3),
          "outcome_not_processed_complaint": ("（五）不予处理", 5), "outcome_other_no_correction": ("（六）其他处理", 3)}


def table_requests(rng: random.Random, nf: NewFigures, template: str, doc: Doc, wrong_total: str | None, keep_empty: bool) -> Table:
    t = nf.rows
    rows = [
        [_c("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), _c("申请人情况", 7)],
        [_c("自然人", 1, 2), _c("法人或其他组织", 5), _c("总计", 1, 2)],
        [_c(a) for a in APPLICANTS[1:]],
    ]

    def values(ind: str, blank_col: int | None = None) -> list[tuple[str, int, int]]:
        cols = t[ind]
        total = sum(cols)
        printed = total
        if ind == wrong_total:
            printed = total + rng.choice((-1, 1)) * _ri(rng, 1, 3) if total > 3 else total + _ri(rng, 1, 3)
            doc.notes.append({"kind": "sum", "indicator": ind, "printed": printed, "sum": total})
        doc.table[ind] = printed
        out = [_c("" if i == blank_col else str(v)) for i, v in enumerate(cols)]
        return out + [_c(str(printed))]

    rows.append([_c("一、本年新收政府信息公开申请数量", 3)] + values("requests_received"))
    rows.append([_c("二、上年结转政府信息公开申请数量", 3)] + values("requests_carried_over"))
    span = 22 if template == "2021" else 20
    first = True
    for label, ind in REQUEST_ROWS_2021:
        if template == "2019" and ind.startswith("outcome_other"):
            if ind == "outcome_other_no_correction":
                rows.append([_c("（六）其他处理", 2)] + values("outcome_other_processing"))
            continue
        lead = [_c("三、本年度办理结果", 1, span)] if first else []
        first = False
        if ind in GROUPS:
            g, n = GROUPS[ind]
            rows.append(lead + [_c(g, 1, n), _c(label)] + values(ind))
        elif ind in ("outcome_granted", "outcome_partial"):
            rows.append(lead + [_c(label, 2)] + values(ind))
        else:
            rows.append(lead + [_c(label)] + values(ind))
    rows.append([_c("（七）总计", 2)] + values("outcome_total"))
    # A blank applicant cell (平潭 2023): only in shapes that keep empty cells, elsewhere the row could not be aligned.
    blank = rng.randrange(6) if keep_empty and rng.random() < 0.05 and t["requests_carried_forward"][0] == 0 else None
    rows.append([_c("四、结转下年度继续办理", 3)] + values("requests_carried_forward", blank))
    return Table("requests", rows)


def table_review(nf: NewFigures, doc: Doc) -> Table:
    rv = nf.review
    parts = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [
        [_c("行政复议", 5), _c("行政诉讼", 10)],
        [_c(p, 1, 2) for p in parts] + [_c("未经复议直接起诉", 5), _c("复议后起诉", 5)],
        [_c(p) for p in parts] * 2,
    ]
    cells = []
    for group in ("review", "litigation_direct", "litigation_after_review"):
        for part in REVIEW_PARTS:
            cells.append(_c(str(rv[f"{group}_{part}"])))
            doc.table[f"{group}_{part}"] = rv[f"{group}_{part}"]
    for part in REVIEW_PARTS:
        doc.table[f"litigation_{part}"] = rv[f"litigation_direct_{part}"] + rv[f"litigation_after_review_{part}"]
    rows.append(cells)
    return Table("review", rows)


# ----------------------------------------------------------- flattening ---


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows expanded on the table grid (spanned positions empty), as an HTML-to-text converter lays them out."""
    grid: list[list[str]] = []
    pending: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        out: list[str] = []
        col = 0
        for text, colspan, rowspan in row:
            while (r, col) in pending:
                pending.discard((r, col))
                out.append("")
                col += 1
            out.append(text)
            out.extend([""] * (colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    pending.add((r + dr, col + dc))
            col += colspan
        while (r, col) in pending:
            pending.discard((r, col))
            out.append("")
            col += 1
        grid.append(out)
    return grid


def _is_num(s: str) -> bool:
    return s.isdigit()


def flatten(table: Table, shape: str) -> list[str]:
    """The table as lines of text, in one of the shapes scraped tables come in."""
    rows = table.rows
    if shape == "grid":
        return ["| " + " | ".join(r) + " |" for r in _grid(rows)]
    texts = [[c[0] for c in r] for r in rows]
    if shape == "pipes":
        return [" | ".join(r) for r in texts]
    if shape == "markdown":
        out = ["| " + " | ".join(r) + " |" for r in texts]
        return out[:1] + ["|" + "---|" * len(texts[0])] + out[1:]
    if shape == "lines_pipe":
        return [f"{c} |" if c else "|" for r in texts for c in r]
    if shape == "lines":
        return [c for r in texts for c in r if c]
    if shape == "spaces":
        return [" ".join(c for c in r if c) for r in texts]
    if shape == "tabs":
        return ["\t".join(r) for r in texts]
    if shape == "glued":  # a crawler that drops cell boundaries: digits of single-digit rows run together
        out: list[str] = []
        glued = False
        for r in texts:
            words = [c for c in r if c]
            if not words:
                continue
            nums = [c for c in words if _is_num(c)]
            if out:
                out.append("" if glued else " ")
            single = len(nums) > 1 and all(len(c) == 1 for c in nums)
            if single and len(nums) == len(words):
                glued = True
                out.append("".join(nums))
                continue
            glued = single and len(nums) == len(words) - 1 and not _is_num(words[0])
            out.append(words[0] + " " + "".join(nums) if glued else " ".join(words))
        return ["".join(out)]
    return [" ".join(c for r in texts for c in r if c)]  # oneline


def table_html(table: Table, rng: random.Random, style: int) -> str:
    """Real <table> markup with its spans, in the styles government CMSs produce."""
    td_attr = ("", ' style="border:1px solid #000;"', ' width="96" valign="center" style="border-width: 1px; border-style: solid;"')[style]
    width = ' width="100%"' if style else ""
    out = [f'<table border="1" cellspacing="0" cellpadding="0" align="center"{width}><tbody>']
    for i, row in enumerate(table.rows):
        out.append('<tr class="firstRow">' if i == 0 and style == 2 else "<tr>")
        for text, colspan, rowspan in row:
            span = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
            inner = (text.replace("&", "&amp;").replace("<", "&lt;") if "&" in text or "<" in text else text) if text else "<br/>"
            if style == 2 and i < 3 and len(text) == 4 and not text[0].isdigit():
                inner = inner[:2] + "<br/>" + inner[2:]  # 结果<br/>纠正, 商业<br/>企业
            if style == 2 and text:
                inner = f"<p>{inner}&nbsp;</p>" if not text.isdigit() else f"<p>{inner}</p>"
            out.append(f"<td{span}{td_attr}>{inner}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


# =============================================================== reports ===

ROADS = ("人民", "解放", "建设", "中山", "新华", "文化", "和平", "迎宾", "府前", "振兴", "长江", "黄河", "光明", "胜利", "滨江", "世纪")
HEADINGS_PRE = {
    "overview": ("概述", "概述", "总体情况", "政府信息公开工作概述", "基本情况", "年度政府信息公开工作概述"),
    "proactive": ("主动公开政府信息情况", "主动公开政府信息的情况", "政府信息主动公开情况", "主动公开情况"),
    "requests": ("依申请公开政府信息情况", "依申请公开政府信息的情况", "政府信息依申请公开情况", "依申请公开办理情况"),
    "fees": ("政府信息公开的收费及减免情况", "信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况"),
    "review": ("因政府信息公开申请行政复议、提起行政诉讼的情况", "申请行政复议、提起行政诉讼的情况", "行政复议和行政诉讼情况",
               "因政府信息公开申请行政复议和提起行政诉讼情况", "政府信息公开类行政复议和行政诉讼情况"),
    "combined": ("依申请公开办理及行政复议、行政诉讼情况", "依申请公开、行政复议和行政诉讼情况"),
    "problems_improvements": ("存在的主要问题和改进措施", "存在的主要问题及改进措施", "政府信息公开工作存在的主要问题和改进措施",
                              "存在问题及下一步计划", "存在的问题和改进措施", "存在的不足和改进措施"),
    "problems": ("存在问题", "存在的主要问题", "工作中存在的问题"),
    "improvements": ("{z}年工作安排", "下一步工作打算", "改进措施", "{z}年工作计划"),
    "interp": ("政策解读回应情况", "政策解读和回应社会关切情况", "回应解读情况"),
    "workplan": ("政务公开工作要点落实情况", "{y}年政务公开要点落实情况"),
    "proposal": ("人大代表建议和政协委员提案办理结果公开情况", "建议提案办理结果公开情况"),
    "capacity": ("队伍建设和培训情况", "组织领导和制度建设情况", "机构建设和保障经费情况"),
    "appendix": ("附表", "附件：政府信息公开情况统计表", "政府信息公开情况统计表"),
}
NEW_SUBS = (("（一）主动公开情况", "（一）主动公开政府信息情况"), ("（二）依申请公开情况", "（二）依申请公开工作情况"),
            ("（三）政府信息管理情况", "（三）政府信息管理"), ("（四）政府信息公开平台建设情况", "（四）平台建设情况"),
            ("（五）监督保障情况", "（五）监督保障及教育培训情况"))
PRE_SUBS = (("加强组织领导", "lead"), ("健全工作机制", "system"), ("强化教育培训", "supervise"), ("完善公开平台", "platform"),
            ("规范信息管理", "manage"), ("深化重点领域公开", "area"), ("加强制度建设", "system"), ("强化监督考核", "supervise"))


def parent_of(place: Place) -> str:
    """The place a report names as its superior (淮安市 for 洪泽区, the province for a prefecture)."""
    if place.level == "province":
        return ""
    return place.prefecture if place.level == "county" and place.prefecture and place.prefecture != place.name else place.province


def _contact(rng: random.Random, iss: Issuer) -> str:
    area = f"0{_ri(rng, 310, 999)}"
    where = parent_of(iss.place) + iss.place.name if rng.random() < 0.8 and not iss.display.startswith(parent_of(iss.place) or "-") else iss.display
    addr = f"{where}{rng.choice(ROADS)}{rng.choice(('路', '大道', '街'))}{_ri(rng, 1, 300)}号"
    return (f"如对本报告有任何疑问，请与{iss.office}联系（地址：{addr}；邮编：{_ri(rng, 100000, 850000)}；"
            f"电话：{area}-{_ri(rng, 2000000, 8999999)}{'；电子邮箱：' + _letters(rng, 6) + '@163.com' if rng.random() < 0.4 else ''}）。")


def intro(rng: random.Random, iss: Issuer, year: int, template: str) -> str:
    start = "5月1日" if year == 2008 else "1月1日"
    site = f"{iss.site}（{iss.domain}）"
    if template in ("pre2014", "2014_2018"):
        v = rng.randrange(3)
        if v == 0:
            parts = "概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼情况、存在的主要问题和改进措施"
            text = (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{iss.office}编制。全文包括{parts}"
                    f"{'以及附表' if template == '2014_2018' else ''}。本报告中所列数据的统计期限自{{y}}年{start}起至{{y}}年12月31日止。")
        elif v == 1:
            text = (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于做好{{y}}年政府信息公开工作的要求，"
                    f"现公布{iss.body}{{y}}年政府信息公开工作年度报告。本报告数据统计时限为{{y}}年{start}至12月31日。")
        else:
            text = (f"{{y}}年，为确保{{self}}政府信息全面、及时、准确公开，进一步提高工作透明度和公信力，{{self}}认真做好政府信息公开工作。"
                    f"本报告所列数据的统计期限自{{y}}年{start}起至{{y}}年12月31日止。现将有关情况报告如下：")
            return _fill_text(text)
        return _fill_text(text + f"本报告的电子版可在{site}下载。" + _contact(rng, iss))
    if template == "2019":
        ref = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"
        lead = "本报告根据新修订的《中华人民共和国政府信息公开条例》（以下简称《条例》）和" + ref + "要求编制。"
    else:
        ref = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
        lead = f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{ref}要求，结合{{y}}年{iss.body}政府信息公开工作实际，编制本报告。"
    return _fill_text(lead + "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
            f"本报告电子版可在{site}查阅或下载。" + _contact(rng, iss))


def _superior(rng: random.Random, iss: Issuer, year: int) -> str:
    """A sentence citing the superior government's plan, as most reports open their overview (or nothing)."""
    parent = parent_of(iss.place)
    if not parent or rng.random() < 0.3:
        return ""
    return rng.choice((f"按照《{parent}{year}年政务公开工作要点》的部署，", f"根据{parent}人民政府办公室关于做好政务公开工作的要求，",
                       f"在{parent}人民政府的指导下，"))


@lru_cache(maxsize=4096)
def _fill_text(text: str) -> str:
    return text.replace("{y}", YEAR).replace("{z}", NEXT).replace("{self}", SELF).replace("{name}", NAME).replace("{all}", ALL)


def _paras(rng: random.Random, P: dict, topic: str, k: int) -> list[str]:
    """k sentences of a topic as paragraphs of two to five sentences."""
    if k <= 0:
        return []
    picked = _draw(rng, P, topic, k)
    out = []
    i = 0
    while i < k:
        m = 2 + int(rng.random() * 4)
        out.append("".join(picked[i : i + m]))
        i += m
    return out


def problems_part(rng: random.Random, P: dict[str, tuple[str, ...]], n_items: int) -> tuple[list[str], list[str]]:
    """Paragraphs of problems and of improvements (with placeholders, so next year's report can copy them)."""
    items = [_problem_item(rng, SLOTS, problem) for problem in rng.sample(SLOTS["problem"], n_items)]  # distinct problems
    style = rng.randrange(3)
    if style == 0:
        probs = [rng.choice(P["problem_open"]) + "".join(f"{_cn(i + 1)}是{s}" for i, s in enumerate(items))]
    elif style == 1:
        probs = [rng.choice(P["problem_open"])] + [f"（{i + 1}）{s}" for i, s in enumerate(items)]
    else:
        probs = [rng.choice(P["problem_open"]) + "".join(items)]
    k = max(2, n_items + _ri(rng, -1, 2))
    imps = _draw(rng, P, "imp_item", k)
    if rng.random() < 0.6:
        plans = [rng.choice(P["imp_open"]) + "".join(f"{_cn(i + 1)}是{s}" for i, s in enumerate(imps))]
    else:
        plans = [rng.choice(P["imp_open"])] + [f"{i + 1}.{s}" for i, s in enumerate(imps)]
    return probs, plans


@dataclass
class IssuerState:
    problems: tuple[list[str], list[str]] | None = None
    carried_forward: list[int] | None = None
    last_file: str | None = None



def _problems(rng, P, iss, st, n_items: int) -> tuple[list[str], list[str]]:
    """This year's problems and plans: last year's again for an issuer that copies, else new ones (remembered)."""
    if iss.copier and st.problems is not None:
        probs, plans = st.problems
    else:
        probs, plans = problems_part(rng, P, min(n_items, 8))
    st.problems = (probs, plans)
    return probs, plans

def build_pre2019(rng: random.Random, iss: Issuer, year: int, template: str, budget: int, st: IssuerState,
                  inconsistent: bool) -> Doc:
    P = pools(_SEED)[template]
    doc = Doc()
    kind = iss.kind if iss.kind != "government" else iss.place.level
    f = pre2019_figures(rng, year, kind)
    table_kind = "t2014" if template == "2014_2018" and rng.random() < 0.9 else "local" if rng.random() < (0.1 if template == "pre2014" else 1.0) else None
    if table_kind == "local":  # the local form has three outcome rows: the others are counted as granted
        for k in ("outcome_already_public", "outcome_not_this_agency", "outcome_not_held", "outcome_clarify", "outcome_other_channel"):
            f["outcome_granted"] += f[k]
            f[k] = 0
    prose_f = dict(f)
    if inconsistent:
        if table_kind:
            ind = rng.choice(("requests_received", "proactive_total")) if f["requests_received"] else "proactive_total"
            prose_f[ind] = f[ind] + _ri(rng, 1, 5)
            doc.notes.append({"kind": "table_vs_prose", "indicator": ind, "table": f[ind], "prose": prose_f[ind]})
        elif f["requests_received"] > 2:
            prose_f["requests_received"] = f["requests_received"] + _ri(rng, 1, 3)
            doc.notes.append({"kind": "sum", "indicator": "requests_received", "printed": prose_f["requests_received"],
                              "sum": f["requests_received"]})
    extra = max(0, (budget - 1800 - (1700 if table_kind == "t2014" else 0)) // 52)
    small = kind in ("department", "township")
    n = 1

    def h1(key: str) -> None:
        nonlocal n
        doc.add("h1", f"{_cn(n)}、" + _fill_text(rng.choice(HEADINGS_PRE[key])))
        n += 1

    doc.add("p", intro(rng, iss, year, template))
    # 一、概述
    h1("overview")
    k_over = int(extra * 0.35)
    doc.add("p", _superior(rng, iss, year) + rng.choice(P["open"]))
    if rng.random() < 0.2:
        t, v = say_proactive(rng, int(prose_f["proactive_total"]), {}, False)
        doc.add("p", t)
        doc.states(v)
    if k_over > 6 and rng.random() < 0.6:
        subs = rng.sample(PRE_SUBS, min(len(PRE_SUBS), max(2, k_over // 6)))
        for i, (sub, topic) in enumerate(subs):
            doc.add("h2", f"（{_cn(i + 1)}）{sub}")
            for para in _paras(rng, P, topic, max(1, k_over // len(subs))):
                doc.add("p", para)
    else:
        for topic in ("lead", "system", "platform"):
            for para in _paras(rng, P, topic, k_over // 3):
                doc.add("p", para)
    # 二、主动公开
    h1("proactive")
    channels = {k: int(prose_f[k]) for k in ("proactive_website", "proactive_gazette", "proactive_weibo", "proactive_wechat", "proactive_other")}
    if year < 2011:
        channels.pop("proactive_weibo")
    if year < 2013:
        channels.pop("proactive_wechat")
    t, v = say_proactive(rng, int(prose_f["proactive_total"]), channels, not small and rng.random() < 0.7)
    doc.add("p", t)
    doc.states(v)
    k_pro = int(extra * 0.3)
    if k_pro > 4 and rng.random() < 0.5:
        doc.add("h2", "（一）" + rng.choice(("重点领域信息公开情况", "推进重点领域信息公开", "深化重点领域公开")))
        for para in _paras(rng, P, "area", k_pro * 2 // 3):
            doc.add("p", para)
        doc.add("h2", "（二）" + rng.choice(("政策解读和回应关切", "加强政策解读", "公开平台建设")))
        for para in _paras(rng, P, "interp" if rng.random() < 0.6 else "platform", k_pro // 3):
            doc.add("p", para)
    else:
        for para in _paras(rng, P, "area", k_pro):
            doc.add("p", para)
    combined = rng.random() < 0.1
    # 三、依申请公开 (+ 复议诉讼 when combined)
    h1("combined" if combined else "requests")
    t, v = say_requests(rng, prose_f, year, not small or prose_f["requests_received"] > 0)
    doc.add("p", t + (_sentences(rng, P, "request_narr", _ri(rng, 0, 2)) if prose_f["requests_received"] else ""))
    doc.states(v)
    rv, lt = int(f["review_total"]), int(f["litigation_total"])
    if combined:
        t, v = say_review(rng, rv, lt)
        doc.add("p", t)
        doc.states(v)
    # 四、收费
    h1("fees")
    t, v = say_fees(rng, False)
    doc.add("p", t)
    doc.states(v)
    if not combined:
        h1("review")
        t, v = say_review(rng, rv, lt)
        doc.add("p", t)
        doc.states(v)
    if rng.random() < 0.5:
        t, v = say_complaints(rng, int(f["complaints"]))
        doc.add("p", t)
        doc.states(v)
    # extra sections of the longer reports
    k_x = int(extra * 0.15)
    if template == "2014_2018" and k_x >= 3:
        for key in rng.sample(("interp", "workplan", "proposal", "capacity"), _ri(rng, 1, 3)):
            h1(key)
            topic = {"interp": "interp", "workplan": "workplan", "proposal": "proposal", "capacity": "supervise"}[key]
            for para in _paras(rng, P, topic, max(2, k_x // 2)):
                doc.add("p", para)
    # 存在的主要问题和改进措施
    n_items = 3 + int(extra * 0.05)
    probs, plans = _problems(rng, P, iss, st, n_items)
    if rng.random() < 0.2:
        h1("problems")
        for para in probs:
            doc.add("p", para)
        h1("improvements")
        for para in plans:
            doc.add("p", para)
    else:
        h1("problems_improvements")
        subheads = rng.random() < 0.25
        if subheads:
            doc.add("h2", "（一）存在的问题")
        for para in probs:
            doc.add("p", para)
        if subheads:
            doc.add("h2", "（二）改进措施")
        for para in plans:
            doc.add("p", para)
    table = None
    if table_kind == "t2014":
        table = table_2014(rng, f, doc)
    elif table_kind == "local":
        table = table_local(rng, f, year, doc)
    after_signature = table is not None and rng.random() < 0.3
    if table is not None and not after_signature:
        h1("appendix")
        doc.add("table", table)
    doc.add("sig", iss.signature[0] if rng.random() < 0.95 else iss.office)
    if table is not None and after_signature:
        doc.add("note", rng.choice(("附表：", "附件：", "附表")))
        doc.add("table", table)
    return doc


def build_new(rng: random.Random, iss: Issuer, year: int, template: str, budget: int, st: IssuerState, inconsistent: bool,
              keep_empty: bool) -> Doc:
    P = pools(_SEED)[template]
    doc = Doc()
    kind = iss.kind if iss.kind != "government" else iss.place.level
    nf = new_figures(rng, year, kind, template, st.carried_forward)
    st.carried_forward = nf.rows["requests_carried_forward"]
    extra = max(0, (budget - 4200) // 52)
    wrong_total = None
    prose_r = sum(nf.rows["requests_received"])
    if inconsistent:
        if rng.random() < 0.5 and prose_r:
            prose_r += _ri(rng, 1, 4)
            doc.notes.append({"kind": "table_vs_prose", "indicator": "requests_received", "table": sum(nf.rows["requests_received"]),
                              "prose": prose_r})
        else:
            wrong_total = rng.choice(("outcome_granted", "outcome_not_held", "outcome_total", "requests_received"))
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                rng.choice(("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议和行政诉讼情况")),
                rng.choice(("五、存在的主要问题及改进情况", "五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施")), "六、其他需要报告的事项"]
    doc.add("p", intro(rng, iss, year, template))
    doc.add("h1", headings[0])
    opening = rng.choice(P["open"])
    if template == "2019" and rng.random() < 0.5:
        opening = _fill_text(rng.choice(("{y}年是新修订的《条例》施行的第一年，", "新修订的《条例》自2019年5月15日起施行，", "对照新修订的《条例》，"))) + opening
    doc.add("p", _superior(rng, iss, year) + opening)
    k_over = int(extra * 0.6)
    per = max(1, k_over // 5)
    subs_inline = rng.random() < 0.3
    for i, (topic, labels) in enumerate(zip(("area", "request_narr", "manage", "platform", "supervise"), NEW_SUBS)):
        head = rng.choice(labels)
        body: list[str] = []
        if i == 0:
            t, v = say_proactive(rng, nf.proactive_total, nf.channels, rng.random() < 0.4)
            body.append(t)
            doc.states(v)
        if i == 1:
            r = sum(nf.rows["requests_received"])
            if prose_r == 0:
                t, v = say_requests(rng, {"requests_received": 0}, year, False)
                body.append(t)
                doc.states(v)
            else:
                t = _pick(rng, [(5, "{y}年，{self}共收到政府信息公开申请{R}件"), (4, "全年新收政府信息公开申请{R}件"),
                                (3, "本年度共受理政府信息公开申请{R}件")]).replace("{R}", str(prose_r))
                doc.states({"requests_received": prose_r})
                c = sum(nf.rows["requests_carried_over"])
                if c and rng.random() < 0.5:
                    t += f"，上年结转{c}件"
                    doc.states({"requests_carried_over": c})
                t += "。"
                if rng.random() < 0.5 and r:
                    g, p = sum(nf.rows["outcome_granted"]), sum(nf.rows["outcome_partial"])
                    d = sum(sum(nf.rows[name]) for name, _ in OUTCOMES_2021[2:10])
                    t += f"已办结的申请中，予以公开{g}件，部分公开{p}件，不予公开{d}件，其余为无法提供、不予处理或其他处理。"
                    doc.states({"outcome_partial": p, "outcome_denied": d})
                body.append(t)
        # The 依申请 narrative has a handful of sentences: the rest of its share goes to the 主动公开 subsection.
        body += _paras(rng, P, topic, min(per, 3) if topic == "request_narr" else per + (max(0, per - 3) if topic == "area" else 0))
        if subs_inline:
            doc.add("p", head + body[0])
            for para in body[1:]:
                doc.add("p", para)
        else:
            doc.add("h2", head)
            for para in body:
                doc.add("p", para)
    doc.add("h1", headings[1])
    doc.add("table", table_proactive(rng, nf, template, doc))
    doc.add("h1", headings[2])
    doc.add("table", table_requests(rng, nf, template, doc, wrong_total, keep_empty))
    doc.add("h1", headings[3])
    if rng.random() < 0.3:
        t, v = say_review(rng, nf.review["review_total"], nf.review["litigation_direct_total"] + nf.review["litigation_after_review_total"])
        doc.add("p", t)
        doc.states(v)
    doc.add("table", table_review(nf, doc))
    doc.add("h1", headings[4])
    n_items = 3 + int(extra * 0.04)
    probs, plans = _problems(rng, P, iss, st, n_items)
    for para in probs + plans:
        doc.add("p", para)
    doc.add("h1", headings[5])
    t, v = say_fees(rng, True)
    k_other = int(extra * 0.15)
    if k_other >= 2 and rng.random() < 0.6:
        doc.add("p", "（一）收取信息处理费情况")
        doc.add("p", t)
        doc.add("p", "（二）其他事项")
        for para in _paras(rng, P, "other", k_other):
            doc.add("p", para)
    else:
        doc.add("p", t + _sentences(rng, P, "other", min(3, k_other)))
    doc.states(v)
    doc.add("sig", iss.signature[0] if rng.random() < 0.95 else iss.office)
    return doc


_SEED = 2019  # seed of the phrase pools, set per process by the worker


# ============================================================ rendering ===

PROVINCE_ABBR = {
    "北京": "京", "天津": "津", "河北": "冀", "山西": "晋", "内蒙古": "蒙", "辽宁": "辽", "吉林": "吉", "黑龙江": "黑", "上海": "沪", "江苏": "苏",
    "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣", "山东": "鲁", "河南": "豫", "湖北": "鄂", "湖南": "湘", "广东": "粤", "广西": "桂",
    "海南": "琼", "重庆": "渝", "四川": "川", "贵州": "黔", "云南": "滇", "西藏": "藏", "陕西": "陕", "甘肃": "甘", "青海": "青", "宁夏": "宁",
    "新疆": "新",
}
CN_DIGIT = "〇一二三四五六七八九"
NAV = ("首页", "走进{p}", "政务公开", "政务服务", "互动交流", "数据开放", "新闻中心", "投资{p}", "专题专栏", "办事服务", "政民互动", "公众参与")


def _abbr(province: str) -> str:
    return next((a for k, a in PROVINCE_ABBR.items() if province.startswith(k)), "京")


def _cn_small(v: int) -> str:
    if v <= 10:
        return "十" if v == 10 else CN_DIGIT[v]
    tens, units = divmod(v, 10)
    return ("" if tens == 1 else CN_DIGIT[tens]) + "十" + (CN_DIGIT[units] if units else "")


def date_text(rng: random.Random, d, style: int) -> str:
    if style == 0:
        return f"{d.year}年{d.month}月{d.day}日"
    if style == 1:
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    zero = "○" if rng.random() < 0.3 else "〇"
    return "".join(CN_DIGIT[int(c)] for c in str(d.year)).replace("〇", zero) + f"年{_cn_small(d.month)}月{_cn_small(d.day)}日"


def publication_date(rng: random.Random, year: int, early: bool):
    import datetime as dt

    u = rng.random()
    base = dt.date(year + 1, 1, 1)
    if u < 0.72:
        days = _ri(rng, 4, 30 if early and rng.random() < 0.8 else 89)
    elif u < 0.93:
        days = _ri(rng, 90, 180)
    elif u < 0.98:
        days = _ri(rng, 181, 364)
    else:
        days = _ri(rng, 365, 450)
    return base + dt.timedelta(days=days)


@dataclass
class Page:
    """Everything the renderers need besides the report blocks."""

    title: str
    publisher: str
    published: object
    signed: object
    date_style: int
    index_no: str
    crumb: str
    other_title: str


def _info_block(rng: random.Random, pg: Page) -> list[str]:
    d = pg.published
    iso = d.isoformat()
    v = rng.randrange(6)
    if v == 0:
        return [f"索 引 号 {pg.index_no} 分  类", f"发布机构 {pg.publisher} 公开日期 {iso}", f"标  题 {pg.title}", "文  号", "文  号 有效性"]
    if v == 1:
        return [f"索 引 号: {pg.index_no} 分  类: 综合 ; 业务工作", f"发布机构:{pg.publisher} 发文日期:{d.year}年{d.month:02d}月{d.day:02d}日",
                f"名  称: {pg.title}", "文  号: 无 主 题 词:"]
    if v == 2:
        return [f"发布时间：{iso} {_ri(rng, 8, 18):02d}:{_ri(rng, 0, 59):02d}  来源：{pg.publisher}  浏览次数：{_ri(rng, 20, 3000)}"]
    if v == 3:
        return [f"信息索引号：{pg.index_no}", f"发布机构：{pg.publisher}", f"发布日期：{d.year}年{d.month}月{d.day}日", "主题分类：政务公开"]
    if v == 4:
        return [f"{iso} 00:00:00     发文单位:   点击数:  ", f" 索 引 号  {pg.index_no}  发文机关   发布日期  {iso}",
                " 发文字号   体裁分类   有 效 性  有效", f" 成文日期   标 题  {pg.title}"]
    return []


def _footer(rng: random.Random, iss: Issuer) -> list[str]:
    out = []
    if rng.random() < 0.75:
        out.append(rng.choice(("打印本页 关闭窗口", "【打印本页】 【关闭窗口】", "[打印] [关闭]", "【打印】【关闭】", "关闭窗口", "打印本页")))
    if rng.random() < 0.3:
        out.append(rng.choice(("分享到：", "扫一扫在手机打开当前页")))
    if rng.random() < 0.5:
        ab = _abbr(iss.place.province)
        out += [f"主办单位：{iss.display}人民政府办公室  承办单位：{iss.display}大数据中心",
                f"网站标识码：{_ri(rng, 10**9, 10**10 - 1)}  {ab}ICP备{_ri(rng, 10**7, 10**8 - 1)}号",
                f"{ab}公网安备 {_ri(rng, 10**13, 10**14 - 1)}号"]
        if rng.random() < 0.4:
            out.append("网站地图 | 联系我们 | 网站声明")
    return out


def _sig_lines(rng: random.Random, doc_sig: str, pg: Page) -> list[str]:
    pad = " " * rng.choice((0, 0, 20, 33)) if rng.random() < 0.5 else ""
    return [pad + doc_sig, pad + date_text(rng, pg.signed, pg.date_style)]


def render_text(rng: random.Random, doc: Doc, iss: Issuer, pg: Page, shape: str) -> str:
    lines: list[str] = []
    if rng.random() < 0.25:
        lines.append(rng.choice((f"• 您好，欢迎来到{iss.site}！", f"您好，欢迎访问{iss.site}")))
    if rng.random() < 0.65:
        lines.append(pg.crumb)
    title_first = rng.random() < 0.3
    if title_first:
        lines.append(pg.title)
    lines += _info_block(rng, pg)
    if not title_first and rng.random() < 0.93:
        lines.append(pg.title)
    indent = rng.choice(("", "", "　　", "    ", "  "))
    blank = rng.random() < 0.35
    for kind, x in doc.blocks:
        if kind == "table":
            lines.extend(flatten(x, shape))
            continue
        if kind == "sig":
            lines += ([""] * 3 if blank else []) + _sig_lines(rng, x, pg)
            continue
        lines.append((indent if kind == "p" else "") + x)
        if blank:
            lines.append("")
    lines += _footer(rng, iss)
    if rng.random() < 0.15:
        lines.append(f"上一篇：{pg.other_title}")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _channel_maps() -> tuple[str, ...]:
    """Inline JavaScript channel maps of site templates (page chrome of varying length), built once per process."""
    rng = random.Random("channels")
    return tuple(",".join(f"{{id:{_ri(rng, 1000, 99999)},name:'{rng.choice(NAV)}',url:'/{_letters(rng, 5)}/'}}"
                          for _ in range(_ri(rng, 10, 160))) for _ in range(40))


_CSS = ("body{margin:0;font-family:'Microsoft YaHei';font-size:14px;color:#333}.nav li{float:left;list-style:none}"
        ".article{width:1000px;margin:0 auto}.TRS_Editor p{line-height:2em;text-indent:2em}.footer{background:#f2f2f2}")


def render_html(rng: random.Random, doc: Doc, iss: Issuer, pg: Page, charset: str) -> str:
    style = rng.randrange(3)
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if ("&" in s or "<" in s or ">" in s) else s

    title_tag = pg.title + rng.choice(("_" + iss.site, "-" + iss.site, "")) if rng.random() < 0.9 else iss.site
    channels = rng.choice(_channel_maps())
    out = [f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n<title>{esc(title_tag)}</title>\n',
           f'<meta name="keywords" content="政府信息公开,年度报告">\n<link rel="stylesheet" href="/images/style.css">\n<style>{_CSS}</style>\n',
           f"<script>var siteId={_ri(rng, 1, 999)};var channels=[{channels}];function setFont(s){{document.body.style.fontSize=s+'px';}}</script>\n",
           "</head>\n<body>\n"]
    if rng.random() < 0.5:
        out.append(f'<div class="top">您好，欢迎访问{iss.site}！<a href="#">无障碍浏览</a> <a href="#">长者模式</a></div>\n')
    nav = "".join(f'<li><a href="/{_letters(rng, 4)}/">{n.replace("{p}", iss.place.short)}</a></li>' for n in NAV[: _ri(rng, 5, len(NAV))])
    out.append(f'<div class="nav"><ul>{nav}</ul></div>\n')
    out.append(f'<div class="crumb">{esc(pg.crumb)}</div>\n<div class="article">\n')
    out.append(f"<h1>{esc(pg.title)}</h1>\n" if rng.random() < 0.85 else "")
    d = pg.published
    if rng.random() < 0.5:
        out.append(f'<table class="info"><tr><td>索引号：</td><td>{pg.index_no}</td><td>发布机构：</td><td>{esc(pg.publisher)}</td></tr>'
                   f'<tr><td>发布日期：</td><td>{d.isoformat()}</td><td>文号：</td><td></td></tr></table>\n')
    else:
        out.append(f'<div class="info">发布时间：{d.isoformat()}　来源：{esc(pg.publisher)}　浏览次数：{_ri(rng, 20, 3000)}'
                   '　字号：[ <a href="javascript:setFont(16)">大</a> <a href="javascript:setFont(14)">中</a> <a href="javascript:setFont(12)">小</a> ]</div>\n')
    out.append('<div class="TRS_Editor">\n')
    pstyle = ('<p style="text-indent: 2em; text-align: left;">', "<p>", '<p class="MsoNormal" style="text-indent:32px;line-height:28px">')[style]
    for kind, x in doc.blocks:
        if kind == "table":
            out.append(table_html(x, rng, style) + "\n")
        elif kind == "h1":
            out.append(f"{pstyle}<strong>{esc(x)}</strong></p>\n" if style != 1 else f"<h3>{esc(x)}</h3>\n")
        elif kind == "sig":
            out.append(f'<p style="text-align: right;">{esc(x)}</p>\n<p style="text-align: right;">{date_text(rng, pg.signed, pg.date_style)}</p>\n')
        else:
            out.append(f"{pstyle}{esc(x)}</p>\n")
    out.append("</div>\n")
    tools = rng.choice(("【打印本页】【关闭窗口】", '<a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a>', ""))
    out.append(f'<div class="tools">{tools}</div>\n</div>\n<div class="footer">')
    out.append("<br/>".join(esc(x) for x in _footer(rng, iss)) + "</div>\n")
    out.append("<script>(function(){var a=document.getElementsByTagName('a');for(var i=0;i<a.length;i++){a[i].target='_blank';}})();</script>\n"
               "</body>\n</html>\n")
    return "".join(out)


def render_dump(rng: random.Random, doc: Doc, iss: Issuer, pg: Page, glued: bool) -> str:
    """A crawler's page.txt: header lines, the 正文 separator, then the whole page on one line (平潭 archive)."""
    d = pg.published
    folder = f"zwgk/zfxxgk/{_letters(rng, 6)}/zfxxgknb/{d.year}{d.month:02d}"
    doc_id = _ri(rng, 10000, 999999)
    head = [f"标题: {pg.title}", f"发布时间: {d.isoformat()} {_ri(rng, 8, 18):02d}:{_ri(rng, 0, 59):02d}", "文号: ",
            f"发布机构: {pg.publisher}", "栏目: 政府信息公开年报",
            f"原文链接: https://{iss.domain}/{folder}/t{d.year}{d.month:02d}{d.day:02d}_{doc_id}.htm",
            f"本地目录: {folder}/{doc_id}_{pg.title}", "页面链接与图片详见 links.tsv(同目录)", "==================== 正文 ===================="]
    chrome = (f"当前位置： 首页政务公开政府信息公开{iss.body}政府信息公开年报 {pg.title} 来源：{pg.publisher} 时间：{d.isoformat()} "
              f"{_ri(rng, 8, 18):02d}:{_ri(rng, 0, 59):02d} --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接：")
    words = [chrome, pg.title]
    for kind, x in doc.blocks:
        if kind == "table":
            words.extend(flatten(x, "glued" if glued else "oneline"))
        elif kind == "sig":
            words += [x, date_text(rng, pg.signed, pg.date_style)]
        else:
            words.append(x)
    if rng.random() < 0.5:
        words.append("附件下载")
    return "\n".join(head) + "\n" + " ".join(words)


# =============================================================== writing ===

TEXT_SHAPES = (("grid", 22), ("pipes", 18), ("markdown", 8), ("lines_pipe", 14), ("lines", 10), ("spaces", 18), ("tabs", 10))
CRUMBS = ("当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报", "您的位置：首页 > 信息公开年报", "当前位置: 首页>>政府信息公开>>信息公开年报>>正文",
          "您现在的位置：首页 > 政府信息公开 > 年度报告", "当前位置：首页 > 信息公开 > 法定主动公开内容 > 政府信息公开年报")


@lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def _replace_placeholders(text: str, iss: Issuer, year: int) -> str:
    """Placeholders (private-use characters) → this issuer's words (str.replace is a fast scan; translate is not)."""
    for a, b in ((SELF, iss.self_word), (ALL, iss.all_word), (NAME, iss.body if iss.kind != "government" else iss.display),
                 (YEAR, str(year)), (NEXT, str(year + 1))):
        if a in text:
            text = text.replace(a, b)
    return text


_FULLWIDTH_DIGITS = {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"}


def _encode(text: str, encoding: str) -> tuple[bytes, str]:
    """Bytes in the wanted encoding, or the nearest one that holds every character (GBK → GB18030, Big5 → Big5-HKSCS → UTF-8)."""
    chain = {"gbk": ("gbk", "gb18030"), "big5": ("big5", "big5hkscs", "utf-8")}.get(encoding, (encoding,))
    for enc in chain:
        try:
            return text.encode(enc), enc
        except UnicodeEncodeError:
            continue
    return text.encode("utf-8"), "utf-8"


def _budget(rng: random.Random, kind: str) -> int:
    b = int(10000 * math.exp(rng.gauss(0.0, 0.55)))
    if kind in ("department", "township"):
        b = int(b * 0.92)
    return max(2200, min(22000, b))


def template_of(year: int) -> str:
    return "2021" if year >= 2021 else "2019" if year >= 2019 else "2014_2018" if year >= 2014 else "pre2014"


def one_report(rng: random.Random, i: int, iss: Issuer, year: int, st: IssuerState, raw: Path, inconsistent: float, write) -> str:
    import datetime as dt

    template = template_of(year)
    u = rng.random()
    shape, script, charset = "", "simplified", ""
    if u < 0.22:
        fmt = "html"
        charset = rng.choices(("utf-8", "gbk", "gb2312", "big5"), weights=(60, 25, 10, 5))[0]
        encoding = "big5" if charset == "big5" else "gbk" if charset in ("gbk", "gb2312") else "utf-8"
        ext = rng.choices((".html", ".htm", ".shtml", ".txt"), weights=(55, 25, 12, 8))[0]
    elif u < 0.27:
        fmt, shape, encoding, ext = "dump", "glued" if rng.random() < 0.35 else "oneline", "utf-8", ".txt"
    else:
        fmt, ext = "text", ".txt"
        shape = rng.choices([s for s, _ in TEXT_SHAPES], weights=[w for _, w in TEXT_SHAPES])[0]
        v = rng.random()
        encoding = "gbk" if v < 0.2 else "big5" if v < 0.255 else "utf-8"
        if 0.255 <= v < 0.268:
            script = "traditional"  # traditional characters saved as UTF-8
    if encoding == "big5":
        script = "traditional"
    keep_empty = fmt == "html" or shape in ("grid", "pipes", "markdown", "lines_pipe")
    bad = rng.random() < inconsistent
    copied = st.last_file if iss.copier and st.problems is not None else None
    budget = _budget(rng, iss.kind)
    if template in ("pre2014", "2014_2018"):
        doc = build_pre2019(rng, iss, year, template, budget, st, bad)
    else:
        doc = build_new(rng, iss, year, template, budget, st, bad, keep_empty)
    title = title_of(iss, year)
    published = publication_date(rng, year, year >= 2019 and iss.kind == "department")
    signed = published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 5, 7)))
    pg = Page(title, rng.choice((iss.office, iss.body if iss.kind != "government" else iss.office, iss.display + "人民政府")),
              published, signed, rng.choices((0, 1, 2), weights=(70, 18, 12))[0],
              f"{_ri(rng, 10**8, 10**9 - 1)}/{published.year}-{_ri(rng, 1, 99999):05d}", rng.choice(CRUMBS),
              f"{iss.body}{year - 1}年政府信息公开工作年度报告")
    if fmt == "html":
        text = render_html(rng, doc, iss, pg, charset)
    elif fmt == "dump":
        text = render_dump(rng, doc, iss, pg, shape == "glued")
    else:
        text = render_text(rng, doc, iss, pg, shape)
    text = _replace_placeholders(text, iss, year)
    if script == "traditional":
        # Big5 pages use the Taiwan forms (為, 群, 眾): s2t's 爲/羣/衆 are not in Big5.
        text = _opencc("s2tw" if encoding == "big5" else "s2t").convert(text)
    if fmt == "text" and rng.random() < 0.02:
        text = text.translate(_FULLWIDTH_DIGITS)  # some CMSs print ２０１７年
    if fmt == "text" and rng.random() < 0.08:
        text = text.replace("\n", "\r\n")
    data, encoding = _encode(text, encoding)
    if fmt == "text" and encoding == "utf-8" and rng.random() < 0.03:
        data = b"\xef\xbb\xbf" + data
    rel = f"{i // 1000:03d}/r{i:06d}{ext}"
    write(raw / rel, data)
    st.last_file = rel
    values = {**doc.prose, **doc.table}
    truth = {
        "file": rel, "jurisdiction": iss.jurisdiction, "province": iss.place.province, "year": year, "template": template,
        "indicators": {k: (int(v) if float(v).is_integer() else v) for k, v in values.items()},
        "issuer_kind": iss.kind, "issuer": iss.body, "parent": parent_of(iss.place), "format": fmt, "encoding": encoding, "script": script,
        "table_shape": shape or None, "published": published.isoformat(), "bytes": len(data),
    }
    if doc.notes:
        truth["inconsistencies"] = doc.notes
    if copied:
        truth["copied_from"] = copied
    return json.dumps(truth, ensure_ascii=False)


def _chunk(job: tuple[int, int, int, int, int, str, float]) -> list[str]:
    """Reports start … start+count-1 of the corpus, from the chunk's own random generator."""
    global _SEED
    seed, index, n_chunks, start, count, raw, inconsistent = job
    _SEED = seed
    rng = random.Random(f"{seed}/{index}")
    raw_path = Path(raw)
    lines: list[str] = []
    # Creating a file costs about a millisecond on a journalled disk, mostly waiting: a few writer threads overlap
    # that wait with the generation of the next reports.
    # (A pool per chunk: a pool inherited through fork would have no threads.)
    writes = []
    i, end = start, start + count
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="write") as pool:
        for iss, years in issuers_of_chunk(rng, seed, index, n_chunks):
            st = IssuerState()
            for y in years:
                lines.append(one_report(rng, i, iss, y, st, raw_path, inconsistent,
                                        lambda path, data: writes.append(pool.submit(path.write_bytes, data))))
                i += 1
                if i >= end:
                    break
            if i >= end:
                break
    for w in writes:
        w.result()  # raises a write error, if any
    return lines


def _guard(raw: Path) -> None:
    target = (ROOT / "data" / "raw").resolve()
    here = raw.resolve()
    if here == target or target in here.parents:
        raise ValueError(GUARD_MESSAGE)


def generate(n: int, raw: Path, truth: Path, seed: int = 2019, jobs: int | None = None, *, inconsistent: float = 0.02) -> None:
    """Write n reports under raw (shards of 1000) and their truth lines to truth; deterministic for a seed."""
    raw, truth = Path(raw), Path(truth)
    _guard(raw)
    raw.mkdir(parents=True, exist_ok=True)
    for shard in range((n + 999) // 1000):
        (raw / f"{shard:03d}").mkdir(exist_ok=True)
    n_chunks = (n + CHUNK - 1) // CHUNK
    work = [(seed, k, n_chunks, start, min(CHUNK, n - start), str(raw), inconsistent) for k, start in enumerate(range(0, n, CHUNK))]
    if jobs is None:
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:
            jobs = os.cpu_count() or 1
    truth.parent.mkdir(parents=True, exist_ok=True)
    with open(truth, "w", encoding="utf-8") as fh:
        if jobs <= 1 or len(work) < 2:
            fh.writelines(line + "\n" for job in work for line in _chunk(job))
        else:
            # forkserver, not fork: a caller that has used Polars (the bench, the tests) has threads a fork would copy dead.
            ctx = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=ctx) as pool:
                fh.writelines(line + "\n" for lines in pool.map(_chunk, work) for line in lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("n", type=int)
    p.add_argument("raw", type=Path, help="folder to write the reports into (not data/raw)")
    p.add_argument("--truth", type=Path, help="truth file (default: RAW/../truth.jsonl)")
    p.add_argument("--seed", type=int, default=2019)
    p.add_argument("--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("--inconsistent", type=float, default=0.02, help="share of reports with one deliberate inconsistency (default 0.02)")
    args = p.parse_args()
    try:
        _guard(args.raw)
    except ValueError:
        p.error(GUARD_MESSAGE)
    start = time.perf_counter()
    generate(args.n, args.raw, args.truth or args.raw.parent / "truth.jsonl", args.seed, args.jobs, inconsistent=args.inconsistent)
    print(f"{args.n} reports in {time.perf_counter() - start:.1f} s → {args.raw}", file=sys.stderr)


if __name__ == "__main__":
    main()
