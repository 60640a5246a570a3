"""Tables and charts of the problems page (notebooks/03-problem-keywords.ipynb) and of the methods page's
validation figures: functions from the published tables to what is shown, so the notebooks stay thin."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import polars as pl
from great_tables import GT, loc, style

from . import tables
from .charts import LEGEND, SOURCE, year_axis
from .datafiles import read_tsv
from .statements import SETS, categories, labelled_sets, micro, validate
from .vocabulary import Vocabulary, top_terms


SET_LABELS = {
    "dev": "Development sample ({n}; cues tuned on its errors, versions 2-4)",
    "dev2": "Dev2: reports from all of China ({n}; cues version 4 tuned on its errors)",
    "heldout": "Held-out set ({n}; labelled blind, scored with the frozen cues)",
    "unseen": "Held-out, no near copy of a development statement ({n})",
    "heldout2": "Held-out 2: reports from all of China ({n}; labelled blind, scored once with the frozen cues)",
    "pooled": "Pooled held-out: held-out + held-out 2 ({n})",
}
WEAK_IN = "pooled"  # the set whose precision decides which types are weak: the largest the cues were not tuned on
FLOOR = 0.8  # the bar for rework
MIN_SUPPORT = 10  # assigned statements below which a precision is not evidence either way


def category_names() -> dict[str, str]:
    """category → "English name (中文)" from the codebook."""
    return {r["category"]: f"{r['name_en']} ({r['name_zh']})" for r in read_tsv("problem_codebook.tsv")}


def types_by_year(statements: pl.DataFrame, docs: pl.DataFrame, part: str = "problems") -> pl.DataFrame:
    """Per year and category: reports with that part, how many name the category in it, and the share."""
    st = statements.filter(pl.col("part") == part).join(docs.select("report_id", "year"), on="report_id").drop_nulls("year")
    reports = st.group_by("year").agg(pl.col("report_id").n_unique().alias("n_reports"))
    named = (st.with_columns(pl.col("categories").str.split(";").alias("category")).explode("category")
             .filter(pl.col("category") != "").group_by("year", "category").agg(pl.col("report_id").n_unique().alias("n_naming")))
    grid = reports.join(pl.DataFrame({"category": list(categories())}), how="cross")
    return (grid.join(named, on=["year", "category"], how="left").with_columns(pl.col("n_naming").fill_null(0).cast(pl.Int64))
            .with_columns((pl.col("n_naming") / pl.col("n_reports")).alias("share")).sort("year", "category"))


PROVISIONAL = "provisional"
VALIDATED = "validated"
GREY = "#6c757d"  # text of the provisional rows
VALIDATION_ANCHOR = "problem-types-validation"  # id of the methods page's held-out validation table
METHODS_LINK = f"../methods.html#{VALIDATION_ANCHOR}"  # from a page in notebooks/


def type_status(sets: dict[str, str | Path] = SETS, which: str = WEAK_IN) -> pl.DataFrame:
    """Per category, in codebook order: its name, its precision on the pooled held-out set with its support
    (assigned, labelled), and its status: provisional when ``weak_types()`` names it, validated otherwise."""
    v = validation(sets).filter(pl.col("category") != "all")
    weak = weak_types(sets, which)
    return v.select("category", "type", pl.col(f"{which}_precision").alias("precision"), pl.col(f"{which}_assigned").alias("assigned"),
                    pl.col(f"{which}_labelled").alias("labelled"),
                    pl.when(pl.col("category").is_in(weak)).then(pl.lit(PROVISIONAL)).otherwise(pl.lit(VALIDATED)).alias("status"))


def _support(r: dict) -> str:
    """"75% (16 assigned, 12 labelled)": a precision with the counts it rests on."""
    p = "none assigned" if r["precision"] is None else f"{r['precision']:.0%}"
    return f"{p} ({r['assigned']} assigned, {r['labelled']} labelled)"


def provisional_caption(status: pl.DataFrame | None = None, floor: float = FLOOR, thin: bool = True) -> list[str]:
    """What "provisional" means, in lines; with ``thin``, which precisions rest on too few assigned statements
    to be evidence either way (the types and their figures are in the table's columns and the chart's tooltips)."""
    status = type_status() if status is None else status
    if not status.filter(pl.col("status") == PROVISIONAL).height:
        lines = [f"Every type reaches {floor:.0%} precision on hand-labelled statements the cue words were not tuned on "
                 "(pooled held-out set); none is provisional."]
    else:
        lines = [f"Provisional (grey): precision under {floor:.0%} on hand-labelled statements the cue words were not tuned on "
                 "(pooled held-out set), so a share may include false matches."]
    few = status.filter(pl.col("assigned") < MIN_SUPPORT)
    if thin and few.height:
        lines.append(f"A precision on fewer than {MIN_SUPPORT} assigned statements is indicative only: "
                     + "; ".join(f"{r['type'].split(' (')[0]} ({r['assigned']})" for r in few.iter_rows(named=True)) + ".")
    return lines


def _heat(data: list[dict], order: list[str], scheme: str, title: str, legend: str) -> alt.LayerChart:
    base = alt.Chart(alt.Data(values=data), title=alt.Title(title, fontSize=12, fontWeight="normal" if scheme == "greys" else "bold",
                                                            color="#555" if scheme == "greys" else "#212529"))
    enc = {"x": alt.X("year:O", title="Reporting year", axis=alt.Axis(labelAngle=0)),
           "y": alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=460, labelColor="#666" if scheme == "greys" else "#212529"))}
    grey = scheme == "greys"  # provisional: a pale grey range and dashed cells, so they do not outshine the validated types
    scale = alt.Scale(domain=[0, 1], range=["#f5f5f5", "#999999"]) if grey else alt.Scale(domain=[0, 1], scheme=scheme)
    tooltip = [alt.Tooltip("label:N", title="Type"), alt.Tooltip("status:N", title="Status"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("share:Q", title="Share of reports", format=".0%"), alt.Tooltip("n_naming:Q", title="Reports naming it"),
               alt.Tooltip("n_reports:Q", title="Reports with a problems section"),
               alt.Tooltip("precision_support:N", title="Precision, pooled held-out set")]
    rect = base.mark_rect(**({"stroke": "#888", "strokeDash": [3, 2], "strokeWidth": 0.8} if grey else {})).encode(
        **enc, tooltip=tooltip, color=alt.Color("share:Q", title=legend, scale=scale, legend=alt.Legend(format="%")))
    # the count sits over the cell's centre: it carries the same tooltip, or hovering the middle of a cell shows nothing
    text = base.mark_text(fontSize=9).encode(**enc, text=alt.Text("n_naming:Q"), tooltip=tooltip,
                                             color=alt.value("#222") if grey else alt.condition("datum.share > 0.5", alt.value("white"), alt.value("#333")))
    return (rect + text).properties(width=alt.Step(34), height=alt.Step(22))


def types_chart(by_year: pl.DataFrame, status: pl.DataFrame | None = None) -> alt.VConcatChart:
    """Heat maps: problem types (rows) by reporting year (columns), shaded by the share of reports admitting them;
    the validated types on top, the provisional ones (``weak_types()``) below in grey with dashed cells."""
    status = type_status() if status is None else status
    info = {r["category"]: r for r in status.iter_rows(named=True)}
    names = category_names()
    data = [{**d, "label": names.get(d["category"], d["category"]), "status": info[d["category"]]["status"],
             "precision_support": _support(info[d["category"]])} for d in by_year.to_dicts()]
    panels = []
    for st, scheme, title, legend in ((VALIDATED, "blues", f"Validated types: precision ≥ {FLOOR:.0%} on held-out statements", "Share of reports"),
                                      (PROVISIONAL, "greys", f"Provisional types: precision under {FLOOR:.0%}; shares may include false matches",
                                       "Share (provisional)")):
        keys = [k for k in categories() if info[k]["status"] == st]
        if keys:
            panels.append(_heat([d for d in data if d["category"] in keys], [names.get(k, k) for k in keys], scheme, title, legend))
    return (alt.vconcat(*panels, spacing=14).resolve_scale(color="independent")
            .properties(title=alt.Title("Share of reports admitting each type of problem, by year", offset=12,
                                        subtitle=["problem_statements; types from cue words (analysis/data/problem_cues.tsv)", *provisional_caption(status, thin=False),
                                                  "Each type's precision and the counts behind it: tooltip, and the table below."])))


def types_table(statements: pl.DataFrame, docs: pl.DataFrame, grouping: str = "admin_level", status: pl.DataFrame | None = None) -> GT:
    """Share of reports admitting each type, per group (all years), problems part; validated types first, then the
    provisional ones in grey, each with its precision and support on the pooled held-out set."""
    status = type_status() if status is None else status
    st = statements.filter(pl.col("part") == "problems").join(docs.select("report_id", pl.col(grouping).cast(pl.String)), on="report_id").drop_nulls(grouping)
    n = st.group_by(grouping).agg(pl.col("report_id").n_unique().alias("n_reports"))
    named = (st.with_columns(pl.col("categories").str.split(";").alias("category")).explode("category").filter(pl.col("category") != "")
             .group_by(grouping, "category").agg(pl.col("report_id").n_unique().alias("n")))
    wide = (named.join(n, on=grouping).with_columns((pl.col("n") / pl.col("n_reports")).alias("share"))
            .pivot(on=grouping, index="category", values="share").fill_null(0.0))
    wide = pl.DataFrame({"category": list(categories())}).join(wide, on="category", how="left").fill_null(0.0)
    groups = sorted(c for c in wide.columns if c != "category")  # a pivot's column order follows a group_by's: not stable
    heads = {VALIDATED: f"Validated: precision ≥ {FLOOR:.0%} on held-out statements",
             PROVISIONAL: f"Provisional: precision under {FLOOR:.0%}; shares may include false matches"}
    wide = (wide.join(status.select("category", "type", "precision", "assigned", "labelled", "status"), on="category", how="left")
            .with_columns(pl.col("status").replace_strict(heads).alias("group"), (pl.col("status") == PROVISIONAL).alias("weak"))
            .sort(pl.col("weak"), maintain_order=True)
            .select("group", "type", *groups, "precision", "assigned", "labelled", "weak"))
    weak_rows = [i for i, w in enumerate(wide["weak"]) if w]
    table = (GT(wide.drop("weak"), rowname_col="type", groupname_col="group")
             .tab_header(title="Share of reports admitting each type", subtitle=f"by {grouping.replace('_', ' ')}, all years")
             .tab_spanner("Share of reports", groups)
             .tab_spanner("Validation (pooled held-out set)", ["precision", "assigned", "labelled"])
             .cols_label(precision="Precision", assigned="Assigned", labelled="Labelled")
             .fmt_percent(columns=[*groups, "precision"], decimals=0)
             .sub_missing(columns="precision", missing_text="none assigned")
             .row_group_order([heads[s] for s in (VALIDATED, PROVISIONAL) if heads[s] in set(wide["group"])]))
    if weak_rows:
        table = table.tab_style(style.text(color=GREY, style="italic"), [loc.body(rows=weak_rows), loc.stub(rows=weak_rows)])
    for line in provisional_caption(status):
        table = table.tab_source_note(line)
    counts = {g: n.filter(pl.col(grouping) == g)["n_reports"][0] for g in groups}
    return table.tab_source_note("Columns: " + ", ".join(f"{g}: {k} report{'' if k == 1 else 's'}" for g, k in counts.items())
                                 + ". Precision: share of the statements the cue words assigned the type that a reader labelled with it. "
                                 "Source: problem_statements; tests/fixtures/problem_statements_*.jsonl.")


def terms_table(tokens, docs: pl.DataFrame, part: str, voc: Vocabulary, top: int = 30) -> GT:
    """The top terms of a part (genre words left out) beside its multiword expressions."""
    terms = top_terms(tokens, docs, part, voc.stopwords, top)
    expr = voc.expressions[part].head(top)
    n = max(terms.height, expr.height)
    pad = lambda df, k: df.vstack(pl.DataFrame({c: [None] * (n - df.height) for c in df.columns}, schema=df.schema)) if df.height < n else df  # noqa: E731
    terms, expr = pad(terms, n), pad(expr, n)
    both = pl.DataFrame({
        "rank": list(range(1, n + 1)),
        "term": terms["token"], "per_1000": terms["per_1000"], "share_of_reports": terms["share_of_reports"],
        "expression": expr["expression"], "expr_count": expr["count"], "expr_reports": expr["reports"], "pmi": expr["pmi"],
    })
    n_reports = terms["n_reports"].drop_nulls()
    return (GT(both, rowname_col="rank")
            .tab_header(title=f"Terms and multiword expressions of the {part} sections",
                        subtitle=f"genre words left out ({len(voc.stopwords)} by the corpus rule); "
                                 f"{n_reports[0] if len(n_reports) else 0} reports with this part")
            .tab_spanner("Single terms (all reports)", ["term", "per_1000", "share_of_reports"])
            .tab_spanner(f"Multiword expressions (PMI, {voc.n_reports} reports)", ["expression", "expr_count", "expr_reports", "pmi"])
            .cols_label(term="Term", per_1000="per 1,000 tokens", share_of_reports="Share of reports", expression="Expression",
                        expr_count="Occurrences", expr_reports="Reports", pmi="PMI")
            .fmt_number(columns=["per_1000", "pmi"], decimals=1).fmt_percent(columns="share_of_reports", decimals=0)
            .sub_missing(missing_text="")
            .tab_source_note("Source: tokens and sections tables; rules in analysis/vocabulary.py."))


def terms_by_group_table(tokens, docs: pl.DataFrame, part: str, grouping: str, voc: Vocabulary, top: int = 10) -> GT:
    """One row per group: its top terms, each with its rate per 1,000 tokens and the share of reports using it."""
    t = top_terms(tokens, docs, part, voc.stopwords, top, grouping=grouping)
    rows = (t.with_columns(pl.format("{} ({}‰, {}%)", "token", pl.col("per_1000").round(1), (pl.col("share_of_reports") * 100).round(0).cast(pl.Int64)).alias("entry"))
            .group_by(grouping, maintain_order=True).agg(pl.col("n_reports").first(), pl.col("entry").str.join(" · ")))
    return (GT(rows, rowname_col=grouping)
            .tab_header(title=f"Top {top} terms of the {part} sections by {grouping.replace('_', ' ')}",
                        subtitle="each term: per 1,000 counted tokens, share of the group's reports using it; genre words left out")
            .cols_label(n_reports="Reports", entry="Terms")
            .tab_source_note("Source: tokens table."))


def genre_table_view(voc: Vocabulary) -> GT:
    g = voc.genre.filter(pl.col("genre")).select("token", "overview_share", "problems_improvements_share")
    return (GT(g).tab_header(title="Genre words (left out of the term lists)",
                             subtitle=f"named in ≥ 30% of the overview sections and ≥ 30% of the problems-and-improvements texts ({voc.n_reports} reports)")
            .cols_label(token="Term", overview_share="Overview sections", problems_improvements_share="Problems and improvements")
            .fmt_percent(columns=["overview_share", "problems_improvements_share"], decimals=0))


def validation(sets: dict[str, str | Path] = SETS) -> pl.DataFrame:
    """Per category: labelled, assigned, precision and recall of the cue words on each labelled set
    (development sets, held-out sets, the held-out set's unseen part and the pooled held-out set), then one
    row "all" of all categories together (micro-average)."""
    frames = []
    for name, rows in labelled_sets(sets).items():
        v = validate(rows)
        p, r = micro(v)
        v = pl.concat([v, pl.DataFrame({"category": ["all"], "labelled": [v["labelled"].sum()], "assigned": [v["assigned"].sum()],
                                        "right": [v["right"].sum()], "precision": [p], "recall": [r]}, schema=v.schema)])
        frames.append(v.select("category", *[pl.col(c).alias(f"{name}_{c}") for c in ("labelled", "assigned", "precision", "recall")]))
    out = frames[0]
    for f in frames[1:]:
        out = out.join(f, on="category", maintain_order="left")
    names = {**category_names(), "all": "All types (micro-average)"}
    return out.with_columns(pl.col("category").replace_strict(names, default=pl.col("category")).alias("type"))


def weak_types(sets: dict[str, str | Path] = SETS, which: str = WEAK_IN, floor: float = FLOOR) -> list[str]:
    """Categories whose precision on one labelled set (by default the pooled held-out set) is under ``floor``."""
    v = validation(sets).filter(pl.col("category") != "all")
    return v.filter(pl.col(f"{which}_precision") < floor)["category"].to_list()


def weak_note(sets: dict[str, str | Path] = SETS, which: str = WEAK_IN, floor: float = FLOOR) -> str:
    """The sentence under the validation table: the weak types with their precision and support."""
    v = validation(sets).filter(pl.col("category") != "all")
    weak = v.filter(pl.col(f"{which}_precision") < floor)
    n = len(labelled_sets(sets)[which])
    where = SET_LABELS[which].split(" (")[0].split(":")[0].lower()
    if not weak.height:
        return f"Every type reaches {floor:.0%} precision on the {where} set ({n} statements)."
    parts = [f"{r['type']} {r[f'{which}_precision']:.0%} ({r[f'{which}_labelled']} labelled, {r[f'{which}_assigned']} assigned)"
             for r in weak.iter_rows(named=True)]
    thin = [r["type"].split(" (")[0] for r in weak.iter_rows(named=True) if r[f"{which}_assigned"] < MIN_SUPPORT]
    note = f"Below {floor:.0%} precision on the {where} set ({n} statements): " + "; ".join(parts) + "."
    if thin:
        note += (f" A precision on fewer than {MIN_SUPPORT} assigned statements is not evidence either way: "
                 + "; ".join(thin) + ".")
    return note


def validation_table(sets: dict[str, str | Path] = SETS, blocks: tuple[str, ...] | None = None) -> GT:
    """The published validation figures: one block of columns per labelled set (``blocks``: which; all by default),
    with the weak types of the pooled held-out set and their support in the note."""
    v = validation(sets)
    n = {name: len(rows) for name, rows in labelled_sets(sets).items()}
    blocks = tuple(b for b in (blocks or tuple(n)) if b in n)
    cols = [c for b in blocks for c in v.columns if c.startswith(b + "_")]
    table = GT(v.select("type", *cols), rowname_col="type", id=VALIDATION_ANCHOR if WEAK_IN in blocks else None).tab_header(
        title="Problem types: precision and recall of the cue words",
        subtitle="hand-labelled statements; cues version 4, frozen before the held-out sets were scored with it")
    for name in blocks:
        table = table.tab_spanner(SET_LABELS[name].format(n=n[name]), [c for c in cols if c.startswith(name + "_")])
    table = (table.cols_label(**{c: c.split("_", 1)[1].capitalize() for c in cols})
             .fmt_percent(columns=[c for c in cols if c.endswith(("precision", "recall"))], decimals=0)
             .sub_missing(columns=[c for c in cols if c.endswith("precision")], missing_text="none assigned")
             .sub_missing(columns=[c for c in cols if c.endswith("recall")], missing_text="none labelled"))
    # four blocks of four columns: a smaller type and tighter cells keep the pooled block (where the problems page's
    # link lands) inside the page's width instead of behind a horizontal scroll
    table = table.tab_options(table_font_size="13px", data_row_padding_horizontal="3px", column_labels_padding_horizontal="3px")
    if WEAK_IN in blocks:
        table = table.tab_source_note(weak_note(sets))
    return (table
            .tab_source_note("Source: " + ", ".join(str(p) for p in sets.values()) + " (labelled from the codebook's definitions "
                             "without the classifier's output); recomputed by tests/test_statements.py."))


def load(data: Path | None = None) -> dict:
    """The tables the problems page reads."""
    return {"docs": tables.load("documents", data), "statements": tables.load("problem_statements", data),
            "tokens": tables.scan("tokens", data)}


__all__ = ["types_by_year", "type_status", "provisional_caption", "types_chart", "types_table", "terms_table", "terms_by_group_table", "genre_table_view",
           "validation", "validation_table", "weak_types", "weak_note", "load", "SOURCE"]
