"""`python -m cli`: the `ocm` command (crawl processes are started this way)."""

from cli import main

if __name__ == "__main__":  # a worker process that imports this module again (spawn) must not run the command
    main()
