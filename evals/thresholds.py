"""The --check gate: compare a run's metrics with the minimums and maximums in thresholds.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

THRESHOLDS_DIR = Path(__file__).resolve().parent / "thresholds"
DEFAULT_THRESHOLDS = THRESHOLDS_DIR / "test.yaml"


def split_thresholds(split: str) -> Path:
    """The gate of one split: ``thresholds/<split>.yaml``."""
    return THRESHOLDS_DIR / f"{split}.yaml"


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> dict[str, Any]:
    """The thresholds mapping ({} when the file is empty)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def _compare(scope: str, metrics: dict[str, Any], limits: dict[str, Any]) -> list[str]:
    """Breaches of one scope's min/max limits; an unmeasured (None) metric is not a breach."""
    out: list[str] = []
    for bound, worse in (("min", lambda v, t: v < t), ("max", lambda v, t: v > t)):
        for name, limit in (limits.get(bound) or {}).items():
            if name not in metrics:
                out.append(f"{scope}: unknown metric {name!r}")
                continue
            value = metrics[name]
            if value is not None and worse(value, limit):
                sign = ">=" if bound == "min" else "<="
                out.append(f"{scope}: {name} = {value:.3f} (needs {sign} {limit})")
    return out


def check_thresholds(
    overall: dict[str, Any],
    categories: dict[str, dict[str, Any]],
    thresholds: dict[str, Any],
    groups: dict[str, dict[str, Any]] | None = None,
) -> list[str]:
    """Every breached limit as a readable line; empty means the run passes."""
    failures = _compare("overall", overall, thresholds)
    for name, limits in (thresholds.get("groups") or {}).items():
        if groups and name in groups:
            failures += _compare(f"group {name}", groups[name], limits or {})
    for cat, limits in (thresholds.get("categories") or {}).items():
        if cat in categories:  # a subset without the category cannot breach its limits
            failures += _compare(cat, categories[cat], limits or {})
    return failures
