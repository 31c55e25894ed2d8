"""Timescales: find the checkable "when" of an action, and vague timing reported apart.

Checkable: a date ("14/02/2025", "14.04.25", "4 Feb"), "by <date>", "w/c 10/03", "within N
days/weeks" (also "within 72 hours of his return"), a frequency ("weekly", "every Tuesday"), a
named point ("by Easter", "end of term"), a meeting with its date.
Not checkable: the vague words in `resources/lexicons.json` ("ongoing", "ASAP", "TBC", "next
CGM" without a date), course lengths ("the 12-week programme"), dates that are not deadlines
("attending since 13 January"), and frequencies that describe a service ("the weekly group").
Dates are normalised with dateparser, set for UK day-first dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from .resources import lexicons

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAYNAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_DAYNAMES = r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|weekends)"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|twenty|twenty-one|twenty-eight|thirty|forty-eight|seventy-two|few|couple of)"
_NUMERIC_DATE = r"\b(?:[0-2]?\d|3[01])[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?:\d{4}|\d{2}))?\b"
_TEXT_DATE = (rf"\b(?:(?:{_DAYNAME},?\s+)?(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
              rf"|{_MONTH}\s+(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
              rf"|{_MONTH}\s+\d{{4}})\b")
_DATE = rf"(?:{_TEXT_DATE}|{_NUMERIC_DATE})"

_CHECKABLE = [
    ("week_commencing", rf"\b(?:w/c|w\.c\.?|wc|w/b|wk\s*(?:commencing|beginning|beg\.?|com\.?)|week\s+(?:commencing|beginning|starting|of))\s*{_DATE}"),
    ("date", rf"(?:\b(?:by|before|on|no later than|from|until|till|starting|start(?:ing)? on|due|for|at|after|w/e|week ending|end of)\s+)?(?:the\s+)?{_DATE}"),
    ("within", rf"\bwithin\s+(?:the\s+next\s+)?{_NUM}\s+(?:working\s+|calendar\s+|school\s+|clear\s+)?(?:hours?|days?|weeks?|months?|fortnights?)(?:\s+of\s+(?:[\w'’]+\s+){{0,4}}?(?:return|referral|birth|discharge|release|the (?:ic|rc)pc|this plan|the plan|(?:this|the) assessment|conference|the meeting|(?:the )?incident|being found|(?:the )?episode|(?:the )?visit|receipt|notification|(?:the )?request|(?:the )?disclosure|(?:the )?review|today|allocation)\b)?"),
    ("in_period", rf"\b(?:in|over|during)\s+the\s+next\s+{_NUM}\s+(?:working\s+)?(?:days?|weeks?|months?)|\bin\s+{_NUM}\s+(?:working\s+)?(?:days?|weeks?|months?)(?:'|’)?\s*(?:time)?"),
    ("frequency", rf"\b(?:(?:at\s+least\s+)?(?:once|twice|three times|four times|\d+\s+times|{_NUM}\s+times)\s+(?:a|per|each|every)\s+(?:day|week|fortnight|month|term|half[- ]term)"
                  rf"|every\s+(?:other\s+|second\s+|single\s+)?(?:{_NUM}\s*(?:(?:to|or|-|–)\s*{_NUM}\s+)?)?(?:working\s+|school\s+|calendar\s+)?(?:days?|mornings?|evenings?|nights?|weekdays?|weekends?|weeks?|wks?|fortnights?|months?|mths?|terms?|school days?|{_DAYNAME})\b"
                  rf"|each\s+(?:day|morning|evening|week|fortnight|month|term|{_DAYNAME})"
                  rf"|(?:on\s+)?{_DAYNAMES}(?:\s+(?:and|&)\s+{_DAYNAMES})?"
                  rf"|(?:(?:the\s+\w+\s+of|at|for|after|on|in)\s+)?(?:each|every)\s+(?:of\s+(?:their|our|the|his|her|your|my)\s+)?(?:(?!(?:other|second|single|day|week|month|time)\b)[a-z][\w'’-]*\s+){{0,2}}(?:visits?|contacts?|appointments?|appts?|sessions?|meetings?|episodes?|cgm|core group(?: meeting)?s?|review(?: meeting)?s?|conferences?|cin reviews?|handovers?|change-?overs?|lessons?|clinics?|stays?|weigh-?ins?|scans?|occasions?)\b|\b(?:each|every)\s+time\b"
                  rf"|(?:daily|nightly|weekly|fortnightly|monthly|termly|half[- ]termly|bi-?weekly|bi-?monthly|twice[- ]weekly|twice[- ]monthly|each week|per week|a week)\b)"),
    ("named_point", rf"\b(?:by|before|at|for|until|from|after|over|during|in|at the)?\s*(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:this\s+|next\s+)?(?:(?:spring|summer|autumn|winter|school|academic)\s+)?(?:term|school year|academic year|month|week|year|holidays?)"
                    rf"|end\s+of\s+{_MONTH}(?:\s+\d{{4}})?"
                    rf"|(?:start|beginning)\s+of\s+(?:the\s+)?(?:(?:new|next|spring|summer|autumn)\s+)?(?:term|school year|academic year|month)"
                    rf"|easter(?:\s+holidays?)?|christmas(?:\s+holidays?)?|(?:october|february|may)?\s*half[- ]term|summer holidays?|new year|eid|diwali"
                    rf"|(?:by\s+the\s+time|before|until|when)\s+(?:[\w'’-]+\s+){{1,3}}?(?:is|turns)\s+{_NUM}\s+(?:weeks?|months?|years?)(?:\s+old)?"
                    rf"|(?:this|next)\s+(?:week|month|{_DAYNAME})|tomorrow|today|tonight|immediately|with immediate effect|from today|straight away"
                    # After a trigger, the relative when counts (D43): "that night", "the same working day".
                    rf"|(?:the\s+)?same[- ](?:working[- ]|school[- ])?(?:day|night|evening|week)|that\s+(?:night|evening)"
                    rf"|(?:the\s+)?next\s+working\s+day|(?:by|before)\s+the\s+end\s+of\s+the\s+(?:school\s+|working\s+)?day"
                    rf"|within\s+(?:half\s+an|an|one|the)\s+hour"
                    rf"|{_MONTH}(?=\s*[.,;)]|\s*$|\s+(?:and|when|at|for|before|to|half)\b))(?![\w-])"),
    # Note form: a bare period that ends the item after a dash or in its bracket ("SW visits –
    # 10 working days", "Refer to Young Carers (SW, 2 wks)"): how often or by when (D43).
    ("note_period", rf"(?<=[(\[,–—-])\s*{_NUM}\s+(?:working\s+|school\s+)?(?:days|wks|weeks|months|mths)(?=\s*[)\]]|\s*[.;]?\s*$)"),
    ("by_day", rf"\b(?:by|on|before|next|this|every|until)\s+{_DAYNAME}\b"),
    ("time_of_day", r"\b(?:by|before|at|until)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b"),
    ("frequency", rf"\b(?:{_NUM}|several|some)\s+(?:mornings?|evenings?|nights?|days?|afternoons?|weekends?|sessions?|times?|visits?)\s+(?:a|per|each|every)\s+(?:week|fortnight|month|term)\b"),
]
# Points that are checkable only against a date the document gives elsewhere (D29, D43): the
# pregnancy's ("before the baby is born", "by 36 weeks") when it gives a due date, a plan's week
# ("wk 4") when it dates the plan's start. `document_anchors` finds those dates once per document.
_ANCHORED = {
    "due_date": rf"\b(?:(?:by|before|until|after|at)\s+(?:the\s+)?(?:(?:baby|babies)\s+(?:is\s+|are\s+)?(?:born|arrives?)|"
                rf"(?:baby(?:'s|’s)\s+)?birth|delivery)"
                rf"|(?:for\s+)?(?:at\s+least\s+)?{_NUM}\s+(?:hours?|days?|weeks?)\s+after\s+(?:the\s+)?birth"
                rf"|before\s+(?:(?:the\s+)?(?:baby(?:'s|’s)|hospital)\s+)?discharge"
                rf"|(?:at|by|before|from|until)\s+\d{{2}}(?:\s*(?:and|&|or|-|–)\s*\d{{2}})?\s*(?:weeks?|wks?)"
                rf"(?:\s+(?:of\s+(?:the\s+)?pregnancy|pregnant|gestation))?)\b",
    "week_one": r"\b(?:(?:by|in|from|during|at|before)\s+)?(?:wk|week)\s*\d{1,2}\b(?!\s*(?:of\s+(?:the\s+)?pregnancy|pregnant|gestation))",
}
_DUE_DATE_DOC = re.compile(rf"\b(?:EDD|expected date of (?:delivery|birth|confinement)|(?:estimated|expected) due date|"
                           rf"(?:baby|babies|who|she|you|mum|mother)\s+(?:is|are)\s+due(?:\s+(?:on|in))?)\b[^\n]{{0,12}}?{_DATE}",
                           re.IGNORECASE)
_WEEK_ONE_DOC = re.compile(rf"\b(?:start\s+date\s+of\s+(?:the\s+)?plan|plan\s+start(?:ed|s)?(?:\s+date)?|"
                           rf"(?:wk|week)\s*(?:1|one))\b[^\n]{{0,12}}?{_DATE}", re.IGNORECASE)
_PLAN_WEEK = re.compile(r"\W*(?:by\s+)?(?:wk|week)\s*\d{1,2}\W*", re.IGNORECASE)


def document_anchors(text: str) -> frozenset[str]:
    """The dates a document gives that make relative points checkable: "due_date" (an EDD or a
    due date for the baby), "week_one" (the plan's start, so "wk 3" is a week of it)."""
    anchors = set()
    if _DUE_DATE_DOC.search(text):
        anchors.add("due_date")
    if _WEEK_ONE_DOC.search(text):
        anchors.add("week_one")
    return frozenset(anchors)


_NOT_DEADLINE = re.compile(
    r"\b(?:since|born(?:\s+on)?|dob|d\.o\.b\.?|dated|last seen(?:\s+on)?|referral (?:of|on|dated)|"
    r"letter (?:of|dated)|incident (?:of|on)|attending\s+since|started\s+on|started|began|begun|was|were|took place(?:\s+on)?|happened(?:\s+on)?)\s*$",
    re.IGNORECASE,
)
_COURSE_LENGTH = re.compile(
    r"(?<!within\s)(?<!in\s)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|twenty)[- ](?:week|session|day|month)s?(?:[- ]long)?\s+"
    r"(?:\w+\s+){0,2}(?:programme|program|course|group|block|package|intervention|assessment|plan|block|placement|parenting|treatment|detox|rehab)",
    re.IGNORECASE,
)
_COURSE_WORDS = re.compile(r"\b(?:programmes?|programs?|courses?|groups?|sessions?|treatment|detox|rehab|placement)\b",
                           re.IGNORECASE)
# A When cell that is only a length ("12 weeks", "10-week course").
_BARE_LENGTH = re.compile(r"\W*(?:\d{1,2}|six|eight|ten|twelve)[- ](?:weeks?|wks?|sessions?|months?)(?:[- ]long)?"
                          r"(?:\s+(?:course|programme|group))?\W*", re.IGNORECASE)
_SERVICE_FREQUENCY = re.compile(
    r"\b(?:the|a|an|her|his|their|its|this|our)\s+(?:daily|weekly|fortnightly|monthly|termly|twice-weekly|bi-weekly)\s+(?!basis\b)[a-z]+",
    re.IGNORECASE,
)
_MEETING_WORDS = re.compile(r"\b(?:next|following|upcoming|forthcoming)\s+(?:cgm|core group(?:s| meeting)?|conference|rcpc|icpc|review(?: conference| meeting)?|cin(?: review| meeting)?|meeting|lac review|tac|taf|visit|appointment|pep)\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_TWO_DIGIT_YEAR = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})\b")


@dataclass(frozen=True)
class Timescale:
    text: str | None
    start: int | None  # offsets relative to the string examined
    end: int | None
    kind: str | None
    vague: str | None
    vague_start: int | None
    vague_end: int | None
    iso_date: str | None


@lru_cache(maxsize=1)
def _compiled():
    checkable = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _CHECKABLE]
    words = sorted(lexicons()["vague_timescales"], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words if re.search(r"\w", w))
    vague = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return checkable, vague


def extra_vague_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


_JOINER = re.compile(r"^\s*(?:(?:,|;|and|&|from|starting|commencing|beginning|then|until|till|to|-|–|at|on|by|the|of|next|\(|\))\s*){0,4}$", re.IGNORECASE)


def _first_merged(text: str, spans: list[tuple[int, int, str]],
                  blocked: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The earliest timescale, merged with parts that continue it ("Tuesdays from 4 Feb")."""
    spans = sorted((s for s in spans if not _overlaps(s[:2], blocked)), key=lambda s: (s[0], -s[1]))
    if not spans:
        return None
    start, end, kind = spans[0]
    for s, e, k in spans[1:]:
        if s <= end or _JOINER.match(text[end:s]):
            if e > end:
                end = e
                if kind not in ("date", "week_commencing") and k in ("date", "week_commencing"):
                    kind = k
        else:
            break
    return start, end, kind


# "the group, which meets on Thursdays", "a club that runs every Monday": when the service runs (D16).
_SERVICE_SCHEDULE = re.compile(r"\b(?:which|that)\s+(?:runs?|meets?|is\s+held|are\s+held|takes?\s+place|happens?|"
                               r"operates?|is\s+open)\b[^.;]*", re.IGNORECASE)
# "no more than two nights a week": a limit on how often, not when the task is done.
_LIMIT = re.compile(rf"\b(?:no|not)\s+more\s+than\s+(?:{_NUM}|once|twice)\s+[\w\s]{{0,20}}?(?:a|per|each)\s+"
                    r"(?:day|week|fortnight|month)\b", re.IGNORECASE)


# A trigger inside the task ("report Jaylen missing if he is not home by 10pm, and tell …"): the
# condition runs to the next comma, dash or main verb; the clock time in it is the trigger, not
# the task's when (D35). A date in it still dates the task ("chase it if no date is given by 30/04").
_TRIGGER = re.compile(r"\b(?:if|unless)\b(?:(?![,;:()]|\s[-–—]\s|\s(?:then|and\s+(?:to|will|then))\b|"
                      r"\s(?:will|must|should|shall)\b).)*", re.IGNORECASE | re.DOTALL)


def _blocked(text: str) -> list[tuple[int, int]]:
    """Spans that look like timescales but are not: course lengths, service frequencies and
    schedules, and limits on how often."""
    spans = [m.span() for m in _COURSE_LENGTH.finditer(text)]
    spans += [m.span() for m in _SERVICE_FREQUENCY.finditer(text)]
    spans += [m.span() for m in _SERVICE_SCHEDULE.finditer(text)]
    spans += [m.span() for m in _LIMIT.finditer(text)]
    return spans


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def find_timescale(text: str, extra_vague: re.Pattern[str] | None = None,
                   is_timescale_cell: bool = False, anchors: frozenset[str] = frozenset(),
                   context: str = "") -> Timescale:
    """The first checkable timescale in `text` and, separately, any vague timing. `anchors` (from
    `document_anchors`) say which document-dated points count ("before the baby is born");
    `context` is the rest of a When cell's row (a bare "12 weeks" there is a course's length)."""
    # Cached: an action's text is examined several times (row cells, the task, the whole line);
    # today's date is part of the key because a date without a year is read relative to it.
    return _find_timescale(text, extra_vague, is_timescale_cell, date.today(), anchors, context)


@lru_cache(maxsize=1)
def _anchored() -> dict[str, re.Pattern[str]]:
    return {name: re.compile(p, re.IGNORECASE) for name, p in _ANCHORED.items()}


@lru_cache(maxsize=8192)
def _find_timescale(text: str, extra_vague: re.Pattern[str] | None, is_timescale_cell: bool,
                    today: date, anchors: frozenset[str] = frozenset(), context: str = "") -> Timescale:
    checkable, vague_re = _compiled()
    if anchors:
        anchored = _anchored()
        checkable = checkable + [("named_point", anchored[name]) for name in sorted(anchors)]
    blocked = _blocked(text)
    triggers = [m.span() for m in _TRIGGER.finditer(text)] if re.search(r"\b(?:if|unless)\b", text, re.I) else []
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in checkable:
        for match in pattern.finditer(text):
            span = match.span()
            chunk = match.group(0).strip()
            if not chunk or _overlaps(span, blocked):
                continue
            if kind == "time_of_day" and _overlaps(span, triggers):
                continue
            if kind == "note_period" and _COURSE_WORDS.search(text):
                continue  # "Freedom Programme (12 weeks)": the course's length, not a when
            if kind == "named_point" and not re.search(r"[A-Za-z]{3}", chunk):
                continue
            if kind in ("date", "named_point") and not re.match(r"\s*(by|before|until|no later)", chunk, re.IGNORECASE) \
                    and _NOT_DEADLINE.search(text[max(0, match.start() - 25):match.start()]):
                # "attending since 13 January": a date that is not a deadline blocks its parts too.
                blocked.append(span)
                continue
            spans.append((span[0], span[1], kind))
    best = _first_merged(text, spans, blocked)
    text_found = start = end = kind_found = iso = None
    undated_week = False
    if best is not None:
        start, end, kind_found = best
        # Trim leading space the optional prepositions may leave.
        while start < end and text[start].isspace():
            start += 1
        text_found = text[start:end]
        if kind_found in ("date", "week_commencing"):
            date_part = re.search(_DATE, text_found, re.IGNORECASE)
            iso = parse_date(date_part.group(0), today) if date_part else None
    elif is_timescale_cell and "week_one" not in anchors and _PLAN_WEEK.fullmatch(text):
        # "wk 4" in a When cell of a plan that does not date its first week: no checkable when (D43).
        undated_week = True
    elif is_timescale_cell and _BARE_LENGTH.fullmatch(text) and (_COURSE_WORDS.search(context) or "course" in text.lower()):
        pass  # "Attend the Incredible Years programme | Kirsty | 12 weeks": the course's length
    elif is_timescale_cell and text.strip() and re.search(r"\d", text) and not vague_re.search(text):
        # A cell in the "By when" column with a number in it (e.g. "Review 3/6").
        stripped = text.strip()
        start = text.index(stripped)
        end, text_found, kind_found = start + len(stripped), stripped, "cell"
    vague_text = vague_start = vague_end = None
    for pattern in (vague_re, extra_vague):
        if pattern is None:
            continue
        match = pattern.search(text)
        if match and (best is None or not (best[0] <= match.start() < best[1])):
            vague_start, vague_end, vague_text = match.start(), match.end(), match.group(0)
            break
    if undated_week and vague_text is None:
        stripped = text.strip()
        vague_start = text.index(stripped)
        vague_end, vague_text = vague_start + len(stripped), stripped
    if vague_text is None and text_found is None:
        match = _MEETING_WORDS.search(text)
        if match:
            vague_start, vague_end, vague_text = match.start(), match.end(), match.group(0)
    return Timescale(text_found, start, end, kind_found, vague_text, vague_start, vague_end, iso)


def parse_date(fragment: str, today: date | None = None) -> str | None:
    """ISO date for a UK date fragment ("by 14.04.25", "w/c 10/03", "4th Feb"), else None."""
    return _parse_date(fragment, today or date.today())


@lru_cache(maxsize=4096)
def _parse_date(fragment: str, today: date) -> str | None:
    import dateparser

    cleaned = re.sub(r"^\s*(?:by|before|on|no later than|from|until|till|due|for|at|after|w/e|week ending|end of|"
                     r"w/c|w\.c\.?|wc|w/b|wk\s*(?:commencing|beginning|beg\.?|com\.?)|week\s+(?:commencing|beginning|starting|of)|the)\s+",
                     "", fragment.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"^\s*(?:the)\s+", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = _TWO_DIGIT_YEAR.sub(lambda m: f"{m.group(1)}/{m.group(2)}/20{m.group(3)}", cleaned)
    cleaned = re.sub(r"\b(\d{1,2})\.(\d{1,2})\b(?![./]\d)", r"\1/\2", cleaned)
    numeric = _DAY_MONTH_YEAR.fullmatch(cleaned)
    if numeric:
        # Most dates in plans are "14/02/2025": read day-first as dateparser does (checked
        # against it for every day of 1900-2099), without its cost; anything else goes to it.
        day, month, year = (int(g) for g in numeric.groups())
        if 1900 <= year <= 2099:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                pass
    base = datetime.combine(today, datetime.min.time())
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RELATIVE_BASE": base,
                "REQUIRE_PARTS": ["month"]}
    try:
        parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None
