"""`make demo PORT=…`: the links the demo prints point at the port it serves on."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


MAKE = shutil.which("make")


@pytest.mark.skipif(MAKE is None, reason="needs make")
@pytest.mark.parametrize("demo", ["", "sandwell"])
def test_demo_setup_is_given_the_site_url_of_the_port_served(demo):
    # demo_setup prints a satisfaction survey link built from REDRESS_SITE_URL, which defaulted
    # to port 8000 whatever PORT was.
    planned = subprocess.run(  # noqa: S603 (our own Makefile, fixed arguments)
        [str(MAKE), "-n", "demo-data", "PORT=8123", "HOST=127.0.0.1", f"DEMO={demo}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (setup,) = [line for line in planned.splitlines() if " demo_setup" in line]
    assert "REDRESS_SITE_URL=http://127.0.0.1:8123 " in setup
