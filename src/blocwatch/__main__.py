"""The `blocwatch` command (and `python -m blocwatch`)."""

import sys

from blocwatch.forkserver import start_early


def main() -> None:
    """Run the command line; an ingest on several workers starts their fork server first (see
    `blocwatch.forkserver`), then the commands are imported."""
    start_early(sys.argv[1:])
    from blocwatch.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
