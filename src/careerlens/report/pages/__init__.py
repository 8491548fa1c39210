"""The report's pages, one module each: its file name, its title and the blocks it shows.

A page module has ``FILE``, ``TITLE`` and ``blocks(d, synthetic)``, which turns
the collected :class:`~careerlens.report.collect.ReportData` into blocks
(:mod:`careerlens.report.blocks`) and places the page's figures from
:data:`careerlens.report.catalogue.FIGURES`; ``synthetic`` is the chart subtitle
warning that postings are synthetic demonstration data (None when none are).
A figure the page does not place is shown at the end of it.
"""

from __future__ import annotations

from careerlens.report.blocks import Chart
from careerlens.report import catalogue
from careerlens.report.pages import claims, curriculum, demand, method, overview, premium, salaries
from careerlens.report.text import demo_notice

#: The pages, in menu order.
PAGES = (overview, demand, salaries, premium, curriculum, claims, method)

#: (file name, menu label) of every page, in menu order.
MENU = tuple((page.FILE, page.TITLE) for page in PAGES)


def page_blocks(page, d, synthetic) -> list:
    """The page's blocks, then the figures of the page its builder did not place."""
    blocks = [block for block in page.blocks(d, synthetic) if block is not None]
    placed = {block.key for block in blocks if isinstance(block, Chart)}
    unplaced = (catalogue.figure_block(d, f.key, synthetic) for f in catalogue.FIGURES
                if f.page == page.FILE and f.key not in placed)
    return blocks + [block for block in unplaced if block is not None]


def assemble(d):
    """The pages as (file name, title, blocks, notice), in menu order."""
    notice, synthetic = demo_notice(d)
    return [(page.FILE, page.TITLE, page_blocks(page, d, synthetic), notice) for page in PAGES]
