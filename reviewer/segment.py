"""Segmentation: text -> headings, sections and units with exact character offsets.

A unit is what the reviewer labels and judges: a prose sentence, a list item, a table row or a
`Label: value` block (an action block such as `Action: … / Responsible: … / Timescale: …`).
Every unit satisfies `text[unit.start:unit.end] == unit.text`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import load_json
from .sections import SectionPatterns, default_patterns, heading_text, looks_like_heading

_ITEM = re.compile(r"^(\s*)(?:[-*•·▪◦‣○●■□➢►✓☐☑☒]|\[[ xX✓✔]?\]|[-*]\s+\[[ xX]\]|\d{1,2}[.)](?!\d)|\d{1,2}(?:\.\d{1,2}){1,2}[.)]?(?=\s+[A-Za-z])|\(\d{1,2}\)|\d{1,2}[a-h][.)]|[a-z][.)]|\([a-z]\)|\([ivx]{1,4}\)|[ivx]{1,4}[.)])\s+(?=\S)")
_NUMBERED = re.compile(r"^\s*\(?(?:\d{1,2}(?:\.\d{1,2})*|[A-Ha-h])[.)]?\s+\S")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z /'’()&?-]{0,40}?)\s*(?:\d{1,2}(?:\.\d{1,2})*)?\s*(?:[:：]|\?(?=\s|$))\s*(.*?)\s*$")
# A second field on the same line: "Action 1.2: Arjun to attend school. Responsible: Arjun. Target: Daily."
_INLINE_FIELD = re.compile(r"(?:(?<=[.;,|)])\s+|\s{2,}|\t+)([A-Z][A-Za-z /'’&-]{1,30}?)\s*[:：]\s*")
_LONG_LINE = 50  # a prose line this long with no closing punctuation is a wrapped line


@dataclass
class Unit:
    start: int
    end: int
    kind: str  # "sentence" | "item" | "row" | "block"
    text: str
    section: str = "other"
    heading: str | None = None
    # Table rows: cell spans (absolute offsets) and, when the table had a header, each column's role.
    cells: list[tuple[int, int]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    # Blocks: field role -> value span (absolute offsets).
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)
    group: int = 0  # index of the paragraph / list / table this unit belongs to


@dataclass
class Heading:
    start: int
    end: int
    text: str
    type: str


@dataclass
class Segmentation:
    text: str
    units: list[Unit]
    headings: list[Heading]


@lru_cache(maxsize=1)
def column_roles() -> dict[str, str]:
    data = load_json("columns.json", required=("task", "owner", "timescale", "need", "other"))
    roles: dict[str, str] = {}
    for role in ("task", "owner", "timescale", "need", "other", "previous"):
        for label in data.get(role, []):
            roles[_label_key(label)] = role
    return roles


def _label_key(label: str) -> str:
    key = label.strip().lower().replace("’", "'")
    # "Action (Specific)", "Lead (named worker)": a bracketed gloss does not change the column.
    key = re.sub(r"\s*\([^)]*\)\s*$", "", key) or key
    key = re.sub(r"\s*\d+\s*$", "", key)
    key = re.sub(r"[*_?]", "", key)
    return re.sub(r"\s+", " ", key).strip(" .:")


def _column_role(label: str) -> str | None:
    return column_roles().get(_label_key(label))


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its newline (and without a trailing \\r)."""
    spans, pos = [], 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        stop = end - 1 if raw.endswith("\r") else end
        spans.append((pos, stop))
        pos = end + 1
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    sep = "|" if "|" in line else "\t"
    cells, pos = [], start
    for part in line.split(sep):
        cs, ce = _strip_span(text, pos, pos + len(part))
        cells.append((cs, ce))
        pos += len(part) + 1
    # Markdown tables start and end with a pipe: drop the empty outer cells.
    if cells and cells[0][0] == cells[0][1]:
        cells = cells[1:]
    if cells and cells[-1][0] == cells[-1][1]:
        cells = cells[:-1]
    return cells


def _is_row(line: str) -> bool:
    return (" | " in line or line.strip().startswith("|") and line.count("|") >= 2
            or line.count("\t") >= 2 and len(line.strip()) > 0)


def _header_roles(text: str, cells: list[tuple[int, int]]) -> list[str] | None:
    """Column roles if this row is a table header: every non-empty cell a known label, or at
    least two of task / owner / timescale known and the other cells short labels ("Progress since
    last conference", "Item")."""
    labels = [text[s:e] for s, e in cells]
    roles = [_column_role(label) if label else "other" for label in labels]
    if len(cells) < 2 or not any(r in ("task", "owner", "timescale") for r in roles):
        return None
    if all(r is not None for r in roles):
        return roles
    known = {r for r in roles if r in ("task", "owner", "timescale")}
    unknown_short = all(r is not None or (len(label.split()) <= 5 and not re.search(r"\d", label))
                        for r, label in zip(roles, labels))
    if len(known) >= 2 and unknown_short:
        return [r or "other" for r in roles]
    return None


# A cell of a table whose columns are aligned with runs of spaces (a spreadsheet pasted as text):
# words joined by single spaces, cells apart by two or more.
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")


def _aligned_header(text: str, start: int, end: int) -> tuple[list[int], list[str]] | None:
    """(column start offsets within the line, column roles) when the line is the header of a
    space-aligned table ("Ref   Need   Action   Owner   Due"), else None."""
    line = text[start:end]
    if "|" in line or "\t" in line or len(re.findall(r"\S {2,}(?=\S)", line)) < 2:
        return None
    cells = [(start + m.start(), start + m.end()) for m in _ALIGNED_CELL.finditer(line)]
    if len(cells) < 3 or any(len(text[s:e].split()) > 4 for s, e in cells):
        return None
    roles = _header_roles(text, cells)
    if roles is None or "task" not in roles or not {"owner", "timescale"} & set(roles):
        return None
    return [s - start for s, _ in cells], roles


def _aligned_cells(text: str, start: int, end: int, cols: list[int]) -> list[tuple[int, int]]:
    """Cell spans of a line under a space-aligned header: each run of text goes to the column
    whose start is nearest at or before it (a cell may start a character or two early)."""
    spans: list[list[int] | None] = [None] * len(cols)  # [start, end] of each column's text
    for m in _ALIGNED_CELL.finditer(text, start, end):
        offset = m.start() - start
        k = max((j for j, c in enumerate(cols) if c <= offset + 2), default=0)
        if spans[k] is None:
            spans[k] = [m.start(), m.end()]
        else:
            spans[k][1] = m.end()
    out = []
    for k, span in enumerate(spans):
        if span is None:
            at = min(start + cols[k], end)
            out.append((at, at))
        else:
            out.append((span[0], span[1]))
    return out


# Page furniture left in text pasted from a PDF: "Page 2 of 4", "OFFICIAL – SENSITIVE".
# The mark opens the line, or closes it after a wide gap or a pipe ("Generated from …  |  Page 1 of 3").
_PAGE_MARK = re.compile(r"^\s*(?:official(?:\s*[-–—:]\s*sensitive\b|\s*$|\s{2,})|page \d{1,3} (?:of|/) \d{1,3}\b|"
                        r".*(?:\s{2,}|\|\s*)page \d{1,3} (?:of|/) \d{1,3}\s*$)", re.IGNORECASE)


def _page_furniture(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indices of page header / footer lines: a page mark and, after it, lines that repeat the
    document's letterhead (its first paragraph). They are skipped, so a table or a list runs on
    across the page break."""
    if "page" not in text.lower() and "official" not in text.lower():
        return set()
    letterhead = set()  # the lines of the document's first paragraph
    for s, e in lines[:6]:
        if not text[s:e].strip():
            if letterhead:
                break
            continue
        letterhead.add(text[s:e].strip())
    out: set[int] = set()
    k = 0
    while k < len(lines):
        line = text[lines[k][0]:lines[k][1]]
        if len(line.split()) <= 14 and _PAGE_MARK.match(line) and not _ITEM.match(line):
            out.add(k)
            j = k + 1
            while j < len(lines):
                nxt = text[lines[j][0]:lines[j][1]].strip()
                if nxt and (nxt in letterhead or _PAGE_MARK.match(nxt)) and len(nxt.split()) <= 14:
                    out.add(j)
                elif nxt:
                    break
                j += 1
            k = j
            continue
        k += 1
    return out


def _pipe_parts(line: str) -> int:
    return line.count("|") + 1


class Segmenter:
    """Splits a document into headings and units. Stateless once built; safe to share."""

    def __init__(self, patterns: SectionPatterns | None = None):
        self.patterns = patterns or default_patterns()

    def __call__(self, text: str) -> Segmentation:
        lines = _lines(text)
        units: list[Unit] = []
        headings: list[Heading] = []
        section, heading = "preamble", None
        group = 0
        table_roles: list[str] | None = None
        header_pipe = False  # did the table's header row start with a pipe (Markdown style)?
        aligned: tuple[list[int], list[str]] | None = None  # a space-aligned table's columns
        block: Unit | None = None
        paragraph: list[tuple[int, int]] = []

        def flush_paragraph() -> None:
            nonlocal paragraph
            if paragraph:
                units.extend(self._sentences(text, paragraph[0][0], paragraph[-1][1],
                                             section, heading, group))
                paragraph = []

        def close_block() -> None:
            nonlocal block
            if block is not None:
                units.append(block)
                block = None

        stacked = self._stacked_blocks(text, lines)
        furniture = _page_furniture(text, lines)

        def next_content(k: int) -> str | None:
            """The next line from index k that is neither blank nor page furniture."""
            while k < len(lines):
                if k not in furniture and text[lines[k][0]:lines[k][1]].strip():
                    return text[lines[k][0]:lines[k][1]]
                k += 1
            return None

        i = 0
        while i < len(lines):
            if i in furniture:
                i += 1
                continue
            if i in stacked:
                flush_paragraph()
                close_block()
                roles = stacked[i]
                spans = [_strip_span(text, *lines[i + k]) for k in range(len(roles))]
                units.append(Unit(spans[0][0], spans[-1][1], "block", text[spans[0][0]:spans[-1][1]], section,
                                  heading, fields=dict(zip(roles, spans)), group=group))
                i += len(roles)
                continue
            start, end = lines[i]
            line = text[start:end]
            stripped = line.strip()
            next_line = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else None
            i += 1
            if not stripped:
                flush_paragraph()
                close_block()
                ahead = next_content(i) if furniture else next_line
                table_roles = None if (ahead is None or not _is_row(ahead)) else table_roles
                aligned = None
                group += 1
                continue
            if aligned is None and next_line is not None and next_line.strip():
                header = _aligned_header(text, start, end)
                if header is not None:
                    flush_paragraph()
                    close_block()
                    aligned = header
                    group += 1
                    continue
            if aligned is not None:
                # A line of a space-aligned table (a tracker exported from a spreadsheet).
                rs, re_ = _strip_span(text, start, end)
                units.append(Unit(rs, re_, "row", text[rs:re_], section, heading,
                                  cells=_aligned_cells(text, start, end, aligned[0]),
                                  columns=list(aligned[1]), group=group))
                continue
            if _TABLE_SEP.match(line) and "-" in line:
                continue
            explicit = heading_text(line)
            bullet = _ITEM.match(line) is not None and not _NUMBERED.match(line)
            if explicit is not None or (not _is_row(line) and not bullet
                                        and not self._is_field(line, text, lines, i)
                                        and looks_like_heading(line, next_line, self.patterns)):
                flush_paragraph()
                close_block()
                table_roles = None
                hs, he = _strip_span(text, start, end)
                title = explicit if explicit is not None else text[hs:he]
                kind = self.patterns.classify(title) or "other"
                headings.append(Heading(hs, he, title.strip(), kind))
                section, heading = kind, title.strip()
                group += 1
                continue
            if _is_row(line):
                flush_paragraph()
                close_block()
                cells = _row_cells(text, start, end)
                if not cells:
                    continue
                roles = _header_roles(text, cells)
                if roles is not None:
                    table_roles = roles
                    header_pipe = line.lstrip().startswith("|")
                    group += 1
                    continue
                if table_roles and len(cells) < len(table_roles) and line.lstrip().startswith("|") \
                        and not header_pipe:
                    # "| Denisa to attend … | parents | ongoing" under "Outcome | Action | Who | When":
                    # the leading pipe is an empty first cell (the outcome carried down), not markup.
                    pipe = start + line.index("|")
                    cells = [(pipe, pipe)] + cells
                if table_roles and not header_pipe and _pipe_parts(line) < len(table_roles):
                    # A row whose cell was wrapped onto the next line where the text was pasted
                    # (from a PDF): "1 | Mum not to … while the police" / "investigation is open |
                    # Mum | Today". Lines are joined while the pipes still add up to the header's.
                    parts, j = _pipe_parts(line), i
                    first = re.match(r"^\s*\d{1,3}\s*\|", line)
                    while j < len(lines) and parts < len(table_roles):
                        nline = text[lines[j][0]:lines[j][1]]
                        if "|" not in nline or not nline.strip() or parts + _pipe_parts(nline) - 1 > len(table_roles) \
                                or (first and re.match(r"^\s*\d{1,3}\s*\|", nline)):
                            break
                        parts += _pipe_parts(nline) - 1
                        j += 1
                    if parts == len(table_roles) and j > i:
                        end, i = lines[j - 1][1], j
                        cells = _row_cells(text, start, end)
                rs, re_ = _strip_span(text, start, end)
                units.append(Unit(rs, re_, "row", text[rs:re_], section, heading, cells=cells,
                                  columns=list(table_roles or []), group=group))
                continue
            fieldm = self._field(line)
            label_at = start
            if fieldm is None:
                bulleted = self._bulleted_field(line, block, next_line)
                if bulleted is not None:
                    fieldm, label_at = bulleted, start + _ITEM.match(line).end()
            if fieldm is not None:
                role, value_start = fieldm
                value_end = end
                vs, ve = _strip_span(text, start + value_start, value_end)
                if role in ("task", "need") and (block is None or role in block.fields or "task" in block.fields
                                                 or not set(block.fields) - {"other"}):
                    close_block()  # a new action, or an "Update:" note before "Revised action:"
                if block is None:
                    flush_paragraph()
                    bs, _ = _strip_span(text, label_at, end)
                    block = Unit(bs, ve, "block", "", section, heading, group=group)
                for role, (vs, ve) in self._split_inline(text, role, vs, ve):
                    if role not in block.fields or block.fields[role][0] == block.fields[role][1]:
                        block.fields[role] = (vs, ve)
                block.end = max(block.end, ve if ve > vs else _strip_span(text, label_at, end)[1])
                block.text = text[block.start:block.end]
                continue
            if block is not None and not _ITEM.match(line) and self._wrapped(text, block, line):
                # A wrapped value line inside a block.
                _, le = _strip_span(text, start, end)
                block.end = le
                block.text = text[block.start:block.end]
                continue
            close_block()
            item = _ITEM.match(line)
            if item:
                flush_paragraph()
                istart = start + item.end()
                iend = end
                indent = len(item.group(1))
                # Continuation lines: indented deeper than the marker, not themselves items.
                while i < len(lines):
                    ns, ne = lines[i]
                    nline = text[ns:ne]
                    if (nline.strip() and not _ITEM.match(nline) and not _is_row(nline)
                            and len(nline) - len(nline.lstrip()) > indent and self._field(nline) is None):
                        iend = ne
                        i += 1
                    else:
                        break
                s, e = _strip_span(text, istart, iend)
                units.append(Unit(s, e, "item", text[s:e], section, heading, group=group))
                continue
            # Prose: join with the previous line only when that one was wrapped.
            if paragraph:
                ps, pe = paragraph[-1]
                prev = text[ps:pe].rstrip()
                wrapped = len(prev) >= _LONG_LINE or line.lstrip()[:1].islower()
                if not wrapped or re.search(r"[.!?:;\"'”’)]$", prev):
                    flush_paragraph()
            paragraph.append((start, end))
        flush_paragraph()
        close_block()
        return Segmentation(text, units, headings)

    def _stacked_blocks(self, text: str, lines: list[tuple[int, int]]) -> dict[int, list[str]]:
        """Actions written as three bare lines with no labels, one after another, blank lines
        between ("Refer Mum to the Freedom Programme / Ana Reyes (SW) / By 30 June 2025"): first
        line index of each such block -> the role of each of its lines."""
        from .timescales import find_timescale

        paragraphs, run = [], []
        for k, (s, e) in enumerate(lines + [(len(text), len(text))]):
            if text[s:e].strip():
                run.append(k)
            else:
                if run:
                    paragraphs.append(run)
                run = []
        candidates: dict[int, list[str]] = {}
        timed: dict[int, bool] = {}
        for para in paragraphs:
            if len(para) != 3:
                continue
            texts = [text[lines[k][0]:lines[k][1]].strip() for k in para]
            if any(_is_row(t) or _ITEM.match(t) or heading_text(t) is not None or self._field(t) is not None
                   for t in texts):
                continue
            if re.search(r"[:?;]$", texts[0]) or any(re.search(r"[.:;?!]$", t) for t in texts[1:]):
                continue
            sizes = [len(t.split()) for t in texts]
            if sizes[2] > 12 or min(sizes[0], sizes[1]) > 12 or max(sizes[0], sizes[1]) < 3:
                continue
            when = find_timescale(texts[2])
            timed[para[0]] = bool(when.text or when.vague or re.search(r"\d", texts[2]))
            # "What / Who / When" is the usual order; a short first line over a long one is "Who / What".
            first_is_who = sizes[0] <= 5 and sizes[1] > sizes[0] + 2
            candidates[para[0]] = ["owner", "task", "timescale"] if first_is_who else ["task", "owner", "timescale"]
        # Only a run of such blocks is a plan layout; a lone three-line paragraph may be an address.
        starts = sorted(candidates)
        keep: dict[int, list[str]] = {}
        group: list[int] = []
        for k in starts + [None]:
            if k is not None and group and not text[lines[group[-1] + 2][1]:lines[k][0]].strip():
                group.append(k)
                continue
            if len(group) >= 2 and sum(timed[g] for g in group) * 2 >= len(group):
                keep.update({g: candidates[g] for g in group})
            group = [k] if k is not None else []
        return keep

    @staticmethod
    def _wrapped(text: str, block: Unit, line: str) -> bool:
        """Does `line` carry on the block's last value? Not when that value ended a sentence and
        this line starts a new one ("Outcome: step up to CIN.\nInitial CIN meeting to be held…")."""
        last = text[block.start:block.end].rstrip()
        return not (re.search(r"[.!?]$", last) and line.lstrip()[:1].isupper())

    @staticmethod
    def _split_inline(text: str, role: str, vs: int, ve: int) -> list[tuple[str, tuple[int, int]]]:
        """The line's value, split where a further known `Label:` starts on the same line."""
        parts, cur_role, cur_start = [], role, vs
        for m in _INLINE_FIELD.finditer(text, vs, ve):
            inline_role = _column_role(m.group(1))
            if inline_role not in ("owner", "timescale", "task"):
                continue
            parts.append((cur_role, _strip_span(text, cur_start, m.start())))
            cur_role, cur_start = inline_role, m.end()
        parts.append((cur_role, _strip_span(text, cur_start, ve)))
        if len(parts) > 1:
            # "Responsible: Arjun. Target: Daily." — the full stop ends the field, not the value.
            parts = [(r, (s, e - 1 if e > s and text[e - 1] in ".;," else e)) for r, (s, e) in parts]
        return [(r, (s, e)) for r, (s, e) in parts]

    def _is_field(self, line: str, text: str, lines: list[tuple[int, int]], i: int) -> bool:
        """A `Label: value` line, unless it is a known heading with no value whose list follows
        ("Plan:" / "Actions:" over bullets): that one is a heading."""
        fieldm = self._field(line)
        if fieldm is None:
            return False
        if line[fieldm[1]:].strip() or self.patterns.classify(line) is None:
            return True
        if line.rstrip().endswith("?"):
            return False  # "What needs to happen?" on its own line is a question heading
        for ns, ne in lines[i:]:
            nline = text[ns:ne]
            if nline.strip():
                return not (_ITEM.match(nline) or _is_row(nline))
        return True

    def _bulleted_field(self, line: str, block: Unit | None, next_line: str | None) -> tuple[str, int] | None:
        """A field line written as a bullet ("• TASK: …" over "◦ LEAD: …" and "◦ DATE: …"): its role
        and value offset, when it starts a block whose next line is a Who / When field, or is a
        Who / When field of the block it follows. A lone "- Action: …" item stays an item."""
        item = _ITEM.match(line)
        if item is None:
            return None
        fieldm = self._field(line[item.end():])
        if fieldm is None:
            return None
        role, offset = fieldm
        if role in ("owner", "timescale") and block is not None and "task" in block.fields \
                and role not in block.fields:
            return role, item.end() + offset
        if role == "task" and next_line is not None:
            nitem = _ITEM.match(next_line)
            nfield = self._field(next_line[nitem.end():] if nitem else next_line)
            if nfield is not None and nfield[0] in ("owner", "timescale"):
                return role, item.end() + offset
        return None

    def _field(self, line: str) -> tuple[str, int] | None:
        """(role, offset of the value) for a known `Label: value` line, else None."""
        match = _FIELD.match(line)
        if not match:
            return None
        role = _column_role(match.group(1))
        if role is None or role == "previous" or role == "other" and not match.group(2):
            return None
        return role, match.start(2)

    def _sentences(self, text: str, start: int, end: int, section: str,
                   heading: str | None, group: int) -> list[Unit]:
        chunk = text[start:end]
        doc = _sentencizer()(chunk)
        out = []
        for sent in doc.sents:
            s, e = _strip_span(text, start + sent.start_char, start + sent.end_char)
            if e > s:
                out.append(Unit(s, e, "sentence", text[s:e], section, heading, group=group))
        return _merge_fragments(out, text)


def _merge_fragments(units: list[Unit], text: str) -> list[Unit]:
    """Glue tiny fragments (a stray closing quote or bracket) back onto the previous sentence."""
    merged: list[Unit] = []
    for unit in units:
        if merged and not re.search(r"[A-Za-z0-9]", unit.text):
            prev = merged[-1]
            prev.end = unit.end
            prev.text = text[prev.start:prev.end]
            continue
        merged.append(unit)
    return merged
