"""Intake-app latency in real Chromium vs. a bare Voila notebook (issue 3, "Speed").

Serves the staff apps with ``plut serve`` on a fresh demo database and, beside
it, a plain Voila server on ``benchmarks/bare_app/`` (one text field, one button
that updates a label) with the same Voila options. Headless Chromium (Playwright)
then measures, interleaving the two apps so both see the same machine load:

(a) **load** — from navigation (``performance.timeOrigin``) until the page is
    usable. Bare notebook: its text field and button are visible. Intake app: it
    opens on the development-mode staff picker (no sign-in yet), so three figures
    are recorded: navigation → picker visible; picker changed → intake form usable
    (the enterprise-name field enabled and the save button visible); and their sum,
    i.e. navigation → usable form as if the pick took no time. The sum is compared
    with the bare notebook (target ≤ 1.5×). Voila cannot pass ``staff_id`` from
    the URL, so the picker step cannot be skipped; the sum is what a signed-in user
    would wait for, plus one extra websocket round trip.
(b) **save** — from the ``click`` event on the save button until the
    confirmation (case number and the receipt with this enterprise's name) is in
    the page, vs. the bare notebook's click until its label shows the new text
    (target ≤ 2×). Every save registers a new enterprise with a unique name, NIK
    and phone, so no duplicate list interrupts it. Measured at demo scale and at
    ``--large`` enterprises (each compared with bare clicks measured in the same
    block).

Timestamps are taken inside the page (``performance.now()`` from a
MutationObserver), so Playwright's own overhead is not counted. Absolute times
drift on shared machines; the ratios within one run are the figures that count.

    python benchmarks/app_latency.py [--reps 10] [--demo 5000] [--large 1000000 | --skip-large]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.db import make_engine, upgrade
from plut_nb.demo import generate_demo
from plut_nb.models import Person, Staff
from plut_nb.services import sync_reference_data

ROOT = Path(__file__).resolve().parents[1]
BARE_DIR = ROOT / "benchmarks" / "bare_app"
CHROMIUM = os.environ.get("PLUT_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VILLAGE = ("Kota Medan", "Medan Kota", "Pasar Baru")  # 12.71.01.1001, in PLUT-SUMUT's province
VILLAGE_PATH = "Pasar Baru, Medan Kota, Kota Medan, Sumatera Utara"

# Records when each readiness condition first holds (ms since navigation start).
MARKS_JS = r"""
(() => {
  const marks = {};
  window.__marks = marks;
  const shown = (el) => !!el && !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const q = (s) => document.querySelector(s);
  const checks = {
    bare: () => shown(q('.bare-text input')) && shown(q('.bare-button')),
    picker: () => shown(q('.plut-app select')),
    form: () => {
      const field = q('.plut-intake-enterprise_name input');
      return shown(field) && !field.disabled && shown(q('.plut-intake-save'));
    },
  };
  const check = () => {
    const now = performance.now();
    for (const [name, ok] of Object.entries(checks)) {
      if (!(name in marks)) { try { if (ok()) marks[name] = now; } catch (e) {} }
    }
  };
  // DOM changes, plus every frame: a stylesheet that finishes loading changes
  // visibility without any DOM mutation.
  new MutationObserver(check).observe(document,
    {subtree: true, childList: true, attributes: true, characterData: true});
  const frame = () => { check(); if (performance.now() < 300000) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  document.addEventListener('change', (ev) => {
    const el = ev.target;
    if (!('pick' in marks) && el.tagName === 'SELECT' && el.closest('.plut-app')) {
      marks.pick = performance.now();
    }
  }, true);
})();
"""

# Arms a one-shot timer: click on `button` → `done` shows `expected` (and `must` exists);
# with `cleared`, also when that input is empty again (the intake form after a save).
CLICK_JS = r"""
([button, done, expected, must, cleared]) => {
  window.__lat = null;
  window.__cleared = null;
  let t0 = null;
  document.querySelector(button).addEventListener('click', () => { t0 = performance.now(); },
    {capture: true, once: true});
  const ok = () => {
    const el = document.querySelector(done);
    return el && el.textContent.includes(expected) && (!must || el.querySelector(must));
  };
  const check = () => {
    if (t0 === null) return false;
    const now = performance.now();
    if (window.__lat === null && ok()) window.__lat = now - t0;
    if (cleared && window.__cleared === null && document.querySelector(cleared).value === '') {
      window.__cleared = now - t0;
    }
    return window.__lat !== null && (!cleared || window.__cleared !== null);
  };
  const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
  obs.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
  // An input's value changes without a DOM mutation: look every frame as well.
  const frame = () => { if (!check()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo(data: Path, enterprises: int) -> Engine:
    """A migrated ``data/plut.db`` filled by the demo generator."""
    data.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{data / 'plut.db'}")
    upgrade(engine)
    with Session(engine) as s:
        sync_reference_data(s)
        s.commit()
    t0 = time.perf_counter()
    generate_demo(engine, enterprises=enterprises, seed=11, progress=enterprises > 50_000)
    print(f"  {enterprises:,} demo enterprises in {time.perf_counter() - t0:,.0f} s", flush=True)
    # Close every connection, as `plut demo` does when it exits: the last one folds the
    # write-ahead log into the database, so the server does not start with a huge WAL.
    engine.dispose()
    return engine


@contextlib.contextmanager
def server(cmd: list[str], env: dict[str, str], url: str, log: Path) -> Iterator[None]:
    """Run a server in its own process group (Voila and its kernels stop with it)."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=2):
                        break
                except OSError as exc:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(
                            f"server did not start: {' '.join(cmd)}\n{log.read_text()}"
                        ) from exc
                    time.sleep(0.5)
            yield
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def plut_serve(data: Path, port: int, log: Path) -> contextlib.AbstractContextManager[None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLUT_")}
    env["PLUT_DATA_DIR"] = str(data)
    cmd = [sys.executable, "-m", "plut_nb.cli", "serve", "--no-browser", "--port", str(port)]
    return server(cmd, env, f"http://127.0.0.1:{port}/", log)


def bare_voila(port: int, log: Path) -> contextlib.AbstractContextManager[None]:
    # The options plut_nb.serve.voila_command gives Voila, on the bare folder.
    cmd = [
        sys.executable, "-m", "voila", str(BARE_DIR), f"--port={port}", "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.show_tracebacks=False", f"--Voila.root_dir={BARE_DIR}", "--no-browser",
    ]  # fmt: skip
    return server(cmd, dict(os.environ), f"http://127.0.0.1:{port}/", log)


def staff_label(engine: Engine) -> str:
    """The picker label of a front-office staff member of centre 1 (PLUT-SUMUT)."""
    with Session(engine) as s:
        staff = s.execute(select(Staff).order_by(col(Staff.id))).scalars().all()
    first = next(x for x in staff if "front_office" in x.roles and x.centre_id == 1)
    return f"{first.name} — front_office"


class Identities:
    """Unique NIKs (Medan Kota) and phone numbers that no person in the database has."""

    def __init__(self, engine: Engine, seed: int) -> None:
        self.rng = random.Random(seed)
        self.engine = engine
        self.used: set[str] = set()

    def name(self) -> str:
        """A made-up two-word name unlike any other (so no duplicate list interrupts)."""
        syllables = ("ka", "mi", "to", "ru", "se", "la", "po", "ne", "di", "wu", "ba", "go")
        words = ["".join(self.rng.choice(syllables) for _ in range(4)) for _ in range(2)]
        return " ".join(w.capitalize() for w in words)

    def take(self) -> tuple[str, str]:
        while True:
            nik = f"1271013112{self.rng.randint(70, 99):02d}{self.rng.randint(1000, 9999):04d}"
            phone = f"0819{self.rng.randint(10_000_000, 99_999_999)}"
            if nik in self.used or phone in self.used:
                continue
            with Session(self.engine) as s:
                hit = s.execute(
                    select(col(Person.id)).where(
                        (col(Person.nik) == nik) | (col(Person.phone) == "+62" + phone[1:])
                    )
                ).first()
            if hit is None:
                self.used |= {nik, phone}
                return nik, phone


def wait_mark(page: Any, name: str) -> float:
    page.wait_for_function(f"() => window.__marks && window.__marks.{name} !== undefined")
    return float(page.evaluate(f"window.__marks.{name}"))


def load_bare(ctx: Any, base: str) -> float:
    page = ctx.new_page()
    try:
        page.goto(f"{base}/voila/render/bare.ipynb", wait_until="commit")
        return wait_mark(page, "bare")
    finally:
        page.close()


def open_intake(ctx: Any, base: str, label: str) -> tuple[Any, float, float, float]:
    """Open the intake app and pick ``label``: (page, picker, pick→form, form) in ms."""
    page = ctx.new_page()
    page.goto(f"{base}/voila/render/pendaftaran.ipynb", wait_until="commit")
    picker = wait_mark(page, "picker")
    select = page.locator(".plut-app select").first
    option = select.locator("option", has_text=label).first
    select.select_option(value=option.get_attribute("value"))
    form = wait_mark(page, "form")
    pick = float(page.evaluate("window.__marks.pick"))
    return page, picker, form - pick, form


def fill_intake(page: Any, name: str, nik: str, phone: str) -> None:
    app = page.locator(".plut-intake")
    for field, value in (
        ("enterprise_name", name),
        ("kbli", "10710"),
        ("owner_name", "Sari Lubis"),
        ("nik", nik),
        ("phone", phone),
        ("capital", "Rp250.000.000"),
        ("sales", "1,2 miliar"),
        ("employees", "5"),
    ):
        app.locator(f".plut-intake-{field} input").fill(value)
    app.locator(".plut-intake-service_code select").select_option(label="Konsultasi bisnis")
    app.locator(".plut-intake-description textarea").fill("Ingin memperluas pemasaran")
    for level, region in zip(("regency", "district", "village"), VILLAGE, strict=True):
        app.locator(f".plut-intake-{level} select").select_option(label=region)
    facts = app.locator(".plut-intake-facts")
    facts.filter(has_text=VILLAGE_PATH).filter(has_text="31-12-").wait_for()
    time.sleep(0.3)  # let the kernel finish the live checks before the clock starts


def timed_click(
    page: Any, button: str, done: str, expected: str, must: str = "", cleared: str = ""
) -> tuple[float, float | None]:
    """Click ``button``; ms until ``done`` shows ``expected`` and until ``cleared`` is empty."""
    page.bring_to_front()  # a background tab runs its page scripts throttled
    page.evaluate(CLICK_JS, [button, done, expected, must, cleared])
    page.locator(button).click()
    finished = "window.__lat !== null && (%s)" % (
        "window.__cleared !== null" if cleared else "true"
    )
    page.wait_for_function(
        f"() => ({finished}) || !!document.querySelector('.plut-intake-new')", timeout=120_000
    )
    lat, clear = page.evaluate("[window.__lat, window.__cleared]")
    if lat is None:
        raise SystemExit("the intake app listed duplicates instead of saving; see its data")
    return float(lat), (None if clear is None else float(clear))


def save_app(page: Any, ids: Identities) -> tuple[float, float]:
    """One intake: (click → case number shown, click → form emptied) in ms."""
    nik, phone = ids.take()
    name = ids.name()
    page.bring_to_front()
    fill_intake(page, name, nik, phone)
    shown, cleared = timed_click(
        page,
        ".plut-intake-save",
        ".plut-intake-status",
        name,
        ".plut-case-number",
        ".plut-intake-enterprise_name input",
    )
    assert cleared is not None
    return shown, cleared


def click_bare(page: Any, tag: str) -> float:
    page.bring_to_front()
    page.locator(".bare-text input").fill(tag)
    time.sleep(0.1)
    return timed_click(page, ".bare-button", ".bare-label", f"Tersimpan: {tag}")[0]


def measure_saves(
    ctx: Any, app_base: str, bare_base: str, engine: Engine, reps: int, scale: str
) -> dict[str, list[float]]:
    """App save → case number shown / → form emptied, bare click → label; interleaved, in ms."""
    label = staff_label(engine)
    ids = Identities(engine, seed=1 if scale == "demo" else 2)
    app_page = open_intake(ctx, app_base, label)[0]
    bare_page = ctx.new_page()
    bare_page.goto(f"{bare_base}/voila/render/bare.ipynb", wait_until="commit")
    wait_mark(bare_page, "bare")
    run = f"{scale}-{time.time_ns() % 10**8}"
    save_app(app_page, ids)  # warm-up, not counted
    click_bare(bare_page, f"{run}-warm")
    out: dict[str, list[float]] = {"shown": [], "cleared": [], "bare": []}
    for i in range(reps):
        shown, cleared = save_app(app_page, ids)
        out["shown"].append(shown)
        out["cleared"].append(cleared)
        out["bare"].append(click_bare(bare_page, f"{run}-{i}"))
        print(
            f"  {scale} save {i + 1}: app {shown:5.0f} ms (form empty {cleared:5.0f} ms)"
            f"  bare {out['bare'][-1]:5.0f} ms",
            flush=True,
        )
    app_page.close()
    bare_page.close()
    return out


def measure_loads(
    ctx: Any, app_base: str, bare_base: str, engine: Engine, reps: int
) -> dict[str, list[float]]:
    """Navigation → usable, app and bare alternating which goes first, after a warm-up each."""
    label = staff_label(engine)
    out: dict[str, list[float]] = {"bare": [], "picker": [], "pick_to_form": [], "form_raw": []}
    load_bare(ctx, bare_base)
    open_intake(ctx, app_base, label)[0].close()
    for i in range(reps):
        order = ("app", "bare") if i % 2 == 0 else ("bare", "app")
        for which in order:
            if which == "bare":
                out["bare"].append(load_bare(ctx, bare_base))
            else:
                page, picker, pick_to_form, form = open_intake(ctx, app_base, label)
                page.close()
                out["picker"].append(picker)
                out["pick_to_form"].append(pick_to_form)
                out["form_raw"].append(form)
        print(
            f"  load {i + 1}: bare {out['bare'][-1]:5.0f} ms  app picker {out['picker'][-1]:5.0f}"
            f" + form {out['pick_to_form'][-1]:4.0f} ms",
            flush=True,
        )
    out["form"] = [p + f for p, f in zip(out["picker"], out["pick_to_form"], strict=True)]
    return out


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f}x (target <= {target}x: {'met' if ratio <= target else 'NOT met'})"


def report_loads(loads: dict[str, list[float]]) -> None:
    bare = med(loads["bare"])
    print("\n(a) navigation -> usable (median of", len(loads["bare"]), "loads each)")
    print(f"  bare notebook: text field + button visible        {bare:7.0f} ms")
    print(f"  intake app: staff picker visible                  {med(loads['picker']):7.0f} ms")
    print(
        f"  intake app: picker changed -> form usable         {med(loads['pick_to_form']):7.0f} ms"
    )
    print(f"  intake app: picker + form (pick taking no time)   {med(loads['form']):7.0f} ms")
    print(f"  intake app: form usable, incl. automated pick     {med(loads['form_raw']):7.0f} ms")
    print(f"  ratio picker+form / bare: {verdict(med(loads['form']) / bare, 1.5)}")
    print(
        f"  ratio picker only / bare: {med(loads['picker']) / bare:.2f}x (page shell, no form yet)"
    )


def report_saves(scale: str, saves: dict[str, list[float]]) -> None:
    shown, bare = med(saves["shown"]), med(saves["bare"])
    print(f"\n(b) click -> confirmation at {scale} (median of {len(saves['bare'])} each)")
    print(f"  bare notebook: click -> label updated          {bare:7.1f} ms")
    print(f"  intake app: save -> case number shown          {shown:7.1f} ms"
          f"  (min {min(saves['shown']):.0f}, max {max(saves['shown']):.0f})")  # fmt: skip
    print(f"  intake app: save -> form emptied (after it)    {med(saves['cleared']):7.1f} ms")
    print(f"  ratio case number shown / bare: {verdict(shown / bare, 2.0)}")
    print(f"  ratio form emptied / bare:      {med(saves['cleared']) / bare:.2f}x (for reference)")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reps", type=int, default=10, help="repetitions per measurement")
    ap.add_argument("--demo", type=int, default=5000, help="enterprises in the demo database")
    ap.add_argument("--large", type=int, default=1_000_000, help="enterprises, large database")
    ap.add_argument("--skip-large", action="store_true", help="only the demo-scale database")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="plut-latency-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"demo database ({args.demo:,} enterprises):", flush=True)
        demo = build_demo(tmp / "demo", args.demo)
        ports = {"demo": free_port(), "bare": free_port()}
        with (
            bare_voila(ports["bare"], tmp / "bare.log"),
            plut_serve(tmp / "demo", ports["demo"], tmp / "demo.log"),
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            ctx.add_init_script(MARKS_JS)
            ctx.set_default_timeout(120_000)
            bare_base = f"http://127.0.0.1:{ports['bare']}"
            demo_base = f"http://127.0.0.1:{ports['demo']}"
            loads = measure_loads(ctx, demo_base, bare_base, demo, args.reps)
            saves = {"demo": measure_saves(ctx, demo_base, bare_base, demo, args.reps, "demo")}
            if not args.skip_large:
                print(f"large database ({args.large:,} enterprises):", flush=True)
                large = build_demo(tmp / "large", args.large)
                port = free_port()
                with plut_serve(tmp / "large", port, tmp / "large.log"):
                    base = f"http://127.0.0.1:{port}"
                    saves["large"] = measure_saves(ctx, base, bare_base, large, args.reps, "large")
                large.dispose()
            browser.close()
        demo.dispose()
    report_loads(loads)
    for scale, figures in saves.items():
        n = args.demo if scale == "demo" else args.large
        report_saves(f"{n:,} enterprises", figures)


if __name__ == "__main__":
    main()
