"""Assign each document to train / dev / test, by document, deterministically.

The test split holds only individually written (authored) documents, never generated ones,
and whole writers' batches are not split by sentence. Assignment is a stable hash of the
document id so that adding documents never moves existing ones between splits.
"""
from __future__ import annotations

import hashlib

TEST_SHARE = 0.30
DEV_SHARE = 0.10


def _bucket(doc_id: str) -> float:
    digest = hashlib.sha256(("split-v1:" + doc_id).encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF


def split_of(doc: dict) -> str:
    if doc.get("source", "authored") != "authored":
        return "train"  # generated documents never reach dev or test
    b = _bucket(doc["id"])
    if b < TEST_SHARE:
        return "test"
    if b < TEST_SHARE + DEV_SHARE:
        return "dev"
    return "train"


def assign_splits(docs: list[dict]) -> None:
    for doc in docs:
        doc["split"] = split_of(doc)
