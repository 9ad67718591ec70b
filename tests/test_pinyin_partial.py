"""Pinyin annotations on only some occurrences of a character: stripped inside words, kept when meant."""

from __future__ import annotations

from docconv import builder as b
from docconv.ast import Document
from docconv.clean import pinyin
from docconv.clean.repair import strip_pinyin
from docconv.clean.textmap import doc_text
from docconv.diagnostics import Action, DiagnosticLog
from docconv.options import Options

# A report whose annotator marked three words once each; 管理 and 服务 also stand bare elsewhere.
PARTLY = (
    "街道推行精细化管理，服务居民的能力进一步提升，管理台账全部建立。",
    "全年共排查各类矛(máo)盾(dùn)纠纷58起，社区网格化管(guǎn)理(lǐ)工作成效明显，",
    "志愿者参(cān)与(yù)热情高，为老服(fú)务(wù)站接待群众三千余人次，服务满意度达到98%。",
)


def stripped(doc: Document) -> tuple[str, DiagnosticLog]:
    """The document's text after the pinyin repair, and the repair's diagnostics."""
    log = DiagnosticLog()
    return doc_text(strip_pinyin(doc, Options(), log)), log


def test_partly_annotated_words_are_stripped_though_shown_bare_elsewhere() -> None:
    doc = b.document(*(b.para(p) for p in PARTLY))
    assert pinyin.mostly_bare(doc_text(doc), pinyin.find_annotations(doc_text(doc))) >= {"管", "理", "务"}
    out, log = stripped(doc)
    assert "网格化管理工作" in out
    assert "为老服务站" in out
    assert "矛盾纠纷" in out
    assert "参与热情" in out
    assert not pinyin.find_annotations(out)
    removed = [d for d in log if d.action == Action.REMOVED]
    assert len(removed) == 8
    assert any("only some occurrences" in d.message for d in removed if d.text == "管(guǎn)")


def test_idempotent() -> None:
    doc = b.document(*(b.para(p) for p in PARTLY))
    once = strip_pinyin(doc, Options(), DiagnosticLog())
    assert strip_pinyin(once, Options(), DiagnosticLog()) == once


def test_a_reading_after_a_word_is_kept_when_its_character_stands_bare() -> None:
    # `银行(háng)` ends its word (a reading follows what it reads), and 行 stands bare four times
    doc = b.document(*(b.para(p) for p in PARTLY),
                     b.para("进行走访、推行制度、行动迅速、行之有效，合作银行(háng)，提供贷款。"))
    out, log = stripped(doc)
    assert "银行(háng)" in out
    assert "网格化管理工作" in out
    kept = [d for d in log if d.action == Action.KEPT]
    assert [d.text for d in kept] == ["行(háng)"]
    assert all(d.severity == "warning" for d in kept)


def test_a_pronunciation_cue_keeps_the_reading() -> None:
    # without the cue a lone consistent reading of a character never shown bare goes
    assert stripped(b.document(b.para("会上强调了重(zhòng)点工作。")))[0] == "会上强调了重点工作。\n"
    doc = b.document(b.para("会上强调，这里的“重点”应读作重(zhòng)点，不是重复的重。"))
    out, log = stripped(doc)
    assert out == doc_text(doc)
    assert [d.action for d in log] == [Action.KEPT]
    assert "pronunciation" in log.items[0].message


def test_talk_of_pronunciation_keeps_partial_annotations() -> None:
    # one remark on a reading makes every partial annotation of the document a possible reading meant
    doc = b.document(*(b.para(p) for p in PARTLY),
                     b.para("请注意“管理”一词，其中“管”字注音为管(guǎn)理(lǐ)，不要读错。"))
    out, _ = stripped(doc)
    assert "注音为管(guǎn)理(lǐ)" in out
    assert "网格化管(guǎn)理(lǐ)工作" in out  # bare elsewhere, and the document talks of readings
    assert "矛盾纠纷" in out  # never shown bare: still an annotator's


def test_a_lesson_on_pronunciation_keeps_its_readings() -> None:
    # a text that talks about readings annotates on purpose, even inside words
    lesson = ("本课学习多音字和声调。管理的管读第三声，管(guǎn)理(lǐ)；服务的服读第二声，服(fú)务(wù)；"
              "矛(máo)盾(dùn)两个字都要读准。课后请大家用管理、服务各造一个句子。")
    doc = b.document(b.para(lesson))
    out, log = stripped(doc)
    assert "管(guǎn)理(lǐ)" in out
    assert "服(fú)务(wù)" in out
    assert any(d.action == Action.KEPT for d in log)


def test_a_single_annotated_word_is_not_an_annotator() -> None:
    # one word annotated in a report that uses it bare: too little evidence of a tool
    doc = b.document(b.para("加强管理，规范管理，管(guǎn)理(lǐ)制度逐步完善，管理水平不断提高。"))
    out, log = stripped(doc)
    assert out == doc_text(doc)
    assert [d.action for d in log] == [Action.KEPT, Action.KEPT]


def test_two_syllables_still_mark_a_note_on_readings() -> None:
    doc = b.document(*(b.para(p) for p in PARTLY), b.para("“长(zhǎng)大”与“长(cháng)短”不同。"))
    out, _ = stripped(doc)
    assert "长(zhǎng)大" in out
    assert "长(cháng)短" in out


def test_runs_and_word_splits() -> None:
    text = "网格化管(guǎn)理(lǐ)工作，银行(háng)。"
    found = pinyin.find_annotations(text)
    groups = pinyin.runs(found)
    assert [[a.han for a in g] for g in groups] == [["管", "理"], ["行"]]
    never: set[str] = set()
    assert pinyin.splits_word(text, groups[0], "加强管理", never.__contains__)  # 管理 shown bare
    assert pinyin.splits_word(text, groups[0], "", {"管理"}.__contains__)  # 管理 a dictionary word
    assert not pinyin.splits_word(text, groups[1], "银行业", {"银行"}.__contains__)  # nothing after 行
