"""BLS Occupational Employment and Wage Statistics (OEWS): wages by occupation, area and industry.

Two layouts are read into ``stored_oews_wages`` (public view ``oews_wages``),
one row per (release, area, industry, occupation):

* the **time-series** flat files (``oe.data.0.Current`` with its dimension files
  ``oe.area``, ``oe.industry``, ``oe.occupation``, ``oe.datatype`` and
  ``oe.footnote`` beside it): one data line per series, pivoted here. A file's
  rows are its data lines, so a stored row accounts for up to nine of them;
* the **"all data" spreadsheets** (``all_data_M_2025.xlsx``, ``national_M2025_dl.xlsx``
  or either saved as CSV): one row per estimate, already wide.

``release`` is stored as BLS names it, ``'May 2025'`` (OEWS estimates are for a
May reference period; the time-series files write it as year 2025, period
A01), so both layouts of the same release meet on one key and the second one
loaded counts as duplicates. Codes follow the time-series layout: 7-digit
area codes (``'0000000'`` national, ``'0600000'`` California), industry codes
as BLS writes them there (``'000000'`` cross-industry, ``'51--52'`` sector 51,
``'518200'``), SOC codes with their dash (``'15-2051'``, ``'15-0000'``,
``'00-0000'`` all occupations).

A measure BLS does not publish as a number is NULL, and ``flags`` says why:
``'annual_p90:top_coded'`` (at or above $239,200 a year or $115 an hour in
2025), ``'hourly_mean:not_available:annual_only'`` (only annual wages are
published for the occupation), ``'employment:not_available:not_released'``,
``'annual_mean:not_in_file'`` (no line for it) or ``'annual_mean:rejected'``
(a value that was not understood; see ``rejects``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from careerlens.errors import CareerlensError, InputError
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe, plain_or_gzipped, probe_file
from careerlens.sources.readers import read_sheet

SERIES_COLUMNS = ("series_id", "year", "period", "value", "footnote_codes")

SHEET_COLUMNS = ("AREA", "AREA_TITLE", "AREA_TYPE", "NAICS", "NAICS_TITLE", "OCC_CODE", "OCC_TITLE", "TOT_EMP",
                 "H_MEAN", "A_MEAN", "H_MEDIAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")


@dataclass(frozen=True)
class Dimension:
    """A time-series dimension file, whose code and name columns give the data file's codes their names."""

    name: str
    code_column: str
    name_column: str

    @property
    def file_name(self) -> str:
        return f"oe.{self.name}"

    def find(self, folder: Path) -> Path | None:
        """The dimension file in ``folder``, plain or gzipped, or None."""
        return plain_or_gzipped(folder / self.file_name)


DIMENSIONS = (
    Dimension("area", "area_code", "area_name"),
    Dimension("industry", "industry_code", "industry_name"),
    Dimension("occupation", "occupation_code", "occupation_name"),
    Dimension("datatype", "datatype_code", "datatype_name"),
    Dimension("footnote", "footnote_code", "footnote_text"),
)


def _is_series_file(probe: FileProbe) -> bool:
    return probe.name.startswith("oe.data.") and probe.has(*SERIES_COLUMNS)


def _is_dimension_file(probe: FileProbe) -> bool:
    # Every other file of BLS's oe/ folder (oe.area, oe.series, oe.txt...) only describes the data files.
    return probe.name.startswith("oe.") and not probe.name.startswith("oe.data.")


def _stage_dimension(ctx, dimension: Dimension, path: Path) -> None:
    """Add one dimension file's (code, name) pairs to ``oews_names``, naming that file if it is broken."""
    probe = probe_file(path)
    if not probe.has(dimension.code_column, dimension.name_column):
        raise InputError(
            f"expected the BLS dimension file {dimension.file_name} with columns {dimension.code_column} and "
            f"{dimension.name_column}; found {', '.join(probe.columns) or 'no header'}", file=path)
    # Rename the two columns read so that one query serves all five files; the others keep their names.
    renamed = {dimension.code_column: "code", dimension.name_column: "name"}
    ctx.stage_companion(probe, "sources/oews_dimension", {"dimension": dimension.name},
                        rename=lambda columns: {renamed.get(name, f"unused_{i}"): kind
                                                for i, (name, kind) in enumerate(columns.items())})


def _finish(ctx):
    """Insert what the staging query left in ``staged_oews`` and count every row of the file."""
    ctx.run("sources/oews_insert")
    return ctx.counts("sources/oews_counts")


def _load_series(ctx):
    ctx.probe.require(SERIES_COLUMNS, "oews_series")
    folder = ctx.path.parent
    found = {d: d.find(folder) for d in DIMENSIONS}
    missing = [d.file_name for d, path in found.items() if path is None]
    if missing:
        raise InputError(
            f"the OEWS data file needs the BLS dimension file{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} in the same folder ({folder}) to name its areas, industries, occupations, "
            "datatypes and footnotes; download them from the same BLS oe/ directory", file=ctx.path)
    ctx.run("sources/oews_setup")
    for dimension, path in found.items():
        _stage_dimension(ctx, dimension, path)
    wrong = ctx.db.query("sources/oews_datatype_mismatches")
    if len(wrong):
        first = wrong.iloc[0]
        raise InputError(
            f"datatype {first.datatype} is {first.found!r} here, careerlens expects {first.expected!r}: "
            "BLS may have renumbered its datatypes, and careerlens would store the wrong measure",
            file=found[DIMENSIONS[3]])
    ctx.run("sources/oews_series")
    counts = _finish(ctx)
    counts.notes = f"names from {', '.join(p.name for p in found.values())}"
    return counts


_RELEASE_IN_NAME = re.compile(r"(?:^|_)m_?(\d{4})(?:_|\.|$)")


def release_from(name: str, override: str | None = None) -> str:
    """The OEWS release a spreadsheet holds, as ``'May 2025'``.

    Parameters
    ----------
    name : str
        The file name: ``all_data_M_2025.xlsx``, ``national_M2025_dl.xlsx`` and
        ``state_M2025_dl.csv`` all hold the May 2025 release.
    override : str, optional
        The release named by the user (``'May 2025'``, ``'2025'`` or ``'2025A01'``),
        for files renamed so that their name no longer tells.
    """
    if override:
        match = re.fullmatch(r"\s*(?:may\s+)?(\d{4})(?:a01)?\s*", str(override), re.IGNORECASE)
        if not match:
            raise InputError(f"release {override!r} is not an OEWS release such as 'May 2025' or '2025'")
        return f"May {match.group(1)}"
    match = _RELEASE_IN_NAME.search(name.lower())
    if not match:
        raise InputError(
            "cannot tell the OEWS release from the file name (BLS names them like all_data_M_2025.xlsx or "
            "national_M2025_dl.xlsx); rename the file or name the release (option release='May 2025')",
            file=name)
    return f"May {match.group(1)}"


def _load_sheet(ctx):
    ctx.probe.require(SHEET_COLUMNS, "oews_all_data")
    release = release_from(ctx.file_name, ctx.options.get("release"))
    ctx.run("sources/oews_setup")
    if ctx.probe.suffix in (".xlsx", ".xls"):
        with ctx.db.registered("oews_sheet_arrow", read_sheet(ctx.path)):
            ctx.run("sources/oews_sheet_xlsx")
    else:
        ctx.run("sources/oews_sheet_csv")
    ctx.run("sources/oews_sheet", release=release)
    counts = _finish(ctx)
    counts.notes = f"release {release}"
    return counts


#: The columns of a careerlens OEWS extract (``oews_wages`` as Parquet, e.g. the bundled default).
EXTRACT_COLUMNS = ("release", "area_type", "area_code", "area_name", "industry_code", "industry_name", "soc_code",
                   "occupation", "employment", "annual_mean", "annual_p10", "annual_p25", "annual_median",
                   "annual_p75", "annual_p90", "hourly_mean", "hourly_median", "flags")


def _load_extract(ctx):
    ctx.run("sources/oews_setup")
    ctx.run("sources/oews_extract")
    counts = _finish(ctx)
    counts.notes = "careerlens OEWS extract"
    return counts


def _skip(ctx):
    raise CareerlensError(f"{ctx.path}: a BLS OEWS dimension file is read with the oe.data file beside it, "
                          "not loaded alone")


FORMATS = [
    SourceFormat(
        name="oews_series",
        kind="oews",
        summary="BLS OEWS time-series data file oe.data.0.Current, named through the oe.* dimension files beside it",
        detect=_is_series_file,
        load=_load_series,
        examples=("oe.data.0.Current",),
    ),
    SourceFormat(
        name="oews_dimension",
        kind="companion",
        summary="BLS OEWS dimension file (oe.area, oe.industry, oe.occupation, oe.datatype, oe.footnote): "
                "read when the oe.data file beside it is ingested, never loaded alone",
        detect=_is_dimension_file,
        load=_skip,
        examples=("oe.area", "oe.industry", "oe.occupation", "oe.datatype", "oe.footnote"),
    ),
    SourceFormat(
        name="oews_all_data",
        kind="oews",
        summary="BLS OEWS 'all data' or per-level spreadsheet (all_data_M_2025.xlsx, national_M2025_dl.xlsx), "
                "xlsx or CSV; the release is read from the file name",
        detect=lambda probe: probe.has(*SHEET_COLUMNS),
        load=_load_sheet,
        examples=("all_data_M_2025.xlsx", "national_M2025_dl.xlsx"),
    ),
    SourceFormat(
        name="oews_extract",
        kind="oews",
        summary="careerlens OEWS extract: oews_wages rows as Parquet (the bundled default is one)",
        detect=lambda probe: probe.suffix == ".parquet" and probe.has(*EXTRACT_COLUMNS),
        load=_load_extract,
        examples=("oews_may2025_curriculum.parquet",),
    ),
]
