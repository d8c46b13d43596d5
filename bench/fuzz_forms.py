"""Drive every staff form with generated input (`make fuzz`): at least 10,000 submissions, no
server error allowed.

    .venv/bin/python bench/fuzz_forms.py                       # 10,000 on SQLite (in memory)
    .venv/bin/python bench/fuzz_forms.py --submissions 500     # a quick run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/redress .venv/bin/python bench/fuzz_forms.py

The engine is redress/core/tests/fuzzing.py, shared with the suite's smaller run
(redress/core/tests/test_fuzz_forms.py): every form on every page of the role x URL table, read
as every role that gets the page, is given Hypothesis-generated submissions, in rounds with a
new seed each until there have been `--submissions`. A test database is made as the test
runner makes one (`test_<name>` on PostgreSQL, dropped afterwards; memory on SQLite). Prints the
submissions, the answers, each failure with its traceback and submission, the seconds and the
machine; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine

sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1, help="the first round's seed")
    parser.add_argument("--verbose", action="store_true", help="name each form as it is done")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    os.environ["REDRESS_HTTPS"] = "0"  # the test client speaks plain HTTP
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from redress.core.tests import fuzzing

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    postgres = connection.vendor == "postgresql"
    url = os.environ.get("DATABASE_URL") if postgres else None
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    progress = print if args.verbose else None
    try:
        outcome = fuzzing.Outcome()
        seed = args.seed
        while outcome.submissions < args.submissions:
            left = args.submissions - outcome.submissions
            round_outcome = fuzzing.in_world(
                lambda world, left=left, seed=seed: fuzzing.fuzz(
                    world,
                    total=left,
                    every_role=True,
                    seed=seed,
                    progress=progress,
                )
            )
            outcome.add(round_outcome)
            print(f"round {seed}: {round_outcome.submissions} submissions", flush=True)
            seed += 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("\n".join(fuzzing.describe(outcome)))
    print(f"Database:    {connection.vendor}")
    print("\n".join(machine(url)))
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
