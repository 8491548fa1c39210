"""One exception tree for the library; the CLI turns these into exit codes."""

from __future__ import annotations


class CareerlensError(Exception):
    """Base class of every error careerlens raises on purpose."""

    exit_code = 1


class CareerlensWarning(UserWarning):
    """Something went wrong that careerlens worked around (a damaged cache file); the CLI prints it as one line."""


class InputError(CareerlensError):
    """Bad input data, located as precisely as we can: file, row and field.

    Parameters
    ----------
    message : str
        What is wrong, in words a user can act on.
    file, row, field : optional
        Where it is. ``row`` is the 1-based data record (the first record after
        the header is row 1), or the line number when ``line=True``.
    """

    def __init__(self, message, *, file=None, row=None, field=None, line=False):
        self.file, self.row, self.field, self.is_line = file, row, field, line
        self.reason = message
        where = []
        if file is not None:
            where.append(str(file))
        if row is not None:
            where.append(f"{'line' if line else 'row'} {row}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join([', '.join(where)] if where else [])}{': ' if where else ''}{message}")


class UnknownFormatError(InputError):
    """A file whose format careerlens cannot recognise from its name and header."""


class CurriculumNotFoundError(InputError):
    """A curriculum named on the command line is neither a file nor the name of a bundled curriculum."""


class UsageError(CareerlensError):
    """The caller asked for something that cannot be done (exit code 2)."""

    exit_code = 2


class SchemaVersionError(CareerlensError):
    """The database was written by a careerlens with another schema version."""


class DatabaseBusyError(CareerlensError):
    """Another process holds the database's write lock."""


class StorageError(CareerlensError):
    """A write the file system refused: no space left, a read-only file system, permission denied.

    Parameters
    ----------
    problem : str
        What the file system said, in words (``no space left on the device``).
    file : str or Path
        The file being written when it said so.
    doing : str, optional
        What careerlens was doing (``cannot load DataAnalyst.csv``).
    needed, free : str, optional
        The room the write needed, where it can be estimated, and the room there is.
    outcome : str, optional
        What state the run left things in (``the database is unchanged``).
    advice : str, optional
        What to do about it.
    """

    def __init__(self, problem, *, file, doing=None, needed=None, free=None, outcome=None, advice=None):
        self.problem, self.file, self.doing = problem, file, doing
        self.needed, self.free, self.outcome, self.advice = needed, free, outcome, advice
        super().__init__(problem)

    def __str__(self) -> str:
        room = ", ".join(part for part in (f"about {self.needed} needed" if self.needed else None,
                                           f"{self.free} free" if self.free else None) if part)
        text = f"{self.problem}: {self.file}" + (f" ({room})" if room else "")
        for part in (self.outcome, self.advice):
            if part:
                text += f"; {part}"
        return f"{self.doing}: {text}" if self.doing else text
