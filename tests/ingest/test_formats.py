"""Every input format, read from fixtures written by us; malformed inputs become errors, not crashes."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import FieldMap, discover, iter_sources, read_csv, read_feed, read_jsonl
from newsgraph.ingest.fields import MAX_RECORD_BYTES, parse_date_leniently
from newsgraph.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_folder_discovery_is_recursive_sorted_and_skips_unknown_files():
    sources, errors = discover([str(FIXTURES / "articles")])
    names = [Path(s.path).name for s in sources]
    assert names == ["bridge.txt", "harbour.txt", "library.txt", "market.html", "ferry.txt", "orchard.txt"]
    assert {s.format for s in sources} == {"text", "html"} and errors == []


def test_glob_and_missing_paths():
    sources, errors = discover([str(FIXTURES / "articles" / "*.txt"), str(FIXTURES / "absent.txt")])
    assert [Path(s.path).name for s in sources] == ["bridge.txt", "harbour.txt", "library.txt", "orchard.txt"]
    assert len(errors) == 1 and "no such file" in errors[0].reason
    _, errors = discover([str(FIXTURES / "nothing-*.jsonl")])
    assert "no file matches" in errors[0].reason


def test_text_and_html_articles():
    sources, _ = discover([str(FIXTURES / "articles")])
    articles, errors = split(iter_sources(sources))
    assert errors == [] and len(articles) == 6
    html = next(a for a in articles if a.origin.endswith("market.html"))
    assert html.title == "Night Market Returns to Old Town Square"
    assert "Helga Brandvik" in html.text and "Copyright" not in html.text


def test_jsonl_with_default_fields():
    with open(FIXTURES / "articles.jsonl", "rb") as fh:
        articles, errors = split(read_jsonl(fh, "articles.jsonl"))
    assert errors == []
    assert [a.id for a in articles] == ["jsonl-001", "jsonl-002", "jsonl-003"]
    first, second, third = articles
    assert (first.title, first.published, first.source, first.url) == (
        "Rail Line Extended to Airport", date(2026, 2, 3), "Dunhaven Daily", "https://example.org/rail",
    )  # fmt: skip
    assert second.published == date(2026, 2, 4) and second.source == "Corvale Herald"
    assert third.published is None  # an unreadable date is unknown, not a failure
    assert first.origin == "articles.jsonl#1"


def test_jsonl_with_renamed_fields():
    fields = FieldMap(title="headline_text", published="when", url="permalink")
    with open(FIXTURES / "custom_fields.jsonl", "rb") as fh:
        articles, errors = split(read_jsonl(fh, "custom.jsonl", fields))
    assert errors == [] and len(articles) == 2
    assert articles[0].title == "Bakers Win Regional Prize" and articles[0].published == date(2026, 5, 10)
    assert articles[0].source == "Kesk Weekly" and articles[0].url == "https://example.org/bakers"
    with open(FIXTURES / "custom_fields.jsonl", "rb") as fh:
        _, errors = split(read_jsonl(fh, "custom.jsonl", FieldMap(text="missing_field")))
    assert len(errors) == 2 and "--text-column" in errors[0].reason


def test_invalid_json_lines_fail_alone():
    data = (
        b'{"text": "A good first article about the harbour."}\n{not json\n[1, 2]\n"just a string"\n\n'
        b'{"text": ""}\n{"text": "A good last article about the bridge."}\n'
    )
    articles, errors = split(read_jsonl(io.BytesIO(data), "mixed.jsonl"))
    assert [a.origin for a in articles] == ["mixed.jsonl#1", "mixed.jsonl#7"]
    assert [e.origin for e in errors] == ["mixed.jsonl#2", "mixed.jsonl#3[0]", "mixed.jsonl#3[1]",
                                          "mixed.jsonl#4", "mixed.jsonl#6"]  # fmt: skip
    assert "invalid JSON" in errors[0].reason


def test_fifty_megabyte_line_is_refused_without_stopping(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"text": "Before the huge line."}\n')
        fh.write(b'{"text": "' + b"a" * (50 * 1024 * 1024) + b'"}\n')
        fh.write(b'{"text": "After the huge line."}\n')
    with open(path, "rb") as fh:
        articles, errors = split(read_jsonl(fh, "huge.jsonl"))
    assert [a.text for a in articles] == ["Before the huge line.", "After the huge line."]
    assert errors[0].origin == "huge.jsonl#2" and "larger than" in errors[0].reason


def test_csv_with_detected_and_renamed_columns():
    with open(FIXTURES / "articles.csv", "rb") as fh:
        articles, errors = split(read_csv(fh, "articles.csv"))
    assert errors == [] and len(articles) == 2
    assert articles[0].title == "Dam Inspection Finds No Damage" and articles[0].source == "Ashwater Gazette"
    assert (
        articles[1].published == date(2026, 1, 21)
        and '"Demand has never been higher," Morrow' in articles[1].text
    )
    data = b"words\tday\nThe tram depot got a new roof on Monday.\t2026-06-01\n"
    articles, errors = split(read_csv(io.BytesIO(data), "x.tsv", FieldMap(text="words", published="day")))
    assert errors == [] and articles[0].published == date(2026, 6, 1)


def test_csv_without_text_column_is_one_failure():
    with open(FIXTURES / "no_text_column.csv", "rb") as fh:
        articles, errors = split(read_csv(fh, "no_text_column.csv"))
    assert articles == [] and len(errors) == 1
    assert "no text column" in errors[0].reason and "--text-column" in errors[0].reason


def test_rss_and_atom_feeds():
    rss, errors = split(read_feed((FIXTURES / "feed.rss").read_bytes(), "feed.rss"))
    assert [a.title for a in rss] == ["Lighthouse Restored", "Tram Fares Frozen"]
    assert rss[0].published == date(2026, 3, 16) and rss[0].source == "Valmora Courier"
    assert rss[0].text.split("\n\n")[1].startswith("Society chair Ansel Berg")  # paragraphs kept
    assert [e.origin for e in errors] == ["feed.rss#3"]  # the entry without text
    atom, errors = split(read_feed((FIXTURES / "feed.atom").read_bytes(), "feed.atom"))
    assert errors == [] and atom[0].url == "https://example.org/clinic" and "Sanna Virt" in atom[0].text


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item>
</channel></rss>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><description>&secret;</description></item></channel></rss>"""


@pytest.mark.parametrize(
    ("data", "reason"),
    [(ENTITY_BOMB, "unsafe XML"), (EXTERNAL_ENTITY, "unsafe XML"), (b"<rss><channel><item>", "malformed XML"),
     (b"<?xml version='1.0'?><html><body>not a feed</body></html>", "not a readable RSS/Atom feed")],
)  # fmt: skip
def test_unsafe_or_broken_feeds_are_refused(data, reason):
    articles, errors = split(read_feed(data, "bad.rss"))
    assert articles == [] and len(errors) == 1 and reason in errors[0].reason


def _write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )
            writer.write_record(record)


def _page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


PAGES = [
    ("https://example.org/a", "text/html; charset=utf-8",
     _page("Harbour Cranes Replaced", "The port of Valmora replaced its two oldest cranes on Monday, harbour master "
           "Linnea Sorvik said, after thirty years of service on the northern quay.")),
    ("https://example.org/logo.png", "image/png", "not html"),
    ("https://example.org/b", "text/html",
     _page("Orchard Fair Draws Crowds", "The Brenn valley orchard fair drew large crowds on Sunday, organisers said, "
           "with growers selling apples, cider and pears from more than forty stalls.")),
]  # fmt: skip


@pytest.mark.parametrize("name", ["site.warc", "site.warc.gz"])
def test_warc_html_responses_only(tmp_path, name):
    path = tmp_path / name
    _write_warc(path, PAGES)
    sources, _ = discover([str(path)])
    assert sources[0].format == "warc"
    articles, errors = split(iter_sources(sources))
    assert errors == []
    assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert "Linnea Sorvik" in articles[0].text


def test_truncated_warc_gz_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _write_warc(path, PAGES)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    articles, errors = split(iter_sources(discover([str(path)])[0]))
    assert len(articles) >= 1 and len(errors) == 1


def test_truncated_gzip_jsonl_is_a_failure(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(
        json.dumps({"text": f"Article number {i} about the harbour of Valmora."}) + "\n" for i in range(400)
    )
    data = gzip.compress(lines.encode())
    path.write_bytes(data[: len(data) // 2])
    articles, errors = split(iter_sources(discover([str(path)])[0]))
    assert len(errors) == 1 and "truncated or corrupt" in errors[0].reason
    assert 0 < len(articles) < 400


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-03-01", date(2026, 3, 1)), ("2026-03-01T23:00:00+05:00", date(2026, 3, 1)),
     ("Mon, 16 Mar 2026 08:00:00 GMT", date(2026, 3, 16)), ("2026-02-30", None), ("yesterday", None),
     (None, None), (1767225600, date(2026, 1, 1)), (1767225600000, date(2026, 1, 1)), (True, None)],
)  # fmt: skip
def test_lenient_dates(value, expected):
    assert parse_date_leniently(value) == expected


def test_record_size_limit_is_ten_megabytes():
    assert MAX_RECORD_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "n", "fmt_check"),
    [(b'{"text": "One from a pipe about Kesk."}\n{"text": "Two from a pipe about Kesk."}\n', 2, "jsonl"),
     (b"A plain story read from standard input about the Valmora tram.\n", 1, "text")],
)  # fmt: skip
def test_standard_input_is_sniffed(monkeypatch, data, n, fmt_check):
    import sys as system

    class FakeStdin:
        buffer = io.BufferedReader(io.BytesIO(data))

    monkeypatch.setattr(system, "stdin", FakeStdin())
    sources, errors = discover(["-"])
    articles, errors = split(iter_sources(sources))
    assert errors == [] and len(articles) == n
    assert articles[0].origin.startswith("<stdin>")
