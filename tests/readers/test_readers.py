"""Tests for reviewer.readers: every supported format, and every way a file can be refused."""
from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from pypdf import PdfReader, PdfWriter

from reviewer import readers
from reviewer.errors import InputError
from reviewer.readers import ReadResult, read_bytes, read_file
from robust_files import make_pdf  # the one hand-made PDF builder (tests/robustness/robust_files.py)

SECRET = "Jayden-Secret-Name"  # document text that must never appear in an error message

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


# --------------------------------------------------------------------------- helpers


def pdf_from_writer(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """A blank page plus a text page, encrypted with RC4 (needs no optional crypto library)."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.append(PdfReader(io.BytesIO(make_pdf([[f"Visit by {SECRET}."]]))))
    writer.encrypt(user_password=user_password, owner_password="owner-pw", algorithm="RC4-128")
    return pdf_from_writer(writer)


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sample_document():
    """Headings, prose, bullets, a numbered list, a table with a header row, prose after it."""
    document = docx.Document()
    document.add_heading("Child and Family Assessment", level=1)
    document.add_paragraph("Sam lives with his mother.")
    document.add_paragraph("School reports good attendance.")
    document.add_heading("Concerns", level=2)
    document.add_paragraph("Missed health appointments", style="List Bullet")
    document.add_paragraph("Unsafe sleeping arrangements", style="List Bullet")
    table = document.add_table(rows=4, cols=3)
    for row, values in zip(
        table.rows,
        [("Action", "Who", "When"), ("Visit home", "Social worker", "Weekly"),
         ("Health review", "Health visitor", "By 1 May"), ("Core group", "All", "Monthly")],
    ):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("The plan will be reviewed in three months.")
    document.add_paragraph("Attend the review", style="List Number")
    document.add_paragraph("Share the minutes", style="List Number")
    return document


def assert_refused(exc_info: pytest.ExceptionInfo, name: str, *words: str) -> None:
    message = str(exc_info.value)
    assert name in message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert SECRET not in message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- plain text and Markdown


def test_utf8_text_with_crlf_newlines(tmp_path):
    path = write(tmp_path, "note.txt", "Line one – café\r\nLine two\rLine three\n".encode())
    result = read_file(path)
    assert result == ReadResult("Line one – café\nLine two\nLine three\n", "note.txt", "text", [])


def test_markdown_is_kept_as_written(tmp_path):
    text = "# Assessment\n\n## Concerns\n\n- *Neglect* risk\n"
    result = read_file(write(tmp_path, "plan.md", text.encode()))
    assert (result.text, result.format) == (text, "markdown")
    assert read_file(write(tmp_path, "plan.markdown", text.encode())).format == "markdown"
    assert read_file(write(tmp_path, "plan.TEXT", text.encode())).format == "text"


def test_utf8_bom_is_stripped(tmp_path):
    result = read_file(write(tmp_path, "bom.txt", b"\xef\xbb\xbfHello"))
    assert result.text == "Hello"
    assert result.warnings == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
    data = bom + "Mum said “no” – £5\r\n".encode(codec)
    assert read_file(write(tmp_path, "wide.txt", data)).text == "Mum said “no” – £5\n"


def test_cp1252_falls_back_with_warning(tmp_path):
    result = read_file(write(tmp_path, "ansi.txt", "café – £5".encode("cp1252")))
    assert result.text == "café – £5"
    assert any("Windows-1252" in warning for warning in result.warnings)


def test_binary_content_is_not_text(tmp_path):
    data = bytes(range(256)) * 8
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "data.txt", data))
    assert_refused(exc_info, "data.txt", "is not a text file")


def test_pdf_named_txt_is_not_text(tmp_path):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "report.txt", make_pdf([["Hi"]])))
    assert_refused(exc_info, "report.txt", "is not a text file", "PDF")


def test_text_mentioning_pdf_header_is_still_text(tmp_path):
    text = "Notes\nThe file was %PDF-1.4 when sent.\n"
    assert read_file(write(tmp_path, "notes.txt", text.encode())).text == text


def test_utf16_binary_is_not_text(tmp_path):
    data = b"\xff\xfe" + b"\x01\x00\x02\x00" * 100
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "odd.txt", data))
    assert_refused(exc_info, "odd.txt", "is not a text file")


def test_stray_nul_is_removed_with_warning(tmp_path):
    result = read_file(write(tmp_path, "nul.txt", b"A" * 200 + b"\x00" + b"B"))
    assert result.text == "A" * 200 + "B"
    assert any("NUL" in warning for warning in result.warnings)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t \n"])
def test_empty_and_whitespace_only(tmp_path, data):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "blank.txt", data))
    assert_refused(exc_info, "blank.txt", "is empty (no text to review)")


def test_text_over_max_chars(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_CHARS", 100)
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "long.txt", (SECRET + " ").encode() * 20))
    assert_refused(exc_info, "long.txt", "is too long", "100")


def test_file_over_max_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    path = write(tmp_path, "huge.txt", b"a" * (1024 * 1024 + 1))
    with pytest.raises(InputError) as exc_info:
        read_file(path)
    assert_refused(exc_info, "huge.txt", "is too large", "1 MB")
    with pytest.raises(InputError, match="too large"):
        read_bytes(path.read_bytes(), "huge.txt")


# --------------------------------------------------------------------------- file-level errors


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as exc_info:
        read_file(tmp_path / "absent.docx")
    assert_refused(exc_info, "absent.docx", "file not found")


def test_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "notes.txt"
    folder.mkdir()
    with pytest.raises(InputError) as exc_info:
        read_file(folder)
    assert_refused(exc_info, "notes.txt", "is a folder")


@pytest.mark.parametrize("name, shown", [("sheet.xyz", "'.xyz'"), ("README", "(no extension)")])
def test_unknown_extension(tmp_path, name, shown):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, name, b"Some text"))
    assert_refused(exc_info, name, "unsupported file type", shown, "supported: .txt", ".docx", ".pdf")


@pytest.mark.parametrize("name", ["photo.docx", "photo.pdf", "photo.txt", "photo.png"])
@pytest.mark.parametrize("header", [PNG_HEADER, b"\xff\xd8\xff\xe0" + b"\x00" * 20, b"GIF89a" + b"\x00" * 20])
def test_images_are_refused_under_any_extension(tmp_path, name, header):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, name, header))
    assert_refused(exc_info, name, "is an image, not a document")


@pytest.mark.parametrize("name", ["old.doc", "old.docx"])
def test_legacy_word_doc(tmp_path, name):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, name, OLE_HEADER))
    assert_refused(exc_info, name, "is a legacy Word .doc file", "save it as .docx")


# --------------------------------------------------------------------------- Word .docx


def test_docx_body_in_document_order(tmp_path):
    path = tmp_path / "assessment.docx"
    sample_document().save(path)
    result = read_file(path)
    assert result.format == "docx"
    assert result.source == "assessment.docx"
    assert result.warnings == []
    assert result.text == (
        "Child and Family Assessment\n\n"
        "Sam lives with his mother.\n\n"
        "School reports good attendance.\n\n"
        "Concerns\n\n"
        "- Missed health appointments\n"
        "- Unsafe sleeping arrangements\n\n"
        "Action | Who | When\n"
        "Visit home | Social worker | Weekly\n"
        "Health review | Health visitor | By 1 May\n"
        "Core group | All | Monthly\n\n"
        "The plan will be reviewed in three months.\n\n"
        "1. Attend the review\n"
        "2. Share the minutes"
    )


def test_docx_merged_cells_and_multiline_cells():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 1))  # horizontal merge: python-docx repeats it
    top.text = "Risks"
    table.cell(0, 2).text = "Rating"
    table.cell(1, 0).text = "Home"
    table.cell(1, 1).text = "Damp\nCold"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "High"  # vertical merge
    table.cell(2, 0).text = "School"
    table.cell(2, 1).add_paragraph("Late")  # second paragraph after an empty one
    text = read_bytes(docx_bytes(document), "merged.docx").text
    assert text == "Risks | Rating\nHome | Damp; Cold | High\nSchool | Late | "


def test_docx_paragraph_text_includes_breaks_links_and_insertions():
    document = docx.Document()
    paragraph = document.add_paragraph("Address line one")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("Town")
    wrapped = document.add_paragraph()
    wrapped._p.append(
        docx.oxml.parse_xml(
            '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:id="1" w:author="A"><w:r><w:t>Inserted text.</w:t></w:r></w:ins>'
        )
    )
    wrapped._p.append(
        docx.oxml.parse_xml(
            '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:id="2" w:author="A"><w:r><w:delText>Deleted.</w:delText></w:r></w:del>'
        )
    )
    text = read_bytes(docx_bytes(document), "tracked.docx").text
    assert text == "Address line one\nTown\n\nInserted text."


def test_docx_with_no_body_text_is_empty():
    document = docx.Document()
    document.add_paragraph("")
    with pytest.raises(InputError) as exc_info:
        read_bytes(docx_bytes(document), "blank.docx")
    assert_refused(exc_info, "blank.docx", "is empty (no text to review)")


def test_random_bytes_named_docx(tmp_path):
    data = bytes((i * 37 + 11) % 256 for i in range(4096))
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "random.docx", data))
    assert_refused(exc_info, "random.docx", "is not a Word .docx file", "not a .docx package")


def test_text_named_docx(tmp_path):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "notes.docx", f"{SECRET} visited.".encode()))
    assert_refused(exc_info, "notes.docx", "is not a Word .docx file")


def test_truncated_docx(tmp_path):
    data = docx_bytes(sample_document())
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert_refused(exc_info, "cut.docx", "is corrupt or truncated")


def test_zip_without_document_part(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "sheet.docx", buffer.getvalue()))
    assert_refused(exc_info, "sheet.docx", "is not a Word .docx file", "no document part")


def test_corrupt_document_xml(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes(sample_document()))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:100] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "broken.docx", buffer.getvalue()))
    assert_refused(exc_info, "broken.docx", "is corrupt or truncated")


def test_zip_bomb_docx(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputError) as exc_info:
        read_file(path)
    assert_refused(exc_info, "bomb.docx", "is too large when unpacked", "50 MB")


def test_high_compression_ratio_is_refused(tmp_path):
    path = tmp_path / "ratio.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    with pytest.raises(InputError) as exc_info:
        read_file(path)
    assert_refused(exc_info, "ratio.docx", "zip bomb", "100 times")


def test_unpacked_limit_is_configurable(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(InputError) as exc_info:
        read_bytes(docx_bytes(sample_document()), "big.docx")
    assert_refused(exc_info, "big.docx", "is too large when unpacked")


# --------------------------------------------------------------------------- PDF


def test_handmade_pdf_reads_back():
    assert PdfReader(io.BytesIO(make_pdf([["Hello world"]]))).pages[0].extract_text().strip() == "Hello world"


def test_pdf_pages_joined_by_blank_line(tmp_path):
    path = write(tmp_path, "minutes.pdf", make_pdf([["Hello world"], ["Second page (final)"]]))
    result = read_file(path)
    assert result == ReadResult("Hello world\n\nSecond page (final)", "minutes.pdf", "pdf", [])


def test_pdf_with_blank_page_warns():
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(make_pdf([["Hello world"]]))))
    writer.add_blank_page(width=612, height=792)
    result = read_bytes(pdf_from_writer(writer), "mixed.pdf")
    assert result.text == "Hello world"
    assert any("1 of 2 pages have no text layer" in warning for warning in result.warnings)


def test_scanned_pdf_has_no_text_layer():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    with pytest.raises(InputError) as exc_info:
        read_bytes(pdf_from_writer(writer), "scan.pdf")
    assert_refused(exc_info, "scan.pdf", "has no text layer", "OCR is not supported")


def test_password_protected_pdf():
    with pytest.raises(InputError) as exc_info:
        read_bytes(encrypted_pdf("secret"), "locked.pdf")
    assert_refused(exc_info, "locked.pdf", "is password-protected", "remove the password")


def test_encrypted_pdf_with_empty_user_password_is_read():
    result = read_bytes(encrypted_pdf(""), "restricted.pdf")
    assert result.text == f"Visit by {SECRET}."
    assert any("1 of 2 pages" in warning for warning in result.warnings)


def test_truncated_pdf_is_corrupt(caplog):
    data = make_pdf([[f"{SECRET} attended."]])
    with caplog.at_level(logging.DEBUG), pytest.raises(InputError) as exc_info:
        read_bytes(data[:60], "cut.pdf")
    assert_refused(exc_info, "cut.pdf", "is corrupt or could not be read as a PDF")
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]


def test_pdf_with_broken_xref_is_still_read_without_logging(caplog):
    data = make_pdf([[f"{SECRET} attended."]]).replace(b"startxref\n", b"startxref\n9")
    with caplog.at_level(logging.DEBUG):
        result = read_bytes(data, "repaired.pdf")
    assert result.text == f"{SECRET} attended."
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]


def test_pdf_over_max_chars(monkeypatch):
    monkeypatch.setattr(readers, "MAX_CHARS", 20)
    with pytest.raises(InputError) as exc_info:
        read_bytes(make_pdf([[SECRET * 2], ["more"], ["and more"]]), "long.pdf")
    assert_refused(exc_info, "long.pdf", "is too long", "the limit is 20")


def test_text_named_pdf(tmp_path):
    with pytest.raises(InputError) as exc_info:
        read_file(write(tmp_path, "notes.pdf", f"{SECRET} visited on Monday.".encode()))
    assert_refused(exc_info, "notes.pdf", "is not a PDF file")


# --------------------------------------------------------------------------- read_bytes


def test_read_bytes_uses_basename_and_extension_case():
    result = read_bytes(b"Hello", "C:/uploads/Visit.TXT")
    assert (result.source, result.format, result.text) == ("Visit.TXT", "text", "Hello")
    assert read_bytes(b"Hello", "C:\\uploads\\Plan.md").source == "Plan.md"


def test_read_bytes_docx_and_pdf_match_read_file(tmp_path):
    docx_data = docx_bytes(sample_document())
    pdf_data = make_pdf([["Hello world"]])
    assert read_bytes(docx_data, "a.docx") == read_file(write(tmp_path, "a.docx", docx_data))
    assert read_bytes(pdf_data, "a.pdf") == read_file(write(tmp_path, "a.pdf", pdf_data))


@pytest.mark.parametrize(
    "data, name, words",
    [
        (b"", "empty.md", ["is empty"]),
        (PNG_HEADER, "scan.docx", ["is an image"]),
        (OLE_HEADER, "old.doc", ["legacy Word .doc"]),
        (b"text", "x.rtf", ["unsupported file type '.rtf'"]),
        (b"PK\x03\x04" + b"\x00" * 30, "cut.docx", ["is corrupt or truncated"]),
    ],
)
def test_read_bytes_errors(data, name, words):
    with pytest.raises(InputError) as exc_info:
        read_bytes(data, name)
    assert_refused(exc_info, name, *words)
    assert exc_info.value.source == name
