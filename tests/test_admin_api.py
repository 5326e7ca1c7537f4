"""The admin API over real HTTP on its own copy of the mini index: keys, refusals, jobs, effects, audit."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.admin_router import create_admin_app
from api.app import create_app
from corpus import audit_log
from dgplan.settings import Settings
from evals.pdf_samples import bomb_pdf, text_pdf
from index.build import run_ingest
from index.versions import VersionStore
from tests.conftest import MINI_CORPUS
from tests.net import serve_in_thread

KEY = "test-admin-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
LIMIT_MB = 0.25


@pytest.fixture(scope="module")
def admin_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = tmp_path_factory.mktemp("admin_api")
    shutil.copytree(MINI_CORPUS, base / "data" / "corpus")
    settings = Settings(
        data_dir=base / "data", mirror=MINI_CORPUS, server={"ui": False, "warmup": False},
        admin={"key": KEY, "max_upload_mb": LIMIT_MB},
    )
    run_ingest(settings, progress=False)
    return settings


@pytest.fixture(scope="module")
def client(admin_settings: Settings) -> Iterator[httpx.Client]:
    with serve_in_thread(create_app(admin_settings)) as base, httpx.Client(base_url=base, timeout=120) as c:
        yield c


def _error(resp: httpx.Response, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert err["th"] and err["en"] and "Traceback" not in resp.text
    return err


def _wait_job(client: httpx.Client, job_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/admin/jobs/{job_id}", headers=AUTH).json()
        if job["done"]:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.3)


def _wait_served(client: httpx.Client, version: str, timeout: float = 15) -> float:
    """Seconds until /health reports the job's index version (the server's hot swap)."""
    t0 = time.monotonic()
    while client.get("/health").json().get("index_version") != version:
        assert time.monotonic() - t0 < timeout, f"server still on {client.get('/health').json()}"
        time.sleep(0.2)
    return time.monotonic() - t0


def _doc_ids(client: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in client.get("/documents").json()["documents"]}


def _unchanged(settings: Settings) -> tuple[bytes, str | None]:
    return (settings.data_dir / "corpus" / "manifest.json").read_bytes(), VersionStore(settings.index_dir).current()


ROUTES = [
    ("POST", "/admin/documents", {"files": {"file": ("a.txt", b"text")}}),
    ("PUT", "/admin/documents/mini-act", {"files": {"file": ("a.txt", b"text")}}),
    ("DELETE", "/admin/documents/mini-act", {}),
    ("POST", "/admin/sync", {}),
    ("GET", "/admin/jobs/abc", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), ROUTES)
def test_every_admin_route_needs_the_key(
    client: httpx.Client, admin_settings: Settings, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    before = _unchanged(admin_settings)
    _error(client.request(method, path, **kwargs), 401)
    _error(client.request(method, path, headers={"Authorization": "Bearer wrong-key"}, **kwargs), 403)
    _error(client.request(method, path, headers={"X-Admin-Key": "wrong"}, **kwargs), 403)
    assert _unchanged(admin_settings) == before
    denied = [e for e in audit_log.read_all(admin_settings.data_dir) if e["outcome"] == "denied"]
    assert denied and KEY not in json.dumps(denied)


def test_admin_api_is_off_without_a_key(tmp_path: Path) -> None:
    with serve_in_thread(create_admin_app(Settings(data_dir=tmp_path / "data"))) as base:
        resp = httpx.delete(f"{base}/documents/mini-act", headers=AUTH)
        assert "disabled" in _error(resp, 404)["en"]


@pytest.mark.parametrize(
    ("name", "data", "fields", "status", "code"),
    [
        ("x.md", b"# ok\ntext", {"doc_id": "../../etc/passwd"}, 422, "bad_id"),
        ("big.txt", b"a" * int(LIMIT_MB * 1_000_000 + 100_000), {}, 413, "too_large"),
        ("report.pdf", "ข้อความธรรมดา ไม่ใช่ PDF".encode(), {}, 415, "type_mismatch"),
        ("bomb.pdf", bomb_pdf(), {}, 422, "pdf_bomb"),
        ("x.md", b"# ok\ntext", {"doc_id": "mini-act"}, 409, "exists"),
        ("x.md", b"# ok\ntext", {"kind": "novel"}, 422, "bad_kind"),
    ],
)
def test_unsafe_uploads_are_refused_and_change_nothing(
    client: httpx.Client, admin_settings: Settings, name: str, data: bytes, fields: dict[str, str], status: int,
    code: str,
) -> None:  # fmt: skip
    before = _unchanged(admin_settings)
    resp = client.post("/admin/documents", headers=AUTH, files={"file": (name, data)}, data=fields)
    err = _error(resp, status)
    assert err["detail"]["code"] == code and err["detail"]["reason"]
    assert _unchanged(admin_settings) == before
    assert audit_log.read_all(admin_settings.data_dir)[-1]["reason"] == code


def test_path_traversal_in_the_url_is_refused(client: httpx.Client, admin_settings: Settings) -> None:
    before = _unchanged(admin_settings)
    assert client.delete("/admin/documents/..", headers=AUTH).status_code != 202  # normalised away by the client
    for doc_id in ("a..b", "..%2Fcorpus", "%2E%2E"):
        resp = client.delete(f"/admin/documents/{doc_id}", headers=AUTH)
        assert resp.status_code in (404, 422), resp.text
        assert resp.json()["error"]["en"]
    assert _unchanged(admin_settings) == before


def test_add_replace_remove_through_the_api(client: httpx.Client, admin_settings: Settings) -> None:
    pdf = text_pdf(["Kiosk quuxbar opens at eight.", "Kiosk fees are waived for seniors."])
    resp = client.post(
        "/admin/documents", headers=AUTH, files={"file": ("kiosk guide.pdf", pdf)},
        data={"kind": "standard", "title": "Kiosk guide", "source_url": "https://example.invalid/kiosk.pdf"},
    )  # fmt: skip
    assert resp.status_code == 202, resp.text
    assert resp.json()["doc_id"] == "kiosk-guide"
    job = _wait_job(client, resp.json()["job_id"])
    assert job["state"] == "done", job
    assert job["result"]["ingest"]["added"] == ["kiosk-guide"]
    _wait_served(client, job["result"]["index_version"])
    assert "kiosk-guide" in _doc_ids(client)
    hits = client.post("/search", json={"query": "quuxbar kiosk", "top_k": 3}).json()["results"]
    assert hits[0]["doc_id"] == "kiosk-guide"

    pdf2 = text_pdf(["Kiosk quuxbar opens at eight.", "Kiosk fees are waived for students."])
    resp = client.put("/admin/documents/kiosk-guide", headers=AUTH, files={"file": ("kiosk.pdf", pdf2)})
    job = _wait_job(client, resp.json()["job_id"])
    assert job["state"] == "done", job
    ingest = job["result"]["ingest"]
    assert "kiosk-guide" in ingest["changed"] and ingest["chunks_embedded"] <= 2

    resp = client.delete("/admin/documents/kiosk-guide", headers=AUTH)
    job = _wait_job(client, resp.json()["job_id"])
    assert job["state"] == "done" and job["result"]["ingest"]["removed"] == ["kiosk-guide"]
    _wait_served(client, job["result"]["index_version"])
    assert "kiosk-guide" not in _doc_ids(client)
    hits = client.post("/search", json={"query": "quuxbar kiosk", "top_k": 10}).json()["results"]
    assert all(h["doc_id"] != "kiosk-guide" for h in hits)
    _error(client.get("/documents/kiosk-guide"), 404)

    entries = [e for e in audit_log.read_all(admin_settings.data_dir) if e["outcome"] == "ok"]
    assert [e["action"] for e in entries][-3:] == ["add", "replace", "remove"]
    assert all(e["key_id"].startswith("key-") and KEY not in json.dumps(e) for e in entries)


def test_sync_check_through_the_api(client: httpx.Client, admin_settings: Settings) -> None:
    resp = client.post("/admin/sync", params={"check": "true"}, headers=AUTH)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["differences"], body["unchanged"]) == (0, 3), body
