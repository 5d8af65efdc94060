"""Neutralising user text on its way out: terminals, Markdown, CSV, HTML.

Titles, quotes and names come from files anyone can write. The data keeps
them exactly as written; these functions make *output* harmless, each for
one destination:

=====================  =====================================================
:func:`terminal`       control characters, escape sequences (CSI, OSC 8/52)
                       and bidirectional overrides are shown as visible
                       ``\\x1b``-style escapes instead of being sent raw
:func:`one_line`       :func:`terminal`, and line breaks become ``⏎``: for
                       table cells and chart labels
:func:`markdown`       :func:`one_line`, and Markdown's own characters are
                       backslash-escaped (``|``, ``*``, ``_``, ``[``, ``<``...)
:func:`csv_cell`       a cell starting with ``=``, ``+``, ``-``, ``@``, tab or
                       carriage return gets a leading ``'`` so that spreadsheets
                       show it instead of running it as a formula (OWASP)
:func:`html`           ``&``, ``<``, ``>``, ``"`` and ``'`` become entities, and
                       control characters are dropped
:func:`json_escaped`   JSON text whose strings hold such characters (and the
                       BOM, U+2028/U+2029) as ``\\uXXXX`` escapes, which every
                       JSON reader turns back into the same characters
=====================  =====================================================

Each is pure (``str`` in, ``str`` out) and leaves ordinary text unchanged:
``terminal("Operation Safe City") == "Operation Safe City"``.

One function goes the other way, for text quoted from a web page:
:func:`display_text` decodes the HTML character references a source's text
was copied with (``ICE&apos;s`` is shown as ``ICE's``). The data keeps the
references; only what people read is decoded, *before* it is made safe for
its destination (so a decoded ``<`` is still escaped for HTML, and a decoded
control character still shown as an escape).
"""

from __future__ import annotations

import html as _html
import re
from typing import Final

__all__ = [
    "csv_cell",
    "display_text",
    "html",
    "json_escaped",
    "markdown",
    "one_line",
    "terminal",
]

# C0 controls but tab and newline, DEL, C1 controls (U+0080–U+009F, which include
# the 8-bit CSI U+009B and OSC U+009D), bidirectional overrides and isolates
# (the "Trojan Source" characters), lone surrogates, which cannot be encoded, and the
# noncharacters U+FFFE and U+FFFF, which XML forbids.
_UNSAFE: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_UNSAFE_OR_BREAK: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
# What JSON text may hold raw but a terminal or an editor would act on or hide: the
# JSON encoder already escapes C0 controls; DEL, C1, bidirectional controls, the line
# and paragraph separators (line ends to JavaScript), the BOM and lone surrogates.
_JSON_UNSAFE: Final = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_MARKDOWN: Final = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_FORMULA_START: Final = frozenset("=+-@\t\r")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n" or char in "\u2028\u2029":
        return "⏎"
    if char == "\t":
        return " "
    if char == "\r":
        return ""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    r"""*text* with every control character shown as a visible escape.

    Tabs and line breaks are kept; everything a terminal would act on —
    ``ESC`` (so no CSI or OSC sequence survives), the other C0 and C1
    controls, bidirectional overrides, lone surrogates — is written as
    ``\x1b``, ``\u202e``... so the reader sees that it was there.

    >>> terminal("Safe City\x1b[2J")
    'Safe City\\x1b[2J'
    """
    if text.isprintable():
        return text
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    r"""*text* for one line of output: :func:`terminal`, with line breaks as ``⏎``.

    >>> one_line("two\nlines")
    'two⏎lines'
    """
    if text.isprintable():
        return text
    return _UNSAFE_OR_BREAK.sub(_visible, text)


def markdown(text: str) -> str:
    r"""*text* as literal inline Markdown, safe in a table cell.

    >>> markdown("a | b *c*")
    'a \\| b \\*c\\*'
    """
    return _MARKDOWN.sub(r"\\\1", one_line(text))


def csv_cell(text: str) -> str:
    """*text* for a CSV cell that no spreadsheet runs as a formula.

    >>> csv_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> csv_cell("-12")
    "'-12"
    """
    if text and text[0] in _FORMULA_START:
        return "'" + text
    return text


def html(text: str) -> str:
    """*text* escaped for HTML content and attribute values.

    >>> html('<a href="x">')
    '&lt;a href=&quot;x&quot;&gt;'
    """
    if not text.isprintable():
        text = _UNSAFE.sub("", text)
    return _html.escape(text, quote=True)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_escaped(text: str) -> str:
    """JSON ``text`` with the characters a terminal or an editor acts on written as escapes.

    Only for text that is already JSON (``json.dumps(..., ensure_ascii=False)``):
    outside its strings JSON holds none of these characters, and inside them
    ``\\uXXXX`` reads back as the same character.
    """
    if text.isascii() and "\x7f" not in text:  # the common case, and cheap to see
        return text
    return _JSON_UNSAFE.sub(_json_escape, text)


# A character reference with its semicolon: named (``&apos;``), decimal (``&#39;``) or
# hexadecimal (``&#x27;``). Bounded repetitions and no nesting: it scans in linear time.
_REFERENCE: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decoded(match: re.Match[str]) -> str:
    return _html.unescape(match.group())


def display_text(text: str, *, html_escaped: bool | None = None) -> str:
    """*text* as people should read it: HTML character references decoded, for display only.

    ``html_escaped`` says whether the text was copied from HTML with its
    escapes (a source known to be so):

    * ``True``: every reference is decoded as HTML does (:func:`html.unescape`,
      which also reads the few legacy names written without ``;``, such as ``&amp``);
    * ``False``: the text is returned unchanged;
    * ``None`` (not known), the rule of detection: each complete reference, with
      its ``;`` — named (``&apos;``, ``&quot;``, ``&amp;``, ``&nbsp;``...),
      decimal (``&#39;``) or hexadecimal (``&#x27;``) — that HTML decodes to
      something else is decoded; every other ``&`` stays as written (``AT&T``,
      ``R&D``, ``&copyright``, ``&nosuchname;``).

    Detection has false positives: a quotation that really holds the characters
    ``&amp;`` (a text about HTML) is shown as ``&``. Decoding is done once, so
    ``&amp;quot;`` reads ``&quot;``. The result is plain text: make it safe for
    where it goes (:func:`html`, :func:`terminal`...) *after* decoding.

    >>> print(display_text("ICE&apos;s &quot;routine&quot; week"))
    ICE's "routine" week
    >>> display_text("AT&T &amp R&D")
    'AT&T &amp R&D'
    >>> display_text("ICE&apos;s", html_escaped=False)
    'ICE&apos;s'
    """
    if html_escaped is False or "&" not in text:
        return text
    if html_escaped:
        return _html.unescape(text)
    return _REFERENCE.sub(_decoded, text)
