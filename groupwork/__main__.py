"""Allow `python -m groupwork`."""

from groupwork.cli import main

if __name__ == "__main__":
    main()
