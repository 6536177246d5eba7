#!/usr/bin/env python3
"""Dateline's command: `python build.py [COMMAND] [OPTIONS]` (see --help)."""

import sys

from dateline.cli import main

if __name__ == "__main__":
    sys.exit(main())
