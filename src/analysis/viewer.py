"""The report viewer: one page to check any single report against its text.

A researcher searches the reports by name, place or year, picks one, and sees its
metadata with where each field came from, every figure with its evidence
snippet, its failed checks, its problems-and-improvements text, and that text
side by side with the same issuer's previous report (``similarity.previous_report_id``).

The page works opened from disk: browsers block ``fetch()`` of local files, so the
data are JavaScript files loaded with ``<script src>`` that assign to a global.
The page stays the same size however big the corpus: it carries only the list of
provinces; the search index is one file per province (all loaded at once only in
a small corpus), and the reports' data are shards of SHARD_REPORTS reports, one
loaded when a report is opened (at most SHARD_REPORTS reports or about SHARD_BYTES). A shard stores each distinct
string of its figures (indicator, breakdown, unit, kind, source, label, evidence) and metadata labels once, in a
string table its reports refer to by position: figures' labels and evidence snippets repeat across figures and
reports, and were nine tenths of the data. All report text is put on the page with ``textContent``, never parsed as HTML.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import polars as pl

from .shard_encoding import FIGURE_COLUMNS, StringTable, compact, js_literal

PAGE = "viewer.html"
FOLDER = "viewer"
SHARD_REPORTS = 50  # reports per data shard at most
SHARD_BYTES = 200_000  # and about this many bytes at most (a report bigger than that is a shard of its own)
LOAD_ALL_INDEX = 3000  # up to this many reports the page loads every index shard at start; beyond, by province
PROBLEM_SECTIONS = ("problems", "improvements")
META_FIELDS = (  # (label, column, the column saying where it came from, or "=" and how it was found)
    ("Title", "title", "title_source"), ("Issuer", "issuer", "issuer_source"),
    ("Jurisdiction", "jurisdiction", "jurisdiction_source"), ("Province", "province", "=gazetteer, from the jurisdiction"),
    ("Prefecture", "prefecture", "=gazetteer, from the jurisdiction"), ("County", "county", "=gazetteer, from the jurisdiction"),
    ("Level", "admin_level", "=the issuer's and the jurisdiction's names"),
    ("Adcode (GB/T 2260)", "adcode", "=gazetteer, from the jurisdiction"), ("Reporting year", "year", "year_source"),
    ("Published", "published", "published_source"), ("Template", "template", "=the reporting year (or the wording)"),
    ("Statutory deadline", "deadline", "=the reporting year and the level"), ("Days after the deadline", "days_late", "=published − deadline"),
    ("File", "source_path", "=the raw folder"), ("Format", "format", "=the file"), ("Encoding", "encoding", "=the file"),
    ("Characters of clean text", "n_chars", "=the clean text"), ("Report id", "report_id", "=SHA-256 of the file"),
    ("Notes", "reason", "=the build"),
)
CHECK_COLUMNS = ("check", "expected", "observed", "detail")
REWRITTEN = 0.5  # two sentences at the same place of a diff this alike are one sentence rewritten
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


def sentences(text: str) -> list[str]:
    """Sentences (and lines) of a text, for a diff that lines up what was kept, rewritten, added or dropped."""
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def _segments(matcher: difflib.SequenceMatcher) -> tuple[list, list]:
    """Character-level segments of a rewritten sentence pair: [[changed?, text], ...] for each side.

    Takes the pair's matcher, whose matching blocks ratio() has already computed."""
    a, b = matcher.a, matcher.b
    left, right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append([op != "equal", a[i1:i2]])
        if j2 > j1:
            right.append([op != "equal", b[j1:j2]])
    return left, right


def side_by_side(previous: str, current: str) -> list[dict]:
    """Rows of a side-by-side diff, sentence by sentence: op (equal, replace, delete, insert) and each side's
    segments [[changed?, text], ...]; a rewritten sentence is compared character by character."""
    a, b = sentences(previous), sentences(current)
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [{"op": "equal", "left": [[False, s]], "right": [[False, s]]} for s in a[i1:i2]]
        elif op == "replace":
            for k in range(max(i2 - i1, j2 - j1)):
                x = a[i1 + k] if i1 + k < i2 else None
                y = b[j1 + k] if j1 + k < j2 else None
                pair = difflib.SequenceMatcher(None, x, y, autojunk=False) if x is not None and y is not None else None
                # The quick upper bounds first: most unlike pairs are told apart without matching them.
                if pair is not None and pair.real_quick_ratio() >= REWRITTEN and pair.quick_ratio() >= REWRITTEN and pair.ratio() >= REWRITTEN:
                    left, right = _segments(pair)
                    rows.append({"op": "replace", "left": left, "right": right})
                else:  # unlike sentences at the same place: one dropped, one added
                    if x is not None:
                        rows.append({"op": "delete", "left": [[True, x]], "right": []})
                    if y is not None:
                        rows.append({"op": "insert", "left": [], "right": [[True, y]]})
        elif op == "delete":
            rows += [{"op": "delete", "left": [[True, s]], "right": []} for s in a[i1:i2]]
        else:
            rows += [{"op": "insert", "left": [], "right": [[True, s]]} for s in b[j1:j2]]
    return rows


def _plain(value):
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def problems_texts(data: Path) -> dict[str, list[tuple[str, str, str]]]:
    """report_id → its problems and improvements sections (section, heading, text), in order: tuples, not
    dicts, for they are held for the whole corpus (a report's diff needs its previous report's, placed anywhere)."""
    parts = _parts(data / "sections")
    if not parts:
        return {}
    rows = (
        pl.scan_parquet(parts).filter(pl.col("section").is_in(PROBLEM_SECTIONS))
        .select("report_id", "ordinal", "section", "heading", "text").collect().sort("report_id", "ordinal")
    )
    out: dict[str, list[tuple[str, str, str]]] = {}
    for rid, _, section, heading, text in rows.iter_rows():
        out.setdefault(rid, []).append((section, heading or "", text))
    return out


def joined(sections: list[tuple[str, str, str]]) -> str:
    return "\n".join(filter(None, (f"{heading}\n{text}" if heading else text for _, heading, text in sections)))


# The documents columns the viewer reads: its metadata (values and where they came from), the title, the index.
DOC_COLUMNS = tuple(dict.fromkeys((
    "report_id", "title", "source_path", "issuer", "jurisdiction", "province", "prefecture", "county", "year", "admin_level",
    *(col for _, col, _ in META_FIELDS), *(src for _, _, src in META_FIELDS if not src.startswith("=")),
)))


def _docs(data: Path) -> pl.DataFrame:
    path = data / "documents.parquet"
    have = pl.read_parquet_schema(path)
    columns = [c for c in DOC_COLUMNS if c in have]
    docs = pl.read_parquet(path, columns=list(dict.fromkeys((*columns, "status"))))
    docs = docs.filter((pl.col("status") == "ok") & pl.col("report_id").is_not_null()).select(columns)
    return docs.unique("report_id", keep="first", maintain_order=True)


class Rows:
    """Rows of documents by report_id, each a tuple of the columns of ``docs``, not a dict: ``get`` makes the
    dict of one row when it is asked for."""

    def __init__(self, docs: pl.DataFrame):
        self.columns = ["report_id", *(c for c in docs.columns if c != "report_id")]
        self._rows = {r[0]: r for r in docs.select(self.columns).iter_rows()}

    def __iter__(self):
        return iter(self._rows)

    def __contains__(self, rid) -> bool:
        return rid in self._rows

    def get(self, rid) -> dict | None:
        row = self._rows.get(rid)
        return None if row is None else dict(zip(self.columns, row))

    def __getitem__(self, rid) -> dict:
        return dict(zip(self.columns, self._rows[rid]))


def _failed_checks(data: Path) -> dict[str, list]:
    parts = _parts(data / "checks")
    if not parts:
        return {}
    fails = pl.scan_parquet(parts).filter(pl.col("status") == "fail").select("report_id", *CHECK_COLUMNS).collect().sort("report_id", "check")
    out: dict[str, list] = {}
    for r in fails.iter_rows():
        out.setdefault(r[0], []).append([_plain(v) for v in r[1:]])
    return out


def _figures(data: Path, part: str) -> dict[str, list]:
    path = data / "indicators" / part
    if not path.exists():
        return {}
    ind = pl.read_parquet(path, columns=["report_id", *FIGURE_COLUMNS, "offset"]).sort("report_id", "offset", "indicator", nulls_last=True)
    out: dict[str, list] = {}
    for r in ind.iter_rows():
        out.setdefault(r[0], []).append(r[1:-1])
    return out


def _order(docs: pl.DataFrame) -> pl.DataFrame:
    return docs.sort(["province", "jurisdiction", "issuer", "year", "report_id"], nulls_last=True)


def build_data(data: Path, folder: Path) -> tuple[list[dict], dict[str, int], dict[str, list]]:
    """Write the shards of report data into ``folder`` and return the search index by province.

    Returns (catalogue, sizes, index): catalogue lists the provinces with their index shard and report
    count; sizes maps a shard id to the bytes of its file ``r<id>.js`` (a JavaScript object literal
    {strings, keys: the shard's string table, reports: report_id → entry, compacted}); index maps an index
    shard id to its rows [report_id, title, issuer, jurisdiction, place, year, level, data shard]. The reports
    of one build batch are read together (its parts of indicators and sections) and each shard is written
    as soon as it is full, so memory follows the batch and the shard, not the corpus.
    """
    docs = _docs(data)
    problems = problems_texts(data)
    fails = _failed_checks(data)
    similarity = pl.read_parquet(data / "similarity.parquet") if (data / "similarity.parquet").exists() else pl.DataFrame(
        schema={"report_id": pl.String, "previous_report_id": pl.String, "previous_similarity": pl.Float64})
    previous = {r[0]: (r[1], r[2]) for r in similarity.select("report_id", "previous_report_id", "previous_similarity").iter_rows() if r[1]}
    # Every report's title and year, for the report it is the previous report of; its whole row only in its batch.
    titles = Rows(docs.select("report_id", *(c for c in ("title", "source_path", "year") if c in docs.columns)))

    # Batches: the parts of texts say which reports a build batch holds.
    batches = [(p.name, pl.read_parquet(p, columns=["report_id"])["report_id"].to_list()) for p in _parts(data / "texts")]
    seen = {rid for _, ids in batches for rid in ids}
    rest = [rid for rid in titles if rid not in seen]
    if rest:
        batches.append(("", rest))

    # Each report is encoded once, its strings into its shard's string table; the shard of its previous report
    # replaces a placeholder (a JSON key, so it cannot occur inside a string of the report's text, where quotes
    # are escaped) when the shard is written if that report is placed by then, else at the end, in the file.
    shard_of: dict[str, str] = {}
    sizes: dict[str, int] = {}
    pending: dict[str, list[str]] = {}  # shard id → the previous reports of its placeholders left, in order

    def flush(key: str, items: list[tuple[str, str, str | None]], table: StringTable) -> None:
        body, left = [], []
        for rid, text, prev_id in items:
            if prev_id:
                if prev_id in shard_of:
                    text = text.replace(_PLACEHOLDER, _shard_ref(shard_of[prev_id]), 1)
                else:
                    left.append(prev_id)
            body.append(f"{js_literal(rid)}:{text}")
        sizes[key] = _write_shard(folder, key, '{"strings":' + js_literal(table.strings) + ',"keys":'
                                  + js_literal(table.keys.items) + ',"reports":{' + ",".join(body) + "}}")
        if left:
            pending[key] = left

    n = 0
    for part, ids in batches:
        batch = _order(docs.filter(pl.col("report_id").is_in(ids)))
        if not batch.height:
            continue
        figures = _figures(data, part) if part else {}
        shard: list = []
        strings = StringTable()
        size = 0
        for doc in batch.iter_rows(named=True):
            rid = doc["report_id"]
            plain = entry(doc, figures.get(rid, []), fails.get(rid, []), problems, previous.get(rid), titles)
            mark = strings.mark()
            text = js_literal(compact(plain, strings))
            if shard and (len(shard) >= SHARD_REPORTS or size + len(text.encode()) + strings.bytes_since(mark) > SHARD_BYTES):
                strings.truncate(mark)
                flush(f"{n:05d}", shard, strings)
                n, shard, size, strings = n + 1, [], 0, StringTable()
                mark = strings.mark()
                text = js_literal(compact(plain, strings))
            shard.append((rid, text, previous.get(rid, (None,))[0]))
            shard_of[rid] = f"{n:05d}"
            size += len(text.encode()) + strings.bytes_since(mark)
        if shard:
            flush(f"{n:05d}", shard, strings)
            n += 1
    for key, prev_ids in pending.items():  # every report is placed now: fill in the shards left, a file at a time
        path = folder / f"r{key}.js"
        pieces = path.read_text(encoding="utf-8").split(_PLACEHOLDER)
        if len(pieces) != len(prev_ids) + 1:
            raise RuntimeError(f"{path}: {len(pieces) - 1} placeholders for {len(prev_ids)} previous reports")
        text = pieces[0] + "".join(_shard_ref(shard_of.get(p)) + piece for p, piece in zip(prev_ids, pieces[1:]))
        sizes[key] = _write_file(path, text)

    catalogue, index = [], {}
    ordered = _order(docs)
    for k, (province, group) in enumerate(ordered.group_by("province", maintain_order=True)):
        name = province[0] or "Province unknown"
        key = f"p{k:02d}"
        index[key] = [
            [r["report_id"], r["title"] or r["source_path"], r["issuer"], r["jurisdiction"],
             " ".join(filter(None, (r["province"], r["prefecture"], r["county"]))), r["year"], r["admin_level"], shard_of[r["report_id"]]]
            for r in group.iter_rows(named=True)
        ]
        catalogue.append({"key": key, "name": name, "reports": group.height})
    return catalogue, sizes, index


_PLACEHOLDER = '"shard":"?????"'


def _shard_ref(key: str | None) -> str:
    return '"shard":' + (f'"{key}"' if key is not None else "null")


def _write_file(path: Path, text: str) -> int:
    """Write ``text`` to ``path`` through a temporary name renamed over it (a reader never sees half a file);
    return its bytes."""
    data = text.encode("utf-8")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return len(data)


def _write_shard(folder: Path, key: str, shard: str) -> int:
    return _write_file(folder / f"r{key}.js", f"VIEWER.shards[{js_literal(key)}]={shard};\n")


def entry(doc: dict, figures: list, fails: list, problems: dict, previous: tuple | None, by_id) -> dict:
    """One report's data for the viewer; ``by_id`` gives the previous report's row (its title, source_path, year)."""
    meta = []
    for label, col, src in META_FIELDS:
        value = _plain(doc.get(col))
        found = src[1:] if src.startswith("=") else doc.get(src)
        if value is None or value == "":
            value, found = ("none" if col == "reason" else "not found"), None
        meta.append([label, value, found])
    mine = problems.get(doc["report_id"], [])
    out = {
        "id": doc["report_id"], "title": doc["title"] or doc["source_path"], "meta": meta,
        "figures": figures, "checks": fails, "problems": [list(s) for s in mine],
        "previous": None,
    }
    if previous:
        prev_id, similarity = previous
        prev = by_id.get(prev_id)
        theirs = problems.get(prev_id, [])
        out["previous"] = {
            "id": prev_id, "title": (prev or {}).get("title") or (prev or {}).get("source_path") or prev_id,
            "year": (prev or {}).get("year"), "similarity": similarity, "shard": "?????",
            "has_text": bool(theirs), "diff": side_by_side(joined(theirs), joined(mine)) if theirs or mine else [],
        }
    return out


def write(data: Path, out: Path, root: Path) -> dict:
    """Write viewer.html and its data files into the site folder ``out``; return what was written."""
    from .site import _page_html, site_config

    folder = Path(out) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    catalogue, shard_sizes, index = build_data(Path(data), folder)
    sizes = list(shard_sizes.values())
    for key, rows in index.items():
        (folder / f"i{key}.js").write_text(f"VIEWER.index[{js_literal(key)}]={js_literal(rows)};\n", encoding="utf-8")
    site_title, nav, _ = site_config(root)
    total = sum(c["reports"] for c in catalogue)
    config = {"catalogue": catalogue, "folder": FOLDER, "loadAll": total <= LOAD_ALL_INDEX, "total": total}
    body = (
        f"<style>{_CSS}</style>"
        '<p>Search the reports by name, place or year, then pick one: its metadata with where each field was found, '
        "every figure with the text it was read from, the checks it fails, its problems-and-improvements text, and that "
        "text beside the same issuer's previous report. The data are loaded from <code>viewer/</code> a file at a time.</p>"
        '<div id="viewer-controls"><input id="viewer-q" type="search" placeholder="Name, place or year (e.g. 财政局 2019)" size="40">'
        '<select id="viewer-province"></select> <span id="viewer-count"></span></div>'
        '<ol id="viewer-results"></ol><div id="viewer-report"></div>'
        f'<script>var VIEWER={{index:{{}},shards:{{}},config:{js_literal(config)}}};</script>'
        f"<script>{_JS}</script>"
    )
    note = "Written by analysis.viewer from the built tables; report data in viewer/."
    (Path(out) / PAGE).write_text(_page_html("Report viewer", site_title, nav, PAGE, body, note=note), encoding="utf-8")
    return {"reports": total, "shards": len(sizes), "index_shards": len(index), "largest_shard": max(sizes, default=0),
            "bytes": sum(sizes)}


_CSS = """
#viewer-controls{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;margin:1rem 0}
#viewer-q{padding:.3rem .5rem;font-size:1rem}
#viewer-results{max-height:18rem;overflow:auto;border:1px solid #dee2e6;padding:.4rem .4rem .4rem 2.2rem;margin:0}
#viewer-results li{cursor:pointer;padding:.1rem 0}#viewer-results li:hover,#viewer-results li.current{background:#e7f1ff}
#viewer-results .where{color:#6c757d;font-size:.85em;margin-left:.5em}
#viewer-report table{border-collapse:collapse;font-size:.9em;margin:.5rem 0}
#viewer-report th,#viewer-report td{border:1px solid #dee2e6;padding:.2rem .4rem;vertical-align:top;text-align:left}
#viewer-report .source{color:#6c757d;font-size:.85em}
#viewer-report .evidence{max-width:32rem}
#viewer-report .scroll{max-height:32rem;overflow:auto;border:1px solid #dee2e6}
#viewer-report .none{color:#6c757d;font-style:italic}
table.diff{table-layout:fixed;width:100%}table.diff td{width:50%;white-space:pre-wrap}
tr.delete td:first-child,tr.replace td:first-child{background:#fff0f0}tr.insert td:last-child,tr.replace td:last-child{background:#effbef}
table.diff span.chg{background:#ffd6a5;text-decoration:none}
.problems-text{white-space:pre-wrap;border-left:3px solid #dee2e6;padding-left:.8rem}
"""

# Every string from a report goes through text() (a text node) or textContent: nothing is parsed as HTML.
_JS = r"""
(function(){
var V=VIEWER, C=V.config, q=document.getElementById('viewer-q'), sel=document.getElementById('viewer-province'),
    list=document.getElementById('viewer-results'), count=document.getElementById('viewer-count'), panel=document.getElementById('viewer-report');
var SAFE=/^[a-z0-9]+$/, LIMIT=200;
function el(tag, cls, txt){var e=document.createElement(tag); if(cls) e.className=cls; if(txt!==undefined&&txt!==null) e.textContent=String(txt); return e;}
function load(src, done){var s=document.createElement('script'); s.src=src; s.onload=done;
  s.onerror=function(){count.textContent='could not load '+src;}; document.head.appendChild(s);}
function loadIndex(key, done){ if(!SAFE.test(key)) return; if(V.index[key]) return done(); load(C.folder+'/i'+key+'.js', done); }
function loadShard(key, done){ if(!SAFE.test(key)) return; if(V.shards[key]) return done(); load(C.folder+'/r'+key+'.js', done); }
var all=el('option',null,'All provinces ('+C.total+' reports)'); all.value=''; sel.appendChild(all);
C.catalogue.forEach(function(p){var o=el('option',null,p.name+' ('+p.reports+')'); o.value=p.key; sel.appendChild(o);});
function rows(){var keys=sel.value?[sel.value]:C.catalogue.map(function(p){return p.key;}), out=[];
  keys.forEach(function(k){(V.index[k]||[]).forEach(function(r){out.push(r);});}); return out;}
function search(){
  var keys=sel.value?[sel.value]:(C.loadAll?C.catalogue.map(function(p){return p.key;}):[]);
  if(!sel.value&&!C.loadAll){count.textContent='choose a province to search ('+C.total+' reports in all)'; list.textContent=''; return;}
  var pending=keys.filter(function(k){return !V.index[k];});
  if(pending.length){ var n=pending.length; pending.forEach(function(k){loadIndex(k,function(){ if(--n===0) search(); });}); return; }
  var terms=q.value.trim().toLowerCase().split(/\s+/).filter(Boolean), hits=rows().filter(function(r){
    var hay=[r[1],r[2],r[3],r[4],r[5],r[6]].join(' ').toLowerCase();
    return terms.every(function(t){return hay.indexOf(t)>=0;});});
  list.textContent='';
  hits.slice(0,LIMIT).forEach(function(r){var li=el('li',null); li.appendChild(el('span',null,r[1]));
    li.appendChild(el('span','where',[r[5]||'year unknown', r[4]||r[3]||'place unknown', r[6]||'level unknown'].join(' · ')));
    li.dataset.id=r[0]; li.dataset.shard=r[7]; li.addEventListener('click',function(){open(r[0],r[7]);}); list.appendChild(li);});
  count.textContent=hits.length+' report'+(hits.length===1?'':'s')+(hits.length>LIMIT?' (the first '+LIMIT+' shown: refine the search)':'');
}
function table(head, body){var t=el('table'), tr=el('tr'); head.forEach(function(h){tr.appendChild(el('th',null,h));}); t.appendChild(tr);
  body.forEach(function(cells){var r=el('tr'); cells.forEach(function(c){ if(c instanceof Node){var td=el('td'); td.appendChild(c); r.appendChild(td);}
    else r.appendChild(el('td',null,(c===null||c===undefined)?'—':c)); }); t.appendChild(r);}); return t;}
function segs(parts){var span=el('span'); parts.forEach(function(p){span.appendChild(el('span',p[0]?'chg':null,p[1]));}); return span;}
function show(rep){
  panel.textContent='';
  panel.appendChild(el('h2',null,rep.title));
  panel.appendChild(el('h3',null,'Metadata'));
  panel.appendChild(table(['Field','Value','Found in'], rep.meta.map(function(m){return [m[0], m[1], m[2]];})));
  panel.appendChild(el('h3',null,'Figures ('+rep.figures.length+')'));
  if(rep.figures.length){ var box=el('div','scroll'); box.appendChild(table(['Indicator','Breakdown','Value','Unit','Kind','From','Label as printed','Evidence'],
    rep.figures.map(function(f){var ev=el('span','evidence',f[7]); return [f[0],f[1],f[2],f[3],f[4],f[5],f[6],ev];}))); panel.appendChild(box); }
  else panel.appendChild(el('p','none','No figure was read from this report.'));
  panel.appendChild(el('h3',null,'Failed checks ('+rep.checks.length+')'));
  if(rep.checks.length) panel.appendChild(table(['Check','Expected','Observed','Detail'], rep.checks));
  else panel.appendChild(el('p','none','No check failed.'));
  panel.appendChild(el('h3',null,'Problems and improvements'));
  if(rep.problems.length) rep.problems.forEach(function(s){ if(s[1]) panel.appendChild(el('h4',null,s[1]+' ['+s[0]+']'));
    else panel.appendChild(el('h4',null,'['+s[0]+']')); panel.appendChild(el('div','problems-text',s[2])); });
  else panel.appendChild(el('p','none','No problems or improvements section was found in this report.'));
  var p=rep.previous; panel.appendChild(el('h3',null,'Compared with the same issuer\'s previous report'));
  if(!p){ panel.appendChild(el('p','none','The corpus has no earlier report of this issuer.')); return; }
  var info=el('p',null,'Previous report: '); var a=el('a',null,p.title+(p.year?' ('+p.year+')':'')); a.href='#';
  a.addEventListener('click',function(ev){ev.preventDefault(); if(p.shard) open(p.id,p.shard);}); info.appendChild(a);
  info.appendChild(el('span','source',' — similarity of the whole texts '+(p.similarity===null?'not computed':p.similarity.toFixed(2))+' (Jaccard of character 5-grams)'));
  panel.appendChild(info);
  if(!p.diff.length){ panel.appendChild(el('p','none','Neither report has a problems or improvements section.')); return; }
  if(!p.has_text) panel.appendChild(el('p','none','The previous report has no problems or improvements section: everything below is new.'));
  var t=el('table','diff'), h=el('tr'); h.appendChild(el('th',null,'Previous report'+(p.year?' ('+p.year+')':''))); h.appendChild(el('th',null,'This report')); t.appendChild(h);
  p.diff.forEach(function(r){var tr=el('tr',r.op), l=el('td'), rr=el('td'); l.appendChild(segs(r.left)); rr.appendChild(segs(r.right)); tr.appendChild(l); tr.appendChild(rr); t.appendChild(tr);});
  panel.appendChild(t);
}
// A shard's figures and metadata refer to its string table by position (analysis.shard_encoding.compact): put the strings back.
// A figure is [key, value, label, evidence]; keys[key] holds its indicator, breakdown, unit, kind and source;
// evidence is a position or [position, start, end]: a window of a longer string.
function expand(rep, S, K){
  function str(i){ if(i===null) return null; if(typeof i!=='number'||!(i in S)) throw new Error('bad string reference '+i); return S[i]; }
  function evidence(v){ return (v!==null&&typeof v==='object')?str(v[0]).slice(v[1],v[2]):str(v); }
  var out={}; Object.keys(rep).forEach(function(k){out[k]=rep[k];});
  out.figures=rep.figures.map(function(f){ var k=K[f[0]]; if(!k) throw new Error('bad key reference '+f[0]);
    return [str(k[0]), str(k[1]), f[1], str(k[2]), str(k[3]), str(k[4]), str(f[2]), evidence(f[3])]; });
  out.meta=rep.meta.map(function(m){return [str(m[0]), m[1], str(m[2])];});
  return out;
}
function open(id, shard){
  loadShard(shard, function(){ var data=V.shards[shard], rep=data&&Object.prototype.hasOwnProperty.call(data.reports,id)?expand(data.reports[id], data.strings, data.keys):null; if(!rep){ panel.textContent='Report '+id+' not found.'; return; }
    history.replaceState(null,'','#r='+encodeURIComponent(id)+'&s='+encodeURIComponent(shard));
    Array.prototype.forEach.call(list.children,function(li){li.classList.toggle('current', li.dataset.id===id);}); show(rep); });
}
q.addEventListener('input',search); sel.addEventListener('change',search);
search();
var h=new URLSearchParams(location.hash.slice(1)); if(h.get('r')&&h.get('s')&&SAFE.test(h.get('s'))) open(h.get('r'),h.get('s'));
})();
"""
