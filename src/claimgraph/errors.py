"""claimgraph's one error tree.

Every error the library raises on purpose derives from ``ClaimgraphError``; each
class knows the exit code the CLI uses for it and the HTTP status the web layer
answers with, so one handler maps them (see ``cli.app.main``)::

    ClaimgraphError                 exit 1   HTTP 500
    ├── InputError                  exit 2   HTTP 400   bad input from the user
    │   ├── SourceError             exit 2   HTTP 422   a file / record that cannot be read
    │   │   ├── UnsupportedFormat                       not a format we read
    │   │   ├── MalformedDocument                       readable, but not a document
    │   │   ├── InputTooLarge                           over the configured size limit
    │   │   └── ReaderBug           exit 4   HTTP 500   a reader failed where it should not (a bug)
    │   └── UsageError              exit 2   HTTP 400   wrong arguments
    │       ├── InvalidValue                     HTTP 422   an analyst's value out of its allowed range
    │       ├── NotFound                         HTTP 404   no such event, actor, document
    │       └── Forbidden                        HTTP 403   not allowed (read-only app, role)
    ├── KBError                     exit 3   HTTP 500   the knowledge base is inconsistent
    └── ExtractionError             exit 4   HTTP 500   a bug or resource failure in a stage

Messages say what went wrong *and what to do*, and name the input.
"""

from __future__ import annotations

from pathlib import Path


class ClaimgraphError(Exception):
    """Base class: carries an exit code and an HTTP status."""

    exit_code = 1
    http_status = 500


class InputError(ClaimgraphError):
    """The user gave us something we cannot use."""

    exit_code = 2
    http_status = 400


class SourceError(InputError):
    """A file or record cannot be turned into a Document.

    ``source`` names the input (path, path:line, or record id) so the message
    can be shown on its own in a summary of failures.
    """

    http_status = 422

    def __init__(self, source: str | Path, reason: str, hint: str = "") -> None:
        self.source = str(source)
        self.reason = reason
        self.hint = hint
        message = f"{self.source}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class UnsupportedFormat(SourceError):
    """The file is not in a format claimgraph reads."""


class MalformedDocument(SourceError):
    """The file parses, but does not hold a usable document."""


class InputTooLarge(SourceError):
    """The input exceeds the configured size limit; checked before parsing."""

    http_status = 413


class ReaderBug(SourceError):
    """A reader raised where it should have yielded a ``SourceError``: a bug in claimgraph, not bad
    input. It is still reported against the one input (and recorded like any failed input), so the
    other inputs of the run are read; the message asks for a report."""

    exit_code = 4
    http_status = 500


class UsageError(InputError):
    """Wrong or inconsistent arguments."""


class InvalidValue(UsageError):
    """A value an analyst gave (CLI, API, page) is not allowed for its field; nothing was changed.

    ``field`` names the field and ``allowed`` says what it accepts, e.g. "a whole number from
    0 to 100000".
    """

    http_status = 422

    def __init__(self, field: str, allowed: str, value: object) -> None:
        self.field = field
        self.allowed = allowed
        shown = repr(value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(f"{field} must be {allowed}, not {shown}")


class NotFound(UsageError):
    """The event, actor or document asked for does not exist."""

    http_status = 404


class Forbidden(UsageError):
    """The action is not allowed: the app is read-only, or the user's role is too low."""

    http_status = 403


class KBError(ClaimgraphError):
    """The knowledge base (packaged or user-supplied) is inconsistent."""

    exit_code = 3


class ExtractionError(ClaimgraphError):
    """A pipeline stage failed on a document it should have handled."""

    exit_code = 4

    def __init__(self, doc_id: str, stage: str, reason: str) -> None:
        self.doc_id = doc_id
        self.stage = stage
        super().__init__(f"document {doc_id}: stage {stage!r} failed: {reason}")
