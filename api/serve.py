"""Run the app under uvicorn: one process, or several workers sharing the read-only index (``server.workers``)."""

from __future__ import annotations

import os
import tempfile

from dgplan.settings import Settings


class ServeError(ValueError):
    """A server configuration that cannot work."""


def prepare_workers(settings: Settings) -> Settings:
    """Split the cores between workers: each worker's embedder gets cores/workers threads (unless set)."""
    workers = settings.server.workers
    if workers > 1 and settings.server.ui:
        raise ServeError(
            "the chat UI keeps its queue in one process: use --workers 1, or --no-ui for several API workers"
        )
    if workers > 1 and settings.embedding.threads is None:
        settings.embedding.threads = max(1, (os.cpu_count() or 1) // workers)
    return settings


def run_server(settings: Settings) -> None:
    """Serve until interrupted; JSON logs on stderr with each request's id."""
    import uvicorn

    from api.app import SETTINGS_ENV, app_from_env, create_app
    from api.observability import use_json_logs

    settings = prepare_workers(settings)
    use_json_logs(settings.log_level)
    server = settings.server
    common = {"host": server.host, "port": server.port, "log_config": None, "access_log": False}
    if server.workers == 1:
        uvicorn.run(create_app(settings), **common)  # type: ignore[arg-type]
        return
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="dgplan-metrics-"))
    uvicorn.run(
        f"{app_from_env.__module__}:{app_from_env.__name__}", factory=True, workers=server.workers, **common  # type: ignore[arg-type]
    )
