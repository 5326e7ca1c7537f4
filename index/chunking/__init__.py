"""Structure-aware chunking: law sections, plan pages/projects, notice clauses, bounded pieces."""

from index.chunking.node_parser import StructureNodeParser, chunk_document, to_llama_document

__all__ = ["StructureNodeParser", "chunk_document", "to_llama_document"]
