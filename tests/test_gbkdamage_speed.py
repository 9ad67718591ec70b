"""The GBK-damage speedups give what the plain formulas give.

The reading search prunes by character as it goes; the word scores of `LanguageModel.rank_many` answer
most new words without `word_logprob`; pinyin annotations are judged once per (character, syllable).
Each is checked here against a straightforward version: brute force over every byte value, a fresh
model's `rank`/`word_logprob`, the per-match loop.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from docconv.clean import gbkdamage, pinyin
from docconv.clean.chars import HAN, PUA, is_cjk
from docconv.clean.gbkdamage import Evidence, Run, _Fixed, _Var
from docconv.clean.langmodel import LanguageModel

# Own text for the document models (a work report's phrasing, with full- and half-width punctuation).
DOC = (
    "今年以来，我们在科技管理工作中坚持规范化和正常化，为加快全县经济社会发展作出了贡献。\n"
    "一、主要工作\n(一)加强组织领导。县委县政府高度重视，成立了领导小组，召开专题会议12次。\n"
    "我们为进一步做好这项工作，制定了实施方案，明确了工作目标和工作任务,落实了工作责任。\n"
    "二、存在问题\n部分单位重视不够，工作进展不平衡；经费投入不足，基础设施建设滞后。\n"
    "三、下一步打算\n继续加强科技管理工作，推进规范化建设，确保各项工作落到实处。\n"
)

_SYMBOLS = "·×÷°±—…"


def _plain(ch: str) -> bool:
    return is_cjk(ch) or ch.isascii() or ch in _SYMBOLS


def _brute_readings(run: Run, evidence: Evidence | None, known: frozenset[str] | None) -> list[str]:
    """Every byte value for every unknown byte, decoded by the codec and checked one by one."""
    anchor = run.anchor.encode("gbk")
    unknown = [i for i, item in enumerate(run.template) if isinstance(item, _Var)]
    out: list[str] = []
    for combo in itertools.product(range(0x81, 0xFF), repeat=len(unknown)):
        chosen = dict(zip(unknown, combo, strict=True))
        raw = bytearray(anchor)
        ok = True
        for i, item in enumerate(run.template):
            if isinstance(item, _Fixed):
                raw += item.options[0]
                continue
            x = chosen[i]
            if item.orphan is not None:
                try:
                    key = bytes((raw[-1], x)).decode("gbk")
                except UnicodeDecodeError:
                    ok = False
                    break
                if PUA.fullmatch(key) or not pinyin.is_reading(key, item.orphan):
                    ok = False
                    break
                if evidence is not None and (
                    key in evidence.plain or item.orphan not in evidence.keys.get(key, {item.orphan})
                ):
                    ok = False
                    break
            raw.append(x)
        if not ok:
            continue
        try:
            text = bytes(raw).decode("gbk")
        except UnicodeDecodeError:
            continue
        rest = text[1:]
        if not all(_plain(ch) for ch in rest):
            continue
        if known is not None and not known.issuperset(rest):
            continue
        if evidence is not None:
            annotated = gbkdamage._annotation_offsets(run, bytes(raw))
            if not gbkdamage._keys_consistent(bytes(raw), annotated, evidence):
                continue
        out.append(rest)
    return out


def _random_run(rng: random.Random) -> Run:
    """A run cut from the GBK bytes of the document: one or two of its bytes unknown (an unknown byte may
    carry the syllable of the pair it closes with the byte before it, as orphan pinyin does), the rest
    fixed in chunks of one or two bytes, so that the true text is one reading."""
    line = rng.choice([ln for ln in DOC.splitlines() if len(ln) > 8])
    at = rng.randrange(len(line) - 6)
    while not "\u4e00" <= line[at] <= "\u9fff":
        at += 1
    raw = line[at + 1 : at + rng.randint(3, 6)].encode("gbk")
    unknown = set(rng.sample(range(len(raw)), min(len(raw), rng.choice([1, 2, 2]))))
    items: list[_Var | _Fixed] = []
    before = line[at].encode("gbk")[-1]
    chunk = b""
    for i, x in enumerate(raw):
        if i in unknown:
            if chunk:
                items.append(_Fixed((chunk,)))
                chunk = b""
            key = bytes((raw[i - 1] if i else before, x))
            ch = key.decode("gbk", "replace")
            readings = sorted(pinyin.readings(ch)) if len(ch) == 1 else []
            orphan = readings[0] if readings and rng.random() < 0.5 else None
            items.append(_Var(orphan))
            continue
        chunk += bytes((x,))
        if len(chunk) == 2 or rng.random() < 0.3:
            items.append(_Fixed((chunk,), annotated=rng.random() < 0.1))
            chunk = b""
    if chunk:
        items.append(_Fixed((chunk,)))
    orphans = sum(1 for it in items if isinstance(it, _Var) and it.orphan is not None)
    return Run(0, 1, line[at], tuple(items), orphans, rng.random() < 0.1, "")


def _random_evidence(rng: random.Random) -> Evidence | None:
    if rng.random() < 0.3:
        return None
    keys = {ch: frozenset({syl}) for ch, syl in (("为", "wèi"), ("进", "jìn"), ("在", "zài"), ("作", "zuò"))
            if rng.random() < 0.5}
    plain = frozenset(rng.sample(list("的一是不了有和人这中大上个国以要他时来用们生到作地于出就分对成会"), 12))
    return Evidence(keys, plain - set(keys))


def test_readings_equal_brute_force_over_every_byte_value() -> None:
    rng = random.Random(7)
    tried = with_results = 0
    for _ in range(80):
        run = _random_run(rng)
        evidence = _random_evidence(rng)
        got = gbkdamage.readings(run, evidence)
        assert got is not None
        assert sorted(got) == sorted(_brute_readings(run, evidence, None)), run
        tried += 1
        with_results += bool(got)
    assert with_results >= tried // 3  # the cases are not all empty


def test_search_with_a_character_filter_equals_filtering_afterwards() -> None:
    rng = random.Random(11)
    known = frozenset(DOC) | frozenset("常化。")
    for _ in range(40):
        run = _random_run(rng)
        evidence = _random_evidence(rng)
        everything = gbkdamage.readings(run, evidence)
        assert everything is not None
        got = gbkdamage._candidates(run, known, evidence)
        assert got == [c for c in everything if known.issuperset(c)]


def test_an_open_pair_with_two_open_bytes_reads_as_the_codec_reads() -> None:
    # The shape of the costliest real run: a lost lead byte, a folded `;` and a private-use pair read out
    # of step, and a lost byte last (`正常化。` seen as `正?;<PUA>?`).
    run = Run(0, 1, "正", (_Var(None), _Fixed((b"\xa3\xbb",)), _Fixed((b"\xaf\xa1",)), _Var(None)), 0, False, "")
    got = gbkdamage.readings(run, None)
    assert got is not None
    assert "常化。" in got
    assert sorted(got) == sorted(_brute_readings(run, None, None))


def _reading_sets() -> list[tuple[list[str], str, str]]:
    """Reading sets shaped like a run's: many texts that differ in one or two characters."""
    rng = random.Random(3)
    pool = list("常化。，、”“的在工作中制只仯伲偅兀冢辏皱謭謩科技管理为进")
    sets = []
    for _ in range(6):
        fixed = "".join(rng.choice(pool) for _ in range(rng.randint(0, 4)))
        firsts = rng.sample(pool, 8)
        lasts = rng.sample(pool, 8)
        texts = [a + fixed + b for a in firsts for b in lasts]
        sets.append((texts, rng.choice(["范化和正", "我们", "", "来,我们"]), rng.choice(["\n", ",为加快", ""])))
    sets.append((["在科技管理工作" + c for c in pool], "来,我们", ",为加快"))
    sets.append((["中", "a", "ab"], "", ""))
    return sets


@pytest.mark.parametrize("free_terms", [False, True])
def test_rank_many_gives_a_fresh_models_rank_bit_for_bit(free_terms: bool) -> None:
    for texts, left, right in _reading_sets():
        lm = LanguageModel(DOC, free_terms=free_terms)
        got = lm.rank_many(texts, left=left, right=right)
        fresh = LanguageModel(DOC, free_terms=free_terms)
        assert got == [fresh.rank(t, left=left, right=right) for t in texts]
        # A model whose memory already holds other rankings answers the same.
        assert lm.rank_many(texts[::-1], left=left, right=right) == got[::-1]


def test_quick_word_answers_equal_word_logprob() -> None:
    rng = random.Random(5)
    chars = list(DOC.replace("\n", "")) + list("仯伲偅兀冢辏皱謭謩")
    words = {"".join(rng.choice(chars) for _ in range(rng.randint(1, 5))) for _ in range(3000)}
    words |= {DOC[i : i + k] for i in range(len(DOC) - 5) for k in range(1, 6)}
    order = sorted(words)
    rng.shuffle(order)
    lm = LanguageModel(DOC, free_terms=True)
    fresh = LanguageModel(DOC, free_terms=True)
    for w in order:
        assert lm._new_word_logprob(w) == LanguageModel(DOC, free_terms=True).word_logprob(w), w
        assert lm.word_logprob(w) == fresh.word_logprob(w)
    assert LanguageModel("")._doc_total == 1
    assert LanguageModel(DOC)._doc_total == len(DOC)


_HAN_FIRST = re.compile(rf"(?P<han>{HAN})(?P<ann>[(（][ \u3000]?"
                        rf"(?P<syl>[a-zü{pinyin.TONED}](?:[ \u3000]?[a-zü{pinyin.TONED}]){{0,5}})[ \u3000]?[)）])")


def _old_find_annotations(text: str) -> list[tuple[int, int, str, str, bool]]:
    """The per-match loop `find_annotations` replaced (each match judged on its own), with the pattern that
    opened with the Han character (the search now starts at the bracket and looks back)."""
    out = []
    for m in _HAN_FIRST.finditer(text):
        syl = m["syl"]
        if pinyin._INNER_SPACE.search(syl):
            syl = pinyin._INNER_SPACE.sub("", syl, count=1)
            if " " in syl or "\u3000" in syl or len(syl) > 6:
                continue
        if not pinyin.is_syllable(syl):
            continue
        verified = pinyin.is_reading(m["han"], syl)
        if not verified and not pinyin.has_tone(syl):
            continue
        out.append((m.start("ann"), m.end("ann"), m["han"], syl, verified))
    return out


def test_find_annotations_judges_as_the_per_match_loop() -> None:
    rng = random.Random(9)
    pieces = ["總結(jié)", "時(shí)間", "行(xíng)", "行(háng)", "長( zhǎng )", "長(zh ǎng)", "(一)", "(KPI)",
              "中(a b c)", "是(shì)", "的(de)", "的(dì)", "好(hǎo)", "人(ren)", "工作", "，", "(1)", "上(shang)",
              "（xiàng）", "项（xiàng）", "公司(gōng sī)"]
    texts = ["(jié)總結", "結(jié)", "(一)行(xíng)"]
    texts += ["".join(rng.choice(pieces) for _ in range(40)) for _ in range(50)]
    for text in texts:
        got = [(a.start, a.end, a.han, a.syllable, a.verified) for a in pinyin.find_annotations(text)]
        assert got == _old_find_annotations(text)
        assert pinyin.find_annotations(text) == pinyin.find_annotations(text)


def _codec_read(raw: bytes, read: int) -> tuple[int, str] | None:
    """Where GBK bytes from `read` stop reading (a lone last lead byte is left open) and what they read,
    by the codec; None when a pair is no plain character."""
    end = len(raw)
    tail = raw[read:]
    # A lead byte left alone at the end is open: read without it.
    pos = 0
    while pos < len(tail):
        if tail[pos] < 0x80:
            pos += 1
        elif pos + 1 < len(tail):
            pos += 2
        else:
            end = read + pos
            break
    try:
        text = raw[read:end].decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(text.encode("gbk")) != end - read or not all(_plain(ch) for ch in text if not ch.isascii()):
        return None
    return end, text


def test_reading_on_equals_the_codec() -> None:
    rng = random.Random(13)
    for _ in range(3000):
        raw = bytes(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0x81, 0xFE), rng.randint(0x40, 0xFE)])
                    for _ in range(rng.randint(0, 8)))
        got = gbkdamage._read_on(raw, 0, None)
        assert got == _codec_read(raw, 0), raw


def test_count_verified_counts_the_verified_annotations_found() -> None:
    rng = random.Random(21)
    pieces = ["總結(jié)", "時(shí)間", "行(háng)", "(一)", "的(dì)", "人(ren)", "工作", "好(hǎo)", "長( zhǎng )"]
    for _ in range(30):
        text = "".join(rng.choice(pieces) for _ in range(30))
        expected = sum(1 for a in _old_find_annotations(text) if a[4])
        assert pinyin.count_verified(text) == expected
