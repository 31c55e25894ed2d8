"""Bad and awkward input files for the robustness and privacy tests, built in memory.

Every document holds SECRET, a string that must never reach an error message, a log or a
batch table's error column: these files stand in for confidential case records.
"""
from __future__ import annotations

import io
import zipfile

SECRET = "Zephyrine-Quillfeather"  # document text that must never appear in a message or log
PROSE = (f"Assessment\n\nMum told me that {SECRET} grew up in foster care after her own mother's drinking. "
         "Seen alone at school, Leo said \"I like it when Nan picks me up\".\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + SECRET.encode()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF with one Helvetica text line per string (an empty page list item = no text)."""
    count = len(pages)
    font_id = 3 + 2 * count
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count)), count),
    ]
    for i, lines in enumerate(pages):
        content = b"BT /F1 12 Tf 72 720 Td 14 TL "
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            content += b"(" + escaped.encode("latin-1") + b") Tj T* "
        content += b"ET"
        if not lines:  # a scanned page: an image-only page has no text operators
            content = b"q 100 0 0 100 72 600 cm 0.5 g 0 0 1 1 re f Q"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, 4 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def text_pdf() -> bytes:
    return make_pdf([[line for line in PROSE.splitlines() if line]])


def scanned_pdf() -> bytes:
    return make_pdf([[], []])


def encrypted_pdf(user_password: str = "letmein") -> bytes:
    """A text PDF encrypted with RC4 (pypdf needs no optional crypto library for it)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-pw", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs or PROSE.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def corrupt_docx() -> bytes:
    """A zip package with a document part that is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "not xml at all " + SECRET)
    return buffer.getvalue()


def bomb_docx(part_mb: int, parts: int = 1) -> bytes:
    """A .docx whose document part(s) inflate to `part_mb` MB each from a few kilobytes."""
    buffer = io.BytesIO()
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        for n in range(parts):
            name = "word/document.xml" if n == 0 else f"word/media/part{n}.bin"
            with package.open(name, "w") as part:
                for _ in range(part_mb):
                    part.write(chunk)
    return buffer.getvalue()


def lying_bomb_docx(part_mb: int = 60, declared: int = 2000) -> bytes:
    """A zip bomb whose headers understate the document part's size (`declared` bytes)."""
    import struct

    data = bytearray(bomb_docx(part_mb))
    real = part_mb * 1024 * 1024
    packed_real, packed_declared = struct.pack("<I", real), struct.pack("<I", declared)
    # Local file header: uncompressed size at offset 22; central directory entry: at offset 24.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + offset:start + offset + 4] == packed_real:
                data[start + offset:start + offset + 4] = packed_declared
            start += 4
    return bytes(data)
