"""Specificity: is the task a concrete, observable activity or an aim?

Specific: attend X, complete Y, visit Z times, a concrete rule about a named behaviour ("will
not drink alcohol when caring for Leo alone"). Not specific: aims and vague verbs — engage,
support, monitor, work on, look into, improve, keep an eye, ensure — whatever the timescale.
The verb lists are data (`resources/lexicons.json`).
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
    r"change grow live|women's aid|family group conference|fgc)\b", re.IGNORECASE)
_VAGUE_NOUNS = re.compile(r"^(?:(?:ongoing|continued|further|regular|general)\s+)?(?:support|monitoring|engagement|work|improvement|improvements|assistance|help|guidance|"
                          r"oversight|input|advice|encouragement|consideration|liaison|reassurance|awareness|"
                          r"understanding|insight|stability|safety|progress|change|changes)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"^(?:be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en|wn|ne|de|t|ld|pt|ght))\b", re.IGNORECASE)
_VAGUE_PARTICIPLES = {"supported", "monitored", "encouraged", "considered", "explored", "engaged", "maintained",
                      "improved", "promoted", "reviewed as needed", "kept", "helped", "addressed", "ensured",
                      "offered", "given", "developed", "strengthened", "managed", "reduced", "safeguarded",
                      "protected", "facilitated", "enabled", "empowered", "assisted", "continued", "sustained",
                      "understood", "looked", "worked", "focused", "prioritised"}
_LIGHT_VERBS = re.compile(r"^(?:offer|offers|help|helps|have|has|arrange|give|gives|provide|provides|do|get|put)(?![\w-])",
                          re.IGNORECASE)
_NEGATED_RULE = re.compile(r"^(?:not|never|no longer|stop|refrain from|abstain from|avoid)\b", re.IGNORECASE)
_FILLER = re.compile(r"^(?:(?:also|then|now|fully|actively|continue to|continue|further|regularly|"
                     r"consistently|always|please|be able to|be expected to|be asked to|need to|try to)\s+)+",
                     re.IGNORECASE)


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


def is_specific(task: str, extra_services: tuple[str, ...] = ()) -> tuple[bool, str]:
    """(specific?, reason) for the task part of an action (owner and timescale removed)."""
    vague, concrete, services = _verb_patterns(tuple(sorted(extra_services)))
    text = task.strip().strip("-–—:;,. ")
    text = _FILLER.sub("", text)
    if not text:
        return False, "no task stated"
    if _NEGATED_RULE.match(text):
        # A rule about a named behaviour ("not drink alcohol when caring for Leo alone").
        return (len(text.split()) >= 3, "a rule about a named behaviour" if len(text.split()) >= 3
                else "a rule with no behaviour named")
    phrase = _vague_phrases().match(text)
    if phrase:
        return False, f"vague wording '{phrase.group(0)}'"
    passive = _PASSIVE.match(text)
    if passive:
        # "to be referred", "to be added to police alerts": judged by the participle.
        participle = passive.group(1).lower()
        if participle in _VAGUE_PARTICIPLES or re.search(r"\bfor (?:support|help|advice)\b", text, re.IGNORECASE):
            return False, f"vague verb '{participle}'"
        return True, f"concrete activity '{participle}'"
    light = _LIGHT_VERBS.match(text)
    if light:
        # "offer Kacper weekly ELSA sessions" is a task; "offer support" is not.
        if _CONCRETE_NOUNS.search(text) or (services is not None and services.search(text)):
            return True, f"'{light.group(0)}' with a concrete object"
        return False, f"'{light.group(0)}' with no concrete object"
    match = vague.match(text)
    if match:
        return False, f"vague verb '{match.group(0)}'"
    if _VAGUE_NOUNS.match(text):
        return False, f"an aim ('{text.split()[0]}'), not an activity"
    match = concrete.match(text)
    if match:
        return True, f"concrete activity '{match.group(0)}'"
    if services is not None and services.search(text):
        return True, "names a local service"
    if _CONCRETE_NOUNS.search(text):
        return True, "names a concrete activity or service"
    return False, "no concrete activity named"
