"""The bundled list of known public job boards (``data/boards/known_boards.csv``), for ``fetch --known``."""

from __future__ import annotations

import csv
import io

from careerlens.errors import CareerlensError


def known_boards(provider: str, limit: int | None = None) -> list[str]:
    """The known boards of ``provider``, in file order; the first ``limit`` when given."""
    from careerlens.resources import data_text

    rows = list(csv.DictReader(io.StringIO(data_text("boards", "known_boards.csv"))))
    boards = [row["board"].strip() for row in rows if row["provider"].strip() == provider]
    if not boards:
        raise CareerlensError(f"data/boards/known_boards.csv lists no {provider} boards")
    return boards[:limit] if limit else boards
