"""Write PDF and DOCX test documents from report lines (text lines and ``| a | b |`` table rows).

The documents are made in the tests, never downloaded: PDFs with reportlab's built-in Chinese CID
font (STSong-Light, not embedded, read back through pdfminer's CMaps as real government PDFs are),
DOCX with python-docx. Consecutive pipe rows become one ruled table.
"""

from __future__ import annotations

import io


def blocks(lines: list[str]) -> list[tuple[str, object]]:
    """[("p", text) | ("table", [[cell, …], …])] from text lines and pipe rows."""
    out: list[tuple[str, object]] = []
    for line in lines:
        s = line.strip()
        if s.startswith("|") and s.endswith("|") and len(s) > 1:
            cells = [c.strip() for c in s[1:-1].split("|")]
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif s:
            out.append(("p", s))
    for kind, rows in out:
        if kind == "table":
            width = max(len(r) for r in rows)
            for r in rows:
                r.extend([""] * (width - len(r)))
    return out


def pdf_bytes(lines: list[str], *, running_head: str | None = None, page_numbers: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    story = []
    for kind, content in blocks(lines):
        if kind == "p":
            story.append(Paragraph(escape(content), body))
        else:
            width = len(content[0])
            table = Table([[Paragraph(escape(c), cell) for c in row] for row in content], colWidths=[760 / width] * width, repeatRows=0)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(table)

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        if running_head:
            canvas.drawString(40, landscape(A4)[1] - 25, running_head)
        if page_numbers:
            canvas.drawCentredString(landscape(A4)[0] / 2, 15, f"- {doc.page} -")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), leftMargin=40, rightMargin=40, topMargin=40, bottomMargin=40)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buf.getvalue()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF of pictures only, as a scanner makes: no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        for y in range(100, 700, 14):  # lines of "ink", as a scanned page's picture would hold
            c.rect(72, y, 400, 6, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes(lines: list[str], *, merge_first_header: bool = False) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in blocks(lines):
        if kind == "p":
            document.add_paragraph(content)
        else:
            rows, width = len(content), len(content[0])
            table = document.add_table(rows=rows, cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            if merge_first_header and width > 2 and not any(content[0][1:]):
                # The heading row of a real table is one merged cell; python-docx repeats its text on every position.
                table.cell(0, 0).merge(table.cell(0, width - 1))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
