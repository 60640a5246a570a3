"""A concordance (keyword in context) of the problems and improvements statements, for the site.

Type a term, see its occurrences: left context, term, right context, report, year. The page works from
disk (file://), where fetch() of local files is blocked, so its data are JavaScript files that assign
to a global, loaded with <script src>: one index of terms (``index.js``) and shards of hits
(``shard-NNN.js``), of which the page loads the one holding the term typed.

The size a reader loads is bounded whatever the corpus: the index holds the ``VOCABULARY`` terms named
by the most reports (with every term's exact count of occurrences and reports, from the tokens table),
and each term keeps at most ``HITS`` occurrences, drawn from reports in the order of their ids (content
hashes: an arbitrary but reproducible draw across years and places), with ``CONTEXT`` characters each
side. Only the reports drawn are segmented again, not the corpus.
"""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path

import polars as pl

from . import tables
from .segment import segmenter

VOCABULARY = 5000  # terms in the index, by number of reports naming them
HITS = 100  # occurrences kept per term
CONTEXT = 24  # characters of context each side
SHARD_BYTES = 150_000  # target size of a shard of hits
ASSETS = "concordance"
PAGE_BUDGET = 2_000_000  # bytes a reader loads for one term: page, script, index and one shard


def vocabulary(tokens: pl.LazyFrame, top: int = VOCABULARY) -> pl.DataFrame:
    """token, occurrences, reports: the terms of the index, by number of reports naming them."""
    return (tokens.group_by("token").agg(pl.col("count").sum().alias("occurrences"), pl.col("report_id").n_unique().alias("reports"))
            .sort(["reports", "occurrences", "token"], descending=[True, True, False]).head(top).collect())


def drawn_reports(tokens: pl.LazyFrame, terms: list[str], per_term: int = HITS) -> pl.DataFrame:
    """token, report_id: for each term the first ``per_term`` reports naming it, in report-id order."""
    return (tokens.filter(pl.col("token").is_in(terms)).select("token", "report_id").unique()
            .sort("token", "report_id").group_by("token", maintain_order=True).head(per_term).collect())


def find_hits(statements: pl.DataFrame, wanted: dict[str, set[str]], context: int = CONTEXT, per_term: int = HITS) -> dict[str, list[tuple]]:
    """term → [(report_id, part, offset, left, term, right)] for the reports drawn for each term.

    ``statements``: report_id, part, order, text, sorted. Offsets are of the statement in the clean text."""
    _, cut = segmenter()
    hits: dict[str, list[tuple]] = {t: [] for t in wanted}
    by_report: dict[str, set[str]] = {}
    for term, ids in wanted.items():
        for rid in ids:
            by_report.setdefault(rid, set()).add(term)
    for rid, part, offset, text in statements.select("report_id", "part", "offset", "text").iter_rows():
        terms = by_report.get(rid)
        if not terms:
            continue
        pos = 0
        for tok in cut(text):
            if tok in terms and len(hits[tok]) < per_term:
                left = text[max(0, pos - context) : pos].replace("\n", " ")
                right = text[pos + len(tok) : pos + len(tok) + context].replace("\n", " ")
                hits[tok].append((rid, part, offset + pos, left, tok, right))
            pos += len(tok)
    return hits


def _js(name: str, value) -> str:
    # JSON is valid JavaScript; "</" is escaped so that report text can never close a script element.
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{name}={body};\n"


def assets(vocab: pl.DataFrame, hits: dict[str, list[tuple]], reports: dict[str, tuple[str, str, int | None]]) -> dict[str, str]:
    """File name → JavaScript source: index.js and the shards. ``reports``: report_id → (file, jurisdiction, year)."""
    # bytes of a hit in a shard: its contexts in UTF-8, the JSON around them, and its share of report names
    size = sum(len((h[3] + h[5]).encode("utf-8")) + 24 for hs in hits.values() for h in hs)
    size += sum(len("".join(str(x) for x in r).encode("utf-8")) + 12 for r in reports.values())
    n_shards = max(1, math.ceil(size / SHARD_BYTES))
    shards: dict[int, dict] = {}
    index = {}
    for term, occurrences, n_reports in vocab.select("token", "occurrences", "reports").iter_rows():
        shard = zlib.crc32(term.encode("utf-8")) % n_shards
        hs = hits.get(term, [])
        index[term] = [occurrences, n_reports, shard, len(hs)]
        if not hs:
            continue
        s = shards.setdefault(shard, {"reports": [], "ids": {}, "hits": {}})
        rows = []
        for rid, part, offset, left, tok, right in hs:
            if rid not in s["ids"]:
                s["ids"][rid] = len(s["reports"])
                s["reports"].append(list(reports.get(rid, (rid, None, None))))
            rows.append([left, right, s["ids"][rid], 0 if part == "problems" else 1])
        s["hits"][term] = rows
    files = {"index.js": _js("window.KWIC_INDEX", {"shards": n_shards, "hits_per_term": HITS, "context": CONTEXT, "terms": index})}
    for k, s in shards.items():
        files[f"shard-{k:03d}.js"] = ("window.KWIC_SHARDS=window.KWIC_SHARDS||{};" + _js(f"window.KWIC_SHARDS[{k}]", {"reports": s["reports"], "hits": s["hits"]}))
    return files


def write_concordance(data: Path, site: Path) -> dict[str, int]:
    """Write the concordance's data and script into ``site/concordance/``; returns file → bytes."""
    data, out = Path(data), Path(site) / ASSETS
    out.mkdir(parents=True, exist_ok=True)
    try:
        tokens = tables.scan("tokens", data)
        statements = tables.scan("problem_statements", data)
    except FileNotFoundError:
        return {}
    vocab = vocabulary(tokens)
    drawn = drawn_reports(tokens, vocab["token"].to_list())
    wanted: dict[str, set[str]] = {}
    for term, rid in drawn.iter_rows():
        wanted.setdefault(term, set()).add(rid)
    ids = sorted(set(drawn["report_id"].to_list()))
    stmts = statements.filter(pl.col("report_id").is_in(ids)).sort("report_id", "part", "order").collect()
    hits = find_hits(stmts, wanted)
    for term in hits:
        hits[term].sort(key=lambda h: (h[0], h[2]))
    docs = tables.scan("documents", data).filter(pl.col("report_id").is_in(ids)).select("report_id", "source_path", "jurisdiction", "year").unique("report_id").collect()
    reports = {r: (p, j, y) for r, p, j, y in docs.iter_rows()}
    files = assets(vocab, hits, reports)
    files["app.js"] = (Path(__file__).parent / "data" / "concordance.js").read_text(encoding="utf-8")
    for old in out.glob("*.js"):
        if old.name not in files:
            old.unlink()
    sizes = {}
    for name, text in files.items():
        tmp = out / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out / name)
        sizes[name] = len(text.encode("utf-8"))
    return sizes


def page_html(prefix: str = "../") -> str:
    """The concordance's HTML (a search box, a table, its scripts), for a page ``prefix`` below the site root."""
    base = f"{prefix}{ASSETS}/"
    return f"""<div id="kwic" data-base="{base}">
<p><label for="kwic-term">Term</label> <input id="kwic-term" list="kwic-terms" autocomplete="off" placeholder="e.g. 解读, 兼职, 更新">
<datalist id="kwic-terms"></datalist> <span id="kwic-status" role="status"></span></p>
<table id="kwic-table" class="kwic"><thead><tr>
<th data-key="left" class="kwic-left">Left context ⇅</th><th data-key="term">Term</th><th data-key="right">Right context ⇅</th>
<th data-key="report">Report ⇅</th><th data-key="year">Year ⇅</th><th data-key="part">Part ⇅</th></tr></thead><tbody></tbody></table>
</div>
<style>
table.kwic{{font-size:.92em;width:100%}} table.kwic td{{padding:.15em .4em;border-bottom:1px solid #eee;white-space:nowrap}}
table.kwic td.kwic-left{{text-align:right;overflow:hidden;max-width:22em;direction:rtl}} table.kwic td.kwic-term{{font-weight:700;color:#b03a2e}}
table.kwic td.kwic-right{{overflow:hidden;max-width:22em}} table.kwic th{{cursor:pointer;text-align:left;border-bottom:2px solid #999}}
</style>
<script src="{base}index.js"></script>
<script src="{base}app.js"></script>
"""


def page(prefix: str = "../"):
    """The concordance for a notebook cell (an HTML display object)."""
    from IPython.display import HTML

    return HTML(page_html(prefix))
