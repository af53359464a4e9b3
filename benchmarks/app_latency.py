"""Intake-app latency in real Chromium vs. a bare Voila notebook (issue 3, "Speed").

Serves the intake app with ``plut serve`` on a fresh demo database and, beside
it, the bare notebook ``benchmarks/bare_app/bare.ipynb`` (one text field, one
button that updates a label) with the very server command ``plut serve`` runs
(same Voila server class, options and environment; see ``latency_servers.py``).
Headless Chromium (Playwright) then measures, interleaving the apps so all see
the same machine load:

(a) **load** — from navigation (``performance.timeOrigin``) until the page is
    usable. Bare notebook: its text field and button are visible. Intake app:
    the enterprise-name field is enabled and the save button visible. Two ways:

    - *same server, development mode* (``PLUT_AUTH=off`` for both): the app
      opens on the staff picker, so three figures are recorded: navigation →
      picker visible; picker changed → form usable; and their sum, i.e.
      navigation → usable form as if the pick took no time.
    - *signed in* (the app's server with ``PLUT_AUTH=on``, a demo account signed
      in once per browser context): the server's ``prelaunch_hook`` puts the
      staff id into the notebook, so the first execution builds the form; no
      picker. The bare notebook cannot be opened with sign-in on (it is no staff
      app), so it is compared with the bare figure of development mode: the app
      pays for sign-in checks the bare page does not, which can only make the
      ratio worse.

    Target for both: ≤ 1.5 × the bare notebook.
(b) **save** — from the ``click`` event on the save button until the
    confirmation (case number and the receipt with this enterprise's name) is in
    the page, vs. the bare notebook's click until its label shows the new text
    (target ≤ 2×), both in development mode. Every save registers a new
    enterprise with a unique name, NIK and phone, so no duplicate list
    interrupts it. Measured at demo scale and at ``--large`` enterprises (each
    compared with bare clicks measured in the same block). ``--large-db PATH``
    uses an existing database instead of generating one (e.g. one ``plut demo
    --enterprises 1000000`` filled earlier): it is copied with SQLite's backup
    API from a read-only connection, so the file itself is never written, and
    the copy is migrated to the newest schema.

Timestamps are taken inside the page (``performance.now()`` from a
MutationObserver), so Playwright's own overhead is not counted. Absolute times
drift on shared machines; the ratios within one run are the figures that count.

    python benchmarks/app_latency.py [--reps 10] [--demo 5000]
        [--large 1000000 | --large-db PATH | --skip-large]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from latency_servers import (
    BARE_DIR,
    build_demo,
    copy_database,
    demo_account,
    plut_serve,
    sign_in,
    voila_on,
)
from sqlalchemy import Engine, select
from sqlmodel import Session, col

from plut_nb.models import Person, Staff

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


def load_signed_in(ctx: Any, base: str) -> float:
    """Navigation → usable form with sign-in on (no picker), in ms."""
    page = ctx.new_page()
    try:
        page.goto(f"{base}/voila/render/pendaftaran.ipynb", wait_until="commit")
        return wait_mark(page, "form")
    finally:
        page.close()


def measure_loads(
    ctxs: tuple[Any, Any], bases: dict[str, str], label: str, reps: int
) -> dict[str, list[float]]:
    """Navigation → usable: bare, app (picker) and app (signed in), in rotating order.

    Args:
        ctxs: The browser context for development mode, and one signed in to
            ``bases["signed"]``.
        bases: Base URLs of the ``bare``, ``app`` (development mode) and ``signed`` servers.
        label: The staff picker's option to choose.
        reps: Loads of each, after one warm-up of each.
    """
    dev, signed = ctxs
    out: dict[str, list[float]] = {
        "bare": [], "picker": [], "pick_to_form": [], "form_raw": [], "signed": []
    }  # fmt: skip

    def load(which: str) -> None:
        if which == "bare":
            out["bare"].append(load_bare(dev, bases["bare"]))
        elif which == "signed":
            out["signed"].append(load_signed_in(signed, bases["signed"]))
        else:
            page, picker, pick_to_form, form = open_intake(dev, bases["app"], label)
            page.close()
            out["picker"].append(picker)
            out["pick_to_form"].append(pick_to_form)
            out["form_raw"].append(form)

    load_bare(dev, bases["bare"])  # warm-ups, not counted
    open_intake(dev, bases["app"], label)[0].close()
    load_signed_in(signed, bases["signed"])
    kinds = ["app", "bare", "signed"]
    for i in range(reps):
        for which in kinds[i % 3 :] + kinds[: i % 3]:
            load(which)
        print(
            f"  load {i + 1}: bare {out['bare'][-1]:5.0f} ms  app picker {out['picker'][-1]:5.0f}"
            f" + form {out['pick_to_form'][-1]:4.0f} ms  signed in {out['signed'][-1]:5.0f} ms",
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
    print("  development mode (same server and settings as the bare notebook):")
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
    print("  signed in (sign-in on for the app only):")
    print(f"  intake app: form usable                           {med(loads['signed']):7.0f} ms")
    print(f"  ratio signed-in form / bare: {verdict(med(loads['signed']) / bare, 1.5)}")


def report_saves(scale: str, saves: dict[str, list[float]]) -> None:
    shown, bare = med(saves["shown"]), med(saves["bare"])
    print(f"\n(b) click -> confirmation at {scale} (median of {len(saves['bare'])} each)")
    print(f"  bare notebook: click -> label updated          {bare:7.1f} ms")
    print(f"  intake app: save -> case number shown          {shown:7.1f} ms"
          f"  (min {min(saves['shown']):.0f}, max {max(saves['shown']):.0f})")  # fmt: skip
    print(f"  intake app: save -> form emptied (after it)    {med(saves['cleared']):7.1f} ms")
    print(f"  ratio case number shown / bare: {verdict(shown / bare, 2.0)}")
    print(f"  ratio form emptied / bare:      {med(saves['cleared']) / bare:.2f}x (for reference)")


def new_context(browser: Any) -> Any:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(MARKS_JS)
    ctx.set_default_timeout(120_000)
    return ctx


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--reps", type=int, default=10, help="repetitions per measurement")
    ap.add_argument("--demo", type=int, default=5000, help="enterprises in the demo database")
    ap.add_argument("--large", type=int, default=1_000_000, help="enterprises, large database")
    ap.add_argument(
        "--large-db", type=Path, help="use (a copy of) this SQLite database as the large one"
    )
    ap.add_argument("--skip-large", action="store_true", help="only the demo-scale database")
    args = ap.parse_args()
    print("load average at start (1, 5, 15 min):", *os.getloadavg(), flush=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="plut-latency-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"demo database ({args.demo:,} enterprises):", flush=True)
        demo = build_demo(tmp / "demo", args.demo)
        username, password, _ = demo_account(demo)
        with (
            voila_on(BARE_DIR, tmp / "demo", tmp / "bare.log") as bare_base,
            plut_serve(tmp / "demo", tmp / "demo.log", auth="off") as demo_base,
            plut_serve(tmp / "demo", tmp / "signed.log", auth="on") as signed_base,
            sync_playwright() as pw,
        ):
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ctx, signed = new_context(browser), new_context(browser)
            sign_in(signed, signed_base, username, password)
            bases = {"bare": bare_base, "app": demo_base, "signed": signed_base}
            loads = measure_loads((ctx, signed), bases, staff_label(demo), args.reps)
            signed.close()
            saves = {"demo": measure_saves(ctx, demo_base, bare_base, demo, args.reps, "demo")}
            if not args.skip_large:
                if args.large_db:
                    print(f"large database (copy of {args.large_db}):", flush=True)
                    large, args.large = copy_database(args.large_db, tmp / "large")
                else:
                    print(f"large database ({args.large:,} enterprises):", flush=True)
                    large = build_demo(tmp / "large", args.large)
                with plut_serve(tmp / "large", tmp / "large.log", auth="off") as base:
                    saves["large"] = measure_saves(ctx, base, bare_base, large, args.reps, "large")
                large.dispose()
            browser.close()
        demo.dispose()
    report_loads(loads)
    for scale, figures in saves.items():
        n = args.demo if scale == "demo" else args.large
        report_saves(f"{n:,} enterprises", figures)
    print("\nload average at end (1, 5, 15 min):", *os.getloadavg())


if __name__ == "__main__":
    main()
