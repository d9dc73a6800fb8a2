"""A headless browser plays the console served by `run.py serve`: the briefing, then enter starts the storm.

    python tests/browser_smoke.py [--chromium PATH] [--screenshot briefing.png]

Starts `run.py serve` on a free loopback port in a temporary folder, opens the
page in headless Chromium (driven over the DevTools protocol), saves a
screenshot of the briefing, presses enter and waits for the session log to
appear in that folder's sessions/. Exits 0 when it does. tests/test_contract.py
runs it where a `chromium` is on the PATH.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def drive(
    debug_port: int, url: str, workdir: Path, screenshot: Path | None, seconds: float
) -> Path:
    import aiohttp

    pages = json.loads(wait_for_http(f"http://127.0.0.1:{debug_port}/json/list", seconds))
    target = next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
    async with aiohttp.ClientSession() as client, client.ws_connect(target, max_msg_size=0) as ws:
        ids = iter(range(1, 10_000))

        async def call(method: str, **params) -> dict:
            number = next(ids)
            await ws.send_json({"id": number, "method": method, "params": params})
            while True:
                message = json.loads((await ws.receive(timeout=seconds)).data)
                if message.get("id") == number:
                    return message.get("result", {})

        await call(
            "Emulation.setDeviceMetricsOverride",
            width=1400,
            height=1000,
            deviceScaleFactor=1,
            mobile=False,
        )
        await call("Page.navigate", url=url)
        deadline = time.monotonic() + seconds
        started = "document.body?.classList.contains('-first-byte') === true"  # the console's first bytes arrived
        while not (await call("Runtime.evaluate", expression=started, returnByValue=True))[
            "result"
        ]["value"]:
            if time.monotonic() > deadline:
                raise TimeoutError("the page never got the console's first bytes")
            await asyncio.sleep(0.5)
        before = b""
        while (
            time.monotonic() < deadline
        ):  # the briefing is drawn when two captures a second apart agree
            await asyncio.sleep(1)
            shot = base64.b64decode((await call("Page.captureScreenshot", format="png"))["data"])
            if shot == before:
                break
            before = shot
        if screenshot:
            screenshot.write_bytes(shot)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            focus = "document.querySelector('.xterm-helper-textarea')?.focus()"  # keys go to the terminal
            await call("Runtime.evaluate", expression=focus)
            for kind in ("keyDown", "keyUp"):
                await call(
                    "Input.dispatchKeyEvent",
                    type=kind,
                    key="Enter",
                    code="Enter",
                    windowsVirtualKeyCode=13,
                    text="\r" if kind == "keyDown" else "",
                )
            await asyncio.sleep(1)
            logs = sorted((workdir / "sessions").glob("*.jsonl"))
            if logs:
                return logs[0]
    raise TimeoutError("no session log appeared: the browser never got past the briefing")


def smoke(
    chromium: str, workdir: Path, screenshot: Path | None = None, seconds: float = 45
) -> Path:
    """The session log the browser's session wrote (in workdir/sessions)."""
    port, debug_port = free_port(), free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "run.py"), "serve", "--port", str(port)],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    browser = None
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", seconds)
        browser = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--remote-debugging-port={debug_port}",
                f"--user-data-dir={workdir / 'chromium'}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return asyncio.run(
            drive(debug_port, f"http://127.0.0.1:{port}/", workdir, screenshot, seconds)
        )
    finally:
        for process in (browser, server):
            if process is not None:
                process.terminate()
                process.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
    )
    parser.add_argument(
        "--screenshot", type=Path, help="save the briefing as seen in the browser (PNG)"
    )
    args = parser.parse_args()
    if not args.chromium:
        print("no chromium found; give --chromium PATH", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="stormdrill-browser-") as workdir:
        log = smoke(args.chromium, Path(workdir), args.screenshot)
        print(
            f"a browser reached the briefing and started the storm; its session log had {log.stat().st_size:,} bytes"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
