"""The normalisation mappings: CSV files in ``data/taxonomy/``, loaded as ``taxonomy_*`` tables.

The mappings are data, not code, so that a reader can check them and a user
can see why a title became a role. They are reloaded into the store at the
start of every load, so the store always uses the installed package's mappings.
"""

from __future__ import annotations

from careerlens.db import Database
from careerlens.resources import data_file

#: taxonomy file -> the columns it must have (checked on load, so a bad edit fails loudly).
TAXONOMY_FILES = {
    "roles": ("role", "label", "soc_code", "soc_title"),
    "role_patterns": ("priority", "pattern", "role"),
    "seniority_patterns": ("priority", "pattern", "seniority"),
    "seniority_levels": ("level_key", "seniority"),
    "naics_sectors": ("naics_sector", "sector_name"),
    "industry_map": ("industry_key", "naics_sector", "scheme"),
    "us_states": ("state", "name", "fips"),
    "countries": ("iso2", "iso3", "name"),
    "metro_areas": ("pattern", "state"),
    "pay_periods": ("period", "annual_factor"),
    "fx_rates": ("currency", "year", "usd_per_unit"),
}


def refresh(db: Database) -> None:
    """(Re)create the ``taxonomy_*`` tables and the shared SQL macros from the package data."""
    db.run_script("macros")
    for name, required in TAXONOMY_FILES.items():
        with data_file("taxonomy", f"{name}.csv") as path:
            db.execute(
                f"CREATE OR REPLACE TABLE taxonomy_{name} AS "
                "SELECT * FROM read_csv($path, header = true, auto_detect = true, all_varchar = true)",
                {"path": str(path)})
        have = {r[0] for r in db.execute(f"DESCRIBE taxonomy_{name}").fetchall()}
        missing = [c for c in required if c not in have]
        if missing:
            from careerlens.errors import CareerlensError

            raise CareerlensError(f"data/taxonomy/{name}.csv lacks columns {missing}")
    db.run_script("normalise/taxonomy_types")
