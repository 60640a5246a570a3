"""Decoded page text → the clean text layer every later stage reads.

Each rule is a small pure function; :func:`clean_text` chains them and returns
the text together with counts of what each rule did, so nothing is changed
without leaving a trace in the quality flags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import opencc

from .datafiles import read_tsv

# ---------------------------------------------------------------- width ---

_SPACES = dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " ")
_INVISIBLE = dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", "")
_FULLWIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH = {**_SPACES, **_INVISIBLE, **_FULLWIDTH}  # character → replacement
_WIDTH_CHARS = re.compile("[" + "".join(map(re.escape, _WIDTH)) + "]")


def normalize_width(text: str) -> str:
    """Full-width ASCII forms (Ａ１（：) → ASCII; exotic spaces → space; invisible marks dropped.

    Only the full-width block U+FF01–FF5E is folded: Chinese punctuation with no
    ASCII counterpart (、。《》“”) and enclosed numerals (①, ⑴) keep their meaning
    and are left alone, which a blanket NFKC would not do.

    Replaces only the few distinct characters present, each with one ``str.replace``:
    ``str.translate`` with a dict looks every character of a Chinese text up in
    Python and is ~8x slower. (No replacement is itself replaced, so order does not matter.)
    """
    for ch in set(_WIDTH_CHARS.findall(text)):
        text = text.replace(ch, _WIDTH[ch])
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------- pinyin ---

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# "(" preceded by a non-space. The look-behind comes after the "(" so that the
# regex engine can jump from one "(" to the next instead of trying every position.
_PINYIN_IN_PARENS = re.compile(r"\((?<=\S\()([a-zA-Zü" + _TONED + r"]{1,7}[1-5]?)\)")
_SYLLABLE = re.compile(
    r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(iong|uang|iang|iao|ian|ing|ong|ang|eng|uai|uan|van|üan|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ue|ve|üe|vn|ün|"
    r"a|o|e|i|u|v|ü|ng|n|m)[1-5]?$"
)
_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _strip_tones(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s.lower())
    base = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return base.replace("u\u0308", "ü")


@lru_cache(maxsize=4096)
def _is_syllable(s: str) -> bool:
    return bool(_SYLLABLE.match(_strip_tones(s).replace("ü", "v")))


def _has_tone(s: str) -> bool:
    return any(c in _TONED for c in s.lower()) or s[-1] in "12345"


def remove_inline_pinyin(text: str) -> tuple[str, int]:
    """Drop pinyin glosses inserted after characters: 報(bào)告 → 報告.

    A parenthesised group is removed only when it is a valid pinyin syllable
    and either carries a tone mark, or follows a Han character in a text where
    tone-marked glosses were found (so 的(de) goes, but 系统(app) or (一) stay).
    """
    matches = list(_PINYIN_IN_PARENS.finditer(text))
    toned = [m for m in matches if _has_tone(m.group(1)) and _is_syllable(m.group(1))]
    glossed_text = len(toned) >= 3

    def keep(m: re.Match[str]) -> bool:
        syl = m.group(1)
        if not _is_syllable(syl):
            return True
        if _has_tone(syl) and (glossed_text or not syl[-1].isdigit()):
            return False
        prev = text[m.start() - 1]
        return not (glossed_text and _HAN_CHAR.match(prev) and syl.islower())

    out: list[str] = []
    last = removed = 0
    for m in matches:
        if keep(m):
            continue
        out.append(text[last : m.start()])
        last = m.end()
        removed += 1
    out.append(text[last:])
    return "".join(out), removed


# ------------------------------------------------------------- mojibake ---

# ``??…``, a ``?`` between Han characters, or ``\ufffd…``. Every branch starts with a plain
# ``?`` or U+FFFD (look-behind after the ``?``, ``x+`` as ``xx*``) so the regex engine skips
# straight to those characters instead of trying each position.
_MOJIBAKE = re.compile(r"\?\?+|\?(?<=[\u3400-\u9fff]\?)(?=[\u3400-\u9fff])|\ufffd\ufffd*")


def count_mojibake(text: str) -> int:
    """Runs of ``?`` inside Chinese text and U+FFFD: characters lost before we got the file.

    Counted on the text before width normalisation, where a genuine Chinese
    question mark is still the full-width ``？``.
    """
    if "?" not in text and "\ufffd" not in text:
        return 0  # the usual case, found by two fast substring scans
    return len(_MOJIBAKE.findall(text))


# -------------------------------------------------------------- script ---


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


TRADITIONAL_THRESHOLD = 0.03  # share of Han characters that t2s changes


SHARE_SAMPLE = 20000  # characters at the start of a text that traditional_share looks at


def traditional_share(text: str, sample: int = SHARE_SAMPLE) -> float:
    """Share of Han characters that OpenCC t2s changes (≈0 simplified, ≈0.2+ traditional).

    Each character is judged on its own (see :func:`_changed_by_t2s`), so the share
    is a lookup per character, not a conversion per page.
    """
    han = _han_units(text[:sample])
    return float(_changed_by_t2s()[han].sum()) / han.size if han.size else 0.0


@lru_cache(maxsize=1)
def _changed_by_t2s() -> np.ndarray:
    """A table over UTF-16 code units: True for each Han character that t2s converts to another.

    Built once per process from one conversion of every character of the ``_HAN_CHAR``
    ranges, one per line (t2s never joins characters across a line break; they are
    converted one by one if it ever did).
    """
    codes = np.r_[0x3400:0xA000, 0xF900:0xFB00]
    chars = [chr(c) for c in codes]
    converted = to_simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        converted = [to_simplified(ch) for ch in chars]
    table = np.zeros(0x10000, dtype=bool)
    table[codes] = [new != ch for ch, new in zip(chars, converted)]
    return table


def _han_units(text: str) -> np.ndarray:
    """The characters of ``text`` that ``_HAN_CHAR`` matches, as UTF-16 code units.

    Done on an array because a Python object per character makes this the most
    expensive step of cleaning. The Han ranges are in the BMP, so each of their
    characters is one code unit (and no half of a surrogate pair falls in them).
    """
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    return units[((units >= 0x3400) & (units <= 0x9FFF)) | ((units >= 0xF900) & (units <= 0xFAFF))]


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


# ---------------------------------------------------------- boilerplate ---


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    max_chars: int
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(r["rule"], r["kind"], int(r["max_chars"]), re.compile(r["pattern"], re.I))
        for r in read_tsv("boilerplate.tsv")
    )


@dataclass(frozen=True)
class _Prepared:
    """A rule, with what lets :func:`remove_boilerplate` skip searching for it where it cannot match."""

    rule: Rule
    needs: tuple[str, ...]  # pieces of literal text that every match contains
    anchored: bool  # matches only at the start of the text (``^`` without MULTILINE)


def _prepare(rule: Rule) -> _Prepared:
    """Read ``needs`` and ``anchored`` from the top level of the stdlib's own parse of the pattern.

    Only parts that every match goes through count (nothing optional, repeated or
    alternative), and only characters that IGNORECASE leaves alone (ASCII
    non-letters, uncased scripts such as Han). Nothing is skipped when in doubt.
    """
    pattern = rule.pattern
    try:
        from re import _parser  # private: a change in it only turns the shortcuts off
        items = list(_parser.parse(pattern.pattern, pattern.flags))
        literal, at, beginning = _parser.LITERAL, _parser.AT, _parser.AT_BEGINNING
    except Exception:  # noqa: BLE001 - an optimisation must never break cleaning
        return _Prepared(rule, (), False)
    anchored = bool(items) and items[0] == (at, beginning) and not pattern.flags & re.MULTILINE
    pieces: list[str] = []
    run = ""
    for op, arg in items:
        ch = chr(arg) if op is literal else ""
        if ch and ((ch.isascii() and not ch.isalpha()) or unicodedata.category(ch) == "Lo"):
            run += ch
            continue
        if run:
            pieces.append(run)
        run = ""
    return _Prepared(rule, tuple(pieces + [run] if run else pieces), anchored)


@dataclass(frozen=True)
class _Plan:
    """The boilerplate rules, prepared once."""

    line: tuple[_Prepared, ...]
    inline: tuple[_Prepared, ...]
    longest: int  # longest line a line rule may drop
    starts: re.Pattern[str] | None  # matches the start of a line wherever an anchored line rule does


@lru_cache(maxsize=1)
def _rule_plan() -> _Plan:
    rules = boilerplate_rules()
    line = tuple(_prepare(r) for r in rules if r.kind == "line")
    inline = tuple(_prepare(r) for r in rules if r.kind == "inline")
    longest = max((p.rule.max_chars for p in line), default=-1)
    return _Plan(line, inline, longest, _any_of([p.rule.pattern for p in line if p.anchored]))


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern matching wherever one of ``patterns`` does, or None when they cannot be joined
    safely (back-references would point at another pattern's groups; flags must agree)."""
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or any(re.search(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[a-zA-Z]", p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
    except re.error:
        return None


def remove_boilerplate(lines: list[str]) -> tuple[list[str], dict[str, int]]:
    """Drop site chrome lines and inline chrome; return kept lines and hits per rule.

    A line is dropped by the first line rule (in file order) that matches it;
    inline rules then delete their matches one after the other.

    Most rules match nothing in a report, so they are only searched where they may
    match: not at all when the page lacks text a rule needs (deleting an inline match
    leaves a space, so text without a space cannot appear later), and the ``^`` rules
    only on lines whose start one of them matches (one joint match per line).
    """
    kept, _, hits = _remove_boilerplate(lines)
    return kept, hits


def _remove_boilerplate(lines: list[str]) -> tuple[list[str], list[int], dict[str, int]]:
    """:func:`remove_boilerplate`, also giving the index in ``lines`` of each kept line."""
    plan = _rule_plan()
    stripped_lines = [line.strip() for line in lines]
    candidates = "\n".join(s for s in stripped_lines if len(s) <= plan.longest)  # lines a line rule may drop
    active = [p for p in plan.line if all(piece in candidates for piece in p.needs)]
    line_rules = [p.rule for p in active]
    unanchored = [p.rule for p in active if not (p.anchored and plan.starts)]  # all of them without a joint pattern
    page = "\n".join(stripped_lines)
    inline_rules = [p.rule for p in plan.inline if all(piece in page or " " in piece for piece in p.needs)]
    hits: dict[str, int] = {}
    kept: list[str] = []
    kept_at: list[int] = []
    for i, stripped in enumerate(stripped_lines):
        n = len(stripped)
        if n <= plan.longest and line_rules:
            starts = plan.starts is not None and plan.starts.match(stripped) is not None
            dropped = None
            for rule in line_rules if starts else unanchored:
                if n <= rule.max_chars and rule.pattern.search(stripped):
                    dropped = rule
                    break
            if dropped:
                hits[dropped.name] = hits.get(dropped.name, 0) + 1
                continue
        for rule in inline_rules:
            stripped, k = rule.pattern.subn(" ", stripped)
            if k:
                hits[rule.name] = hits.get(rule.name, 0) + k
        stripped = stripped.strip()
        if stripped:
            kept.append(stripped)
            kept_at.append(i)
    return kept, kept_at, hits


# --------------------------------------------------------------- header ---

HEADER_SCAN_LINES = 16  # non-empty lines at the top where a document-information block may sit
_CRAWLER_SEPARATOR = re.compile(r"^=+\s*正文\s*=+$")


@lru_cache(maxsize=1)
def _header_labels() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = read_tsv("header_fields.tsv")
    labels = sorted((r["label"] for r in rows), key=len, reverse=True)
    spaced = [r"\s*".join(map(re.escape, label)) for label in labels]
    pattern = re.compile(r"(?<![\u4e00-\u9fff])(" + "|".join(spaced) + r")(?=\s*[:]|\s|$)")
    return pattern, {r["label"]: r["field"] for r in rows}


@dataclass
class Header:
    lines: list[str] = field(default_factory=list)
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (field, label, value)


def _parse_header_line(line: str) -> list[tuple[str, str, str]] | None:
    pattern, fields = _header_labels()
    matches = list(pattern.finditer(line))
    if not matches:
        return None
    at_start = matches[0].start() == 0
    if not at_start and len(matches) < 2:
        return None
    out: list[tuple[str, str, str]] = []
    if not at_start and line[: matches[0].start()].strip(" |"):
        out.append(("unlabeled", "", line[: matches[0].start()].strip(" |")))
    for m, nxt in zip(matches, matches[1:] + [None]):
        label = re.sub(r"\s+", "", m.group(1))
        value = re.sub(r"^[\s:|]+|[\s|]+$", "", line[m.end() : nxt.start() if nxt else len(line)])
        out.append((fields[label], label, value))
    return out


def split_header(lines: list[str]) -> tuple[Header, list[str]]:
    """Separate the document-information block (索引号/发布机构/公开日期…) from the body.

    Two shapes: a crawler header ending with ``==== 正文 ====`` (everything
    above it), or labelled lines among the first few lines of the page.
    """
    header, body_at = _split_header(lines)
    return header, [lines[i] for i in body_at]


def _split_header(lines: list[str]) -> tuple[Header, list[int]]:
    """:func:`split_header`, giving the body as indices into ``lines``."""
    header = Header()
    for i, line in enumerate(lines[:40]):
        if _CRAWLER_SEPARATOR.match(line):
            for h in lines[:i]:
                header.lines.append(h)
                header.fields.extend(_parse_header_line(h) or [])
            return header, list(range(i + 1, len(lines)))
    body: list[int] = []
    for i, line in enumerate(lines):
        parsed = _parse_header_line(line) if i < HEADER_SCAN_LINES and len(line) <= 200 else None
        if parsed is None:
            body.append(i)
        else:
            header.lines.append(line)
            header.fields.extend(parsed)
    return header, body


# ---------------------------------------------------------------- chain ---

_INNER_SPACES = re.compile(r"[ \t][ \t]+")  # two or more; spelled so the regex engine can skip to candidates


@dataclass
class Cleaned:
    text: str
    header: Header
    script: str
    traditional_share: float
    n_pinyin_removed: int
    n_mojibake: int
    boilerplate_hits: dict[str, int]

    @property
    def n_boilerplate_removed(self) -> int:
        return sum(self.boilerplate_hits.values())

    def in_text_script(self, value: str) -> str:
        """``value`` (e.g. the page's HTML <title>) in the script of :attr:`text`: simplified when the page was traditional."""
        return to_simplified(value) if self.script == "traditional" and value else value


def _simplified_lines(lines: list[str]) -> list[str]:
    """The lines converted by t2s, one for one (t2s leaves line breaks alone; converted one by one if it ever did not)."""
    out = to_simplified("\n".join(lines)).split("\n")
    return out if len(out) == len(lines) else [to_simplified(line) for line in lines]


def _clean_lines(lines: list[str]) -> tuple[Header, list[str], list[int], dict[str, int]]:
    """Header block and boilerplate out: (header, body lines, index in ``lines`` of each body line, hits per rule)."""
    header, body_at = _split_header(lines)
    body, kept_at, hits = _remove_boilerplate([lines[i] for i in body_at])
    return header, body, [body_at[k] for k in kept_at], hits


def clean_text(decoded: str) -> Cleaned:
    """Apply every cleaning rule, in order, to a decoded (and HTML-stripped) page.

    The boilerplate and header rules are written in simplified characters, so a page
    in traditional characters (当前位置 spelt 當前位置, 发布机构 spelt 發佈機構) is
    converted to simplified before they run. ``traditional_share`` and ``script``
    describe the report text that survives cleaning, measured in the page's own
    script (each kept line as the page printed it). When the page looks traditional as
    a whole but its report text does not (traditional site chrome around a simplified
    report), the chrome goes and the report is kept as printed, unconverted; a report
    whose traditional text only shows once its simplified chrome is gone is converted
    after cleaning.
    """
    n_mojibake = count_mojibake(decoded)
    text = normalize_width(decoded)
    text, n_pinyin = remove_inline_pinyin(text)
    lines = [line.strip() for line in _INNER_SPACES.sub(" ", text).split("\n")]  # [ \t] runs never span lines
    lines = [line for line in lines if line]
    page = "\n".join(lines)
    page_share = traditional_share(page)
    if page_share >= TRADITIONAL_THRESHOLD:
        header, body, kept_at, hits = _clean_lines(_simplified_lines(lines))
        printed = [lines[i] for i in kept_at]
        share = traditional_share("\n".join(printed))
        script = "traditional" if share >= TRADITIONAL_THRESHOLD else "simplified"
        if script == "simplified":
            # Traditional chrome around a simplified report: the report's lines as printed, unconverted
            # (their inline chrome removed again; its hits were counted on the converted lines).
            body = _remove_boilerplate(printed)[0]
        return Cleaned(text="\n".join(body), header=header, script=script, traditional_share=round(share, 4),
                       n_pinyin_removed=n_pinyin, n_mojibake=n_mojibake, boilerplate_hits=hits)
    header, body, _, hits = _clean_lines(lines)
    text = "\n".join(body)
    # The kept text's Han characters are some of the page's: none changes when none of the page's did
    # (known when the whole page was sampled), the case of most reports.
    share = 0.0 if page_share == 0.0 and len(page) <= SHARE_SAMPLE else traditional_share(text)
    script = "traditional" if share >= TRADITIONAL_THRESHOLD else "simplified"
    if script == "traditional":
        text = to_simplified(text)
        header.lines = [to_simplified(h) for h in header.lines]
        header.fields = [(f, to_simplified(label), to_simplified(v)) for f, label, v in header.fields]
    return Cleaned(
        text=text,
        header=header,
        script=script,
        traditional_share=round(share, 4),
        n_pinyin_removed=n_pinyin,
        n_mojibake=n_mojibake,
        boilerplate_hits=hits,
    )
