"""PDF and Word reports: text and tables from a real report made into PDF and DOCX in the test,
the same figures as the page itself, running heads and page numbers dropped, clear reasons for scans,
legacy .doc files and broken documents."""

from __future__ import annotations

import pytest

from analysis.convert import NotConvertible, docx_to_text, pdf_to_text, sniff
from analysis.decode import decode_bytes
from analysis.html import html_to_text
from analysis.ingest import process_bytes
from conftest import RAW
from office_docs import docx_bytes, pdf_bytes, scanned_pdf_bytes

# A real 2023 report (2021 template) whose four tables survived in its HTML.
REAL_2021 = RAW / "pingtan" / "040.body.html"


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    _, text = html_to_text(decode_bytes(REAL_2021.read_bytes(), html_hint=True).text)
    return [l for l in text.splitlines() if l.strip()]


@pytest.fixture(scope="module")
def as_page():
    return process_bytes(REAL_2021.read_bytes(), "040.body.html")


def figures(result) -> set[tuple]:
    return {(f.indicator, f.breakdown, f.source, f.value_kind, f.value) for f in result.figures}


@pytest.fixture(scope="module")
def as_pdf(report_lines):
    return process_bytes(pdf_bytes(report_lines, running_head="平潭综合实验区金井片区管理局", page_numbers=True), "report.pdf")


@pytest.fixture(scope="module")
def as_docx(report_lines):
    return process_bytes(docx_bytes(report_lines, merge_first_header=True), "report.docx")


def test_the_page_itself_has_its_tables(as_page):
    assert len([f for f in as_page.figures if f.source == "table"]) > 100


@pytest.mark.parametrize("doc", ["as_pdf", "as_docx"])
def test_pdf_and_docx_give_the_same_figures_as_the_page(doc, as_page, request):
    result = request.getfixturevalue(doc)
    assert result.row["status"] == "ok", result.row["reason"]
    assert figures(result) == figures(as_page)


@pytest.mark.parametrize("doc", ["as_pdf", "as_docx"])
def test_pdf_and_docx_give_the_same_metadata_and_sections(doc, as_page, request):
    result = request.getfixturevalue(doc)
    for field in ("jurisdiction", "year", "template", "admin_level"):
        assert result.row[field] == as_page.row[field], field
    assert [(s.section, s.heading) for s in result.sections] == [(s.section, s.heading) for s in as_page.sections]


def test_pdf_row_says_what_was_converted(as_pdf):
    row = as_pdf.row
    assert row["format"] == "pdf" and row["encoding"] == "pdf text layer"
    assert row["reason"].startswith("converted from PDF: ") and " tables" in row["reason"]
    assert "running heads/feet and page numbers dropped" in row["reason"]


def test_docx_row_says_what_was_converted(as_docx):
    assert as_docx.row["format"] == "word" and as_docx.row["encoding"] == "docx (XML)"
    assert as_docx.row["reason"].startswith("converted from DOCX: ")


def test_pdf_tables_are_pipe_rows_like_html_tables(report_lines):
    text = pdf_to_text(pdf_bytes(report_lines)).text
    assert "| 规章 | 0 | 0 | 0 |" in text
    assert "| 规范性文件 | 0 | 0 | 7 |" in text


def test_pdf_running_head_and_page_numbers_are_dropped(report_lines):
    converted = pdf_to_text(pdf_bytes(report_lines, running_head="金井片区2023年政府信息公开工作年度报告", page_numbers=True))
    assert converted.n_pages >= 3
    lines = converted.text.splitlines()
    assert "金井片区2023年政府信息公开工作年度报告" not in lines
    assert not any(l.strip() in {f"- {n} -" for n in range(1, 20)} for l in lines)
    assert converted.n_dropped_lines >= 2 * converted.n_pages - 1


def test_pdf_line_equal_to_the_running_head_stays_in_the_body(report_lines):
    # The signature repeats the running head; only the copies at the pages' edges are running heads.
    for numbers in (True, False):  # without page numbers the signature is among the last page's last two lines
        converted = pdf_to_text(pdf_bytes(report_lines, running_head="平潭综合实验区金井片区管理局", page_numbers=numbers))
        assert converted.text.splitlines()[-2:] == ["平潭综合实验区金井片区管理局", "2024年1月3日"]
        assert converted.text.splitlines()[0].startswith("本报告根据")


def test_pdf_paragraph_broken_at_the_margin_is_one_line(report_lines):
    text = pdf_to_text(pdf_bytes(report_lines)).text
    sentence = "2023年累计主动公开政府信息66条，其中国民经济和社会发展规划、专项规划、区域规划及相关政策7条"
    assert sentence in text
    paragraph = next(l for l in report_lines if l.startswith("金井片区管理局严格按照"))
    assert paragraph in text.splitlines()


def test_pdf_number_split_across_lines_is_rejoined():
    # A paragraph long enough to wrap, built so that "12345条" is cut by the margin somewhere.
    lines = ["一、总体情况", "本年度" + "全区各部门通过门户网站主动公开政府信息" * 6 + "共计12345条。"]
    text = pdf_to_text(pdf_bytes(lines)).text
    assert "共计12345条。" in text and text.count("\n") == 1


def test_scanned_pdf_is_skipped_with_its_reason():
    result = process_bytes(scanned_pdf_bytes(), "scan.pdf")
    assert (result.row["status"], result.row["reason"]) == ("skipped", "scanned PDF: no text layer (images only; no OCR here)")
    assert result.row["format"] == "pdf"


def test_broken_pdf_is_an_error_with_a_reason():
    result = process_bytes(b"%PDF-1.7\n1 0 obj\n<<", "report.pdf")
    assert result.row["status"] == "error" and result.row["reason"].startswith("broken PDF: cannot be opened")
    with pytest.raises(NotConvertible):
        pdf_to_text(b"%PDF-1.4\n")


def test_pdf_under_a_text_name_is_read_as_pdf(report_lines):
    result = process_bytes(pdf_bytes(report_lines[:12]), "附件1.txt")
    assert result.row["status"] == "ok" and result.row["format"] == "pdf"


def test_legacy_doc_gets_a_clear_reason():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    result = process_bytes(ole, "年报.doc")
    assert result.row["status"] == "skipped" and result.row["format"] == "word"
    assert "legacy Word document (.doc, binary)" in result.row["reason"] and ".docx" in result.row["reason"]
    assert "WPS" in process_bytes(ole, "年报.wps").row["reason"]
    # The same bytes under a .docx name are still a legacy document, not a broken .docx.
    assert process_bytes(ole, "年报.docx").row["status"] == "skipped"


def test_docx_that_is_not_a_docx_is_an_error():
    result = process_bytes("这不是Word文件".encode(), "年报.docx")
    assert result.row["status"] == "error" and "not a Word document" in result.row["reason"]


def test_docx_merged_cell_text_appears_once():
    lines = ["表一", "| 第二十条第（一）项 | | | |", "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "| 规章 | 0 | 0 | 0 |"]
    text = docx_to_text(docx_bytes(lines, merge_first_header=True)).text
    assert text.count("第二十条第（一）项") == 1
    assert "| 第二十条第（一）项 |  |  |  |" in text


def test_docx_keeps_document_order(report_lines):
    text = docx_to_text(docx_bytes(report_lines)).text
    assert text.index("二、主动公开政府信息情况") < text.index("| 规章 | 0 | 0 | 0 |") < text.index("三、收到和处理政府信息公开申请情况")


def test_sniff_reads_the_bytes_not_the_name(report_lines):
    assert sniff(pdf_bytes(["一行"])) == "pdf"
    assert sniff(docx_bytes(["一行"])) == "docx"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8)) == "ole"
    assert sniff("政府信息公开工作年度报告".encode()) is None
