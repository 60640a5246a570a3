"""The data dictionary: every published table, its columns, types, units and keys.

This is the single definition the build validates against before writing, and
the source of ``data_dictionary.parquet`` that the site publishes, so the
description of a field and the field itself cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

STATUSES = ("ok", "skipped", "error")
SCRIPTS = ("simplified", "traditional")
ADMIN_LEVELS = ("province", "prefecture", "county", "township", "department")
TEMPLATES = ("pre2014", "2014_2018", "pre2019", "2019", "2021")
SECTIONS = (
    "preamble", "overview", "proactive", "requests", "not_disclosed", "fees", "review_litigation", "problems",
    "improvements", "other", "appendix", "interpretation", "workplan", "proposals", "capacity", "unclassified",
)
FORMATS = ("text", "html", "pdf", "word", "spreadsheet", "image", "archive", "sidecar", "hidden", "unknown")


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    description: str
    unit: str = ""
    allowed: tuple[str, ...] = ()
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    # Per-report tables that grow with the corpus are written as a folder of parts
    # (``indicators/part-00000.parquet`` …), so adding a report rewrites one small part, not the table.
    partitioned: bool = False
    also: tuple[str, ...] = ()  # further formats the table is written in (e.g. "dta" for Stata)
    # Also written as CSV by every build (small corpus-wide tables that users open in a spreadsheet).
    # Parquet is the store; any table can be exported as CSV on demand: ``analysis export --csv TABLE``.
    csv: bool = False

    @property
    def files(self) -> str:
        stem = f"{self.name}/part-*" if self.partitioned else self.name
        base = f"{stem}.parquet, {stem}.csv" if self.csv else f"{stem}.parquet"
        return ", ".join([base, *(f"{self.name}.{ext}" for ext in self.also)])

    @property
    def schema(self) -> dict[str, pl.DataType]:
        return {c.name: c.dtype for c in self.columns}


DOCUMENTS = Table(
    "documents",
    "One row per file found under the raw folder (recursively), whatever its fate: "
    "what it is, whether it was read, and how clean its text is.",
    ("source_path",),
    (
        Column("source_path", pl.String, "Path of the file relative to the raw folder, with / separators.", nullable=False),
        Column("report_id", pl.String, "Stable identifier: first 16 hex digits of the SHA-256 of the file's bytes. Null when the file could not be read."),
        Column("status", pl.String, "ok: text extracted; skipped: deliberately not processed (format, duplicate, sidecar); error: could not be processed.", allowed=STATUSES, nullable=False),
        Column("reason", pl.String, "Human-readable reason for a skipped or error status; for ok rows, notes on anything unusual (or empty)."),
        Column("format", pl.String, "File type judged from the extension and the content.", allowed=FORMATS, nullable=False),
        Column("file_bytes", pl.Int64, "Size of the raw file.", unit="bytes"),
        Column("sha256", pl.String, "SHA-256 of the raw file's bytes."),
        Column("encoding", pl.String, "Character encoding the file was decoded from (utf-8, utf-8-sig, gbk, gb18030, big5hkscs, utf-16…); for PDF and Word files, 'pdf text layer' or 'docx (XML)': their text is read through analysis.convert."),
        Column("script", pl.String, "Script of the original text; the clean text is always simplified.", allowed=SCRIPTS),
        Column("traditional_share", pl.Float64, "Share of Han characters that OpenCC t2s changes (≥ 0.03 means traditional).", unit="share"),
        Column("n_chars", pl.Int64, "Length of the clean text.", unit="characters"),
        Column("text_sha256", pl.String, "SHA-256 of the clean text; equal values mean the same report under two names."),
        Column("duplicate_of", pl.String, "For a duplicate, the report_id of the copy that was kept (the first by source_path)."),
        Column("n_decode_errors", pl.Int64, "Characters that could not be decoded and were replaced by U+FFFD.", unit="characters"),
        Column("n_mojibake", pl.Int64, "Runs of ? inside Chinese text and U+FFFD characters already present in the file (characters lost before scraping).", unit="runs"),
        Column("n_pinyin_removed", pl.Int64, "Pinyin glosses removed after characters, as in 報(bào)告.", unit="glosses"),
        Column("n_boilerplate_removed", pl.Int64, "Web-page boilerplate lines or fragments removed (breadcrumbs, footers, share bars).", unit="lines"),
        Column("n_header_fields", pl.Int64, "Fields found in the document-information block (索引号/发布机构/公开日期…), see header_fields.", unit="fields"),
        Column("is_html", pl.Boolean, "The file was HTML (by extension or content) and was converted to text."),
        Column("has_decode_errors", pl.Boolean, "n_decode_errors > 0."),
        Column("has_mojibake", pl.Boolean, "n_mojibake > 0."),
        Column("title", pl.String, "Title of the report as printed (header block, HTML <title> or first lines); null when the text has none."),
        Column("title_source", pl.String, "Where the title came from: header:title, header:html_title, text:first_lines, text:first_line_prefix."),
        Column("issuer", pl.String, "Publishing body as stated: the signature after the report, else the 发布机构 field."),
        Column("issuer_source", pl.String, "signature or header:publisher."),
        Column("jurisdiction", pl.String, "Area the report is about, as named in the report (a department's report gets the area it belongs to)."),
        Column("jurisdiction_source", pl.String, "Where the jurisdiction was found: title, issuer, header:publisher, header:title, text:opening or body_mentions; township:SOURCE (EVIDENCE) when a township's namesakes were told apart by EVIDENCE; SOURCE:national_body for State Council bodies (jurisdiction 中华人民共和国)."),
        Column("province", pl.String, "Province-level unit of the jurisdiction (current name, from the gazetteer)."),
        Column("prefecture", pl.String, "Prefecture-level unit of the jurisdiction (current name); null for provinces, for districts of 北京/天津/上海/重庆 and for county-level units directly under a province."),
        Column("county", pl.String, "County-level unit of the jurisdiction (current name), when the jurisdiction is at county level or below."),
        Column("township", pl.String, "Township-level unit (镇, 乡, 街道, 苏木, 地区办事处…) of a township's report, as written; null above township level."),
        Column("township_code", pl.String, "12-digit statistical code (统计用区划代码, NBS 2023) of the township; null when namesakes could not be told apart."),
        Column("admin_level", pl.String, "Level of the reporting body.", allowed=ADMIN_LEVELS),
        Column("adcode", pl.String, "GB/T 2260 code of the jurisdiction's current unit (renamed units map to their successor)."),
        Column("longitude", pl.Float64, "Longitude of the jurisdiction's seat, from the gazetteer.", unit="degrees"),
        Column("latitude", pl.Float64, "Latitude of the jurisdiction's seat, from the gazetteer.", unit="degrees"),
        Column("year", pl.Int64, "Reporting year (the year the report is about, not the year it was published)."),
        Column("year_source", pl.String, "title, statistics_period, text:first_paragraphs or published_minus_one."),
        Column("published", pl.Date, "Publication date as stated (header 公开日期/发布日期, else the date under the signature)."),
        Column("published_source", pl.String, "header:published, text:head_labelled (日期:/发布时间 above the report), text:head (a date line under the title), signature_date or header:written (成文日期)."),
        Column("template", pl.String, "Report format: pre2014, 2014_2018, 2019 (interim format for 2019–2020), 2021; pre2019 when the year is unknown.", allowed=TEMPLATES),
        Column("deadline", pl.Date, "Statutory publication deadline: 31 March of the next year; from reports on 2019, 31 January for departments (none for townships)."),
        Column("days_late", pl.Int64, "published − deadline; negative means published before the deadline.", unit="days"),
    ),
    csv=True,
)

TEXTS = Table(
    "texts",
    "The clean text layer: one row per processed report (status ok), in simplified script, "
    "without site boilerplate and without the document-information block. Later stages read only this.",
    ("report_id",),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("text", pl.String, "Clean text, one paragraph or table row per line; table cells separated by ' | '.", nullable=False),
    ),
    partitioned=True,
)

HEADER_FIELDS = Table(
    "header_fields",
    "The document-information block that government sites put above a report (索引号, 发布机构, 公开日期, 标题…) "
    "and crawler header lines, one row per labelled field, kept verbatim for the metadata stage.",
    ("report_id", "ordinal"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("ordinal", pl.Int64, "Position of the field in the block, from 0.", nullable=False),
        Column("field", pl.String, "Canonical field name (see analysis/data/header_fields.tsv); 'unlabeled' for text before the first label.", nullable=False),
        Column("label", pl.String, "The label as printed, spaces removed (索引号, 发文日期…)."),
        Column("value", pl.String, "The value as printed (may be empty)."),
    ),
    partitioned=True,
)

SECTIONS_TABLE = Table(
    "sections",
    "One row per section or subsection of a report's clean text, with its canonical name and character offsets. "
    "Signatures, dates and contact lines after the body belong to no section.",
    ("report_id", "ordinal"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("ordinal", pl.Int64, "Position of the section in the report, from 0.", nullable=False),
        Column("level", pl.Int64, "Heading depth by marker style: 0 before the first heading, 1 for 一、/第一部分, 2 for (一), 3 for 1、/1., 4 for (1).", nullable=False),
        Column("section", pl.String, "Canonical section (see analysis/data/section_headings.tsv); subsections inherit their parent's unless they name a content section themselves.", allowed=SECTIONS, nullable=False),
        Column("heading", pl.String, "The heading as printed (for an improvements part split from a combined section: its label, or the combined heading)."),
        Column("text", pl.String, "Body text of the section, up to the next heading of any level.", nullable=False),
        Column("start", pl.Int64, "Offset of the body text in texts.text.", unit="characters", nullable=False),
        Column("end", pl.Int64, "Offset just after the body text in texts.text.", unit="characters", nullable=False),
    ),
    partitioned=True,
)

BREAKDOWNS = ("natural_person", "business", "research", "nonprofit", "legal_services", "other_org", "total")

INDICATORS = Table(
    "indicators",
    "One row per figure a report states, from a table or from prose, with the label and snippet it was read from. "
    "A blank cell is never a zero; a figure the report does not state has no row.",
    ("report_id", "indicator", "breakdown", "source"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("indicator", pl.String, "Canonical indicator name (see the indicator list on the methods page and the label maps in analysis/data/labels_*.tsv, prose_rules.tsv and prose_words.tsv (the prose lexicon)).", nullable=False),
        Column("breakdown", pl.String, "Applicant column of the 2019/2021 requests table; null elsewhere.", allowed=BREAKDOWNS),
        Column("value", pl.Float64, "The figure in its canonical unit (money in yuan: 496.5万元 → 4965000); null for blank or not-applicable cells."),
        Column("unit", pl.String, "Canonical unit: 件, 条, 次, 篇, 人, 人次, 个, 元."),
        Column("value_kind", pl.String, "reported: a printed number; zero_stated: a sentence saying there was none; blank: an empty cell; not_applicable: a '/' cell; undetermined: printed but not decidable (glued cells the table's sums do not split uniquely; the label says why), value null.", allowed=("reported", "zero_stated", "blank", "not_applicable", "undetermined"), nullable=False),
        Column("source", pl.String, "table or prose.", allowed=("table", "prose"), nullable=False),
        Column("label", pl.String, "The row/column label or the phrase, verbatim."),
        Column("evidence", pl.String, "Snippet of the clean text around the figure."),
        Column("offset", pl.Int64, "Offset of the value (or the statement) in texts.text.", unit="characters"),
        Column("parser", pl.String, "Extractor that read it: table_2014, table_2019, table_2021 or prose."),
    ),
    partitioned=True,
)

CHECKS = Table(
    "checks",
    "One row per consistency check of a report (identities of the 2021 requests table, sums of rows and columns, "
    "table against prose, last year's carried-forward against this year's carried-over). Failures are reported, never fixed.",
    ("report_id", "check"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("check", pl.String, "Check name, with the column or indicator it applies to after a colon.", nullable=False),
        Column("status", pl.String, "pass, fail, or not_applicable when the report does not give the figures needed.", allowed=("pass", "fail", "not_applicable"), nullable=False),
        Column("expected", pl.Float64, "The total (or the table value) the parts are checked against."),
        Column("observed", pl.Float64, "The sum of the parts (or the prose value)."),
        Column("detail", pl.String, "Which labels and values were compared."),
    ),
    partitioned=True,
)

PARTS_ALL = ("problems", "improvements", "all")

TOKENS = Table(
    "tokens",
    "One row per report, part and token: jieba (precise mode, domain user dictionary) tokens of the problems and improvements "
    "sections, without stopwords, single characters, numbers, punctuation and the report's own place names.",
    ("report_id", "part", "token"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("part", pl.String, "problems or improvements.", allowed=("problems", "improvements"), nullable=False),
        Column("token", pl.String, "The token, simplified script.", nullable=False),
        Column("count", pl.Int64, "Occurrences in that part of that report.", unit="tokens", nullable=False),
    ),
    partitioned=True,
)

PROBLEM_STATEMENTS = Table(
    "problem_statements",
    "One row per statement of a report's problems or improvements section: the items it enumerates (一是…, (一)…, 1.…, 第一…), "
    "else its sentences, with the problem types their words name (cue words: analysis/data/problem_cues.tsv; "
    "codebook: analysis/data/problem_codebook.tsv; precision and recall on a hand-labelled sample on the methods page).",
    ("report_id", "part", "order"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("part", pl.String, "problems or improvements.", allowed=("problems", "improvements"), nullable=False),
        Column("order", pl.Int64, "Position of the statement within the part (0, 1, …), in reading order.", nullable=False),
        Column("text", pl.String, "The statement as printed, with its enumeration marker.", nullable=False),
        Column("offset", pl.Int64, "Offset of the statement in texts.text.", unit="characters", nullable=False),
        Column("categories", pl.String, "Codebook categories whose cue words the statement names, separated by ';'; empty when none.",
               nullable=False),
    ),
    partitioned=True,
)

KEYWORDS_BY_GROUP = Table(
    "keywords_by_group",
    "Term and document frequency of the most frequent terms (top 200 by term frequency) per group of reports and part. "
    "Groupings: year, admin_level, province, template_era (pre2019 / post2019).",
    ("grouping", "group", "part", "token"),
    (
        Column("grouping", pl.String, "What the reports are grouped by.", allowed=("year", "admin_level", "province", "template_era"), nullable=False),
        Column("group", pl.String, "The group (a year, a level, a province, an era).", nullable=False),
        Column("part", pl.String, "problems, improvements, or all (both).", allowed=PARTS_ALL, nullable=False),
        Column("token", pl.String, "The term.", nullable=False),
        Column("tf", pl.Int64, "Occurrences of the term in the group.", unit="tokens", nullable=False),
        Column("df", pl.Int64, "Reports of the group naming the term.", unit="reports", nullable=False),
        Column("tf_share", pl.Float64, "tf / all counted tokens of the group.", unit="share"),
        Column("df_share", pl.Float64, "df / reports of the group with this part: the share of reports naming the term.", unit="share"),
        Column("n_reports", pl.Int64, "Reports of the group with this part.", unit="reports"),
        Column("n_tokens", pl.Int64, "Counted tokens of the group.", unit="tokens"),
    ),
    csv=True,
)

KEYWORDS_KEYNESS = Table(
    "keywords_keyness",
    "Keyness of terms between two groups of reports: weighted log-odds ratio with an informative Dirichlet prior "
    "(Monroe, Colaresi & Quinn 2008), the prior being the pooled counts. The 100 most typical terms of each side are kept.",
    ("comparison", "part", "token"),
    (
        Column("comparison", pl.String, "era (pre2019 vs post2019), level (county vs prefecture), government_vs_department.", nullable=False),
        Column("group_a", pl.String, "Group A (positive z).", nullable=False),
        Column("group_b", pl.String, "Group B (negative z).", nullable=False),
        Column("part", pl.String, "problems, improvements, or all.", allowed=PARTS_ALL, nullable=False),
        Column("token", pl.String, "The term.", nullable=False),
        Column("count_a", pl.Int64, "Occurrences in group A.", unit="tokens"),
        Column("count_b", pl.Int64, "Occurrences in group B.", unit="tokens"),
        Column("log_odds", pl.Float64, "Weighted log-odds ratio (A vs B)."),
        Column("variance", pl.Float64, "Its approximate variance."),
        Column("z", pl.Float64, "log_odds / sqrt(variance); |z| > 1.96 is the usual threshold.", unit="z-score"),
    ),
    csv=True,
)

REPORT_THEMES = Table(
    "report_themes",
    "Per report and theme: how much of the problems text is about the theme (theme lexicon: analysis/data/themes.tsv).",
    ("report_id", "theme"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("theme", pl.String, "Theme name.", nullable=False),
        Column("n_terms", pl.Int64, "Tokens of the problems text that are terms of the theme.", unit="tokens", nullable=False),
        Column("n_tokens", pl.Int64, "All counted tokens of the problems text.", unit="tokens", nullable=False),
        Column("share", pl.Float64, "n_terms / n_tokens.", unit="share"),
    ),
    partitioned=True,
)

THEMES_BY_YEAR = Table(
    "themes_by_year",
    "Themes of the problems text over time: mean share per reporting year, with the number of reports behind it.",
    ("year", "theme"),
    (
        Column("year", pl.Int64, "Reporting year.", nullable=False),
        Column("theme", pl.String, "Theme name.", nullable=False),
        Column("n_reports", pl.Int64, "Reports of that year with a problems section.", unit="reports", nullable=False),
        Column("mean_share", pl.Float64, "Mean of report_themes.share.", unit="share"),
        Column("share_of_reports_naming", pl.Float64, "Share of those reports using at least one term of the theme.", unit="share"),
    ),
    csv=True,
)

SIMILARITY = Table(
    "similarity",
    "Copy-paste in the problems-and-improvements text: Jaccard similarity of character 5-grams with the same issuer's "
    "previous-year report and with the most similar report of another issuer in the same year (candidates by MinHash LSH, "
    "so pairs below about 0.5 may not be found; the three best candidates by MinHash estimate are compared exactly). "
    "Near-copy threshold: 0.8.",
    ("report_id",),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("previous_report_id", pl.String, "The same issuer's report of the previous year, if in the corpus."),
        Column("previous_similarity", pl.Float64, "Similarity to it.", unit="Jaccard"),
        Column("nearest_report_id", pl.String, "The most similar report of another issuer in the same year, among LSH candidates."),
        Column("nearest_similarity", pl.Float64, "Similarity to it.", unit="Jaccard"),
        Column("is_near_copy_of_previous", pl.Boolean, "previous_similarity ≥ 0.8."),
        Column("is_near_copy_of_other", pl.Boolean, "nearest_similarity ≥ 0.8."),
    ),
    csv=True,
)

REPORT_METRICS = Table(
    "report_metrics",
    "The site's per-report metrics: one row per report and metric, from one stated value per indicator "
    "(the table's total where the report has a table, else its prose; see analysis/aggregates.py).",
    ("report_id", "metric"),
    (
        Column("report_id", pl.String, "See documents.report_id.", nullable=False),
        Column("metric", pl.String, "Metric name (requests_received, share_granted, reviews_per_100_requests, days_late…).", nullable=False),
        Column("value", pl.Float64, "The metric's value for the report.", nullable=False),
        Column("numerator", pl.Float64, "Numerator of a share or rate (or the count itself)."),
        Column("denominator", pl.Float64, "Denominator of a share or rate; empty for counts."),
    ),
    partitioned=True,
)

INDICATOR_LABELS = Table(
    "indicator_labels",
    "The indicator vocabulary: for every canonical indicator, the Chinese row/column labels (table) or phrase patterns (prose) "
    "it is read from, per report template. Generated from the label maps in analysis/data/.",
    ("indicator", "template", "source", "label"),
    (
        Column("indicator", pl.String, "Canonical indicator name, as in indicators.indicator.", nullable=False),
        Column("template", pl.String, "Report format the label belongs to: pre2019 (2014–2018 table and older local forms), 2019, 2021, or any (prose).", nullable=False),
        Column("source", pl.String, "table or prose.", allowed=("table", "prose"), nullable=False),
        Column("label", pl.String, "The label as a regular expression over the clean text (› separates a row label from its column label).", nullable=False),
        Column("unit", pl.String, "Canonical unit of the values."),
    ),
    csv=True,
)

PANEL_KINDS = ("reported", "zero_stated", "blank", "not_applicable", "sum_of_parts", "parts_incomplete", "not_stated", "undetermined")


def _panel_columns() -> tuple[Column, ...]:
    """A value and a value-kind column per panel indicator, described from the indicator names (analysis/data/indicator_names.tsv)."""
    from .names import PANEL_INDICATORS, indicator_name

    cols = []
    for col, ind in PANEL_INDICATORS.items():
        name = f"{indicator_name(ind, 'en', short=False)} ({indicator_name(ind, 'zh')}; indicator {ind})"
        unit = "元" if ind == "fees_collected" else ("items" if ind == "proactive_total" else "cases")
        cols.append(Column(col, pl.Float64, f"{name}: the chosen report's figure (its table's total column, else its prose); "
                           "null when not stated, blank or '/'.", unit=unit))
        cols.append(Column(f"{col}_kind", pl.String, f"How the report states {col}: value_kind of indicators; sum_of_parts: the sum "
                           "of the eight reasons for refusal of the 2019/2021 tables; parts_incomplete: some of them not stated; "
                           "not_stated: the report gives no figure; undetermined: printed but not decidable (glued cells).", allowed=PANEL_KINDS, nullable=False))
    return tuple(cols)


PANEL = Table(
    "panel",
    "Analysis-ready panel: one row per issuer and reporting year with the main figures as columns (also as Stata .dta "
    "with variable labels). Where several reports of an issuer and year are in the corpus (the same report as page text "
    "and as HTML, a correction), one is chosen — the one with the most figures stated in tables, then the most figures, "
    "then the longest text, then the first file — never an average; n_reports and report_ids say so.",
    ("panel_id", "year"),
    (
        Column("panel_id", pl.String, "Issuer identifier: jurisdiction code (adcode, else province) and issuer name, 'adcode:issuer'. "
               "In Stata: encode panel_id, gen(id); xtset id year.", nullable=False),
        Column("issuer", pl.String, "The reporting body: the issuer as signed (spaces removed), else the body the title names, else the jurisdiction.", nullable=False),
        Column("issuer_source", pl.String, "Where issuer comes from.", allowed=("issuer", "title", "jurisdiction"), nullable=False),
        Column("jurisdiction", pl.String, "See documents.jurisdiction."),
        Column("adcode", pl.String, "See documents.adcode."),
        Column("level", pl.String, "See documents.admin_level.", allowed=ADMIN_LEVELS),
        Column("province", pl.String, "See documents.province."),
        Column("prefecture", pl.String, "See documents.prefecture."),
        Column("year", pl.Int64, "Reporting year.", nullable=False),
        Column("template", pl.String, "See documents.template.", allowed=TEMPLATES),
        *_panel_columns(),
        Column("days_late", pl.Float64, "See documents.days_late: publication after the statutory deadline; null when the publication date is not stated.", unit="days"),
        Column("report_id", pl.String, "The report the row's figures come from (documents.report_id).", nullable=False),
        Column("source_path", pl.String, "Its file under the raw folder.", nullable=False),
        Column("n_reports", pl.Int64, "Reports of this issuer and year in the corpus (duplicates of the same bytes or text not counted).", unit="reports", nullable=False),
        Column("report_ids", pl.String, "All of them, the chosen one first, separated by spaces.", nullable=False),
        Column("n_table_figures", pl.Int64, "Figures the chosen report states in its tables (the first rule of the choice).", unit="figures", nullable=False),
        Column("n_conflicting", pl.Int64, "Indicator columns for which another report of the row states a different figure (0 with one report).", unit="columns", nullable=False),
    ),
    also=("dta",),
    csv=True,
)

INDICATOR_NAMES = Table(
    "indicator_names",
    "The names of every indicator: the report form's Chinese wording and an English name, and the formats that give it "
    "(from analysis/data/indicator_names.tsv and the label maps).",
    ("indicator",),
    (
        Column("indicator", pl.String, "Canonical indicator name, as in indicators.indicator.", nullable=False),
        Column("name_zh", pl.String, "Chinese name: the row or column label of the national report forms.", nullable=False),
        Column("name_en", pl.String, "English name.", nullable=False),
        Column("name_short_en", pl.String, "Short English name for chart legends and Stata labels.", nullable=False),
        Column("templates", pl.String, "Report formats whose tables give the indicator, separated by ' | ' (pre2019 stands for the 2014–2018 form and older local forms)."),
        Column("from_prose", pl.Boolean, "Whether sentences of the report text are read for it too.", nullable=False),
        Column("derived_from", pl.String, "For an indicator computed from others (outcome_denied_all), the indicators it sums."),
    ),
    csv=True,
)

METRIC_DEFINITIONS = Table(
    "metric_definitions",
    "The site's metrics (report_metrics.metric): Chinese and English names, numerator, denominator, scale, unit and the "
    "definition printed next to every chart (from analysis/data/metrics.tsv).",
    ("metric",),
    (
        Column("metric", pl.String, "Metric name, as in report_metrics.metric.", nullable=False),
        Column("name_zh", pl.String, "Chinese name.", nullable=False),
        Column("name_en", pl.String, "English name.", nullable=False),
        Column("numerator", pl.String, "Indicator counted (or the numerator of a ratio); empty for days_late (from documents)."),
        Column("denominator", pl.String, "Indicator the numerator is divided by; empty for counts."),
        Column("scale", pl.Float64, "Factor applied to the ratio (100 for 'per 100 requests').", nullable=False),
        Column("unit", pl.String, "Unit of the metric.", nullable=False),
        Column("definition", pl.String, "Numerator, denominator, indicators and report formats in words.", nullable=False),
    ),
    csv=True,
)

DATA_DICTIONARY = Table(
    "data_dictionary",
    "This dictionary: every column of every published table.",
    ("table", "column"),
    (
        Column("table", pl.String, "Table name (file name without extension).", nullable=False),
        Column("column", pl.String, "Column name.", nullable=False),
        Column("dtype", pl.String, "Polars data type.", nullable=False),
        Column("unit", pl.String, "Unit of the values, if any."),
        Column("description", pl.String, "What the column holds.", nullable=False),
        Column("allowed_values", pl.String, "Allowed values, separated by ' | ', if restricted."),
        Column("is_primary_key", pl.Boolean, "Whether the column is part of the table's primary key.", nullable=False),
        Column("table_description", pl.String, "What one row of the table is."),
        Column("files", pl.String, "Where the table is in the data folder: one Parquet file (and a CSV copy for the small corpus-wide tables), or a folder of parts to read together."),
    ),
    csv=True,
)

TABLES: tuple[Table, ...] = (
    DOCUMENTS, TEXTS, HEADER_FIELDS, SECTIONS_TABLE, INDICATORS, CHECKS, TOKENS, KEYWORDS_BY_GROUP, KEYWORDS_KEYNESS,
    REPORT_THEMES, THEMES_BY_YEAR, SIMILARITY, REPORT_METRICS, INDICATOR_LABELS, PANEL, INDICATOR_NAMES, METRIC_DEFINITIONS,
    DATA_DICTIONARY, PROBLEM_STATEMENTS,
)
# The per-report tables: each batch of the build's store holds its reports' rows, and they are published as
# folders of parts (a part per batch). The store also keeps, per batch, rows the corpus-wide steps read:
# MinHash prints with the year, and the two figures the year-to-year check compares.
PER_REPORT: tuple[Table, ...] = (TEXTS, HEADER_FIELDS, SECTIONS_TABLE, INDICATORS, CHECKS, TOKENS, REPORT_THEMES, REPORT_METRICS,
                                  PROBLEM_STATEMENTS)
ROW_TABLES = tuple(t.name for t in PER_REPORT) + ("prints", "carry")


class SchemaError(ValueError):
    """A table does not match its definition in the data dictionary."""


def conform(table: Table, rows: list[dict] | pl.DataFrame) -> pl.DataFrame:
    """Build a frame with exactly the table's columns and types, sorted by its key, and validate it."""
    df = rows if isinstance(rows, pl.DataFrame) else pl.DataFrame(rows, schema=table.schema)
    missing = set(table.schema) - set(df.columns)
    extra = set(df.columns) - set(table.schema)
    if missing or extra:
        raise SchemaError(f"{table.name}: missing columns {sorted(missing)}, unexpected columns {sorted(extra)}")
    df = df.select([pl.col(c.name).cast(c.dtype, strict=True) for c in table.columns]).sort(list(table.primary_key))
    for c in table.columns:
        if not c.nullable and df[c.name].null_count():
            raise SchemaError(f"{table.name}.{c.name}: {df[c.name].null_count()} null values in a non-null column")
        if c.allowed:
            bad = set(df[c.name].drop_nulls().unique().to_list()) - set(c.allowed)
            if bad:
                raise SchemaError(f"{table.name}.{c.name}: values {sorted(bad)} not in {c.allowed}")
    if df.height and df.select(table.primary_key).is_duplicated().any():
        raise SchemaError(f"{table.name}: duplicate primary key {table.primary_key}")
    return df


def dictionary_frame() -> pl.DataFrame:
    rows = [
        {
            "table": t.name,
            "column": c.name,
            "dtype": str(c.dtype),
            "unit": c.unit or None,
            "description": c.description,
            "allowed_values": " | ".join(c.allowed) or None,
            "is_primary_key": c.name in t.primary_key,
            "table_description": t.description,
            "files": t.files,
        }
        for t in TABLES
        for c in t.columns
    ]
    # Keep the dictionary in definition order rather than key order: it reads better.
    df = pl.DataFrame(rows, schema=DATA_DICTIONARY.schema)
    conform(DATA_DICTIONARY, df)
    return df
