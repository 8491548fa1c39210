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


def match_patterns(db: Database, keys_sql: str, pattern_tables=("role_patterns", "seniority_patterns")) -> None:
    """Fill ``pattern_hits(key, pattern_table, priority, value)`` for the keys ``keys_sql`` selects.

    Each regex runs as a bound constant over all keys at once: DuckDB compiles it
    once, where a regex joined in from a table column is recompiled for every row
    (60x slower on 100k titles).
    """
    db.execute("CREATE OR REPLACE TEMP TABLE pattern_hits "
               "(key VARCHAR, pattern_table VARCHAR, priority INTEGER, value VARCHAR)")
    db.execute(f"CREATE OR REPLACE TEMP TABLE pattern_keys AS SELECT DISTINCT key FROM ({keys_sql}) WHERE key IS NOT NULL")
    for table in pattern_tables:
        value_column = {"role_patterns": "role", "seniority_patterns": "seniority"}[table]
        patterns = db.execute(f"SELECT priority, pattern, {value_column} FROM taxonomy_{table} ORDER BY priority").fetchall()
        for priority, pattern, value in patterns:
            db.execute("INSERT INTO pattern_hits SELECT key, $table, $priority, $value FROM pattern_keys "
                       "WHERE regexp_matches(' ' || key || ' ', $pattern)",
                       {"table": table, "priority": priority, "value": value, "pattern": pattern})


def map_titles(db: Database) -> None:
    """Build ``mapped_titles`` from ``titles_to_map`` (see ``queries/normalise/titles.sql``)."""
    match_patterns(db, "SELECT title_key AS key FROM titles_to_map")
    db.run_script("normalise/titles")
