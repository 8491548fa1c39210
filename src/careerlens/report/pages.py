"""HTML assembly: self-contained pages with the Vega libraries inlined and every data string escaped.

A page is built from blocks (:class:`Chart`, :class:`Table`, :class:`Html`).
Text from data goes through :func:`html.escape` in HTML and through
:func:`script_json` in embedded JSON, so that a posting whose title is
``</script><script>alert(1)</script>`` shows as that text and runs nothing.
Pages make no network request: Vega, Vega-Lite and vega-embed come from
vl-convert-python and are written into each page.
"""

from __future__ import annotations

import functools
import html
import json
import math
from dataclasses import dataclass, field

import pandas as pd

#: The pages, in menu order: (file name, menu label).
PAGES = (
    ("index.html", "Overview"),
    ("demand.html", "Demand"),
    ("salaries.html", "Salary ranges"),
    ("premium.html", "Topic salary premium"),
    ("curriculum.html", "Curriculum alignment"),
    ("method.html", "Data and method"),
)

EMBED_OPTIONS = {"actions": {"export": True, "source": False, "compiled": False, "editor": False},
                 "renderer": "svg"}

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #1f3b57; color: white; padding: 0.8rem 1.5rem; }
header .programme { font-size: 0.85rem; opacity: 0.85; }
nav { background: #2c5077; padding: 0 1.5rem; }
nav a { color: #dce6f0; text-decoration: none; display: inline-block; padding: 0.55rem 0.8rem; font-size: 0.95rem; }
nav a.current { background: #fafafa; color: #1f3b57; font-weight: 600; }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
h1 { font-size: 1.5rem; margin: 0.6rem 0; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
p.lead { font-size: 1.02rem; max-width: 60rem; }
.notice { background: #fff4ce; border: 1px solid #e0c060; padding: 0.7rem 1rem; margin: 0.8rem 0; max-width: 60rem; }
.notice code, p code, li code { background: #f0f0f0; padding: 0 0.25rem; }
figure { background: white; border: 1px solid #e2e2e2; margin: 1rem 0; padding: 0.8rem; overflow-x: auto; }
figcaption { font-size: 0.88rem; color: #444; margin-top: 0.5rem; max-width: 60rem; }
.headline { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.8rem 0; }
.headline div { background: white; border: 1px solid #e2e2e2; padding: 0.6rem 0.9rem; min-width: 9rem; }
.headline b { display: block; font-size: 1.35rem; }
table { border-collapse: collapse; font-size: 0.85rem; background: white; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f3f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { color: #999; font-style: italic; }
dl dt { font-weight: 600; margin-top: 0.6rem; }
dl dd { margin-left: 1.2rem; max-width: 60rem; }
"""

RENDER_SCRIPT = """
(function () {
  var options = JSON.parse(document.getElementById('embed-options').textContent);
  window.careerlensViews = {};
  document.querySelectorAll('div[data-spec]').forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    vegaEmbed(el, spec, options).then(function (result) {
      window.careerlensViews[el.id] = result.view;
      el.setAttribute('data-rendered', 'true');
    }).catch(function (error) {
      el.setAttribute('data-rendered', 'error');
      console.error('chart ' + el.id + ' failed: ' + error);
    });
  });
})();
"""


def script_json(value) -> str:
    """JSON safe to put inside ``<script>``: ``<``, ``>``, ``&`` and line separators escaped.

    ``</script>`` in a posting title becomes ``\\u003c/script\\u003e``, which JSON.parse
    reads back as the same text but the HTML parser never sees as a closing tag.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@functools.cache
def javascript_bundle(vl_version: str) -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert-python), safe to inline."""
    import vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=vl_version)
    # The bundle has no closing script tag today; make sure a future one cannot end our <script> early.
    return bundle.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def vegalite_version() -> str:
    """The Vega-Lite major.minor the installed Altair writes (``'6.4'``), for the matching bundle."""
    import altair as alt

    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


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
class Table:
    """A table of a DataFrame; every cell escaped. ``formats`` maps column -> format string."""

    frame: pd.DataFrame
    caption: str = ""
    formats: dict = field(default_factory=dict)
    max_rows: int = 200
    headers: dict = field(default_factory=dict)   # column -> header text


def format_cell(value, fmt: str | None) -> tuple[str, str]:
    """A cell's escaped text and CSS class."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
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


def render_page(*, file_name: str, title: str, programme: str, blocks, notice: str | None = None,
                bundle: str, generated: str) -> str:
    """The full HTML of one page."""
    nav = "".join(f'<a href="{name}"{" class=current" if name == file_name else ""}>{e(label)}</a>'
                  for name, label in PAGES)
    body, specs = [], []
    for block in blocks:
        if isinstance(block, Html):
            body.append(block.markup)
        elif isinstance(block, Table):
            body.append(render_table(block))
        elif isinstance(block, Chart):
            spec_id = f"spec-{block.key}"
            specs.append(f'<script type="application/json" id="{spec_id}">{script_json(block.spec)}</script>')
            csv = f' <a href="{e(block.csv_name)}" download>Data (CSV)</a>.' if block.csv_name else ""
            body.append(f'<figure><div class="chart" id="chart-{block.key}" data-spec="{spec_id}"></div>'
                        f"<figcaption>{block.caption}{csv}</figcaption></figure>")
    notice_html = f'<div class="notice" role="note">{notice}</div>' if notice else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'">
<title>{e(title)} - careerlens report</title>
<style>{STYLE}</style>
</head>
<body>
<header><div class="programme">careerlens report for {e(programme)}</div></header>
<nav>{nav}</nav>
<main>
<h1>{e(title)}</h1>
{notice_html}
{''.join(body)}
<p style="font-size:0.8rem;color:#777">Generated {e(generated)} by careerlens. Charts: hover for n and source; the ... menu of each chart saves it as PNG or SVG.</p>
</main>
<script type="application/json" id="embed-options">{script_json(EMBED_OPTIONS)}</script>
{''.join(specs)}
<script>{bundle}</script>
<script>{RENDER_SCRIPT}</script>
</body>
</html>
"""
