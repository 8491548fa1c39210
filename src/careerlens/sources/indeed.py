"""Indeed postings in the K-Reavis EthicalTechJobListings layout (2020 scrape of "ethical technology" searches)."""

from __future__ import annotations

from careerlens.normalise import load_postings
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe

INDEED_COLUMNS = ("Title", "Company", "Location", "Text", "Date_Queried", "URL")


def _detect(probe: FileProbe) -> bool:
    return probe.has(*INDEED_COLUMNS)


def _load(ctx):
    ctx.probe.require(INDEED_COLUMNS, "indeed_ethical_tech")
    return load_postings(ctx, "sources/indeed")


FORMATS = [
    SourceFormat(
        name="indeed_ethical_tech",
        kind="postings",
        summary="Indeed scrape, EthicalTechJobListings layout (postings.csv, 2020): Title, Company, Location, Text, "
                "Date_Queried, URL",
        detect=_detect,
        load=_load,
        examples=("postings.csv",),
    )
]
