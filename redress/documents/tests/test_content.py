import pytest

from redress.documents import content, rules

from .helpers import EMAIL, EXECUTABLE, LETTER, docx, ole, png


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("letter.pdf", LETTER, "application/pdf"),
        ("Report.DOCX", None, content.DOCX.content_type),
        ("photo.png", png(), "image/png"),
        ("email.eml", EMAIL, "message/rfc822"),
        ("notes.txt", "Notes from the visit: café, £20\n".encode(), "text/plain"),
        ("old.txt", "Windows text: caf\xe9\r\n".encode("cp1252"), "text/plain"),
        ("outlook.msg", ole("Root Entry", "__substg1.0_0037001F"), content.MSG.content_type),
        ("old.doc", ole("Root Entry", "WordDocument", "1Table"), content.DOC.content_type),
    ],
)
def test_the_kinds_redress_keeps_are_found_from_their_content(name, data, expected):
    data = docx() if data is None else data
    cleaned, kind = content.check(raw_name=name, content=data)
    assert (cleaned, kind.content_type) == (name, expected)


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("invoice.pdf", EXECUTABLE, "a program (a Windows executable)"),
        ("page.txt", b"<!DOCTYPE html><html><body>hi</body></html>", "a web page or script"),
        ("picture.txt", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "a web"),
        ("report.docx", None, "a Word document with macros"),
        ("sheet.doc", ole("Root Entry", "Workbook"), "an Excel spreadsheet"),
        ("binary.txt", b"\x00\x01\x02\x03garbage", "a file of an unknown kind"),
    ],
)
def test_what_it_refuses_is_named_whatever_the_file_is_called(name, data, found):
    data = docx(macros=True) if data is None else data
    with pytest.raises(rules.DocumentTypeNotAllowed) as refused:
        content.check(raw_name=name, content=data)
    assert refused.value.message.startswith(f"The file '{name}' is {found}")
    assert "whatever its name says" in refused.value.message


def test_an_executable_renamed_pdf_is_refused_as_a_program():
    with pytest.raises(rules.DocumentTypeNotAllowed) as refused:
        content.check(raw_name="letter.pdf", content=EXECUTABLE)
    assert refused.value.message == (
        "The file 'letter.pdf' is a program (a Windows executable), whatever its name says. "
        "Upload a PDF, a Word document, an image (JPEG, PNG, GIF, WebP or TIFF), plain text "
        "or an email (.eml or .msg)."
    )


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\windows\\win.ini", "..", "a/b.pdf"])
def test_a_name_with_folders_in_it_is_refused(name):
    with pytest.raises(rules.DocumentNameHasPath) as refused:
        content.check(raw_name=name, content=b"root:x:0:0:root:/root:/bin/bash\n")
    assert refused.value.message.startswith(f"The file name '{name}' names folders")


def test_a_name_that_does_not_match_the_content_is_refused_saying_what_it_is():
    with pytest.raises(rules.DocumentNameDoesNotMatch) as refused:
        content.check(raw_name="scan.pdf", content=png())
    assert refused.value.message == (
        "The file 'scan.pdf' is a PNG image, but its name ends '.pdf': a PNG image has a name "
        "ending .png. Check it is the file you meant, or rename it."
    )
    with pytest.raises(rules.DocumentNameHasNoEnding):
        content.check(raw_name="passwd", content=b"root:x:0:0:root:/root:/bin/bash\n")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Letter to Mrs O'Brien.pdf", "Letter to Mrs O_Brien.pdf"),
        ("  report\t\tfinal .pdf", "report final .pdf"),
        ("evil\x00name<script>.pdf", "evil_name_script_.pdf"),
        ("Zoë's café.pdf", "Zoë_s café.pdf"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
        (".hidden.txt", "hidden.txt"),
    ],
)
def test_names_are_cleaned(raw, cleaned):
    assert content.clean_name(raw) == cleaned


def test_a_name_of_nothing_but_punctuation_is_refused():
    with pytest.raises(rules.DocumentNameNotValid):
        content.clean_name("<<>>.pdf")
