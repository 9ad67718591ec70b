"""Format sniffing, binary refusal, and decode() as every text reader and the CLI see it."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from docconv import cli, pipeline, sniff
from docconv.diagnostics import DiagnosticLog
from docconv.errors import DecodingError, InputNotTextError
from docconv.options import Options
from tests.support import SEEDS, seed_params

_RNG = random.Random(4)
REPORT = "关于本年度社区服务工作的总结\n\n一、加强组织领导，完善工作机制。\n\n二、围绕居民需求开展活动，成效明显。\n"


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "path", "fmt"), [
    (b"%PDF-1.7\n", None, "pdf"),
    (_docx_bytes(), "x.bin", "docx"),
    (b"<!DOCTYPE html><html></html>", None, "html"),
    ("\ufeff<html><body>中</body></html>".encode(), None, "html"),
    (b'{"docconv-ast-version": [1, 0]}', None, "json"),
    (b"hello", "a.htm", "html"),
    (b"hello", "a.docx", "docx"),  # the docx reader reports the mismatch
    (b"hello", None, "txt"),
])
def test_sniff_format(data: bytes, path: str | None, fmt: str) -> None:
    assert sniff.sniff_format(data, path) == fmt


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "legacy Office"),
    (bytes(_RNG.randrange(256) for _ in range(3000)), "NUL bytes"),
    (bytes([0xEE] * 2000 + [0]), "NUL bytes"),  # U+EEEE, private use, two bytes at a time
    (bytes(_RNG.randrange(1, 32) for _ in range(300)), "control bytes"),
])
def test_binary_is_refused_with_exit_95(data: bytes, kind: str) -> None:
    with pytest.raises(InputNotTextError, match=f"input is not text: .*{kind}") as info:
        sniff.decode(data)
    assert info.value.exit_code == 95


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_nul_bearing_wide_text_is_not_binary(codec: str) -> None:
    text = "Version 2.0 notes: " + REPORT
    assert sniff.binary_kind(text.encode(codec)) is None
    assert sniff.decode(text.encode(codec)).text == text


def test_named_encoding_is_trusted_with_nul_bytes() -> None:
    data = "Привет\n".encode("utf-16-le")  # Cyrillic UTF-16: too little evidence to detect as text
    assert sniff.decode(data, encoding="utf-16-le").text == "Привет\n"


def test_decode_passes_errors_through() -> None:
    data = "第一行\n".encode() + b"\x80\xff\n"
    with pytest.raises(DecodingError):
        sniff.decode(data)
    log = DiagnosticLog()
    decoded = sniff.decode(data, errors="replace", log=log)
    assert decoded.text == "第一行\n\ufffd\ufffd\n"
    assert sum(d.rule == "decode.replaced" for d in log) == 2


def test_decode_reports_the_decision_for_explain() -> None:
    log = DiagnosticLog()
    decoded = sniff.decode(REPORT.encode("gbk"), log=log)
    assert isinstance(decoded, sniff.Decoded)
    (diag,) = log.items
    assert diag.rule == "decode.scored"
    assert "gb18030" in diag.message
    assert "confidence" in diag.message


@pytest.mark.parametrize(("codec", "encoding", "method"), [
    ("gbk", "gb18030", "scored"),
    ("cp950", "cp950", "scored"),
    ("utf-16-le", "utf-16-le", "scored"),
    ("utf-8-sig", "utf-8-sig", "bom"),
])
def test_pipeline_puts_the_decision_into_meta(codec: str, encoding: str, method: str) -> None:
    text = REPORT if codec != "cp950" else "關於本年度學校工作的總結\n\n一、加強師資隊伍建設，提高教學品質。\n"
    doc = pipeline.read_bytes(text.encode(codec), path="r.txt", options=Options(), log=DiagnosticLog())
    assert (doc.meta.encoding, doc.meta.encoding_method) == (encoding, method)
    assert doc.meta.encoding_confidence is not None
    assert doc.meta.encoding_confidence > 0.9


@pytest.mark.parametrize("codec", ["gbk", "cp950", "utf-16"])
@pytest.mark.parametrize("seed", seed_params()[:1] if SEEDS else seed_params())
def test_cli_converts_a_seed_in_legacy_encodings(seed: Path, codec: str, tmp_path: Path) -> None:
    text = seed.read_text("utf-8")
    if codec == "cp950":  # Big5 needs the traditional seed, without what Big5 cannot encode
        text = (seed.parent / "003_2620afff2e283481.txt").read_text("utf-8")
        text = "".join(ch for ch in text if _round_trips(ch, "cp950"))
    source = tmp_path / "report.txt"
    source.write_bytes(text.encode(codec, errors="strict") if codec != "gbk"
                       else "".join(ch for ch in text if _round_trips(ch, "gbk")).encode("gbk"))
    reference = tmp_path / "reference.txt"
    reference.write_bytes(source.read_bytes().decode(codec if codec != "gbk" else "gb18030").encode())
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([str(source), "--no-clean"], stdout=out, stderr=err) == 0, err.getvalue()
    expected = io.StringIO()
    assert cli.main([str(reference), "--no-clean"], stdout=expected, stderr=io.StringIO()) == 0
    assert out.getvalue() == expected.getvalue()


def test_cli_refuses_a_png_named_txt(tmp_path: Path) -> None:
    fake = tmp_path / "picture.txt"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    err = io.StringIO()
    assert cli.main([str(fake)], stdout=io.StringIO(), stderr=err) == 95
    assert "input is not text" in err.getvalue()


def test_cli_undecodable_is_exit_92(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一行\n".encode() + b"\x80\xff\x80\xff\n")
    err = io.StringIO()
    assert cli.main([str(bad)], stdout=io.StringIO(), stderr=err) == 92
    assert "byte offset 10" in err.getvalue()


def _round_trips(ch: str, codec: str) -> bool:
    try:
        return ch.encode(codec).decode(codec) == ch
    except UnicodeEncodeError:
        return False
