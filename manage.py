#!/usr/bin/env python
"""Django's command-line utility for administrative tasks. `redress` is the same thing."""

from redress.manage import main

if __name__ == "__main__":
    main()
