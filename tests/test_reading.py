"""dtanalysis.reading: facts stated by hand about its patterns are checked here (issue 10).

The extractor skips a pattern when a cheap test proves it cannot match: a right
context is tried only when the next character is one that the pattern's words start
with (``words._*_FIRST``), a left-context cue is searched only over as many characters
as its longest match (``_Cue.width``). Those facts are literals in the code; these
tests compute them from the pattern sources with a small reader of the regex syntax
the patterns use (no private module of :mod:`re`), so a word added to a pattern
without its first letter or its length cannot be silently ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtanalysis.reading import patterns as P
from dtanalysis.reading import words as W

ROOT = Path(__file__).resolve().parent.parent


class _Shape:
    """First characters (None: any), nullability and greatest width (None: unbounded)
    of the strings a regex can match, read from its source."""

    _CLASSES = frozenset("dDwWsS")
    _ZERO = frozenset("bBAZ")
    _CONTROL = MappingProxyType({"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"})

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.p, self.i = pattern, 0
        self.first, self.nullable, self.width = self._alt(bool(flags & re.IGNORECASE))
        assert self.i == len(pattern), f"unparsed rest {pattern[self.i :]!r}"

    def _peek(self, k: int = 1) -> str:
        return self.p[self.i : self.i + k]

    def _alt(self, icase: bool):
        branches = [self._seq(icase)]
        while self._peek() == "|":
            self.i += 1
            branches.append(self._seq(icase))
        firsts = [b[0] for b in branches]
        first = None if None in firsts else set().union(*firsts)
        widths = [b[2] for b in branches]
        width = None if None in widths else max(widths)
        return first, any(b[1] for b in branches), width

    def _seq(self, icase: bool):
        first: set[str] | None = set()
        nullable, width = True, 0
        while self.i < len(self.p) and self._peek() not in "|)":
            f, n, w = self._quantified(icase)
            if nullable:
                first = None if (first is None or f is None) else first | f
            nullable = nullable and n
            width = None if (width is None or w is None) else width + w
        return first, nullable, width

    def _quantified(self, icase: bool):
        f, n, w = self._atom(icase)
        c = self._peek()
        if c in ("?", "*", "+"):
            self.i += 1
            n = n or c in "?*"
            w = w if c == "?" or w == 0 else None
        elif c == "{":
            j = self.p.index("}", self.i)
            lo, _, hi = self.p[self.i + 1 : j].partition(",")
            hi = hi if "," in self.p[self.i : j] else lo
            self.i = j + 1
            n = n or int(lo or 0) == 0
            w = None if (w is None or hi == "") else w * int(hi)
        else:
            return f, n, w
        if self._peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        return f, n, w

    def _atom(self, icase: bool):
        c = self._peek()
        self.i += 1
        if c in "^$":
            return set(), True, 0
        if c == ".":
            return None, False, 1
        if c == "[":
            return self._charset(icase), False, 1
        if c == "(":
            return self._group(icase)
        if c == "\\":
            e = self._peek()
            self.i += 1
            if e in self._ZERO:
                return set(), True, 0
            if e in self._CLASSES:
                return None, False, 1
            c = self._CONTROL.get(e, e)
        return self._cased({c}, icase), False, 1

    def _group(self, icase: bool):
        look = False
        for head in ("?<=", "?<!", "?=", "?!"):
            if self.p.startswith(head, self.i):
                self.i += len(head)
                look = True
                break
        else:
            if self.p.startswith("?:", self.i):
                self.i += 2
            elif self.p.startswith("?i:", self.i):
                self.i += 3
                icase = True
            elif self.p.startswith("?P<", self.i):
                self.i = self.p.index(">", self.i) + 1
        inner = self._alt(icase)
        assert self._peek() == ")", self.p[self.i :]
        self.i += 1
        return (set(), True, 0) if look else inner

    def _charset(self, icase: bool) -> set[str] | None:
        chars: set[str] = set()
        exact = self._peek() != "^"
        if not exact:
            self.i += 1
        start = True
        while start or self._peek() != "]":
            start = False
            c = self._peek()
            self.i += 1
            if c == "\\":
                c = self._peek()
                self.i += 1
                if c in self._CLASSES:
                    exact = False
                    continue
                c = self._CONTROL.get(c, c)
            if self._peek() == "-" and self.p[self.i + 1] != "]":
                hi = self.p[self.i + 1]
                self.i += 2
                chars.update(chr(x) for x in range(ord(c), ord(hi) + 1))
            else:
                chars.add(c)
        self.i += 1
        return self._cased(chars, icase) if exact else None

    @staticmethod
    def _cased(chars: set[str], icase: bool) -> set[str]:
        if not icase:
            return set(chars)
        return {v for c in chars for v in (c, c.lower(), c.upper())}


def test_shape_reader_on_known_patterns():
    # the reader itself, on patterns whose answers are known by hand
    assert _Shape(r"ab|cd").first == {"a", "c"}
    assert _Shape(r" ?(x|yz)(?!\w)").first == {" ", "x", "y"}
    assert _Shape(r"[a-c%]q").first == {"a", "b", "c", "%"}
    assert _Shape(r"(?:)?(?<!\w)k").first == {"k"}
    for unknown in (r"\w+", r"[^a]b", r".x", r"[\d]x"):
        assert _Shape(unknown).first is None, unknown
    assert _Shape(r"a?").nullable and not _Shape(r"ab?").nullable
    assert _Shape(r"(?i:ab)").first == {"a", "A"}
    assert _Shape(r"ab", re.IGNORECASE).first == {"a", "A"}
    sources = (r"abc", r"a|bcd", r"(?<!\w)(ab|c) $", r"x{1,4}", r"a*", r"a+b", r"[ ,]*$")
    assert [_Shape(p).width for p in sources] == [3, 3, 3, 4, None, None, None]
    assert _Shape(r"(?:, )?x{2}").width == 4
    assert _Shape(r"[\n.]|\t").first == {"\n", ".", "\t"}


def _after_space(rx: re.Pattern[str]) -> _Shape:
    """The shape of a right-context pattern after its leading space (" " or " ?")."""
    src = rx.pattern
    rest = src[2:] if src.startswith(" ?") else src[1:]
    assert src.startswith(" "), src
    return _Shape(rest, rx.flags)


def _case_closure(chars: set[str]) -> set[str]:
    """Every character up to U+2FFF that a case-insensitive match of one of ``chars``
    accepts (Unicode case folding can add some: "K" and the Kelvin sign)."""
    out = set(chars)
    for x in range(0x3000):
        ch = chr(x)
        if any(re.fullmatch(re.escape(c), ch, re.IGNORECASE) for c in chars):
            out.add(ch)
    return out


@pytest.mark.parametrize(
    "rx, stated",
    [
        (P._R_TIMEUNIT, W._TIMEUNIT_FIRST),
        (P._R_AGE, W._AGE_FIRST),
        (P._R_CLOCK, W._CLOCK_FIRST),
        (P._R_PERIOD, W._PERIOD_FIRST),
    ],
)
def test_stated_first_characters_of_the_right_context_words(rx, stated):
    shape = _after_space(rx)
    assert shape.first is not None and not shape.nullable, rx.pattern
    first = _case_closure(shape.first) if rx.flags & re.IGNORECASE else shape.first
    assert first == set(stated), (rx.pattern, sorted(first), sorted(stated))


def test_stated_first_characters_of_the_unit_words():
    first: set[str] = set()
    for rx in P._UNIT_REGEXES:
        assert rx.pattern.startswith(" ?") and not rx.flags & re.IGNORECASE, rx.pattern
        shape = _after_space(rx)
        assert shape.first is not None and not shape.nullable and " " not in shape.first, rx.pattern
        first |= shape.first
    assert first == set(W._UNIT_FIRST), (sorted(first), sorted(W._UNIT_FIRST))
    # and the union pattern is made of exactly these
    assert P._R_ANY_UNIT.pattern == "|".join(f"(?:{r.pattern})" for r in P._UNIT_REGEXES)


def _cues() -> dict[str, P._Cue]:
    return {name: obj for name, obj in vars(P).items() if isinstance(obj, P._Cue)}


def test_every_cue_is_checked():
    assert len(_cues()) == 18


@pytest.mark.parametrize("name", sorted(_cues()))
def test_stated_width_of_each_cue(name):
    cue = _cues()[name]
    assert _Shape(cue.rx.pattern, cue.rx.flags).width == cue.width, (name, cue.rx.pattern)


@pytest.mark.parametrize("name", sorted(_cues()))
def test_cue_search_from_its_width_finds_what_a_full_search_finds(name):
    # empirical companion of the width test: left contexts built from the cue's own
    # words, searched from the stated width and from the start, agree
    cue = _cues()[name]
    words = re.findall(r"[^\W\d_]+(?: [^\W\d_]+)*", cue.rx.pattern.replace("?<!", " "))
    lefts = []
    for w in words:
        for pre in ("", "x ", "và ", "tổng ", "(", "điểm "):
            for post in (" ", " số ", ": ", " số: ", ", "):
                lefts.append(pre + w + post)
    assert lefts
    for left in lefts:
        full = cue.rx.search(left)
        got = cue.find(left)
        assert (full and full.span()) == (got and got.span()), (name, left)


def test_no_private_regex_internals_anywhere():
    banned = [
        "re." + "_parser",
        "re." + "_constants",
        "sre" + "_parse",
        "sre" + "_compile",
        "sre" + "_constants",
        "import " + "_sre",
        "from re import " + "_",
    ]
    hits = []
    for folder in ("dtanalysis", "tests", "benchmarks", "notebooks"):
        for path in (ROOT / folder).rglob("*.py"):
            src = path.read_text(encoding="utf-8")
            hits += [f"{path.relative_to(ROOT)}: {b}" for b in banned if b in src]
    assert hits == []


def test_quantity_module_is_a_leaf():
    # reading.quantity imports only the standard library
    import ast

    tree = ast.parse((ROOT / "dtanalysis" / "reading" / "quantity.py").read_text(encoding="utf-8"))
    mods = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import in reading.quantity"
            mods.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            mods.update(a.name.split(".")[0] for a in node.names)
    import sys

    assert mods and all(m in sys.stdlib_module_names or m == "__future__" for m in mods), mods


def test_rules_are_small_named_functions_with_their_reading_rule():
    import ast
    from pathlib import Path

    from dtanalysis.reading import rules as RU

    tables = (RU.TOKEN_RULES, RU.SHAPE_RULES, RU.NUMBER_RULES)
    fns = [r.fn for table in tables for r in table]
    assert len({f.__name__ for f in fns}) == len(fns) == 43
    # the docstrings of the source (a compiled rules module keeps none, see _native.py)
    source = Path(__file__).resolve().parent.parent / "dtanalysis" / "reading" / "rules.py"
    docs = {node.name: ast.get_docstring(node) for node in ast.parse(source.read_text()).body
            if isinstance(node, ast.FunctionDef)}
    for f in fns:
        assert docs[f.__name__] and len(docs[f.__name__].split()) >= 8, f.__name__


def test_plans_select_rules_by_token_facts():
    # a plain integer with no cue word around it tries two rules before it is a figure
    # (a place name "ấp 3", a rate "128 thuê bao/100 dân");
    # "13/5" tries the shape rules of a slash; a phone cue adds the telephone rule
    from dtanalysis.reading import rules as RU

    def names(facts):
        return [[f.__name__ for f in table] for table in RU._plan(facts)]

    assert names(RU.PLAIN | RU.INT) == [[], [], ["place_name", "per_inhabitants"]]
    assert names(RU.SHAPED | RU.SLASH) == [
        ["day_month_year", "month_year", "not_a_number"],
        ["day_month_or_ratio"],
        [],
    ]
    phone = RU._cue_bit(RU._L_PHONE_CUE)
    assert names(RU.PLAIN | RU.INT | phone)[0] == ["telephone"]
    assert names(RU.GLUED)[0][0] == "glued_letters"
    # the facts of real tokens
    from dtanalysis.reading import extract_mentions

    RU._PLANS.clear()
    extract_mentions("Tỉnh có 45 xã, hotline 1900 1234, ngày 13/5.")
    assert RU.PLAIN | RU.INT in RU._PLANS and len(RU._PLANS) >= 3


# ------------------------------------------------------- the collector paused
def test_reading_runs_with_the_cyclic_collector_paused_and_restores_it(monkeypatch):
    """extract_mentions and the row builder run with gc disabled (their objects make
    no cycles; the collector's passes cost about 8%), re-enable it after, also when
    they raise, and leave a collector that was disabled before disabled. Counted with
    gc.callbacks, so it holds for the compiled modules too (see _native.py)."""
    import gc

    from dtanalysis import extract
    from dtanalysis.reading import scan

    text = "Tỉnh có 1.245 trạm, đạt 56,83% hồ sơ trực tuyến. " * 400
    passes: list[int] = []

    def on_gc(phase, info):
        if phase == "start":
            passes.append(info["generation"])

    def passes_during(call) -> int:
        gc.collect()  # the allocation count starts at zero
        before = len(passes)
        call()
        return len(passes) - before

    gc.callbacks.append(on_gc)
    try:
        unpaused = passes_during(lambda: scan.extract_mentions.__wrapped__(text))
        reading = passes_during(lambda: scan.extract_mentions(text))
        rows = passes_during(lambda: extract._rows(text, "d", None, None))
        # the tables too: a pass right after the reading would traverse all its rows
        tables = passes_during(lambda: (extract.extract_figures(text, "d"),
                                        extract.mentions_frame(text, "d")))
        unpaused_tables = passes_during(lambda: extract._frame(
            extract._rows(text, "d", None, None)[0] * 3, extract.FIGURE_COLUMNS))
    finally:
        gc.callbacks.remove(on_gc)
    assert unpaused > 0 and unpaused_tables > 0  # the same work, not paused, lets it run
    assert reading == 0 and rows == 0 and tables == 0 and gc.isenabled()

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "_rows", boom)  # raises inside the paused extract_figures
    with pytest.raises(RuntimeError):
        extract.extract_figures("Tỉnh có 12 trạm.", "d")
    assert gc.isenabled()
    gc.disable()
    try:
        scan.extract_mentions("có 12 trạm")
        assert not gc.isenabled()
    finally:
        gc.enable()


# ------------------------------------------------- the comma convention, fast
@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789,.,.,. a٣\n", max_size=30))
def test_the_comma_conventions_found_from_their_keys_are_those_of_a_full_search(text):
    # rules._comma_convention looks for each convention's pattern only from its key
    # (a literal the regex engine skips to): the same answer as a search of the text
    from dtanalysis.reading import patterns as pat
    from dtanalysis.reading.rules import _holds_convention

    for pattern, key in ((pat._R_EN_GROUPED, pat._R_EN_GROUPED_KEY),
                         (pat._R_VI_GROUPED, pat._R_VI_GROUPED_KEY),
                         (pat._R_VI_DECIMAL, pat._R_VI_DECIMAL_KEY)):
        assert _holds_convention(text, pattern, key) == (pattern.search(text) is not None)
