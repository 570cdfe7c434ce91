"""Load generators for the benchmarks: wrk (preferred) or a small asyncio HTTP/1.1 client.

Both hold `concurrency` keep-alive connections to a loopback address, POST form-encoded Open311
bodies as fast as answers come back (a closed loop), and report totals and latency percentiles.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.bench_city import LAT_RANGE, LON_RANGE

LUA_SCRIPT = Path(__file__).with_name("post_open311.lua")


@dataclass
class LoadResult:
    client: str
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def count(self, status: int) -> int:
        return self.statuses.get(str(status), 0)

    @property
    def errors(self) -> int:
        """Answers other than 201, plus connection errors and timeouts."""
        socket = sum(v for k, v in self.socket_errors.items() if k != "status")
        return self.requests - self.count(201) + socket


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def wrk_version() -> str:
    if not have_wrk():
        return "not installed"
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    return (out.stdout + out.stderr).splitlines()[0].split(" Copyright")[0].strip()


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {"127.0.0.1", "::1"}:
        raise SystemExit(f"refusing to load {host!r}: benchmarks only target 127.0.0.1")


def run_wrk(
    url: str, *, api_key: str, concurrency: int, seconds: int, threads: int = 1
) -> LoadResult:
    _check_loopback(url)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{concurrency}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
        url,
    ]
    env = {**os.environ, "BENCH_API_KEY": api_key, "BENCH_SEED": str(random.randint(1, 10**6))}
    out = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=seconds + 60
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if out.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed (exit {out.returncode}):\n{out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    lat = data["latency_us"]
    return LoadResult(
        client="wrk",
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=lat["p50"] / 1000,
        p90_ms=lat["p90"] / 1000,
        p99_ms=lat["p99"] / 1000,
        max_ms=lat["max"] / 1000,
        mean_ms=lat["mean"] / 1000,
        statuses={str(k): v for k, v in data["statuses"].items()},
        socket_errors=data["errors"],
    )


# --- Fallback: an asyncio client (uses more CPU than wrk; only when wrk is missing) -----------


def _body(api_key: str, n: int) -> bytes:
    fields = {
        "service_code": "graffiti",
        "lat": f"{random.uniform(*LAT_RANGE):.6f}",
        "long": f"{random.uniform(*LON_RANGE):.6f}",
        "description": f"Load test {n}: fresh tag on the wall beside the bus stop",
        "api_key": api_key,
    }
    return urlencode(fields).encode()


async def _connection(
    host: str, port: int, path: str, api_key: str, deadline: float, out: list[tuple[float, int]]
) -> int:
    errors = 0
    n = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            n += 1
            body = _body(api_key, n)
            head = (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            started = time.perf_counter()
            writer.write(head + body)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                errors += 1
                reader, writer = await asyncio.open_connection(host, port)
                continue
            length = 0
            close = False
            while True:
                header = await reader.readline()
                if header in (b"\r\n", b"\n", b""):
                    break
                name, _, value = header.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
                elif name.strip().lower() == "connection" and value.strip().lower() == "close":
                    close = True
            if length:
                await reader.readexactly(length)
            out.append((time.perf_counter() - started, int(status_line.split()[1])))
            if close:
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()
    return errors


def run_python(url: str, *, api_key: str, concurrency: int, seconds: int) -> LoadResult:
    _check_loopback(url)
    parts = urlsplit(url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
    samples: list[tuple[float, int]] = []

    async def main() -> list[int]:
        deadline = time.monotonic() + seconds
        jobs = [
            _connection(host, port, path, api_key, deadline, samples) for _ in range(concurrency)
        ]
        return await asyncio.gather(*jobs)

    started = time.monotonic()
    errors = asyncio.run(main())
    elapsed = time.monotonic() - started
    latencies = sorted(s[0] for s in samples) or [0.0]

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    statuses: dict[str, int] = {}
    for _, status in samples:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return LoadResult(
        client="python-asyncio",
        requests=len(samples),
        seconds=elapsed,
        p50_ms=pct(50),
        p90_ms=pct(90),
        p99_ms=pct(99),
        max_ms=latencies[-1] * 1000,
        mean_ms=sum(latencies) / len(latencies) * 1000,
        statuses=statuses,
        socket_errors={"read": sum(errors)},
    )


def run_load(
    url: str, *, api_key: str, concurrency: int, seconds: int, client: str = "auto"
) -> LoadResult:
    if client == "wrk" or (client == "auto" and have_wrk()):
        return run_wrk(url, api_key=api_key, concurrency=concurrency, seconds=seconds)
    return run_python(url, api_key=api_key, concurrency=concurrency, seconds=seconds)
