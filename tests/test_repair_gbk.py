"""GBK annotator damage: simulated runs are repaired exactly; seed 003's runs leave no debris."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docconv import builder as b
from docconv.clean import gbkdamage
from docconv.clean.chars import marks_collide
from docconv.clean.langmodel import LanguageModel
from docconv.clean.pinyin import SYLLABLE
from docconv.clean.repair import TRANSFORMS, repair_gbk_damage, strip_pinyin
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from docconv.readers.txt import read_txt
from tests.repair_sim import damage_at

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# Own sentences, damaged by keys aimed across chosen character boundaries (as happened on the real site)
# and by ordinary keys.
CASES = [
    ("我們為進一步做好這項工作，召開了專題會議。", [1], "進題"),
    ("全部內容均已公開，歡迎監督。", [1], "內監"),
    ("我們在實踐中總結經驗，不斷改進。", [1], "實總經"),
    ("全部內容均已公開，歡迎監督。", [1, 3], ""),
]


def _run_all(text: str) -> str:
    doc = b.document(*(b.para(p) for p in text.split("\n")))
    for t in TRANSFORMS:
        doc = t.run(doc, Options(), DiagnosticLog())
    return doc_text(doc)


@pytest.mark.parametrize(("original", "crossings", "aligned"), CASES)
def test_simulated_annotator_damage_repaired_exactly(original: str, crossings: list[int], aligned: str) -> None:
    damaged = damage_at(original, crossings, aligned)
    assert "?" in damaged  # the simulation did split a character
    # A little clean context, as a real document has, for the language score.
    context = "本單位認真總結(zǒng)經(jīng)驗，堅持實(shí)事求是，推進(jìn)各項工作。"
    assert _run_all(context + "\n" + damaged) == _run_all(context) + original + "\n"


def test_parse_finds_orphan_pinyin_and_anchor() -> None:
    damaged = damage_at(*CASES[0])
    runs = gbkdamage.find_runs(damaged)
    assert len(runs) == 1
    assert runs[0].orphans >= 1
    assert runs[0].anchor == "們"


def test_real_question_mark_is_left_alone() -> None:
    doc = b.document(b.para("為什麼要這樣做?我們認為有三點原因。"), b.para("是否可行?M公司的意見不一。"))
    log = DiagnosticLog()
    assert repair_gbk_damage(doc, Options(), log) == doc
    assert len(log) == 0


def test_unclear_run_is_flagged_not_changed() -> None:
    # An orphan syllable that no key byte can read as: no candidate, so the text stays and a warning says so.
    doc = b.document(b.para("我們?qqq)檫M一步"))
    log = DiagnosticLog()
    out = repair_gbk_damage(doc, Options(), log)
    assert out == doc


def test_idempotent() -> None:
    damaged = damage_at(*CASES[2])
    doc = b.document(b.para(damaged))
    once = repair_gbk_damage(doc, Options(), DiagnosticLog())
    assert once != doc
    assert repair_gbk_damage(once, Options(), DiagnosticLog()) == once


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not available")
def test_seed_003_reads_clean() -> None:
    path = next(SEEDS.glob("003_*.txt"))
    log = DiagnosticLog()
    doc = read_txt(path.read_text(encoding="utf-8"), Options(), log)
    for t in TRANSFORMS:
        doc = t.run(doc, Options(), log)
    text = doc_text(doc)
    assert "?" not in text
    assert "\ufffd" not in text
    assert not re.search("[\ue000-\uf8ff]", text)
    assert "/p>" not in text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    changed = [d for d in log if d.rule == "repair.gbk-damage" and d.action == "changed"]
    assert len(changed) == 6
    # Each repair is byte-consistent with its damaged run: one byte per replacement mark and per ASCII
    # trail byte, two per out-of-step character (inserted pinyin and tag debris are not text).
    for d in changed:
        before, after = (d.text or "").split(" → ")
        body = re.sub(r"/[a-z]+>$", "", re.sub(rf"[(（]?{SYLLABLE}[)）]", "", before))
        expected = sum(1 if ch in "?\ufffd" or (ch.isalnum() and ch.isascii()) else 2 for ch in body)
        assert len(after.encode("gbk")) == expected


def test_open_end_prefers_the_documents_own_words() -> None:
    # A run's open last byte: the reading whose last three characters the document writes intact wins
    # over readings it never writes, with the ordinary margin; with no such reading, the strict one.
    lm = LanguageModel("我们在工作中发现了问题。")
    scored = [(-10.0, "制"), (-11.0, "中"), (-12.0, "只")]
    rivals, needed = gbkdamage._open_end_rivals(scored, lm, "工作")
    assert rivals == [(-11.0, "中")]
    assert needed == 0.0
    rivals, needed = gbkdamage._open_end_rivals(scored, LanguageModel("别的内容。"), "工作")
    assert rivals == scored
    assert needed == gbkdamage.MARGIN_OPEN


def test_open_end_detected() -> None:
    # `意思` damaged across `意|思` with the run ending at a half-width comma: 思's trail byte is open.
    text = damage_at("大家明白了控烟的意思,严格执行规定。", [7])
    runs = gbkdamage.find_runs(text)
    assert len(runs) == 1
    assert gbkdamage._open_end(runs[0])


def test_trigram_chain_knows_words_longer_than_two() -> None:
    # `一直` is the commoner pair, but after `高度` the word `高度一致` decides.
    lm = LanguageModel()
    assert lm.triple_logprob("度一致") > lm.triple_logprob("度一直")
    assert lm.rank("致", left="政治上的高度一", right="。") > lm.rank("直", left="政治上的高度一", right="。")


def test_orphan_keys_the_document_shows_annotated_are_preferred() -> None:
    # The key `優` split `們|為`; a document that annotates `優` elsewhere shows it is a key for certain,
    # so the reading that makes the orphan `yōu` belong to it carries no penalty, and a document that
    # never shows it leaves it unattested.
    damaged = damage_at(CASES[0][0], [1])
    context = damage_at("今年優水流域的治理工作全面展開，各方優先保障。", [], "優")
    assert "優(yōu)" in context
    for doc, unattested in ((context + "\n" + damaged, 0), (damaged, 1)):
        evidence = gbkdamage.gather_evidence(doc)
        run = gbkdamage.find_runs(doc)[-1]
        assert gbkdamage._unattested(run, "為進", evidence) == unattested
    # The prior is the document's own share of keys: none known, no penalty.
    assert gbkdamage._key_prior(gbkdamage.gather_evidence(context)) < 0.0
    assert gbkdamage._key_prior(gbkdamage.gather_evidence("沒有註音的文字。")) == 0.0


def test_a_pinned_run_may_bring_a_character_the_document_writes_nowhere_else() -> None:
    # Orphan pinyin pins both lost bytes, so the bytes decide the reading: the traditional `動`, which
    # neither jieba's simplified list nor the rest of the document holds, is restored all the same.
    original = "本次文體活動，職工踴躍參加，氣氛熱烈。"
    damaged = damage_at(original, [3, 4], "職")
    context = damage_at("單位職工認真學習，職工代表發言。", [], "職")
    assert "動" not in context
    doc = b.document(b.para(context), b.para(damaged))
    out = strip_pinyin(repair_gbk_damage(doc, Options(), DiagnosticLog()), Options(), DiagnosticLog())
    assert doc_text(out).splitlines()[1] == original


def test_bracket_check_sees_the_line_without_annotations_or_other_damage() -> None:
    # Annotations' parentheses are not the text's; a side holding other damage may hide a bracket.
    damaged = damage_at("會議印發了《工作方案》,（試行）的通知。", [7], "議")
    assert "會議(yì)" in damaged
    run = gbkdamage.find_runs(damaged)[0]
    assert gbkdamage._line_around(damaged, run) == ("會議印發了《工作", ",（試行）的通知。")
    two = damage_at("我們為進一步做好工作，我們為進一步加強管理。", [1, 12])
    runs = gbkdamage.find_runs(two)
    assert len(runs) == 2
    assert gbkdamage._line_around(two, runs[1])[0] is None
    assert gbkdamage._line_around(two, runs[0])[1] is None


@pytest.mark.parametrize("crossing", [13, 14, 15])
def test_open_last_byte_before_a_comma_is_no_second_mark(crossing: int) -> None:
    # The run ends at the closing quote, whose last byte nothing after it pins: `。`, `“`, `、` and `”`
    # share its lead byte, and only `”` may stand before a comma.
    original = "全体干部做到了“四有”、“四落实”,学习有制度、有计划、有检查。"
    damaged = damage_at(original, [crossing])
    assert damaged.count("?") == 2  # the split character, and the quote's lost last byte before `,`
    context = "我们坚持学习(xí)制度(dù),推进(jìn)各项工作。"
    assert _run_all(context + "\n" + damaged) == _run_all(context) + original + "\n"


def test_marks_never_follow_a_mark_or_an_opening_bracket() -> None:
    assert marks_collide("落实", "。", ",学习")
    assert marks_collide("落实", "“", ",学习")
    assert marks_collide("", "工作，。", "")
    assert not marks_collide("落实", "”", ",学习")
    assert not marks_collide("", "“四有”、“四落实”", "")
    assert not marks_collide("看", "……", ",他说")
