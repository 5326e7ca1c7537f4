"""Structure-aware chunking: law sections, plan pages/projects, notice clauses, bounded pieces."""

from index.chunking.common import Chunk
from index.chunking.node_parser import StructureNodeParser, chunk_document, to_llama_document

__all__ = ["Chunk", "StructureNodeParser", "chunk_document", "to_llama_document"]
