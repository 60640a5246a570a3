"""Cut the gathered problems/improvements sections of reports from all of China into statements, and
split them by report into a development half (dev2) and a blind half (heldout2).

The input is a JSON-lines file of sections gathered by hand from public report pages (one line per
report and part: url, title, province, level, year, part, text; optional note), by default
tests/fixtures/problem_sections_gathered.jsonl. Each section text is normalised as the build's clean
step does (full-width characters, inline pinyin, traditional to simplified characters) and cut with
the project's own splitter, ``analysis.statements.split_statements``. Then:

- a statement that only names the section ("(一)存在的问题", "改进措施:") is dropped;
- at most MAX_PER_REPORT statements are kept per report: the problems part first, then the
  improvements part in order, so that no report dominates;
- a statement whose text equals (after removing whitespace and punctuation) a text of the older
  labelled sets or an earlier new statement is dropped;
- a statement whose character bigrams, after removing whitespace, punctuation and years, overlap with
  an older or earlier new statement with a Jaccard index above NEAR gets a note "near copy of …";
- reports are split at random (random.Random(SEED) over the sorted report URLs) into two halves of
  about the same number of statements: every statement of a report is in the same half.

Usage, from the worktree root:

    PYTHONPATH=src .venv/bin/python tools/gather_statements.py > /tmp/gathered.jsonl

prints every statement (unlabelled) with its half ("dev2" or "heldout2") and id, and the counts on
stderr. ``--check`` compares the output with the two fixtures instead and exits non-zero on a
difference (the labels and the labelling notes in the fixtures are not compared).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from analysis.clean import normalize_width, remove_inline_pinyin, to_simplified, traditional_share, TRADITIONAL_THRESHOLD
from analysis.statements import split_statements

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SECTIONS = FIXTURES / "problem_sections_gathered.jsonl"
OLDER = (FIXTURES / "problem_statements_labelled.jsonl", FIXTURES / "problem_statements_heldout.jsonl")
HALVES = {"dev2": (FIXTURES / "problem_statements_dev2.jsonl", "d"),
          "heldout2": (FIXTURES / "problem_statements_heldout2.jsonl", "g")}
PARTS = ("problems", "improvements")
SEED = 2026
MAX_PER_REPORT = 8
NEAR = 0.8
FIELDS = ("id", "file", "part", "order", "text", "province", "level", "year", "title")

# A statement that is only the name of the section or of one of its halves, with an optional number.
_HEADING = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]+[)）、.．]?\s*)?"
    r"(?:政府信息公开工作)?(?:存在的?(?:主要)?(?:问题|不足)(?:和困难|及不足)?(?:[和及与](?:改进|整改)(?:措施|情况))?"
    r"|(?:改进|整改|解决)(?:办法和改进)?(?:措施|情况)|下一步工作(?:打算|措施)?|今后改进方向)[:：。]?$")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_YEAR = re.compile(r"(?:19|20)\d\d年?|二[〇○零O0][一二三四五六七八九〇○零]{2}年?")


def normalise(text: str) -> str:
    """The section text as the build's clean step would leave it."""
    text, _ = remove_inline_pinyin(text)
    if traditional_share(text) >= TRADITIONAL_THRESHOLD:
        text = to_simplified(text)
    return normalize_width(text)


def key(text: str) -> str:
    """Text without whitespace and punctuation: two statements with the same key are the same statement."""
    return _PUNCT.sub("", text)


def bigrams(text: str) -> set[str]:
    s = _YEAR.sub("", key(text))
    return {s[i:i + 2] for i in range(len(s) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def is_heading(statement: str) -> bool:
    return bool(_HEADING.match(statement.strip()))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def statements(sections: list[dict], log=None) -> list[dict]:
    """Every kept statement of the gathered sections, in (report url, part, order) order, unlabelled."""
    by_report: dict[str, dict[str, dict]] = {}
    for s in sections:
        if s["part"] not in PARTS:
            raise ValueError(f"unknown part {s['part']!r} for {s['url']}")
        if s["part"] in by_report.setdefault(s["url"], {}):
            raise ValueError(f"two {s['part']} sections for {s['url']}")
        by_report[s["url"]][s["part"]] = s
    counts = {"sections": len(sections), "reports": len(by_report), "split": 0, "headings": 0,
              "over_cap": 0, "same_as_older": 0, "same_as_new": 0}
    older = [(r["id"], key(r["text"]), bigrams(r["text"])) for path in OLDER for r in read_jsonl(path)]
    older_keys = {k for _, k, _ in older}
    out: list[dict] = []
    seen: dict[str, str] = {}
    for url in sorted(by_report):
        kept = 0
        for part in PARTS:
            s = by_report[url].get(part)
            if s is None:
                continue
            cut = [t for _, t in split_statements(normalise(s["text"]))]
            counts["split"] += len(cut)
            order = 0
            for text in cut:
                if is_heading(text):
                    counts["headings"] += 1
                    continue
                order += 1
                if kept >= MAX_PER_REPORT:
                    counts["over_cap"] += 1
                    continue
                k = key(text)
                if k in older_keys:
                    counts["same_as_older"] += 1
                    continue
                if k in seen:
                    counts["same_as_new"] += 1
                    continue
                seen[k] = url
                kept += 1
                out.append({"file": url, "part": part, "order": order, "text": text,
                            "province": s.get("province"), "level": s.get("level"), "year": s.get("year"),
                            "title": s.get("title")})
    # Near copies, against the older sets and earlier new statements (reading order of the output).
    for i, r in enumerate(out):
        b = bigrams(r["text"])
        best = max(((jaccard(b, ob), oid) for oid, _, ob in older), default=(0.0, None))
        if best[0] > NEAR:
            r["near"] = (best[1], best[0])
        else:
            for j in range(i):
                score = jaccard(b, bigrams(out[j]["text"]))
                if score > NEAR:
                    r["near"] = (j, score)
                    break
    counts["kept"] = len(out)
    if log:
        print(json.dumps(counts, ensure_ascii=False), file=log)
    return out


def split(rows: list[dict]) -> dict[str, list[dict]]:
    """The two halves, by report; ids d001…/g001…, problems first, then by report and order."""
    urls = sorted({r["file"] for r in rows})
    random.Random(SEED).shuffle(urls)
    size = {u: sum(r["file"] == u for r in rows) for u in urls}
    dev, total, n = set(), len(rows), 0
    for u in urls:
        if n >= total / 2:
            break
        dev.add(u)
        n += size[u]
    halves: dict[str, list[dict]] = {"dev2": [], "heldout2": []}
    for r in rows:
        halves["dev2" if r["file"] in dev else "heldout2"].append(r)
    index: dict[int, str] = {}
    for half, items in halves.items():
        prefix = HALVES[half][1]
        items.sort(key=lambda r: (PARTS.index(r["part"]), r["file"], r["order"]))
        for i, r in enumerate(items, 1):
            r["id"] = f"{prefix}{i:03d}"
            index[id(r)] = r["id"]
    by_position = {i: r for i, r in enumerate(rows)}
    for half, items in halves.items():
        for r in items:
            if "near" in r:
                target, score = r.pop("near")
                name = by_position[target]["id"] if isinstance(target, int) else target
                r["note"] = f"near copy of {name} (bigram Jaccard {score:.2f})"
    return halves


def record(r: dict) -> dict:
    out = {f: r[f] for f in FIELDS}
    if "note" in r:
        out["note"] = r["note"]
    return out


def check(halves: dict[str, list[dict]]) -> list[str]:
    """Differences between the fixtures and a fresh split (labels and labelling notes aside)."""
    problems = []
    for half, (path, _) in HALVES.items():
        fixture = read_jsonl(path) if path.exists() else []
        fresh = [record(r) for r in halves[half]]
        if len(fixture) != len(fresh):
            problems.append(f"{path.name}: {len(fixture)} statements, a fresh split gives {len(fresh)}")
        for f, g in zip(fixture, fresh):
            for field in FIELDS:
                if f.get(field) != g[field]:
                    problems.append(f"{path.name} {f.get('id')}: {field} {f.get(field)!r} != {g[field]!r}")
            if "note" in g and not str(f.get("note", "")).startswith(g["note"]):
                problems.append(f"{path.name} {f.get('id')}: note should start with {g['note']!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sections", nargs="?", type=Path, default=SECTIONS)
    ap.add_argument("--check", action="store_true", help="compare with the dev2/heldout2 fixtures")
    args = ap.parse_args(argv)
    halves = split(statements(read_jsonl(args.sections), log=sys.stderr))
    if args.check:
        problems = check(halves)
        print("\n".join(problems) or "fixtures reproduced", file=sys.stderr)
        return 1 if problems else 0
    for half in HALVES:
        print(f"{half}: {len(halves[half])} statements, {len({r['file'] for r in halves[half]})} reports",
              file=sys.stderr)
        for r in halves[half]:
            print(json.dumps({"half": half, **record(r)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
