"""Request and error bodies, as pydantic models so that /openapi.json describes them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """Every error answer: what went wrong and, for a bad parameter, which one."""

    error: str
    parameter: str | None = None


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A malformed or unknown parameter."},
    503: {"model": ErrorBody, "description": "The database is busy (another process held it for more than a "
                                             "few seconds) or unreadable; retry after the Retry-After seconds."},
}


class DocumentIn(BaseModel):
    """One document to ingest: the record shape `blocwatch ingest` reads from JSON Lines."""

    id: str = Field(min_length=1, description="The document's key; a stored document with this id is replaced.")
    text: str = Field(description="The article's text, or its whole HTML page.")
    title: str | None = None
    url: str | None = None
    date: str | None = Field(None, description="Publication date, which relative dates in the text count from.")
    outlet: str | None = None


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1)
