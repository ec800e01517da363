"""Run the sample council web: ``python -m sampleweb [--port-base 8100]``."""

from .console import main

main()
