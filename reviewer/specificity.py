"""Specificity: is the task a concrete, observable activity or an aim?

Specific: attend X, complete Y, visit Z times, a concrete rule about a named behaviour ("will
not drink alcohol when caring for Leo alone"). Not specific: aims and vague verbs — engage,
support, monitor, work on, look into, improve, keep an eye, ensure — whatever the timescale.
The verb lists and vague phrasings are data (`resources/lexicons.json`).

A task is judged not specific only on positive evidence that it is an aim: a vague verb or
phrasing, an aim noun ("support for Mum", "home conditions to improve"), a light verb with an
aim for its object ("offer support"), a state to keep ("keep the house clean"). A task that
names an activity the lists do not know ("surrender the passports", "serve the notices") is not
flagged: a gap needs evidence, and a false alarm on a good plan costs the reader more than a
missed aim. Text too short to judge (a bare role or status word, left where a table cell was
misread) is likewise not flagged.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import lexicons

_CONCRETE_NOUNS = re.compile(
    r"\b(appointments?|course|programme|program|assessments?|referral|sessions?|meetings?|tests?|"
    r"checks?|medicals?|visits?|letters?|reports?|applications?|registration|screening|conference|"
    r"strategy discussion|home visit|school|nursery|college|gp|dentist|clinic|hospital|group|class|classes|"
    r"form|forms|plan|chronology|genogram|hair strand|drug test|breathalyser|medication|prescription|"
    r"bed|cot|moses basket|stair ?gate|smoke alarm|fire guard|locks?|curtains|carpet|food|bank|benefits?|"
    r"universal credit|housing application|bidding|tenancy|rent|debts?|payment|bus pass|passport|"
    r"birth certificate|immunisations?|vaccinations?|weigh(ing|t)?|review|pep|ehcp|annual review|"
    r"return home interview|rhi|mapping|three houses|direct work|words and pictures|safety plan|"
    r"freedom programme|incredible years|triple p|solihull|caring dads|idva|marac|camhs|cgl|"
    r"change grow live|women's aid|family group conference|fgc|place|kit|card|chart|diary|log|"
    r"mentor|club|sheet|leaflet|information pack|key|phone|alarm|notice|order|team|service|hub|panel|"
    r"core groups?|cgms?)\b", re.IGNORECASE)
# A noun that names a kind of service rather than an aim when it qualifies the next noun
# ("support worker", "safety plan", "work experience").
_COMPOUND_HEAD = (r"(?!\s+(?:plan|plans|worker|workers|group|groups|sessions?|meetings?|programme|course|"
                  r"service|services|line|package|fund|assessment|order|notices?|experience|placement|"
                  r"visits?|card|network)\b)")
_AIM_NOUN = (r"(?:support|monitoring|engagement|work|improvement|improvements|assistance|help|guidance|"
             r"oversight|input|advice|encouragement|consideration|liaison|reassurance|awareness|"
             r"understanding|insight|stability|safety|progress|changes|information sharing|communication)")
_VAGUE_NOUNS = re.compile(rf"^(?:(?:ongoing|continued|further|regular|general|more|better|some|any)\s+)?"
                          rf"{_AIM_NOUN}\b{_COMPOUND_HEAD}", re.IGNORECASE)
# A noun phrase whose head is an aim noun: "Parenting support for Hodan", "ISVA support for Ellie",
# "Protective parenting work with Lisa", "Young carer support" (but not "support worker").
_AIM_NOUN_PHRASE = re.compile(
    rf"^(?:(?!(?:of|for|with|to|about|on|in|at|and|or|direct)\b)[\w'’:/-]+\s+){{1,3}}?(?:support|work|monitoring|input|oversight|guidance|encouragement|"
    rf"reassurance|liaison|information sharing)\b{_COMPOUND_HEAD}(?:\s+(?:for|with|to|from|around|between)\b|\s*[.,;(–-]|\s*$)",
    re.IGNORECASE)
# Objects that make a light verb an aim ("offer support", "provide reassurance", "put boundaries in place").
_VAGUE_OBJECT = re.compile(
    rf"^(?:[\w'’-]+\s+){{0,4}}?(?:support|help|advice|guidance|reassurance|encouragement|assistance|input|"
    rf"oversight|boundaries|stability|a safe home|care and support)\b{_COMPOUND_HEAD}", re.IGNORECASE)
_NO_OBJECT = re.compile(r"^(?:out|more|better|where|when|if|as|with things|in any way|where possible|"
                        r"on better|on|along|involved|things right)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?:be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en|wn|ne|de|id|t|ld|pt|ght))\b", re.IGNORECASE)
# Adjectives that look like participles ("be vigilant", "be patient", "be present").
_NOT_PARTICIPLE = re.compile(r"^(?!(?:sent|spent|lent|meant|bent|went)$)\w+(?:ant|ent)$", re.IGNORECASE)
_VAGUE_PARTICIPLES = {"supported", "monitored", "encouraged", "considered", "explored", "engaged", "maintained",
                      "improved", "promoted", "reviewed as needed", "helped", "addressed", "ensured",
                      "developed", "strengthened", "managed", "reduced", "safeguarded",
                      "protected", "facilitated", "enabled", "empowered", "assisted", "continued", "sustained",
                      "understood", "looked", "worked", "focused", "prioritised", "involved", "kept safe",
                      "kept informed", "kept updated", "kept in mind", "made aware", "kept under review", "sorted",
                      "followed up", "looked into"}
# A next step named without its occasion or content ("the plan will be reviewed", "concerns to be
# escalated to the team manager", "the case may need to be stepped up"): an aim, not a task. With
# an occasion or a concrete next step it is one ("reviewed at the RCPC", "stepped up to a strategy
# discussion", D39).
_OPEN_STEP = {"reviewed", "escalated", "discussed", "stepped"}
_NO_OCCASION = re.compile(r"^(?:up\s*)?(?:again\s*|further\s*)?(?:(?:to|with)\s+(?:the\s+|a\s+|my\s+|her\s+|his\s+)?"
                          r"(?:team\s+manager|manager|management|senior\s+management|service\s+manager)\s*)?$",
                          re.IGNORECASE)
# "Referral to Early Help to be considered", "A referral … will be considered": a thing that may be
# done, not a task ("Tyrese to be considered at an ICPC" names where it is done).
_TO_BE_CONSIDERED = re.compile(r"\b(?:to|will|should|may|might|can|could|would|must)\s+(?:need\s+to\s+)?(?:also\s+)?be\s+"
                               r"(?:considered|explored)(?:\s+(?:for|if|as|when|once|should)\b[^.;]*)?\s*[.;]?\s*$", re.IGNORECASE)
# "Direct work with both children" as the whole task: no count of sessions and no topic (D45).
_BARE_DIRECT_WORK = re.compile(r"^(?:some\s+|more\s+|further\s+)?direct\s+work(?:\s+(?:with|for)\s+(?:[\w'’-]+\s*){1,4})?"
                               r"\s*[.;]?\s*$", re.IGNORECASE)
# Participles judged, like the light verbs, by what is offered or given.
_LIGHT_PARTICIPLES = {"offered", "given", "provided", "kept"}
_LIGHT_VERBS = re.compile(r"^(?:offer|offers|help|helps|have|has|arrange|give|gives|provide|provides|do|get|put|"
                          r"assist|support|supports)(?![\w-])", re.IGNORECASE)
# "help Hooyo apply for the grant", "support Farid to register with a GP": the activity is the inner verb.
_HELPED_PERSON = re.compile(r"^(?:help|helps|support|supports|assist)\s+(?!to\b)((?:[\w'’-]+\s+){1,4}?)(?:to\s+)?(?=\w)",
                            re.IGNORECASE)
# A state to keep or stay in is an aim ("keep the house clean and tidy", "keep Lily-Mae safe",
# "stay calm"); a place or a rule is not ("keep the medication in the locked box", "be home by 9pm").
_STATE = (r"(?:safe|safer|clean|cleaner|tidy|clean and tidy|hygienic|happy|settled|calm|calmer|well|healthy|"
          r"stable|positive|patient|vigilant|focused|strong|motivated|engaged|involved|"
          r"protective|under review|in mind|in the loop)")
_KEEP_STATE = re.compile(rf"^(?:(?:keep|keeps|stay|stays|remain|remains)\s+(?:[\w'’-]+\s+){{0,4}}?|"
                         rf"(?:be|become|feel|feels)\s+(?:more\s+|kept\s+)?){_STATE}\b", re.IGNORECASE)
_BE_PLACE = re.compile(r"^be\s+(?:back\s+)?(?:home|indoors|inside|in bed|at home|at school|in school|back at)\b",
                       re.IGNORECASE)
_NEGATED_RULE = re.compile(r"^(?:not|never|no longer|stop|refrain from|abstain from|avoid)\b", re.IGNORECASE)
# A rule with its subject left in ("Lee not to stay overnight", "No physical punishment of Mei").
_SUBJECT_NEGATED_RULE = re.compile(
    r"^(?:(?:[\w'’()-]+\s+){1,5}?(?:not to|is not to|are not to|must not|will not|should not|to not|never to)\s+\w+|"
    r"no\s+(?:unsupervised\s+|physical\s+|direct\s+|further\s+)?(?:contact|physical|punishment|smoking|drinking|"
    r"alcohol|drugs?|overnight|visitors?|one|adults?|unsupervised|devices?|phones?|use)\b)", re.IGNORECASE)
# A noun-led aim: "Home conditions to improve", "Kairo's attendance to improve", "House to be kept clean",
# "Referral to the substance misuse service to be considered". The subject holds no "to".
_SUBJECT = r"^(?:(?!to\b)[\w'’/-]+\s+){1,5}?to\s+"
_FILLER = re.compile(r"^(?:(?:also|then|now|fully|actively|continue to|continue(?! with)|further|regularly|"
                     r"consistently|always|please|be able to|be expected to|be asked to|need to|needs to|"
                     r"i will|i'll|i’ll|we will|i am going to|will|all|both)\s+)+",
                     re.IGNORECASE)
# A short task (three words or fewer) names an activity only through a word the lists know.
_SHORT = re.compile(r"^[\W\d]*(?:[\w'’.-]+[\W\d]*){0,3}$")
# Words left in a "task" that is really another cell of the row: a status, a when, a connective.
_STATUS_WORDS = {"open", "closed", "done", "completed", "complete", "ongoing", "green", "amber", "red", "rag",
                 "tbc", "tba", "n/a", "na", "none", "in", "progress", "not", "started", "met", "partly",
                 "achieved", "and", "the", "or", "with", "who", "when", "next", "cgm", "asap", "by", "to", "of"}


@lru_cache(maxsize=1)
def _vague_phrases() -> re.Pattern[str]:
    phrases = lexicons()["vague_phrases"]
    return re.compile(r"^(?:" + "|".join(phrases) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _verb_patterns(extra_services: tuple[str, ...]):
    lex = lexicons()
    vague = "|".join(re.escape(v) for v in lex["vague_verbs"])
    concrete = "|".join(re.escape(v) for v in lex["concrete_verbs"])
    services = "|".join(re.escape(s) for s in extra_services)
    return (re.compile(rf"^(?:{vague})(?![\w-])", re.IGNORECASE),
            re.compile(rf"^(?:{concrete})(?![\w-])", re.IGNORECASE),
            re.compile(rf"\b(?:{services})\b", re.IGNORECASE) if services else None)


@lru_cache(maxsize=1)
def _subject_aim() -> re.Pattern[str]:
    lex = lexicons()
    vague = "|".join(re.escape(v) for v in lex["vague_verbs"] if v != "be")
    participles = "|".join(sorted(_VAGUE_PARTICIPLES, key=len, reverse=True))
    return re.compile(rf"{_SUBJECT}(?:(?:{vague})(?![\w-])|be\s+(?:\w+ly\s+)?(?:{participles})(?![\w-])|"
                      rf"(?:be|stay|remain|feel)\s+(?:kept\s+|more\s+)?{_STATE}\b|continue\s*[.;,]?\s*$|get better|be better)",
                      re.IGNORECASE)


def _clean(task: str) -> str:
    text = re.sub(r"\s+", " ", task).strip().strip("-–—:;,. ")
    text = re.sub(r"^to\s+", "", text, flags=re.IGNORECASE)  # "Kieran – to address his behaviour"
    return _FILLER.sub("", text)


def is_concrete_subject(subject: str) -> bool:
    """The subject of an agentless passive names a concrete thing to be given ("Carers assessment
    (to be offered to Mum)", "A bus pass (to be provided)"), not an aim."""
    text = re.sub(r"^\W*(?:the|a|an)\s+", "", subject.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:will|to|should|must|can|needs? to)\s*$", "", text, flags=re.IGNORECASE)
    return bool(text) and not is_vague_subject(subject) and _CONCRETE_NOUNS.search(text) is not None


def is_vague_subject(subject: str) -> bool:
    """The subject of an agentless passive names an aim, not a thing to do: "Consideration (to be
    given)", "Safety work (will be done)", "Support (to be offered)", "Referrals (to be made as
    appropriate)"."""
    text = re.sub(r"^\W*(?:(?:action|task|step)\s*[\d.]*\s*[:.)\-–]\s*)?(?:the|a|an|some|any|further|more)\s+", "",
                  subject.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:will|to|should|must|can|needs? to)\s*$", "", text, flags=re.IGNORECASE)
    return bool(_VAGUE_NOUNS.match(text) or re.match(r"^(?:[\w-]+\s+)?(?:work|support|consideration|"
                                                      r"monitoring|input|help)\b", text, re.IGNORECASE))


def is_specific(task: str, extra_services: tuple[str, ...] = ()) -> tuple[bool, str]:
    """(specific?, reason) for the task part of an action (owner and timescale removed)."""
    return _judge(_clean(task), extra_services, depth=0)


def _judge(text: str, extra_services: tuple[str, ...], depth: int) -> tuple[bool, str]:
    vague, concrete, services = _verb_patterns(tuple(sorted(extra_services)))
    if not text or not re.search(r"[A-Za-z]{2}", text):
        return False, "no task stated"
    if _NEGATED_RULE.match(text):
        # A rule about a named behaviour ("not drink alcohol when caring for Leo alone").
        return (len(text.split()) >= 3, "a rule about a named behaviour" if len(text.split()) >= 3
                else "a rule with no behaviour named")
    if _BARE_DIRECT_WORK.match(text) and not re.search(r"\b(?:about|on|using|sessions?)\b", text, re.IGNORECASE):
        return False, "direct work with no count or topic"
    phrase = _vague_phrases().match(text)
    if phrase:
        return False, f"vague wording '{phrase.group(0)}'"
    if _SUBJECT_NEGATED_RULE.match(text):
        return True, "a rule about a named behaviour"
    if _BE_PLACE.match(text):
        return True, "a rule about where someone must be"
    state = _KEEP_STATE.match(text)
    if state:
        return False, f"a state to keep, not an activity ('{state.group(0)}')"
    passive = _PASSIVE.match(text)
    if passive and not _NOT_PARTICIPLE.match(passive.group(1)):
        # "to be referred", "to be added to police alerts": judged by the participle.
        participle = passive.group(1).lower()
        if participle in _VAGUE_PARTICIPLES or re.search(r"\bfor (?:support|help|advice)\b", text, re.IGNORECASE):
            return False, f"vague verb '{participle}'"
        rest = text[passive.end():].strip(" .,;")
        if participle in _OPEN_STEP and _NO_OCCASION.match(rest):
            return False, f"'{participle}' with no occasion or next step named"
        if participle in _LIGHT_PARTICIPLES and _VAGUE_OBJECT.match(rest):
            return False, f"'{participle}' with an aim for its object"
        if participle == "offered" and (not rest or re.match(r"(?:to|with|for|around|about|as|if|when)\b", rest, re.I)):
            # "Support to be offered to the family": an offer of nothing named is not an activity.
            return False, f"'{participle}' with no concrete object"
        return True, f"concrete activity '{participle}'"
    helped = _HELPED_PERSON.match(text)
    if helped and depth == 0:
        # "help Hooyo apply for the grant" is the activity "apply"; "support Muna to make positive
        # changes" is the aim "make positive changes".
        inner_specific, why = _judge(text[helped.end():], extra_services, depth + 1)
        if inner_specific and concrete.match(text[helped.end():]):
            return True, f"helping with a concrete activity ({why})"
    light = _LIGHT_VERBS.match(text)
    if light:
        # "offer Kacper weekly ELSA sessions" is a task; "offer support" is not.
        rest = text[light.end():].strip()
        if not rest or _NO_OBJECT.match(rest):
            return False, f"'{light.group(0)}' with no concrete object"
        if _VAGUE_OBJECT.match(rest) and not (services is not None and services.search(rest)):
            return False, f"'{light.group(0)}' with an aim for its object"
        if light.group(0).lower() in ("support", "supports", "assist"):
            return False, f"vague verb '{light.group(0)}'"
        if light.group(0).lower() in ("help", "helps"):
            if _CONCRETE_NOUNS.search(rest) or (services is not None and services.search(rest)):
                return True, f"'{light.group(0)}' with a concrete object"
            return False, f"vague verb '{light.group(0)}'"
        return True, f"'{light.group(0)}' with a concrete object"
    v_match, c_match = vague.match(text), concrete.match(text)
    if not c_match and _TO_BE_CONSIDERED.search(text):
        return False, "a step to be considered, not a task"
    # The longer match wins: "be seen" is concrete though "be" is vague, "keep an eye" vague though
    # "keep" is concrete.
    if v_match and (not c_match or len(v_match.group(0)) >= len(c_match.group(0))):
        return False, f"vague verb '{v_match.group(0)}'"
    if c_match:
        return True, f"concrete activity '{c_match.group(0)}'"
    if _VAGUE_NOUNS.match(text):
        return False, f"an aim ('{text.split()[0]}'), not an activity"
    aim = _subject_aim().match(text)
    if aim:
        return False, f"an aim ('{aim.group(0).strip()}'), not an activity"
    if _AIM_NOUN_PHRASE.match(text) and not (services is not None and services.search(text)):
        return False, "an aim noun ('support', 'work'), not an activity"
    if services is not None and services.search(text):
        return True, "names a local service"
    if _CONCRETE_NOUNS.search(text):
        return True, "names a concrete activity or service"
    if _SHORT.match(text):
        if _only_people_or_status(text):
            # A cell misread as the task ("SW", "parents", "Open"): no task was found to judge.
            return True, "no task text found (only a name, role or status); not flagged"
        return False, "no concrete activity named"
    return True, "no vague wording found; read as an activity"


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    lex = lexicons()
    words = set()
    for key in ("roles", "collective_owners", "pronouns", "first_person", "child_refs", "adult_refs"):
        for entry in lex[key]:
            words.update(entry.split())
    return frozenset(words)


def _only_people_or_status(text: str) -> bool:
    """True when every word is a role, a person's name (capitalised), a status or a date."""
    words = re.findall(r"[A-Za-z][\w'’/-]*", text)
    if not words:
        return True
    people = _people_words()
    return all(w.lower() in people or w.lower() in _STATUS_WORDS or w[0].isupper() for w in words)
