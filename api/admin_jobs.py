"""Admin operations run one at a time in a background thread; GET /admin/jobs/{id} reports their progress."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from dgplan.errors import DocumentRejected
from dgplan.settings import Settings
from index.corpus_ops import CorpusOps, OpResult
from index.versions import write_json

MAX_JOBS_KEPT = 200
JOBS_DIR = "admin-jobs"


@dataclass
class Job:
    """One admin operation: queued → waiting (for the corpus lock) → editing → ingesting → done | failed."""

    id: str
    action: str
    doc_id: str | None
    key_id: str
    state: str = "queued"
    created_at: float = field(default_factory=time.time)
    started_at: float | None = None
    finished_at: float | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        end = self.finished_at or time.time()
        return {
            "job_id": self.id,
            "action": self.action,
            "doc_id": self.doc_id,
            "state": self.state,
            "done": self.state in ("done", "failed"),
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.created_at)),
            "elapsed_s": round(end - (self.started_at or self.created_at), 2),
            "result": self.result,
            "error": self.error,
        }


class JobRunner:
    """A single worker thread, so jobs of one server run in order; the corpus and ingest locks order them
    with other processes (the CLI, other workers)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dgplan-admin")
        self._dir = settings.data_dir / JOBS_DIR

    def submit(self, action: str, doc_id: str | None, key_id: str, work: Callable[[CorpusOps], OpResult]) -> Job:
        """Queue an operation; ``work`` receives a CorpusOps that reports its stage to the job."""
        job = Job(id=uuid.uuid4().hex[:16], action=action, doc_id=doc_id, key_id=key_id)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS_KEPT:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].to_json()["done"]:
                    break
                del self._jobs[oldest]
        self._save(job)
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The job's state; from its file when another worker process of this server ran it."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            return job.to_json()
        path = self._dir / f"{job_id}.json"
        if job_id.isalnum() and path.is_file():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
        return None

    def _save(self, job: Job) -> None:
        """Each state change is written to ``<data>/admin-jobs/<id>.json`` so every worker can report it."""
        self._dir.mkdir(parents=True, exist_ok=True)
        write_json(self._dir / f"{job.id}.json", job.to_json())

    def _run(self, job: Job, work: Callable[[CorpusOps], OpResult]) -> None:
        job.started_at = time.time()

        def stage(name: str) -> None:
            job.state = name
            self._save(job)

        try:
            result = work(CorpusOps(self.settings, key_id=job.key_id, on_stage=stage))
            job.result = result.to_json()
            job.state = "done"
        except DocumentRejected as exc:
            job.error, job.state = f"{exc.code}: {exc.detail}", "failed"
        except Exception as exc:  # reported on the job; the previous index version stays served
            job.error, job.state = f"{type(exc).__name__}: {exc}", "failed"
        finally:
            job.finished_at = time.time()
            self._save(job)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
