"""A curriculum's [[claims]]: every kind loads, bad claims name file, line and key, and claims never touch the hash."""

from pathlib import Path

import pytest

from careerlens.curriculum import load_curriculum, parse_curriculum
from careerlens.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "curricula"
BASE = (FIXTURES / "spreadsheets.toml").read_text()


def with_claims(claims: str) -> str:
    return BASE + "\n" + claims


def test_the_default_curriculum_carries_the_certificates_three_claims():
    salary, roles, trend = load_curriculum().claims
    assert (salary.kind, salary.occupation, salary.role, salary.low, salary.high, salary.varies_by) == (
        "salary_median_range", "15-2051", "data_scientist", 100_000, 200_000, ("industry", "state"))
    assert "$100,000 to over $200,000 depending on the industry and location" in salary.text
    assert roles.roles == ("data_scientist", "machine_learning_engineer", "business_analyst", "consultant")
    assert roles.sectors == ("52", "62", "51") and "finance, healthcare, and technology" in roles.text
    assert (trend.kind, trend.topic, trend.period_from, trend.period_to) == ("demand_trend", "machine_learning",
                                                                             "2024", "2025")


def test_every_kind_loads(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text(with_claims('''
[[claims]]
text = "Analysts earn over $90,000."
kind = "salary_level"
occupation = "13-1111"
amount = 90000
percentile = "median"

[[claims]]
text = "A third of analyst postings ask for spreadsheets."
kind = "demand_share"
topic = "spreadsheets"
share = 0.33
roles = ["data_analyst", "business_analyst"]
sectors = ["52"]

[[claims]]
text = "Survey work is growing."
kind = "demand_trend"
role = "market_research_analyst"
from = "2023-01"
to = 2024

[[claims]]
text = "Prompt engineers earn well."
kind = "demand_share"
role = "prompt_engineer"
share = 0.1
'''))
    level, share, trend, unknown = load_curriculum(path).claims
    assert (level.occupation, level.role, level.amount, level.percentile) == ("13-1111", None, 90000, 50)
    assert (share.topic, share.share, share.roles, share.sectors) == ("spreadsheets", 0.33,
                                                                      ("data_analyst", "business_analyst"), ("52",))
    assert (trend.role, trend.period_from, trend.period_to) == ("market_research_analyst", "2023-01", "2024")
    # A role with no close match is kept, so the check can say it cannot be checked; a misspelt one is refused.
    assert unknown.role == "prompt_engineer" and unknown.unknown_roles == ("prompt_engineer",)
    assert [claim.number for claim in (level, share, trend, unknown)] == [1, 2, 3, 4]


def test_claims_do_not_change_the_content_hash_so_no_model_goes_stale():
    plain = parse_curriculum(BASE)
    claimed = parse_curriculum(with_claims('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "15-2051"\n'
                                           'amount = 1\n'))
    assert claimed.content_hash == plain.content_hash and len(claimed.claims) == 1
    assert not plain.claims


LINE = BASE.count("\n") + 2     # the line of the first [[claims]] header


@pytest.mark.parametrize("claims, line, key, message", [
    ('[[claims]]\ntext = "t"\nkind = "salary_median_rang"\n', LINE + 2, "claims[1].kind",
     "unknown claim kind 'salary_median_rang' (did you mean 'salary_median_range'?"),
    ('[[claims]]\ntext = "t"\n', LINE, "claims[1]", "missing required key 'kind'"),
    ('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "data_scientst"\namount = 5\n', LINE + 3,
     "claims[1].occupation", "unknown role 'data_scientst' (did you mean 'data_scientist'?)"),
    ('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "other"\namount = 5\n', LINE + 3,
     "claims[1].occupation", "no careerlens role with a SOC code"),
    ('[[claims]]\ntext = "t"\nkind = "demand_share"\ntopic = "spreadsheet"\nshare = 0.5\n', LINE + 3,
     "claims[1].topic", "unknown topic 'spreadsheet' (did you mean 'spreadsheets'?"),
    ('[[claims]]\ntext = "t"\nkind = "demand_share"\ntopic = "surveys"\nshare = 30\n', LINE + 4,
     "claims[1].share", "above 0 and at most 1"),
    ('[[claims]]\ntext = "t"\nkind = "demand_share"\ntopic = "surveys"\nrole = "actuary"\nshare = 0.3\n', LINE,
     "claims[1]", "not both"),
    ('[[claims]]\ntext = "t"\nkind = "salary_median_range"\noccupation = "15-2051"\nlow = 9\nhigh = 5\n',
     LINE + 5, "claims[1].high", "must be below high"),
    ('[[claims]]\ntext = "t"\nkind = "salary_median_range"\noccupation = "15-2051"\nlow = 1\nhigh = 5\n'
     'varies_by = ["industy"]\n', LINE + 6, "claims[1].varies_by", "did you mean 'industry'?"),
    ('[[claims]]\ntext = "t"\nkind = "roles_and_industries"\nroles = ["actuary"]\nsectors = ["finance"]\n',
     LINE + 4, "claims[1].sectors", "unknown NAICS sector 'finance' (did you mean '52' (Finance and Insurance)?"),
    ('[[claims]]\ntext = "t"\nkind = "demand_trend"\ntopic = "surveys"\nfrom = "2025"\nto = "2024"\n',
     LINE + 5, "claims[1].to", "must be a later period than from (2025)"),
    ('[[claims]]\ntext = "t"\nkind = "demand_trend"\ntopic = "surveys"\nfrom = "last year"\nto = "2024"\n',
     LINE + 4, "claims[1].from", 'must be a year ("2024") or a month'),
    ('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "15-2051"\namount = 5\npercentile = 95\n',
     LINE + 5, "claims[1].percentile", "one of the percentiles OEWS publishes: 10, 25, 50, 75, 90"),
    ('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "15-2051"\namount = 5\nlow = 3\n',
     LINE + 5, "claims[1].low", "unknown key 'low'"),
])
def test_a_bad_claim_names_file_line_and_key(tmp_path, claims, line, key, message):
    path = tmp_path / "draft.toml"
    path.write_text(with_claims(claims))
    with pytest.raises(InputError) as caught:
        load_curriculum(path)
    error = caught.value
    assert message in str(error)
    assert (str(error.file), error.row, error.field) == (str(path), line, key)
    assert f"{path}, line {line}" in str(error)


def test_the_second_claims_errors_point_at_the_second_claim(tmp_path):
    path = tmp_path / "draft.toml"
    path.write_text(with_claims('[[claims]]\ntext = "t"\nkind = "salary_level"\noccupation = "15-2051"\namount = 5\n'
                                '\n[[claims]]\ntext = "u"\nkind = "salary_level"\noccupation = "15-2051"\n'
                                'amount = -5\n'))
    with pytest.raises(InputError) as caught:
        load_curriculum(path)
    assert (caught.value.row, caught.value.field) == (LINE + 10, "claims[2].amount")
