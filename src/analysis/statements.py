"""Problem statements: the problems and improvements sections cut into the units a report enumerates,
each with the problem types (codebook categories) its words name.

A report lists its problems as 一是…；二是…, (一)…, 1.…, (1)…, 第一…; the outermost enumeration
with at least two items in a row (一, 二…) is the unit, and what an item nests stays inside it. Text
before the first item (a lead-in: "仍存在以下问题:") and paragraphs after the last item's own paragraph
are cut into sentences, as is a part with no enumeration at all.

Categories come from ``data/problem_cues.tsv``: a statement is cut into clauses, and a category is
assigned when a clause holds one of its cue words and none of that row's blocking words. The cues
are words of the genre written from the codebook's definitions (``data/problem_codebook.tsv``); their
precision and recall on a hand-labelled random sample are published (see :func:`validate`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .datafiles import read_tsv
from .sections import Section, cn_number

PARTS = ("problems", "improvements")

_CN = "[一二三四五六七八九十]{1,3}"
# Enumeration styles, outermost first; group "n" is the item's number. A marker counts only at the start
# of the text, of a line or after a clause end, so that 一是 inside a word (统一是) is not an item.
_BOUNDARY = r"(?:^|(?<=[\n。;；:：!！?？,，\s]))"
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("(一)", re.compile(_BOUNDARY + r"[(（](?P<n>" + _CN + r")[)）]")),
    ("一、", re.compile(_BOUNDARY + r"(?P<n>" + _CN + r")[、.．](?!\d)")),
    ("一是", re.compile(_BOUNDARY + r"(?:(?:同时|另外|此外|再者)[,，]?)?(?P<n>" + _CN + r")是")),
    ("第一", re.compile(_BOUNDARY + r"第(?P<n>" + _CN + r")[,，、是]")),
    ("1.", re.compile(_BOUNDARY + r"(?P<n>\d{1,2})\s*[、.．](?!\d)")),
    ("(1)", re.compile(_BOUNDARY + r"[(（](?P<n>\d{1,2})[)）]")),
)
_SENTENCE = re.compile(r"[^。!！?？\n]+[。!！?？]*")


class Statement(NamedTuple):
    part: str
    order: int  # 0, 1, … within the part, in reading order
    text: str
    offset: int  # of the statement in the clean text (texts.text)
    categories: str  # codebook categories, ';'-separated, '' when no cue is found


def _items(text: str) -> list[tuple[int, int]] | None:
    """(start, end) of the items of the outermost enumeration with a run 1, 2, …; None when there is none."""
    for _, pattern in STYLES:
        run: list[int] = []
        for m in pattern.finditer(text):
            n = cn_number(m.group("n"))
            if n == len(run) + 1:
                run.append(m.start())
            elif n == 1 and len(run) < 2:
                run = [m.start()]
        if len(run) >= 2:
            bounds = [(s, e) for s, e in zip(run, run[1:] + [len(text)])]
            # The last item ends with its paragraph when more paragraphs follow (因此…/下一步…).
            s, e = bounds[-1]
            nl = text.find("\n", s)
            if 0 <= nl < e and text[nl:].strip():
                bounds[-1] = (s, nl)
            return bounds
    return None


def _sentences(marks: str, text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Sentences of text[start:end], cut where ``marks`` (the text with layout line breaks blanked) ends one."""
    out = []
    for m in _SENTENCE.finditer(marks, start, end):
        raw = text[m.start() : m.end()]
        s = raw.strip()
        if len(s) >= 2 and re.search(r"[\u3400-\u9fff]", s):
            out.append((m.start() + len(raw) - len(raw.lstrip()), s))
    return out


_LAYOUT_BREAK = re.compile(r"(?<![。;；:：!！?？])\n")


def split_statements(text: str) -> list[tuple[int, str]]:
    """(offset in ``text``, statement) of a part's text, in reading order.

    A line break after a sentence end is a paragraph; any other line break is the layout of a PDF page
    (…采取如下改进措\n施。) and cuts nothing. Boundaries are found in a copy with those breaks blanked
    (same length), and the statements are cut from the text itself."""
    marks = _LAYOUT_BREAK.sub(" ", text)
    items = _items(marks)
    if not items:
        return _sentences(marks, text, 0, len(text))
    out = _sentences(marks, text, 0, items[0][0])
    for s, e in items:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            out.append((s + len(chunk) - len(chunk.lstrip()), stripped))
    out += _sentences(marks, text, items[-1][1], len(text))
    return out


# ----------------------------------------------------------------- categories ---


class Cue(NamedTuple):
    category: str
    cue: re.Pattern[str]
    block: re.Pattern[str] | None


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    return tuple(Cue(r["category"], re.compile(r["cue"]), re.compile(r["block"]) if r["block"] else None)
                 for r in read_tsv("problem_cues.tsv"))


@lru_cache(maxsize=1)
def categories() -> tuple[str, ...]:
    """The categories, in the codebook's order."""
    return tuple(dict.fromkeys(r["category"] for r in read_tsv("problem_codebook.tsv")))


_CLAUSE = re.compile(r"[,，、;；。:：!！?？\n]")
# A clause that reports what was achieved names no problem: a result ending the clause (公开力度进一步强化,
# 公开途径有延伸, 实效得到新提升, 公开机制更规范) or 取得…成效; one that is still to be done (有待/需/将…加强) is no result.
_ACHIEVED = re.compile(r"(进一步|更加?|得到?|有所|有)了?(新的?)?(提升|提高|加强|强化|增强|丰富|规范|完善|延伸|拓展|改善|加大)$"
                       r"|取得了?[^,，;；。]{0,6}(成效|成绩|进展|成果)")
_TO_DO = re.compile(r"有待|待|需|要|将|应|须|继续|推动|促进|确保|保证|使|力争|努力|着力|争取|切实|不够|不足|未")


_CONNECTIVE = re.compile(r"^(但是|但|而且|而|且|并且|并|同时|也|还|又|其|及)")


def achieved(clause: str) -> bool:
    return bool(_ACHIEVED.search(clause)) and not _TO_DO.search(clause)


# A training names its topics and means before it (通过线上线下相结合的方式,聚焦《条例》等规章制度、依申请公开
# 处理规范等,举办专题培训会): they are what is taught, not a problem of their own, and only the training counts.
_TRAINING = re.compile(r"培训|轮训|讲座|授课|学习班")
_TOPIC_LEAD = re.compile(r"^(通过|聚焦|围绕|涵盖|涉及|就|采取|采用|利用|借助)")
TRAINING_CATEGORY = "staff_capacity"


def _clauses(statement: str) -> list[tuple[str, bool]]:
    """(clause, is a topic or means of a training) of a statement, in reading order.

    Within a sentence that names a training, the clauses from one that opens with a topic or means marker
    (聚焦, 围绕, 通过…) up to the clause naming the training are its topics."""
    out: list[tuple[str, bool]] = []
    for sentence in re.split(r"(?<=[。;；!！?？])", statement.replace("\n", "")):  # PDF text breaks lines inside words
        clauses = _CLAUSE.split(sentence)
        training = next((i for i, c in enumerate(clauses) if _TRAINING.search(c)), None)
        lead = None if training is None else next(
            (i for i in range(training) if _TOPIC_LEAD.match(_CONNECTIVE.sub("", clauses[i], count=1))), None)
        out += [(c, lead is not None and lead <= i <= training) for i, c in enumerate(clauses)]
    return out


@lru_cache(maxsize=1 << 14)
def classify(statement: str) -> tuple[str, ...]:
    """Codebook categories whose cues a statement's clauses name (codebook order).

    A clause that opens with its cue has no subject of its own and continues the one before it
    (政策解读比例较低,形式较为单一): the cue's blocking words are then looked for in that clause too. The topics
    and means of a training name only the training (staff_capacity)."""
    found = set()
    previous = ""
    for clause, topic in _clauses(statement):
        if len(clause) < 2:
            continue
        if not achieved(clause):
            for c in cues():
                if c.category in found or (topic and c.category != TRAINING_CATEGORY) or not (m := c.cue.search(clause)):
                    continue
                opens = m.start() <= len(clause) - len(_CONNECTIVE.sub("", clause, count=1))
                context = previous + "," + clause if opens else clause
                if not (c.block and c.block.search(context)):
                    found.add(c.category)
        previous = clause
    return tuple(k for k in categories() if k in found)


def report_statements(sections: list[Section]) -> list[tuple[str, int, str, int, str]]:
    """(part, order, text, offset, categories) for the problems and improvements sections of one report."""
    out: list[tuple[str, int, str, int, str]] = []
    for part in PARTS:
        order = 0
        for s in sections:
            if s.section != part or not s.text:
                continue
            for offset, text in split_statements(s.text):
                out.append((part, order, text, s.start + offset, ";".join(classify(text))))
                order += 1
    return out


# ----------------------------------------------------------------- validation ---

SAMPLE = "tests/fixtures/problem_statements_labelled.jsonl"
HELDOUT = "tests/fixtures/problem_statements_heldout.jsonl"
DEV2 = "tests/fixtures/problem_statements_dev2.jsonl"
HELDOUT2 = "tests/fixtures/problem_statements_heldout2.jsonl"
# The labelled sets the validation figures are computed on. Development sets, whose errors the cues were tuned
# on: the first sample (versions 2-4) and dev2, reports from all over China (version 4). Held-out sets, labelled
# blind and read only to score frozen cues: the rest of the first population (versions 3 and 4) and heldout2,
# the other half of the reports from all over China (version 4).
SETS = {"dev": SAMPLE, "dev2": DEV2, "heldout": HELDOUT, "heldout2": HELDOUT2}
HELDOUT_SETS = ("heldout", "heldout2")  # pooled into "pooled"
NEAR_COPY = "near copy of"  # how a held-out statement's note says it nearly repeats a development statement


def load_sample(path) -> list[dict]:
    """The hand-labelled statements (one JSON object a line: id, text, categories…)."""
    import json
    from pathlib import Path

    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_sets(sets: dict[str, str] = SETS) -> dict[str, list[dict]]:
    """The statements each validation figure is computed on, in the order published: the development sets, the
    held-out set, its statements that are no near copy of a development statement ("unseen": text the cues'
    authors never read; the reports copy their sections from year to year), heldout2, and the two held-out
    sets pooled ("pooled": the steadiest figure the cues were not tuned on)."""
    loaded = {name: load_sample(path) for name, path in sets.items()}
    out = {name: rows for name, rows in loaded.items() if name not in HELDOUT_SETS}
    if "heldout" in loaded:
        out["heldout"] = loaded["heldout"]
        out["unseen"] = [s for s in loaded["heldout"] if not s.get("note", "").startswith(NEAR_COPY)]
    if "heldout2" in loaded:
        out["heldout2"] = loaded["heldout2"]
    if all(name in loaded for name in HELDOUT_SETS):
        out["pooled"] = [s for name in HELDOUT_SETS for s in loaded[name]]
    return out


def validate(sample: list[dict]) -> "pl.DataFrame":
    """Per category: statements labelled, assigned, right; precision and recall of the cue words."""
    import polars as pl

    rows = []
    for k in categories():
        tp = fp = fn = 0
        for s in sample:
            want, got = k in s["categories"], k in classify(s["text"])
            tp += want and got
            fp += got and not want
            fn += want and not got
        rows.append((k, tp + fn, tp + fp, tp, tp / (tp + fp) if tp + fp else None, tp / (tp + fn) if tp + fn else None))
    return pl.DataFrame(rows, schema={"category": pl.String, "labelled": pl.Int64, "assigned": pl.Int64, "right": pl.Int64,
                                      "precision": pl.Float64, "recall": pl.Float64}, orient="row")


def micro(table: "pl.DataFrame") -> tuple[float | None, float | None]:
    """Precision and recall over all categories together (micro-average) of a :func:`validate` table."""
    right, assigned, labelled = table["right"].sum(), table["assigned"].sum(), table["labelled"].sum()
    return (right / assigned if assigned else None, right / labelled if labelled else None)
