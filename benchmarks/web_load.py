"""The web server under load: a page and API mix at concurrency 20 on the 10,000-article store.

Starts ``newsgraph serve --read-only`` on a free loopback port (loopback only:
nothing leaves this machine), builds a request mix from the store's own ids
and names (so every request should answer 200), fires ``--requests`` of them
from ``--concurrency`` clients, and prints p50/p95/max latency, errors,
requests/s and the server's RSS before and after (its peak too), then the same
figures per route so the slowest pages show. Goal: 0 errors, p95 < 300 ms,
>= 150 requests/s on a 2-core machine.

The store is the one ``benchmarks/store_queries.py`` builds (real cnn-lite
extractions written again as varied copies); pass ``--db`` to reuse one.
Bounded: at most ``--requests`` requests and ``--max-seconds`` of firing.

    .venv/bin/python benchmarks/web_load.py --db /tmp/bench.db [--requests 2000] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "cnn-lite" / "articles.jsonl"
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def ensure_store(db: Path, corpus: Path, base: int, total: int) -> bool:
    """Build the benchmark store at ``db`` unless it exists; False when the corpus is missing."""
    if db.exists():
        from newsgraph.store import Store

        Store(db).close()  # a store built by an older version gets its pending migrations
        return True
    if not corpus.is_file():
        return False
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store_queries

    store_queries.CORPUS = corpus
    records = store_queries.extract_base(base, Path(tempfile.gettempdir()) / "newsgraph_bench_records.pickle")
    figures = store_queries.build_store(db, records, total)
    print(f"built {db}: {total:,} articles in {figures['seconds']:.0f} s", flush=True)
    return True


def request_mix(db: Path, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (route, path) pairs: pages and their API twins, with ids and names from the store."""
    from newsgraph.store import Store

    rng = random.Random(seed)
    with Store(db, read_only=True) as store:
        articles = [a["id"] for a in store.list_articles(limit=300)]
        people = store.list_entities(type="PERSON", limit=200)
        places = store.list_entities(type="GPE", limit=50)
    if not articles or not people:
        raise SystemExit("the store holds no articles or people: nothing to ask")
    words = ["Iran", "ceasefire", "election", "court", "oil prices", "tariffs", "police", "talks"]
    types = ["ASSAULT", "AGREE", "ACCUSE", "CONSULT", "AID", "COERCE"]

    def entity() -> dict:
        return rng.choice(people)

    def q(**params: object) -> str:
        return "?" + urlencode(params)

    makers = {
        "page /": lambda: "/",
        "page /articles": lambda: "/articles" + q(offset=rng.randrange(0, 500)),
        "page /articles/{id}": lambda: "/articles/" + quote(rng.choice(articles), safe=""),
        "page /entities": lambda: "/entities" + q(offset=rng.randrange(0, 500)),
        "page /entities/{id}": lambda: "/entities/" + quote(entity()["id"], safe=""),
        "page /events": lambda: "/events",
        "page /events?type": lambda: "/events" + q(type=rng.choice(types)),
        "page /map": lambda: "/map",
        "page /network": lambda: "/network",
        "page /search": lambda: "/search" + q(q=rng.choice(words)),
        "api /api/articles": lambda: "/api/articles" + q(offset=rng.randrange(0, 500)),
        "api /api/articles/{id}": lambda: "/api/articles/" + quote(rng.choice(articles), safe=""),
        "api /api/entities": lambda: "/api/entities" + q(q=entity()["name"][:4]),
        "api /api/entities/{id}": lambda: "/api/entities/" + quote(entity()["id"], safe=""),
        "api /api/quotes": lambda: "/api/quotes" + q(speaker=entity()["name"]),
        "api /api/events": lambda: "/api/events" + q(type=rng.choice(types)),
        "api /api/events?place": lambda: (
            "/api/events" + q(place=rng.choice(places)["name"] if places else "x")
        ),
        "api /api/events/timeline": lambda: "/api/events/timeline",
        "api /api/search": lambda: "/api/search" + q(q=rng.choice(words)),
        "api /api/stats": lambda: "/api/stats",
        "api /api/network": lambda: "/api/network",
    }
    routes = list(makers)
    return [(route, makers[route]()) for route in (rng.choice(routes) for _ in range(n))]


def server_pids(pid: int) -> list[int]:
    """The server process and its worker processes."""
    try:
        return [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return [pid]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by the server and its workers (Linux /proc)."""
    total = 0
    for p in server_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of ``pid`` and its children, in MB (Linux /proc)."""
    current = peak = 0.0
    for p in server_pids(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                current += int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak += int(line.split()[1]) / 1024
    return current, peak


def start_server(db: Path, port: int, workers: int, log: Any) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--read-only"]
    command += ["--host", LOOPBACK, "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    # The server's messages go to a file (a pipe nobody reads could fill up and stall it).
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True)


async def wait_ready(base_url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=base_url, timeout=5) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit("the server exited before answering")
            try:
                if (await client.get("/api/stats")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


async def fire(
    base_url: str, mix: list[tuple[str, str]], concurrency: int, max_seconds: float
) -> tuple[list[tuple[str, float, int]], float]:
    """Send every request in ``mix`` from ``concurrency`` clients; (route, ms, status) each, and wall time."""
    import httpx

    results: list[tuple[str, float, int]] = []
    failures: list[str] = []
    queue = list(reversed(mix))
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient) -> None:
        while queue and time.monotonic() < deadline:
            route, path = queue.pop()
            started = time.perf_counter()
            try:
                response = await client.get(path)
                await response.aread()
                status = response.status_code
            except httpx.HTTPError as exc:
                status = 0
                failures.append(f"{route}: {type(exc).__name__}: {exc}")
            results.append((route, (time.perf_counter() - started) * 1000, status))

    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    for failure in failures[:10]:
        print(f"  no answer: {failure}")
    return results, wall


def percentile(samples: list[float], q: float) -> float:
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(q) - 1]


def report(results: list[tuple[str, float, int]], wall: float) -> None:
    times = [ms for _, ms, _ in results]
    errors = [(route, status) for route, _, status in results if not 200 <= status < 400]
    print(
        f"{len(results)} requests in {wall:.1f} s = {len(results) / wall:.0f} requests/s; "
        f"p50 {percentile(times, 50):.0f} ms, p95 {percentile(times, 95):.0f} ms, max {max(times):.0f} ms; "
        f"{len(errors)} errors"
    )
    if errors:
        kinds: dict[tuple[str, int], int] = defaultdict(int)
        for error in errors:
            kinds[error] += 1
        for (route, status), n in sorted(kinds.items()):
            print(f"  error: {route} -> {status or 'no answer'} x{n}")
    by_route: dict[str, list[float]] = defaultdict(list)
    for route, ms, _ in results:
        by_route[route].append(ms)
    print(f"{'route':32} {'n':>5} {'p50':>7} {'p95':>7} {'max':>7}")
    for route, samples in sorted(by_route.items(), key=lambda kv: -statistics.median(kv[1])):
        print(
            f"{route:32} {len(samples):5d} {percentile(samples, 50):7.0f} "
            f"{percentile(samples, 95):7.0f} {max(samples):7.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the benchmark store (built there when missing; default: a temp file)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="cnn-lite articles.jsonl for building")
    parser.add_argument("--base", type=int, default=300, help="real articles extracted when building")
    parser.add_argument("--total", type=int, default=10_000, help="articles in a built store")
    parser.add_argument("--requests", type=int, default=2000, help="requests to send (default 2000)")
    parser.add_argument("--concurrency", type=int, default=20, help="clients at once (default 20)")
    parser.add_argument("--warmup", type=int, default=100, help="untimed requests first (default 100)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop firing after this long")
    args = parser.parse_args()
    if not 1 <= args.concurrency <= 200 or not 1 <= args.requests <= 100_000:
        parser.error("--concurrency must be 1..200 and --requests 1..100000")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not ensure_store(db, args.corpus, args.base, args.total):
            print(f"skipped: no store at {db} and no corpus at {args.corpus} to build one")
            return 0
        mix = request_mix(db, args.requests + args.warmup)
        port = free_port()
        base_url = f"http://{LOOPBACK}:{port}"
        server_log = Path(tmp) / "server.log"
        server = start_server(db, port, args.workers, server_log.open("w"))
        try:
            asyncio.run(wait_ready(base_url, server))
            asyncio.run(fire(base_url, mix[: args.warmup], args.concurrency, args.max_seconds))
            before = rss_mb(server.pid)
            cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
            results, wall = asyncio.run(
                fire(base_url, mix[args.warmup :], args.concurrency, args.max_seconds)
            )
            server_cpu = cpu_seconds(server.pid) - cpu_before
            client_cpu = time.process_time() - client_before
            after = rss_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        print(
            f"server: {args.workers} worker(s), read-only, on {base_url}; "
            f"concurrency {args.concurrency}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        report(results, wall)
        messages = server_log.read_text().strip().splitlines()
        if messages:
            print(f"server said ({len(messages)} lines, the last 15):")
            print("\n".join("  " + line for line in messages[-15:]))
        # CPU per request depends far less on what else runs on the machine than latency does.
        print(
            f"server CPU: {server_cpu:.1f} s = {server_cpu / len(results) * 1000:.1f} ms per request "
            f"(a ceiling of {len(results) / server_cpu:.0f} requests/s per core); "
            f"load generator CPU: {client_cpu:.1f} s"
        )
        print(
            f"server RSS: {before[0]:.0f} MB after warm-up, {after[0]:.0f} MB after the run "
            f"(peak {after[1]:.0f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
