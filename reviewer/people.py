"""People in a document: which names belong to children and which to adults.

Child voice hinges on *who* speaks ("Amir said" is the child's voice, "Mum said" is not), and
owners on who acts, so the document's own introductions are read first: "Amir (7)",
"Leo, aged 4", "baby Ruby", "Mum, Sarah", "Sarah (mother)".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .resources import lexicons

_UP = "A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČĎĚŇŘŤŮŞĞİ"
_LOW = "a-zß-öø-ÿłśżźćńąęšžčďěňřťůşğıăâîț"
# Names in any Latin script ("Paweł", "Zoë", "Ștefan"), with a hyphenated or O'-style part.
_NAME = rf"([{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+|'[{_UP}][{_LOW}]+)?)"
_SURNAME = rf"(?:\s+[{_UP}][{_UP}{_LOW}]+(?:-[{_UP}][{_UP}{_LOW}]+)?)?"
_CHILD_INTROS = [
    _NAME + _SURNAME + r"\s*\(\s*(?:aged?\s*|age\s*)?\d{1,2}(?:\s*(?:years?|yrs?|y|months?|mths?|m|weeks?|wks?))?(?:\s*old)?\s*\)",
    _NAME + _SURNAME + r",?\s+(?:is\s+)?(?:aged?|age)\s+\d{1,2}\b",
    _NAME + _SURNAME + r"\s+is\s+(?:a|an|now)\s+\d{1,2}[- ](?:year|month|week)[- ]old",
    _NAME + _SURNAME + r"\s*(?:\(|,|-|–)?\s*(?:DOB|D\.O\.B\.?|date of birth|born)\b",
    r"\b(?:[Bb]aby|[Ss]on|[Dd]aughter|[Bb]rother|[Ss]ister|[Gg]randson|[Gg]randdaughter|[Ss]tepson|"
    r"[Ss]tepdaughter|[Tt]wins?|[Ss]iblings?|[Cc]hild|[Cc]hildren|[Yy]oung person|[Yy]oungest|[Ee]ldest|"
    r"[Uu]nborn)(?:,)?\s+" + _NAME,
    r"\b(?:[Cc]hild|[Yy]oung person|[Nn]ame of child|[Cc]hild's name|[Cc]hildren|[Pp]atient|[Pp]upil|[Ss]tudent)\s*:\s*" + _NAME,
]
# "Leo (4)", "Leo, aged 4,", "Ruby (4 months)" — but not "Medical Practice, 2 Market Street".
_AGE = re.compile(_NAME + _SURNAME + r"\s*(?:\(|,)\s*(?:aged?\s*)?(\d{1,2})\s*(years?|yrs?|y|months?|mths?|m|weeks?|wks?)?"
                  r"(?=\s*(?:\)|,|;|\.|\s(?:years?|yrs?|months?|old|and|is|was|has|lives|attends)\b|$))")
_ALIAS = re.compile(_NAME + _SURNAME + r"\s*\(\s*(?:known as|aka|a\.k\.a\.|called|prefers|likes to be called)\s+" + _NAME + r"\s*\)")
_CHILD_LISTS = re.compile(r"\b(?:children|siblings|twins|brothers|sisters),?\s+" + _NAME + r"((?:,\s*[A-Z][a-z]+)*)(?:,?\s+and\s+" + _NAME + r")")
_ADULT_WORDS = (r"(?:[Mm]um|[Mm]other|[Dd]ad|[Ff]ather|[Ss]tepdad|[Ss]tep-dad|[Ss]tepfather|[Ss]tepmother|[Pp]artner|"
                r"[Gg]randmother|[Gg]randfather|[Nn]an|[Nn]ana|[Gg]ran|[Aa]unt|[Aa]untie|[Uu]ncle|[Cc]arer|"
                r"[Bb]oyfriend|[Gg]irlfriend|[Mm]GM|[Pp]GM|[Mm]GF|[Pp]GF|MGM|PGM|MGF|PGF|[Ss]ocial [Ww]orker|"
                r"[Hh]ealth [Vv]isitor|[Tt]eacher|[Hh]ead[ ]?teacher|DSL|HV|SW|GP|IRO|[Cc]hair|[Mm]anager)")
_ADULT_INTROS = [
    r"\b" + _ADULT_WORDS + r"\s*(?:,|\(|-|–|:)?\s*" + _NAME,
    _NAME + _SURNAME + r"\s*(?:\(|,|-|–)\s*(?:the\s+)?(?:" + _ADULT_WORDS + r"|[Mm]aternal|[Pp]aternal|[Bb]irth)",
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+" + _NAME,
    _NAME + r"'s\s+(?:husband|wife|partner|boyfriend|girlfriend|ex-partner|ex|son|daughter|children|baby|"
    r"unborn|pregnancy|parenting|mother-in-law|fianc[eé]e?)\b",
    r"\b(?:husband|wife|partner|boyfriend|girlfriend|ex-partner|fianc[eé]e?)(?:,)?\s+" + _NAME,
    _NAME + _SURNAME + r"\s*(?:,|\()\s*(?:aged?\s*)?(?:1[89]|[2-9]\d)\b",
]
_NOT_NAMES = {
    "The", "This", "That", "These", "Those", "She", "He", "They", "His", "Her", "Their", "Mum", "Dad", "Both",
    "Action", "Task", "Who", "When", "What", "Date", "Plan", "Section", "Child", "Children", "Baby", "Social",
    "Health", "School", "Police", "Family", "Young", "Name", "Age", "Aged", "Unborn", "Parents", "All",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Nan", "Gran", "Grandmother", "Grandfather", "Mother", "Father", "Son", "Daughter", "And", "Yes", "No",
}


@dataclass
class People:
    children: set[str] = field(default_factory=set)
    adults: set[str] = field(default_factory=set)
    ages: dict[str, int] = field(default_factory=dict)  # child's age in years, where stated

    def child_alternation(self) -> str:
        """Regex alternation for references to a child: names first, then child words."""
        words = [re.escape(n) for n in sorted(self.children, key=len, reverse=True)]
        words += [re.escape(w) for w in lexicons()["child_refs"]]
        return "|".join(words)

    def adult_alternation(self) -> str:
        words = [re.escape(n) for n in sorted(self.adults, key=len, reverse=True)]
        words += [re.escape(w) for w in lexicons()["adult_refs"]]
        words += [r"mr \w+", r"mrs \w+", r"ms \w+", r"miss \w+", r"dr \w+"]
        return "|".join(words)

    def is_child(self, name: str) -> bool:
        return name in self.children


def find_people(text: str) -> People:
    """Read the document's introductions of its children and adults."""
    children: set[str] = set()
    adults: set[str] = set()
    ages: dict[str, int] = {}
    for match in _AGE.finditer(text):
        years = int(match.group(2))
        if match.group(3) and match.group(3).lower().startswith(("m", "w")):
            years = 0  # months or weeks old
        ages.setdefault(match.group(1), years)
    for pattern in _ADULT_INTROS:
        for match in re.finditer(pattern, text):
            adults.update(g for g in match.groups() if g and g[0].isupper())
    for pattern in _CHILD_INTROS:
        for match in re.finditer(pattern, text):
            children.update(g for g in match.groups() if g and g[0].isupper())
    for match in _CHILD_LISTS.finditer(text):
        children.add(match.group(1))
        children.update(n.strip() for n in (match.group(2) or "").split(",") if n.strip())
        children.add(match.group(3))
    # A capitalised word that also appears in lower case ("Assessment", "Steps") is not a name.
    lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
    def plausible(name: str) -> bool:
        return name not in _NOT_NAMES and len(name) > 1 and name.lower() not in lower_words
    for match in _ALIAS.finditer(text):
        # "Yutong ZHANG (known as Emily)": the alias is the same person.
        if match.group(1) in children:
            children.add(match.group(2))
    children = {n for n in children if plausible(n)}
    adults = {n for n in adults if plausible(n)}
    # A stated age under 18 ("Andrei (14 months)") makes a child whatever else matched.
    young = {n for n, a in ages.items() if a < 18 and plausible(n)}
    children |= young
    adults -= young
    # A name introduced both ways ("Sarah (mother)" and "Sarah, aged 17") stays a child only
    # when it never appears with an adult role.
    return People(children=children - adults, adults=adults,
                  ages={n: a for n, a in ages.items() if n in children})
