"""Any CSV, TSV, Parquet or JSON Lines file of job postings, read through a small TOML mapping.

The mapping names the column that holds each field::

    source = "acme_jobs"          # optional: the postings' source name (default "generic")
    date_format = "%d/%m/%Y"      # optional: strftime format of the date column (ISO dates always work)

    [columns]
    title = "Job Title"           # required
    description = "About the role"  # required
    company = "Employer"
    industry = "Sector"
    location = "City"
    date = "Posted"
    id = "Ref"                    # the publisher's own posting id

    [salary]                      # optional; either one text column ...
    text_column = "Pay"           # strings such as "$17-$24 Per Hour", read like Glassdoor's
    currency = "USD"              # optional with text_column (default USD)
    # ... or numbers, with their period and currency as a fixed value or a column:
    # min_column = "Pay From"
    # max_column = "Pay To"
    # period = "hour"             # hour | week | biweek | month | year, or period_column = "Pay Unit"
    # currency = "GBP"            # or currency_column = "Currency"
    kind = "employer"             # optional: employer | estimate

Give it with ``careerlens ingest FILE --source generic --mapping map.toml``, or
put it beside the data file as ``<name>.careerlens.toml`` (``jobs.csv`` ->
``jobs.careerlens.toml``) and the file is recognised without ``--source``.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from careerlens.errors import CareerlensError, InputError
from careerlens.normalise import load_postings
from careerlens.slices import Slice, row_group_slices, rows_per_slice
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe

SIDECAR_SUFFIX = ".careerlens.toml"
COLUMN_KEYS = ("id", "title", "description", "company", "industry", "location", "date")
REQUIRED_COLUMN_KEYS = ("title", "description")
SALARY_COLUMN_KEYS = ("text_column", "min_column", "max_column", "period_column", "currency_column")
SALARY_VALUE_KEYS = ("period", "currency", "kind")
TOP_LEVEL_KEYS = ("source", "date_format", "columns", "salary")
SALARY_KINDS = ("employer", "estimate")
DELIMITED_SUFFIXES = (".csv", ".tsv", ".txt")
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass(frozen=True)
class Mapping:
    """A checked TOML mapping: which data column feeds each posting field."""

    path: Path
    text: str
    source: str
    date_format: str | None
    columns: dict[str, str]        # [columns] key -> column name as written in the mapping
    salary: dict[str, str]         # [salary] key -> column name or fixed value

    def used_columns(self) -> dict[str, str]:
        """Every column the mapping names, keyed by where it is named (``columns.title``, ``salary.min_column``)."""
        named = {f"columns.{k}": v for k, v in self.columns.items()}
        named.update({f"salary.{k}": v for k, v in self.salary.items() if k in SALARY_COLUMN_KEYS})
        return named

    def error(self, message: str, key: str | None = None) -> InputError:
        """An InputError naming this mapping file, the key, and the key's line when it can be found."""
        return InputError(message, file=self.path, row=_line_of(self.text, key) if key else None,
                          line=True, field=key)


def _line_of(text: str, dotted_key: str) -> int | None:
    """The line where ``table.key``, a top-level key or a ``[table]`` header is written, if it can be found."""
    table, _, key = dotted_key.rpartition(".")
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            if not table and current == key:
                return number
        elif current == table and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return None


def sidecar_mapping(path: Path) -> Path:
    """Where a mapping beside ``path`` would be: ``jobs.csv.gz`` -> ``jobs.careerlens.toml``."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return path.with_name(Path(name).stem + SIDECAR_SUFFIX)


def _string(value, key: str, mapping_error) -> str:
    if not isinstance(value, str) or not value.strip():
        raise mapping_error(f"{key} must be a non-empty string, not {value!r}", key)
    return value


def _taxonomy_values(name: str, column: str) -> list[str]:
    """The values of one column of a ``data/taxonomy`` CSV (the mapping's allowed periods and currencies)."""
    from careerlens.resources import data_text

    return sorted({row[column].strip().lower() for row in csv.DictReader(io.StringIO(data_text("taxonomy", name)))})


def read_mapping(path) -> Mapping:
    """Read and check a TOML mapping file.

    Parameters
    ----------
    path : str or Path
        The ``.toml`` file.

    Returns
    -------
    Mapping
        Checked for syntax, unknown keys, value types and required keys; the
        columns it names are checked against a data file by :func:`resolve_columns`.

    Raises
    ------
    InputError
        Naming the mapping file, the key and, where it can be found, its line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot read the mapping: {exc}", file=path) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=path) from exc   # tomllib names the line and column

    draft = Mapping(path=path, text=text, source="generic", date_format=None, columns={}, salary={})
    error = draft.error
    for key in raw:
        if key not in TOP_LEVEL_KEYS:
            raise error(f"unknown key {key!r}; a mapping may have {', '.join(TOP_LEVEL_KEYS)}", key)
    for table in ("columns", "salary"):
        if table in raw and not isinstance(raw[table], dict):
            raise error(f"{table} must be a table ([{table}]), not {raw[table]!r}", table)

    columns_table = raw.get("columns", {})
    for key, value in columns_table.items():
        if key not in COLUMN_KEYS:
            raise error(f"unknown key {key!r} in [columns]; known keys: {', '.join(COLUMN_KEYS)}", f"columns.{key}")
        _string(value, f"columns.{key}", error)
    for key in REQUIRED_COLUMN_KEYS:
        if key not in columns_table:
            raise error(f"[columns] must name the {key} column ({key} = \"...\")", f"columns.{key}")

    salary = dict(raw.get("salary", {}))
    for key, value in salary.items():
        if key not in SALARY_COLUMN_KEYS + SALARY_VALUE_KEYS:
            raise error(f"unknown key {key!r} in [salary]; known keys: "
                        f"{', '.join(SALARY_COLUMN_KEYS + SALARY_VALUE_KEYS)}", f"salary.{key}")
        _string(value, f"salary.{key}", error)
    _check_salary(salary, error)

    source = _string(raw.get("source", "generic"), "source", error)
    date_format = raw.get("date_format")
    if date_format is not None:
        _string(date_format, "date_format", error)
        if "%" not in date_format:
            raise error(f"date_format {date_format!r} has no strftime directive such as %d, %m or %Y", "date_format")
        if "date" not in columns_table:
            raise error("date_format is given but [columns] names no date column", "date_format")
    return dataclasses.replace(draft, source=source.strip(), date_format=date_format,
                               columns=dict(columns_table), salary=salary)


def _check_salary(salary: dict, error) -> None:
    """Either one text column, or min/max columns with a period and a currency (fixed or from a column)."""
    if not salary:
        return
    numbers = [k for k in ("min_column", "max_column") if k in salary]
    if "text_column" in salary and numbers:
        raise error("give either text_column or min_column/max_column, not both", f"salary.{numbers[0]}")
    if "text_column" not in salary and not numbers:
        raise error("[salary] needs text_column, or min_column and/or max_column", "salary")
    for fixed in ("period", "currency"):
        if fixed in salary and f"{fixed}_column" in salary:
            raise error(f"give either {fixed} or {fixed}_column, not both", f"salary.{fixed}_column")
    if "text_column" in salary:
        for key in ("period", "period_column"):
            if key in salary:
                raise error("with text_column the pay period is read from the text; remove this key",
                            f"salary.{key}")
    else:
        for fixed in ("period", "currency"):
            if fixed not in salary and f"{fixed}_column" not in salary:
                raise error(f"min_column/max_column need a {fixed}: {fixed} = \"...\" or {fixed}_column = \"...\"",
                            "salary")
    if "period" in salary:
        periods = _taxonomy_values("pay_periods.csv", "period")
        if salary["period"].strip().lower() not in periods:
            raise error(f"unknown pay period {salary['period']!r}; use one of {', '.join(periods)}", "salary.period")
    if "currency" in salary:
        currencies = _taxonomy_values("fx_rates.csv", "currency")
        if salary["currency"].strip().lower() not in currencies:
            raise error(f"no exchange rate for currency {salary['currency']!r}; known: "
                        f"{', '.join(c.upper() for c in currencies)}", "salary.currency")
    if "kind" in salary and salary["kind"] not in SALARY_KINDS:
        raise error(f"kind must be one of {', '.join(SALARY_KINDS)}, not {salary['kind']!r}", "salary.kind")


def resolve_columns(mapping: Mapping, available, data_file) -> dict[str, str]:
    """Match the columns a mapping names to a data file's columns, or say which one is missing.

    Names match exactly, or else ignoring case when that is unambiguous.

    Returns
    -------
    dict
        ``columns.title`` / ``salary.min_column`` ... -> the column's name as the data file spells it.
    """
    available = list(available)
    by_lower: dict[str, list[str]] = {}
    for name in available:
        by_lower.setdefault(name.lower(), []).append(name)
    resolved = {}
    for key, name in mapping.used_columns().items():
        if name in available:
            resolved[key] = name
        elif len(by_lower.get(name.lower(), [])) == 1:
            resolved[key] = by_lower[name.lower()][0]
        else:
            shown = ", ".join(repr(c) for c in available) or "none"
            raise mapping.error(f"column {name!r} is not in {Path(data_file).name}; its columns are {shown}", key)
    return resolved


def find_mapping(ctx) -> Mapping:
    """The mapping given as ``ctx.options["mapping"]``, else the one beside the data file."""
    given = ctx.options.get("mapping")
    if given:
        return read_mapping(given)
    beside = sidecar_mapping(ctx.path)
    if beside.is_file():
        return read_mapping(beside)
    raise InputError(f"a generic file needs a TOML mapping naming its columns: pass --mapping, or put one "
                     f"beside the file as {beside.name} (see `careerlens formats`)", file=ctx.path)


def _read_raw(ctx) -> None:
    """Read the whole data file into the temp table ``generic_raw`` with DuckDB's reader for its type."""
    suffix = ctx.probe.suffix
    if suffix == ".parquet":
        reader, extra = "sources/generic_read_parquet", {}
    elif suffix in JSON_SUFFIXES:
        reader = "sources/generic_read_jsonl"
        extra = {"json_format": "auto" if suffix == ".json" else "newline_delimited"}
    elif suffix in DELIMITED_SUFFIXES:
        ctx.run("sources/generic_read_csv")    # strict read; failures are explained row by row
        return
    else:
        raise InputError(f"generic files are CSV, TSV, Parquet or JSON Lines; cannot read {suffix or 'this'} files",
                         file=ctx.path)
    _read_whole_or_fail(ctx, lambda: ctx.db.run_script(reader, ctx.params(**extra)))


def _read_slice(ctx, area, part: Slice) -> None:
    """Make ``generic_raw`` of the staging area ``area`` the slice ``part`` of a Parquet file."""
    params = ctx.params(first_row=part.first_row, slice_rows=part.rows)
    _read_whole_or_fail(ctx, lambda: area.run_script("sources/generic_parquet_slice", params))


def _read_whole_or_fail(ctx, read):
    """``read()``, a Parquet or JSON read: its DuckDB error said as it is (``ctx.run`` would explain it as CSV's)."""
    try:
        return read()
    except CareerlensError as exc:
        detail = str(exc.__cause__ or exc).strip().splitlines()[0]
        kind = "Parquet" if ctx.probe.suffix == ".parquet" else "JSON"
        raise InputError(f"cannot read the file as {kind}: {detail}", file=ctx.path) from exc


def _parquet_slices(ctx) -> list[Slice] | None:
    """The slices a Parquet file is read in (whole row groups, :mod:`careerlens.slices`); None to read it whole:
    a file of one slice, or one with a column of its own named ``file_row_number`` (the row number slices are
    read by)."""
    if ctx.probe.suffix != ".parquet":
        return None
    params = {"path": str(ctx.path)}
    groups = _read_whole_or_fail(ctx, lambda: ctx.db.query_records("sources/parquet_row_groups", params))
    rows = sum(group["rows"] for group in groups)
    per_slice = rows_per_slice(ctx.db.memory_limit_setting(), sum(group["bytes"] for group in groups) / max(rows, 1))
    slices = row_group_slices([group["rows"] for group in groups], per_slice)
    if len(slices) < 2 or ctx.db.query_records("sources/parquet_has_row_number_column", params)[0]["has"]:
        return None
    return slices


def mapping_params(mapping: Mapping, resolved: dict[str, str]) -> dict:
    """The bound parameters of ``queries/sources/generic.sql`` for this mapping."""
    salary = mapping.salary
    text_mode = "text_column" in salary
    return {
        **{f"{key}_column": resolved.get(f"columns.{key}") for key in COLUMN_KEYS},
        **{f"salary_{key}": resolved.get(f"salary.{key}") for key in SALARY_COLUMN_KEYS},
        "date_format": mapping.date_format,
        "salary_period": salary["period"].strip().lower() if "period" in salary else None,
        # Glassdoor-style strings are dollars unless the mapping says otherwise.
        "salary_currency": (salary["currency"].strip().upper() if "currency" in salary
                            else "USD" if text_mode else None),
        "salary_kind": salary.get("kind"),
    }


def _check_date_format(ctx, mapping: Mapping) -> None:
    if mapping.date_format is None:
        return
    try:
        ctx.db.query("sources/generic_date_format", {"date_format": mapping.date_format})
    except CareerlensError as exc:
        detail = str(exc.__cause__ or exc).strip().splitlines()[0]
        raise mapping.error(f"date_format {mapping.date_format!r} is not a strftime format: {detail}",
                            "date_format") from exc


def _detect(probe: FileProbe) -> bool:
    return sidecar_mapping(probe.path).is_file()


def _load(ctx):
    mapping = find_mapping(ctx)
    _check_date_format(ctx, mapping)
    slices = _parquet_slices(ctx)
    if slices is None:
        _read_raw(ctx)
    else:       # the columns alone: the rows are read a slice at a time
        _read_whole_or_fail(ctx, lambda: ctx.db.run_script("sources/generic_read_parquet_rows",
                                                           ctx.params(first_row=0, slice_rows=0)))
    available = ctx.db.query("sources/generic_columns").column_name.tolist()
    resolved = resolve_columns(mapping, available, ctx.path)
    ctx.source = mapping.source
    counts = load_postings(ctx, "sources/generic", slices=slices, stage_slice=functools.partial(_read_slice, ctx),
                           **mapping_params(mapping, resolved))
    ctx.db.run_script("sources/generic_drop_raw")
    counts.notes = f"mapping {mapping.path.name}"
    return counts


def _is_sidecar(probe: FileProbe) -> bool:
    return probe.name.endswith(SIDECAR_SUFFIX)


FORMATS = [
    SourceFormat(
        name="generic_mapping",
        kind="companion",
        summary="a generic file's TOML column mapping (read with its data file, not on its own)",
        detect=_is_sidecar,
        load=lambda ctx: None,
        examples=("jobs.careerlens.toml",),
    ),
    SourceFormat(
        name="generic",
        kind="postings",
        summary="any CSV/TSV/Parquet/JSONL postings file, with a TOML mapping of its columns "
                "(--mapping, or <name>.careerlens.toml beside the file)",
        detect=_detect,
        load=_load,
        examples=("jobs.csv", "jobs.parquet", "jobs.jsonl"),
    ),
]
