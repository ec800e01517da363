"""``python -m sampleweb``: serve the sample council web in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from .server import SampleWeb

REGISTRY_FILE = "sample-registry.csv"


def serve(registry_path: str = REGISTRY_FILE, port_base: int | None = None) -> None:
    """Start every site, print its URL, write the registry (``sample-registry.csv``), and wait for Ctrl-C."""
    with SampleWeb(port_base=port_base) as web:
        for slug, site in web.sites.items():
            print(f"{slug:<13} {web.base_url(slug)}  {site.name} ({site.platform})")
        print(f"Registry written to {web.write_registry(registry_path)}. Press Ctrl-C to stop.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("Stopped.")


def main(argv: list[str] | None = None) -> None:
    """Parse ``--port-base`` and serve."""
    parser = argparse.ArgumentParser(prog="python -m sampleweb", description=__doc__)
    parser.add_argument("--port-base", type=int, default=None,
                        help="first port (sites take consecutive ports); default: free ports")
    serve(port_base=parser.parse_args(argv).port_base)
