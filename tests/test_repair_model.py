"""The language score behind the repairs: which document n-grams count as words, the fast ranking path,
and the text the GBK-damage model learns from."""

from __future__ import annotations

import random

from docconv import builder as b
from docconv.clean import gbkdamage
from docconv.clean.chars import pairs_up
from docconv.clean.langmodel import LanguageModel, _overlapping_count
from docconv.clean.repair import _model_text, repair_gbk_damage, strip_pinyin
from docconv.clean.textmap import doc_text
from docconv.diagnostics import DiagnosticLog
from docconv.options import Options
from tests.repair_sim import damage_at

# An invented place name, written free (different neighbours on both sides) and inside a longer name
# whose fragment `师岚` never stands on its own.
_TERMS = "我们到岚溪参观。岚溪的学校很好。在岚溪工作三年。北师岚溪附中开学。在北师岚溪附中任教。去北师岚溪附中。"


def test_a_free_document_term_is_a_word_and_a_fragment_is_not() -> None:
    lm = LanguageModel(_TERMS, free_terms=True)
    assert lm.word_logprob("岚溪") is not None
    # `师岚` recurs three times, but always between `北` and `溪`: a fragment, no word.
    assert lm.word_logprob("师岚") is None
    # Without the test (models that only segment clean text) every recurring n-gram counts.
    assert LanguageModel(_TERMS).word_logprob("师岚") is not None


def test_an_ngram_with_digits_is_no_word() -> None:
    lm = LanguageModel("会议在2008年召开。活动在2009年结束。检查在2010年完成。")
    assert lm.word_logprob("在20") is None
    assert lm.word_logprob("在") is not None


def test_pruned_counts_are_exact() -> None:
    # Counting skips grams whose shorter parts never occur; the counts must equal a plain count.
    text = _TERMS * 3 + "甲乙甲乙甲"
    lm = LanguageModel(text)
    rng = random.Random(5)
    alphabet = sorted(set(text))
    grams = [text[i : i + n] for n in (2, 3, 4) for i in range(0, len(text) - n, 7)]
    grams += ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4))) for _ in range(300)]
    grams += ["甲乙甲", "乙甲乙甲"]
    for gram in grams:
        assert lm._occurrences(gram) == _overlapping_count(text, gram), gram


def test_rank_many_gives_the_values_rank_gives() -> None:
    lm = LanguageModel(_TERMS, free_terms=True)
    texts = ["岚溪的学", "岚溪的学校", "岚溪参观", "岚", "北师岚溪附中", "岚溪的学", "", "溪谷"]
    got = lm.rank_many(texts, left="我们到", right="。在")
    assert got == [lm.rank(t, left="我们到", right="。在") for t in texts]


def test_model_text_parts_a_cut_run_from_its_neighbours() -> None:
    # The run is cut out of the model's text; the characters either side of it must not be spliced
    # into an n-gram the document never wrote.
    damaged = damage_at("会议要求全县各乡镇,认真落实这项工作。", [3])
    runs = gbkdamage.find_runs(damaged)
    assert len(runs) == 1
    doc = b.document(b.para(damaged))
    text = _model_text(doc, gbkdamage.find_runs, {})
    before, after = damaged[: runs[0].start], damaged[runs[0].end :]
    assert text == before + "\n" + after + "\n"
    repaired = _model_text(doc, gbkdamage.find_runs, {(damaged, runs[0].start): "全县各乡镇"})
    assert repaired == "会议要求全县各乡镇,认真落实这项工作。\n"


def test_a_reading_may_hold_gbk_symbols() -> None:
    # `××` (a redacted name) inside a damaged run: the multiplication sign is a GBK symbol Chinese text
    # uses, and a reading holding it is repaired like any other.
    original = "会议要求××县各乡镇,认真落实这项工作。"
    damaged = damage_at(original, [3])
    assert "?" in damaged
    context = "全县召开了××县卫生工作会议，××县各乡镇参加。"
    doc = b.document(b.para(context), b.para(damaged))
    log = DiagnosticLog()
    out = strip_pinyin(repair_gbk_damage(doc, Options(), log), Options(), DiagnosticLog())
    assert doc_text(out) == context + "\n" + original + "\n"
    assert [d.action for d in log] == ["changed"]


def test_brackets_pair_up_with_their_line() -> None:
    assert pairs_up("、落实", "加强领导", "责任。")
    assert not pairs_up("」落实", "加强领导", "责任。")
    assert pairs_up("」落实", "他说「加强领导", "责任。")
    assert not pairs_up("《通知", "印发", "的要求。")
    assert pairs_up("《通知", "印发", "》的要求。")
    # A side that holds other damage may hide a bracket: it is not looked at.
    assert pairs_up("」落实", None, "责任。")
    assert pairs_up("《通知", "印发", None)
