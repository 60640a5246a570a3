"""Figures stated in sentences: 主动公开政府信息5411条, 共收到5件依申请公开, 我区无行政诉讼.

Many small reports give their figures only in prose. Patterns are data
(``data/prose_patterns.tsv``); each is searched sentence by sentence, so a
"none" statement only covers the sentence it is in, and a sentence that gives a
number is never read as "none". A sentence is a run of text within one line up
to and including a sentence end (。;；!！?？).

Most sentences match no pattern, so they are not visited: every pattern needs
some literal words (read from the pattern itself), one scan of the report finds
where those words are, and a pattern is only searched in the sentences holding
one of its words.
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

_ENDS = "。;；!！?？"
_BREAK = re.compile(f"[{_ENDS}\n]")  # the characters a sentence cannot contain, except its own end
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


def _rarity(words: tuple[str, ...]) -> tuple[int, int]:
    """Longer and fewer words occur in fewer sentences."""
    return min(map(len, words)), -len(words)


def _needed(items) -> tuple[str, ...]:
    """Words one of which every match of the parsed pattern ``items`` contains (empty: none known).

    Only literal text that every match goes through counts (nothing optional or in a lookaround, nothing under
    IGNORECASE), and never a sentence end: a sentence only holds text without one.
    """
    from re import _constants as c

    options, run = [], ""
    for op, arg in items:
        if op is c.LITERAL and chr(arg) not in _ENDS + "\n":
            run += chr(arg)
            continue
        options.append((run,) if run else ())
        run = ""
        if op is c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            options.append(_needed(arg[3]))
        elif op is c.ATOMIC_GROUP:
            options.append(_needed(arg))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            options.append(_needed(arg[2]))
        elif op is c.BRANCH:
            branches = [_needed(b) for b in arg[1]]
            options.append(tuple(w for b in branches for w in b) if all(branches) else ())
    options.append((run,) if run else ())
    return max(filter(None, options), key=_rarity, default=())


def _needs(rule: ProseRule) -> tuple[str, ...]:
    """Words one of which a sentence must hold for ``rule`` to match in it: the rarer of its pattern's and its gate."""
    # re._parser and re._constants are private: a change in them only leaves the gate words.
    try:
        from re import _parser

        pattern = rule.pattern
        own = () if pattern.flags & re.IGNORECASE else _needed(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - reading the pattern only narrows the search
        own = ()
    needs = max(filter(None, (own, rule.gate)), key=_rarity, default=())
    if not needs:
        raise ValueError(f"prose pattern with neither a literal word nor gate words: {rule.pattern.pattern}")
    return needs


@dataclass(frozen=True)
class _Plan:
    """The rules in the order they are tried within a sentence, and the scan that finds where each can match."""

    rules: tuple[ProseRule, ...]
    gates: tuple[tuple[str, ...], ...]  # per rule, its gate words; none when each word it needs holds one already
    scan: re.Pattern[str]  # every needed word: at each offset, the longest word found there
    tries: dict[str, tuple[int, ...]]  # word found → the rules (indices into ``rules``) needing it or a prefix of it


def _longest_of(words: list[str]) -> str:
    """A pattern matching the longest of ``words`` found at an offset, as a tree of shared prefixes.

    One alternative per first character: a flat list of alternatives would try every word at every offset.
    """
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for first, rests in tails.items():
        longer = [r for r in rests if r]
        rest = f"(?:{_longest_of(longer)})" + ("?" if "" in rests else "") if longer else ""
        alternatives.append(re.escape(first) + rest)
    return "|".join(alternatives)


@lru_cache(maxsize=1)
def _plan() -> _Plan:
    """Rules ordered by family (first appearance), number rules first, then file order: the order figures are listed in.

    Every rule of an indicator shares its gate, so this keeps "first rule in file order wins" per indicator.
    """
    family: dict[tuple[str, ...], int] = {}
    for rule in prose_rules():
        family.setdefault(rule.gate, len(family))
    rules = tuple(sorted(prose_rules(), key=lambda r: (family[r.gate], r.kind != "number")))  # stable: file order kept
    needs = [_needs(r) for r in rules]
    words = sorted({w for n in needs for w in n})
    tries = {w: tuple(i for i, n in enumerate(needs) if any(w.startswith(x) for x in n)) for w in words}
    gates = tuple(() if all(any(g in x for g in r.gate) for x in n) else r.gate for r, n in zip(rules, needs))
    return _Plan(rules, gates, re.compile(_longest_of(words)), tries)


# Sections whose figures are not the reporting body's own totals.
SKIPPED_SECTIONS = frozenset({"problems", "improvements", "workplan", "proposals", "interpretation", "appendix", "capacity"})


def _sentence_at(text: str, backwards: str, line_end: int, p: int) -> tuple[int, int]:
    """The sentence holding offset ``p`` (not a sentence end) on a line ending at ``line_end``; ``backwards`` is text[::-1]."""
    before = _BREAK.search(backwards, len(text) - p)
    after = _BREAK.search(text, p, line_end)
    return (len(text) - before.start() if before else 0), (after.end() if after else line_end)


def _line_at(text: str, p: int, end: int) -> tuple[int, bool]:
    """Where the line holding offset ``p`` ends (within the body, which ends at ``end``), and whether it is a table row."""
    line_end = text.find("\n", p, end)
    line_end = end if line_end < 0 else line_end
    return line_end, is_table_row(text[text.rfind("\n", 0, p) + 1 : line_end])


def _skipped_until(skipped: list[tuple[int, int]], starts: list[int], a: int, end: int) -> int:
    """-1 if a sentence starting at ``a`` is read; else where sentences are read again at the earliest.

    That is where its skipped section ends, or where the next section starts.
    """
    i = bisect_right(starts, a) - 1
    if i < 0 or a >= skipped[i][1]:
        return -1
    return min(skipped[i][1], starts[i + 1] if i + 1 < len(starts) else end)


def _candidates(text: str, sections: list[Section], plan: _Plan) -> list[tuple[int, int, set[int]]]:
    """The sentences of the report body holding a word some rule needs, in order, with the rules to try there.

    Sentences in skipped sections or table rows (lines with pipes) are left out. The scan restarts one character
    after each word found, so that words overlapping it are found too.
    """
    end = body_end(text)
    skipped = sorted((s.start, s.end) for s in sections if s.section in SKIPPED_SECTIONS)
    starts = [a for a, _ in skipped]
    backwards = text[::-1]
    out: list[tuple[int, int, set[int]]] = []
    line_end, row = -1, False
    until, tries = -1, None  # words before ``until`` are in the sentence ``tries`` is for (None: one not read)
    m = plan.scan.search(text, 0, end)
    while m:
        p = m.start()
        if p >= until:
            if p >= line_end:
                line_end, row = _line_at(text, p, end)
            if row:
                until, tries = line_end, None
            else:
                a, b = _sentence_at(text, backwards, line_end, p)
                skip = _skipped_until(skipped, starts, a, end)
                if skip >= 0:
                    until, tries = max(b, skip), None
                else:
                    until, tries = b, set()
                    out.append((a, b, tries))
        if tries is None:
            m = plan.scan.search(text, until, end)
        else:
            tries.update(plan.tries[m.group()])
            m = plan.scan.search(text, p + 1, end)
    return out


def parse_prose(text: str, sections: list[Section] | None = None) -> list[Figure]:
    """The first statement of each indicator in the report's prose (outside skipped sections)."""
    sections = split_sections(text) if sections is None else sections
    plan = _plan()
    found: dict[str, Figure] = {}
    for start, end, tries in _candidates(text, sections, plan):
        sentence = text[start:end]
        digits = _DIGIT.search(sentence) is not None  # a number rule's value group is digits
        for i in sorted(tries):
            rule, gate = plan.rules[i], plan.gates[i]
            if rule.indicator in found or (gate and not any(w in sentence for w in gate)) or (rule.kind == "number" and not digits):
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
