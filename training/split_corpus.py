"""Assign each document to train / dev / test, by document, deterministically.

The test split holds only individually written (authored) documents, never generated ones
(a held-out "gen_test" split of generated documents measures the generated/authored gap),
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


GENERATED_TEST_SHARE = 0.20


def split_of(doc: dict) -> str:
    if doc.get("source", "authored") != "authored":
        # Generated documents never reach dev or test; a fifth are held out as "gen_test" so the
        # gap between generated and individually written documents can be measured.
        return "gen_test" if _bucket(doc["id"]) < GENERATED_TEST_SHARE else "train"
    b = _bucket(doc["id"])
    if b < TEST_SHARE:
        return "test"
    if b < TEST_SHARE + DEV_SHARE:
        return "dev"
    return "train"


def assign_splits(docs: list[dict]) -> None:
    for doc in docs:
        doc["split"] = split_of(doc)
