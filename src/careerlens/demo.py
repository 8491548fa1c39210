"""A synthetic corpus of job postings for the bundled demonstration report.

Every posting here is invented: the companies, the sentences and the figures
were written for careerlens, and none comes from a real advert. The corpus
exists so that ``careerlens report`` can show demand charts before any real
postings are loaded; every page that uses it must say that it is synthetic.

The generator is seeded, so one seed always gives the same corpus. It builds
the structure a report should reveal: topic rates that depend on the role
(``ROLES``), salaries that depend on role, seniority and state, and posting
volumes and topic rates that move over 2024-2025. Topic mentions are explicit
("statistics"), implicit ("A/B tests" for statistics, "PyTorch" for deep
learning, "eigenvalues" for linear algebra), and there are decoys that must not
count ("R&D", "we are an AI company", "optimize workflows"). The ground truth
(which topics each posting really asks for) is returned beside the text, so a
classifier can be checked against it. The words (companies, places, sentences,
decoys, the roles' titles and rates) are data, in ``data/demo_words.toml``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

from careerlens.resources import data_text

# The topic ids of the default curriculum (data/curricula/maths-for-ml.toml).
TOPICS = ("python", "sql", "statistics", "machine_learning", "deep_learning", "nlp", "linear_algebra",
          "calculus", "optimization", "probability", "r_programming", "data_visualization", "big_data",
          "mlops", "communication")

COLUMNS = ("id", "title", "company", "industry", "location", "posted_date", "salary_text", "salary_min",
           "salary_max", "salary_period", "salary_currency", "salary_kind", "description")
# What the committed CSV holds: the salary as text only (the generic loader parses it, kind
# included), and the ground truth as ``generator_topics`` (no loader reads it).
FILE_COLUMNS = ("id", "title", "company", "industry", "location", "posted_date", "salary_text", "description",
                "generator_topics")

FIRST_MONTH = dt.date(2024, 1, 1)
MONTHS = 24                                   # 2024-01 .. 2025-12


# -- roles -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    """One kind of job: its titles, pay, where it is advertised and what it asks for.

    ``salary`` is the mid-level annual midpoint in USD; ``trend`` how much the
    monthly volume grows from January 2024 to December 2025 (0.5 = half as
    many again); ``rates`` the chance that a posting asks for each topic.
    """

    key: str
    share: float
    titles: tuple[str, ...]
    salary: int
    hourly: float
    trend: float
    industries: tuple[tuple[str, float], ...]
    rates: dict
    duties: tuple[str, ...]
    degrees: tuple[int, ...]                  # indexes into DEGREES
    seniorities: tuple[float, float, float, float] = (0.2, 0.4, 0.3, 0.1)   # junior, mid, senior, lead


def _rates(**given) -> dict:
    return {topic: given.get(topic, 0.0) for topic in TOPICS}


OTHER_SHARE = 0.13
OTHER_RATES = _rates(sql=0.03, data_visualization=0.03, communication=0.45, python=0.01, statistics=0.01)

SENIORITY = ("junior", "mid", "senior", "lead")
SENIORITY_PAY = {"junior": 0.78, "mid": 1.0, "senior": 1.25, "lead": 1.45}
REMOTE_SHARE = 0.05


# -- the words ---------------------------------------------------------------------------------

def _frozen(value):
    """TOML arrays as tuples, as the tables were written in Python (tests unpack and compare them)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@functools.cache
def words() -> dict:
    """The word tables of ``data/demo_words.toml`` (companies, places, sentences, decoys, roles), read once."""
    tables = _frozen(tomllib.loads(data_text("demo_words.toml")))
    tables["roles"] = tuple(Role(**{**role, "rates": _rates(**role["rates"])}) for role in tables["roles"])
    return tables


def __getattr__(name: str):
    """``ROLES``, ``TOPIC_SENTENCES``, ``DECOYS``... : the word tables by their upper-case names, read on first use."""
    if name.isupper() and name.lower() in words():
        return words()[name.lower()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- the generator ---------------------------------------------------------------------------

def generate_demo_postings(n: int = 1500, seed: int = 2025):
    """A synthetic job-posting corpus, the same for the same ``n`` and ``seed``.

    Parameters
    ----------
    n : int
        Number of postings.
    seed : int
        Seed of the random generator.

    Returns
    -------
    pandas.DataFrame
        One row per posting, with the columns of :data:`COLUMNS` plus
        ``topics`` (the ground truth: topic ids the posting asks for, in
        :data:`TOPICS` order, joined by ``;``), ``role`` and ``seniority``
        (what the generator meant, for tests).
    """
    import pandas as pd

    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    rng = random.Random(seed)
    rows = [_posting(rng, i + 1) for i in range(n)]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "topics", "role", "seniority"])
    for column in ("salary_min", "salary_max"):
        frame[column] = frame[column].astype("float64")
    return frame


def _pick(rng: random.Random, weighted):
    """One item of ``weighted`` (a sequence of (item, weight) pairs)."""
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights, k=1)[0]


def _posting(rng: random.Random, number: int) -> list:
    w = words()
    is_other = rng.random() < OTHER_SHARE
    if is_other:
        title, industry, base_pay, hourly_share, duties = rng.choice(w["other_jobs"])
        role = None
        role_key, rates, trend, degrees = "other", OTHER_RATES, 0.0, ()
        seniority = _pick(rng, (("junior", 1), ("mid", 6), ("senior", 2)))
        if seniority == "senior" and title not in ("Registered Nurse", "Retail Sales Clerk", "Electrician"):
            title = f"Senior {title}"
        else:
            seniority = "mid"
    else:
        role = _pick(rng, ((r, r.share) for r in w["roles"]))
        role_key, rates, trend, degrees = role.key, role.rates, role.trend, role.degrees
        seniority = _pick(rng, zip(SENIORITY, role.seniorities))
        base = rng.choice(role.titles)
        prefix = rng.choice(w["seniority_prefix"][seniority])
        if prefix.startswith(" "):                   # " II" reads badly after "Data Scientist, Product"
            title = base if "," in base else f"{base}{prefix}"
        else:
            title = f"{prefix}{base}"
        industry = _pick(rng, role.industries)
        base_pay, hourly_share, duties = role.salary, role.hourly, role.duties

    month = _pick(rng, ((m, (1 + trend * m / (MONTHS - 1)) * (0.85 if m % 12 == 11 else 1.0))
                        for m in range(MONTHS)))
    posted = dt.date(2024 + month // 12, month % 12 + 1, rng.randint(1, 28))
    info = w["industries"][industry]
    company = rng.choice(info["companies"])
    remote = rng.random() < REMOTE_SHARE and not is_other
    city, state, _, pay_factor = _pick(rng, ((p, p[2]) for p in w["places"]))
    location = "Remote, United States" if remote else f"{city}, {state}"
    where = "the United States" if remote else city
    fill = dict(things=info["things"], customers=info["customers"], metric=info["metric"],
                product=info["product"], texts=info["texts"], plan=info["plan"], images=info["images"],
                city=city, where=where, company=company, title=title, team=rng.choice(w["teams"]),
                leave=rng.choice(("20", "22", "25", "28")))

    # Topics: the role's rates, with AI-era topics growing over the two years.
    growth = 0.7 + 0.6 * month / (MONTHS - 1)
    truth: set[str] = set()
    do, have = [], []
    for topic in TOPICS:
        rate = rates[topic] * (growth if topic in ("deep_learning", "nlp", "mlops") else 1.0)
        if rng.random() >= rate:
            continue
        kind, _, text, extra = rng.choice(w["topic_sentences"][topic])
        (do if kind == "do" else have).append(text.format(**fill))
        truth.update((topic, *extra))
    do[:0] = rng.sample(duties, k=min(len(duties), rng.choice((1, 2))))
    if degrees:
        degree_text, degree_topics = w["degrees"][rng.choice(degrees)]
        have.insert(0, degree_text)
        truth.update(degree_topics)
    have.insert(1 if degrees else 0, rng.choice(w["years"][seniority]))

    company_decoy = ""
    if rng.random() < 0.35:
        decoy_text, _ = rng.choice(w["decoys"])
        company_decoy = " " + decoy_text.format(**fill)
    role_decoys = w["role_decoys"].get(role_key if role else title.removeprefix("Senior "), ())
    if role_decoys and rng.random() < 0.4:
        do.append(rng.choice(role_decoys)[0])
    rng.shuffle(do)
    tail = sorted(have[2:] if degrees else have[1:], key=lambda _: rng.random())
    have = (have[:2] if degrees else have[:1]) + tail

    summary = rng.choice(w["other_summaries"] if is_other else w["summaries"]).format(**fill)
    intro = f"{company} {rng.choice(info['about'])}.{company_decoy}"
    modes = w["work_modes"][:1] if is_other else w["work_modes"][:3]
    work_mode = w["work_modes"][3] if remote else rng.choice(modes).format(**fill)
    closing = rng.choice(w["closings"]).format(**fill)
    lines = [intro, "", summary, "", rng.choice(w["do_headers"]), *(f"- {s}" for s in do)]
    if have:
        lines += ["", rng.choice(w["have_headers"]), *(f"- {s}" for s in have)]
    lines += ["", f"{work_mode} {closing}", f"Reference: DEMO-{number:05d}."]
    description = "\n".join(lines)

    salary = _salary(rng, base_pay * SENIORITY_PAY[seniority] * pay_factor, hourly_share)
    topics = ";".join(t for t in TOPICS if t in truth)
    return [f"demo-{number:05d}", title, company, industry, location, posted.isoformat(), *salary,
            description, topics, role_key, seniority]


def _salary(rng: random.Random, annual_mid: float, hourly_share: float):
    """(salary_text, min, max, period, currency, kind), or blanks for the quarter of postings that show none."""
    if rng.random() < 0.25:
        return "", None, None, "", "", ""
    mid = annual_mid * rng.uniform(0.92, 1.08)
    kind = "employer" if rng.random() < 0.65 else "estimate"
    if rng.random() < hourly_share:
        low = round(mid * 0.9 / 2080 * 2) / 2          # to the half dollar
        high = round(mid * 1.1 / 2080 * 2) / 2
        text = f"${low:.2f} - ${high:.2f} per hour"
        period = "hour"
    else:
        low = round(mid * 0.88, -3)
        high = round(mid * 1.12, -3)
        if kind == "employer" and rng.random() < 0.15:
            low = high = round(mid, -3)
            text = f"${low:,.0f} per year"
        elif kind == "employer":
            text = f"${low:,.0f} - ${high:,.0f} per year"
        else:
            text = f"${low / 1000:.0f}K - ${high / 1000:.0f}K per year"
        period = "year"
    # Worded for careerlens's glassdoor_salary_kind() macro: "employer" in the text means
    # employer-provided, anything else an estimate.
    text += " (estimated)" if kind == "estimate" else " (employer provided)"
    return text, float(low), float(high), period, "USD", kind


# -- files ---------------------------------------------------------------------------------

POSTINGS_FILE = "demo_postings.csv"
MAPPING_FILE = "demo_postings.careerlens.toml"     # beside the CSV, so `careerlens ingest` finds it itself

# The column mapping for careerlens's generic loader (careerlens/sources/generic.py).
MAPPING_TOML = '''\
# Column mapping for demo_postings.csv, read by careerlens's generic loader. Because it sits
# beside the data file, `careerlens ingest data/demo/demo_postings.csv` needs no --mapping.
# The postings are SYNTHETIC, written by careerlens.demo.generate_demo_postings (seed 2025)
# and regenerated by scripts/make_demo_postings.py; source = "demo" lets every chart and
# page that uses them say so. The generator_topics column (the generator's ground truth)
# is deliberately not mapped.
source = "demo"

[columns]
id = "id"
title = "title"
description = "description"
company = "company"
industry = "industry"
location = "location"
date = "posted_date"

[salary]
text_column = "salary_text"
currency = "USD"
'''


def _csv_value(value) -> str:
    if value is None or value != value:              # None or NaN
        return ""
    return str(value)


def demo_files(n: int = 1500, seed: int = 2025) -> dict[str, str]:
    """The text of the demo files, by file name: the postings CSV and its column mapping.

    Written with the csv module (not ``DataFrame.to_csv``) so the bytes do not
    depend on the pandas version: the committed files must equal a fresh generation.
    """
    frame = generate_demo_postings(n, seed).rename(columns={"topics": "generator_topics"})
    postings = io.StringIO()
    writer = csv.writer(postings, lineterminator="\n")
    writer.writerow(FILE_COLUMNS)
    for row in frame[list(FILE_COLUMNS)].itertuples(index=False):
        writer.writerow([_csv_value(v) for v in row])
    return {POSTINGS_FILE: postings.getvalue(), MAPPING_FILE: MAPPING_TOML}


def write_demo_files(folder, n: int = 1500, seed: int = 2025) -> list[Path]:
    """Write the demo corpus (with its ground truth) and its mapping file into ``folder``.

    Parameters
    ----------
    folder : str or Path
        Created if missing; files in it with the same names are replaced.
    n, seed : int
        As for :func:`generate_demo_postings`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in demo_files(n, seed).items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
