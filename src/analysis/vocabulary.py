"""Vocabulary of the problems and improvements text that carries meaning.

Genre stopwords, derived from the corpus itself: a term is a word of the genre, not a finding, when it
is as common in the report's general account of the year's work (the overview section) as in its
problems and improvements — at least ``GENRE_SHARE`` of the reports use it in each (document
frequency; 公开, 信息, 内容, 及时, 规范…). They are left out of the published term lists (not out of
the tokens table, so the rule can be changed).

Multiword expressions: pairs of adjacent jieba tokens inside a clause (no punctuation between them)
that occur together far more often than chance, by pointwise mutual information (PMI, log2), with a
minimum number of occurrences and of reports.

Both are computed over a deterministic sample of at most ``SAMPLE`` reports (the lowest report ids,
which are content hashes: an arbitrary but reproducible draw), so that the cost stays flat as the corpus
grows; the page states how many reports they rest on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import tables
from .keywords import keep
from .segment import han_tokens

GENRE_SHARE = 0.30  # document frequency in the overview sections and in the problems-and-improvements text
SAMPLE = 1000  # reports read for the genre rule and the collocations
MIN_PAIR_COUNT = 3
MIN_PAIR_REPORTS = 3
MIN_PMI = 3.0
_CLAUSE = re.compile(r"[^,，;；。:：!！?？、\n()（）《》“”\"]+")
PARTS = ("problems", "improvements")


def sample_ids(data: Path | None = None, n: int = SAMPLE) -> list[str]:
    docs = tables.scan("documents", data).filter(pl.col("status") == "ok").select("report_id").unique().collect()
    return sorted(docs["report_id"].to_list())[:n]


def section_texts(ids: list[str], data: Path | None = None) -> pl.DataFrame:
    """(report_id, kind, text): the overview and the problems-and-improvements text of the sampled reports."""
    return (
        tables.scan("sections", data)
        .filter(pl.col("report_id").is_in(ids) & pl.col("section").is_in(["overview", *PARTS]))
        .with_columns(pl.when(pl.col("section") == "overview").then(pl.lit("overview")).otherwise(pl.lit("problems_improvements")).alias("kind"))
        .group_by("report_id", "kind")
        .agg(pl.col("text").str.join("\n"))
        .sort("report_id", "kind")
        .collect()
    )


def genre_table(texts: pl.DataFrame, share: float = GENRE_SHARE) -> pl.DataFrame:
    """Per term, the share of reports using it in each kind of section, and whether the rule marks it."""
    n = Counter()
    df: dict[str, Counter] = {"overview": Counter(), "problems_improvements": Counter()}
    for _, kind, text in texts.iter_rows():
        n[kind] += 1
        df[kind].update({t for t in han_tokens(text) if keep(t, frozenset())})
    terms = sorted(set(df["overview"]) & set(df["problems_improvements"]))
    rows = [(t, df["overview"][t] / n["overview"], df["problems_improvements"][t] / n["problems_improvements"]) for t in terms]
    out = pl.DataFrame(rows, schema={"token": pl.String, "overview_share": pl.Float64, "problems_improvements_share": pl.Float64}, orient="row")
    return (out.with_columns((pl.min_horizontal("overview_share", "problems_improvements_share") >= share).alias("genre"),
                             pl.lit(n["overview"]).alias("n_overview"), pl.lit(n["problems_improvements"]).alias("n_problems_improvements"))
            .sort("problems_improvements_share", "token", descending=[True, False]))


def genre_stopwords(data: Path | None = None) -> frozenset[str]:
    g = genre_table(section_texts(sample_ids(data), data))
    return frozenset(g.filter(pl.col("genre"))["token"].to_list())


# ------------------------------------------------------------ collocations ---


def collocations(texts: list[tuple[str, str]], genre: frozenset[str] = frozenset(), min_count: int = MIN_PAIR_COUNT,
                 min_reports: int = MIN_PAIR_REPORTS, min_pmi: float = MIN_PMI) -> pl.DataFrame:
    """Multiword expressions in (report_id, text) pairs: adjacent kept tokens within a clause, by PMI.

    Pairs of two genre words are left out (政府信息公开 工作 says nothing)."""
    unigrams: Counter = Counter()
    pairs: Counter = Counter()
    reports: dict[tuple[str, str], set[str]] = {}
    for rid, text in texts:
        for clause in _CLAUSE.findall(text):
            toks = han_tokens(clause)
            unigrams.update(t for t in toks if keep(t, frozenset()))
            for a, b in zip(toks, toks[1:]):
                if keep(a, frozenset()) and keep(b, frozenset()) and not (a in genre and b in genre):
                    pairs[(a, b)] += 1
                    reports.setdefault((a, b), set()).add(rid)
    total = sum(unigrams.values())
    n_pairs = sum(pairs.values())
    rows = []
    for (a, b), c in pairs.items():
        if c < min_count or len(reports[(a, b)]) < min_reports:
            continue
        pmi = math.log2((c / n_pairs) / ((unigrams[a] / total) * (unigrams[b] / total)))
        if pmi >= min_pmi:
            rows.append((a + b, a, b, c, len(reports[(a, b)]), pmi))
    return pl.DataFrame(rows, schema={"expression": pl.String, "first": pl.String, "second": pl.String, "count": pl.Int64,
                                      "reports": pl.Int64, "pmi": pl.Float64}, orient="row").sort(
        ["count", "pmi", "expression"], descending=[True, True, False])


@dataclass
class Vocabulary:
    """What the problems page shows besides the tokens table: the genre rule and the expressions, per part."""

    genre: pl.DataFrame
    expressions: dict[str, pl.DataFrame]
    n_reports: int

    @property
    def stopwords(self) -> frozenset[str]:
        return frozenset(self.genre.filter(pl.col("genre"))["token"].to_list())


def vocabulary(data: Path | None = None, n: int = SAMPLE) -> Vocabulary:
    ids = sample_ids(data, n)
    genre = genre_table(section_texts(ids, data))
    stop = frozenset(genre.filter(pl.col("genre"))["token"].to_list())
    parts = (tables.scan("sections", data).filter(pl.col("report_id").is_in(ids) & pl.col("section").is_in(list(PARTS)))
             .select("report_id", "section", "text").collect())
    expressions = {part: collocations([(r, t) for r, s, t in parts.iter_rows() if s == part], stop) for part in PARTS}
    return Vocabulary(genre, expressions, len(ids))


# ------------------------------------------------------------------ terms ---


def top_terms(tokens: pl.LazyFrame | pl.DataFrame, docs: pl.DataFrame, part: str, genre: frozenset[str], top: int = 30,
              grouping: str | None = None) -> pl.DataFrame:
    """The most frequent terms of a part (genre words left out), per 1,000 counted tokens and as the share of
    reports with that part that use them; overall or per group (year, admin_level)."""
    t = tokens.lazy().filter(pl.col("part") == part)
    key = [grouping] if grouping else []
    if grouping:
        t = t.join(docs.lazy().select("report_id", pl.col(grouping).cast(pl.String)), on="report_id").drop_nulls(grouping)
    totals = t.group_by(key or pl.lit(1).alias("_all")).agg(pl.col("count").sum().alias("n_tokens"), pl.col("report_id").n_unique().alias("n_reports"))
    counts = (t.filter(~pl.col("token").is_in(list(genre)))
              .group_by([*key, "token"]).agg(pl.col("count").sum().alias("tf"), pl.col("report_id").n_unique().alias("df")))
    joined = counts.join(totals, on=key) if key else counts.join(totals.drop("_all"), how="cross")
    out = (joined.with_columns((pl.col("tf") * 1000 / pl.col("n_tokens")).alias("per_1000"), (pl.col("df") / pl.col("n_reports")).alias("share_of_reports"))
           .sort([*key, "tf", "token"], descending=[False] * len(key) + [True, False]))
    out = out.group_by(key, maintain_order=True).head(top) if key else out.head(top)
    return out.select(*key, "token", "tf", "per_1000", "df", "share_of_reports", "n_reports").collect()
