"""Property-based tests: the salary parser, the title and industry mappers, and the curriculum loader.

Each property runs on generated input (hypothesis), batched so that one example is one SQL call or one load:
never an unhandled exception (only careerlens errors), a salary's min never above its max, an annual figure
inside the plausible band or flagged, and mappings that do not change with letter case or spacing.
"""

from __future__ import annotations

import json
import math
import string
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerlens
from careerlens import normalise
from careerlens.curriculum import TOPIC_ID, parse_curriculum
from careerlens.errors import CareerlensError, InputError
from careerlens.resources import data_text

QUICK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# one example = one mapper run or one load, of many values at once: fewer examples, each a big batch
BATCHES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PLAUSIBLE_ANNUAL_USD = (10_000, 1_000_000)    # the band queries/postings/insert.sql flags outside of
PERIODS = {"hour", "day", "week", "month", "year"}


@pytest.fixture(scope="module")
def store():
    """One in-memory store with the macros and taxonomy tables, shared by the SQL-level properties."""
    with careerlens.open_database(":memory:") as db:
        normalise.refresh_taxonomy(db)
        yield db


# -- salary strings --------------------------------------------------------------------------------------------

def _amount(draw_number, style):
    if style == "k":
        return f"{draw_number // 1000}K"
    if style == "commas":
        return f"{draw_number:,}"
    if style == "decimal":
        return f"{draw_number / 100:.2f}"
    return str(draw_number)


@st.composite
def salary_texts(draw):
    """Salary strings as job boards write them, and worse: ranges, units, labels, signs, junk around them."""
    sign = draw(st.sampled_from(["", "", "", "-", "−", "+"]))
    currency = draw(st.sampled_from(["$", "£", "€", "", "USD ", "US$"]))
    low = draw(st.integers(min_value=0, max_value=10_000_000))
    high = draw(st.integers(min_value=0, max_value=10_000_000))
    style = draw(st.sampled_from(["k", "commas", "decimal", "plain"]))
    separator = draw(st.sampled_from(["-", " - ", " to ", "–", "", " or "]))
    second = draw(st.booleans())
    period = draw(st.sampled_from(["", " Per Hour", " per hour", " an hour", "/hr", " a year", " per year",
                                   " per annum", " monthly", " a week", " per day", " hourly", " /h"]))
    label = draw(st.sampled_from(["", "(Glassdoor est.)", "(Employer est.)", " est."]))
    prefix = draw(st.sampled_from(["", "Employer Provided Salary:", "Up to ", "From ", "Pay: "]))
    text = prefix + sign + currency + _amount(low, style)
    if second:
        text += separator + currency + _amount(high, style)
    text += period + label
    junk = draw(st.one_of(st.just(""), st.text(max_size=12)))
    return draw(st.sampled_from([text, junk + text, text + junk, junk]))


SALARY_ROWS_SQL = """
SELECT x, parse_money(x), salary_amounts(x), glassdoor_salary_min(x), glassdoor_salary_max(x),
       glassdoor_salary_period(x), glassdoor_salary_kind(x)
FROM unnest($texts) AS t(x)
"""


@QUICK
@given(st.lists(salary_texts(), min_size=1, max_size=40))
def test_the_salary_macros_never_fail_and_keep_min_at_most_max(store, texts):
    rows = store.execute(SALARY_ROWS_SQL, {"texts": texts}).fetchall()
    assert len(rows) == len(texts)
    for text, money, amounts, low, high, period, kind in rows:
        assert (low is None) == (high is None), text
        if low is not None:
            assert low <= high, text
        assert money is None or money >= 0, text
        assert all(a is not None and a >= 0 for a in amounts or []), text
        assert period in PERIODS, text
        assert kind in ("employer", "estimate"), text


signed_salaries = st.tuples(
    st.sampled_from(["", "Employer Provided Salary:", "Pay: ", "Salary - ", "(", "Up to "]),
    st.sampled_from(["", "-", "\u2212"]),
    st.sampled_from(["", "$", "£", "USD ", "US$", "usd"]),
    st.integers(min_value=1, max_value=10_000_000),
    st.sampled_from(["", "-$60K", " - 70,000", " per hour", "K a year (Glassdoor est.)"]))


@QUICK
@given(st.lists(signed_salaries, min_size=1, max_size=40))
def test_a_minus_sign_on_the_first_amount_makes_the_salary_negative(store, parts):
    texts = ["".join(map(str, p)) for p in parts]
    rows = store.execute("SELECT glassdoor_salary_min(x) FROM unnest($texts) WITH ORDINALITY AS t(x, i) ORDER BY i",
                         {"texts": texts}).fetchall()
    for (prefix, sign, currency, amount, rest), text, (low,) in zip(parts, texts, rows):
        assert (low < 0) == (sign != ""), text


#: Every character Python calls a space: tab, vertical tab, no-break space, the U+2000 block, ideographic space...
UNICODE_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=[f"U+{ord(c):04X}" for c in UNICODE_SPACES])
def test_every_unicode_space_is_spacing_to_the_salary_macros(store, space):
    # Hypothesis found '\x0b-$1' read as 1.0 and ' -$1' as -1.0: RE2's \s knows only [\t\n\f\r ].
    texts = ["{}-$1", "Pay:{}-$50K", "${}-50,000", "$20{}per{}hour", "$37{}K-$66{}K", "from{}1.2{}M"]
    query = ("SELECT glassdoor_salary_min(x), glassdoor_salary_max(x), glassdoor_salary_period(x) "
             "FROM unnest($texts) WITH ORDINALITY AS t(x, i) ORDER BY i")
    spaced = store.execute(query, {"texts": [t.replace("{}", space) for t in texts]}).fetchall()
    plain = store.execute(query, {"texts": [t.replace("{}", " ") for t in texts]}).fetchall()
    assert spaced == plain
    assert spaced[0] == (-1.0, -1.0, "year") and spaced[3][2] == "hour" and spaced[4][:2] == (37_000, 66_000)


def test_under_ci_the_properties_run_on_a_fixed_profile_so_a_red_run_replays():
    from tests.conftest import hypothesis_profile

    assert hypothesis_profile({"CI": "true"}) == "ci" and settings.get_profile("ci").derandomize
    assert hypothesis_profile({}) == "dev" and not settings.get_profile("dev").derandomize
    # the settings of the properties here follow the profile conftest loaded for this run
    loaded = settings.get_profile(hypothesis_profile())
    assert QUICK.derandomize == BATCHES.derandomize == loaded.derandomize


@QUICK
@given(st.lists(st.text(max_size=40), min_size=1, max_size=40))
def test_salary_macros_take_any_text(store, texts):
    rows = store.execute(SALARY_ROWS_SQL, {"texts": texts}).fetchall()
    for text, money, amounts, low, high, period, kind in rows:
        assert low is None or low <= high, text


@QUICK
@given(st.lists(salary_texts(), min_size=1, max_size=20), st.data())
def test_salary_macros_ignore_letter_case_and_spacing(store, texts, data):
    variants = [data.draw(case_and_spacing_variant(t)) for t in texts]
    query = ("SELECT glassdoor_salary_min(x), glassdoor_salary_max(x), glassdoor_salary_period(x), "
             "glassdoor_salary_kind(x) FROM unnest($texts) WITH ORDINALITY AS t(x, i) ORDER BY i")
    original = store.execute(query, {"texts": texts}).fetchall()
    varied = store.execute(query, {"texts": variants}).fetchall()
    for text, variant, a, b in zip(texts, variants, original, varied):
        # spacing may only be changed where there was spacing, so '37 K' and '37K' are not compared
        assert a == b, (text, variant)


GLASSDOOR_HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@settings(BATCHES, max_examples=20)
@given(st.lists(salary_texts(), min_size=1, max_size=60))
def test_every_stored_annual_salary_is_plausible_or_flagged(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("salaries")
    path = folder / "glassdoor_jobs.csv"
    cells = (["Data Analyst", text, f"Posting {i}: dashboards in SQL.", "Northwind", "Austin, TX", "Banking",
              "Finance"] for i, text in enumerate(texts, start=1))
    lines = [GLASSDOOR_HEADER] + [",".join(_csv_cell(cell) for cell in row) + "\n" for row in cells]
    path.write_text("".join(lines), encoding="utf-8")
    with careerlens.open_database(":memory:") as db:
        (result,) = careerlens.ingest(db, [path])
        assert result.rows_read == len(texts) and result.rows_loaded == len(texts)
        stored = db.sql("SELECT salary_text, salary_min_usd, salary_max_usd, salary_mid_usd, salary_flag "
                        "FROM postings").itertuples(index=False)
        for text, low, high, mid, flag in stored:
            if low is None or math.isnan(low):
                continue
            assert low <= high, text
            low_band, high_band = PLAUSIBLE_ANNUAL_USD
            assert flag is not None or (math.isfinite(mid) and low_band <= mid <= high_band), (text, mid)
        negative = db.sql("SELECT count(*) AS n FROM postings WHERE salary_min_usd < 0 OR salary_max_usd < 0").n[0]
        assert negative == 0


# -- letter case and spacing ---------------------------------------------------------------------------------

@st.composite
def case_and_spacing_variant(draw, text):
    """``text`` with letters in other cases and each run of spaces replaced by other spacing."""
    out = []
    for ch in text:
        if ch.isspace():
            out.append(draw(st.sampled_from([" ", "  ", "\t", " \t "])))
        elif ch.isascii() and ch.isalpha() and draw(st.booleans()):
            out.append(ch.swapcase())
        else:
            out.append(ch)
    pad = draw(st.sampled_from(["", " ", "  ", "\t"]))
    return pad + "".join(out) + draw(st.sampled_from(["", " ", "\t "]))


TITLE_WORDS = ["Senior", "Sr.", "Jr", "Lead", "Principal", "Staff", "Data", "Scientist", "Analyst", "Engineer",
               "Machine", "Learning", "ML", "AI", "Research", "Quantitative", "Statistician", "Business",
               "Intelligence", "BI", "Manager", "Director", "Head", "of", "Software", "Developer", "Actuary",
               "Product", "II", "III", "/", "-", "&", "(Remote)", "C++", "C#", "Ops", "MLOps", "NLP", "Intern"]


@st.composite
def job_titles(draw):
    words = draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=6))
    noise = draw(st.one_of(st.just(""), st.text(alphabet=string.printable, max_size=10)))
    return draw(st.sampled_from([" ".join(words), " ".join(words) + " " + noise, noise + " " + " ".join(words)]))


def _map_titles(db, titles):
    """role, SOC code, seniority and method for each raw title, through the loaders' own key and mapper."""
    db.execute("CREATE OR REPLACE TEMP TABLE raw_titles AS "
               "SELECT i, text_key(t) AS title_key FROM unnest($titles) WITH ORDINALITY AS u(t, i)",
               {"titles": titles})
    db.execute("CREATE OR REPLACE TEMP TABLE titles_to_map AS "
               "SELECT DISTINCT title_key, NULL::VARCHAR AS seniority_key FROM raw_titles")
    normalise.map_titles(db)
    return db.execute("SELECT r.i, m.role, m.soc_code, m.seniority, m.role_method FROM raw_titles r "
                      "LEFT JOIN mapped_titles m ON m.title_key IS NOT DISTINCT FROM r.title_key "
                      "ORDER BY r.i").fetchall()


@BATCHES
@given(st.lists(job_titles(), min_size=1, max_size=80), st.data())
def test_title_mapping_ignores_letter_case_and_spacing(store, titles, data):
    variants = [data.draw(case_and_spacing_variant(t)) for t in titles]
    original = _map_titles(store, titles)
    varied = _map_titles(store, variants)
    roles = {r for (r,) in store.execute("SELECT role FROM taxonomy_roles UNION ALL "
                                         "SELECT soc_title FROM soc_occupation_titles").fetchall()} | {"other"}
    for title, a, b in zip(titles, original, varied):
        assert a[1:] == b[1:], (title, a, b)
        assert a[1] is None or a[1] in roles, a        # NULL only for a title with no letters or digits


@BATCHES
@given(st.lists(st.text(max_size=60), min_size=1, max_size=80))
def test_title_mapping_takes_any_text(store, titles):
    mapped = _map_titles(store, titles)
    assert len(mapped) == len(titles)
    for (i, role, soc, seniority, method), title in zip(mapped, titles):
        if role is not None:
            assert method in ("pattern", "onet", "onet_nearest", "none"), title
            assert soc is None or len(soc) == 7, title


INDUSTRY_WORDS = ["Banking", "Insurance", "IT Services", "Information Technology", "Health Care", "Hospitals",
                  "Retail", "Finance", "Computer Software", "Internet", "Government", "Education", "&", "and",
                  "Consulting", "Aerospace", "Defense", "Pharmaceutical", "Biotech", "Oil", "Gas", "Real Estate"]


def _map_industries(db, pairs):
    db.execute("CREATE OR REPLACE TEMP TABLE raw_industries AS "
               "SELECT i, text_key(p.industry) AS industry_key, text_key(p.sector) AS sector_key "
               "FROM unnest($pairs) WITH ORDINALITY AS u(p, i)",
               {"pairs": [{"industry": a, "sector": b} for a, b in pairs]})
    db.execute("CREATE OR REPLACE TEMP TABLE industries_to_map AS "
               "SELECT DISTINCT industry_key, sector_key FROM raw_industries")
    db.run_script("normalise/industries")
    return db.execute("SELECT r.i, m.naics_sector FROM raw_industries r LEFT JOIN mapped_industries m "
                      "ON m.industry_key IS NOT DISTINCT FROM r.industry_key "
                      "AND m.sector_key IS NOT DISTINCT FROM r.sector_key ORDER BY r.i").fetchall()


industry_texts = st.one_of(
    st.lists(st.sampled_from(INDUSTRY_WORDS), min_size=1, max_size=4).map(" ".join),
    st.text(max_size=30))


@BATCHES
@given(st.lists(st.tuples(industry_texts, industry_texts), min_size=1, max_size=80), st.data())
def test_industry_mapping_ignores_letter_case_and_spacing(store, pairs, data):
    variants = [(data.draw(case_and_spacing_variant(a)), data.draw(case_and_spacing_variant(b))) for a, b in pairs]
    original = _map_industries(store, pairs)
    varied = _map_industries(store, variants)
    sectors = {s for (s,) in store.execute("SELECT naics_sector FROM taxonomy_naics_sectors").fetchall()}
    for pair, a, b in zip(pairs, original, varied):
        assert a[1] == b[1], (pair, a, b)
        assert a[1] is None or a[1] in sectors, (pair, a)


# -- the curriculum loader -----------------------------------------------------------------------------------

DEFAULT_CURRICULUM = data_text("curricula", "maths-for-ml.toml")


def _parse_or_refuse(text):
    """A Curriculum, or None when it was refused with an InputError (anything else fails the test)."""
    try:
        curriculum = parse_curriculum(text, source="hypothesis.toml")
    except InputError as exc:
        assert "hypothesis.toml" in str(exc)
        return None
    assert len(set(curriculum.topic_ids)) == len(curriculum.topic_ids)
    for module in curriculum.modules:
        assert module.hours is not None or module.credits is not None
        assert module.topics
    for topic in curriculum.topics:
        assert TOPIC_ID.match(topic.id) and topic.seeds
        assert all(isinstance(s, str) and s == s.strip() for s in topic.seeds + topic.exclude)
    return curriculum


@QUICK
@given(st.text(max_size=300))
def test_any_text_is_a_curriculum_or_a_clear_refusal(text):
    _parse_or_refuse(text)


@st.composite
def edited_default_curriculum(draw):
    """The bundled curriculum with a few lines deleted, repeated or overwritten with random TOML-ish text."""
    lines = DEFAULT_CURRICULUM.splitlines()
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "overwrite", "cut"]))
        if action == "delete":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(min_value=0, max_value=len(lines[at])))]
        else:
            lines[at] = draw(st.one_of(
                st.text(alphabet='[]{}=".,#\' \tabcdefghijklmnopqrstuvwxyz0123456789_-', max_size=40),
                st.sampled_from(['hours = "ten"', "hours = 0", "hours = -3", 'id = "Bad Id"', "seeds = []",
                                 "seeds = [1, 2]", 'requires = [{topic = "nowhere", why = "x"}]', "[[module]]",
                                 "[[module.topic]]", "[programme]", 'name = ""', "exclude = \"x\""])))
        if not lines:
            break
    return "\n".join(lines) + "\n"


@QUICK
@given(edited_default_curriculum())
def test_an_edited_curriculum_loads_or_is_refused_clearly(text):
    _parse_or_refuse(text)


def toml_value(value) -> str:
    """A Python value as TOML (inline tables and arrays), enough for generated structures."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value) else
                                                         ("inf" if value > 0 else "-inf"))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


scalars = st.one_of(st.text(max_size=12), st.integers(-5, 50), st.floats(allow_nan=False, allow_infinity=False),
                    st.booleans())
topic_keys = st.sampled_from(["id", "name", "description", "seeds", "context_seeds", "exclude", "requires",
                              "seed", "weight"])
phrases = st.lists(st.one_of(st.sampled_from(["linear regression", "SQL", "R", "A/B test", "  "]), scalars),
                   max_size=4)


@st.composite
def curriculum_structures(draw):
    """Nested tables shaped roughly like a curriculum, with wrong keys, types and values mixed in."""
    def topic():
        table = {"id": draw(st.one_of(st.sampled_from(["regression", "sql", "Bad Id", "regression"]), scalars)),
                 "name": draw(st.one_of(st.just("Regression"), scalars)),
                 "description": draw(st.one_of(st.just("Fitting models."), scalars)),
                 "seeds": draw(st.one_of(phrases, scalars))}
        for key in draw(st.lists(topic_keys, max_size=2)):
            table[key] = draw(st.one_of(phrases, scalars, st.just([{"topic": "sql", "why": "joins"}]),
                                        st.just([{"topic": "regression"}])))
        return table

    def module():
        table = {"name": draw(st.one_of(st.just("Statistics"), scalars)),
                 "topic": [topic() for _ in range(draw(st.integers(0, 3)))]}
        size = draw(st.sampled_from(["hours", "credits", None, "minutes"]))
        if size:
            table[size] = draw(st.one_of(st.integers(-2, 60), st.floats(allow_nan=False, allow_infinity=False),
                                         st.text(max_size=3)))
        return table

    data = {"programme": draw(st.one_of(st.just({"name": "Certificate"}), st.just({}), scalars,
                                        st.just({"name": "Certificate", "level": 7}))),
            "module": [module() for _ in range(draw(st.integers(0, 3)))]}
    if draw(st.booleans()):
        data[draw(st.sampled_from(["modules", "notes", "version"]))] = draw(scalars)
    return data


@QUICK
@given(curriculum_structures())
def test_any_curriculum_structure_loads_or_is_refused_clearly(data):
    text = "\n".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in data.items()) + "\n"
    _parse_or_refuse(text)


@pytest.mark.parametrize("size", ["nan", "inf", "+inf"])
def test_a_module_size_must_be_a_finite_number(size):
    text = DEFAULT_CURRICULUM.replace("hours = ", f"hours = {size} # was ", 1)
    with pytest.raises(InputError, match="positive number"):
        parse_curriculum(text, source="sizes.toml")


def test_the_properties_check_what_they_claim(store):
    """The generators reach the cases the properties are about (else the properties would prove nothing)."""
    rows = store.execute(SALARY_ROWS_SQL, {"texts": ["-$50K-$60K", "$66K-$37K (Glassdoor est.)", "$20 an hour"]}
                         ).fetchall()
    assert [(r[3], r[4], r[5]) for r in rows] == [(-50000, 60000, "year"), (37000, 66000, "year"),
                                                  (20, 20, "hour")]
    assert _map_titles(store, ["senior data scientist"])[0][1:3] == _map_titles(store, [" Senior\tDATA  Scientist"]
                                                                                 )[0][1:3] == ("data_scientist",
                                                                                               "15-2051")
    with pytest.raises(CareerlensError):
        parse_curriculum("[programme\n", source="x.toml")
