"""The `docconv` command: pandoc-like conversion of one input.

    docconv [INPUT] [-f FROM] [-t TO] [-o OUTPUT] [options]

Exit codes are those of `docconv.errors` (2 for a malformed command line, 62 for a bug in docconv).
Errors are one line on stderr; no output file is written unless the conversion succeeded.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from docconv import __version__, pipeline, readers, writers
from docconv.diagnostics import Diagnostic, DiagnosticLog, Severity
from docconv.errors import INTERNAL_ERROR_EXIT, DocconvError, OptionError, WarningsAsErrorsError
from docconv.fsutil import article_paths, write_atomically
from docconv.options import EOLS, Options, parse_metadata_arg
from docconv.structure.articles import split_documents

USAGE_EXIT = 2


class CommandLineError(Exception):
    """A malformed command line, reported by main() as one line with exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors written where main() says."""

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(f"{message}; see `docconv --help`")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the single-file command (exposed for documentation and tests)."""
    p = Parser(
        prog="docconv",
        description="Convert and clean documents; built for scraped Chinese reports. "
                    "For many files at once see `docconv batch --help`.",
        epilog="Exit codes: 0 ok, 1 input/output file problem, 2 bad command line, 3 warnings with "
               "--fail-if-warnings, 4 missing optional dependency, 6 bad option value, 21 unknown input "
               "format, 22 unknown output format, 62 internal error, 64 parse error, 92 decoding "
               "error, 94 unknown encoding, 95 input is not text.",
    )
    p.add_argument("input", nargs="?", default="-", metavar="INPUT",
                   help="input file; '-' or nothing reads standard input")
    p.add_argument("-f", "--from", dest="from_format", metavar="FORMAT",
                   help="input format (default: detected from the bytes and the extension)")
    p.add_argument("-t", "--to", dest="to_format", metavar="FORMAT",
                   help="output format (default: from the -o extension, else markdown)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--split-articles", action="store_true",
                   help="write one file per article of a multi-article page: -o report.md gives "
                        "report-01.md, report-02.md, ...")
    add_conversion_options(p)
    p.add_argument("--list-input-formats", action="store_true", help="list input formats and exit")
    p.add_argument("--list-output-formats", action="store_true", help="list output formats and exit")
    p.add_argument("--explain", action="store_true",
                   help="print every diagnostic of this run (what was decided, removed, repaired) to stderr")
    p.add_argument("--fail-if-warnings", action="store_true",
                   help="exit with code 3, writing nothing, if the run produced warnings")
    p.add_argument("--log", metavar="FILE",
                   help="write every diagnostic of this run to FILE as a JSON list of records (severity, "
                        "rule, action, message, text, pos), whatever -q/-v say, as pandoc's --log")
    add_loudness_options(p)
    p.add_argument("--version", action="version", version=f"docconv {__version__}")
    return p


def add_conversion_options(p: argparse.ArgumentParser) -> None:
    """The options shared by `docconv` and `docconv batch`: decoding, cleaning, structure."""
    p.add_argument("-s", "--standalone", action="store_true",
                   help="produce a standalone document (Markdown: YAML front matter from the metadata)")
    p.add_argument("--encoding", metavar="CODEC",
                   help="decode text input with this codec instead of detecting it")
    p.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="strict (default): fail on undecodable bytes; replace: substitute U+FFFD and "
                        "report each replacement")
    clean = p.add_argument_group("cleaning")
    clean.add_argument("--no-clean", dest="clean", action="store_false",
                       help="turn off the cleaning stage (residue removal and character repair)")
    clean.add_argument("--rules", action="append", default=[], metavar="FILE",
                       help="extra residue rules (TOML); may be repeated")
    clean.add_argument("--keep", action="append", default=[], metavar="RULE_ID", dest="keep_rules",
                       help="disable a residue rule by id (keep what it matches); may be repeated")
    clean.add_argument("--drop", action="append", default=[], metavar="RULE_ID", dest="drop_rules",
                       help="enable a residue rule by id that is off by default; may be repeated")
    clean.add_argument("--drop-unrepairable", action="store_true",
                       help="remove irrecoverable character damage instead of only reporting it")
    script = clean.add_mutually_exclusive_group()
    script.add_argument("--to-simplified", dest="convert_script", action="store_const", const="simplified",
                        help="convert to simplified Chinese (needs docconv[opencc])")
    script.add_argument("--to-traditional", dest="convert_script", action="store_const",
                        const="traditional", help="convert to traditional Chinese (needs docconv[opencc])")
    shape = p.add_argument_group("structure")
    shape.add_argument("--no-structure", dest="structure", action="store_false",
                       help="turn off the structure stage (numbering → headings and lists, title)")
    shape.add_argument("--drop-near-duplicates", action="store_true",
                       help="drop articles that are near copies of earlier ones (default: report them)")
    shape.add_argument("--numbering", choices=("keep", "gbt9704", "renumber", "strip"), default="keep",
                       help="marker forms: keep (the document's own, made consistent; default), gbt9704 "
                            "(standard forms), renumber (standard forms, gaps closed), strip (no markers)")
    shape.add_argument("--heading-levels", choices=("standard", "compact"), default="standard",
                       help="standard: 一、 is always level 2 (default); compact: close level gaps")
    add_pandoc_options(p)


def _int_arg(name: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            return int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{name} takes a whole number, not {text!r}") from exc
    return parse


def add_pandoc_options(p: argparse.ArgumentParser) -> None:
    """The pandoc options of the output: table of contents, reference doc, metadata, heading shift, eol."""
    out = p.add_argument_group("output (named and behaving as in pandoc)")
    out.add_argument("--toc", "--table-of-contents", dest="toc", action="store_true",
                     help="add a table of contents: Markdown a linked list after the front matter, only "
                          "with -s (without -s it is ignored, as in pandoc); DOCX a Word TOC field that "
                          "Word fills on open (DOCX is always standalone); none in JSON or plain")
    out.add_argument("--toc-depth", type=_int_arg("--toc-depth"), default=3, metavar="N",
                     help="heading levels the table of contents lists, 1-9 (default 3)")
    out.add_argument("--reference-doc", metavar="FILE",
                     help="DOCX output only: take styles, page setup, headers/footers and numbering from "
                          "this .docx (its body is discarded)")
    out.add_argument("-M", "--metadata", action="append", default=[], metavar="KEY[=VALUE]",
                     help="set a metadata field, overriding what docconv detected (title, date, source, "
                          "author; other keys go to the extra fields); a bare KEY means true; may be "
                          "repeated (a repeated KEY joins its values with '; ')")
    out.add_argument("--metadata-file", metavar="FILE",
                     help="metadata defaults from a YAML or JSON file; the "
                          "document's own values and -M win, as in pandoc")
    out.add_argument("--shift-heading-level-by", type=_int_arg("--shift-heading-level-by"), default=0,
                     metavar="N", help="add N to every heading level; below level 1 a heading becomes a "
                                       "paragraph, and with -N the level-N heading that opens the document "
                                       "becomes the title")
    out.add_argument("--eol", choices=EOLS, default="lf",
                     help="line endings of text output (markdown, plain, json): lf (default; pandoc's "
                          "default is native), crlf, or native")


def add_loudness_options(p: argparse.ArgumentParser) -> None:
    """-v / -q, shared by `docconv` and `docconv batch`."""
    loudness = p.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="also print informational messages")
    loudness.add_argument("-q", "--quiet", action="store_true", help="print no warnings")


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the command; return the exit code instead of exiting."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["batch"]:
        from docconv import batchcli  # noqa: PLC0415  # the batch command loads its engine lazily

        return batchcli.main(argv[1:], stdout=out, stderr=err)
    try:
        args = build_parser().parse_args(argv)
    except CommandLineError as exc:
        err.write(f"docconv: {exc}\n")
        return USAGE_EXIT
    except SystemExit as exc:  # --help and --version end here
        return int(exc.code or 0)
    if args.list_input_formats:
        out.write("\n".join(readers.names()) + "\n")
        return 0
    if args.list_output_formats:
        out.write("\n".join(writers.names()) + "\n")
        return 0
    try:
        return _convert(args, out, err)
    except DocconvError as exc:
        err.write(f"docconv: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("docconv: interrupted\n")
        return 130
    except Exception as exc:  # noqa: BLE001  # the last line of defence: report a bug, never a traceback
        err.write(f"docconv: internal error: {type(exc).__name__}: {exc}; please report it with the input "
                  "that caused it (run with -v for details)\n")
        if args.verbose:
            traceback.print_exc(file=err)
        return INTERNAL_ERROR_EXIT


def _convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    started = time.perf_counter()
    to = _output_format(args)
    check_reference_doc(args.reference_doc, to)
    options = options_from_args(args)
    if args.split_articles and not args.output:
        raise OptionError("--split-articles writes one file per article; give -o with a file name "
                          "(report.md gives report-01.md, report-02.md, ...)")
    if args.input == "-":
        data, path = sys.stdin.buffer.read(), None
    else:
        data, path = pipeline.load_bytes(args.input), args.input
    # The stages are run here rather than through pipeline.convert_bytes so that the writer reports into
    # the same log (a reference doc's missing styles, metadata overrides).
    log = DiagnosticLog()
    rendered: list[tuple[Path | None, str | bytes]]
    try:
        doc = pipeline.read_bytes(data, format=args.from_format, path=path, options=options, log=log)
        doc = pipeline.transform(doc, options, log)
        if args.split_articles:
            parts = split_documents(doc)
            paths = article_paths(Path(args.output), len(parts))
            rendered = [(target, writers.write(d, to, options, log))
                        for target, d in zip(paths, parts, strict=True)]
        else:
            rendered = [(Path(args.output) if args.output else None, writers.write(doc, to, options, log))]
    finally:
        if args.log:
            write_log(Path(args.log), log)
    _show(log, args, err)
    if args.fail_if_warnings and log.warnings():
        raise WarningsAsErrorsError(f"{len(log.warnings())} warning(s) and --fail-if-warnings "
                               "was given; no output written")
    for target, output in rendered:  # every part is rendered before the first is written
        if target is not None:
            write_atomically(target, output)
        elif isinstance(output, bytes):
            if out.isatty():
                raise OptionError(f"{to} output is binary; write it to a file with -o")
            out.flush()
            sys.stdout.buffer.write(output)
        else:
            _write_text(out, output)
    if args.verbose:
        ms = (time.perf_counter() - started) * 1000
        err.write(f"docconv: {len(doc.blocks)} blocks → {to} in {ms:.0f} ms\n")
    return 0


def check_reference_doc(reference_doc: str | None, to: str) -> None:
    """--reference-doc only makes sense for DOCX output: anything else is a bad option (exit 6)."""
    if reference_doc is not None and to != "docx":
        raise OptionError(f"--reference-doc is for DOCX output only, and the output format is {to}; drop "
                          "it or use -t docx")


def log_records(log: DiagnosticLog) -> list[dict[str, object]]:
    """The diagnostics as JSON-ready records: severity, rule, action, message, text, pos."""
    return [_record(d) for d in log]


def _record(d: Diagnostic) -> dict[str, object]:
    pos = None
    if d.pos is not None:
        pos = {k: v for k, v in (("line", d.pos.line), ("page", d.pos.page), ("offset", d.pos.offset),
                                 ("paragraph", d.pos.paragraph)) if v is not None}
    return {"severity": str(d.severity), "rule": d.rule, "action": str(d.action), "message": d.message,
            "text": d.text, "pos": pos}


def write_log(path: Path, log: DiagnosticLog) -> None:
    """`--log FILE`: the run's diagnostics as a JSON list (written even when the run fails)."""
    write_atomically(path, json.dumps(log_records(log), ensure_ascii=False, indent=1) + "\n")


def options_from_args(args: argparse.Namespace) -> Options:
    """The conversion options a parsed command line asks for."""
    return Options(
        standalone=args.standalone,
        encoding=args.encoding,
        encoding_errors=args.encoding_errors,
        clean=args.clean,
        rules=tuple(args.rules),
        keep_rules=tuple(args.keep_rules),
        drop_rules=tuple(args.drop_rules),
        drop_unrepairable=args.drop_unrepairable,
        convert_script=args.convert_script,
        structure=args.structure,
        numbering=args.numbering,
        drop_near_duplicates=args.drop_near_duplicates,
        heading_levels=args.heading_levels,
        toc=args.toc,
        toc_depth=args.toc_depth,
        reference_doc=args.reference_doc,
        metadata=tuple(parse_metadata_arg(m) for m in args.metadata),
        metadata_file=args.metadata_file,
        shift_heading_level_by=args.shift_heading_level_by,
        eol=args.eol,
    )


def _output_format(args: argparse.Namespace) -> str:
    if args.to_format:
        return writers.canonical(args.to_format)
    if args.output:
        ext = Path(args.output).suffix.lower()
        if ext not in writers.EXTENSIONS:
            raise OptionError(f"cannot tell the output format from {args.output!r}; pass -t "
                              f"({', '.join(writers.names())})")
        return writers.EXTENSIONS[ext]
    return "markdown"


def _show(log: DiagnosticLog, args: argparse.Namespace, err: TextIO) -> None:
    if args.explain:
        for d in log:
            err.write(d.format() + "\n")
        return
    if args.quiet:
        return
    for d in log:
        if d.severity is Severity.WARNING or args.verbose:
            err.write(f"docconv: {d.severity}: {d.message}" + (f": «{d.text}»" if d.text else "") + "\n")


def _write_text(out: TextIO, text: str) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is not None:  # bypass the locale's encoding: docconv's text output is always UTF-8
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
