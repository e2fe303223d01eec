#!/usr/bin/env python3
"""Renders a rapor (compliance report) in headless Chromium and checks it.

    chromium_check.py REPORT.html OUTDIR --entities N [--expect-text TEXT]...

Drives Debian's chromium through the DevTools protocol over a pipe
(--remote-debugging-pipe: commands on fd 3, replies on fd 4, each a JSON
text ended by NUL), with the Python standard library only. Checks:

* no console error, no uncaught exception, no log entry of level error
  (a Content-Security-Policy violation is one);
* no network request: every request the page makes must be to the report
  itself (file:) or a data: URL;
* the expected elements: N rows in the national table, N entity sections,
  N charts (--entities N, an assessment's rapor), each --expect
  SELECTOR=N, the CSP meta element, each --expect-text in the page text;
* the English switch: after clicking it, the English texts show and the
  Indonesian ones are hidden;
* a screenshot (OUTDIR/report.png) that is not blank (many distinct pixel
  values) and a PDF (OUTDIR/report.pdf, print to PDF) with pages.

Exit status 0 when every check passes, 1 with the failures listed.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--remote-debugging-pipe",
]


class Browser:
    def __init__(self, exe, profile_dir, timeout):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [exe] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile_dir, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=fds)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.monotonic() + timeout

    def _read_message(self):
        while b"\0" not in self.buf:
            if time.monotonic() > self.deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method):
        for i, m in enumerate(self.events):
            if m.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read_message()
            if m.get("method") == method:
                return m
            self.events.append(m)

    def close(self):
        try:
            os.write(self.to_chrome, json.dumps({"id": 0, "method": "Browser.close"}).encode()
                     + b"\0")
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def png_distinct_values(png):
    """Distinct byte values of the decompressed image data (filters aside):
    a blank page gives a handful, a drawn one many."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(png):
        n = int.from_bytes(png[pos:pos + 4], "big")
        kind = png[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + n]
        pos += 12 + n
    return len(set(zlib.decompress(idat)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("outdir")
    ap.add_argument("--entities", type=int, default=None,
                    help="an assessment's rapor: the entities it must show")
    ap.add_argument("--expect", action="append", default=[],
                    help="SELECTOR=N: the page must hold N elements matching SELECTOR")
    ap.add_argument("--expect-text", action="append", default=[])
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()

    failures = []
    os.makedirs(args.outdir, exist_ok=True)
    url = "file://" + os.path.abspath(args.report)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=args.outdir)
    b = Browser(args.chromium, profile, args.timeout)
    try:
        target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = b.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            b.call(domain + ".enable", session=s)
        b.call("Page.navigate", {"url": url}, session=s)
        b.wait_event("Page.loadEventFired")

        def js(expr):
            r = b.call("Runtime.evaluate", {"expression": expr, "returnByValue": True},
                       session=s)
            if "exceptionDetails" in r:
                raise RuntimeError("evaluate %s: %s" % (expr, r["exceptionDetails"]))
            return r["result"].get("value")

        counts = js("[document.querySelectorAll('tr.entity-row').length,"
                    " document.querySelectorAll('section.entity').length,"
                    " document.querySelectorAll('svg.chart').length,"
                    " document.querySelectorAll('tr.band-row').length,"
                    " !!document.querySelector(\"meta[http-equiv='Content-Security-Policy']\"),"
                    " document.querySelectorAll('script, iframe, object, embed, img').length]")
        rows, sections, charts, bands, csp, active = counts
        print("rows=%d sections=%d charts=%d band_rows=%d csp=%s active_elements=%d"
              % (rows, sections, charts, bands, csp, active))
        if args.entities is not None:
            if rows != args.entities:
                failures.append("national table: %d rows, expected %d" % (rows, args.entities))
            if sections != args.entities:
                failures.append("entity sections: %d, expected %d" % (sections, args.entities))
            if charts != args.entities:
                failures.append("charts: %d, expected %d" % (charts, args.entities))
            if bands < 1:
                failures.append("no category counts")
        for e in args.expect:
            sel, n = e.rsplit("=", 1)
            got = js("document.querySelectorAll(%s).length" % json.dumps(sel))
            print("%s: %d" % (sel, got))
            if got != int(n):
                failures.append("%s: %d elements, expected %s" % (sel, got, n))
        if not csp:
            failures.append("no Content-Security-Policy meta element")
        if active:
            failures.append("%d script/iframe/object/embed/img elements in the page" % active)
        text = js("document.body.innerText")
        for t in args.expect_text:
            if t not in text:
                failures.append("the page does not show %r" % t)

        # the language switch, by CSS alone
        before = js("getComputedStyle(document.querySelector('h1 .en')).display")
        js("document.querySelector(\"label[for='lang-en']\").click()")
        after_en = js("getComputedStyle(document.querySelector('h1 .en')).display")
        after_id = js("getComputedStyle(document.querySelector('h1 .id')).display")
        print("english: before=%s after=%s indonesian after=%s" % (before, after_en, after_id))
        if not (before == "none" and after_en != "none" and after_id == "none"):
            failures.append("the English switch does not work (%s, %s, %s)"
                            % (before, after_en, after_id))
        js("document.querySelector(\"label[for='lang-id']\").click()")

        shot = base64.b64decode(b.call("Page.captureScreenshot", {"format": "png"},
                                       session=s)["data"])
        with open(os.path.join(args.outdir, "report.png"), "wb") as f:
            f.write(shot)
        distinct = png_distinct_values(shot)
        print("screenshot: %d bytes, %d distinct values" % (len(shot), distinct))
        if distinct < 16:
            failures.append("the screenshot looks blank (%d distinct values)" % distinct)

        pdf = base64.b64decode(b.call("Page.printToPDF", {"printBackground": True},
                                      session=s)["data"])
        with open(os.path.join(args.outdir, "report.pdf"), "wb") as f:
            f.write(pdf)
        pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page\r") + \
            pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page ")
        print("pdf: %d bytes, about %d page objects" % (len(pdf), pages))
        if not pdf.startswith(b"%PDF-") or len(pdf) < 2000:
            failures.append("no usable PDF (%d bytes)" % len(pdf))

        # everything the page did while loading and being used
        b.call("Runtime.evaluate", {"expression": "1"}, session=s)  # drain events
        for m in b.events:
            meth, p = m.get("method"), m.get("params", {})
            if meth == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                failures.append("console error: %s" % json.dumps(p.get("args"))[:300])
            elif meth == "Runtime.exceptionThrown":
                failures.append("exception: %s" % json.dumps(p)[:300])
            elif meth == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                failures.append("log error: %s" % p["entry"].get("text", "")[:300])
            elif meth == "Network.requestWillBeSent":
                u = p.get("request", {}).get("url", "")
                if not (u == url or u.startswith("data:")):
                    failures.append("network request: %s" % u[:200])
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
