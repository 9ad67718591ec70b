"""The running-text character model: folding, Witten-Bell smoothing over a text's counts, and the
installed corpus as the repairs' evidence for what follows across a word's end."""

from __future__ import annotations

import pytest

from docconv.clean.packagedata import installed_file
from docconv.clean.runningtext import RunningText, corpus_text, fold, running_text, triple_prob
from docconv.errors import MissingDependencyError


def test_fold_shares_counts_between_full_and_half_width_forms() -> None:
    assert fold("２０１０年ＡＢ，") == fold("2010年AB,") == "0000年aa,"
    assert fold("\u3000工作") == " 工作"
    # Chinese punctuation with no ASCII twin stays what it is.
    assert fold("。、“”") == "。、“”"


def test_probabilities_follow_the_counts_and_stay_a_distribution() -> None:
    model = RunningText.of(fold("\n工作总结。工作计划。工作总结。\n"))
    seen = model.prob("工作总")
    assert seen > model.prob("工作计") > model.prob("工作甲")
    # Witten-Bell: a seen continuation keeps at least its share of the pair's count and its kinds, and the
    # probabilities of all continuations over the characters the text uses stay below one.
    assert seen >= 2 / (3 + 2)
    assert sum(model.prob("工作" + c) for c in set("\n工作总结。计划")) < 1.0
    # A pair never seen leans on the one character before the next, whatever came first.
    assert model.prob("甲作总") == model.prob("乙作总") < seen


def test_corpus_text_drops_tags_brackets_and_word_spaces(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "tagged.txt"
    src.write_text("迈向/v  充满/v  希望/n  ，/w  [中国/ns  政府/n]nt  １９９８年/t\n新/a  世纪/n\n", encoding="utf-8")
    assert corpus_text(src) == "\n迈向充满希望,中国政府0000年\n新世纪\n"


def test_installed_corpus_knows_what_follows_across_a_word_end() -> None:
    # jieba's word list alone cannot tell these: each pair of readings is a word plus a common character.
    assert triple_prob("意见箱") > 100 * triple_prob("意见种")
    assert triple_prob("一年里") > triple_prob("一年来")
    assert triple_prob("亲自抓") > 100 * triple_prob("亲自组")
    # The characters of mojibake are rare in running text; the characters they stand for are not.
    prose = running_text()
    assert not prose.common("绡")
    assert not prose.common("銆")
    assert prose.common("篇")
    assert prose.common("。")


def test_a_missing_data_package_is_a_clear_error() -> None:
    with pytest.raises(MissingDependencyError, match="pip install no_such_package_here"):
        installed_file("no_such_package_here", "data.txt", "its data")
