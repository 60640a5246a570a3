"""Decoding: each supported encoding, and what happens to bytes that are not text."""

import codecs
import os

import pytest

from analysis.decode import NotText, chinese_score, decode_bytes

# A short simplified paragraph of the genre (about 60 characters).
SIMPLIFIED = "本年度报告根据《中华人民共和国政府信息公开条例》要求编制，主动公开政府信息五千四百一十一条，收到依申请公开五件。"
TRADITIONAL = "本年度報告根據《中華人民共和國政府信息公開條例》要求編制，主動公開政府信息五千四百一十一條，收到依申請公開五件。"


def test_utf8_without_bom():
    d = decode_bytes(SIMPLIFIED.encode("utf-8"))
    assert (d.text, d.encoding, d.n_replaced) == (SIMPLIFIED, "utf-8", 0)


def test_utf8_with_bom_drops_the_bom():
    d = decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    assert (d.text, d.encoding) == (SIMPLIFIED, "utf-8-sig")


def test_gbk_is_not_mistaken_for_big5():
    d = decode_bytes(SIMPLIFIED.encode("gbk"))
    assert (d.text, d.encoding, d.n_replaced) == (SIMPLIFIED, "gbk", 0)


def test_gb18030_only_characters():
    # 𠀀 (U+20000) and € exist in GB18030 but not in GBK.
    text = SIMPLIFIED + "𠀀€"
    d = decode_bytes(text.encode("gb18030"))
    assert (d.text, d.encoding) == (text, "gb18030")


def test_big5_is_not_mistaken_for_gbk():
    d = decode_bytes(TRADITIONAL.encode("big5"))
    assert d.text == TRADITIONAL
    assert d.encoding.startswith("big5")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec):
    d = decode_bytes(SIMPLIFIED.encode(codec))
    assert d.text == SIMPLIFIED
    assert d.encoding.startswith("utf-16")


def test_truncated_utf8_is_decoded_with_the_loss_counted():
    data = SIMPLIFIED.encode("utf-8")[:-2]  # cut inside the final 。
    d = decode_bytes(data)
    assert d.encoding == "utf-8"
    assert d.n_replaced == 1
    assert d.text.startswith(SIMPLIFIED[:-1])


def test_one_bad_byte_in_gbk_is_counted_not_hidden():
    data = SIMPLIFIED.encode("gbk")
    data = data[:20] + b"\xff" + data[20:]
    d = decode_bytes(data)
    assert d.n_replaced >= 1
    assert "\ufffd" in d.text
    assert "政府信息公开" in d.text


def test_random_bytes_are_not_text():
    with pytest.raises(NotText):
        decode_bytes(os.urandom(4096))


def test_nul_bytes_without_utf16_pattern_are_binary():
    with pytest.raises(NotText, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 100 + b"\xff\xfe\x00")


def test_html_meta_charset_is_used():
    page = '<html><head><meta charset="gb2312"></head><body><p>' + SIMPLIFIED + "</p></body></html>"
    d = decode_bytes(page.encode("gb2312", errors="strict"), html_hint=True)
    assert SIMPLIFIED in d.text


def test_chinese_score_separates_text_from_garbage():
    garbage = SIMPLIFIED.encode("gbk").decode("big5hkscs", errors="replace")
    assert chinese_score(SIMPLIFIED)[0] > 0.4
    assert chinese_score(TRADITIONAL)[0] > 0.4
    assert chinese_score(garbage)[0] < 0.2
