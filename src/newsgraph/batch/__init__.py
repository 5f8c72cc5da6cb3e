"""Batch processing: a local process pool for extraction and the ingest run around it."""

from __future__ import annotations

from .pool import ExtractionPool, extract_batch
from .runner import Ingester, IngestOptions, IngestSummary

__all__ = ["ExtractionPool", "IngestOptions", "IngestSummary", "Ingester", "extract_batch"]
