"""What a report page is made of: blocks of careerlens HTML, charts and tables, with every data string escaped.

A page is a list of blocks (:class:`Html`, :class:`Chart`, :class:`Table`).
Text from data goes through :func:`html.escape` in HTML and through
:func:`script_json` in embedded JSON, so that a posting whose title is
``</script><script>alert(1)</script>`` shows as that text and runs nothing.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field

import pandas as pd


def script_json(value) -> str:
    """JSON safe to put inside ``<script>``: ``<``, ``>``, ``&`` and line separators escaped.

    ``</script>`` in a posting title becomes ``\\u003c/script\\u003e``, which JSON.parse
    reads back as the same text but the HTML parser never sees as a closing tag.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


e = html.escape


@dataclass
class Html:
    """A piece of HTML written by careerlens (never data: escape data with :func:`e` first)."""

    markup: str


@dataclass
class Chart:
    """A chart with its caption; ``frame`` is written beside the page as ``csv_name``."""

    key: str
    spec: dict
    caption: str                      # HTML written by careerlens; data inside it already escaped
    frame: pd.DataFrame | None = None
    csv_name: str | None = None


@dataclass
class Download:
    """A table written beside the page as ``stem.csv`` (and ``stem.xlsx`` when openpyxl is installed), shown as links.

    ``files`` is filled by :func:`careerlens.report.write.write_report` with the names it wrote.
    """

    stem: str
    frame: pd.DataFrame
    label: str
    files: list = field(default_factory=list)


def render_download(block: Download) -> str:
    links = ", ".join(f'<a href="{e(name)}" download>{e(name.rsplit(".", 1)[-1].upper())}</a>' for name in block.files)
    return f'<p class="downloads">{e(block.label)}: {links}.</p>' if links else ""


@dataclass
class Table:
    """A table of a DataFrame; every cell escaped. ``formats`` maps column -> format string."""

    frame: pd.DataFrame
    caption: str = ""
    formats: dict = field(default_factory=dict)
    max_rows: int = 200
    headers: dict = field(default_factory=dict)   # column -> header text


def format_cell(value, fmt: str | None) -> tuple[str, str]:
    """A cell's escaped text and CSS class."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "", ""
    if isinstance(value, pd.Timestamp):
        return e(value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")), ""
    if fmt == "suppressed":
        return "suppressed", "suppressed"
    if fmt and isinstance(value, (int, float)):
        # Python's format has no currency sign: "$,.0f" is "$" + format(",.0f").
        return e(("$" + format(value, fmt[1:])) if fmt.startswith("$") else format(value, fmt)), "num"
    if isinstance(value, (int, float)):
        return e(f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"), "num"
    return e(str(value)), ""


def render_table(table: Table) -> str:
    frame = table.frame.head(table.max_rows)
    head = "".join(f"<th>{e(table.headers.get(c, str(c)))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, record):
            text, css = format_cell(value.item() if hasattr(value, "item") else value, table.formats.get(column))
            cells.append(f'<td class="{css}">{text}</td>' if css else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f"<p>{len(table.frame) - table.max_rows} more rows in the CSV.</p>"
            if len(table.frame) > table.max_rows else "")
    caption = f"<figcaption>{table.caption}</figcaption>" if table.caption else ""
    return f"<figure><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{caption}{more}</figure>"
