"""The law library: syncing the Council of State collection, enabling it in settings, keeping core answers first."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import numpy as np
import pytest

from assistant.library_gate import LibraryGate
from corpus.collections import CORE_COLLECTION, LAW_LIBRARY, clean_title, enabled_specs
from corpus.law_library import sync_library
from corpus.manifest import read_corpus
from corpus.sync import sync_corpus
from dgplan.errors import CorpusError
from dgplan.settings import load_settings
from index.chunk_record import ChunkRecord
from index.vector_store import chroma_where, equal_filters
from tests.conftest import MINI_CORPUS, ROOT, SHARED_CORPUS, run_cli

BENCH_TARBALL = ROOT.parent / "shared" / "bench" / "thai-acts-2021.tar.xz"

# Short Acts written out here in the collection's layout (not copied from it).
_ACT_A = (
    "พระราชบัญญัติ\nว่าด้วยการทดสอบห้องสมุด\nพ.ศ. ๒๕๐๐\n \nมาตรา\n๑  พระราชบัญญัตินี้เรียกว่า ทดสอบ\n \n"
    "มาตรา\n๒ \nให้มีสำนักงานทดสอบ\n"
)
_ACT_B = "พระราชบัญญัติ\nข้อมูลข่าวสารของราชการ\nพ.ศ. ๒๕๔๐\n \nมาตรา\n๑  พระราชบัญญัตินี้เรียกว่า\n"
_CSV = (
    "title,law_url,sub_law_url,sysid,law_group,law_type\n"
    "พระราชบัญญัติทดสอบห้องสมุด พ.ศ. 2500 (ฉบับ Update ล่าสุด),https://example.invalid/get?sysid=100,,100,ก,พระราชบัญญัติ\n"
    "พระราชบัญญัติทดสอบห้องสมุด พ.ศ. 2500 (ฉบับ Update ล่าสุด),https://example.invalid/get?sysid=100,,100,ข,พระราชบัญญัติ\n"
    "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540,https://example.invalid/get?sysid=200,,200,ก,พระราชบัญญัติ\n"
)


def _tarball(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:xz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A tiny collection: Act 100 filed under two groups byte for byte, Act 200 once, and the index CSV."""
    return _tarball(
        tmp_path / "acts.tar.xz",
        {"law_url_df.csv": _CSV, "law/1/100.txt": _ACT_A, "law/2/100.txt": _ACT_A, "law/1/200.txt": _ACT_B},
    )


def _library(corpus: Path) -> list[dict[str, object]]:
    entries = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["documents"]
    return [e for e in entries if e.get("collection") == LAW_LIBRARY]


def test_sync_dedupes_and_marks_the_library(tmp_path: Path, collection: Path) -> None:
    corpus = tmp_path / "corpus"
    report = sync_library(corpus, collection)
    assert (report.files, report.distinct, report.selected) == (3, 2, ["act-100", "act-200"])
    entries = _library(corpus)
    first = entries[0]
    assert first["kind"] == "act" and first["title"] == "พระราชบัญญัติทดสอบห้องสมุด พ.ศ. 2500"
    assert first["source_url"] == "https://example.invalid/get?sysid=100"
    assert first["law_groups"] == ["ก", "ข"] and len(first["filed_as"]) == 2  # type: ignore[arg-type]
    assert (corpus / "law_library" / "100.txt").read_text(encoding="utf-8") == _ACT_A
    specs = read_corpus(corpus)
    assert {s.collection for s in specs} == {LAW_LIBRARY}
    again = sync_library(corpus, collection)
    assert again.written == [] and again.unchanged == ["act-100", "act-200"]
    sliced = sync_library(corpus, collection, limit=1)
    assert sliced.removed == ["act-200"] and [e["id"] for e in _library(corpus)] == ["act-100"]
    assert not (corpus / "law_library" / "200.txt").exists()
    only = sync_library(corpus, collection, only="ข้อมูลข่าวสาร")
    assert [e["id"] for e in _library(corpus)] == ["act-200"] and only.removed == ["act-100"]


def test_a_core_sync_keeps_the_library_and_the_library_sync_keeps_core(tmp_path: Path, collection: Path) -> None:
    data = tmp_path / "data"
    sync_corpus(data, mirror=MINI_CORPUS)
    sync_library(data / "corpus", collection)
    sync_corpus(data, mirror=MINI_CORPUS)  # a later core sync must not drop the library
    specs = read_corpus(data / "corpus")
    assert sorted(s.doc_id for s in specs if s.collection == LAW_LIBRARY) == ["act-100", "act-200"]
    assert {s.doc_id for s in specs if s.collection == CORE_COLLECTION} == {"mini-act", "mini-plan", "nan-transport"}


def test_enabled_specs_default_core_and_core_shadows_the_same_act(tmp_path: Path, collection: Path) -> None:
    data = tmp_path / "data"
    sync_corpus(data, mirror=MINI_CORPUS)
    sync_library(data / "corpus", collection)
    specs = read_corpus(data / "corpus")
    assert load_settings().corpus.collections == ["core"]
    kept, shadowed = enabled_specs(specs, load_settings().corpus.collections)
    assert {s.collection for s in kept} == {CORE_COLLECTION} and shadowed == []
    core_copy = next(s for s in specs if s.doc_id == "mini-act")
    twin = type(core_copy)(**{**core_copy.__dict__, "doc_id": "act-x", "collection": LAW_LIBRARY,
                              "title": core_copy.title + " (ฉบับ Update ล่าสุด)"})
    kept, shadowed = enabled_specs([*specs, twin], ["core", LAW_LIBRARY])
    assert shadowed == ["act-x"] and {"act-100", "act-200"} <= {s.doc_id for s in kept}
    assert clean_title("พระราชบัญญัติ ก พ.ศ. 2517 (ฉบับ Update ล่าสุด)") == "พระราชบัญญัติ ก พ.ศ. 2517"


def test_enabling_the_library_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DGPLAN_CORPUS__COLLECTIONS", '["core", "law_library"]')
    assert load_settings().corpus.collections == ["core", "law_library"]


@pytest.mark.parametrize(
    ("files", "word"),
    [
        (None, "tarball"),
        ({"law/1/100.txt": _ACT_A}, "law_url_df.csv"),
        ({"law_url_df.csv": _CSV}, ".txt"),
    ],
)
def test_bad_collections_are_refused_in_thai_and_english(
    tmp_path: Path, files: dict[str, str] | None, word: str
) -> None:
    if files is None:
        source = tmp_path / "broken.tar.xz"
        source.write_bytes(b"\xfd7zXZ\x00 this is not a whole archive")
    else:
        source = _tarball(tmp_path / "partial.tar.xz", files)
    with pytest.raises(CorpusError) as err:
        sync_library(tmp_path / "corpus", source)
    message = str(err.value)
    assert word in message and any("\u0e00" <= ch <= "\u0e7f" for ch in message)
    assert not (tmp_path / "corpus" / "manifest.json").exists()


def test_cli_reports_a_bad_tarball_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "acts.tar.xz"
    bad.write_bytes(b"not an archive")
    proc = run_cli("corpus", "sync", "--from", str(bad), "--data-dir", str(tmp_path / "data"), "--no-ingest")
    assert proc.returncode == 1 and "tarball" in proc.stderr and "อ่าน tarball" in proc.stderr


def _chunk(i: int, collection: str) -> ChunkRecord:
    return ChunkRecord(f"d{i}:0000", f"d{i}", "เอกสาร", "act" if collection != "core" else "plan", "ข้อความ", 0, 7,
                       collection=collection)


def test_library_gate_admits_law_questions_only_and_weighs_core_first() -> None:
    gate = LibraryGate([_chunk(0, "core"), _chunk(1, LAW_LIBRARY)], prior=0.8)
    assert gate.admits("มาตรา 4 ของพระราชบัญญัติว่าด้วยการจัดตั้งองค์การของรัฐบาล บัญญัติว่าอย่างไร")
    assert gate.admits("What does section 4 of the Act say?")
    assert gate.admits("ม.๑๓ กำหนดไว้วาอยางไร")  # Thai digits, tone marks left out
    assert not gate.admits("ยุทธศาสตร์ที่ 1 ของแผนพัฒนารัฐบาลดิจิทัลคืออะไร")
    assert gate.admits("แล้วมีโทษอย่างไร", subject_docs=["d1"])  # a follow-up on a library Act
    mask = np.ones(2, dtype=bool)
    assert gate.restrict(mask, False).tolist() == [True, False] and gate.restrict(mask, True).tolist() == [True, True]
    assert chroma_where(gate.filters(None, False)) == {"collection": "core"} and gate.filters(None, True) is None
    law = equal_filters(("kind", "law"))
    assert chroma_where(gate.filters(law, False)) == {"$and": [{"kind": "law"}, {"collection": "core"}]}
    fused = np.array([1.0, 1.0])
    gate.weigh(fused, True)
    assert fused.tolist() == [1.0, 0.8]
    without = LibraryGate([_chunk(0, "core")], prior=0.8)  # no library indexed: nothing changes
    assert not without.admits("มาตรา 4") and without.filters(None, False) is None
    assert without.restrict(mask, False) is mask


@pytest.mark.slow
def test_five_acts_from_the_collection_are_ingested_and_cited_by_section(
    tmp_path: Path, mini_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.schemas import AskRequest
    from assistant.services import build_services
    from index.build import run_ingest

    if not BENCH_TARBALL.is_file():
        pytest.fail(f"the Thai Acts collection is missing: {BENCH_TARBALL}")
    report = sync_library(mini_corpus, BENCH_TARBALL, only="^(305153|312727|302212|318993|302679)$")
    assert (report.files, report.distinct) == (1161, 671)  # the same Act filed under several groups, once
    assert len(report.selected) == 5 and not report.untitled

    off = load_settings(None, data_dir=tmp_path / "data", corpus_dir=mini_corpus)
    assert run_ingest(off, progress=False).documents == 3  # disabled by default: the library is not indexed

    monkeypatch.setenv("DGPLAN_CORPUS__COLLECTIONS", '["core", "law_library"]')
    on = load_settings(None, data_dir=tmp_path / "data", corpus_dir=mini_corpus)
    first = run_ingest(on, progress=False)
    assert first.documents == 8 and sorted(first.added) == sorted(report.selected) and not first.failed
    assert run_ingest(on, progress=False).status == "unchanged"

    services = build_services(on)
    library = [c for c in services.snapshot.chunks if c.collection == LAW_LIBRARY]
    assert {c.kind for c in library} == {"act"} and any(c.section == "มาตรา 4" for c in library)
    assert services.snapshot.term_n == len(services.snapshot.chunks) - len(library)  # core term statistics only
    answer = services.ask.ask(
        AskRequest(question="ตามพระราชบัญญัติว่าด้วยการจัดตั้งองค์การของรัฐบาล องค์การที่จัดตั้งขึ้นมีฐานะเป็นอะไร")
    )
    assert not answer.abstained and "นิติบุคคล" in answer.answer.splitlines()[0]
    top = answer.citations[0]
    assert top.doc_id == "act-305153" and top.section == "มาตรา 4"
    assert top.source_url == "https://www.krisdika.go.th/librarian/get?sysid=305153&ext=htm"
    # an Act named by its title ("พ.ร.บ." written short): only its own passages, not the same duty in the others
    named = services.ask.retriever.search("ตาม พ.ร.บ.ว่าด้วยการจัดตั้งองค์การของรัฐบาล ใครเป็นผู้รักษาการ", top_k=5)
    assert named.hits and {h.chunk.doc_id for h in named.hits} == {"act-305153"}
    plan = services.ask.ask(AskRequest(question="แผนทดสอบรัฐบาลดิจิทัลมีระยะเวลาของแผนกี่ปี"))
    assert all(c.doc_id in {"mini-act", "mini-plan", "nan-transport"} for c in plan.citations)


def _shortest_acts(tarball: Path, n: int, min_bytes: int = 3000) -> list[str]:
    """The sysids of the ``n`` shortest distinct Acts of the collection (each at least ``min_bytes`` long)."""
    sizes: dict[str, int] = {}
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.endswith(".txt"):
                sysid = Path(member.name).stem
                sizes[sysid] = min(member.size, sizes.get(sysid, member.size))
    return [sysid for _, sysid in sorted((size, sysid) for sysid, size in sizes.items() if size >= min_bytes)[:n]]


@pytest.mark.benchmark
def test_a_thirty_act_slice_of_the_scale_run_on_a_chroma_server(tmp_path: Path, real_data_dir: Path) -> None:
    """CI's slice of the scale run: 30 Acts beside the core corpus on `chroma run`, the figures printed (the full
    collection's are in the README). The core's vectors come from the real index's embedding cache."""
    from evals.library_bench import render, run_bench

    if not BENCH_TARBALL.is_file():
        pytest.fail(f"the Thai Acts collection is missing: {BENCH_TARBALL}")
    sysids = _shortest_acts(BENCH_TARBALL, 30)
    saved = dict(os.environ)
    try:
        result = run_bench(
            BENCH_TARBALL,
            data_dir=tmp_path / "library",
            core=SHARED_CORPUS,
            limit=None,
            only="^(" + "|".join(sysids) + ")$",
            cache_from=real_data_dir / "index" / "embedding-cache.sqlite",
            questions=20,
            chroma_server=True,
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    print(render(result))
    assert len(sysids) == 30 and result["documents"]["library"] == 30
    assert result["ingest_unchanged"]["status"] == "unchanged"
    assert result["chunks"]["library"] > 30 and result["disk_mb"]["chroma_server"] > 0
    assert result["chroma_rss_serving_mb"] > 0 and result["api_rss_mb"] > 0
    assert result["latency"]["/ask"]["requests"] == 20 and result["latency"]["/search"]["requests"] == 20
