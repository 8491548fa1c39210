"""The DuckDB store: opening, schema versioning, named queries, transactions.

One DuckDB file holds everything. Its schema lives in ``queries/schema/`` and
carries a version in ``careerlens_meta``; opening a database of an older
version runs the migrations in ``queries/schema/migrate_<n>.sql``, and opening
one written by a newer careerlens fails with a clear message.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import time
from pathlib import Path

import duckdb

from careerlens import settings
from careerlens.errors import CareerlensError, DatabaseBusyError, SchemaVersionError
from careerlens.resources import read_query
from careerlens.storage import human_bytes, storage_error

SCHEMA_VERSION = 6


def default_db_path() -> Path:
    """``$CAREERLENS_DB`` if set, else ``careerlens.duckdb`` in the working directory."""
    return settings.get("db")


def default_lock_wait() -> float:
    """``$CAREERLENS_LOCK_WAIT`` seconds if set, else 30: how long to wait for another process's lock."""
    return settings.get("lock_wait")


def split_statements(sql: str) -> list[str]:
    """Split a ``.sql`` file into statements (on ``;`` at a line end, outside comments)."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", body) if s.strip()]


def bound_parameters(statement: str, params):
    """The subset of ``params`` (a dict) that ``statement`` names as ``$key``, or None."""
    if not params:
        return None
    used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", statement)}
    return used or None


class Database:
    """A careerlens store on one DuckDB file.

    Parameters
    ----------
    path : str or Path, optional
        The database file; ``None`` or ``":memory:"`` for an in-memory store
        (tests). Defaults to :func:`default_db_path`.
    read_only : bool
        Open without the write lock (queries and reports). A file that does not exist is refused.
    create : bool
        Create the store when the file does not exist (the default); False refuses it, as
        ``read_only`` does (for a command with nothing to do on an empty store).
    wait_seconds : float, optional
        How long to wait for another process's lock on the file before giving up
        (DuckDB lets one process write, or several read). Defaults to
        :func:`default_lock_wait`.
    tracer : callable, optional
        Called with every SQL statement run through :meth:`execute`
        (``tracer=print`` is a cheap way to see what happens).
    """

    def __init__(self, path=None, *, read_only=False, create=True, wait_seconds=None, tracer=None,
                 memory_limit=None, temp_directory=None):
        self.path = ":memory:" if path in (None, ":memory:") else Path(path)
        self.read_only = read_only
        self.memory_limit = memory_limit
        self.tracer = tracer
        exists = self.path == ":memory:" or self.path.exists()
        if not exists and (read_only or not create):
            raise CareerlensError(
                f"no careerlens database at {self.path}: load data with `careerlens ingest PATH...`, or build "
                "the demonstration database with `careerlens report`; or choose another with --db / CAREERLENS_DB")
        #: True when this store was created by opening it (the file did not exist before).
        self.created = not exists
        wait_seconds = default_lock_wait() if wait_seconds is None else wait_seconds
        self.con = self._connect(wait_seconds, memory_limit, temp_directory)
        # Track query progress (for careerlens's own progress bar) without DuckDB printing its own.
        self.con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
        self._check_schema()
        if not read_only and self.path != ":memory:" and self.path.with_name(self.path.name + ".wal").exists():
            self.checkpoint()       # an earlier run's log that could not be written in: now, or say why not

    def _connect(self, wait_seconds, memory_limit, temp_directory):
        config = {}
        if memory_limit:
            config["memory_limit"] = memory_limit
        if temp_directory:
            config["temp_directory"] = str(temp_directory)
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only, config=config)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise storage_error(exc, doing=f"cannot open database {self.path}", file=self.path) or \
                        CareerlensError(f"cannot open database {self.path}: {exc}") from exc
                if time.monotonic() >= deadline:
                    holder = re.search(r"PID (\d+)", str(exc))
                    who = f" (process {holder.group(1)})" if holder else ""
                    raise DatabaseBusyError(
                        f"database {self.path} is in use by another careerlens process{who}; "
                        f"waited {wait_seconds:g} s (set {settings.env_name('lock_wait')} to wait longer). "
                        "Try again when it has finished.") from exc
                time.sleep(min(0.25, max(deadline - time.monotonic(), 0.0)))
            except duckdb.Error as exc:
                raise CareerlensError(f"cannot open database {self.path}: {exc}") from exc

    # -- schema -----------------------------------------------------------------
    def _check_schema(self):
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "careerlens_meta" not in tables:
            if tables:
                raise SchemaVersionError(
                    f"{self.path} is a DuckDB database but not a careerlens store "
                    f"(it has tables {sorted(tables)[:5]} but no careerlens_meta)")
            if self.read_only:
                raise CareerlensError(f"{self.path} is empty: load data with `careerlens ingest` first")
            with self.transaction():
                self.run_script("schema/v1")
                self.con.execute("INSERT INTO careerlens_meta VALUES ('schema_version', ?)", [str(1)])
            found = 1
        else:
            found = int(self.con.execute(
                "SELECT value FROM careerlens_meta WHERE key = 'schema_version'").fetchall()[0][0])
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path} has schema version {found}, written by a newer careerlens; "
                f"this careerlens reads up to version {SCHEMA_VERSION}. Upgrade careerlens.")
        if found < SCHEMA_VERSION:
            if self.read_only:
                raise SchemaVersionError(
                    f"{self.path} has schema version {found} and needs migrating to "
                    f"{SCHEMA_VERSION}; open it once for writing (e.g. `careerlens ingest`).")
            self._migrate(found)
        self.schema_version = SCHEMA_VERSION

    def _migrate(self, found: int):
        self.run_script("macros")   # migrations may use the shared macros (migrate_5 recomputes posting ids)
        for version in range(found + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                self.run_script(f"schema/migrate_{version}")
                self.con.execute(
                    "UPDATE careerlens_meta SET value = ? WHERE key = 'schema_version'", [str(version)])

    # -- running SQL ------------------------------------------------------------
    def execute(self, sql: str, params=None):
        """Run one statement with bound parameters; returns the DuckDB connection."""
        if self.tracer:
            self.tracer(sql if params is None else f"{sql}  -- {params!r}")
        return self.con.execute(sql, params) if params is not None else self.con.execute(sql)

    def run_script(self, name: str, params=None):
        """Run every statement of ``queries/<name>.sql`` in order.

        ``params`` (a dict) is bound to the statements that use ``$name`` placeholders;
        each statement gets only the parameters it mentions.
        """
        for statement in split_statements(read_query(name)):
            try:
                self.execute(statement, bound_parameters(statement, params))
            except duckdb.Error as exc:
                raise self._query_error(exc, name) from exc

    def query(self, name: str, params=None):
        """Run the named query ``queries/<name>.sql`` and return a pandas DataFrame."""
        return self._run_query(name, params, lambda statement, bound: self.execute(statement, bound).df())

    def arrow(self, name: str, params=None):
        """Run the named query ``queries/<name>.sql`` and return a pyarrow Table."""
        def fetch(statement, bound):
            if self.tracer:
                self.tracer(statement)
            return self.con.sql(statement, params=bound).to_arrow_table()

        return self._run_query(name, params, fetch)

    def arrow_batches(self, name: str, params=None, *, rows: int = 65536):
        """Run the named query ``queries/<name>.sql`` and stream its result as pyarrow record batches.

        For results too large to hold at once (the text of every staged posting): read the
        batches before running another statement on this store.
        """
        def fetch(statement, bound):
            if self.tracer:
                self.tracer(statement)
            return self.con.sql(statement, params=bound).to_arrow_reader(rows)

        return self._run_query(name, params, fetch)

    def _run_query(self, name: str, params, fetch):
        """Run the one statement of ``queries/<name>.sql`` as ``fetch(statement, bound_params)``.

        The file must hold exactly one statement; it gets only the parameters it mentions, and a
        DuckDB error becomes a :class:`CareerlensError` naming the file.
        """
        statements = split_statements(read_query(name))
        if len(statements) != 1:
            raise CareerlensError(f"queries/{name}.sql must hold exactly one statement")
        statement = statements[0]
        try:
            return fetch(statement, bound_parameters(statement, params))
        except duckdb.Error as exc:
            raise self._query_error(exc, name) from exc

    def _query_error(self, exc: duckdb.Error, name: str) -> CareerlensError:
        """A failed named query as an error naming its file, or as a :class:`StorageError` naming the file
        the file system refused to write."""
        return storage_error(exc, file=self.path) or CareerlensError(f"queries/{name}.sql failed: {exc}")

    @contextlib.contextmanager
    def registered(self, name: str, relation):
        """Make ``relation`` (a pyarrow Table or a pandas DataFrame) queryable as ``name`` for a block."""
        self.con.register(name, relation)
        try:
            yield self
        finally:
            self.con.unregister(name)

    def query_progress(self) -> float:
        """How far the query running now (in another thread) has got, 0-100; -1 when DuckDB cannot tell."""
        try:
            return self.con.query_progress()
        except duckdb.Error:
            return -1

    def sql(self, sql: str, params=None):
        """Run ad-hoc SQL (``careerlens sql``) and return a pandas DataFrame."""
        try:
            return self.execute(sql, params).df()
        except duckdb.Error as exc:
            raise self._sql_error(exc) from exc

    def _sql_error(self, exc: duckdb.Error) -> CareerlensError:
        """``SQL error: ...``. For a table that does not exist, the public views are listed, and DuckDB's
        guess is kept only when it names one of ours (it may guess a system view such as ``pg_enum``)."""
        message = str(exc)
        if re.search(r"Table with name .* does not exist", message):
            try:
                relations = dict(self.con.execute(
                    "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' "
                    "ORDER BY table_name").fetchall())
            except duckdb.Error:
                relations = {}
            guess = re.search(r'\nDid you mean "([^"]+)"\?', message)
            if guess and guess.group(1) not in relations:
                message = message.replace(guess.group(0), "")
            views = [name for name, kind in relations.items() if kind == "VIEW"]
            if views:
                message += f"\nThe public views are {', '.join(views)}; SHOW TABLES lists every table."
        return CareerlensError(f"SQL error: {message}")

    def sql_records(self, sql: str, params=None) -> list[dict]:
        """Run ad-hoc SQL and return its rows as dicts of Python values, each of its SQL type.

        A DATE is a ``datetime.date`` and a TIMESTAMP a ``datetime.datetime`` (a DataFrame makes both
        timestamps), a DECIMAL a ``Decimal``: what JSON output needs to write each as it is.
        """
        try:
            return self._records(self.execute(sql, params))
        except duckdb.Error as exc:
            raise self._sql_error(exc) from exc

    def query_records(self, name: str, params=None) -> list[dict]:
        """Run the named query ``queries/<name>.sql`` and return its rows as :meth:`sql_records` does."""
        return self._run_query(name, params, lambda statement, bound: self._records(self.execute(statement, bound)))

    @staticmethod
    def _records(result) -> list[dict]:
        if result.description is None:       # a statement that returns no rows
            return []
        columns = [column[0] for column in result.description]
        return [dict(zip(columns, row)) for row in result.fetchall()]

    @contextlib.contextmanager
    def transaction(self):
        """All or nothing: commit on success, roll back on any exception.

        A write the file system refuses (no space, read-only, no permission), in the block or at the
        commit, is raised as a :class:`~careerlens.errors.StorageError` saying the database is unchanged.
        """
        unchanged = "the database is unchanged: what this step wrote was rolled back"
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException as exc:
            self.con.execute("ROLLBACK")
            problem = storage_error(exc, file=self.path, outcome=unchanged)
            if problem is not None and problem is not exc:
                raise problem from exc
            raise
        try:
            self.con.execute("COMMIT")
        except duckdb.Error as exc:       # DuckDB rolls back a commit it could not write
            raise storage_error(exc, file=self.path, outcome=unchanged) or \
                CareerlensError(f"{self.path}: the commit failed, so nothing was kept: {exc}") from exc

    def holds_data(self) -> bool:
        """Whether any table holds a row beyond the schema version (True when that cannot be read)."""
        try:
            tables = [r[0] for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                "AND table_type = 'BASE TABLE' AND table_name <> 'careerlens_meta'").fetchall()]
            return any(self.con.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchall()[0][0]
                       for name in tables)
        except duckdb.Error:
            return True

    @property
    def cli_option(self) -> str:
        """What names this store on the command line in advice: '' for the default store, else ' --db PATH'.

        The path is absolute, so that the advice works from any folder.
        """
        if self.path == ":memory:" or self.path.resolve() == default_db_path().resolve():
            return ""
        return f" --db {shlex.quote(str(self.path.resolve()))}"

    def table_exists(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0])

    def release_cached_blocks(self):
        """Evict the blocks of stored tables that DuckDB keeps in memory after reading them.

        DuckDB keeps what a query has read until it needs the room under its memory limit, so a
        scan over every posting's description leaves up to the whole limit in this process's
        memory, and what Python allocates afterwards (training's arrays) comes on top: DuckDB
        does not see it. Lowering the limit for a moment to what DuckDB holds besides those
        blocks (temp tables and query state, which have no copy in the file) evicts them
        (DuckDB evicts blocks it can read again first); a later query reads them from the file.
        """
        if self.path == ":memory:":
            return      # an in-memory store's tables have no file to be read again from
        memory = self.query_records("db/memory_in_use")[0]
        if not memory["cached_table_bytes"]:
            return
        try:
            self.execute(read_query("db/set_memory_limit"), {"limit": f"{memory['other_bytes']}B"})
        except duckdb.OutOfMemoryException:
            pass        # more is pinned than that: DuckDB has evicted what it could
        finally:
            self._restore_memory_limit()

    @contextlib.contextmanager
    def staging_area(self, memory_bytes: int, store_memory_bytes: int):
        """A private in-memory DuckDB beside this store, for the staged slices of a large file.

        Inside a transaction DuckDB keeps every table a statement replaces or drops until the transaction
        ends, so staging a file slice after slice in the load's own transaction would pile up every slice
        (and spill it) however small each is. Here each statement commits on its own and a replaced table is
        freed at once; the load's transaction reads each staged slice as Arrow (bench/README.md, issue 20
        part 6). It holds the shared macros and spills to this store's temp folder. The two share the
        memory the store had: the area gets ``memory_bytes`` and the store ``store_memory_bytes`` until the
        area is closed on leaving.
        """
        area = object.__new__(Database)
        area.path, area.read_only, area.memory_limit, area.tracer, area.created = \
            ":memory:", False, f"{memory_bytes}B", self.tracer, True
        temp_folder = self.query_records("db/temp_directory")[0]["temp_directory"]
        self.execute(read_query("db/set_memory_limit"), {"limit": f"{store_memory_bytes}B"})
        try:
            area.con = duckdb.connect(":memory:", config={"memory_limit": area.memory_limit,
                                                          "temp_directory": temp_folder})
            try:
                area.run_script("macros")
                yield area
            finally:
                area.con.close()
        finally:
            self._restore_memory_limit()

    def _restore_memory_limit(self):
        """Back to the memory limit this store was opened with (DuckDB's default if none)."""
        if self.memory_limit:
            self.execute(read_query("db/set_memory_limit"), {"limit": self.memory_limit})
        else:
            self.execute(read_query("db/reset_memory_limit"))

    def memory_limit_setting(self) -> str:
        """DuckDB's memory limit as DuckDB writes it (``'2.7 GiB'``): the one set, else its default."""
        return self.query_records("db/memory_limit")[0]["memory_limit"]

    def checkpoint(self):
        """Write everything in the write-ahead log into the database file.

        Raises
        ------
        StorageError, CareerlensError
            The file system refused the write. What was committed stays in the log (``<name>.wal``), which
            every later command reads; the first one that opens the database for writing with room to
            spare writes it in.
        """
        if self.path == ":memory:":
            return
        log = self.path.with_name(self.path.name + ".wal")
        waiting = log.stat().st_size if log.exists() else 0
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            outcome = (f"what was committed is safe in {log.name}, which every command reads, but it could not "
                       f"be written into the database file; once there is room, any command that writes (such "
                       f"as `careerlens ingest` of a file loaded before) finishes it")
            problem = storage_error(exc, file=self.path, outcome=outcome)
            if problem is not None:
                problem.needed = problem.needed or human_bytes(waiting)
                raise problem from exc
            raise CareerlensError(f"{self.path}: could not write the write-ahead log into the database file "
                                  f"(checkpoint failed: {exc}); {outcome}") from exc

    def cursor(self) -> "Database":
        """Another connection to the same store, for a worker thread.

        It has its own temp tables and transaction, so threads can each run a
        batch's queries at once (DuckDB runs a query over one small table on
        one core; two connections keep both cores busy).
        """
        twin = object.__new__(Database)
        twin.__dict__.update(self.__dict__)
        twin.con = self.con.cursor()
        return twin

    def close(self):
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_database(path=None, **kwargs) -> Database:
    """Open (creating or migrating if needed) the careerlens store at ``path``."""
    return Database(default_db_path() if path is None else path, **kwargs)


@contextlib.contextmanager
def open_for_run(path=None, **kwargs):
    """Open the store for one run of a command; a store this run created goes again if the run fails empty.

    A failed first ``ingest``, a ``classify`` before ``train`` or an ``ingest`` of a folder with
    nothing to load would otherwise leave an empty ``careerlens.duckdb`` behind, and ``report``,
    finding a database, would no longer build the bundled default. A store that existed before the
    run, or that holds any row, is never removed.
    """
    db = open_database(path, **kwargs)
    try:
        yield db
    except BaseException:
        discard = db.created and not db.holds_data()
        db.close()
        if discard:
            remove_database(db.path)
        raise
    try:
        if not db.read_only:
            db.checkpoint()         # a run that succeeds leaves no write-ahead log behind, or says why
    finally:
        db.close()


def remove_database(path) -> None:
    """Delete a store file and its write-ahead log (``<name>.wal``), if they exist."""
    path = Path(path)
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
