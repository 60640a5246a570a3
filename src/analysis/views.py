"""Tables shown on the site, each one great-tables chain (text is HTML-escaped by great-tables)."""

from __future__ import annotations

import polars as pl
from great_tables import GT

SOURCE_NOTE = "Source: documents table, built from the files in data/raw/."


def status_counts(docs: pl.DataFrame) -> pl.DataFrame:
    """Files by status and format."""
    return (
        docs.group_by("status", "format")
        .agg(pl.len().alias("files"), pl.col("n_chars").sum().alias("characters"))
        .sort("status", "format")
    )


def status_table(docs: pl.DataFrame) -> GT:
    return (
        GT(status_counts(docs), rowname_col="format", groupname_col="status")
        .tab_header(title="Files in the corpus", subtitle="by status and format")
        .cols_label(files="Files", characters="Characters of clean text")
        .fmt_integer(columns=["files", "characters"])
        .sub_missing(missing_text="–")
        .tab_source_note(SOURCE_NOTE)
    )


def problem_files(docs: pl.DataFrame) -> pl.DataFrame:
    """Every file that was skipped or failed, with its reason."""
    return docs.filter(pl.col("status") != "ok").select("source_path", "status", "format", "reason").sort("status", "source_path")


def problem_files_table(docs: pl.DataFrame) -> GT:
    return (
        GT(problem_files(docs))
        .tab_header(title="Files not processed", subtitle="skipped deliberately or failed, with the reason")
        .cols_label(source_path="File", status="Status", format="Format", reason="Reason")
        .tab_source_note(SOURCE_NOTE)
    )


def text_quality(docs: pl.DataFrame) -> pl.DataFrame:
    """Processed reports with their encoding, script and cleaning counts."""
    return docs.filter(pl.col("status") == "ok").select(
        "source_path", "encoding", "script", "n_chars", "n_decode_errors", "n_mojibake", "n_pinyin_removed", "n_boilerplate_removed"
    )


def text_quality_table(docs: pl.DataFrame) -> GT:
    return (
        GT(text_quality(docs))
        .tab_header(title="Text quality of processed reports", subtitle="what decoding and cleaning found and did")
        .cols_label(
            source_path="File", encoding="Encoding", script="Original script", n_chars="Characters",
            n_decode_errors="Undecodable", n_mojibake="Lost-character runs", n_pinyin_removed="Pinyin glosses removed",
            n_boilerplate_removed="Boilerplate removed",
        )
        .fmt_integer(columns=["n_chars", "n_decode_errors", "n_mojibake", "n_pinyin_removed", "n_boilerplate_removed"])
        .tab_source_note(SOURCE_NOTE)
    )


def corpus_composition(docs: pl.DataFrame) -> pl.DataFrame:
    """Processed reports by reporting year, level of government and template."""
    ok = docs.filter(pl.col("status") == "ok")
    return (
        ok.group_by("year", "admin_level", "template")
        .agg(pl.len().alias("reports"), pl.col("province").drop_nulls().n_unique().alias("provinces"))
        .sort("year", "admin_level", "template", nulls_last=True)
    )


def composition_table(docs: pl.DataFrame) -> GT:
    return (
        GT(corpus_composition(docs))
        .tab_header(title="Reports by year, level and template", subtitle="processed reports only (status ok)")
        .cols_label(year="Reporting year", admin_level="Level", template="Template", reports="Reports", provinces="Provinces")
        .fmt_integer(columns=["reports", "provinces"])
        .sub_missing(missing_text="unknown")
        .tab_source_note(SOURCE_NOTE)
    )


def report_list(docs: pl.DataFrame) -> pl.DataFrame:
    """Each processed report with who, where and when."""
    return docs.filter(pl.col("status") == "ok").select(
        "source_path", "title", "jurisdiction", "province", "admin_level", "year", "published", "days_late", "template"
    ).sort("year", "province", "jurisdiction", nulls_last=True)


def report_list_table(docs: pl.DataFrame) -> GT:
    return (
        GT(report_list(docs))
        .tab_header(title="Reports", subtitle="metadata extracted from each report; days late is negative when published before the deadline")
        .cols_label(source_path="File", title="Title", jurisdiction="Jurisdiction", province="Province", admin_level="Level",
                    year="Year", published="Published", days_late="Days late", template="Template")
        .fmt_date(columns="published", date_style="iso")
        .sub_missing(missing_text="–")
        .tab_source_note(SOURCE_NOTE)
    )
