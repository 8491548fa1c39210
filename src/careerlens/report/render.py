"""The page shell: a self-contained HTML page around a page's blocks, with the Vega libraries inlined.

Pages make no network request: Vega, Vega-Lite and vega-embed come from
vl-convert-python and are written into each page. The shell is the template
``templates/page.html``; what goes into it is escaped here.
"""

from __future__ import annotations

import functools
import string
from importlib import resources

from careerlens.report.blocks import Chart, Download, Html, Table, e, render_download, render_table, script_json
from careerlens.report.pages import MENU

EMBED_OPTIONS = {"actions": {"export": True, "source": False, "compiled": False, "editor": False},
                 "renderer": "svg"}


@functools.cache
def _page_template() -> string.Template:
    text = resources.files("careerlens.report").joinpath("templates", "page.html").read_text(encoding="utf-8")
    return string.Template(text.split("\n", 1)[1])      # the first line is a comment about the template


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


def render_page(*, file_name: str, title: str, programme: str, blocks, notice: str | None = None,
                bundle: str, generated: str) -> str:
    """The full HTML of one page."""
    nav = "".join(f'<a href="{name}"{" class=current" if name == file_name else ""}>{e(label)}</a>'
                  for name, label in MENU)
    body, specs = [], []
    for block in blocks:
        if isinstance(block, Html):
            body.append(block.markup)
        elif isinstance(block, Table):
            body.append(render_table(block))
        elif isinstance(block, Download):
            body.append(render_download(block))
        elif isinstance(block, Chart):
            spec_id = f"spec-{block.key}"
            specs.append(f'<script type="application/json" id="{spec_id}">{script_json(block.spec)}</script>')
            csv = f' <a href="{e(block.csv_name)}" download>Data (CSV)</a>.' if block.csv_name else ""
            body.append(f'<figure><div class="chart" id="chart-{block.key}" data-spec="{spec_id}"></div>'
                        f"<figcaption>{block.caption}{csv}</figcaption></figure>")
    return _page_template().substitute(
        title=e(title), programme=e(programme), nav=nav,
        notice=f'<div class="notice" role="note">{notice}</div>' if notice else "",
        body="".join(body), generated=e(generated), embed_options=script_json(EMBED_OPTIONS),
        specs="".join(specs), bundle=bundle)
