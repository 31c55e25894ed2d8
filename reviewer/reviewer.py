"""The Reviewer: from a document's text to a report of gaps.

    from reviewer import Reviewer
    reviewer = Reviewer.load()                     # bundled models, no network
    report = reviewer.review(text, doc_type=None)  # None: detect the type
    report.to_dict()

Everything heavy (rules, models, the parser) is loaded once per process and shared; a review
keeps no state between documents, so one review never depends on another.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import __version__
from .action_detector import default_detector
from .actions import ActionExtractor
from .checks import FindingFactory, catalogue
from .config import ReviewerConfig
from .dimensions import HISTORY_ASPECTS, VOICE_ASPECTS, Evidence, rate_document
from .doctype import detect_doc_type
from .errors import InputError
from .labels import DocContext, Prediction, SentenceLabeller
from .people import find_people
from .report import DOC_TYPES, LABELS, Finding, Report, SectionResult, SentenceResult
from .segment import Segmenter
from .timescales import extra_vague_pattern

THRESHOLD = 0.5
_GAP_CHECKS = {"voice.not_seen", "voice.views_not_gathered", "history.gap_statement"}
_ENGLISH = re.compile(r"\b(the|and|to|of|a|in|is|was|she|he|her|his|with|that|for|on|at|mum|dad|will|has|have|not)\b",
                      re.IGNORECASE)


class Reviewer:
    def __init__(self, labeller: SentenceLabeller, config: ReviewerConfig | None = None,
                 use_parser: bool = True, action_detector="default"):
        self.labeller = labeller
        # The learned backup beside the action rules (models/action_detector; None: rules only).
        self.action_detector = default_detector() if isinstance(action_detector, str) else action_detector
        self.config = config or ReviewerConfig()
        self.segmenter = Segmenter()
        self.use_parser = use_parser
        self._extra_vague = extra_vague_pattern(self.config.vague_timescales)

    @classmethod
    def load(cls, model: str = "default", config: ReviewerConfig | str | Path | None = None,
             use_parser: bool = True) -> "Reviewer":
        """A reviewer with the named sentence model (see `reviewer.models.available()`)."""
        from .models import load_labeller

        if isinstance(config, (str, Path)):
            config = ReviewerConfig.from_file(config, known_checks=set(catalogue()))
        return cls(load_labeller(model), config, use_parser=use_parser)

    def with_config(self, config: ReviewerConfig) -> "Reviewer":
        """The same models with another config (cheap: nothing is reloaded)."""
        return Reviewer(self.labeller, config, use_parser=self.use_parser, action_detector=self.action_detector)

    def review_file(self, path: str | Path, doc_type: str | None = None) -> Report:
        from .readers import read_file

        result = read_file(path)
        report = self.review(result.text, doc_type=doc_type, source=result.source)
        report.warnings[:0] = result.warnings
        return report

    def review(self, text: str, doc_type: str | None = None, source: str | None = None) -> Report:
        if not isinstance(text, str):
            raise InputError(source or "text", "the text to review must be a string")
        if not text.strip():
            raise InputError(source or "text", "is empty (no text to review)")
        if doc_type is not None and doc_type not in DOC_TYPES:
            raise InputError(source or "text", f"unknown document type {doc_type!r}; use one of {list(DOC_TYPES)}")
        seg = self.segmenter(text)
        detected, confidence, _ = detect_doc_type(seg)
        if doc_type is None:
            doc_type = detected
        else:
            confidence = 1.0
        people = find_people(text)
        context = DocContext(text=text, doc_type=doc_type, people=people, units=seg.units)
        predictions = self.labeller.predict(context)
        sentences = [self._sentence(unit, pred) for unit, pred in zip(seg.units, predictions)]
        actions = ActionExtractor(people, self.config.roles, self.config.services, self._extra_vague,
                                  use_parser=self.use_parser,
                                  detector=self.action_detector)(seg.units, text, doc_type, seg.headings)
        history = self._evidence("family_history", sentences, predictions, HISTORY_ASPECTS)
        voice = self._evidence("child_voice", sentences, predictions, VOICE_ASPECTS)
        dimensions = rate_document(doc_type, history, voice, actions)
        factory = FindingFactory(self.config, doc_type)
        findings = self._findings(factory, text, seg, sentences, predictions, actions, dimensions,
                                  history, voice, detected if confidence < 1.0 else None, confidence)
        warnings = []
        if self._looks_non_english(text):
            warnings.append("Much of this text does not look like English; the review may be unreliable.")
            f = factory.make("doc.non_english")
            if f:
                findings.insert(0, f)
        sections = self._sections(seg, len(text))
        return Report(
            text=text, doc_type=doc_type, doc_type_confidence=confidence,
            reviewer_version=__version__, model_version=self.labeller.version,
            dimensions=dimensions, sentences=sentences, actions=actions, findings=findings,
            sections=sections, source=source, warnings=warnings,
            disabled_checks=sorted(self.config.disabled),
        )

    # -- pieces ------------------------------------------------------------------------------
    @staticmethod
    def _sentence(unit, pred: Prediction) -> SentenceResult:
        labels = [label for label in LABELS if pred.scores.get(label, 0.0) >= THRESHOLD]
        return SentenceResult(start=unit.start, end=unit.end, section=unit.section, kind=unit.kind,
                              labels=labels, scores={k: float(v) for k, v in pred.scores.items()},
                              reasons=dict(pred.reasons), gaps=sorted({g.check for g in pred.gaps}))

    @staticmethod
    def _evidence(label: str, sentences: list[SentenceResult], predictions: list[Prediction],
                  aspect_map: dict[str, str]) -> Evidence:
        labelled = [(s, p) for s, p in zip(sentences, predictions) if label in s.labels]
        aspects = set()
        for _, pred in labelled:
            reason = pred.reasons.get(label, "")
            for rule_id, aspect in aspect_map.items():
                if rule_id + " " in reason or reason.endswith(rule_id):
                    aspects.add(aspect)
        gaps = sum(1 for p in predictions for g in p.gaps if g.label == label)
        return Evidence(sentences=len(labelled), aspects=aspects, gaps=gaps, total=len(sentences))

    def _findings(self, factory: FindingFactory, text, seg, sentences, predictions, actions,
                  dimensions, history: Evidence, voice: Evidence, detected, confidence) -> list[Finding]:
        doc_level: list[Finding | None] = []
        placed: list[Finding | None] = []
        if detected is not None and confidence < 0.6:
            doc_level.append(factory.make("doc.type_uncertain", doc=detected.replace("_", " ")))
        if history.sentences == 0:
            doc_level.append(factory.make("history.absent"))
        elif dimensions["family_history"].rating == 1:
            doc_level.append(factory.make("history.thin", n=history.sentences, total=history.total))
        if voice.sentences == 0:
            doc_level.append(factory.make("voice.absent"))
            if any("cv.not.adult_speech" in p.reasons.get("child_voice", "") or
                   self._parent_report(p) for p in predictions):
                doc_level.append(factory.make("voice.parent_report_only"))
        elif dimensions["child_voice"].rating == 1:
            doc_level.append(factory.make("voice.thin", n=voice.sentences, total=voice.total))
        for sent, pred in zip(sentences, predictions):
            for check in sorted({g.check for g in pred.gaps} & _GAP_CHECKS):
                placed.append(factory.make(check, sent.start, sent.end))
            if "fh.not.bare_reference" in pred.reasons.get("family_history", "") \
                    and "family_history" not in sent.labels:
                placed.append(factory.make("history.bare_reference", sent.start, sent.end))
        if seg and factory.doc_type != "assessment":
            if not actions:
                doc_level.append(factory.make("plan.no_actions"))
            section_types = {h.type for h in seg.headings}
            if "contingency" not in section_types and not re.search(r"contingenc|if (this|the) plan (is not|isn't|does not|doesn't|fails)", text, re.IGNORECASE):
                doc_level.append(factory.make("plan.no_contingency"))
            if "what_needs_to_change" not in section_types and not re.search(r"needs? to change|safety goal|what (must|has to) change", text, re.IGNORECASE):
                doc_level.append(factory.make("plan.no_change_statement"))
            for action in actions:
                placed.extend(self._action_findings(factory, action, text))
        placed_sorted = sorted((f for f in placed if f), key=lambda f: (f.start, f.end, f.check))
        return [f for f in doc_level if f] + placed_sorted

    @staticmethod
    def _parent_report(pred: Prediction) -> bool:
        reason = pred.reasons.get("child_voice", "")
        return "cv.not.third_party_report" in reason and ("cv.child_speech" in reason or "cv.presentation" in reason)

    @staticmethod
    def _action_findings(factory: FindingFactory, action, text: str) -> list[Finding | None]:
        out: list[Finding | None] = []
        s, e = action.start, action.end
        if action.owner is None:
            problem = action.owner_problem
            if problem == "pronoun":
                out.append(factory.make("plan.action.pronoun_owner", s, e, text=_mention(text[s:e])))
            elif problem == "collective":
                out.append(factory.make("plan.action.vague_owner", s, e, text=_mention(text[s:e])))
            else:
                out.append(factory.make("plan.action.no_owner", s, e))
        if action.timescale is None:
            if action.timescale_vague:
                out.append(factory.make("plan.action.vague_timescale", s, e, text=action.timescale_vague))
            else:
                out.append(factory.make("plan.action.no_timescale", s, e))
        if not action.specific:
            out.append(factory.make("plan.action.unspecific", s, e))
        return out

    @staticmethod
    def _sections(seg, length: int) -> list[SectionResult]:
        out = []
        for i, h in enumerate(seg.headings):
            end = seg.headings[i + 1].start if i + 1 < len(seg.headings) else length
            out.append(SectionResult(h.start, end, h.type, h.text))
        return out

    @staticmethod
    def _looks_non_english(text: str) -> bool:
        words = re.findall(r"[^\W\d_]+", text)
        if len(words) < 20:
            return False
        return len(_ENGLISH.findall(text)) / len(words) < 0.08


def _mention(action_text: str) -> str:
    """The pronoun or collective that stands where an owner should ("She", "All professionals")."""
    from .resources import lexicons

    words = lexicons()["collective_owners"] + lexicons()["pronouns"]
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"
    match = re.search(pattern, action_text, re.IGNORECASE)
    return match.group(0) if match else action_text.split()[0] if action_text.split() else ""
