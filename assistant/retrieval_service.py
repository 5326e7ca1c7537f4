"""Hybrid retrieval: BM25 (key words + key character n-grams) and dense e5 vectors, fused by weighted RRF.

A llama-index ``BaseRetriever`` over the two retrievers of ``retrievers.py``, its structure boosts the node
postprocessors of ``structure_boosts.py``; ``retrieve(QueryBundle)`` gives nodes for a query engine
(``query_engine.py``), ``search`` the ranked chunks with their evidence for the answerers.

Fusion is our own weighted RRF, not llama-index's ``QueryFusionRetriever``: that one weighs every retriever
alike (ours weighs BM25 0.4 for English questions, whose BM25 sees only glossary Thai), ranks from 1/(k + r)
instead of 1/(k + r + 1), merges nodes by content hash (two chunks of the same text would become one) and
breaks ties in another order, so its ranking, and the answers, would differ.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant.conversation_subject import SubjectTracker, Turn, notice_issuer
from assistant.library_gate import LibraryGate
from assistant.list_items import announced_list_open
from assistant.query_rewrite import LatinSpelling, LocalOffices, RewrittenQuery, alias_table, rewrite_query
from assistant.retrievers import ChunkNodes, DenseRetriever, ThaiBM25Retriever
from assistant.sentences import LEAD_IN_WORDS, LIST_LEAD_RE, segments
from assistant.structure_boosts import (
    FusionState,
    HybridQueryBundle,
    LibraryPrior,
    NamedKindFirst,
    StructureBoost,
    candidates,
    fused_array,
)
from corpus.law_library import ACT_KIND
from corpus.thai_text import arabic_digits, compact_key, thai_key
from dgplan.settings import RetrievalSettings
from index.chunk_record import ChunkRecord
from index.snapshot import IndexSnapshot
from index.vector_store import equal_filters

# A text does not end on a word that announces what follows: a lead-in ("ดังนี้", ":"), the era before a year
# ("พ.ศ."), an ordinal's "ที่", a word a figure follows ("ร้อยละ", "จำนวน": Thai writes them before the number), a
# list number ("3.") or an open bracket. A chunk ending so was cut by size.
# A list item's bare number ("๒)", "3.") ends a chunk the list runs on from; "(๒)" may be a section's clause cited.
_ITEM_NUMBER = r"(?<![0-9๐-๙.])[0-9๐-๙]{1,2}\.|(?<![0-9๐-๙.(])[0-9๐-๙]{1,2}\)"
_OPEN_END_RE = re.compile(rf"(?:{LEAD_IN_WORDS}|พ\.ศ\.|ที่|ร้อยละ|จำนวน|{_ITEM_NUMBER}|\()\s*$")


_LEAD_WORD_RE = re.compile(LEAD_IN_WORDS)
_CLAUSE_RE = re.compile(r"\([0-9๐-๙]{1,2}\)")  # a section's numbered clause "(๓)"
_CLAUSE_TAIL = 300  # a chunk whose last this many characters open a clause was cut inside the clause list
_ITEM_MARK_RE = re.compile(rf"(?:{_ITEM_NUMBER})\s*$")  # a chunk ending on a list item's bare number ("๒)")
# A chunk opening on a conjunction goes on the sentence the chunk before was cut in ("…พิจารณาปรับ (ร่าง) แผนฯ" |
# "ตามข้อเสนอแนะ…"); "ตามที่ … นั้น" opens a sentence of its own
_CONTINUES_RE = re.compile(r"^\s*(?:และ|หรือ|ซึ่ง|แต่|รวมทั้ง|รวมถึง|ตลอดจน|ตาม(?!ที่))")


@dataclass
class ScoredChunk:
    """A retrieved chunk with its fused score and the evidence behind it."""

    chunk: ChunkRecord
    score: float
    bm25: float = 0.0
    dense: float = 0.0
    bm25_rank: int | None = None
    dense_rank: int | None = None
    ngram_rank: int | None = None


@dataclass
class RetrievalResult:
    query: RewrittenQuery
    hits: list[ScoredChunk]
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def top_dense(self) -> float:
        return max((h.dense for h in self.hits), default=0.0)


_SECTION_RE = re.compile(r"มาตรา\s*([0-9]+(?:/[0-9]+)?)")
_PROJECT_RE = re.compile(r"(?<![0-9.])([1-4]\.[0-9]{1,2})(?![0-9])")

# The plan named as the source of what is asked: "ตามแผนฯ", "แผนพัฒนารัฐบาลดิจิทัล", "according to the plan".
_PLAN_NAMED_RE = re.compile(r"แผน(?:ฯ|พัฒนา)|ตามแผน|\bplan\b", re.IGNORECASE)
_ACT_KINDS = ("law", ACT_KIND)  # the core corpus's Acts and the law library's

# A reference number ("ครั้งที่ 5/2565", "คำสั่ง … ที่ 239/2563", "meeting no. 1/2565"): number/Buddhist-era year
_REFERENCE_RE = re.compile(r"(?<![0-9/])([0-9]{1,4}/25[0-9]{2})(?![0-9])")
# An English name of two or more words inside a Thai question ("หลักการ Digital by Default", "(Once Only
# Principle)"), or in quotes in an English one: the plan prints its principles and programmes under such names
_LATIN_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ \-]+(?:&[ ]+)?[A-Za-z][A-Za-z0-9]*)+")
_QUOTED_RE = re.compile(r"[\"“”‘’']([^\"“”‘’']{3,80})[\"“”‘’']")
_NAME_MAX_CHUNKS = 8  # an anchor printed in more passages than this names a theme, not a passage
# share of the top fused score added to the passages an anchor names and to the passage after each (where a
# heading's or a meeting's content goes on); dev-calibrated: hit@5 .910 -> .918, MRR .726 -> .733 on the whole dev
_ANCHOR_BOOST = 1.0


class HybridRetriever(BaseRetriever):
    """Fuses lexical and dense rankings, then nudges chunks whose structure the query names."""

    def __init__(
        self,
        snapshot: IndexSnapshot,
        embedder: BaseEmbedding,
        settings: RetrievalSettings,
        aliases: dict[str, list[str]] | None = None,
        mode: str = "hybrid",  # hybrid | bm25 | dense (the last two are eval baselines)
        project_hint: Callable[[str], list[str]] | None = None,
    ) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.embedder = embedder
        self.settings = settings
        self.aliases = alias_table(aliases or {})
        self.mode = mode
        self.project_hint = project_hint  # question -> key-project numbers it names (from the registry)
        self._kinds = np.array([c.kind for c in snapshot.chunks])
        self._rows = {c.chunk_id: row for row, c in enumerate(snapshot.chunks)}
        self._doc_ids = np.array([c.doc_id for c in snapshot.chunks])
        self.library = LibraryGate(snapshot.chunks, settings.library_prior)
        self.nodes = ChunkNodes(snapshot)
        self.bm25_retriever = ThaiBM25Retriever(snapshot, settings.top_k, nodes=self.nodes)
        self.dense_retriever = DenseRetriever(
            snapshot, embedder, settings.top_k, max_chars=settings.dense_max_chars, nodes=self.nodes
        )
        # applied in order to the fused candidates before the top k are taken (see assistant/structure_boosts.py)
        self.boosts: list[BaseNodePostprocessor] = [
            StructureBoost(retriever=self),
            NamedKindFirst(retriever=self),
            LibraryPrior(retriever=self),
        ]
        self._title_keys = [thai_key(c.title) for c in snapshot.chunks]
        self._issuer_keys = [_issuer_key(c) for c in snapshot.chunks]
        self._latin_texts = [_latin_key(c.text) for c in snapshot.chunks]
        self._latin_rows: dict[str, set[int]] = {}  # Latin word -> rows printing it (a name's candidates)
        for row, text in enumerate(self._latin_texts):
            for word in set(text.split()):
                self._latin_rows.setdefault(word, set()).add(row)
        self._references: dict[str, set[int]] = {}  # "5/2565" -> rows that print it (Thai or Arabic digits)
        for row, c in enumerate(snapshot.chunks):
            for ref in reference_numbers(c.text):
                self._references.setdefault(ref, set()).add(row)
        # an Act's name without its year ("พระราชบัญญัติ… พ.ศ. 2565" -> "พระราชบัญญัติ…"), as a question names it
        self._act_keys = {
            d["doc_id"]: compact_key(d["title"].split(" พ.ศ.")[0])
            for d in snapshot.documents
            if d.get("kind") in _ACT_KINDS
        }
        # short forms of a word Act titles start with ("พ.ร.บ." -> พระราชบัญญัติ), to read the title a question names
        pairs = [(short, compact_key(full)) for short, fulls in self.aliases.items() for full in fulls]
        heads = {full for _, full in pairs if full and any(k.startswith(full) for k in self._act_keys.values())}
        self._title_shorts = sorted(
            [(short, full) for short, full in pairs if short and short != full and full in heads],
            key=lambda pair: -len(pair[0]),
        )
        notices = (d for d in snapshot.documents if d.get("kind") == "announcement")
        self.offices = LocalOffices(notice_issuer(d["title"]) for d in notices)
        self.spelling = LatinSpelling(snapshot.bm25.vocabulary)
        self.subjects = SubjectTracker(
            snapshot.chunks, snapshot.documents, snapshot.bm25, snapshot.term_df, self.aliases, project_hint
        )

    def search(
        self,
        question: str,
        top_k: int = 5,
        kind: str | None = None,
        doc_id: str | None = None,
        history_context: str = "",
        history: Sequence[Turn] = (),
    ) -> RetrievalResult:
        """Rank chunks for a question; earlier turns (``history`` as (role, text), or ``history_context``
        as plain text of earlier user questions) lend a follow-up their subject."""
        timings: dict[str, float] = {}
        t = time.perf_counter()
        rq = rewrite_query(question, self.aliases, self.offices, self.spelling)
        turns = list(history) or ([("user", history_context)] if history_context.strip() else [])
        if turns:
            rq = self.subjects.carry(rq, turns)
        timings["rewrite"] = (time.perf_counter() - t) * 1000
        n = len(self.snapshot.chunks)
        cand = min(self.settings.candidates, n)
        mask = np.ones(n, dtype=bool)
        if kind:
            mask &= self._kinds == kind
        if doc_id:
            mask &= self._doc_ids == doc_id
        library = bool(kind or doc_id) or self.library.admits(rq.normalized, rq.subject_doc_ids)
        if not (kind or doc_id) and library:
            doc_id = self._named_library_act(rq)  # "ตาม พ.ร.บ.X": among 25x more passages, only X's own
            if doc_id:
                mask &= self._doc_ids == doc_id
        mask = self.library.restrict(mask, library)

        bm25 = np.zeros(n, dtype=np.float32)
        if self.mode in ("hybrid", "bm25"):
            t = time.perf_counter()
            bm25 = self.bm25_retriever.scores(rq.lexical, mask)
            timings["bm25"] = (time.perf_counter() - t) * 1000

        ngram = np.zeros(n, dtype=np.float32)
        if self.mode == "hybrid" and self.settings.ngram_weight > 0:
            t = time.perf_counter()
            ngram = self.bm25_retriever.ngram_scores(rq.lexical, mask)
            timings["ngram"] = (time.perf_counter() - t) * 1000

        dense = np.zeros(n, dtype=np.float32)
        dense_order: list[int] = []
        qvec: list[float] | None = None
        if self.mode in ("hybrid", "dense"):
            t = time.perf_counter()
            qvec = self.dense_retriever.embed(rq.dense)
            timings["embed"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            filters = self.library.filters(equal_filters(("kind", kind), ("doc_id", doc_id)), library)
            for row, sim in self.dense_retriever.ranked(qvec, cand, filters):
                dense[row] = sim
                dense_order.append(row)
            timings["dense"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        fused = np.zeros(n, dtype=np.float64)
        k = self.settings.rrf_k
        bm25_order = [int(i) for i in np.argsort(-bm25)[:cand] if bm25[i] > 0]
        bm25_rank = {row: r for r, row in enumerate(bm25_order)}
        dense_rank = {row: r for r, row in enumerate(dense_order)}
        ngram_rank = {int(row): r for r, row in enumerate(np.argsort(-ngram)[:cand]) if ngram[row] > 0}
        bm25_weight = self.settings.bm25_weight * (self.settings.english_bm25_factor if rq.language == "en" else 1.0)
        for row, r in bm25_rank.items():
            fused[row] += bm25_weight / (k + r + 1)
        for row, r in ngram_rank.items():
            fused[row] += self.settings.ngram_weight / (k + r + 1)
        for row, r in dense_rank.items():
            fused[row] += self.settings.dense_weight / (k + r + 1)
        state = FusionState(rq, mask, qvec, bm25, bm25_weight, library, restricted=bool(kind or doc_id))
        bundle = HybridQueryBundle(query_str=question, embedding=qvec, state=state)
        nodes = candidates(self.nodes, fused)
        for postprocessor in self.boosts:
            nodes = postprocessor.postprocess_nodes(nodes, bundle)
        fused = fused_array(self.nodes, nodes)
        order = [int(i) for i in np.argsort(-fused)[:top_k] if fused[i] > 0]
        hits = [
            ScoredChunk(
                chunk=self.snapshot.chunks[i],
                score=float(fused[i]),
                bm25=float(bm25[i]),
                dense=float(dense[i]),
                bm25_rank=bm25_rank.get(i),
                dense_rank=dense_rank.get(i),
                ngram_rank=ngram_rank.get(i),
            )
            for i in order
        ]
        timings["fuse"] = (time.perf_counter() - t) * 1000
        return RetrievalResult(query=rq, hits=hits, timings_ms=timings)

    def read_on(self, hits: list[ScoredChunk], n: int, chars: int) -> list[ScoredChunk]:
        """The first ``n`` hits, each read on into the passage after it in the same section or project (whole
        segments, up to ``chars``): the chunker cuts at a size, so a sentence, a list or a year ("ตั้งแต่ปี พ.ศ.")
        can run over into the next chunk; and read back into the passage before it when that one was cut inside
        a numbered list ("คือ ๑) … ๒)"), whose lead-in and first items the hit lacks."""
        chunks = self.snapshot.chunks
        out = list(hits)
        for k, hit in enumerate(hits[:n]):
            row = self._rows.get(hit.chunk.chunk_id)
            if row is None or row + 1 >= len(chunks):
                continue
            c, after = hit.chunk, chunks[row + 1]
            end = _OPEN_END_RE.search(c.text)
            open_list = end is None and announced_list_open(c.text)  # "๓ ประการ ได้แก่ ๑. … ๒. …" cut before ๓.
            # a section of an Act cut by size inside its numbered clauses: the clause goes on in the next chunk
            cut_section = (
                c.kind in _ACT_KINDS
                and bool(c.section)
                and after.section == c.section
                and _CLAUSE_RE.search(c.text[-_CLAUSE_TAIL:]) is not None
            )
            goes_on = after.section == c.section and _CONTINUES_RE.match(after.text) is not None
            if (end is None and not open_list and not cut_section and not goes_on) or (after.doc_id, after.project) != (
                c.doc_id,
                c.project,
            ):
                continue
            if after.section != c.section and not (open_list or (end and LIST_LEAD_RE.search(end.group()))):
                continue  # only a lead-in ("ดังต่อไปนี้") reads on into the next section
            segs = segments(after.text)
            taken = [s for s in segs if s.end <= chars] or segs[:1]
            if taken:
                text = f"{c.text} {after.text[: taken[-1].end]}"
                out[k] = replace(hit, chunk=replace(c, text=text, end=after.start + taken[-1].end))
        for k, hit in enumerate(out[:n]):
            row = self._rows.get(hit.chunk.chunk_id)
            if row is None or row == 0:
                continue
            c, before = hit.chunk, chunks[row - 1]
            if (before.doc_id, before.project, before.section) != (c.doc_id, c.project, c.section):
                continue
            if _ITEM_MARK_RE.search(before.text) is None:
                continue  # only a list cut mid-item ("… ๑) … ๒)") is read back into: its lead-in is before
            leads = list(_LEAD_WORD_RE.finditer(before.text))
            lead = leads[-1] if leads else None
            if lead is None or len(before.text) - lead.start() > chars:
                continue  # the list's lead-in is not close before: the hit goes on a long list, not its start
            segs = segments(before.text)
            taken = [s for s in segs if s.end > lead.start()]
            if taken:
                text = f"{before.text[taken[0].start :]} {hit.chunk.text}"
                out[k] = replace(hit, chunk=replace(hit.chunk, text=text, start=before.start + taken[0].start))
        return out

    def vocab_share(self, terms: set[str]) -> float:
        """Share of the question's content terms that occur anywhere in the corpus."""
        if not terms:
            return 0.0
        vocab = self.snapshot.bm25.vocabulary
        return sum(1 for t in terms if t in vocab) / len(terms)

    def _named_library_act(self, rq: RewrittenQuery) -> str | None:
        """The one law-library Act the question names by its title (the longest title named wins over one inside
        it), unless it also names a core Act or asks what the plan says."""
        if self.mode != "hybrid" or not self.library.present or _PLAN_NAMED_RE.search(rq.normalized):
            return None
        query_key = compact_key(rq.normalized)
        for short, full in self._title_shorts:
            query_key = query_key.replace(short, full)
        named = {d: k for d, k in self._act_keys.items() if k and k in query_key}
        named = {d: k for d, k in named.items() if not any(k != o and k in o for o in named.values())}
        if len(named) != 1:
            return None
        (doc,) = named
        return doc if doc in self.library.library_docs else None

    def _structure_boost(self, rq: RewrittenQuery, fused: np.ndarray, mask: np.ndarray) -> None:
        """Prefer chunks whose section, project or issuing office the question names explicitly,
        and (more gently) chunks of the document a follow-up is about."""
        if not fused.any():
            return
        bonus = float(fused.max()) * 0.5
        subject_bonus = float(fused.max()) * self.settings.subject_boost
        anchor_bonus = float(fused.max()) * _ANCHOR_BOOST
        sections = {f"มาตรา {m}" for m in _SECTION_RE.findall(rq.normalized)}
        projects = set(_PROJECT_RE.findall(rq.normalized)) if "โครงการ" in rq.normalized else set()
        if self.project_hint is not None and self.mode == "hybrid":
            projects |= set(self.project_hint(rq.normalized)) | set(rq.subject_projects)
        places = rq.places
        subject_docs = set(rq.subject_doc_ids) if self.mode == "hybrid" else set()
        query_key = compact_key(rq.lexical)
        # "under the X Act" (or its Thai name from the glossary): the Act's own sections, not a plan quoting its
        # title; unless the question asks what the plan says of the Act ("ตามแผนฯ พ.ร.บ. … มีผลใช้บังคับเมื่อใด")
        plan_named = _PLAN_NAMED_RE.search(rq.normalized) is not None
        if self.mode == "hybrid" and not plan_named:
            subject_docs |= {d for d, key in self._act_keys.items() if key and key in query_key}
        if not (sections or projects or places or query_key or subject_docs):
            return
        # a key project the question names is found by its number or registry name already
        named = self._named_rows(rq) if self.mode == "hybrid" and not projects else set()
        following = self._successors(named)
        candidates = np.union1d(np.nonzero(fused > 0)[0], np.array(sorted(following), dtype=np.int64))
        for row in candidates:
            if not mask[row]:
                continue
            c = self.snapshot.chunks[row]
            if sections and c.section in sections:
                fused[row] += bonus
            if projects and c.project in projects:
                fused[row] += bonus
            if c.doc_id in subject_docs:
                fused[row] += subject_bonus
            if places and any(p in self._title_keys[row] for p in places):
                fused[row] += bonus
            if row in named or row in following:
                fused[row] += anchor_bonus
            issuer = self._issuer_keys[row]
            if issuer and issuer in query_key and not plan_named:  # the notice of the office asked about, unless
                fused[row] += bonus  # the question asks what the plan says of it ("แผนฯ ยกตัวอย่างกรมสรรพากร…")
                if places and (text_key := thai_key(c.text)) and any(p in text_key for p in places):
                    fused[row] += bonus  # its row for the province asked ("… Social Security Office … Phuket")

    def named_notices(self, rq: RewrittenQuery, hits: Sequence[ScoredChunk]) -> list[str]:
        """The retrieved notices of the office the question names ("ก.ล.ต." expands to its full name): a contact
        question is answered from that office's channels, not from another office's notice worded alike."""
        query_key = compact_key(rq.lexical)
        named: list[str] = []
        for hit in hits:
            row = self._rows.get(hit.chunk.chunk_id)  # a notice's issuer key is read once, at load
            issuer = self._issuer_keys[row] if row is not None else ""
            if issuer and issuer in query_key and hit.chunk.doc_id not in named:
                named.append(hit.chunk.doc_id)
        return named

    def _named_rows(self, rq: RewrittenQuery) -> set[int]:
        """Passages that print a reference number or an English name the question uses verbatim, if few do."""
        if rq.language == "en":
            names = [m for m in _QUOTED_RE.findall(rq.normalized) if " " in m.strip()]
        else:
            names = _LATIN_NAME_RE.findall(rq.normalized)
        rows: set[int] = set()
        for ref in reference_numbers(rq.normalized):
            found = self._references.get(ref, set())
            if len(found) <= _NAME_MAX_CHUNKS:
                rows |= found
        for name in names:
            key = _latin_key(name).strip()
            if len(key) < 8:
                continue
            found = {i for i in self._rows_printing(key.split()) if f" {key} " in self._latin_texts[i]}
            if len(found) <= _NAME_MAX_CHUNKS:
                rows |= found
        return rows

    def _rows_printing(self, words: list[str]) -> set[int]:
        """Rows that print every one of ``words`` (rarest first), read from the inverted index, not by a scan:
        with the law library the corpus is ~25x larger and this runs for every question naming a Latin name."""
        postings = sorted((self._latin_rows.get(w, set()) for w in set(words)), key=len)
        if not postings:
            return set()
        rows = set(postings[0])
        for other in postings[1:]:
            rows &= other
        return rows

    def _successors(self, rows: set[int]) -> set[int]:
        """The passage after each of ``rows`` in the same document: a name is printed as a heading and explained
        in the text that follows it, a meeting's number is followed by what it resolved (not after a key
        project's table row: the next row is another project)."""
        chunks = self.snapshot.chunks
        return {
            r + 1
            for r in rows
            if r + 1 < len(chunks) and chunks[r + 1].doc_id == chunks[r].doc_id and not chunks[r].project
        } - rows

    def _named_kind_first(
        self,
        rq: RewrittenQuery,
        qvec: list[float],
        bm25: np.ndarray,
        bm25_weight: float,
        fused: np.ndarray,
        mask: np.ndarray,
    ) -> None:
        """A question naming a kind of document ("ในหนังสือ สพร.", "DGA's cover letter"): that kind's passages
        ranked among themselves (BM25 and dense, fused alike) and the best of them lifted to the top, so a
        question about the letter's account of the plan cites the letter, not the plan it describes."""
        inkind = mask & np.isin(self._kinds, rq.kinds)
        if not inkind.any() or not fused.any() or inkind[int(np.argmax(fused))]:
            return  # nothing of that kind, or the best passage is already one: the fused order stands
        k = self.settings.rrf_k
        cand = min(self.settings.candidates, int(inkind.sum()))
        local = np.zeros(len(fused), dtype=np.float64)
        lexical = np.where(inkind, bm25, 0.0)
        for r, row in enumerate(int(i) for i in np.argsort(-lexical)[:cand] if lexical[i] > 0):
            local[row] += bm25_weight / (k + r + 1)
        rows = (row for row, _ in self.dense_retriever.ranked(qvec, cand, equal_filters(("kind", rq.kinds))))
        for r, row in enumerate(row for row in rows if inkind[row]):
            local[row] += self.settings.dense_weight / (k + r + 1)
        if not local.any():
            return
        top = float(fused.max())
        lifted = local / float(local.max()) * top + top * self.settings.subject_boost
        fused[:] = np.where(local > 0, np.maximum(fused, lifted), fused)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """The fused, boosted top ``settings.top_k`` passages as llama-index nodes (the chunk record's fields in
        their metadata), for a query engine or a user's own postprocessors."""
        result = self.search(query_bundle.query_str, top_k=self.settings.top_k)
        return [NodeWithScore(node=self.nodes.node(self._rows[h.chunk.chunk_id]), score=h.score) for h in result.hits]


def reference_numbers(text: str) -> list[str]:
    """Reference numbers a text prints, number/Buddhist-era year, Arabic digits: "ครั้งที่ ๕/๒๕๖๕" -> ["5/2565"]."""
    return _REFERENCE_RE.findall(arabic_digits(text))


def _latin_key(text: str) -> str:
    """Latin letters and digits only, lower-cased, single-spaced: "Digital  by\nDefault" -> "digital by default"."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def _issuer_key(chunk: ChunkRecord) -> str:
    """Keyed name of the office that issued a notice ("สำนักงานขนส่งจังหวัดแพร่"), "" for other kinds."""
    if chunk.kind != "announcement":
        return ""
    key = compact_key(notice_issuer(chunk.title))
    return key if len(key) >= 6 else ""

