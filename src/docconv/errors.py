"""One exception tree for everything docconv refuses to do, with an exit code per class.

    DocconvError                      1  (base; also I/O problems)
    ├── InputError                       bad input: the user can fix it
    │   ├── InputNotFoundError        1  missing file, a directory where a file was expected
    │   ├── ParseError               64  input of the right format that cannot be parsed
    │   ├── DecodingError            92  bytes that do not decode in the chosen/detected encoding
    │   ├── UnsupportedCharsetError  94  an --encoding Python does not know
    │   └── InputNotTextError        95  binary data given to a text reader
    ├── UsageError                       the command or call is wrong
    │   ├── OptionError               6  unknown option or bad option value
    │   ├── UnknownReaderError       21  no reader of that name
    │   └── UnknownWriterError       22  no writer of that name
    ├── WarningsAsErrorsError              3  --fail-if-warnings and the run produced warnings
    ├── OutputError                   1  the output cannot be written
    └── MissingDependencyError        4  an optional extra is not installed

Codes reuse pandoc's where the meaning matches (21, 22, 64, 92, 94, 95, 3, 6). Every message names the
problem and what to do about it, on one line.
"""

from __future__ import annotations


class DocconvError(Exception):
    """Base of every error docconv raises on purpose."""

    exit_code: int = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(DocconvError):
    """The input is at fault, not docconv or the command."""


class InputNotFoundError(InputError):
    """The input path does not exist or is not a regular file."""

    exit_code = 1


class ParseError(InputError):
    """The input is of the right format but malformed."""

    exit_code = 64


class DecodingError(InputError):
    """The bytes do not decode as text in the encoding docconv chose or was told."""

    exit_code = 92

    def __init__(self, message: str, *, offset: int | None = None, path: str | None = None) -> None:
        super().__init__(message, path=path)
        self.offset = offset


class UnsupportedCharsetError(InputError):
    """The requested encoding is not one Python can decode."""

    exit_code = 94


class InputNotTextError(InputError):
    """Binary data was given to a text reader."""

    exit_code = 95


class UsageError(DocconvError):
    """The call or command line is wrong."""


class OptionError(UsageError):
    """An unknown option name or an invalid value."""

    exit_code = 6


class UnknownReaderError(UsageError):
    """No reader has that name."""

    exit_code = 21


class UnknownWriterError(UsageError):
    """No writer has that name."""

    exit_code = 22


class WarningsAsErrorsError(DocconvError):
    """The run produced warnings and the user asked for that to fail it."""

    exit_code = 3


class OutputError(DocconvError):
    """The output could not be written."""

    exit_code = 1


class MissingDependencyError(DocconvError):
    """An optional dependency is needed and missing; the message gives the pip line."""

    exit_code = 4


INTERNAL_ERROR_EXIT = 62
"""Exit code for a bug in docconv (pandoc's 'should never happen')."""

BATCH_FAILURES_EXIT = 10
"""Exit code of `docconv batch` when it finished but some inputs failed (see its report)."""
