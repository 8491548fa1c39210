"""Glassdoor data-jobs exports (the 2020 scrapes republished on Kaggle and GitHub)."""

from __future__ import annotations

from careerlens.normalise import load_postings
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe

GLASSDOOR_COLUMNS = ("Job Title", "Salary Estimate", "Job Description", "Company Name", "Location",
                     "Industry", "Sector")


def _detect(probe: FileProbe) -> bool:
    return probe.has(*GLASSDOOR_COLUMNS)


def _load(ctx):
    ctx.probe.require(GLASSDOOR_COLUMNS, "glassdoor")
    return load_postings(ctx, "sources/glassdoor")


FORMATS = [
    SourceFormat(
        name="glassdoor",
        kind="postings",
        summary="Glassdoor data-jobs export: DataAnalyst.csv (2020), glassdoor_jobs.csv, Uncleaned_DS_jobs.csv",
        detect=_detect,
        load=_load,
        examples=("DataAnalyst.csv", "glassdoor_jobs.csv", "Uncleaned_DS_jobs.csv"),
    )
]
