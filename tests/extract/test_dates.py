"""A document's date: its header's dateline or labelled date, else the year its title names; never a date of
the body or a target year."""

from __future__ import annotations

import pytest

from kg.extract.dates import document_date
from kg.reference import load_lexicon


def date_of(text: str) -> str | None:
    return document_date(text, load_lexicon())


@pytest.mark.parametrize(("text", "expected"), [
    ("Thursday, May 9, 2024\n\nThe city signs new projects", "2024-05-09"),
    ("Port opens new berth\nBy A Reporter | Updated: 2023-11-02\n\nThe port ...", "2023-11-02"),
    ("Harbour news\nPublished 14 June 2022 08:30\n\nThe harbour ...", "2022-06-14"),
    ("某区举行项目签约仪式\n发布日期：2021/11/25\n\n11月24日，某区举行……", "2021-11-25"),
    ("2023年7月15日 某市发布\n日前，某市……", "2023-07-15"),
    ("Issued at 09:12 on Jan. 3rd, 2020\nThe county ...", "2020-01-03"),
])
def test_the_headers_date(text, expected):
    assert date_of(text) == expected


def test_a_labelled_date_wins_over_an_earlier_date_of_an_event():
    text = "Fair of 2021-05-01 reviewed\nUpdated: 2021-06-30\nThe fair ..."
    assert date_of(text) == "2021-06-30"


def test_the_title_gives_the_year_where_the_header_has_no_date():
    assert date_of("City attracts 12 projects at the start of 2023\n\nOn January 28 the city ...") == "2023"
    assert date_of("Investment report for March 2024\n\nThe county ...") == "2024-03"
    assert date_of("2024年3月重点项目\n\n本月……") == "2024-03"


def test_no_date_from_a_target_a_period_or_the_body():
    assert date_of("Clusters to be world-class by 2035\n\nThe plan ...") is None
    assert date_of("The 2021-2025 plan for the port\n\nThe plan ...") is None
    assert date_of("到2035年建成产业集群\n\n规划提出……") is None
    long_body = "Major projects\n\n" + "The county builds roads. " * 40 + "On 2019-04-01 a plant opened."
    assert date_of(long_body) is None


def test_an_impossible_date_is_not_a_date():
    assert date_of("Report\nUpdated: 2021-13-40\nText") is None
