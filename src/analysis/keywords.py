"""Tokens of the problems-and-improvements text, and what they add up to across reports.

Per report (pure, run in the workers): :func:`report_tokens` counts the tokens
of the ``problems`` and ``improvements`` sections. Excluded by rule, not by
hand: stopwords (a published list plus this genre's filler), single
characters, anything with a digit or without a Han character, and the names of
the reporting jurisdiction and its parents (洪泽区, 洪泽, 淮安…), which would
otherwise top every table.

Across reports: term and document frequencies by group (:func:`by_group`), and
keyness between two groups by the weighted log-odds ratio with an informative
Dirichlet prior (:func:`keyness`; Monroe, Colaresi & Quinn 2008).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

import polars as pl

from . import gazetteer
from .segment import han_tokens, stopwords

if TYPE_CHECKING:
    from .sections import Section

PARTS = ("problems", "improvements")
_DIGIT = re.compile(r"[\d〇零一二三四五六七八九十百千万亿两]+$|\d")


def place_words(*names: str | None) -> frozenset[str]:
    """The names a report uses for its own place: full and short names of the jurisdiction and its parents."""
    words: set[str] = set()
    for name in names:
        if not name:
            continue
        words.add(name)
        for place in gazetteer.lookup(name):
            words.update({place.name, place.short_name})
    return frozenset(w for w in words if w)


def keep(token: str, places: frozenset[str]) -> bool:
    return len(token) > 1 and token not in stopwords() and not _DIGIT.search(token) and token not in places


def report_tokens(sections: list[Section], places: frozenset[str]) -> list[tuple[str, str, int]]:
    """(part, token, count) for the problems and improvements text of one report."""
    out: list[tuple[str, str, int]] = []
    for part in PARTS:
        text = "\n".join(s.text for s in sections if s.section == part)
        if not text:
            continue
        counts = Counter(han_tokens(text))  # counted first, so each distinct token is tested once
        out.extend((part, token, n) for token, n in sorted(counts.items()) if keep(token, places))
    return out


# ------------------------------------------------------------ aggregates ---

GROUPINGS = {
    "year": pl.col("year").cast(pl.String),
    "admin_level": pl.col("admin_level"),
    "province": pl.col("province"),
    "template_era": pl.when(pl.col("template").is_in(["pre2014", "2014_2018", "pre2019"])).then(pl.lit("pre2019"))
    .when(pl.col("template").is_in(["2019", "2021"])).then(pl.lit("post2019")).otherwise(None),
}
TOP_TERMS = 200  # terms kept per group and part, by term frequency


COUNT_SCHEMA = {"grouping": pl.String, "group": pl.String, "part": pl.String, "token": pl.String, "tf": pl.Int64, "df": pl.Int64}
TOTAL_SCHEMA = {"grouping": pl.String, "group": pl.String, "part": pl.String, "n_reports": pl.Int64, "n_tokens": pl.Int64}


def group_partials(tokens: pl.DataFrame, docs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Counts that add up across disjoint sets of reports: per grouping, group, part ("all" too) and token
    the term and document frequencies, and per group and part the reports and tokens behind them.

    The build computes them per batch of reports in the workers and sums them, so the corpus-wide
    tables cost a sum over small tables, not a pass over every token of every report.
    """
    both = pl.concat([tokens.select("report_id", "part", "token", "count"),
                      tokens.select("report_id", pl.lit("all").alias("part"), "token", "count")])
    counts, totals = [], []
    for grouping, expr in GROUPINGS.items():
        keyed = docs.select("report_id", expr.alias("group")).drop_nulls("group")
        t = both.join(keyed, on="report_id")
        counts.append(t.group_by("group", "part", "token").agg(pl.col("count").sum().alias("tf"), pl.col("report_id").n_unique().alias("df"))
                      .select(pl.lit(grouping).alias("grouping"), "group", "part", "token", "tf", "df"))
        totals.append(t.group_by("group", "part").agg(pl.col("report_id").n_unique().alias("n_reports"), pl.col("count").sum().alias("n_tokens"))
                      .select(pl.lit(grouping).alias("grouping"), "group", "part", "n_reports", "n_tokens"))
    return (pl.concat(counts).cast(COUNT_SCHEMA).sort("grouping", "group", "part", "token"),  # type: ignore[arg-type]
            pl.concat(totals).cast(TOTAL_SCHEMA).sort("grouping", "group", "part"))  # type: ignore[arg-type]


def sum_partials(counts: pl.DataFrame | pl.LazyFrame, totals: pl.DataFrame | pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Several batches' partials → the corpus's (same schemas)."""
    c = counts.lazy().group_by("grouping", "group", "part", "token").agg(pl.col("tf").sum(), pl.col("df").sum())
    t = totals.lazy().group_by("grouping", "group", "part").agg(pl.col("n_reports").sum(), pl.col("n_tokens").sum())
    return c.collect(), t.collect()


def by_group(tokens: pl.DataFrame, docs: pl.DataFrame, top: int = TOP_TERMS) -> pl.DataFrame:
    """Term and document frequency of each term per group (year, admin level, province, template era) and part."""
    return by_group_from_counts(*group_partials(tokens, docs), top=top)


def by_group_from_counts(counts: pl.DataFrame, totals: pl.DataFrame, top: int = TOP_TERMS) -> pl.DataFrame:
    """The top terms of each group and part, with their shares, from summed partials."""
    cols = ["grouping", "group", "part", "token", "tf", "df", "tf_share", "df_share", "n_reports", "n_tokens"]
    return (
        counts.join(totals, on=["grouping", "group", "part"])
        .with_columns((pl.col("tf") / pl.col("n_tokens")).alias("tf_share"), (pl.col("df") / pl.col("n_reports")).alias("df_share"))
        .sort(["grouping", "part", "group", "tf", "token"], descending=[False, False, False, True, False])
        .group_by("grouping", "part", "group", maintain_order=True)
        .head(top)
        .select(cols)
        .sort("grouping", "group", "part", "tf", "token", descending=[False, False, False, True, False])
    )


def keyness(counts_a: dict[str, int], counts_b: dict[str, int], prior: dict[str, float] | None = None, prior_scale: float = 1.0) -> pl.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16–22).

    ``prior`` defaults to the pooled counts of both groups (scaled by ``prior_scale``).
    Positive z: the term is more typical of group A; |z| > 1.96 is the usual threshold.
    """
    vocab = sorted(set(counts_a) | set(counts_b))
    if prior is None:
        prior = {w: (counts_a.get(w, 0) + counts_b.get(w, 0)) * prior_scale for w in vocab}
    a0 = sum(prior.values())
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    rows = []
    for w in vocab:
        ya, yb, aw = counts_a.get(w, 0), counts_b.get(w, 0), prior.get(w, 0.0)
        rest_a, rest_b = n_a + a0 - ya - aw, n_b + a0 - yb - aw
        if aw <= 0 or rest_a <= 0 or rest_b <= 0:
            continue  # no prior mass, or the term is the whole vocabulary: the odds are undefined
        delta = math.log((ya + aw) / rest_a) - math.log((yb + aw) / rest_b)
        var = 1.0 / (ya + aw) + 1.0 / (yb + aw)
        rows.append((w, ya, yb, delta, var, delta / math.sqrt(var)))
    df = pl.DataFrame(rows, schema={"token": pl.String, "count_a": pl.Int64, "count_b": pl.Int64, "log_odds": pl.Float64,
                                    "variance": pl.Float64, "z": pl.Float64}, orient="row")
    return df.sort("z", "token", descending=[True, False])


def group_counts(tokens: pl.DataFrame, report_ids, part: str | None = None) -> dict[str, int]:
    """Token counts over a set of reports (one researcher-defined group)."""
    t = tokens.filter(pl.col("report_id").is_in(list(report_ids)))
    if part:
        t = t.filter(pl.col("part") == part)
    return dict(t.group_by("token").agg(pl.col("count").sum()).iter_rows())


def compare(tokens: pl.DataFrame, docs: pl.DataFrame, a: pl.Expr, b: pl.Expr, part: str | None = None) -> pl.DataFrame:
    """Keyness between two groups of reports given as filters on ``documents`` (for notebooks)."""
    ids_a = docs.filter(a)["report_id"]
    ids_b = docs.filter(b)["report_id"]
    return keyness(group_counts(tokens, ids_a, part), group_counts(tokens, ids_b, part))


KEYNESS_TOP = 100  # terms kept at each end of each comparison


# Comparisons published in keywords_keyness, as sums of by_group groups:
# (name, label A, (grouping, groups A), label B, (grouping, groups B)).
COMPARISON_GROUPS = (
    ("era", "pre2019", ("template_era", ("pre2019",)), "post2019", ("template_era", ("post2019",))),
    ("level", "county", ("admin_level", ("county",)), "prefecture", ("admin_level", ("prefecture",))),
    ("government_vs_department", "government", ("admin_level", ("province", "prefecture", "county", "township")),
     "department", ("admin_level", ("department",))),
)


def keyness_table(tokens: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    counts, _ = group_partials(tokens, docs)
    return keyness_from_counts(counts)


def keyness_from_counts(counts: pl.DataFrame) -> pl.DataFrame:
    """Every published comparison (COMPARISON_GROUPS), for all text and each part, from summed group counts."""
    frames = []
    for name, la, (ga, va), lb, (gb, vb) in COMPARISON_GROUPS:
        for part in ("all",) + PARTS:
            def side(grouping: str, groups: tuple[str, ...]) -> dict[str, int]:
                sel = counts.filter((pl.col("grouping") == grouping) & pl.col("group").is_in(list(groups)) & (pl.col("part") == part))
                return dict(sel.group_by("token").agg(pl.col("tf").sum()).iter_rows())
            counts_a, counts_b = side(ga, va), side(gb, vb)
            if not counts_a or not counts_b:
                continue  # a comparison needs reports on both sides
            k = keyness(counts_a, counts_b)
            if k.is_empty():
                continue
            k = pl.concat([k.head(KEYNESS_TOP), k.tail(KEYNESS_TOP)]).unique("token", keep="first", maintain_order=True)
            frames.append(k.with_columns(pl.lit(name).alias("comparison"), pl.lit(la).alias("group_a"), pl.lit(lb).alias("group_b"),
                                         pl.lit(part).alias("part")))
    cols = ["comparison", "group_a", "group_b", "part", "token", "count_a", "count_b", "log_odds", "variance", "z"]
    if not frames:
        return pl.DataFrame(schema={"comparison": pl.String, "group_a": pl.String, "group_b": pl.String, "part": pl.String, "token": pl.String,
                                    "count_a": pl.Int64, "count_b": pl.Int64, "log_odds": pl.Float64, "variance": pl.Float64, "z": pl.Float64})
    return pl.concat([f.select(cols) for f in frames]).sort("comparison", "part", "z", "token", descending=[False, False, True, False])
