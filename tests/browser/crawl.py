"""Every page each demo role reaches from the start page, as a person sees it: Swedish locale,
a phone (390 px) and a wide screen (1280 px). The layout test and `make screenshots` share it.

The crawl follows same-site links found on each page (GET only: every transition shows a
confirmation page on GET, so following links changes nothing). Downloads (PDF, CSV, Excel,
calendar files), the Django admin and logging out are left out. Pages with the same shape of
address (numbers and ids replaced) are visited a few times, not once per row of a long list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

WIDTHS = {"telefon": 390, "bred": 1280}
HEIGHT = 844
# The demo users of `make run` (seed_demo_units, seed_demo_cases) and the administrator.
DEMO_ROLES = {
    "anonym": None,
    "familjeombud": "demo.familjeombud",
    "chef": "demo.chef",
    "medarbetare": "demo.medarbetare",
    "strateg": "demo.strateg",
    "kliniker": "demo.kliniker",
    "administrator": "admin",
}
SKIPPED_SUFFIXES = (".pdf", ".csv", ".xlsx", ".ics", ".ico", ".svg", ".png")
SKIPPED_PREFIXES = ("/admin/", "/logga-ut/", "/static/", "/media/", "/halsa/")
PER_SHAPE = 2
MAX_PAGES = 120
WCAG_22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_NUMBER = r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:e-?\d+)?"
SINGLE = re.compile(rf"^\s*{_NUMBER}(?:px|%)?\s*$")
LIST = re.compile(rf"^\s*{_NUMBER}(?:[\s,]+{_NUMBER})*\s*$")
POINTS = re.compile(rf"^\s*(?:{_NUMBER},{_NUMBER}(?:\s+|$))+$")
# Attributes of SVG elements that carry numbers, and how each one is written.
SVG_NUMBER_ATTRIBUTES = {
    **dict.fromkeys(
        ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "width"]
        + ["height", "stroke-width", "font-size", "opacity", "fill-opacity", "stroke-opacity"],
        SINGLE,
    ),
    "viewBox": LIST,
    "stroke-dasharray": LIST,
    "points": POINTS,
}

_SVG_ATTRIBUTES_JS = """names => {
  const out = [];
  for (const el of document.querySelectorAll('svg, svg *')) {
    for (const name of names) {
      const value = el.getAttribute(name);
      if (value !== null) out.push([el.tagName.toLowerCase(), name, value]);
    }
  }
  return out;
}"""

_OVERFLOW_JS = """() => {
  const doc = document.documentElement;
  const wide = [];
  if (doc.scrollWidth > doc.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > doc.clientWidth + 1 && box.width > 0) {
        // A box inside a scroll container is clipped by it, unless it is positioned and the
        // container is not its containing block (then it widens the page all the same).
        const up = e =>
          getComputedStyle(e).position === 'absolute' ? e.offsetParent : e.parentElement;
        let scroller = up(el), clipped = false;
        while (scroller && scroller !== document.body) {
          const style = getComputedStyle(scroller);
          if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) {
            clipped = true; break;
          }
          scroller = up(scroller);
        }
        const cls = typeof el.className === 'string' ? el.className.trim() : '';
        if (!clipped) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
          (cls ? '.' + cls.split(/\\s+/).join('.') : '') + ' (' + Math.round(box.right) + ' px)');
      }
    }
  }
  return {scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 6)};
}"""

_LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"


def bad_svg_numbers(page) -> list[str]:
    """Every number attribute in the page's SVG that is not a plain number ("48,0" is not)."""
    found = page.evaluate(_SVG_ATTRIBUTES_JS, list(SVG_NUMBER_ATTRIBUTES))
    return [
        f"<{tag} {name}={value!r}>"
        for tag, name, value in found
        if not SVG_NUMBER_ATTRIBUTES[name].match(value)
    ]


def sideways_overflow(page) -> str:
    """Empty when the document does not scroll sideways, else the widths and the culprits."""
    result = page.evaluate(_OVERFLOW_JS)
    if result["scroll"] <= result["client"]:
        return ""
    return f"dokumentet är {result['scroll']} px brett i {result['client']} px: " + ", ".join(
        result["wide"]
    )


def shape(path: str) -> str:
    """The address with its ids replaced: /beredskap/verksamheter/3/2025/ -> .../N/N/."""
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "U", path)
    return re.sub(r"/\d+(?=[/.]|$)", "/N", path)


def followable(base: str, href: str) -> str | None:
    """The same-site path (with its query) a crawl may visit, or None."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    target = urlsplit(urljoin(base, href))
    if target.netloc != urlsplit(base).netloc:
        return None
    path = target.path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return path + (f"?{target.query}" if target.query else "")


@dataclass
class Crawl:
    """The pages visited in order, and the problems seen on each (per width)."""

    role: str
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        return f"{self.role}: {len(self.problems)} problem\n" + "\n".join(self.problems)


def crawl(context, role: str, *, check=None, screenshots: Path | None = None) -> Crawl:
    """Visits every page reachable from / in this browser context (already signed in as the
    role), at each width. ``check(page, url)`` returns a list of problems for one page."""
    result = Crawl(role)
    page = context.new_page()
    queue, seen, shapes = ["/"], {"/"}, Counter()
    while queue and len(result.pages) < MAX_PAGES:
        url = queue.pop(0)
        response = page.goto(url)
        status = response.status if response else 0
        if status >= 400 or not (response.headers.get("content-type", "")).startswith("text/html"):
            if status >= 500 or (status == 404 and url != "/"):
                result.problems.append(f"{url}: svar {status}")
            continue
        result.pages.append(url)
        for width_name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": HEIGHT})
            # Two frames drawn after the resize: the layout at the new width, no fixed wait.
            page.evaluate(
                "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
            )
            overflow = sideways_overflow(page)
            if overflow:
                result.problems.append(f"{url} @ {width} px: {overflow}")
            for bad in bad_svg_numbers(page):
                result.problems.append(f"{url}: SVG-attribut som inte är ett tal: {bad}")
            if check is not None:
                result.problems += [f"{url} @ {width} px: {p}" for p in check(page, url)]
            if screenshots is not None:
                name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "start"
                folder = screenshots / width_name / role
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"{len(result.pages):03d}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
        for href in page.evaluate(_LINKS_JS):
            target = followable(page.url, href)
            if target is None or target in seen:
                continue
            seen.add(target)
            key = shape(urlsplit(target).path)
            if shapes[key] >= PER_SHAPE:
                continue
            shapes[key] += 1
            queue.append(target)
    page.close()
    return result
