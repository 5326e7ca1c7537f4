"""GET /plan, GET /plan/strategies/{n} and plan questions on /ask, over a real uvicorn server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from dgplan.settings import Settings
from index.plan.config import plan_config
from index.plan.extract import extract_plan
from index.plan.model import PLAN_FILE

from .net import serve_in_thread
from .test_plan_structure import PAGE_1, PAGE_2, PAGE_3, PAGE_4, PAGE_5, _document


@pytest.fixture(scope="module")
def base_url(mini_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the mini index whose plan structure is the test excerpt's, served by uvicorn."""
    data = tmp_path_factory.mktemp("plan_api") / "data"
    shutil.copytree(mini_index.data_dir, data)
    index_dir = data / "index"
    version = index_dir / "versions" / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5)])
    extract_plan(doc, plan_config(doc.doc_id)).save(Path(version) / PLAN_FILE)
    settings = Settings(data_dir=data, corpus_dir=mini_index.corpus_dir, server={"ui": False})
    with serve_in_thread(create_app(settings)) as url:
        yield url


def test_plan_routes(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        plan = client.get("/plan").json()
        assert plan["vision"]["page"] == 2 and "บริการภาครัฐสะดวก ทดสอบ" in plan["vision"]["text"]
        assert [s["number"] for s in plan["strategies"]] == [1, 2]
        one = client.get("/plan/strategies/1").json()
        assert one["name"] == "ทดสอบการเปลี่ยนผ่าน" and one["heading"]["page"] == 4
        assert (one["indicators"][0]["year"], one["indicators"][0]["target"]) == (2570, "คิดเป็นร้อยละ 100")
        assert one["measures"][0]["steps"][0]["fact"]["text"] == "ขั้นแรก"
        missing = client.get("/plan/strategies/9")
        assert missing.status_code == 404
        assert client.get("/plan/strategies/0").status_code == 422


def test_plan_questions_on_ask(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        data = client.post("/ask", json={"question": "ยุทธศาสตร์ที่ 2 ชื่อว่าอะไร"}).json()
        assert data["mode"] == "plan" and not data["abstained"]
        assert data["answer"].splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
        assert data["citations"][0]["page"] == 5 and data["citations"][0]["section"] == "ยุทธศาสตร์ที่ 2"
        later = client.post("/ask", json={"question": "ยุทธศาสตร์ที่ 1 ตั้งเป้าร้อยละของหน่วยงานที่มีข้อมูลภายในปี 2575 ไว้เท่าไร"})
        assert later.json()["abstained"]
