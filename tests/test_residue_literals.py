"""Required literals of residue patterns: what they are, that every match holds one, and that a rule is
skipped only for documents that lack them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docconv.clean.rules import Rule, rule
from docconv.clean.rules.builtin import BUILTIN
from docconv.clean.rules.literals import TriggerIndex, trigger
from docconv.options import Options
from tests.test_residue_support import SEEDS, clean_text, text_of


@pytest.mark.parametrize(("pattern", "expected"), [
    ("abc", ("abc",)),
    ("x?y", None),  # one character: too common to be worth a search, but still the only requirement
    ("a(?:b|cd)e", ("abe", "acde")),
    ("(?:甲乙)+丙?", ("甲乙",)),
    ("(?:前缀)?全文共\\d+字", ("全文共",)),
    ("(?<=[一-龥])来源:\\s*www\\.", ("www.",)),  # the longer of two single requirements
    ("[ab]{2}c", None),
    ("\\d{1,3}", None),
    ("(?:发布|上传)(?:时间|日期)", ("上传", "发布")),
    ("Copyright|版权所有", ("copyright", "版权所有")),
])
def test_trigger_names_what_every_match_holds(pattern: str, expected: tuple[str, ...] | None) -> None:
    got = trigger(pattern)
    if expected is None:
        assert got is None or all(len(s) == 1 for s in got)
    else:
        assert got == expected


_WITH_TRIGGER = [r for r in BUILTIN if r.trigger is not None]


def test_most_builtin_rules_have_a_trigger() -> None:
    assert len(_WITH_TRIGGER) >= len(BUILTIN) - 5


@pytest.mark.parametrize("r", _WITH_TRIGGER, ids=lambda r: r.id)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_of_a_builtin_rule_holds_its_trigger(r: Rule, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(r.regex, fullmatch=False))
    m = r.regex.search(text)
    assert m is not None
    assert r.trigger is not None
    assert any(s in m.group().casefold() for s in r.trigger), (r.id, m.group())


def test_a_rule_is_skipped_only_where_its_literals_are_missing() -> None:
    body = "今年我们完成了全部任务，群众满意度明显提高，各项指标均超额完成。"
    note = "（全文共3200字，当前仅显示1200字）"
    doc, log = clean_text(f"{body}{note}\n{body}")
    assert note not in text_of(doc)
    assert any(d.rule == "truncation.shown-of-total" for d in log)
    # The same note in full-width digits and upper-case Latin still holds the literal after folding.
    doc, _ = clean_text(f"{body}（全文共３２００字，当前仅显示１２００字）\n{body}")
    assert "全文共" not in text_of(doc)


def test_user_rule_gets_a_casefolded_trigger_and_still_matches_any_case(tmp_path: Path) -> None:
    r = rule("mysite.banner", "MySite\\s*出品", kind="inline", where="anywhere", reason="banner")
    assert r.trigger == ("mysite",)
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nid = "mysite.banner"\nfamily = "banner"\npattern = \'MySite\\s*出品\'\n'
        'kind = "inline"\nwhere = "anywhere"\nreason = "banner"\n', encoding="utf-8")
    body = "今年我们完成了全部任务，各项指标均超额完成。"
    doc, _ = clean_text(f"{body}MYSITE出品\n{body}", Options(rules=(str(path),)))
    assert "出品" not in text_of(doc)


# ------------------------------------------------------------------------------------ the trigger index

_PIECES = ["ab", "abc", "b", "c\nd", "ß", "ss", "SS", "原创", "原", "创作", "\n", "x", "中文", " "]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=6),
       triggers=st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3).map(tuple),
                         max_size=4))
def test_trigger_index_finds_exactly_the_texts_holding_a_literal(
    texts: list[str], triggers: list[tuple[str, ...]]
) -> None:
    # Literals that overlap, prefix each other, hold the separator or change length when casefolded.
    casefolded = [tuple(s.casefold() for s in t) for t in triggers]
    index = TriggerIndex(texts, [*casefolded, None])
    for trig in casefolded:
        expected = [k for k, t in enumerate(texts) if any(s in t.casefold() for s in trig)]
        assert list(index.containing(trig)) == expected
    assert list(index.containing(None)) == list(range(len(texts)))


def test_trigger_index_of_the_builtin_rules_on_a_seed() -> None:
    seed = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seed:
        pytest.skip("seeds not available")
    lines = seed[1].read_text(encoding="utf-8").splitlines()
    triggers = [r.trigger for r in BUILTIN]
    index = TriggerIndex(lines, triggers)
    for trig in triggers:
        if trig is None:
            continue
        expected = [k for k, t in enumerate(lines) if any(s in t.casefold() for s in trig)]
        assert list(index.containing(trig)) == expected
