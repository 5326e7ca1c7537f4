"""`dgplan feedback export --as-eval`: 👎 answers with a correction become candidate eval questions."""

from __future__ import annotations

import json
from pathlib import Path

from evals.question_set import EvalQuestion
from tests.conftest import run_cli
from ui.feedback_store import FeedbackStore

CITATION = {
    "n": 1, "doc_id": "mini-act", "title": "พ.ร.บ.", "section": "มาตรา 4", "page": 2,
    "text": "มาตรา ๔ คณะกรรมการมีหน้าที่จัดทำแผนบริการดิจิทัลเสนอต่อคณะรัฐมนตรีภายในหนึ่งร้อยยี่สิบวัน",
    "chunk_id": "mini-act:0003",
}  # fmt: skip


def test_only_corrected_thumbs_down_are_exported_in_the_eval_shape(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = FeedbackStore.in_data_dir(data)
    store.add("คำถามดี", "คำตอบ [1]", [CITATION], rating=1, comment="ดีมาก")
    store.add("คำถามไม่มีความเห็น", "คำตอบ [1]", [CITATION], rating=-1)
    store.add("คณะกรรมการต้องเสนอแผนภายในกี่วัน", "ภายใน 90 วัน [1]", [CITATION], rating=-1,
              comment="หนึ่งร้อยยี่สิบวัน", language="th")  # fmt: skip
    out = tmp_path / "candidates.jsonl"
    proc = run_cli("feedback", "export", "--as-eval", "--out", str(out), env={"DGPLAN_DATA_DIR": str(data)})
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1
    q = EvalQuestion.model_validate(lines[0])
    assert (q.question, q.doc_id, q.answer_keys, q.category) == (
        "คณะกรรมการต้องเสนอแผนภายในกี่วัน", "mini-act", ["หนึ่งร้อยยี่สิบวัน"], "law",
    )  # fmt: skip
    assert q.evidence and "หนึ่งร้อยยี่สิบวัน" in q.evidence
    assert lines[0]["review"]["answer_given"] == "ภายใน 90 วัน [1]"
