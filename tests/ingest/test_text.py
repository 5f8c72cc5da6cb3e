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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_byte_order_mark_selects_utf16_and_utf32(encoding):
    text = "The mayor of Ölbrück said “yes” on Tuesday.\nSecond line."
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-le": "\ufeff", "utf-32-be": "\ufeff"}
    data = (bom.get(encoding, "") + text).encode(encoding)
    assert decode_text(data, "wide.txt") == text


def test_invalid_utf16_after_its_mark_is_named():
    with pytest.raises(InputError, match="x.txt: starts with a UTF-16-LE byte-order mark but is not valid"):
        decode_text(b"\xff\xfeA\x00\x00\xd8", "x.txt")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Ça va très bien, dit-il à la télévision française.", "cp1252"),
        ("Smart “quotes” and a – dash in an English report.", "cp1252"),
        ("Министр сказал во вторник, что переговоры продолжатся.", "cp1251"),
    ],
)
def test_invalid_utf8_is_detected_and_reported(caplog, text, encoding):
    with caplog.at_level("WARNING", logger="newsgraph"):
        assert decode_text(text.encode(encoding), "legacy.txt") == text
    assert "legacy.txt: not valid UTF-8; decoded as" in caplog.text


def test_valid_utf8_gives_no_warning(caplog):
    with caplog.at_level("WARNING", logger="newsgraph"):
        decode_text("Plain “UTF-8” text.".encode(), "ok.txt")
    assert caplog.text == ""


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


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav>menu</nav></body></html>",
        "<html><body><nav><a href='/a'>Home</a> <a href='/b'>World</a></nav><footer>Contact us</footer></body></html>",
        "<html><body><header>The Marrow Bay Courier</header><aside>Most read</aside></body></html>",
    ],
)
def test_html_with_only_page_furniture_is_an_error(tmp_path, page):
    path = tmp_path / "menu.html"
    path.write_text(page)
    with pytest.raises(InputError, match="menu.html: no article body found"):
        read_article(path)


def test_html_publication_date_never_comes_from_a_year_in_the_body(tmp_path):
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>Harbour Talks</title></head><body><article>"
        "<p>The harbour council of Marrow Bay first met in 2025 to discuss dredging the channel.</p>"
        "<p>Last year the council had not met at all, its spokesperson said on Tuesday.</p>"
        "</article></body></html>"
    )
    article = read_article(page)
    assert "dredging" in article.text
    assert article.published is None


def test_html_publication_date_from_the_url_is_metadata(tmp_path):
    page = tmp_path / "dated.html"
    page.write_text(
        '<html><head><title>Harbour Talks</title><link rel="canonical" '
        'href="https://courier.example/2024/05/06/harbour-talks"></head><body><article>'
        "<p>The harbour council of Marrow Bay first met in 2025 to discuss dredging the channel.</p>"
        "</article></body></html>"
    )
    assert str(read_article(page).published) == "2024-05-06"
