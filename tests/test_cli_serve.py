"""``newsgraph serve`` checks its port before announcing it."""

from __future__ import annotations

import socket

from newsgraph.cli import main


def test_a_taken_port_is_refused_before_announcing_and_says_what_to_do(tmp_path, capsys):
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        code = main(["serve", "--db", str(tmp_path / "news.db"), "--port", str(port)])
    finally:
        holder.close()
    out, err = capsys.readouterr()
    assert code == 2
    assert "Serving on" not in out
    assert f"port {port}" in err and "already in use" in err
    assert f"--port {port + 1}" in err


def test_an_address_of_another_machine_is_refused(tmp_path, capsys):
    code = main(["serve", "--db", str(tmp_path / "news.db"), "--host", "192.0.2.1", "--port", "8000"])
    out, err = capsys.readouterr()
    assert code == 2 and "Serving on" not in out
    assert "192.0.2.1" in err and "127.0.0.1" in err
