"""What a route needs from the app: the services of the index version being served."""

from __future__ import annotations

from fastapi import Request

from assistant.services import Services
from assistant.serving import ServiceHolder


def holder_of(request: Request) -> ServiceHolder:
    return request.app.state.holder


def services_of(request: Request) -> Services:
    """The live services, taken once per request so it finishes on the version it started with."""
    return holder_of(request).current
