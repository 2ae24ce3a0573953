"""Entry point: `python build.py [build|serve|check|new] ...` (see README)."""
import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
