"""The aijobs.net (formerly ai-jobs.net) salary survey, and the Kaggle extracts of it.

These are individual salary records, not postings: one row per survey answer,
with the publisher's own conversion to USD. They go into ``salary_records``.
Identical rows are kept, because the survey has no row id and identical
answers are common (39,304 of the 74,301 rows of the 2025-01-19 snapshot);
their number is reported as ``identical_records``.
"""

from __future__ import annotations

from careerlens.normalise import load_salary_records
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe

SURVEY_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
                  "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size")


def _detect(probe: FileProbe) -> bool:
    return probe.has(*SURVEY_COLUMNS)


def _load(ctx):
    ctx.probe.require(SURVEY_COLUMNS, "aijobs")
    ignored = [c for c in ctx.probe.columns if c.lower() not in SURVEY_COLUMNS]
    counts = load_salary_records(ctx, "sources/aijobs")
    if ignored:
        # Kaggle's ds_salaries.csv starts with a row index named 'index', 'n', '' or 'Unnamed: 0'.
        counts.notes = "ignored column(s) " + ", ".join(repr(c) for c in ignored)
    return counts


FORMATS = [
    SourceFormat(
        name="aijobs",
        kind="salary_records",
        summary="aijobs.net salary survey (salaries.csv) and its Kaggle extracts (ds_salaries.csv, 2022 and 2023)",
        detect=_detect,
        load=_load,
        examples=("salaries.csv", "ds_salaries.csv"),
    )
]
