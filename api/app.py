"""The application factory: one FastAPI app serving the API, OpenAPI docs and (optionally) the chat UI."""

from __future__ import annotations

import json
import os

from fastapi import FastAPI

from api.admin_router import install_admin_and_viewer
from api.ask_router import router as ask_router
from api.docs import install_offline_docs
from api.documents_router import router as documents_router
from api.errors import document_error_responses, install_error_handlers
from api.laws_router import router as laws_router
from api.limits import BodyLimit, MethodGuard, RouteTable, WorkLimiter
from api.observability import Metrics, RequestObserver
from api.ops_router import router as ops_router
from api.plan_router import router as plan_router
from api.projects_router import router as projects_router
from assistant.admission import Admission
from assistant.services import Services
from assistant.serving import ServiceHolder
from dgplan.errors import IndexNotReady
from dgplan.settings import Settings

SETTINGS_ENV = "DGPLAN_SERVE_SETTINGS_JSON"  # how `dgplan serve --workers N` hands settings to each worker


def create_app(settings: Settings, services: Services | None = None, watch: bool = True) -> FastAPI:
    """Build the app; the index is opened here, shared by all requests and swapped when ingest publishes anew."""
    holder = ServiceHolder(settings, services)
    if services is None:
        holder.refresh()
        if not holder.ready and settings.server.ui:
            raise IndexNotReady(holder.last_error or f"no index in {settings.index_dir}: run `dgplan ingest` first")
    app = FastAPI(
        title="dgplan",
        description="Cited answers about Thailand's Digital Government Development Plan 2566–2570 and related laws. "
        "Every error is `{\"error\": {\"th\", \"en\", \"detail\"}}`; busy servers answer 503 with Retry-After.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    metrics = Metrics()
    holder.on_swap.append(metrics.set_index_of)
    if holder.ready:
        metrics.set_index_of(holder.current)
    app.state.holder = holder
    app.state.services = holder.live()  # forwards to the version being served (routers of other features)
    app.state.settings = settings
    app.state.metrics = metrics
    install_error_handlers(app)
    install_offline_docs(app)
    app.include_router(ops_router)
    app.include_router(ask_router)
    app.include_router(documents_router)
    app.include_router(projects_router)
    app.include_router(plan_router)
    app.include_router(laws_router)
    install_admin_and_viewer(app, settings)  # the citation viewer (/view) and the admin API (/admin)
    server = settings.server
    table = RouteTable(app)
    # One bound on answers in flight for the process, taken by API requests and chat UI answers alike.
    admission = Admission(server.max_in_flight, server.max_queue, server.queue_timeout_s, server.retry_after_s)
    app.state.admission = admission
    # Outermost last: observe → method guard → body limit → work limiter → routes.
    app.add_middleware(WorkLimiter, admission=admission)
    app.add_middleware(BodyLimit, max_bytes=server.max_body_bytes)
    app.add_middleware(MethodGuard, table=table)
    app.add_middleware(RequestObserver, metrics=metrics)
    if watch:
        app.router.on_startup.append(holder.watch)
        app.router.on_shutdown.append(holder.stop)
    document_error_responses(app)  # after every router is included
    if settings.server.ui:
        from ui.mount import mount_ui

        return mount_ui(app, holder.live(), settings, admission)
    return app


def app_from_env() -> FastAPI:
    """The factory each `dgplan serve --workers N` process calls (settings arrive as JSON in the environment)."""
    from dgplan.settings import Settings

    return create_app(Settings.model_validate(json.loads(os.environ[SETTINGS_ENV])))
