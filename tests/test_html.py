"""HTML pages → text lines with table rows kept as rows."""

from analysis.html import html_to_text, looks_like_html


def test_paragraphs_and_line_breaks_become_lines():
    _, text = html_to_text("<div><p>一、总体情况</p><p>2023年,我局<br>主动公开信息66条。</p></div>")
    assert text.splitlines() == ["一、总体情况", "2023年,我局", "主动公开信息66条。"]


def test_table_rows_are_lines_with_pipe_separated_cells():
    _, text = html_to_text(
        "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td><br/></td></tr></table>"
    )
    assert text.splitlines() == ["| 信息内容 | 本年制发件数 | 本年废止件数 |", "| 规章 | 0 | |"]


def test_spans_are_expanded_with_empty_cells_never_repeated_values():
    _, text = html_to_text(
        "<table><tr><td rowspan=2>三、本年度办理结果</td><td colspan=2>(一)予以公开</td><td>5</td></tr>"
        "<tr><td>(二)部分公开</td><td>x</td><td>1</td></tr></table>"
    )
    assert text.splitlines() == ["| 三、本年度办理结果 | (一)予以公开 | | 5 |", "| | (二)部分公开 | x | 1 |"]


def test_cell_padding_and_pipes_inside_cells_are_normalised():
    _, text = html_to_text("<table><tr><td>&nbsp;自然人&#12288;</td><td>a|b</td><td><p>商业</p><p>企业</p></td></tr></table>")
    assert text == "| 自然人 | a/b | 商业 企业 |"


def test_scripts_styles_iframes_and_comments_are_dropped():
    _, text = html_to_text(
        "<html><head><title>年报</title><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><!--[if !supportLists]-->正文<!--[endif]--><iframe src='x'></iframe><script>var a=1;</script>结束</body></html>"
    )
    assert text == "正文结束"


def test_title_is_returned_separately():
    title, text = html_to_text("<html><head><title>某某区2023年政府信息公开工作年度报告</title></head><body><p>正文</p></body></html>")
    assert (title, text) == ("某某区2023年政府信息公开工作年度报告", "正文")


def test_nested_table_is_flattened_into_its_cell():
    _, text = html_to_text("<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table>")
    assert text.splitlines()[0].startswith("| 外 | ")
    assert "内1" in text and "内2" in text


def test_text_after_a_table_is_kept():
    _, text = html_to_text("<p>前</p><table><tr><td>1</td></tr></table>后")
    assert text.splitlines() == ["前", "| 1 |", "后"]


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html><head></head><body><p>a</p><p>b</p></body></html>")
    assert not looks_like_html("根据《条例》<以下简称>的要求,现公布 a<b 与 c>d 的情况")


def test_empty_markup():
    assert html_to_text("   ") == ("", "")


def test_runs_of_spaces_become_one_space_and_a_lone_space_stays():
    _, text = html_to_text("<p>a \u3000 b&nbsp;&nbsp;c\td e\u3000f</p>")
    assert text == "a b c d e f"


def test_processing_instructions_are_dropped_and_the_text_around_them_joins():
    _, text = html_to_text("<p>公开<?php echo 1; ?>信息</p>")
    assert text == "公开信息"


def test_rowspan_in_the_last_column_leaves_the_end_of_the_next_row_empty():
    _, text = html_to_text("<table><tr><td>a</td><td rowspan=2>b</td></tr><tr><td>c</td></tr></table>")
    assert text.splitlines() == ["| a | b |", "| c | |"]
