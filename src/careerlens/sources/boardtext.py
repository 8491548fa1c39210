"""Small pure functions that turn a job board's HTML into the plain text careerlens stores.

Composed by :func:`plain_description`: unescape entities until the text stops
changing (Greenhouse sends ``&lt;p&gt;`` and sometimes ``&amp;lt;p&amp;gt;``),
drop ``<script>`` and ``<style>`` elements with their content, turn block tags
into line breaks and list items into lines starting ``- ``, drop every other
tag, tidy the spaces, and take out e-mail addresses and telephone numbers
(a posting's contact details are not evidence of demand, and are personal data).
"""

from __future__ import annotations

import html
import re

_SCRIPT = re.compile(r"<\s*(script|style)\b[^>]*>.*?(<\s*/\s*\1\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_LIST_ITEM = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_LIST_ITEM_END = re.compile(r"<\s*/\s*li\s*>", re.IGNORECASE)
_BLOCK = re.compile(r"<\s*/?\s*(p|div|br|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|hr)\b[^>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w$€£.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,3}(?!\w|[.,]\d|%)")
EMAIL_MARK = "[e-mail removed]"
PHONE_MARK = "[phone removed]"


def unescape_until_stable(text: str, limit: int = 5) -> str:
    """Unescape HTML entities until nothing changes (``&amp;lt;b&amp;gt;`` -> ``<b>``).

    >>> unescape_until_stable("&amp;lt;p&amp;gt;Build models&amp;lt;/p&amp;gt;")
    '<p>Build models</p>'
    """
    for _ in range(limit):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def has_script(text: str) -> bool:
    """Whether the (unescaped) HTML holds a ``<script>`` element."""
    return re.search(r"<\s*script\b", text, re.IGNORECASE) is not None


def strip_tags(markup: str) -> str:
    """Plain text from HTML: scripts and styles dropped, block tags as line breaks, list items as ``- ``.

    >>> strip_tags("<p>We use <b>Python</b>.</p><ul><li>SQL</li><li>Statistics</li></ul>")
    'We use Python.\\n\\n- SQL\\n- Statistics'
    """
    text = _SCRIPT.sub("\n", markup)
    text = _LIST_ITEM_END.sub("", _LIST_ITEM.sub("\n- ", text))
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return tidy_spaces(html.unescape(text))


def tidy_spaces(text: str) -> str:
    """One space between words, no blank line runs, no spaces at line ends.

    >>> tidy_spaces("  Model \\u00a0 risk\\n\\n\\n\\n- SQL ")
    'Model risk\\n\\n- SQL'
    """
    lines = [re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    joined = "\n".join(lines)
    joined = re.sub(r"\n(- \n)+", "\n", joined)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


def _phone(match: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return PHONE_MARK if 9 <= digits <= 15 else match.group(0)


def strip_contacts(text: str) -> str:
    """Text without e-mail addresses and telephone numbers (9 to 15 digits); pay figures and years stay.

    >>> strip_contacts("Questions: jobs@example.org or +1 (555) 010-4477. Pay $120,000-$150,000, 2026-2027.")
    'Questions: [e-mail removed] or [phone removed]. Pay $120,000-$150,000, 2026-2027.'
    """
    return _PHONE.sub(_phone, _EMAIL.sub(EMAIL_MARK, text))


def plain_description(*parts: str | None, markup: bool = True) -> str | None:
    """The stored description: the parts (HTML when ``markup``) as plain text, blank lines between, contacts out."""
    texts = []
    for part in parts:
        if not part or not str(part).strip():
            continue
        text = str(part)
        texts.append(strip_tags(unescape_until_stable(text)) if markup else tidy_spaces(text))
    joined = "\n\n".join(t for t in texts if t)
    return strip_contacts(joined) or None
