"""O*NET reference tables: occupations, their titles, technology skills and knowledge areas.

O*NET publishes its database as tab-separated text and as Excel, one file per
table, with a ``Read Me.txt`` naming the release ("O*NET 29.3 Database"). The
files are recognised by their header and read by column name, because the
layout changes between releases (29.x adds a ``Title`` column to most files
and ``In Demand`` to Technology Skills). What lands where:

* ``Occupation Data`` -> ``onet_occupations``, and each occupation's own title
  into ``onet_titles`` (``title_kind = 'occupation'``);
* ``Alternate Titles`` and ``Sample of Reported Titles`` -> ``onet_titles``
  (``'alternate'``, ``'reported'``), keyed by ``text_key(title)``: the key
  posting titles are looked up by when no role pattern matches them;
* ``Technology Skills`` -> ``onet_technology_skills``;
* ``Knowledge`` -> ``onet_knowledge`` (importance IM 1-5 and level LV 0-7). The
  report shows the latest release loaded, or, with none loaded, the O*NET 29.3
  extract bundled in ``data/onet`` (``scripts/build_bundled_onet.py``).

``release`` comes from the ``Read Me.txt`` in the same folder, and is NULL
without one. The same rows loaded again for the same release are duplicates;
another release's rows are new rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from careerlens.errors import CareerlensError, InputError
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe
from careerlens.sources.readers import read_sheet

SOC_CODE = "O*NET-SOC Code"


_RELEASE = re.compile(r"O\*NET\s+(\d+(?:\.\d+)?)\s+Database", re.IGNORECASE)


def release_beside(path: Path) -> str | None:
    """The O*NET release named by the ``Read Me.txt`` in ``path``'s folder ('29.3'), or None."""
    for candidate in path.parent.iterdir():
        if candidate.name.lower() == "read me.txt" and candidate.is_file():
            with open(candidate, encoding="utf-8", errors="replace") as fh:
                match = _RELEASE.search(fh.read(2000))
            return match.group(1) if match else None
    return None


@dataclass(frozen=True)
class OnetFile:
    """One O*NET table careerlens loads.

    Parameters
    ----------
    name : str
        The format is called ``onet_<name>``.
    label : str
        The table's name in the O*NET database ("Alternate Titles").
    query : str
        ``queries/sources/onet_<query>.sql`` checks, deduplicates and inserts the staged rows.
    columns : dict
        Header name -> the name the query reads it by; every one is required.
    optional : dict
        The same for columns some releases lack (the query fills them with NULL).
    file_prefix : str, optional
        Required start of the file name, for headers other O*NET tables share.
    params : dict
        Extra bound parameters for the query.
    """

    name: str
    label: str
    query: str
    columns: dict
    optional: dict = field(default_factory=dict)
    file_prefix: str | None = None
    params: dict = field(default_factory=dict)

    def detect(self, probe: FileProbe) -> bool:
        if self.file_prefix and not probe.name.startswith(self.file_prefix):
            return False
        if self.name == "occupations" and len(probe.columns) != len(self.columns):
            return False  # other tables also carry a Title and a Description
        return probe.has(*self.columns)

    def renamed(self, header) -> list[str]:
        """The header with the columns read renamed for the query, and the others out of their way.

        29.x files carry the occupation's ``Title`` beside, say, ``Reported Job Title``;
        only the one the query reads may be called ``title``.
        """
        wanted = {k.lower(): v for k, v in {**self.columns, **self.optional}.items()}
        wanted["source_row"] = "source_row"  # added by read_sheet
        return [wanted.get(str(name).strip().lower(), f"unused_{i}") for i, name in enumerate(header)]

    def load(self, ctx):
        missing = [c for c in self.columns if not ctx.probe.has(c)]
        if missing:
            raise InputError(f"an O*NET {self.label} file needs the columns {', '.join(missing)}; "
                             f"found {', '.join(ctx.probe.columns)}", file=ctx.path)
        release = release_beside(ctx.path)
        ctx.run("sources/onet_setup")
        if ctx.probe.suffix in (".xlsx", ".xls"):
            table = read_sheet(ctx.path)
            table = table.rename_columns(self.renamed(table.column_names))
            with ctx.db.registered("onet_sheet_arrow", table):
                ctx.run("sources/onet_read_sheet")
        else:
            header = ctx.params()["columns"]
            ctx.run("sources/onet_read_text", columns=dict(zip(self.renamed(header), header.values())))
        ctx.run(f"sources/onet_{self.query}", release=release, **self.params)
        ctx.run("sources/onet_rejects")
        counts = ctx.counts("sources/onet_counts")
        counts.notes = (f"O*NET {release}" if release else
                        "no Read Me.txt naming the O*NET release beside the file: release left NULL")
        return counts


ONET_FILES = (
    OnetFile("occupations", "Occupation Data", "occupations",
             {SOC_CODE: "onet_soc_code", "Title": "title", "Description": "description"}),
    OnetFile("alternate_titles", "Alternate Titles", "titles",
             {SOC_CODE: "onet_soc_code", "Alternate Title": "title"}, params={"title_kind": "alternate"}),
    OnetFile("reported_titles", "Sample of Reported Titles", "titles",
             {SOC_CODE: "onet_soc_code", "Reported Job Title": "title"}, params={"title_kind": "reported"}),
    OnetFile("technology_skills", "Technology Skills", "technology_skills",
             {SOC_CODE: "onet_soc_code", "Example": "example", "Commodity Code": "commodity_code",
              "Commodity Title": "commodity_title", "Hot Technology": "hot_technology"},
             optional={"In Demand": "in_demand"}),
    OnetFile("knowledge", "Knowledge", "knowledge",
             {SOC_CODE: "onet_soc_code", "Element ID": "element_id", "Element Name": "element_name",
              "Scale ID": "scale_id", "Data Value": "data_value"},
             optional={"N": "n", "Recommend Suppress": "recommend_suppress", "Not Relevant": "not_relevant"},
             file_prefix="knowledge"),
)


def _skip(ctx):
    raise CareerlensError(f"{ctx.path}: careerlens does not load this O*NET table")


def _format(onet_file: OnetFile) -> SourceFormat:
    return SourceFormat(
        name=f"onet_{onet_file.name}",
        kind="onet",
        summary=f"O*NET {onet_file.label} (text or Excel, any release from 27.0; columns read by name)",
        detect=onet_file.detect,
        load=onet_file.load,
        examples=(f"{onet_file.label}.txt", f"{onet_file.label}.xlsx"),
    )


FORMATS = [
    *(_format(f) for f in ONET_FILES),
    # Recognised so that ingesting a whole O*NET download skips the tables careerlens has no use for.
    SourceFormat(
        name="onet_other",
        kind="companion",
        summary="an O*NET table careerlens does not use (Skills, Abilities, Task Statements...): skipped",
        detect=lambda probe: probe.has(SOC_CODE),
        load=_skip,
        examples=("Skills.txt", "Task Statements.txt"),
    ),
    SourceFormat(
        name="onet_read_me",
        kind="companion",
        summary="the O*NET Read Me.txt: names the release of the O*NET files beside it",
        detect=lambda probe: probe.name == "read me.txt",
        load=_skip,
        examples=("Read Me.txt",),
    ),
]
