"""Check what a programme promises about careers against the official wages and the loaded postings.

:func:`check_claims` takes a curriculum's ``[[claims]]`` (:mod:`careerlens.claimspec`)
and returns, for each, a :class:`ClaimCheck`: a verdict from :data:`VERDICTS`, a
sentence saying exactly which part holds or fails, and the evidence figures.
Wages are OEWS annual wages of the latest release loaded, printed as BLS prints
them ($120,230). The rules are in ``docs/curriculum-format.md`` (Verdicts); a
claim whose evidence is missing *cannot be checked*, with the reason, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlens.claimspec import Claim, known_roles, known_sectors
from careerlens.stats import wilson_interval

VERDICTS = (SUPPORTED, PARTLY, NOT_SUPPORTED, UNCHECKABLE) = (
    "supported", "partly supported", "not supported", "cannot be checked")

#: A detailed industry's median counts towards a salary range only when it employs at least this many of the
#: occupation: a cell of a few dozen people can rest on one employer.
MIN_INDUSTRY_EMPLOYMENT = 1_000
#: "Ranging from $100,000" is a round figure: the low end holds unless some median falls more than 10% below it
#: (the floor is then overstated, which is what misleads a reader).
LOW_END_TOLERANCE = 0.10
#: BLS publishes annual wages at or above this only as ">= $239,200" ($115.00 an hour, footnote 5): a
#: top-coded value is at least this much, and is counted as this much.
TOP_CODE_ANNUAL = 239_200
#: The OEWS groups of a wage claim's evidence, in the order shown, with what they are called in a sentence.
WAGE_GROUPS = {"national": "national", "sector": "industry (sector)", "industry": "detailed industry",
               "state": "state", "postings": "job postings"}
DIMENSION_GROUPS = {"national": ("national",), "industry": ("sector", "industry"), "state": ("state",)}
EVIDENCE_COLUMNS = ["group", "name", "value", "p90", "n", "note", "counted"]


@dataclass
class ClaimCheck:
    """The check of one claim.

    ``evidence`` has one row per figure: ``group`` (national, sector, industry, state, postings, period,
    role, sector employment), ``name``, ``value`` (a wage, a share of postings or an employment count),
    ``p90`` (wages), ``n`` (employment or postings), ``note`` (top-coded, not released, too few) and
    ``counted`` (whether the verdict rests on it). ``measure`` says what ``value`` is: wage, share, employment.
    """

    claim: Claim
    verdict: str
    finding: str
    evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVIDENCE_COLUMNS))
    measure: str = "wage"
    release: str | None = None
    targets: tuple = ()              # (label, value) reference lines: the claim's low and high, amount, share

    def record(self) -> dict:
        """The check as one row: what ``careerlens claims`` prints."""
        return {"claim": self.claim.number, "kind": self.claim.kind, "verdict": self.verdict,
                "finding": self.finding, "release": self.release, "text": self.claim.text}


def usd(value, top_coded: bool = False) -> str:
    """A wage as BLS publishes it: ``$120,230``; a top-coded one as ``>= $239,200``."""
    if value is None or value != value:
        return "not published"
    return f"{'>= ' if top_coded else ''}${value:,.0f}"


def percent(share) -> str:
    return f"{share:.0%}" if share * 100 == round(share * 100) or share >= 0.1 else f"{share:.1%}"


def check_claims(db, curriculum, *, model_id: str | None = None, min_n: int = 30) -> list[ClaimCheck]:
    """Check every claim of ``curriculum`` against what ``db`` holds.

    Parameters
    ----------
    db : careerlens.db.Database
        The store: OEWS wages (``oews_wages``) and postings.
    curriculum : careerlens.curriculum.Curriculum
        Its ``claims`` are checked, in file order.
    model_id : str, optional
        The classifier whose labels say which postings ask for a topic (the newest trained for this
        curriculum); without one, claims about topics cannot be checked.
    min_n : int
        Fewer postings than this in a scope or a period make a posting figure too few to judge.
    """
    checks = []
    for claim in curriculum.claims:
        checker = CHECKERS[claim.kind]
        checks.append(checker(db, claim, model_id=model_id, min_n=min_n, curriculum=curriculum))
    return checks


# -- wages -----------------------------------------------------------------------------------
def _top_coded(flags: str, column: str) -> bool:
    measure = "annual_median" if column == "p50" else f"annual_{column}"
    return f"{measure}:top_coded" in (flags or "")


def wage_rows(db, soc_code: str, column: str = "p50") -> pd.DataFrame:
    """OEWS rows of ``soc_code`` as evidence: national, sectors, detailed industries, states.

    ``value`` is the wage at ``column`` (``p50`` the median): a top-coded one is :data:`TOP_CODE_ANNUAL`
    (noted), a suppressed one NaN (noted, never counted); a detailed industry counts only with at least
    :data:`MIN_INDUSTRY_EMPLOYMENT` employed.
    """
    rows = db.query("claims/oews_occupation_wages", {"soc_codes": [soc_code]})
    if rows.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS + ["release"])
    national = rows["area_type"] == "national"
    group = np.select(
        [national & (rows["industry_code"] == "000000"), national & (rows["industry_level"] == "sector") & rows["industry_code"].str.contains("-"),
         national & rows["industry_level"].isin(["subsector", "industry_group", "industry"]),
         rows["area_type"] == "state"],
        ["national", "sector", "industry", "state"], default="")
    rows = rows.assign(group=group)
    rows = rows[rows["group"] != ""].copy()
    top = rows["flags"].map(lambda flags: _top_coded(flags, column))
    p90_top = rows["flags"].map(lambda flags: _top_coded(flags, "p90"))
    rows["value"] = rows[column].where(~top, TOP_CODE_ANNUAL)
    rows["p90"] = rows["p90"].where(~p90_top, TOP_CODE_ANNUAL)
    rows["name"] = np.where(rows["group"] == "state", rows["area_name"],
                            np.where(rows["group"] == "national", "United States, all industries",
                                     rows["industry_name"]))
    small = (rows["group"] == "industry") & ~(rows["employment"] >= MIN_INDUSTRY_EMPLOYMENT)
    notes = np.select([top, rows["value"].isna(), small],
                      [f"top-coded: BLS publishes {usd(TOP_CODE_ANNUAL, True)}", "not released by BLS",
                       f"fewer than {MIN_INDUSTRY_EMPLOYMENT:,} employed"], default="")
    rows["note"] = [note + ("; 90th percentile top-coded" if p else "") for note, p in zip(notes, p90_top)]
    rows["counted"] = rows["value"].notna() & ~small
    rows = rows.rename(columns={"employment": "n"})
    order = {g: i for i, g in enumerate(WAGE_GROUPS)}
    rows = rows.sort_values(["group", "value"], key=lambda s: s.map(order) if s.name == "group" else -s.fillna(-1))
    return rows[EVIDENCE_COLUMNS + ["release"]].reset_index(drop=True)


def wage_ranges(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per evidence group (national, sector, detailed industry, state): the medians counted, the lowest and the
    highest with where they are, and the highest 90th percentile beside them."""
    rows = []
    for group, label in WAGE_GROUPS.items():
        cells = evidence[(evidence["group"] == group) & evidence["value"].notna()
                         & ((evidence["group"] != "industry") | ~evidence["note"].str.startswith("fewer than"))]
        if cells.empty:
            continue
        low, high = cells.loc[cells["value"].idxmin()], cells.loc[cells["value"].idxmax()]
        rows.append({"group": label, "cells": len(cells), "lowest": low["value"], "lowest_in": low["name"],
                     "highest": high["value"], "highest_in": high["name"], "highest_p90": cells["p90"].max(),
                     "counted": bool(cells["counted"].any())})
    return pd.DataFrame(rows, columns=["group", "cells", "lowest", "lowest_in", "highest", "highest_in",
                                       "highest_p90", "counted"])


def _posting_salaries(db, soc_code: str, min_n: int) -> pd.DataFrame:
    """The postings' salaries for the occupation, as one evidence row (never counted towards a verdict)."""
    found = db.query("claims/posting_salaries", {"soc_code": soc_code}).iloc[0]
    n = int(found["n"])
    if n == 0:
        note = "no postings with a salary for this occupation"
    elif n < min_n:
        note = f"too few postings with a salary ({n}, fewer than {min_n})"
    else:
        note = "synthetic demonstration postings" if found["n_demo"] == n else ""
    enough = n >= min_n
    return pd.DataFrame([{"group": "postings", "name": f"job postings with a salary (n = {n:,})",
                          "value": found["median"] if enough else np.nan, "p90": found["p90"] if enough else np.nan,
                          "n": n, "note": note, "counted": False}])


def _wage(row) -> str:
    """A wage of the evidence as BLS publishes it, marked when top-coded: '>= $239,200 (top-coded)'."""
    top = row["note"].startswith("top-coded")
    return usd(row["value"], top) + (" (top-coded)" if top else "")


def _where(row) -> str:
    return f"{_wage(row)} in {row['name']}"


def _dimension_words(varies_by) -> str:
    words = [{"industry": "industry", "state": "state"}[d] for d in varies_by if d != "national"]
    return " or ".join(words) if words else "national"


def _uncheckable_wages(claim: Claim, rows: pd.DataFrame, release) -> ClaimCheck | None:
    occupation = f"{claim.occupation}" + (f" ({claim.role})" if claim.role else "")
    if rows.empty:
        return ClaimCheck(claim, UNCHECKABLE, f"no OEWS wages are loaded for SOC {occupation}: load the OEWS "
                                              "release that covers it (careerlens fetch oe, then careerlens ingest)",
                          release=release)
    national = rows[rows["group"] == "national"]
    if national.empty or national["value"].isna().all():
        return ClaimCheck(claim, UNCHECKABLE, f"BLS publishes no national wage at this percentile for SOC "
                                              f"{occupation} in OEWS {release}", rows, release=release)
    return None


def check_salary_median_range(db, claim: Claim, *, min_n: int, **_) -> ClaimCheck:
    """National median within [low, high]; the named dimensions' lowest median reaches low, the highest high."""
    rows = wage_rows(db, claim.occupation)
    release = rows["release"].iloc[0] if len(rows) else None
    failed = _uncheckable_wages(claim, rows, release)
    if failed is not None:
        return failed
    groups = {g for d in claim.varies_by for g in DIMENSION_GROUPS[d]} | {"national"}
    rows.loc[~rows["group"].isin(groups), "counted"] = False
    evidence = pd.concat([rows.drop(columns="release"), _posting_salaries(db, claim.occupation, min_n)],
                         ignore_index=True)
    counted = rows[rows["counted"]]
    national = rows[rows["group"] == "national"].iloc[0]
    lowest, highest = counted.loc[counted["value"].idxmin()], counted.loc[counted["value"].idxmax()]
    low, high = claim.low, claim.high
    in_range = low <= national["value"] <= high
    low_ok = lowest["value"] >= low * (1 - LOW_END_TOLERANCE)
    high_ok = highest["value"] >= high
    words = _dimension_words(claim.varies_by)
    parts = [f"the national median ({_wage(national)}) "
             + ("lies" if in_range else "does not lie") + f" between {usd(low)} and {usd(high)}"]
    parts.append(f"the lowest {words} median is {_where(lowest)}"
                 + (f", within {LOW_END_TOLERANCE:.0%} of {usd(low)} or above" if low_ok else
                    f", more than {LOW_END_TOLERANCE:.0%} below the {usd(low)} the range is said to start at"))
    if high_ok:
        parts.append(f"the highest reaches {usd(high)}: {_where(highest)}")
    else:
        parts.append(f"no {words} median reaches {usd(high)}; the highest is {_where(highest)}")
        reaching = counted[counted["p90"] >= high]
        if len(reaching):
            parts.append(f"only the 90th percentile does, in {len(reaching)} of the {len(counted)} places compared "
                         f"(nationally it is {usd(national['p90'], 'percentile top-coded' in national['note'])})")
    held = [in_range, low_ok, high_ok]
    verdict = SUPPORTED if all(held) else NOT_SUPPORTED if not any(held) else PARTLY
    return ClaimCheck(claim, verdict, f"OEWS {release}: " + "; ".join(parts) + _left_out(rows, groups) + ".",
                      evidence, release=release, targets=(("low", low), ("high", high)))


def _left_out(rows: pd.DataFrame, groups) -> str:
    notes = rows[rows["group"].isin(groups)]
    suppressed = int((notes["note"] == "not released by BLS").sum())
    small = int(notes["note"].str.startswith("fewer than").sum())
    said = []
    if suppressed:
        said.append(f"{suppressed} not released by BLS")
    if small:
        said.append(f"{small} detailed industries with fewer than {MIN_INDUSTRY_EMPLOYMENT:,} employed")
    return f" ({' and '.join(said)} left out)" if said else ""


def check_salary_level(db, claim: Claim, *, min_n: int, **_) -> ClaimCheck:
    """The national wage at the percentile is at least ``amount``; partly when only some sector or state's is."""
    column = f"p{claim.percentile}"
    rows = wage_rows(db, claim.occupation, column)
    release = rows["release"].iloc[0] if len(rows) else None
    failed = _uncheckable_wages(claim, rows, release)
    if failed is not None:
        return failed
    rows.loc[rows["group"] == "industry", "counted"] = False
    evidence = pd.concat([rows.drop(columns="release"), _posting_salaries(db, claim.occupation, min_n)],
                         ignore_index=True)
    national = rows[rows["group"] == "national"].iloc[0]
    what = "median" if claim.percentile == 50 else f"{claim.percentile}th percentile"
    top = "top-coded" in national["note"]
    amount = claim.amount
    if top and amount > TOP_CODE_ANNUAL:
        return ClaimCheck(claim, UNCHECKABLE, f"OEWS {release}: the national {what} is top-coded (BLS publishes "
                                              f"only {usd(TOP_CODE_ANNUAL, True)}), so whether it reaches "
                                              f"{usd(amount)} cannot be told", evidence, release=release,
                          targets=(("amount", amount),))
    head = f"OEWS {release}: the national {what} is {usd(national['value'], top)}"
    if national["value"] >= amount:
        verdict, finding = SUPPORTED, f"{head}, at least {usd(amount)}"
    else:
        others = rows[rows["counted"] & rows["group"].isin(["sector", "state"])]
        reaching = others[others["value"] >= amount]
        best = others.loc[others["value"].idxmax()] if len(others) else None
        if len(reaching):
            verdict = PARTLY
            finding = (f"{head}, below {usd(amount)}; {len(reaching)} of {len(others)} sectors and states reach it, "
                       f"the highest {_where(best)}")
        else:
            verdict = NOT_SUPPORTED
            finding = f"{head}, below {usd(amount)}; no sector or state reaches it" + (
                f" (the highest is {_where(best)})" if best is not None else "")
    return ClaimCheck(claim, verdict, finding + ".", evidence, release=release, targets=(("amount", amount),))


# -- postings -----------------------------------------------------------------------------------
def _subject(claim: Claim, curriculum) -> str:
    if claim.topic:
        return f"the topic '{curriculum.topic(claim.topic).name}'"
    return f"the role {claim.role}"


def _scope_words(claim: Claim) -> str:
    parts = ([f"roles {', '.join(claim.roles)}"] if claim.roles else []) + (
        [f"NAICS sectors {', '.join(claim.sectors)}"] if claim.sectors else [])
    return f" ({'; '.join(parts)})" if parts else ""


def _posting_counts(db, claim: Claim, periods, model_id) -> pd.DataFrame:
    counts = db.query("claims/posting_shares", {
        "periods": list(periods), "model_id": model_id if claim.topic else None, "topic": claim.topic,
        "role": claim.role, "roles": list(claim.roles) or None, "industries": list(claim.sectors) or None})
    counts = counts.set_index("period").loc[list(periods)].reset_index()
    counts["share"] = counts["n_asking"] / counts["n_postings"].where(counts["n_postings"] > 0)
    counts["ci_low"], counts["ci_high"] = wilson_interval(counts["n_asking"], counts["n_postings"])
    return counts


def _postings_unavailable(claim: Claim, model_id) -> str | None:
    if claim.unknown_roles:
        return (f"careerlens does not know the role {claim.unknown_roles[0]!r}, so no posting is mapped to it "
                f"(known roles: {', '.join(known_roles())})")
    if claim.topic and model_id is None:
        return ("no postings are labelled with this curriculum's topics: run `careerlens train` and "
                "`careerlens classify` with this curriculum first")
    return None


def _share_evidence(counts: pd.DataFrame, group: str) -> pd.DataFrame:
    return pd.DataFrame({"group": group, "name": counts["period"], "value": counts["share"], "p90": np.nan,
                         "n": counts["n_postings"], "note": [f"95% interval {percent(lo)} to {percent(hi)}"
                                                             if lo == lo else "no postings"
                                                             for lo, hi in zip(counts["ci_low"], counts["ci_high"])],
                         "counted": True})


def check_demand_share(db, claim: Claim, *, model_id, min_n: int, curriculum, **_) -> ClaimCheck:
    """The share of postings in scope asking for the topic (or in the role) against the claimed share."""
    reason = _postings_unavailable(claim, model_id)
    if reason:
        return ClaimCheck(claim, UNCHECKABLE, reason, measure="share")
    counts = _posting_counts(db, claim, ["all"], model_id)
    row = counts.iloc[0]
    evidence = _share_evidence(counts.assign(period="postings in scope"), "postings")
    subject, scope, target = _subject(claim, curriculum), _scope_words(claim), claim.share
    if row["n_postings"] < min_n:
        return ClaimCheck(claim, UNCHECKABLE, f"too few postings in scope{scope}: {int(row['n_postings'])}, fewer "
                                              f"than {min_n}", evidence, measure="share", targets=(("claimed", target),))
    observed = (f"{int(row['n_asking']):,} of {int(row['n_postings']):,} postings{scope} ask for {subject} "
                f"({percent(row['share'])}, 95% interval {percent(row['ci_low'])} to {percent(row['ci_high'])})")
    if row["share"] >= target:
        verdict, finding = SUPPORTED, f"{observed}: at least the {percent(target)} claimed"
    elif row["ci_high"] >= target:
        verdict, finding = PARTLY, (f"{observed}: below the {percent(target)} claimed, though the interval reaches "
                                    "it, so these postings cannot rule it out")
    else:
        verdict, finding = NOT_SUPPORTED, f"{observed}: the whole interval lies below the {percent(target)} claimed"
    return ClaimCheck(claim, verdict, finding + ".", evidence, measure="share", targets=(("claimed", target),))


def check_demand_trend(db, claim: Claim, *, model_id, min_n: int, curriculum, **_) -> ClaimCheck:
    """The share in ``to`` against ``from``: grows with a 95% interval of the difference above zero."""
    reason = _postings_unavailable(claim, model_id)
    if reason:
        return ClaimCheck(claim, UNCHECKABLE, reason, measure="share")
    periods = [claim.period_from, claim.period_to]
    counts = _posting_counts(db, claim, periods, model_id)
    evidence = _share_evidence(counts, "period")
    first, last = counts.iloc[0], counts.iloc[1]
    subject, scope = _subject(claim, curriculum), _scope_words(claim)
    thin = [f"{r['period']} ({int(r['n_postings'])})" for _, r in counts.iterrows() if r["n_postings"] < min_n]
    if thin:
        return ClaimCheck(claim, UNCHECKABLE, f"too few postings{scope} dated in {' and '.join(thin)}: fewer than "
                                              f"{min_n}", evidence, measure="share")
    difference = last["share"] - first["share"]
    # Newcombe's interval for a difference of two shares, from each share's Wilson interval.
    low = difference - np.hypot(last["share"] - last["ci_low"], first["ci_high"] - first["share"])
    high = difference + np.hypot(last["ci_high"] - last["share"], first["share"] - first["ci_low"])
    observed = (f"the share of postings{scope} asking for {subject} went from {percent(first['share'])} in "
                f"{first['period']} (n = {int(first['n_postings']):,}) to {percent(last['share'])} in "
                f"{last['period']} (n = {int(last['n_postings']):,}), a change of {difference * 100:+.1f} points "
                f"(95% interval {low * 100:+.1f} to {high * 100:+.1f})")
    if difference > 0 and low > 0:
        verdict, finding = SUPPORTED, f"{observed}: it grew"
    elif difference > 0:
        verdict, finding = PARTLY, f"{observed}: it grew, but by less than the postings can tell from no change"
    else:
        verdict, finding = NOT_SUPPORTED, f"{observed}: it did not grow"
    finding += "; a claim about the future is checked against the past trend" if "expect" in claim.text else ""
    return ClaimCheck(claim, verdict, finding + ".", evidence, measure="share")


def check_roles_and_industries(db, claim: Claim, *, min_n: int, **_) -> ClaimCheck:
    """Each known role has postings, and OEWS employment of its occupation in each named sector."""
    roles = known_roles()
    known = [r for r in claim.roles if r in roles and roles[r]]
    unknown = [r for r in claim.roles if r not in known]
    sectors = known_sectors()
    if not known:
        return ClaimCheck(claim, UNCHECKABLE, f"careerlens does not know the roles {', '.join(unknown)} (known "
                                              f"roles: {', '.join(r for r in roles if roles[r])})",
                          measure="employment")
    postings = db.query("claims/role_postings", {"roles": known, "industries": list(claim.sectors)})
    postings = postings.set_index("role").loc[known].reset_index()          # in the claim's order
    wages = db.query("claims/oews_occupation_wages", {"soc_codes": sorted({roles[r] for r in known})})
    release = wages["release"].iloc[0] if len(wages) else None
    in_sectors = wages[(wages["area_type"] == "national") & (wages["industry_level"] == "sector")]
    rows, held, failed = [], [], []
    for row in postings.itertuples():
        n = int(row.n_postings)
        rows.append({"group": "role postings", "name": row.role, "value": n, "p90": np.nan, "n": n,
                     "note": f"{int(row.n_in_sectors):,} in the named sectors", "counted": True})
        (held if n > 0 else failed).append(f"no postings for {row.role}" if n == 0 else row.role)
    for role in known:
        for sector in claim.sectors:
            found = in_sectors[(in_sectors["soc_code"] == roles[role]) & (in_sectors["naics_sector"] == sector)]
            employment = found["employment"].sum(min_count=1) if len(found) else np.nan
            name = f"{role} in {sectors[sector]}"
            rows.append({"group": "sector employment", "name": name, "value": employment, "p90": np.nan,
                         "n": employment, "note": f"SOC {roles[role]}" + ("" if employment == employment else
                                                                          ", no employment published"),
                         "counted": True})
            if employment > 0:
                held.append(name)
            else:
                failed.append(f"OEWS publishes no employment of {role} (SOC {roles[role]}) in {sectors[sector]}")
    if wages.empty:
        return ClaimCheck(claim, UNCHECKABLE, "no OEWS wages are loaded for these roles' occupations, so their "
                                              "employment by sector cannot be told", pd.DataFrame(rows),
                          measure="employment")
    employed = [r for r in rows if r["group"] == "sector employment" and r["value"] == r["value"]]
    summary = (f"OEWS {release}: " + (f"all {len(employed)} role and sector pairs employ people"
               if len(employed) == len(known) * len(claim.sectors) else
               f"{len(employed)} of {len(known) * len(claim.sectors)} role and sector pairs employ people")
               + "; postings: " + ", ".join(f"{r['name']} {int(r['value']):,}" for r in rows
                                            if r["group"] == "role postings"))
    verdict = SUPPORTED if not failed else NOT_SUPPORTED if not held else PARTLY
    if unknown:
        verdict = PARTLY if held else UNCHECKABLE
        failed.append(f"careerlens does not know the role{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}, "
                      "so that part cannot be checked")
    finding = summary + ("; " + "; ".join(failed) if failed else "")
    return ClaimCheck(claim, verdict, finding + ".", pd.DataFrame(rows, columns=EVIDENCE_COLUMNS),
                      measure="employment", release=release)


CHECKERS = {"salary_median_range": check_salary_median_range, "salary_level": check_salary_level,
            "demand_share": check_demand_share, "demand_trend": check_demand_trend,
            "roles_and_industries": check_roles_and_industries}


def checks_frame(checks: list[ClaimCheck]) -> pd.DataFrame:
    """One row per claim: number, kind, verdict, finding, release, text."""
    return pd.DataFrame([check.record() for check in checks],
                        columns=["claim", "kind", "verdict", "finding", "release", "text"])


def check_records(checks: list[ClaimCheck]) -> list[dict]:
    """Each check as a dict with its evidence rows: what ``careerlens claims --format json`` prints."""
    return [{**check.record(), "evidence": check.evidence.astype(object).where(check.evidence.notna(), None)
             .to_dict("records")} for check in checks]
