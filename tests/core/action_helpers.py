"""Shared by the action-shape tests: a review's actions with their text, and one action found by
a fragment of its text."""
from __future__ import annotations


def actions(reviewer, text, doc_type="cp_plan"):
    report = reviewer.review(text, doc_type=doc_type)
    return [(text[a.start:a.end], a) for a in report.actions]


def find(found, fragment):
    hits = [a for span, a in found if fragment in span]
    assert hits, f"no action found containing {fragment!r}; found {[s for s, _ in found]}"
    return hits[0]
