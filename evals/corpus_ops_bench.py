"""Measure corpus operations on a COPY of a full index: remove, add a 20-page PDF, replace one page, sync --check.

    cp -r test-output/data /tmp/admin-data
    .venv/bin/python -m evals.corpus_ops_bench --data-dir /tmp/admin-data --mirror ../shared/corpus

"Served" means a freshly opened snapshot (what a running server swaps to after an ingest publishes) answers the
search; the server's own swap delay (it polls for new versions) comes on top. The mirror is copied, never edited.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from assistant.schemas import SearchRequest
from assistant.services import build_services
from corpus.admin import DocumentMeta
from dgplan.settings import Settings, load_settings
from evals.pdf_samples import text_pdf
from index.chunk_record import read_chunks
from index.corpus_diff import diff_corpus
from index.corpus_ops import CorpusOps
from index.versions import VersionStore

PAGES = 20
CHANGED_PAGE = 7


def _page_text(n: int, variant: str = "") -> str:
    """Latin text (no Thai font is needed) with a word unique to each page, so search can find the page."""
    body = (
        f"Benchmark service handbook, page {n}. Counter zorblat{n:02d}{variant} handles appointment requests, "
        "document checks and fee payments for citizens who contact the agency through its electronic channel. "
    )
    return body * 6


def _found(settings: Settings, query: str, doc_id: str) -> tuple[bool, float]:
    """Whether a freshly opened snapshot's search returns the document, and the open+search seconds."""
    t = time.perf_counter()
    services = build_services(settings)
    hits = services.ask.search(SearchRequest(query=query, top_k=10)).results
    return any(h.doc_id == doc_id for h in hits), time.perf_counter() - t


def run(data_dir: Path, mirror: Path) -> None:
    settings = load_settings(None, data_dir=data_dir)
    ops = CorpusOps(settings, key_id="bench")
    if ops.editor.entry("bench-handbook") is not None:  # left by an interrupted run: not part of the figures
        ops.remove("bench-handbook")
    docs = build_services(settings).snapshot.documents
    victim = next(d for d in docs if d["kind"] == "announcement")
    query = victim["title"]
    present, _ = _found(settings, query, victim["doc_id"])
    print(f"index {VersionStore(settings.index_dir).current()}: {len(docs)} documents")

    t0 = time.perf_counter()
    removed = ops.remove(victim["doc_id"])
    t_ingest = time.perf_counter() - t0
    still, t_open = _found(settings, query, victim["doc_id"])
    report = removed.report
    assert report is not None
    print(
        f"remove {victim['doc_id']}: found before={present} after={still}; ingest {t_ingest:.1f} s "
        f"({', '.join(f'{k} {v:.1f}' for k, v in report.timings_s.items())}), open+search {t_open:.1f} s, "
        f"done and served in {t_ingest + t_open:.1f} s (target ≤ 5 s)"
    )

    pages = [_page_text(n) for n in range(1, PAGES + 1)]
    meta = DocumentMeta(kind="other", title="Benchmark service handbook", doc_id="bench-handbook")
    t0 = time.perf_counter()
    added = ops.add(text_pdf(pages), "bench-handbook.pdf", meta)
    t_add = time.perf_counter() - t0
    ok, t_open = _found(settings, f"zorblat{CHANGED_PAGE:02d}", "bench-handbook")
    report = added.report
    assert report is not None
    embed = report.timings_s.get("embed", 0.0)
    total = t_add + t_open
    print(
        f"add {PAGES}-page PDF: {report.chunks_embedded} chunks embedded in {embed:.1f} s; searchable={ok} "
        f"{total:.1f} s after the call = embedding + {total - embed:.1f} s (target embedding + 10 s)"
    )

    _, before_dir = VersionStore(settings.index_dir).require_current()
    page_chunks = [c for c in read_chunks(before_dir) if c.doc_id == "bench-handbook" and c.page == CHANGED_PAGE]
    pages[CHANGED_PAGE - 1] = _page_text(CHANGED_PAGE, "x")
    t0 = time.perf_counter()
    replaced = ops.add(text_pdf(pages), "bench-handbook.pdf", meta, replace=True)
    t_rep = time.perf_counter() - t0
    ok, _ = _found(settings, f"zorblat{CHANGED_PAGE:02d}x", "bench-handbook")
    report = replaced.report
    assert report is not None
    print(
        f"replace with page {CHANGED_PAGE} changed: {report.chunks_embedded} chunks re-embedded "
        f"(page {CHANGED_PAGE} has {len(page_chunks)} chunk(s)), {report.chunks_cached} from cache, "
        f"{t_rep:.1f} s; new text searchable={ok}"
    )

    with tempfile.TemporaryDirectory(prefix="dgplan-mirror-") as tmp:
        copy = Path(tmp) / "corpus"
        shutil.copytree(mirror, copy)
        t0 = time.perf_counter()
        ops.sync(copy, None)
        t_sync = time.perf_counter() - t0
        t0 = time.perf_counter()
        clean = diff_corpus(settings, mirror=copy)
        t_check = time.perf_counter() - t0
        print(f"sync from mirror copy: {t_sync:.1f} s; then sync --check ({t_check:.1f} s):")
        print("  " + clean.summary().splitlines()[0])
        target = next(p for p in sorted((copy / "laws").glob("*.txt")))
        target.chmod(0o644)
        target.write_text(target.read_text(encoding="utf-8") + "\nบรรทัดที่เพิ่มเพื่อทดสอบ\n", encoding="utf-8")
        edited = diff_corpus(settings, mirror=copy)
        print(f"after editing {target.relative_to(copy)} in the copy:")
        print("  " + "\n  ".join(edited.summary().splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="A COPY of a full data directory.")
    parser.add_argument("--mirror", type=Path, default=Path("../shared/corpus"), help="Mirror to copy and check.")
    args = parser.parse_args()
    run(args.data_dir, args.mirror)


if __name__ == "__main__":
    main()
