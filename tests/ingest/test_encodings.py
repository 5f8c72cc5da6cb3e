"""Encodings of streamed formats: CSV by byte-order mark, UTF-8, or a detected legacy code page (reported)."""

from __future__ import annotations

import gzip
import io

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import read_csv
from newsgraph.ingest.csv_records import SNIFF_BYTES
from newsgraph.records import Article

ROWS = "title,text\nFerry,Le maire a dit « très bien » à la télévision à Liège mardi.\nDam,Smart “quotes” – a dash.\n"


def _texts(data: bytes, name: str = "rows.csv") -> list[str]:
    items = list(read_csv(io.BytesIO(data), name))
    assert not [i for i in items if isinstance(i, InputError)]
    return [i.text for i in items if isinstance(i, Article)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_csv_by_byte_order_mark(encoding):
    assert _texts(ROWS.encode(encoding)) == [
        "Le maire a dit « très bien » à la télévision à Liège mardi.",
        "Smart “quotes” – a dash.",
    ]


def test_csv_in_cp1252_is_detected_and_reported(caplog):
    with caplog.at_level("WARNING", logger="newsgraph"):
        texts = _texts(ROWS.encode("cp1252"), "legacy.csv")
    assert texts[1] == "Smart “quotes” – a dash."
    assert "legacy.csv: not valid UTF-8; decoded as cp1252" in caplog.text


def test_csv_streams_past_the_sniffed_head():
    filler = "".join(
        f"Row,Harbour note number {i} about the dredging of the channel é.\n" for i in range(20_000)
    )
    data = ("title,text\n" + filler).encode()
    assert len(data) > SNIFF_BYTES
    texts = _texts(gzip.decompress(gzip.compress(data)))
    assert len(texts) == 20_000 and texts[-1].endswith("number 19999 about the dredging of the channel é.")
