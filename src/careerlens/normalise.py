"""The normalise stage: every source on a common footing (role and SOC code, seniority, NAICS sector, place, annual USD).

The mappings are data, not code: CSV files in ``data/taxonomy/``, loaded as
``taxonomy_*`` tables by :func:`refresh_taxonomy` at the start of every load
(so the store always uses the installed package's mappings), and applied by the
set-based SQL in ``queries/normalise/``. A format stages a file and hands the
staged rows to :func:`load_postings` or :func:`load_salary_records`;
:func:`renormalise` applies the mappings again to everything stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from careerlens.db import Database
from careerlens.errors import CareerlensError
from careerlens.resources import data_file
from careerlens.slices import STAGING_AREA_SHARE, Slice, memory_bytes
from careerlens.sources.base import LoadContext, LoadCounts

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
    "usajobs_series_soc": ("series", "soc_code", "role", "basis"),
}


def refresh_taxonomy(db: Database) -> None:
    """(Re)create the ``taxonomy_*`` tables and the shared SQL macros from the package data."""
    db.run_script("macros")
    with contextlib.ExitStack() as stack:
        paths = {f"{name}_csv": str(stack.enter_context(data_file("taxonomy", f"{name}.csv")))
                 for name in TAXONOMY_FILES}
        db.run_script("normalise/taxonomy_tables", paths)
    loaded = db.query("normalise/taxonomy_columns")
    for name, required in TAXONOMY_FILES.items():
        have = set(loaded.loc[loaded["table_name"] == f"taxonomy_{name}", "column_name"])
        missing = [c for c in required if c not in have]
        if missing:
            raise CareerlensError(f"data/taxonomy/{name}.csv lacks columns {missing}")
    db.run_script("normalise/taxonomy_types")


def map_titles(db: Database, *, coder: CoderFit | None = None, alongside: Callable[[], None] | None = None) -> None:
    """Build ``mapped_titles`` from ``titles_to_map`` (see ``queries/normalise/titles.sql``).

    Each role or seniority regex runs as a bound constant over all title keys at
    once: DuckDB compiles it once, where a regex joined in from a table column is
    recompiled for every row (60x slower on 100k titles). ``coder`` and ``alongside``: see :func:`code_titles`.
    """
    db.run_script("normalise/pattern_keys")
    for pattern in db.query("normalise/title_patterns").itertuples(index=False):
        db.run_script("normalise/pattern_hits", {"pattern_table": pattern.pattern_table,
                                                 "priority": int(pattern.priority), "value": pattern.value,
                                                 "pattern": pattern.pattern})
    code_titles(db, coder=coder, alongside=alongside)
    db.run_script("normalise/titles")


#: The confidence below which a title coded by O*NET titles keeps no SOC code (tuned on the dev labels).
SOC_CONFIDENCE_THRESHOLD = 0.4


def code_titles(db: Database, *, coder: CoderFit | None = None, alongside: Callable[[], None] | None = None) -> None:
    """Build ``coded_titles``: the titles no role pattern claims, coded to SOC by the O*NET titles.

    The titles are the store's O*NET release when it is at least as new as the bundled O*NET 29.3
    titles (``data/onet/onet_titles.csv.gz``), else the bundled ones. Runs once per distinct title key,
    and only on keys this coder has not coded in an earlier load of the store: what it made of each key is
    kept in ``coded_title_cache`` under the coder's fingerprint (:attr:`CoderFit.key`), so a load whose
    titles are all known does not wait for the coder at all. ``coder`` is what :func:`start_fitting_coder`
    returned earlier in the same transaction (the O*NET titles are then indexed already); without it they
    are indexed and the coder fitted (or reused) here.

    ``alongside``: DuckDB work that needs no coded title, run once while the coder codes (a load's insert): DuckDB
    lets go of Python's lock while it runs and the coder mostly holds it, so on two cores the two take no longer
    than the slower of them (bench/README.md, issue 20 part 9).
    """
    if coder is None:
        index_onet_titles(db)
        coder = _fitting(*_coder_inputs(db))
    db.run_script("normalise/titles_to_code")
    todo = db.query("normalise/uncached_titles_to_code", {"coder": coder.key})["title_key"]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="careerlens-coding") as coding:
        coding_todo = coding.submit(lambda: coder.future.result().code(todo)) if len(todo) else None
        if alongside is not None:
            alongside()
        coded = coding_todo.result() if coding_todo is not None else None
    if coded is not None:
        with db.registered("coder_output_new", coded):
            db.run_script("normalise/cache_coded_titles", {"coder": coder.key})
    db.run_script("normalise/coded_titles", {"coder": coder.key})


def index_onet_titles(db: Database) -> None:
    """Create the temp tables ``onet_title_index`` and ``soc_occupation_titles`` (the O*NET titles in use)."""
    with data_file("onet", "onet_titles.csv.gz") as bundled:
        db.run_script("normalise/onet_title_index", {"bundled_titles_csv": str(bundled)})


def unmapped_titles(db: Database, *, limit: int | None = None, guesses: int = 3):
    """The titles no SOC code was found for, most frequent first, each with the coder's ``guesses`` best codes.

    Columns: those of ``queries/unmapped_titles.sql`` (title, best_guess, guess_confidence, n), then
    ``guesses``: ``'29-1141 Registered Nurses (0.38); 29-2061 Licensed Practical ... (0.35); ...'``, what a
    reader picks from when adding a role pattern or checking a title by hand. Only the first ``limit`` rows
    get guesses (all rows are returned): guessing every rare title of a large store would take minutes.
    """
    frame = db.query("unmapped_titles").reset_index(drop=True)
    frame["guesses"] = ""
    shown = frame["title"] if limit is None else frame["title"].head(limit)
    if shown.empty:
        return frame
    import pandas as pd

    from careerlens.titleclean import text_key

    index_onet_titles(db)
    keys = shown.map(text_key)       # the coder reads title keys: the first guess is the stored best guess
    best = fitted_coder(db).guesses(list(dict.fromkeys(keys)), k=guesses).dropna(subset=["soc_code"])
    text = [f"{code} {title} ({score:.2f})" for code, title, score in
            zip(best["soc_code"], best["onet_title"], best["score"])]
    by_key = pd.Series(text, index=best["title"].to_numpy(), dtype=object).groupby(level=0, sort=False).agg("; ".join)
    frame.loc[shown.index, "guesses"] = keys.map(by_key).fillna("").to_numpy()
    return frame


def fitted_coder(db: Database):
    """The :class:`~careerlens.titlecoder.TitleCoder` fitted on ``onet_title_index`` (cached per set of titles).

    A coder being fitted in the background (:func:`start_fitting_coder`) on the same titles is waited for.
    """
    return _fitting(*_coder_inputs(db)).future.result()


@dataclass(frozen=True)
class CoderFit:
    """A title coder being fitted, or fitted: ``future`` holds it; ``key`` fingerprints what it codes by (the
    O*NET titles, the OEWS employment, the threshold and the coder's own code), naming its rows in
    ``coded_title_cache``."""

    key: str
    future: Future


def start_fitting_coder(db: Database) -> CoderFit:
    """Fit the title coder on the O*NET titles in use in a background thread, if it is not fitted yet.

    A loader calls this before it stages a file: the fit (3-5 CPU s of Python, numpy and scikit-learn; reading
    the coder kept in the cache folder about 0.5 s, without scikit-learn: careerlens.termweights) does not
    depend on the file, and DuckDB releases Python's lock while it reads, so both run at once and coding the
    file's titles later finds the coder ready. Errors surface there, in the caller's thread.
    Returns the coder in the making, for :func:`map_titles` in the same transaction.
    """
    index_onet_titles(db)
    return _fitting(*_coder_inputs(db), in_background=True)


def _coder_inputs(db: Database):
    """The O*NET titles in use (``onet_title_index``) and the OEWS employment that breaks ties between codes."""
    titles = db.query("normalise/onet_title_index_rows")
    with data_file("oews", "oews_may2025_employment.csv") as path:
        employment = db.query("normalise/occupation_employment", {"employment_csv": str(path)})
    return titles, employment.set_index("soc_code")["employment"]


def _coder_key(titles, employment) -> str:
    """The fingerprint of a coder: its inputs and the source of the modules whose code decides its output."""
    import pandas as pd

    from careerlens import termweights, titleclean, titlecoder

    digest = hashlib.sha256()
    for part in (int(pd.util.hash_pandas_object(titles, index=False).sum()),
                 int(pd.util.hash_pandas_object(employment).sum()), SOC_CONFIDENCE_THRESHOLD):
        digest.update(repr(part).encode())
    for module in (titlecoder, titleclean, termweights):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:32]


def _fitting(titles, employment, *, in_background: bool = False) -> CoderFit:
    """The coder fitted on ``titles``: the one this process holds, else the one kept in the user's cache folder
    (:mod:`careerlens.codercache`), else one fitted now and kept there; read or fitted here, or in a new thread."""
    fingerprint = _coder_key(titles, employment)
    with _FITTING_LOCK:
        fitted = _FITTED_CODERS.get(fingerprint)
        if fitted is not None:
            return CoderFit(fingerprint, fitted)
        _FITTED_CODERS.clear()  # one set of O*NET titles in use at a time: keep one fitted coder
        fitted = _FITTED_CODERS[fingerprint] = Future()

    def fit():
        from careerlens import codercache
        from careerlens.titlecoder import TitleCoder

        try:
            coder = codercache.load_coder(fingerprint, threshold=SOC_CONFIDENCE_THRESHOLD)
            if coder is None:
                coder = TitleCoder(threshold=SOC_CONFIDENCE_THRESHOLD).fit(titles, employment)
                coder.neighbour_index()   # the nearest-title search's index, which most corpora need: kept too
                codercache.save_coder(fingerprint, coder)   # warns, never raises: the cache only saves time
            fitted.set_result(coder)
        except BaseException as error:  # handed to whoever waits for the coder; the next caller fits again
            with _FITTING_LOCK:
                if _FITTED_CODERS.get(fingerprint) is fitted:
                    del _FITTED_CODERS[fingerprint]
            fitted.set_exception(error)

    if in_background:
        # Not a daemon: a process that ends while the fit is in scikit-learn's or numpy's native code (a file
        # refused during staging) would abort ("terminate called without an active exception"), so Python
        # waits for the fit (about 2 s) before it exits.
        threading.Thread(target=fit, name="careerlens-title-coder").start()
    else:
        fit()
    return CoderFit(fingerprint, fitted)


_FITTED_CODERS: dict = {}
_FITTING_LOCK = threading.Lock()


def staged_posting_ids(db: Database, *, threads: int | Callable[[], int] = 2, staged=None):
    """``posting_id`` of every row of ``staged_postings``, as an Arrow table (source_row, posting_id).

    ``staged``: the staged rows as an Arrow table (a slice out of the staging area) instead of ``db``'s table.
    ``threads``: a number, or a function asked before each block (up to 2 threads): how many may key now.

    Keyed by :func:`careerlens.contentkey.posting_ids` in blocks of
    :data:`~careerlens.contentkey.ROWS_PER_TASK` rows on ``threads`` threads while
    DuckDB hands over the next block (the keying lets go of Python's lock), with
    at most one block per thread and one more in flight, so the staged text is
    never copied out whole. The row numbers kept are copied out of their batch: an Arrow
    column DuckDB hands over holds its whole batch in memory, text included, for
    as long as it lives (kept as they came, 1M postings held 3.3 GB of text past
    the memory limit, bench/README.md).
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    import pyarrow as pa

    from careerlens.contentkey import ROWS_PER_TASK, posting_ids

    def key(batch):
        return pa.table({"source_row": pa.array(np.array(batch["source_row"].to_numpy(zero_copy_only=False),
                                                         dtype=np.int64)),
                         "posting_id": posting_ids(batch["title"], batch["company"], batch["location_raw"],
                                                   batch["description"], threads=1)})

    threads_now = threads if callable(threads) else lambda: threads
    parts, pending = [], deque()
    with ThreadPoolExecutor(max_workers=2 if callable(threads) else threads) as pool:
        batches = (db.arrow_batches("postings/content_columns", rows=ROWS_PER_TASK) if staged is None
                   else staged.to_batches(max_chunksize=ROWS_PER_TASK))
        for batch in batches:
            while len(pending) >= threads_now():
                parts.append(pending.popleft().result())
            pending.append(pool.submit(key, batch))
        parts.extend(future.result() for future in pending)
    if not parts:
        return pa.table({"source_row": pa.array([], pa.int64()), "posting_id": pa.array([], pa.string())})
    return pa.concat_tables(parts)


def load_postings(ctx: LoadContext, staging_query: str, *, before_insert: str | None = None,
                  stage_slice: Callable[[Database, Slice], None] | None = None, slices: list[Slice] | None = None,
                  **params) -> LoadCounts:
    """Stage a postings file with ``queries/<staging_query>.sql``, then normalise and insert it.

    The staging query must create the temp table ``staged_postings`` with the
    columns listed in ``queries/postings/prepare.sql``; the shared script
    does the rest (rejects, role/SOC, NAICS, location, annual USD, dedup).
    A staging query that stages every record it reads, in file order, may leave
    ``source_row`` NULL: ``queries/postings/number_staged.sql`` then numbers the
    rows by position, which lets DuckDB stage on every core.
    ``before_insert`` names a query run on the checked rows before they are
    inserted (job boards keep a posting's id across snapshots there).

    Given ``slices`` (:mod:`careerlens.slices`), the file is staged, checked and inserted a slice at a time,
    all in the file's one transaction: each slice is staged in a staging area
    (:meth:`~careerlens.db.Database.staging_area`), where ``stage_slice(area, slice)`` prepares it for the
    staging query, the next slice while this one is checked and inserted. A format passes slices only for a
    file larger than a slice that it can read in parts (a Parquet file, by row groups); any other file is one
    slice.
    """
    coder = start_fitting_coder(ctx.db)
    ctx.db.run_script("postings/start_tallies")
    if slices is None:
        ctx.run(staging_query, **params)
        ctx.db.run_script("postings/number_staged", {"first_row": 0})    # not ctx.run: its error is no read error
        _insert_staged(ctx, coder, before_insert=before_insert)
        return ctx.counts("postings/counts")
    limit = memory_bytes(ctx.db.memory_limit_setting())
    with ctx.db.staging_area(limit // STAGING_AREA_SHARE, limit - limit // STAGING_AREA_SHARE) as area, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="careerlens-staging") as stager:

        def stage(part: Slice) -> None:
            stage_slice(area, part)
            area.run_script(staging_query, ctx.params(**params))
            area.run_script("postings/number_staged", {"first_row": part.first_row})

        staging = stager.submit(stage, slices[0])
        for following in [*slices[1:], None]:
            staging.result()
            staged = {"short": area.arrow("postings/staged_rows_short"), "rows": area.arrow("postings/staged_rows")}
            if following is not None:   # DuckDB lets go of Python's lock: the next slice stages on the other core
                staging = stager.submit(stage, following)
            _insert_staged(ctx, coder, staged=staged)
    return ctx.counts("postings/counts")


def _insert_staged(ctx: LoadContext, coder: CoderFit, *, staged: dict | None = None,
                   before_insert: str | None = None) -> None:
    """Key, check, map and insert the rows of ``staged_postings`` (a whole file, or one slice of it), and
    add them to the file's tallies (``postings_tallies``).

    ``staged``: a slice staged in the staging area, as Arrow tables, ``short`` (its rows without the
    descriptions' text) and ``rows`` (whole); they are taken out of the dict. The load's transaction keeps
    whatever it holds until it ends (a table it replaces, an Arrow object registered in it), so it gets a
    table of the short rows for the checks, and the whole rows pass through once, as ``staged_texts``, for
    the insert (bench/README.md, issue 20 part 6).
    """
    if staged is not None:
        with ctx.db.registered("staged_slice", handed_over(staged.pop("short"))):
            ctx.db.run_script("postings/copy_staged_slice")
    # A second keying thread once the coder's fit (or read) is done: while it runs it has the other core, and a
    # second thread on a busy core costs 15% more CPU for no gain (bench/README.md, issue 20 part 3). Asked
    # before every block, so a coder that is ready a moment after the keying starts frees the core for it.
    ids = staged_posting_ids(ctx.db, threads=lambda: 2 if coder.future.done() else 1,
                             staged=None if staged is None else staged["rows"])
    with ctx.db.registered("posting_content_ids", ids):
        try:
            ctx.run("postings/prepare")
        except BaseException:
            # prepare turns preserve_insertion_order off for one statement and back on after it; if it failed in
            # between, turn it back on here (quietly: the error that got us here is the one to report).
            with contextlib.suppress(CareerlensError):
                ctx.db.run_script("postings/restore_insertion_order")
            raise
    if before_insert:
        ctx.run(before_insert)
    for step in ("normalise/locations", "normalise/industries"):
        ctx.run(step)
    if staged is None:
        # A file loaded whole: inserted while the coder codes its titles (on the other core), which are set after.
        ctx.db.run_script("postings/staged_texts_view")
        ctx.db.run_script("normalise/no_titles_mapped")
        map_titles(ctx.db, coder=coder, alongside=lambda: ctx.run("postings/insert"))
        ctx.run("postings/apply_titles")
    else:
        # A slice: the next slice stages on the other core meanwhile, and setting the titles after each slice's
        # insert cost more than it saved (an UPDATE per slice: 21 s at 1M, bench/README.md, issue 20 part 9).
        map_titles(ctx.db, coder=coder)
        with ctx.db.registered("staged_texts", handed_over(staged.pop("rows"))):
            ctx.run("postings/insert")
    ctx.run("postings/tally_slice")


def handed_over(table):
    """``table`` as a one-pass pyarrow RecordBatchReader that keeps no batch it has handed over: what a
    transaction can register and read once without holding the data until it ends (DuckDB keeps an object
    registered in a transaction alive until then). The caller must hold no other reference to the table."""
    import pyarrow as pa

    schema, batches = table.schema, table.to_batches()
    del table

    def hand_over():
        while batches:
            yield batches.pop(0)

    return pa.RecordBatchReader.from_batches(schema, hand_over())


def load_salary_records(ctx: LoadContext, staging_query: str, **params) -> LoadCounts:
    """Stage a survey file with ``queries/<staging_query>.sql``, then check, map and insert its records.

    The staging query must create the temp table ``staged_salary_records`` with
    the columns listed in ``queries/salary_records/prepare.sql``; the shared
    scripts do the rest (rejects, role and SOC code from the job title,
    implausible-salary flags, insert). Identical records are loaded (survey
    answers are individual responses), so ``rows_duplicate`` is 0 and
    ``identical_records`` says how many rows repeat an earlier one.
    """
    coder = start_fitting_coder(ctx.db)
    ctx.run(staging_query, **params)
    ctx.run("salary_records/prepare")
    map_titles(ctx.db, coder=coder)
    ctx.run("salary_records/insert", sha256=ctx.sha256)
    return ctx.counts("salary_records/counts")


def renormalise(db: Database) -> None:
    """Re-apply the role, SOC, location and industry mappings to everything stored.

    Run after the mappings change: a new careerlens version, an edited
    ``data/taxonomy``, or O*NET titles loaded after the postings (titles no
    pattern matches then get their SOC code from O*NET).
    """
    with db.transaction():
        refresh_taxonomy(db)
        db.run_script("normalise/collect_stored")
        map_titles(db)
        for step in ("normalise/locations", "normalise/industries", "normalise/apply_to_stored", "normalise/series_soc"):
            db.run_script(step)
