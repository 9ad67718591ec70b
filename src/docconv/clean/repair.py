"""Character repair as named, pure, idempotent transforms over the AST, in the order they must run.

`TRANSFORMS` repairs characters: annotator GBK damage first (it needs the pinyin that the next steps
remove), then mojibake and irrecoverable damage, then pinyin annotations, then punctuation, spacing
and markup debris. `JOIN_TRANSFORMS` joins paragraphs broken mid-sentence and runs after residue
removal, so it never joins across a residue line. `SCRIPT_TRANSFORMS` converts the script with OpenCC
when asked and runs last. Every change is reported to the DiagnosticLog with its kind, the text before
and after, and the block's position.
"""

from __future__ import annotations

from collections.abc import Callable

from docconv.ast import Document, Pos
from docconv.clean import gbkdamage, pinyin
from docconv.clean.chars import PUA
from docconv.clean.joins import join_paragraphs
from docconv.clean.langmodel import LanguageModel
from docconv.clean.mojibake import repair_mojibake
from docconv.clean.script import convert_script
from docconv.clean.spacing import repair_spacing
from docconv.clean.textmap import doc_text, map_text
from docconv.diagnostics import Action, DiagnosticLog, Severity
from docconv.options import Options
from docconv.transform import Transform


def change_text(before: str, after: str) -> str:
    """The `text` of a repair diagnostic: what stood there and what replaced it."""
    return f"{before} → {after}" if after else before


def _is_annotated(text: str) -> bool:
    return pinyin.count_verified(text) >= pinyin.ANNOTATED_MIN


def repair_gbk_damage(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Re-decode runs a byte-level pinyin annotator knocked out of step (`我們?yōu)檫M` → `我們為進`).

    Two passes: the first ranks every run with a model of the document's intact text (damaged runs cut
    out, so their debris teaches it nothing); the second ranks them again with a model that also knows
    the runs the first pass repaired with certainty. A crossing key damages every occurrence of the same
    character pair, so a word may never stand intact in the document, while its clear repairs show it.
    """
    del options  # no knobs: a repair is applied only when it is a clear winner
    full = doc_text(doc)
    if not any(mark in full for mark in gbkdamage.LOST):
        return doc
    annotated = _is_annotated(full)
    candidates = [r for r in gbkdamage.find_runs(full) if r.orphans or PUA.search(full, r.start, r.end)]
    if not candidates and not (annotated and gbkdamage.find_runs(full)):
        return doc

    def runs_in(text: str) -> list[gbkdamage.Run]:
        return [r for r in gbkdamage.find_runs(text)
                if r.orphans or PUA.search(text, r.start, r.end) or annotated]

    evidence = gbkdamage.gather_evidence(full)

    def model_text(repairs: dict[tuple[str, int], str]) -> str:
        return _model_text(doc, runs_in, repairs)

    first = LanguageModel(model_text({}), free_terms=True)
    known = first.chars()
    sure: dict[tuple[str, int], str] = {}
    # A run's readings depend on its bytes and the evidence only: found once, ranked by both passes.
    found: dict[tuple[str, int], list[str] | None] = {}
    settled: dict[tuple[str, int], gbkdamage.Repair] = {}

    def rank_first(text: str, pos: Pos | None) -> str:
        del pos
        for run in runs_in(text):
            found[(text, run.start)] = gbkdamage.readings(run, evidence)
            rep = gbkdamage.repair_run(text, run, first, known, evidence, found=found[(text, run.start)])
            if rep.after is not None and rep.certain:
                sure[(text, run.start)] = rep.after
                settled[(text, run.start)] = rep
        return text

    map_text(doc, rank_first)
    lm = LanguageModel(model_text(sure), free_terms=True) if sure else first
    known = lm.chars()

    def fix(text: str, pos: Pos | None) -> str:
        runs = runs_in(text)
        if not runs:
            return text
        out: list[str] = []
        last = 0
        for run in runs:
            key = (text, run.start)
            # A certain repair stands: the second model holds it, and would only confirm itself.
            rep = settled.get(key)
            if rep is None:
                readings = found[key] if key in found else gbkdamage.readings(run, evidence)
                rep = gbkdamage.repair_run(text, run, lm, known, evidence, found=readings)
            out.append(text[last : run.start])
            if rep.after is None:
                out.append(rep.before)
                log.report("repair.gbk-damage", f"GBK annotator damage not repaired: {rep.reason}",
                           action=Action.KEPT, severity=Severity.WARNING, text=rep.before, pos=pos)
            else:
                out.append(rep.after)
                log.report("repair.gbk-damage", rep.reason, action=Action.CHANGED,
                           severity=Severity.INFO if rep.certain else Severity.WARNING,
                           text=change_text(rep.before, rep.after), pos=pos)
            last = run.end
        out.append(text[last:])
        return "".join(out)

    return map_text(doc, fix)


_CUT = "\ufdd0"
"""Marks where a damaged run was cut out of the model's text (a Unicode noncharacter: no text holds it)."""


def _model_text(
    doc: Document, runs_in: Callable[[str], list[gbkdamage.Run]], repairs: dict[tuple[str, int], str]
) -> str:
    """The document's text for the GBK-damage model: annotations stripped, the runs `runs_in` finds
    replaced by their certain repairs (`repairs`, keyed by text run and offset) or cut out."""

    def cut(text: str, pos: Pos | None) -> str:
        del pos
        out: list[str] = []
        last = 0
        for run in runs_in(text):
            out.append(text[last : run.start])
            out.append(repairs.get((text, run.start), _CUT))
            last = run.end
        out.append(text[last:])
        return "".join(out)

    # doc_text drops line breaks inside a block, so a cut is marked with a character it keeps and becomes
    # a line end only then: a cut must part its two sides, not splice them into n-grams the document
    # never wrote.
    return _strip_all_annotations(doc_text(map_text(doc, cut)).replace(_CUT, "\n"))


def _strip_all_annotations(text: str) -> str:
    found = pinyin.find_all(text)
    if not found:
        return text
    out: list[str] = []
    last = 0
    for a in found:
        out.append(text[last : a.start])
        last = a.end
    out.append(text[last:])
    return "".join(out)


def strip_pinyin(doc: Document, options: Options, log: DiagnosticLog) -> Document:
    """Remove parenthesised pinyin annotations after Han characters (`總結(jié)` → `總結`).

    In a document annotated throughout every annotation goes. Elsewhere a verified one goes unless it
    is a reading written on purpose: its character carries another syllable too, or a pronunciation cue
    (`读作`) stands before it; or the document shows its character bare more often than annotated and
    the annotation does not sit inside a word of a document with enough consistent annotations (an
    annotator marks only some occurrences, but it splits words, as no reading written on purpose does).
    Kept ones, and syllables that are not a reading of their character, are reported as warnings.
    A word annotation (`总结(zǒng jié)`, `纳税[nashui]`) is judged the same way, its word for the
    character; one without tone marks goes only in a document carrying `pinyin.ANNOTATED_MIN` verified
    annotations (alone it may be a name's spelling).
    """
    del options
    full = doc_text(doc)
    found_all = pinyin.find_all(full)
    if not found_all:
        return doc
    annotated = pinyin.annotated_throughout(full, found_all)
    two = pinyin.two_readings(found_all)
    bare = pinyin.mostly_bare(full, found_all)
    tool = bool(bare) and pinyin.annotator_evidence(full, found_all)
    enough = sum(1 for a in found_all if a.verified) >= pinyin.ANNOTATED_MIN
    built: list[LanguageModel] = []

    def is_word(word: str) -> bool:
        # jieba's word list (half a second to load) is read only for a partly annotated document.
        if not built:
            built.append(LanguageModel())
        return built[0].is_word(word)

    def why_kept(text: str, run: list[pinyin.Annotation], a: pinyin.Annotation) -> str | None:
        """Why a verified annotation is a reading meant, or None when it goes."""
        word = pinyin.is_word_annotation(a)
        if a.han in two:
            return "the document gives its character another syllable too, which no annotator does"
        if pinyin.after_cue(text, run):
            return "it follows a word about pronunciation"
        if word and not pinyin.has_tone(a.syllable) and not enough:
            return "a toneless spelling of a word in a document with few annotations may be a name's spelling"
        # A word annotation reads a whole word: in a document with a tool's annotations it is the tool's,
        # though the word also stands bare (word-by-word annotators mark a word's first occurrences).
        if a.han in bare and not (tool and pinyin.has_tone(a.syllable)
                                  and (word or pinyin.splits_word(text, run, full, is_word))):
            return ("the document shows this word bare more often" if word else
                    "the document shows its character bare more often, and it splits no word")
        return None

    def fix(text: str, pos: Pos | None) -> str:
        found = pinyin.find_all(text)
        if not found:
            return text
        out: list[str] = []
        last = 0
        for run in pinyin.runs(found):
            for a in run:
                ann = text[a.start : a.end]
                kept = None if annotated or not a.verified else why_kept(text, run, a)
                if annotated or (a.verified and kept is None):
                    out.append(text[last : a.start])
                    last = a.end
                    log.report(
                        "repair.pinyin",
                        ("removed a pinyin annotation" if annotated or a.han not in bare
                         else "removed a pinyin annotation inside a word (the annotator marked only "
                              "some occurrences of its character)") if a.verified
                        else "removed a pinyin annotation that is not a reading of its character "
                             "(the document is annotated throughout)",
                        action=Action.REMOVED, text=a.han + ann, pos=pos,
                    )
                elif a.verified:
                    log.report("repair.pinyin", f"kept a pinyin reading written on purpose: {kept}",
                               action=Action.KEPT, severity=Severity.WARNING, text=a.han + ann, pos=pos)
                else:
                    log.report("repair.pinyin",
                               "kept a parenthesised pinyin syllable that may be an annotation",
                               action=Action.KEPT, severity=Severity.WARNING, text=a.han + ann, pos=pos)
        out.append(text[last:])
        return "".join(out)

    return map_text(doc, fix)


TRANSFORMS: tuple[Transform, ...] = (
    Transform("repair.gbk-damage", repair_gbk_damage),
    Transform("repair.mojibake", repair_mojibake),
    Transform("repair.pinyin", strip_pinyin),
    Transform("repair.spacing", repair_spacing),
)
"""Character repairs, in the order they must run (before residue removal)."""

JOIN_TRANSFORMS: tuple[Transform, ...] = (Transform("repair.join-paragraphs", join_paragraphs),)
"""Paragraph joining; runs after residue removal."""

SCRIPT_TRANSFORMS: tuple[Transform, ...] = (Transform("repair.convert-script", convert_script),)
"""Script conversion (OpenCC), only when `Options.convert_script` asks for it; runs last."""
