"""The `redress` console script: manage.py under another name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "redress"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
