"""Domain errors, raised by the services and translated to HTTP or UI messages only at the edges."""

from __future__ import annotations


class DgplanError(Exception):
    """Base class: every error the assistant raises on purpose."""


class DocumentLoadError(DgplanError):
    """A document could not be read (broken, encrypted or unsupported file)."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


class DocumentNotFound(DgplanError):
    """No document with this id is in the index."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"unknown document id: {doc_id}")
        self.doc_id = doc_id


class ProjectNotFound(DgplanError):
    """No key project with this number is in the registry."""

    def __init__(self, number: str) -> None:
        super().__init__(f"unknown project number: {number}")
        self.number = number


class IndexNotReady(DgplanError):
    """No complete index version exists yet: run ``dgplan ingest`` first."""


class QuestionInvalid(DgplanError):
    """The question is empty or too long."""


class CorpusError(DgplanError):
    """The corpus directory or manifest is missing or malformed."""


class LLMUnavailable(DgplanError):
    """The optional OpenAI-compatible endpoint is not configured or did not answer."""


class DocumentRejected(DgplanError):
    """A document offered for the corpus was refused (bad id, too big, wrong type, unsafe PDF…).

    ``code`` names the reason so the edges can word it (Thai/English); ``detail`` is the English specifics.
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class ServerBusy(DgplanError):
    """Too many requests are being answered or waiting: retry after ``retry_after_s`` seconds."""

    def __init__(self, retry_after_s: int = 1) -> None:
        super().__init__(f"busy, retry after {retry_after_s} s")
        self.retry_after_s = retry_after_s
