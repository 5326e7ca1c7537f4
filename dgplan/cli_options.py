"""The options every command shares (--config, --data-dir) and the one way a command loads settings and logging."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from dgplan.settings import Settings, load_settings

ConfigOpt = Annotated[Path | None, typer.Option("--config", "-c", help="YAML settings file (or $DGPLAN_CONFIG).")]
DataOpt = Annotated[
    Path | None, typer.Option("--data-dir", help="Data directory (default ./data or $DGPLAN_DATA_DIR).")
]


def command_settings(config: Path | None, data_dir: Path | None, **extra: object) -> Settings:
    """Settings from file/environment/flags, with logging configured at the settings' level."""
    settings = load_settings(config, data_dir=data_dir, **extra)
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    return settings
