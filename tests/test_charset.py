"""Encoding detection: each evidence step, the superset codecs, mixed input and every failure message."""

from __future__ import annotations

import codecs
from pathlib import Path

import chardet
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docconv import charset, plausibility
from docconv.diagnostics import DiagnosticLog, Severity
from docconv.errors import DecodingError, UnsupportedCharsetError
from tests.support import seed_params

# Our own sentences, in the shape of the reports (numbered heads, full-width punctuation).
SIMPLIFIED = ("关于二〇二三年度社区服务工作的总结：一、加强组织领导，完善工作机制。本年度我们围绕居民需求"
              "开展了多项活动，取得了明显成效，群众满意度进一步提高。")
TRADITIONAL = ("關於本年度學校教育工作的總結：一、加強師資隊伍建設，提高教學品質。我們組織了多次培訓活動，"
               "教師的專業能力與服務意識顯著提升。")
# Characters GBK has and GB 2312 lacks: what "gb2312"-labelled pages really contain.
GBK_ONLY = "們這個會說鎔堃喆"


def detect(data: bytes, **kwargs: object) -> tuple[charset.Decoded, DiagnosticLog]:
    log = DiagnosticLog()
    return charset.detect(data, log=log, **kwargs), log  # type: ignore[arg-type]  # kwargs are the API's


def rules(log: DiagnosticLog) -> list[str]:
    return [d.rule for d in log]


# --- the common-character table -------------------------------------------------------------------


def test_common_table_is_gb2312_level1_union_big5_frequent() -> None:
    table = plausibility.common_han()
    gb_level1 = {bytes((0xB0, 0xA1)).decode("gb2312"), bytes((0xD7, 0xF9)).decode("gb2312")}
    big5_frequent = {bytes((0xA4, 0x40)).decode("big5"), bytes((0xC6, 0x7E)).decode("big5")}
    assert gb_level1 <= table
    assert big5_frequent <= table
    assert len(table) == 6722
    assert "们" in table
    assert "們" in table
    assert "堃" not in table  # a GBK extension character is not common


def test_plausibility_prefers_the_right_decode() -> None:
    right = plausibility.plausibility(SIMPLIFIED)
    wrong = plausibility.plausibility(SIMPLIFIED.encode("gbk").decode("big5hkscs", errors="replace"))
    assert right.score > 0.95
    assert wrong.score < right.score - 0.3


def test_plausibility_counts_bad_and_odd_characters() -> None:
    p = plausibility.plausibility("中\ue000\ufffd\x01ア")
    assert (p.common, p.bad, p.odd) == (1, 3, 1)
    assert not p.clean


def test_han_inside_a_latin_word_counts_as_odd() -> None:
    assert plausibility.plausibility("zh中n").odd == 1
    assert plausibility.plausibility("PPT中的").odd == 0


# --- step 1: byte-order marks ---------------------------------------------------------------------


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
])
def test_bom(bom: bytes, codec: str, name: str) -> None:
    result, log = detect(bom + SIMPLIFIED.encode(codec))
    assert (result.text, result.encoding, result.method, result.confidence) == (SIMPLIFIED, name, "bom", 1.0)
    assert rules(log) == ["decode.bom"]
    assert (bom + SIMPLIFIED.encode(codec)).decode(result.encoding) == SIMPLIFIED


def test_bom_with_a_broken_body_fails_with_the_offset() -> None:
    data = codecs.BOM_UTF8 + "好".encode() + b"\xff" + "好".encode()
    with pytest.raises(DecodingError, match=r"byte-order mark.*byte offset 6") as info:
        detect(data)
    assert info.value.offset == 6
    assert info.value.exit_code == 92


# --- step 2: a declared charset -------------------------------------------------------------------


@pytest.mark.parametrize("head", [
    '<meta charset="gb2312">',
    "<meta charset=GB2312>",
    '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />',
    "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=GBK'>",
])
def test_gb_label_decodes_as_gb18030_even_with_gbk_only_characters(head: str) -> None:
    page = f"<html><head>{head}</head><body><p>{SIMPLIFIED}{GBK_ONLY}</p></body></html>"
    result, log = detect(page.encode("gbk"))
    assert (result.text, result.encoding, result.method) == (page, "gb18030", "declared")
    assert "decode.declared" in rules(log)


def test_xml_declaration() -> None:
    doc = f'<?xml version="1.0" encoding="big5"?>\n<doc>{TRADITIONAL}</doc>'
    result, _ = detect(doc.encode("cp950"))
    assert (result.text, result.encoding, result.method) == (doc, "cp950", "declared")


def test_big5_label_falls_back_to_big5hkscs_when_needed() -> None:
    hkscs_only = "\u35c7"  # a Hong Kong character cp950 lacks
    page = f"<meta charset=big5><p>{TRADITIONAL}{hkscs_only}</p>"
    with pytest.raises(UnicodeEncodeError):
        hkscs_only.encode("cp950")
    result, _ = detect(page.encode("big5hkscs"))
    assert (result.text, result.encoding, result.method) == (page, "big5hkscs", "declared")


def test_unknown_declared_label_is_reported_and_ignored() -> None:
    page = f"<meta charset=klingon-8><p>{SIMPLIFIED}</p>"
    result, log = detect(page.encode("gbk"))
    assert (result.text, result.method) == (page, "scored")
    assert "decode.declared-unknown" in rules(log)


def test_declaration_contradicted_by_the_bytes_is_overruled() -> None:
    page = f"<meta charset=utf-8><p>{SIMPLIFIED}</p>"  # says UTF-8, is GBK
    result, log = detect(page.encode("gbk"))
    assert (result.text, result.encoding) == (page, "gb18030")
    mismatch = [d for d in log if d.rule == "decode.declared-mismatch"]
    assert mismatch
    assert mismatch[0].severity is Severity.WARNING


def test_gb_label_on_a_utf8_page_is_overruled() -> None:
    page = f'<meta charset="gb2312"><p>{SIMPLIFIED}</p>'  # a site moved to UTF-8, kept its old head
    result, log = detect(page.encode("utf-8"))
    assert (result.text, result.method) == (page, "utf8")
    assert "decode.declared-mismatch" in rules(log)


def test_declared_charset_parser() -> None:
    assert charset.declared_charset(b'<meta http-equiv="x" content="text/html; charset=big5">') == "big5"
    assert charset.declared_charset(b"<?xml version='1.0' encoding='GB18030'?><a/>") == "GB18030"
    assert charset.declared_charset(b"<p>charset=gbk is only text here</p>") is None


def test_label_mapping() -> None:
    assert charset.codecs_for_label("GB2312") == ("gb18030",)
    assert charset.codecs_for_label("x-gbk") == ("gb18030",)
    assert charset.codecs_for_label("Big5") == ("cp950", "big5hkscs")
    assert charset.codecs_for_label("iso-8859-1", declared=True) == ("cp1252",)
    assert charset.codecs_for_label("utf-16", declared=True) == ("utf-8",)
    with pytest.raises(LookupError):
        charset.codecs_for_label("no-such-charset")


# --- forced (--encoding) --------------------------------------------------------------------------


def test_forced_gbk_uses_the_gb18030_superset() -> None:
    data = (SIMPLIFIED + "𠮷").encode("gb18030")  # a four-byte character plain GBK cannot decode
    result, log = detect(data, encoding="gbk")
    assert (result.text, result.encoding, result.method, result.confidence) == (
        SIMPLIFIED + "𠮷", "gb18030", "forced", 1.0)
    assert "superset" in log.items[-1].message


def test_forced_unknown_encoding_is_exit_94() -> None:
    with pytest.raises(UnsupportedCharsetError, match="unknown encoding 'nonsense'") as info:
        detect(b"abc", encoding="nonsense")
    assert info.value.exit_code == 94


def test_forced_wrong_encoding_fails_with_offset_and_remedy() -> None:
    data = b"ab" + SIMPLIFIED.encode("gbk")
    with pytest.raises(DecodingError, match=r"utf-8 at byte offset 2;.*--encoding.*--encoding-errors=replace"):
        detect(data, encoding="utf-8")


def test_forced_with_replace_reports_every_replacement() -> None:
    data = "好".encode() + b"\xff" + "好".encode() + b"\n\xfe"
    result, log = detect(data, encoding="utf-8", errors="replace")
    assert result.text == "好\ufffd好\n\ufffd"
    replaced = [d for d in log if d.rule == "decode.replaced"]
    assert [(d.pos.line, d.pos.offset) for d in replaced if d.pos] == [(1, 1), (2, 4)]
    assert all(d.severity is Severity.WARNING for d in replaced)
    assert "byte offset 3" in replaced[0].message
    assert "byte offset 8" in replaced[1].message


# --- step 3: strict UTF-8 -------------------------------------------------------------------------


def test_utf8_and_ascii() -> None:
    assert detect(SIMPLIFIED.encode())[0].method == "utf8"
    result, _ = detect(b"plain text\n")
    assert (result.encoding, result.confidence) == ("utf-8", 1.0)


def test_utf8_cut_mid_character_drops_the_fragment_and_warns() -> None:
    data = SIMPLIFIED.encode()[:-1]
    result, log = detect(data)
    assert (result.text, result.method) == (SIMPLIFIED[:-1], "utf8")
    cut = [d for d in log if d.rule == "decode.cut-character"]
    assert cut
    assert cut[0].severity is Severity.WARNING
    assert cut[0].text == "e3 80"


def test_utf8_starting_mid_character() -> None:
    data = SIMPLIFIED.encode()[1:]
    result, log = detect(data)
    assert result.text == SIMPLIFIED[1:]
    assert "decode.cut-character" in rules(log)


def test_a_stray_latin1_byte_is_not_a_cut_utf8_character() -> None:
    result, _ = detect("Café".encode("cp1252"))
    assert result.text == "Café"


# --- step 4: scored candidates --------------------------------------------------------------------


@pytest.mark.parametrize(("codec", "text", "expected"), [
    ("gbk", SIMPLIFIED, "gb18030"),
    ("gbk", TRADITIONAL, "gb18030"),
    ("gb18030", SIMPLIFIED + "𠮷㛃" + SIMPLIFIED, "gb18030"),
    ("cp950", TRADITIONAL, "cp950"),
    ("utf-16-le", SIMPLIFIED, "utf-16-le"),
    ("utf-16-be", TRADITIONAL, "utf-16-be"),
])
def test_scored(codec: str, text: str, expected: str) -> None:
    result, log = detect(text.encode(codec))
    assert (result.text, result.encoding, result.method) == (text, expected, "scored")
    assert result.confidence > 0.9
    assert rules(log) == ["decode.scored"]


@pytest.mark.parametrize("codec", ["gbk", "cp950", "utf-16-le", "utf-16-be"])
def test_short_input(codec: str) -> None:
    text = (TRADITIONAL if codec == "cp950" else SIMPLIFIED)[3:13]  # ten characters, ~20 bytes
    assert detect(text.encode(codec))[0].text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_with_ascii(codec: str) -> None:
    text = "2023 report: " + SIMPLIFIED[:12] + " (v1.2)\n"
    result, _ = detect(text.encode(codec))
    assert (result.text, result.encoding) == (text, codec)


def test_utf16_of_pure_ascii_is_not_read_as_utf8_or_swapped() -> None:
    text = "06-04 05:5"
    assert detect(text.encode("utf-16-be"))[0].text == text
    assert detect(text.encode("utf-16-le"))[0].text == text


@pytest.mark.parametrize("codec", ["gbk", "cp950", "utf-8", "utf-16-le"])
def test_cut_mid_character(codec: str) -> None:
    text = TRADITIONAL if codec == "cp950" else SIMPLIFIED
    result, log = detect(text.encode(codec)[:-1])
    assert result.text == text[:-1]
    assert "decode.cut-character" in rules(log)


def test_near_tie_is_broken_by_chardet(monkeypatch: pytest.MonkeyPatch) -> None:
    # GB bytes of characters whose pinyin sorts early read as common traditional characters in Big5 too.
    text = "办法改革"
    data = text.encode("gbk")
    as_big5 = data.decode("cp950")
    assert plausibility.plausibility(as_big5).score == plausibility.plausibility(text).score == 1.0

    def fake_detect_all(*args: object, **kwargs: object) -> list[dict[str, object]]:
        assert kwargs["encoding_era"] == chardet.EncodingEra.MODERN_WEB
        return [{"encoding": "big5hkscs", "confidence": 0.4}, {"encoding": "gb18030", "confidence": 0.3}]

    monkeypatch.setattr(chardet, "detect_all", fake_detect_all)
    result, log = detect(data)
    assert (result.text, result.encoding, result.method) == (as_big5, "cp950", "chardet")
    assert "near-tie" in log.items[-1].message


def test_real_near_tie_picks_a_clean_reading() -> None:
    result, _ = detect("办法改革".encode("gbk"))
    assert result.encoding in ("gb18030", "cp950")
    assert result.confidence < 0.8  # a tie is not certainty


# --- step 5: mixed input --------------------------------------------------------------------------


def test_utf8_file_with_one_gbk_paragraph() -> None:
    lines = [SIMPLIFIED[:30], SIMPLIFIED[30:], TRADITIONAL[:25], "ASCII line", TRADITIONAL[25:]]
    data = b"".join((ln.encode("gbk") if i == 2 else ln.encode()) + b"\n" for i, ln in enumerate(lines))
    result, log = detect(data)
    assert result.text == "".join(ln + "\n" for ln in lines)
    assert (result.method, result.encoding) == ("mixed", "utf-8")
    warned = [d for d in log if d.rule == "decode.mixed-lines"]
    assert len(warned) == 1
    assert warned[0].pos is not None
    assert warned[0].pos.line == 3
    assert "gb18030" in warned[0].message


# --- step 6: chardet for what is not Chinese ------------------------------------------------------


def test_western_text_goes_to_chardet() -> None:
    text = "Café au lait, naïve résumé, déjà vu; Straße und Übung für Männer."
    result, _ = detect(text.encode("cp1252"))
    assert (result.text, result.method) == (text, "chardet")


def test_japanese_shift_jis_goes_to_chardet() -> None:
    text = "日本語のテキストです。今日はとても良い天気ですね。明日も晴れるでしょう。"
    result, _ = detect(text.encode("shift_jis"))
    assert result.text == text
    assert result.method == "chardet"


# --- failure --------------------------------------------------------------------------------------


def undecodable() -> bytes:
    # Valid UTF-8 lines around one line that no candidate decodes (0x80 is neither a GBK nor a Big5 lead,
    # and 0xFF is nothing anywhere).
    return ("第一行" + "\n").encode() + b"\x80\xff\x80\xff\n" + ("第三行" + "\n").encode()


def test_nothing_decodes_fails_with_exit_92_and_the_offset() -> None:
    with pytest.raises(DecodingError) as info:
        detect(undecodable())
    assert info.value.exit_code == 92
    assert info.value.offset == 10
    assert "byte offset 10" in str(info.value)
    assert "--encoding" in str(info.value)
    assert "--encoding-errors=replace" in str(info.value)


def test_replace_mode_substitutes_and_reports_each_replacement() -> None:
    result, log = detect(undecodable(), errors="replace")
    assert result.text.startswith("第一行\n")
    assert result.text.endswith("\n第三行\n")
    assert result.text.count("\ufffd") == 4
    replaced = [d for d in log if d.rule == "decode.replaced"]
    assert len(replaced) == 4
    assert all(d.pos is not None and d.pos.line == 2 for d in replaced)
    assert "byte offset 10" in replaced[0].message


def test_damaged_utf8_is_not_handed_to_chardet() -> None:
    # One line, so no line-by-line pass: chardet would call it cp1251 and garble every character.
    data = "正文".encode() + b"\xff\xfe" + "结束".encode()
    with pytest.raises(DecodingError, match="byte offset 6"):
        detect(data)


def test_errors_value_is_checked() -> None:
    with pytest.raises(ValueError, match="errors must be"):
        charset.detect(b"x", errors="ignore")


# --- properties and seeds -------------------------------------------------------------------------

def _table(codec: str) -> list[str]:
    out = []
    for ch in sorted(plausibility.common_han()):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            continue
        out.append(ch)
    return out


_PUNCT = "，。、；：？！“”（）《》"


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.data())
def test_any_common_text_round_trips(data: st.DataObject) -> None:
    codec = data.draw(st.sampled_from(["gbk", "cp950", "utf-16-le", "utf-16-be", "utf-8"]))
    alphabet = _table("cp950" if codec == "cp950" else "gb2312") + list(_PUNCT)
    text = data.draw(st.text(alphabet=alphabet, min_size=25, max_size=80))
    assert charset.detect(text.encode(codec)).text == text


@pytest.mark.parametrize("seed", seed_params())
@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_seed_round_trips(seed: Path, codec: str) -> None:
    text = "".join(ch for ch in seed.read_text("utf-8") if _round_trips(ch, codec))
    assert charset.detect(text.encode(codec)).text == text


@pytest.mark.parametrize("seed", seed_params())
def test_seed_in_big5(seed: Path) -> None:
    text = "".join(ch for ch in seed.read_text("utf-8") if _round_trips(ch, "cp950"))
    assert charset.detect(text.encode("cp950")).text == text


def _round_trips(ch: str, codec: str) -> bool:
    try:
        return ch.encode(codec).decode(codec) == ch
    except UnicodeEncodeError:
        return False


def test_block_built_class_table_agrees_with_the_classifier() -> None:
    table = plausibility._bmp_classes()
    common = plausibility.common_han()
    for cp in range(0x80, 0x10000, 7):
        assert table[cp] == plausibility._classify(chr(cp), common), hex(cp)


def test_has_bad_agrees_with_plausibility_on_every_bmp_character_and_beyond() -> None:
    # The one-scan test stands in for the full count when only "any bad character?" is asked.
    for cp in [*range(0x10000), 0x1F600, 0x20000, 0x2FFFF, 0xE0001, 0xF0000, 0x10FFFD]:
        text = "ab" + chr(cp) + ("中" if cp % 2 else "")
        assert plausibility.has_bad(text) == (plausibility.plausibility(text).bad > 0), hex(cp)
