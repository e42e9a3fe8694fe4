"""POST /api/ingest: documents in the request body -> the pipeline -> the store.

`create_app` includes this router only when ingest is allowed, with the token in `app.state.token`;
a request without that token (`Authorization: Bearer ...`) gets 401 before anything is written.
"""

from __future__ import annotations

import hmac
import re
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from blocwatch.api import responses
from blocwatch.api.schemas import ERROR_RESPONSES, ErrorBody, IngestRequest
from blocwatch.model import Problem
from blocwatch.pipeline import run
from blocwatch.store import open_store

# Coding a large request takes a while; the readers and another ingest get this long to make way.
INGEST_WAIT = 30.0


_bearer = HTTPBearer(auto_error=False, description="The server's BLOCWATCH_TOKEN.")


def _check_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    # compare_digest takes as long for a near miss as for a wild guess, so timing reveals nothing.
    expected = request.app.state.token.encode()
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), expected):
        raise HTTPException(401, "missing or wrong token (send Authorization: Bearer <BLOCWATCH_TOKEN>)",
                            headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


@router.post("/ingest", dependencies=[Depends(_check_token)], responses={
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token."},
    413: {"model": ErrorBody, "description": "Request body over the size cap."}}, response_model=responses.Ingested)
def post_ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
    """Clean, code and store the documents (unchanged ones are skipped), then rebuild the event clusters."""
    state = request.app.state
    with TemporaryDirectory(prefix="blocwatch-ingest-") as folder:
        # The pipeline reads sources, so the body becomes a JSON Lines file named here: nothing the
        # client sends is used as a path.
        records = Path(folder) / "request.jsonl"
        records.write_text("".join(doc.model_dump_json() + "\n" for doc in body.documents), encoding="utf-8")
        with state.gate.writing(INGEST_WAIT), open_store(state.db_path, wait=INGEST_WAIT) as store:
            report = run([str(records)], store=store, extractor=state.extractor)
    ids = [doc.id for doc in body.documents]
    return {"documents": report.documents, "events": report.events, "unchanged": report.unchanged,
            "undated": report.undated,
            "skipped": report.skipped, "failed": report.failed,
            "problems": [_problem_json(problem, ids, str(records)) for problem in report.problems]}


def _problem_json(problem: Problem, ids: list[str], records: str) -> dict[str, Any]:
    """A problem named by the document it concerns (origins are `<temporary file>:<line>`), and told in
    the request's terms: a reason naming another line of the temporary file names that document instead."""
    line = problem.origin.rpartition(":")[2]
    document = ids[int(line) - 1] if line.isdigit() and 0 < int(line) <= len(ids) else None
    reason = re.sub(re.escape(records) + r":(\d+)", lambda m: f"document {int(m.group(1))} of the request",
                    problem.reason).replace(records, "the request")
    return {"document": document, "reason": reason, "failed": problem.failed}
