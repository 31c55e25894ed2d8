"""Read documents (plain text, Markdown, Word .docx, PDF) into the text the reviewer analyses.

Every failure a user can cause raises :class:`reviewer.errors.InputError`, whose message
names the file and the problem but never quotes the document: these files hold
confidential information about children and families.
"""
from __future__ import annotations

import io
import logging
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from reviewer.errors import InputError

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_COMPRESSION_RATIO",
    "MAX_UNCOMPRESSED",
    "SUPPORTED_EXTENSIONS",
    "ReadResult",
    "read_bytes",
    "read_file",
]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".text", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024  # largest file or upload accepted
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # largest total unpacked size of a .docx package
MAX_COMPRESSION_RATIO = 100  # a .docx part that expands more than this is a zip bomb
MAX_CHARS = 2_000_000  # most characters of extracted text

_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
}

# Only parts larger than this are checked for their compression ratio: small XML parts of
# repeated whitespace can legitimately compress very well.
_RATIO_CHECK_MIN_BYTES = 1024 * 1024
# Share of NUL bytes (or other control characters) above which content is binary, not text.
_BINARY_SHARE = 0.01
_CONTROL_SHARE = 0.05
# Control characters that do not occur in text (tab, newlines, form feed excluded), and the
# replacement character that undecodable bytes become.
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")

# pypdf logs repairs of malformed files, and those messages can quote document content.
# The reviewer never shows them, so they are silenced once for the whole process.
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


@dataclass
class ReadResult:
    """A document's text and where it came from."""

    text: str  # the text the reviewer will analyse; report offsets refer to it
    source: str  # file name or label
    format: str  # "text" | "markdown" | "docx" | "pdf"
    warnings: list[str] = field(default_factory=list)  # user-facing warnings


# --------------------------------------------------------------------------- entry points


def read_file(path: str | os.PathLike) -> ReadResult:
    """Read the document at `path`; its format is chosen by extension and checked against content."""
    path = Path(path)
    source = path.name or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(source, "is a folder, not a file")
        _check_size(size, source)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "file not found") from None
    except PermissionError:
        raise InputError(source, "could not be opened (permission denied)") from None
    except OSError as exc:
        # strerror is the OS's short reason (no path, no content), so it is safe to show.
        raise InputError(source, f"could not be read ({exc.strerror or 'input/output error'})") from None
    return read_bytes(data, path.name)


def read_bytes(data: bytes, filename: str) -> ReadResult:
    """Read an uploaded document; `filename` picks the format by extension, content is then checked."""
    # Browsers on Windows may send a full path; PureWindowsPath splits on both / and \.
    name = PureWindowsPath(filename).name
    source = name or "upload"
    _check_size(len(data), source)
    if _sniff(data) == "image":
        raise InputError(source, "is an image, not a document")
    extension = PureWindowsPath(name).suffix.lower()
    if extension == ".doc":
        raise InputError(source, "is a legacy Word .doc file; save it as .docx and try again")
    if extension not in _FORMATS:
        shown = f"'{extension}'" if extension else "(no extension)"
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise InputError(source, f"unsupported file type {shown}; supported: {supported}")
    if not data.strip():
        raise InputError(source, "is empty (no text to review)")

    fmt = _FORMATS[extension]
    warnings: list[str] = []
    if fmt == "docx":
        text = _read_docx(data, source)
    elif fmt == "pdf":
        text = _read_pdf(data, source, warnings)
    else:
        text = _read_text(data, source, warnings)
    return ReadResult(text=_finish(text, source), source=source, format=fmt, warnings=warnings)


# --------------------------------------------------------------------------- shared checks


def _check_size(size: int, source: str) -> None:
    """Refuse files over MAX_BYTES before reading or parsing them."""
    if size > MAX_BYTES:
        raise InputError(source, f"is too large ({_mb(size)}; the limit is {_mb(MAX_BYTES)})")


def _finish(text: str, source: str) -> str:
    """Normalise newlines and enforce the empty and MAX_CHARS rules on extracted text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "is empty (no text to review)")
    if len(text) > MAX_CHARS:
        raise InputError(
            source, f"is too long ({len(text):,} characters of text; the limit is {MAX_CHARS:,})"
        )
    return text


def _mb(size: int) -> str:
    """Format a byte count as megabytes for messages."""
    return f"{size / (1024 * 1024):.1f} MB" if size % (1024 * 1024) else f"{size // (1024 * 1024)} MB"


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
)


def _sniff(data: bytes) -> str | None:
    """Name the kind of binary content by its magic bytes: image, zip, ole, pdf, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    # Only a leading header counts here, so a text file that mentions "%PDF-" stays text.
    return "pdf" if data.startswith(b"%PDF-") else None


def _has_pdf_header(data: bytes) -> bool:
    """True if the PDF header is in the first kilobyte (PDF readers tolerate leading junk)."""
    return b"%PDF-" in data[:1024]


# --------------------------------------------------------------------------- plain text


_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)

_LOOKS_LIKE = {"zip": "a Word or other zip package", "ole": "a legacy Office file", "pdf": "a PDF"}


def _read_text(data: bytes, source: str, warnings: list[str]) -> str:
    """Decode a plain text or Markdown file; Markdown is kept as written."""
    kind = _sniff(data)
    if kind in _LOOKS_LIKE:
        raise InputError(source, f"is not a text file (its content looks like {_LOOKS_LIKE[kind]})")
    text = _decode_with_bom(data, source)
    if text is None:
        text = _decode_without_bom(data, source, warnings)
    _reject_control_heavy(text, source)
    return text


def _decode_with_bom(data: bytes, source: str) -> str | None:
    """Decode text that starts with a Unicode byte-order mark (BOM dropped), else None."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                problem = f"is not valid {name} text (it starts with a {name} marker)"
                raise InputError(source, problem) from None
    return None


def _decode_without_bom(data: bytes, source: str, warnings: list[str]) -> str:
    """Decode UTF-8, falling back to Windows-1252 (what Word and Notepad save as 'ANSI')."""
    nuls = data.count(b"\x00")
    if nuls > _BINARY_SHARE * len(data):
        raise InputError(source, "is not a text file (it contains binary data)")
    if nuls:
        data = data.replace(b"\x00", b"")
        warnings.append(f"removed {nuls} stray NUL character(s)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    warnings.append(
        "decoded as Windows-1252 (the file is not valid UTF-8); check accented letters and symbols"
    )
    if "\ufffd" in text:
        warnings.append("some bytes are not valid Windows-1252 and were replaced with '\ufffd'")
    return text


def _reject_control_heavy(text: str, source: str) -> None:
    """Refuse decoded content that is mostly control characters: binary data, not prose."""
    if len(_NON_TEXT.findall(text)) > _CONTROL_SHARE * max(len(text), 1):
        raise InputError(source, "is not a text file (it contains binary data)")


# --------------------------------------------------------------------------- Word .docx


def _read_docx(data: bytes, source: str) -> str:
    """Extract the body of a .docx in document order: paragraphs, list items and table rows."""
    _check_docx_package(data, source)
    import docx  # imported lazily: only .docx input needs python-docx

    try:
        # python-docx unpacks and parses every part here, so damage shows up now, not later.
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - any parser failure means an unreadable package
        # python-docx, zipfile and lxml raise many exception types on damaged packages; the user
        # only needs to know the file cannot be read, and their messages may quote content.
        problem = "is corrupt or truncated (it could not be read as a Word document)"
        raise InputError(source, problem) from None
    return _DocxWriter(document).body_text()


def _check_docx_package(data: bytes, source: str) -> None:
    """Check that `data` is a .docx zip package of a safe size before python-docx unpacks it."""
    kind = _sniff(data)
    if kind == "ole":
        raise InputError(source, "is a legacy Word .doc file; save it as .docx and try again")
    if kind != "zip":
        raise InputError(source, "is not a Word .docx file (its content is not a .docx package)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError(source, "is corrupt or truncated") from None
    if "word/document.xml" not in {m.filename for m in members}:
        raise InputError(source, "is not a Word .docx file (it has no document part)")
    # Declared sizes can be trusted as upper bounds: zipfile never inflates a member past its
    # declared size (it fails the CRC check instead), so these checks bound memory use.
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            source, f"is too large when unpacked ({_mb(total)}; the limit is {_mb(MAX_UNCOMPRESSED)})"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise InputError(
                source,
                f"looks like a zip bomb (a part expands {ratio:,.0f} times; "
                f"the limit is {MAX_COMPRESSION_RATIO} times)",
            )


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    """Qualified name of a WordprocessingML element or attribute."""
    return f"{{{_W_NS}}}{tag}"


# Elements that only wrap content (content controls, custom XML, tracked insertions, links):
# python-docx's own iterators skip what they contain, so the walk descends into them.
_BLOCK_WRAPPERS = {_w("sdt"), _w("sdtContent"), _w("customXml")}
_INLINE_WRAPPERS = _BLOCK_WRAPPERS | {
    _w("hyperlink"), _w("ins"), _w("moveTo"), _w("smartTag"), _w("fldSimple"), _w("dir"), _w("bdo"),
}
_RUN_TEXT = {_w("t"): None, _w("tab"): "\t", _w("ptab"): "\t", _w("br"): "\n", _w("cr"): "\n",
             _w("noBreakHyphen"): "-"}
_HEADING_PREFIXES = ("heading", "title", "subtitle")


def _children(element, tags: set[str]) -> Iterator:
    """Yield children of `element` with one of `tags`, looking through wrapper elements."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tags)


def _inline_text(element) -> str:
    """Text of a paragraph's runs, including links, fields, content controls and insertions.

    Deleted text (w:del, w:moveFrom) and text boxes inside drawings are left out.
    """
    parts: list[str] = []
    for child in element:
        if child.tag == _w("r"):
            for item in child:
                if item.tag in _RUN_TEXT:
                    parts.append(_RUN_TEXT[item.tag] or item.text or "")
        elif child.tag in _INLINE_WRAPPERS:
            parts.append(_inline_text(child))
    return "".join(parts)


def _attr(element, path: str) -> str | None:
    """The w:val attribute of the first `path` descendant (a w:-prefixed XPath), or None."""
    found = element.find(path, {"w": _W_NS}) if element is not None else None
    return None if found is None else found.get(_w("val"))


class _DocxWriter:
    """Turns a python-docx Document body into reviewer text."""

    def __init__(self, document) -> None:
        self._body = document.element.body
        self._styles = self._load_styles(document)
        self._numbering = self._load_numbering(document)
        self._counters: dict[str, list[int]] = {}

    # -- body

    def body_text(self) -> str:
        """The body as text: prose blocks split by blank lines, list items by single newlines."""
        out: list[str] = []
        previous = None
        for kind, text in self._blocks():
            if previous is not None:
                out.append("\n" if kind == previous == "list" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out)

    def _blocks(self) -> Iterator[tuple[str, str]]:
        """Yield (kind, text) for each non-empty paragraph and table, in document order."""
        for element in _children(self._body, {_w("p"), _w("tbl")}):
            if element.tag == _w("tbl"):
                rows = self._table_rows(element)
                if rows:
                    yield "table", "\n".join(rows)
                continue
            text = _inline_text(element).strip()
            if not text:
                continue
            marker = self._list_marker(element)
            if marker is None:
                yield "paragraph", text
            else:
                yield "list", marker + text

    # -- tables

    def _table_rows(self, table) -> list[str]:
        """One line per row, cells joined by ' | ', skipping merged continuation cells."""
        rows = []
        for row in _children(table, {_w("tr")}):
            cells = [
                self._cell_text(cell)
                for cell in _children(row, {_w("tc")})
                if not self._is_merged_away(cell)
            ]
            if any(cells):
                rows.append(" | ".join(cells))
        return rows

    @staticmethod
    def _is_merged_away(cell) -> bool:
        """True for legacy horizontally merged continuation cells, which repeat no new content."""
        tc_pr = cell.find(_w("tcPr"))
        h_merge = None if tc_pr is None else tc_pr.find(_w("hMerge"))
        return h_merge is not None and h_merge.get(_w("val"), "continue") == "continue"

    def _cell_text(self, cell) -> str:
        """A cell's paragraphs (and nested tables) on one line, separated by '; '."""
        tc_pr = cell.find(_w("tcPr"))
        v_merge = None if tc_pr is None else tc_pr.find(_w("vMerge"))
        if v_merge is not None and v_merge.get(_w("val"), "continue") == "continue":
            return ""  # the merged cell's text belongs to the row where the merge starts
        pieces: list[str] = []
        for element in _children(cell, {_w("p"), _w("tbl")}):
            if element.tag == _w("tbl"):
                pieces.extend(row.replace(" | ", "; ") for row in self._table_rows(element))
            else:
                pieces.extend(_inline_text(element).split("\n"))
        return "; ".join(piece.strip() for piece in pieces if piece.strip())

    # -- lists

    def _list_marker(self, paragraph) -> str | None:
        """'- ' or 'n. ' (indented by level) if the paragraph is a list item, else None."""
        style_id = _attr(paragraph, "w:pPr/w:pStyle")
        style_name = self._style_name(style_id).lower()
        if style_name.startswith(_HEADING_PREFIXES):
            return None  # numbered headings are headings, not list items
        num_id, level = self._numbering_of(paragraph, style_id)
        if num_id == "0":
            return None  # numId 0 explicitly switches numbering off
        if num_id is None:
            if "list" not in style_name or "list continue" in style_name:
                return None
            numbered = "number" in style_name
        else:
            numbered = self._is_numbered(num_id, level)
        indent = "  " * level
        if not numbered:
            return indent + "- "
        return f"{indent}{self._next_number(num_id or style_name, level)}. "

    def _numbering_of(self, paragraph, style_id: str | None) -> tuple[str | None, int]:
        """The (numId, level) of a paragraph, from its own properties or its style chain."""
        num_id = _attr(paragraph, "w:pPr/w:numPr/w:numId")
        level = _attr(paragraph, "w:pPr/w:numPr/w:ilvl")
        seen: set[str] = set()
        while num_id is None and style_id and style_id not in seen:
            seen.add(style_id)
            _, based_on, num_id, style_level = self._styles.get(style_id, ("", None, None, None))
            level = level or style_level
            style_id = based_on
        try:
            return num_id, max(0, min(int(level or 0), 8))
        except ValueError:
            return num_id, 0

    def _is_numbered(self, num_id: str, level: int) -> bool:
        """Whether a numbering definition level shows numbers rather than bullets."""
        fmt = self._numbering.get((num_id, level), "bullet")
        return fmt not in ("bullet", "none")

    def _next_number(self, key: str, level: int) -> int:
        """Count items per list and level; a shallower item restarts deeper levels."""
        counters = self._counters.setdefault(key, [0] * 9)
        counters[level] += 1
        counters[level + 1:] = [0] * (8 - level)
        return counters[level]

    def _style_name(self, style_id: str | None) -> str:
        return self._styles.get(style_id, ("",))[0] if style_id else ""

    # -- document parts

    @staticmethod
    def _load_styles(document) -> dict[str, tuple[str, str | None, str | None, str | None]]:
        """style id -> (name, basedOn id, numId, ilvl) for paragraph styles."""
        styles = {}
        for style in document.styles.element.findall(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id:
                styles[style_id] = (
                    _attr(style, "w:name") or "",
                    _attr(style, "w:basedOn"),
                    _attr(style, "w:pPr/w:numPr/w:numId"),
                    _attr(style, "w:pPr/w:numPr/w:ilvl"),
                )
        return styles

    @staticmethod
    def _load_numbering(document) -> dict[tuple[str, int], str]:
        """(numId, level) -> number format ('bullet', 'decimal', ...) from the numbering part."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            numbering = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return {}  # a document without lists has no numbering part
        abstract_formats: dict[str, dict[int, str]] = {}
        for abstract in numbering.findall(_w("abstractNum")):
            levels = {}
            for lvl in abstract.findall(_w("lvl")):
                try:
                    levels[int(lvl.get(_w("ilvl"), "0"))] = _attr(lvl, "w:numFmt") or "decimal"
                except ValueError:
                    continue
            abstract_formats[abstract.get(_w("abstractNumId"), "")] = levels
        formats = {}
        for num in numbering.findall(_w("num")):
            levels = abstract_formats.get(_attr(num, "w:abstractNumId") or "", {})
            for level, fmt in levels.items():
                formats[(num.get(_w("numId"), ""), level)] = fmt
        return formats


# --------------------------------------------------------------------------- PDF


def _read_pdf(data: bytes, source: str, warnings: list[str]) -> str:
    """Extract the text layer of a PDF, pages separated by blank lines."""
    if not _has_pdf_header(data):
        raise InputError(source, "is not a PDF file (its content does not start with %PDF)")
    from pypdf import PdfReader  # imported lazily: only PDF input needs pypdf

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader, source)
        pages = list(reader.pages)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pypdf raises many types on damaged files
        raise InputError(source, "is corrupt or could not be read as a PDF") from None
    if not pages:
        raise InputError(source, "is empty (the PDF has no pages)")

    texts, unreadable, blank = _page_texts(pages)
    if unreadable == len(pages):
        raise InputError(source, "is corrupt or could not be read as a PDF")
    if not texts:
        raise InputError(source, "has no text layer (it looks scanned); OCR is not supported")
    if unreadable:
        warnings.append(f"{unreadable} of {len(pages)} pages could not be read and were skipped")
    if blank:
        warnings.append(
            f"{blank} of {len(pages)} pages have no text layer (they may be scanned) and were not reviewed"
        )
    return "\n\n".join(texts)


def _unlock(reader, source: str) -> None:
    """Open an encrypted PDF that has no user password (common for 'restricted' PDFs)."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except Exception:  # noqa: BLE001 - e.g. AES needs an optional crypto library
        raise InputError(
            source, "is encrypted in a way this tool cannot open; remove the encryption and try again"
        ) from None
    if not unlocked:
        raise InputError(source, "is password-protected; remove the password and try again")


def _page_texts(pages) -> tuple[list[str], int, int]:
    """Non-empty page texts, and counts of unreadable and text-less pages."""
    texts: list[str] = []
    unreadable = blank = total = 0
    for page in pages:
        if total > MAX_CHARS:
            break  # already too long to review; the caller reports it without reading the rest
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one damaged page should not lose the rest
            unreadable += 1
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
        if text:
            texts.append(text)
            total += len(text)
        else:
            blank += 1
    return texts, unreadable, blank
