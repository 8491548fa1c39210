"""LinkedIn postings: the 2023-24 Kaggle export (arshkon) with its companion files, and the 2018 California scrape.

The 2023-24 export is a folder: ``postings.csv`` at its root and companion
tables beside it (``jobs/``, ``mappings/``, ``companies/``) that give each job
its industries, its job functions (published as "skills") and its pay. The
postings loader joins the companions it finds under the postings file's folder
and says in the load notes which ones were missing. The companions themselves
are recognised by their headers so that ingesting the whole folder skips them
with a note instead of failing on an unknown format.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from careerlens.errors import CareerlensError, InputError
from careerlens.normalise import load_postings
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe, plain_or_gzipped, probe_file

POSTINGS_COLUMNS = ("job_id", "company_name", "title", "description", "max_salary", "med_salary", "min_salary",
                    "pay_period", "currency", "location", "company_id", "formatted_work_type",
                    "formatted_experience_level", "remote_allowed", "original_listed_time")

CALIFORNIA_COLUMNS = ("title", "company", "location", "industry", "description", "seniority",
                      "employment_type", "functions")


@dataclass(frozen=True)
class Companion:
    """A table of the 2023-24 export that only makes sense joined to postings.csv.

    Parameters
    ----------
    name : str
        Short name; the staging query that reads it is ``sources/linkedin_<name>``.
    relative : str
        Where it sits under the postings file's folder (``.gz`` is also looked for).
    key_columns : tuple of str
        The header columns that identify it.
    read_columns : tuple of str
        The columns its staging query reads (checked before loading).
    joined : bool
        Whether the postings loader uses it; the others are only recognised.
    """

    name: str
    relative: str
    key_columns: tuple[str, ...]
    read_columns: tuple[str, ...] = ()
    joined: bool = True

    def detect(self, probe: FileProbe) -> bool:
        # A postings file never has a title column; the pairs alone could occur in a generic export.
        return probe.has(*self.key_columns) and not probe.has("title")

    def find(self, root: Path) -> Path | None:
        """The companion file under ``root``, plain or gzipped, or None."""
        return plain_or_gzipped(root / self.relative)


COMPANIONS = (
    Companion("job_industries", "jobs/job_industries.csv", ("job_id", "industry_id")),
    Companion("industries", "mappings/industries.csv", ("industry_id", "industry_name")),
    Companion("job_skills", "jobs/job_skills.csv", ("job_id", "skill_abr")),
    Companion("skills", "mappings/skills.csv", ("skill_abr", "skill_name")),
    Companion("salaries", "jobs/salaries.csv", ("salary_id", "job_id"),
              ("salary_id", "job_id", "min_salary", "med_salary", "max_salary", "pay_period", "currency")),
    Companion("company_industries", "companies/company_industries.csv", ("company_id", "industry")),
    Companion("employee_counts", "companies/employee_counts.csv", ("company_id", "employee_count"), joined=False),
    Companion("company_specialities", "companies/company_specialities.csv", ("company_id", "speciality"),
              joined=False),
    Companion("companies", "companies/companies.csv", ("company_id", "name", "company_size"), joined=False),
    Companion("benefits", "jobs/benefits.csv", ("job_id", "inferred", "type"), joined=False),
)


def _stage_companion(ctx, companion: Companion, path: Path) -> None:
    """Read one companion file into its temp table, naming that file (not postings.csv) if it is broken."""
    probe = probe_file(path)
    if not (companion.detect(probe) and probe.has(*companion.read_columns)):
        raise InputError(
            f"expected a LinkedIn {companion.relative} with columns "
            f"{', '.join(companion.read_columns or companion.key_columns)}; found {', '.join(probe.columns)}",
            file=path)
    ctx.stage_companion(probe, f"sources/linkedin_{companion.name}")


def _load_postings(ctx):
    ctx.probe.require(POSTINGS_COLUMNS, "linkedin_postings")
    root = ctx.path.parent
    ctx.run("sources/linkedin_companions_empty")
    found, missing = [], []
    for companion in (c for c in COMPANIONS if c.joined):
        path = companion.find(root)
        if path is None:
            missing.append(companion.relative)
            continue
        _stage_companion(ctx, companion, path)
        found.append(path.relative_to(root).as_posix())
    counts = load_postings(ctx, "sources/linkedin_postings")
    notes = [f"joined {', '.join(found)}" if found else "no companion files found"]
    if missing:
        notes.append(f"not found, loaded without: {', '.join(missing)}")
    counts.notes = "; ".join(notes)
    return counts


def _load_california(ctx):
    ctx.probe.require(CALIFORNIA_COLUMNS, "linkedin_california_2018")
    return load_postings(ctx, "sources/linkedin_california")


def _skip(ctx):
    raise CareerlensError(f"{ctx.path}: a LinkedIn companion file is joined to postings.csv, not loaded alone")


def _companion_format(companion: Companion) -> SourceFormat:
    role = "joined when the export's postings.csv is ingested" if companion.joined else "not used"
    return SourceFormat(
        name=f"linkedin_{companion.name}",
        kind="companion",
        summary=f"LinkedIn 2023-24 companion {companion.relative}: {role}, never loaded on its own",
        detect=companion.detect,
        load=_skip,
        examples=(companion.relative,),
    )


FORMATS = [
    SourceFormat(
        name="linkedin_postings",
        kind="postings",
        summary="LinkedIn 2023-24 postings export (Kaggle arshkon postings.csv), joined to its companion files",
        detect=lambda probe: probe.has(*POSTINGS_COLUMNS),
        load=_load_postings,
        examples=("postings.csv",),
    ),
    SourceFormat(
        name="linkedin_california_2018",
        kind="postings",
        summary="LinkedIn 2018 California data-jobs scrape (linpingyu/JobListings): DataScientist.csv, DataAnalyst.csv",
        detect=lambda probe: probe.has(*CALIFORNIA_COLUMNS),
        load=_load_california,
        examples=("DataScientist.csv", "DataAnalyst.csv"),
    ),
    *(_companion_format(c) for c in COMPANIONS),
]
