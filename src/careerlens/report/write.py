"""Write the report: render each page and write it, with each chart's CSV, into a folder swapped in at the end."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from careerlens.report import folder as report_folder
from careerlens.report.blocks import Chart, Download
from careerlens.report.pages import assemble
from careerlens.report.render import javascript_bundle, render_page, vegalite_version


def write_report(data, out) -> Path:
    """Render ``data`` (a :class:`~careerlens.report.collect.ReportData`) into a temporary folder beside ``out``,
    then swap it in (see :mod:`careerlens.report.folder`); returns the path of ``index.html``."""
    out = report_folder.prepare(out)
    keep = report_folder.entries_to_keep(out)
    bundle = javascript_bundle(vegalite_version())
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with report_folder.staging(out) as staging:
        written = []
        for file_name, title, blocks, notice in assemble(data):
            for block in blocks:
                if isinstance(block, Chart) and block.frame is not None:
                    block.csv_name = report_folder.safe_file_name(f"{Path(file_name).stem}-{block.key}.csv", written)
                    report_folder.write_csv(block.frame, staging, block.csv_name)
                    written.append(block.csv_name)
                elif isinstance(block, Download):
                    block.files = report_folder.write_table(block.frame, staging, block.stem, written)
                    written.extend(block.files)
            page = render_page(file_name=file_name, title=title, programme=data.curriculum.name, blocks=blocks,
                               notice=notice, bundle=bundle, generated=generated)
            (staging / file_name).write_text(page, encoding="utf-8")
            written.append(file_name)
        report_folder.write_manifest(staging, written)
        for entry in keep:
            target = staging / entry.name
            if entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)
        report_folder.swap_in(staging, out)
    return out / "index.html"
