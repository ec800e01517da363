"""``python -m sampleweb``: serve the sample council web in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import time

from .server import SampleWeb

REGISTRY_FILE = "sample-registry.csv"


def serve(registry_path: str = REGISTRY_FILE, port_base: int | None = None, realistic: bool = False) -> None:
    """Start every site, print its URL, write the registry (``sample-registry.csv``), and wait for Ctrl-C.

    ``realistic``: serve the second sample web (:mod:`sampleweb.realistic`) instead, whose registry has only
    each council's ``website`` and ``democracy_url``.
    """
    if realistic:
        _serve_realistic(registry_path, port_base)
        return
    with SampleWeb(port_base=port_base) as web:
        for slug, site in web.sites.items():
            print(f"{slug:<13} {web.base_url(slug)}  {site.name} ({site.platform})")
        print(f"Registry written to {web.write_registry(registry_path)}. Press Ctrl-C to stop.")
        _wait()


def _serve_realistic(registry_path: str, port_base: int | None) -> None:
    from .realistic import RealisticWeb

    with RealisticWeb(port_base=port_base) as web:
        for code, council in web.councils.items():
            democracy = web.democracy_url(code)
            print(f"{code}  {web.website(code):<26} {democracy:<34} {council.name}: {council.shape}")
        print(f"Registry written to {web.write_registry(registry_path)}. Press Ctrl-C to stop.")
        _wait()


def _wait() -> None:
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("Stopped.")


def main(argv: list[str] | None = None) -> None:
    """Parse ``--port-base`` and ``--realistic`` and serve."""
    parser = argparse.ArgumentParser(prog="python -m sampleweb", description=__doc__)
    parser.add_argument("--port-base", type=int, default=None,
                        help="first port (sites take consecutive ports); default: free ports")
    parser.add_argument("--realistic", action="store_true",
                        help="serve the second sample web, shaped like real council sites")
    args = parser.parse_args(argv)
    serve(port_base=args.port_base, realistic=args.realistic)
