import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import read_article
from newsgraph.ingest.text import decode_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café owners met.".encode(), "Café owners met."),
        ("\ufeffBOM first.".encode(), "BOM first."),
        ("Smart “quotes” in cp1252.".encode("cp1252"), "Smart “quotes” in cp1252."),
        ("Zürich in latin-1.".encode("latin-1"), "Zürich in latin-1."),
        (b"Windows\r\nline ends\r\n", "Windows\nline ends"),
    ],
)
def test_decode_text(data, expected):
    assert decode_text(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x7fELF\x00\x00\x01binary", "binary file"),
        (bytes(range(1, 32)) * 20, "binary file"),
    ],
)
def test_decode_text_refuses(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_text(data, "x.bin")


def test_read_article_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match="missing.txt: no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported file type"):
        read_article(odd)


def test_html_without_body_is_an_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><nav></nav></body></html>")
    with pytest.raises(InputError, match="no article body"):
        read_article(page)


def test_html_article_text_and_metadata(tmp_path):
    paragraphs = "".join(
        f"<p>The harbour council of Marrow Bay voted on plan number {i} after a long debate about dredging costs.</p>"
        for i in range(6)
    )
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Council Votes on Harbour Plan</title>"
        '<meta property="article:published_time" content="2026-03-04"></head>'
        f"<body><article><h1>Council Votes on Harbour Plan</h1>{paragraphs}</article></body></html>"
    )
    article = read_article(page)
    assert "dredging costs" in article.text
    assert article.title == "Council Votes on Harbour Plan"
    assert str(article.published) == "2026-03-04"
