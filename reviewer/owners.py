"""Owners: who is responsible for an action.

An owner is a named person, a role ("the social worker", "Mum", "the school DSL"), an agency or
"parents". Not an owner: an agentless passive ("support will be offered"), a bare pronoun
("She will…"), a vague collective ("All", "Professionals"), a child who only receives the
action. A passive with a named agent ("…by the HV") has an owner. Cheap patterns first; the
dependency parser only for sentences the patterns cannot read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .people import People
from .resources import lexicons

MODAL = (r"(?:will\s+(?:continue\s+to|need\s+to|be\s+(?:able\s+to|responsible\s+for|expected\s+to|asked\s+to))|will|"
         r"(?:is|are|am)\s+(?:to|going\s+to|responsible\s+for|expected\s+to|asked\s+to)|"
         r"(?:has|have)\s+agreed\s+to|agreed\s+to|(?:was|were)\s+(?:asked|reminded|advised)\s+(?:to|that)|agrees\s+to|agree\s+to|(?:has|have)\s+offered\s+to|"
         r"needs?\s+to|must|should|shall|"
         r"(?:has|have)\s+to|can|would|to(?:\s+continue\s+to)?)")
_SUBJECT = re.compile(r"^(?P<subj>[^.;:!?]{1,70}?)\s+(?P<modal>" + MODAL + r")\s+(?P<rest>\S.*)$",
                      re.IGNORECASE | re.DOTALL)
_PREFIX = re.compile(r"^\s*(?:(?:action|task|step|next step|goal|outcome)\s*\d*\s*[:.)\-–]\s*|\d{1,2}[.)]\s+|[-*•]\s+)",
                     re.IGNORECASE)
_COLON_OWNER = re.compile(r"^(?P<owner>[^:\n]{1,40}?)\s*[:\-–—]\s+(?P<rest>\S.*)$", re.DOTALL)
_TRAILING_OWNER = re.compile(r"(?:[-–—]|\(|\[)\s*(?:(?:lead|responsible|who|owner|by)\s*[:\-]?\s*)?"
                             r"(?P<owner>[A-Za-z][A-Za-z'’ /&]{1,40}?)\s*[)\]]?\s*[.;]?\s*$")
_INLINE_OWNER = re.compile(r"\b(?:responsible|resp|lead(?: professional| agency)?|who|by whom|owner)\s*[:\-–]\s*"
                           r"(?P<owner>[^;,.()\n|]{2,50})", re.IGNORECASE)
_AGENT = re.compile(r"\bby\s+(?P<agent>(?:the\s+|her\s+|his\s+|their\s+|mum's\s+|dad's\s+)?"
                    r"[^\W\d_][\w'’]*(?:\s+(?:and\s+)?[^\W\d_][\w'’]*){0,4})", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?:not\s+|never\s+)?(?:be|been|being|continue\s+to\s+be)\s+(?:\w+ly\s+)?(?!(?:at|in|on|out|up|back|home|about|"
                      r"present|patient|honest|open|ready|there|here|kind|calm|safe)\b)\w+(?:ed|en|wn|ne|de|t|ld|pt|ght)\b",
                      re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|our|her|his|their|your|my)\s+", re.IGNORECASE)
_NOT_OWNER_HEADS = {"case", "the case", "support", "work", "referral", "referrals", "a referral", "assessment", "an assessment",
                    "this", "it", "there", "that", "these", "those", "which", "plan", "the plan", "aim",
                    "the aim", "goal", "what", "how", "when", "where", "why", "if", "contact", "visits",
                    "monitoring", "help", "advice", "services", "service", "consideration", "action",
                    "actions", "review", "reviews", "a review", "progress", "attendance", "sessions",
                    "direct work", "work", "funding", "information", "a meeting", "meeting", "meetings",
                    "strategy discussion", "a strategy discussion", "an application", "application"}
# A phrase ending in one of these names a team, service or post: "Placements team", "FGC service".
_ORG_HEADS = {"worker", "officer", "nurse", "team", "service", "services", "practitioner", "coordinator",
              "co-ordinator", "manager", "lead", "tutor", "mentor", "unit", "panel", "project", "agency",
              "clinic", "centre", "center", "school", "academy", "nursery", "college", "police", "council",
              "department", "hub", "partnership", "trust", "charity", "visitor", "midwife", "doctor",
              "consultant", "therapist", "psychologist", "adviser", "advisor", "chair", "provider", "carer", "assessor",
              "dietitian", "dietician", "counsellor", "paediatrician", "physiotherapist", "teacher", "head",
              "solicitor", "staff", "volunteer", "befriender", "mediator", "navigator", "champion",
              "carers", "housing", "association", "group", "ward"}
_NOT_OWNER_LAST = {"meeting", "meetings", "plan", "assessment", "referral", "conference", "review", "visit",
                   "visits", "session", "sessions", "contact", "consent", "dbs", "case", "checks", "check",
                   "application", "information", "order", "report", "letter", "appointment", "appointments"}
_VERB_STARTS = {"refer", "explore", "consider", "convene", "arrange", "complete", "undertake", "request", "agree",
                "seek", "identify", "continue", "provide", "offer", "ensure", "support", "monitor", "review",
                "liaise", "share", "update", "hold", "visit", "attend", "book", "make", "apply", "register",
                "obtain", "progress", "escalate", "step", "close", "transfer", "chase", "check", "keep", "follow"}
# A capitalised word in any Latin script ("Paweł", "Zoë", "Şükrü").
_CAPWORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]*(?:['’.-][^\W\d_]*)*$")
_ROLE_VISITS = re.compile(r"^(?P<who>[A-Za-z][\w'’ ]{0,30}?)\s+(?:home\s+|direct\s+work\s+|statutory\s+)?"
                          r"(?:visits|calls|checks(?!\s+(?:on|of|into)\b)|sessions|contact)\b", re.IGNORECASE)
_CLAUSE_IN_PHRASE = re.compile(r"\b(?:to|will|should|must|shall|needs? to)\s+(?!do\b)(?:be\s+)?[a-z]{3,}")
# "every visit", "each week": a frequency, not a collective owner.
_EVERY_TIME = re.compile(r"^(?:every|each)\s+(?:other\s+|\d+\s+|two\s+|three\s+|four\s+|few\s+)?(?:visit|week|day|"
                         r"month|fortnight|time|session|meeting|morning|evening|night|weekend|term|half[- ]term|"
                         r"school day|weekday|review|core group|contact)s?\b")
# Children named only as children: they receive the action, no one is named to do it (D21, D44).
_UNNAMED_CHILDREN = {"child", "children", "both children", "all children", "all the children", "baby", "the baby",
                     "siblings", "kids", "twins", "boys", "girls", "the boys", "the girls", "unborn baby"}
_PREPOSITION_START = re.compile(r"^(?:with|for|at|to|in|on|from|of|about|after|before|including)\b", re.IGNORECASE)
_STATIVE = re.compile(r"^(?:not\s+)?(?:be(?!\s+(?:back\s+)?(?:home|indoors|in\s+bed|back)\b)|feel|have|know|understand|grow|remain|enjoy|experience|live|"
                      r"get\s+(?:the|a|more|his|her)|receive|continue\s+to\s+(?:be|feel|have))\b", re.IGNORECASE)
_POSTMODIFIER = re.compile(r"\s+(?:from|at|of|in|for|with|based at|who)\s+", re.IGNORECASE)
# A part that says when, not who: "next available panel", "following the review".
_TIMING_START = re.compile(r"^(?:next|following|upcoming|forthcoming|asap|tbc|tba)\b")


@lru_cache(maxsize=1)
def _vague_timings() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons()["vague_timescales"])
# "Task – Owner – When" and "Task (Owner, when)": the owner written in its own part of the item.
_DASH_PARTS = re.compile(r"\s+[-–—]+\s+")
_BRACKET = re.compile(r"[(\[]([^()\[\]]{2,60})[)\]]")
_TRAILING_BRACKET = re.compile(r"[(\[]([^()\[\]]{2,80})[)\]]\s*(?:\[[^\]]*\]\s*)?[.;]?\s*$")
_PART_LABEL = re.compile(r"^\s*(?:who|owner|lead|responsible|resp|by whom|by)\s*[:\-]?\s*", re.IGNORECASE)
_LINKS = {"and", "&", "or", "of", "the", "for", "from", "with", "'s", "at", "in", "/"}


@dataclass(frozen=True)
class Owner:
    text: str | None
    problem: str | None  # None | "pronoun" | "collective" | "passive" | "missing" | "child"
    mention: str | None = None  # the pronoun or collective word, for the finding's message


@lru_cache(maxsize=8)
def _role_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    roles = set(lexicons()["roles"]) | {r.lower() for r in extra}
    alternation = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


class OwnerFinder:
    def __init__(self, people: People, extra_roles: tuple[str, ...] = ()):
        self.people = people
        self.roles = _role_pattern(tuple(sorted(extra_roles)))
        lex = lexicons()
        self.pronouns = set(lex["pronouns"])
        self.first_person = set(lex["first_person"])
        self.collectives = set(lex["collective_owners"])

    def classify(self, phrase: str, allow_child: bool = True, _depth: int = 0) -> Owner:
        """Judge a candidate owner phrase: an owner, or which kind of non-owner it is."""
        raw = phrase.strip().strip(",;:-–—\"'").strip()
        if raw.count("(") != raw.count(")") or raw.startswith("("):
            raw = raw.strip("()[]").strip()  # keep "Tom Ellery (social worker)" whole
        # "Paweł at", "the HV and": a phrase does not end on a linking word.
        raw = re.sub(r"(?:\s+(?:and|&|or|of|the|for|from|with|at|in|on|to|within|by|before|after|until|every|each|as|when|if))+$", "", raw, flags=re.IGNORECASE)
        low = re.sub(r"\s+", " ", raw.lower())
        if not low or low in {"-", "n/a", "na", "tbc", "none", "?"}:
            return Owner(None, "missing")
        if low in self.pronouns:
            return Owner(None, "pronoun", raw)
        if low in _vague_timings() or _TIMING_START.match(low):
            return Owner(None, "missing")  # "– ASAP", "– next available panel": a when, not a who
        if low in self.first_person:
            return Owner(raw, None)
        bare = _DETERMINER.sub("", low)
        if low in self.collectives or bare in self.collectives or (
                re.match(r"^(all|every|each)\b", low) and not _EVERY_TIME.match(low)):
            return Owner(None, "collective", raw)
        if _POSTMODIFIER.split(bare, maxsplit=1)[0] in self.collectives:
            return Owner(None, "collective", raw)  # "Everyone in the family", "All of the adults"
        if low in _NOT_OWNER_HEADS or bare in _NOT_OWNER_HEADS:
            return Owner(None, "missing")
        if bare in _UNNAMED_CHILDREN:
            return Owner(None, "child", raw)  # "Children to attend school": no one named to do it
        first = bare.split()[0] if bare.split() else ""
        if self.roles.fullmatch(raw):
            return Owner(raw, None)  # "Chair", "Lead": a role that is also a verb, standing alone
        if first in _VERB_STARTS or first in lexicons()["concrete_verbs"] or first in lexicons()["vague_verbs"]:
            return Owner(None, "missing")  # "Refer Abena to…" is an imperative, not a name
        if _CLAUSE_IN_PHRASE.search(low):
            return Owner(None, "missing")  # "HV to monitor Musa's development" is a task, not a name
        tail = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", raw).strip().split()
        if tail and tail[-1].lower() in _NOT_OWNER_LAST | {"checks", "check"} and len(tail) > 1:
            return Owner(None, "missing")  # "Police checks", "Core group meetings": a thing, not a who
        if self.roles.search(raw):
            return Owner(raw, None)
        if re.fullmatch(r"(?:the\s+|both\s+)?[A-Z]{2,6}s?", raw.strip()) and bare not in _NOT_OWNER_HEADS:
            return Owner(raw, None)  # an agency or team by its initials: "the PRU", "YJS", "EWS"
        # "Mr Davies (care coordinator)", "Anne Lynch (TELS)": judge the name without the bracket.
        plain = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", raw).strip()
        words = plain.split()
        if words and words[-1].lower() in _NOT_OWNER_LAST:
            return Owner(None, "missing")  # "Family network meeting", "CIN plan", "Case"
        if words and words[-1].lower() in _ORG_HEADS:
            return Owner(raw, None)
        if words and words[0] in self.people.children and len(words) <= 2:
            # A young child only receives an action; an older child can own one ("Jay will attend YOS").
            age = self.people.ages.get(words[0])
            if not allow_child or (age is not None and age < 5):
                return Owner(None, "child", raw)
            return Owner(raw, None)
        if words and len(words) <= 5 and all(_CAPWORD.match(w) or w.lower() in _LINKS for w in words) \
                and _CAPWORD.match(words[0]) and words[0].lower() not in _NOT_OWNER_HEADS:
            return Owner(raw, None)
        if _depth == 0:
            # "The adult OT, Shabnam Mirza", "Zara, Hamza and I", "An adviser from Aldermoor
            # Refugee Welcome": judge each part, then the head without what follows it.
            pieces = [p for p in re.split(r"\s*,\s*|\s+(?:and|&)\s+", plain) if p.strip()]
            bracket = re.search(r"[(\[]([^)\]]+)[)\]]", raw)
            if bracket and plain:
                pieces.append(bracket.group(1))  # "Independent assessor (Jo Bright)"
            head = _POSTMODIFIER.split(plain, maxsplit=1)[0]
            for candidate in ([head] if head != plain else []) + (pieces if len(pieces) > 1 else []):
                owner = self.classify(candidate, allow_child, _depth=1)
                if owner.text:
                    return Owner(raw, None)
        return Owner(None, "missing")

    def person_in(self, text: str) -> str | None:
        """The first person the document names (child or adult) mentioned in `text`."""
        names = set(self.people.children) | set(self.people.adults)
        for match in re.finditer(r"[^\W\d_][\w'’-]*", text):
            if match.group(0) in names:
                return match.group(0)
        role = self.roles.search(text)  # "If Dad feels he can't cope, he will ring Nan"
        return role.group(0) if role else None

    def from_cell(self, cell: str) -> Owner:
        return self.classify(cell)

    def from_parts(self, text: str) -> tuple[Owner, str] | None:
        """The owner written in a part of its own: "Task – Owner – When", "Task (Owner, by …)".

        Returns the owner and the part it was read from, or None.
        """
        from .timescales import find_timescale

        candidates = []
        parts = _DASH_PARTS.split(text)
        if len(parts) >= 2:
            candidates += parts[1:]
        bracket = _TRAILING_BRACKET.search(text)
        if bracket:
            candidates.append(bracket.group(1))
        # Any other bracket, last first: "Letter to mother with helpline numbers (SW) - by 26/07".
        candidates += [b for b in reversed(_BRACKET.findall(text)) if not bracket or b != bracket.group(1)]
        fallback = None
        tail = [p.strip() for p in text.rstrip(" .").split(",")[1:]]
        if 2 <= len(tail) + 1 and tail and all(len(p.split()) <= 3 for p in tail[-2:]):
            candidates += tail[-2:]  # "Craig to be assessed as a carer, SW, tbc"
        for part in candidates:
            for piece in re.split(r"\s*[,;]\s*|\s+[-–—]+\s+", part):
                piece = _PART_LABEL.sub("", piece).strip(" .")
                if piece.count("(") != piece.count(")"):
                    piece = piece.strip("()").strip()
                if not piece or len(piece.split()) > 8 or re.match(r"^(?:when|by when|timescale)\b", piece, re.I) \
                        or _PREPOSITION_START.match(piece):
                    continue
                ts = find_timescale(piece)
                if ts.text and ts.text.strip() == piece:
                    continue
                owner = self.classify(piece)
                if owner.text is None:
                    # "Elena with Joanne's help", "SW to refer", "Rokeya, with hospice family worker"
                    head = re.split(r"\s+(?:with|to|via|and then|supported by)\s+", piece, maxsplit=1)[0]
                    owner = self.classify(head) if head != piece else owner
                if owner.text:
                    return Owner(owner.text, None), part
                if owner.problem in ("collective", "pronoun") and fallback is None:
                    fallback = (owner, part)  # a named owner in a later part wins
        return fallback

    def from_text(self, text: str) -> tuple[Owner, int]:
        """Owner of an action written as an item or sentence, and where its task starts."""
        owner, start = self._from_text(text)
        if owner.text is None:
            parted = self.from_parts(text[start:] if start < len(text) else text)
            if parted is not None and (parted[0].text or owner.problem == "missing"):
                return parted[0], start
        return owner, start

    def _from_text(self, text: str) -> tuple[Owner, int]:
        prefix = _PREFIX.match(text)
        offset = prefix.end() if prefix else 0
        body = text[offset:]
        visits = _ROLE_VISITS.match(body)
        if visits and self.roles.fullmatch(visits.group("who")) and not re.match(
                r"\s*(?:will|are|is|to)\s+(?:to\s+)?be\b", body[visits.end():], re.IGNORECASE):
            # "SW visits every 4 weeks", "HV home visits monthly": the role does the visiting.
            return Owner(visits.group("who"), None), offset
        inline = _INLINE_OWNER.search(body)
        if inline:
            owner = self.classify(inline.group("owner"))
            if owner.text:
                return owner, offset
        colon = _COLON_OWNER.match(body)
        if colon and len(colon.group("owner").split()) <= 7:
            owner = self.classify(colon.group("owner"))
            if owner.text and _PASSIVE.match(re.sub(r"^(?:to|will|should|must|needs? to)\s+", "", colon.group("rest"))):
                # "School transport: to be reviewed": a topic, then an agentless passive.
                return (self._agent(colon.group("rest")) or Owner(None, "passive")), offset + colon.start("rest")
            if owner.text or owner.problem in ("pronoun", "collective"):
                return owner, offset + colon.start("rest")
        subject = _SUBJECT.match(body)
        if subject:
            rest = subject.group("rest")
            passive = bool(_PASSIVE.match(rest))
            agent = self._agent(rest) if passive else None
            if passive:
                # "Marcus to be referred…": the subject receives the action; only "by X" owns it.
                return (agent or Owner(None, "passive")), offset + subject.start("rest")
            owner = self.classify(subject.group("subj"))
            if owner.text and owner.text.split()[0] in self.people.children and _STATIVE.match(rest):
                # "Callum will feel safe at home", "… will have a bedtime routine": a goal for the
                # child, not something the child does (D32).
                owner = Owner(None, "child", owner.text)
            if _DASH_PARTS.search(subject.group("subj")):
                # "Johnny's hearing - Kathleen and Paddy will take Johnny…": a topic, then the subject.
                topic_owner = self.classify(_DASH_PARTS.split(subject.group("subj"))[-1])
                if topic_owner.text or topic_owner.problem in ("pronoun", "collective", "child"):
                    owner = topic_owner
            if owner.text is None:
                agent = self._agent(rest)
                if agent is not None:
                    return agent, offset + subject.start("rest")
            return owner, offset + subject.start("rest")
        agent = self._agent(body)
        if agent is not None:
            return agent, offset
        trailing = _TRAILING_OWNER.search(body)
        if trailing:
            owner = self.classify(trailing.group("owner"))
            if owner.text:
                return owner, offset
        return Owner(None, "missing"), offset

    def _agent(self, text: str) -> Owner | None:
        for match in _AGENT.finditer(text):
            words = match.group("agent").split()
            # "by the HV", "by Mum and Dad" — but not "by Friday" or "by 14 March".
            for n in range(len(words), 0, -1):
                owner = self.classify(" ".join(words[:n]))
                if owner.text and not re.match(r"^(the\s+)?(end|start|next|monday|tuesday|wednesday|thursday|friday|"
                                               r"saturday|sunday|january|february|march|april|may|june|july|"
                                               r"august|september|october|november|december|easter|christmas|"
                                               r"half|then|this|close)\b", owner.text, re.IGNORECASE):
                    return owner
        return None
