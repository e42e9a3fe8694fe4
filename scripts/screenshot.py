"""Photograph the dashboard over a blocwatch database: python scripts/screenshot.py --db FILE --out FILE.png

Serves the database in this process on a free localhost port and opens the network view in Debian's
headless chromium (through Playwright); scripts/screenshot.sh runs it on the example corpus.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from blocwatch.api import create_app

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the blocwatch database to show")
    parser.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    parser.add_argument("--view", default="network", help="the view to show, as in the page's #address")
    args = parser.parse_args()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"http://127.0.0.1:{port}/#{args.view}")
            page.locator(".view:not([hidden]) .plot .main-svg").first.wait_for()
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(args.out))
            browser.close()
    finally:
        server.should_exit = True
        thread.join()
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
