"""Tables and charts of the problems page (notebooks/03-problem-keywords.ipynb) and of the methods page's
validation figures: functions from the published tables to what is shown, so the notebooks stay thin."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import polars as pl
from great_tables import GT

from . import tables
from .charts import LEGEND, SOURCE, year_axis
from .datafiles import read_tsv
from .statements import SETS, categories, labelled_sets, micro, validate
from .vocabulary import Vocabulary, top_terms


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


def types_chart(by_year: pl.DataFrame) -> alt.Chart:
    """A heat map: problem types (rows) by reporting year (columns), shaded by the share of reports admitting them."""
    names = category_names()
    order = [names.get(k, k) for k in categories()]
    data = [{**d, "label": names.get(d["category"], d["category"])} for d in by_year.to_dicts()]
    base = alt.Chart(alt.Data(values=data), title=alt.Title("Share of reports admitting each type of problem, by year",
                                                            subtitle="problem_statements; types from cue words (analysis/data/problem_cues.tsv)"))
    enc = {"x": alt.X("year:O", title="Reporting year", axis=alt.Axis(labelAngle=0)), "y": alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=420))}
    rect = base.mark_rect().encode(
        **enc,
        color=alt.Color("share:Q", title="Share of reports", scale=alt.Scale(domain=[0, 1], scheme="blues"), legend=alt.Legend(format="%")),
        tooltip=[alt.Tooltip("label:N", title="Type"), alt.Tooltip("year:O", title="Year"), alt.Tooltip("share:Q", format=".0%"),
                 alt.Tooltip("n_naming:Q", title="Reports naming it"), alt.Tooltip("n_reports:Q", title="Reports with a problems section")],
    )
    text = base.mark_text(fontSize=9).encode(**enc, text=alt.Text("n_naming:Q"),
                                             color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("#333")))
    return (rect + text).properties(width=alt.Step(34), height=alt.Step(22))


def types_table(statements: pl.DataFrame, docs: pl.DataFrame, grouping: str = "admin_level") -> GT:
    """Share of reports admitting each type, per group (all years), problems part."""
    names = category_names()
    st = statements.filter(pl.col("part") == "problems").join(docs.select("report_id", pl.col(grouping).cast(pl.String)), on="report_id").drop_nulls(grouping)
    n = st.group_by(grouping).agg(pl.col("report_id").n_unique().alias("n_reports"))
    named = (st.with_columns(pl.col("categories").str.split(";").alias("category")).explode("category").filter(pl.col("category") != "")
             .group_by(grouping, "category").agg(pl.col("report_id").n_unique().alias("n")))
    wide = (named.join(n, on=grouping).with_columns((pl.col("n") / pl.col("n_reports")).alias("share"))
            .pivot(on=grouping, index="category", values="share").fill_null(0.0))
    wide = pl.DataFrame({"category": list(categories())}).join(wide, on="category", how="left").fill_null(0.0)
    groups = [c for c in wide.columns if c != "category"]
    wide = wide.with_columns(pl.col("category").replace_strict(names, default=pl.col("category")).alias("type")).select("type", *groups)
    return (GT(wide, rowname_col="type").tab_header(title="Share of reports admitting each type", subtitle=f"by {grouping.replace('_', ' ')}, all years")
            .fmt_percent(columns=groups, decimals=0)
            .tab_source_note("Columns: " + ", ".join(f"{g}: {n.filter(pl.col(grouping) == g)['n_reports'][0]} reports" for g in groups) + ". Source: problem_statements."))


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
    (development sample, held-out set, its unseen part), then one row "all" of all categories together
    (micro-average)."""
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


def weak_types(sets: dict[str, str | Path] = SETS, which: str = "heldout", floor: float = 0.8) -> list[str]:
    """Categories whose precision on one labelled set is under ``floor`` (the issue's bar for rework)."""
    v = validation(sets).filter(pl.col("category") != "all")
    return v.filter(pl.col(f"{which}_precision") < floor)["category"].to_list()


def validation_table(sets: dict[str, str | Path] = SETS) -> GT:
    v = validation(sets)
    n = {name: len(rows) for name, rows in labelled_sets(sets).items()}
    cols = [c for c in v.columns if c not in ("category", "type")]
    weak = weak_types(sets)
    names = category_names()
    note = ("Below 80% precision on the held-out set: " + "; ".join(names[k] for k in weak) + "." if weak
            else "Every type reaches 80% precision on the held-out set.")
    spanners = {"dev": f"Development sample ({n['dev']}; cues tuned on its errors)",
                "heldout": f"Held-out set ({n['heldout']}; labelled blind, scored once with the frozen cues)",
                "unseen": f"Held-out, no near copy of a development statement ({n['unseen']})"}
    table = GT(v.select("type", *cols), rowname_col="type").tab_header(
        title="Problem types: precision and recall of the cue words",
        subtitle="hand-labelled statements; cues version 3, frozen before the held-out set was read")
    for name, label in spanners.items():
        table = table.tab_spanner(label, [c for c in cols if c.startswith(name + "_")])
    return (table.cols_label(**{c: c.split("_", 1)[1].capitalize() for c in cols})
            .fmt_percent(columns=[c for c in cols if c.endswith(("precision", "recall"))], decimals=0)
            .sub_missing(missing_text="–")
            .tab_source_note(note)
            .tab_source_note(f"Source: {SETS['dev']} and {SETS['heldout']} (labelled from the codebook's definitions without the "
                             "classifier's output); recomputed by tests/test_statements.py."))


def load(data: Path | None = None) -> dict:
    """The tables the problems page reads."""
    return {"docs": tables.load("documents", data), "statements": tables.load("problem_statements", data),
            "tokens": tables.scan("tokens", data)}


__all__ = ["types_by_year", "types_chart", "types_table", "terms_table", "terms_by_group_table", "genre_table_view",
           "validation", "validation_table", "weak_types", "load", "SOURCE"]
