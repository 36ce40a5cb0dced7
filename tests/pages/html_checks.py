"""Small structural checks of rendered HTML, so accessibility rules are tested, not assumed."""

from html.parser import HTMLParser


class PageStructure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict] = []
        self.label_targets: set[str] = set()
        self.inline_scripts = 0
        self.style_attributes = 0
        self.links: list[str] = []
        self.fieldset_depth = 0
        self.legends_in_fieldsets = 0
        self.checkboxes_outside_fieldset = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.style_attributes += 1
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "script" and not attrs.get("src"):
            self.inline_scripts += 1
        elif tag == "style":
            self.style_attributes += 1
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag == "fieldset":
            self.fieldset_depth += 1
        elif tag == "legend" and self.fieldset_depth:
            self.legends_in_fieldsets += 1
        elif tag in {"input", "textarea", "select"}:
            if attrs.get("type") in {"hidden", "submit"}:
                return
            self.controls.append(attrs)
            if attrs.get("type") == "checkbox" and not self.fieldset_depth:
                self.checkboxes_outside_fieldset += 1

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.fieldset_depth -= 1


def structure(html: str) -> PageStructure:
    parser = PageStructure()
    parser.feed(html)
    return parser


def heading_problems(levels: list[int]) -> list[str]:
    problems = []
    if levels.count(1) != 1 or levels[:1] != [1]:
        problems.append(f"expected one h1 first, got {levels}")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"h{before} followed by h{after}")
    return problems


class FormValues(HTMLParser):
    """The values a browser would submit from the page's forms (enough for admin change forms)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif attrs.get("type") not in {"submit", "button", "file"}:
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:
                self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(html: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(html)
    return parser.values
