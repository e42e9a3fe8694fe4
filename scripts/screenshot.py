"""Photograph every view of the dashboard at a desktop and a phone size:
python scripts/screenshot.py --db FILE --out FOLDER

Serves the database in this process on a free localhost port and opens each view in Debian's headless
chromium (through Playwright), writing FOLDER/VIEW-desktop.png (1366x900) and FOLDER/VIEW-phone.png (390x844);
scripts/screenshot.sh runs it on the example corpus for docs/screens/.
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
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Each view's address and what shows it has drawn.
VIEWS = {
    "network": ("network", "#network-edges tbody tr"),
    "actor": ("actor/PAK", "#actor-list li"),
    "timeline": ("timeline/PAK/AFG", "#timeline-list li"),
    "recognition": ("recognition/AFG", "#recognition-board tbody tr"),
    "bloc": ("bloc", "#bloc-pairs tbody tr"),
    "map": ("map", "#map-places tbody tr"),
    "documents": ("documents", "#document-list li"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the blocwatch database to show")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the PNG files to")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for size, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport)
                for name, (address, drawn) in VIEWS.items():
                    page.goto(f"http://127.0.0.1:{port}/#{address}")
                    page.locator(f".view:not([hidden]) {drawn}").first.wait_for(timeout=30_000)
                    page.wait_for_timeout(500)  # Plotly's transitions
                    path = args.out / f"{name}-{size}.png"
                    page.screenshot(path=str(path))
                    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join()


if __name__ == "__main__":
    main()
