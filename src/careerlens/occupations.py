"""The detailed SOC 2018 occupations careerlens knows: codes, titles, and checking a code someone wrote.

A curriculum's ``target_occupations`` and the report's ``--roles`` name
occupations by SOC code (``29-1141``). The codes are those of the bundled data:
every SOC code of the O*NET 29.3 titles (``data/onet/onet_titles.csv.gz``,
titled by O*NET's ``.00`` occupation) and of the BLS OEWS May 2025 employment
file (``data/oews/oews_may2025_employment.csv``, which adds the few detailed
codes OEWS publishes and O*NET splits, such as ``21-1018``).
"""

from __future__ import annotations

import functools
import re

from careerlens.resources import data_file

SOC_CODE = re.compile(r"^\d{2}-\d{4}$")


@functools.cache
def soc_occupations() -> dict[str, str]:
    """Detailed SOC 2018 code -> occupation title (``'29-1141'`` -> ``'Registered Nurses'``), by code."""
    import pandas as pd

    with data_file("onet", "onet_titles.csv.gz") as path:
        onet = pd.read_csv(path, dtype=str, usecols=["onet_soc_code", "soc_code", "title", "title_kind"])
    with data_file("oews", "oews_may2025_employment.csv") as path:
        oews = pd.read_csv(path, dtype=str, usecols=["soc_code", "occupation"])
    occupations = onet[onet["title_kind"] == "occupation"].sort_values("onet_soc_code").drop_duplicates("soc_code")
    titles = dict(zip(oews["soc_code"], oews["occupation"]))
    titles.update(zip(occupations["soc_code"], occupations["title"]))
    return dict(sorted(titles.items()))


def soc_code_problem(code) -> str | None:
    """Why ``code`` is not a detailed SOC 2018 occupation careerlens knows, or None when it is one.

    ``'29-1141.00'`` is an O*NET-SOC code (write ``29-1141``); ``'15-1250'`` is a broad group, so the
    answer lists the detailed occupations under it.
    """
    known = soc_occupations()
    if not isinstance(code, str):
        return f"a SOC code is written as text, \"NN-NNNN\", not {code!r}"
    text = code.strip()
    if re.fullmatch(r"\d{2}-\d{4}\.\d{2}", text):
        return f"{text!r} is an O*NET-SOC code; write its SOC 2018 code {text[:7]!r}"
    if not SOC_CODE.match(text):
        return f"{code!r} is not a SOC code: write a detailed SOC 2018 code such as \"29-1141\""
    if text in known:
        return None
    group = text.rstrip("0") if text.endswith("0") else None    # '15-1250' -> '15-125', '15-0000' -> '15-'
    under = [c for c in known if c.startswith(group)] if group else []
    if under:
        shown = ", ".join(f"{c} {known[c]}" for c in under[:8]) + (", ..." if len(under) > 8 else "")
        return f"{text!r} is a SOC group, not a detailed occupation; the detailed occupations in it: {shown}"
    return f"{text!r} is not a detailed SOC 2018 occupation (the bundled O*NET and OEWS data know {len(known)})"
