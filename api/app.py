"""The application factory: one FastAPI app serving the API, OpenAPI docs and (optionally) the chat UI."""

from __future__ import annotations

from fastapi import FastAPI

from api.ask_router import router as ask_router
from api.documents_router import router as documents_router
from api.errors import install_error_handlers
from api.projects_router import router as projects_router
from assistant.services import Services, build_services
from dgplan.settings import Settings


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    """Build the app; the index is opened once here and shared by all requests."""
    services = services or build_services(settings)
    if settings.server.warmup:
        services.ask.warm_up()
    app = FastAPI(
        title="dgplan",
        description="Cited answers about Thailand's Digital Government Development Plan 2566–2570 and related laws.",
        version="0.1.0",
    )
    app.state.services = services
    app.state.settings = settings
    install_error_handlers(app)
    app.include_router(ask_router)
    app.include_router(documents_router)
    app.include_router(projects_router)
    if settings.server.ui:
        from ui.mount import mount_ui

        app = mount_ui(app, services, settings)
    return app

