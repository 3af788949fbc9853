"""``python -m diplograph``: the same command line as ``diplograph``."""

from diplograph.cli.main import main

if __name__ == "__main__":
    main()
