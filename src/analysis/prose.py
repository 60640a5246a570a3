"""Figures stated in sentences: 主动公开政府信息5411条, 共收到5件依申请公开, 我区无行政诉讼.

Many small reports give their figures only in prose. Patterns are data
(``data/prose_patterns.tsv``); each is searched sentence by sentence, so a
"none" statement only covers the sentence it is in, and a sentence that gives a
number is never read as "none".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .cells import is_table_row
from .datafiles import read_tsv
from .figures import Figure, snippet
from .sections import Section, body_end, split_sections

_SENTENCE = re.compile(r"[^。;；!！?？\n]+[。;；!！?？]?")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ProseRule:
    indicator: str
    kind: str
    unit: str
    pattern: re.Pattern[str]
    gate: tuple[str, ...]  # a sentence without any of these words cannot match (saves most regex searches)


# Words every pattern of an indicator family needs.
_GATES = (
    ("proactive", ("公开", "发布")), ("requests_", ("申请", "办结")), ("outcome_", ("公开", "告知", "不属于", "不存在")),
    ("review", ("复议",)), ("litigation", ("诉讼",)), ("complaints", ("投诉", "举报", "申诉")), ("fees", ("费",)),
)


def _gate(indicator: str) -> tuple[str, ...]:
    return next((words for prefix, words in _GATES if indicator.startswith(prefix)), ())


@lru_cache(maxsize=1)
def prose_rules() -> tuple[ProseRule, ...]:
    rows = read_tsv("prose_patterns.tsv")
    return tuple(ProseRule(r["indicator"], r["kind"], r["unit"], re.compile(r["pattern"]), _gate(r["indicator"])) for r in rows)


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[tuple[str, ...], tuple[ProseRule, ...], tuple[ProseRule, ...]], ...]:
    """Rules grouped by gate words, split into number and zero rules, file order kept within each group.

    Every rule of an indicator shares its gate, so grouping keeps "first rule in file order wins" per indicator.
    """
    groups: dict[tuple[str, ...], tuple[list[ProseRule], list[ProseRule]]] = {}
    for rule in prose_rules():
        numbers, zeros = groups.setdefault(rule.gate, ([], []))
        (numbers if rule.kind == "number" else zeros).append(rule)
    return tuple((gate, tuple(n), tuple(z)) for gate, (n, z) in groups.items())


@lru_cache(maxsize=1)
def _gate_words() -> re.Pattern[str]:
    """All gate words in one pattern: one search per sentence tells which families can match."""
    words = sorted({w for rule in prose_rules() for w in rule.gate}, key=lambda w: (-len(w), w))
    return re.compile("(?=(" + "|".join(map(re.escape, words)) + "))")  # a lookahead: overlapping words are all found


# Sections whose figures are not the reporting body's own totals.
SKIPPED_SECTIONS = frozenset({"problems", "improvements", "workplan", "proposals", "interpretation", "appendix", "capacity"})


def _prose_spans(text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """Sentences of the report body outside skipped sections, skipping table rows (lines with pipes)."""
    end = body_end(text)
    skipped = sorted((s.start, s.end) for s in sections if s.section in SKIPPED_SECTIONS)
    starts = [a for a, _ in skipped]
    spans = []
    pos = 0
    for line in text[:end].split("\n"):
        if not is_table_row(line):
            for m in _SENTENCE.finditer(line):
                a = pos + m.start()
                i = bisect_right(starts, a) - 1
                if not (i >= 0 and a < skipped[i][1]):
                    spans.append((a, pos + m.end()))
        pos += len(line) + 1
    return spans


def parse_prose(text: str, sections: list[Section] | None = None) -> list[Figure]:
    """The first statement of each indicator in the report's prose (outside skipped sections)."""
    sections = split_sections(text) if sections is None else sections
    found: dict[str, Figure] = {}
    families = _families()
    gate_re = _gate_words()
    for start, end in _prose_spans(text, sections):
        sentence = text[start:end]
        present = set(gate_re.findall(sentence))
        has_digit = None
        for gate, numbers, zeros in families:
            if gate and present.isdisjoint(gate):
                continue
            if numbers:
                if has_digit is None:
                    has_digit = _DIGIT.search(sentence) is not None
                rules = numbers + zeros if has_digit else zeros  # a number rule's value group is digits
            else:
                rules = zeros
            for rule in rules:
                if rule.indicator in found:
                    continue
                m = rule.pattern.search(sentence)
                if not m:
                    continue
                if rule.kind == "zero":
                    if _DIGIT.search(m.group()):
                        continue  # "没有…3件…行政复议" states a number, not none
                    found[rule.indicator] = Figure(rule.indicator, 0.0, "zero_stated", "prose", m.group(), snippet(text, start + m.start(), start + m.end()),
                                                   start + m.start(), rule.unit, None, "prose")
                else:
                    value = float(m.group("n").replace(",", ""))
                    found[rule.indicator] = Figure(rule.indicator, value, "reported", "prose", m.group(), snippet(text, start + m.start(), start + m.end()),
                                                   start + m.start("n"), rule.unit, None, "prose")
    return list(found.values())
