"""Build the report: collect the data, then render and write the pages and their CSVs.

The pages are written to a temporary folder beside ``out`` and swapped in at
the end, so a run that fails leaves the previous report as it was.
"""

from __future__ import annotations

from pathlib import Path

from careerlens.report import figures
from careerlens.report import folder as report_folder
from careerlens.report.collect import collect
from careerlens.report.write import write_report


def build_report(db, *, curriculum=None, roles=None, industries=None, min_n=figures.DEFAULT_MIN_N,
                 out="reports", seed=0, warn=None, compare=None) -> Path:
    """Write the report's pages into ``out`` and return the path of its ``index.html``.

    Parameters
    ----------
    db : careerlens.db.Database
        The store, with postings labelled by ``careerlens classify``.
    curriculum : str, Path or Curriculum, optional
        The curriculum to align with; the bundled default when None. The labels used
        are the newest classifier's trained on this curriculum.
    roles, industries : sequence of str, optional
        Restrict every page to these canonical roles / NAICS sector codes. The
        curriculum page compares against ``roles``, or by default the roles a
        maths-for-ML graduate targets (:data:`figures.DEFAULT_TARGET_ROLES`).
    min_n : int
        Cells resting on fewer postings are suppressed.
    out : str or Path
        The report folder; replaced as a whole at the end of a successful run.
    seed : int
        Seed of the random evidence sentences shown per topic on the method page.
    compare : str, Path or Curriculum, optional
        A second curriculum to set beside ``curriculum`` on the same postings (the curriculum page shows both
        decision tables); its labels are its own model's, or ``curriculum``'s when its topics are the same.
    warn : callable, optional
        Called with each reason the labels are out of date (postings loaded after the last classify, a
        curriculum edited since its model was trained), which the Overview page also shows.
    """
    report_folder.recover(out)                    # a report a killed run left aside is back before anything can fail
    report_folder.entries_to_keep(Path(out))      # and a bad --out is refused before the queries, not after
    data = collect(db, curriculum=curriculum, roles=roles, industries=industries, min_n=min_n,
                   seed=seed, compare=compare)
    for warning in data.warnings if warn is not None else ():
        warn(warning)
    return write_report(data, out)
