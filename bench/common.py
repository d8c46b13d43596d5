"""What the benchmarks share: running manage.py as a child process and measuring it, fresh
PostgreSQL databases, and a description of the machine."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
# A million complaints have more stages and aspects than a worksheet can hold, the import's
# default limit (docs/IMPORT_FORMAT.md, 'Limits'): the benchmarks' CSV folders are read whole.
LARGE_IMPORTS = {
    "REDRESS_IMPORT_MAX_ROWS": "100000000",
    "REDRESS_IMPORT_MAX_UNCOMPRESSED_MB": "20000",
}


def manage(*args: str, env: dict[str, str], capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, MANAGE, *args],
        env={**LARGE_IMPORTS, **env},
        check=True,
        capture_output=capture,
        text=True,
        cwd=ROOT,
    )


def timed_child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a child process; its wall time and its own peak resident memory (MB)."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=out)  # noqa: S603
        # wait4 gives this child's own resource usage (RUSAGE_CHILDREN would be the largest of
        # every child so far, migrations included).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            sys.exit(f"{' '.join(args[2:])} failed ({child.returncode}):\n{out.read()[-4000:]}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def fresh_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def postgres_version(url: str) -> str:
    """The server's version, asked of its maintenance database (the benchmark's own database may
    not exist yet)."""
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin) as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0])


def machine(postgres_url: str | None) -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    ram = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    lines = [
        f"CPU:        {cpu}, {os.cpu_count()} cores",
        f"RAM:        {ram}",
        f"Load:       {', '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)",
        f"OS:         {platform.platform()}",
        f"Python:     {platform.python_version()}",
        f"SQLite:     {sqlite3.sqlite_version}",
    ]
    if postgres_url:
        lines.append(f"PostgreSQL: {postgres_version(postgres_url)}")
    return lines
