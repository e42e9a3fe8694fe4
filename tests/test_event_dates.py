"""Event dates: each kind of expression, resolved against the article's publication and its own dates."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from blocwatch.events import Extractor
from blocwatch.events.dates import Timeline, dateline_end
from blocwatch.model import Article
from blocwatch.precision import Published, format_date
from conftest import quality_floor

DAY = Published(date(2024, 5, 15))  # a Wednesday
MONTH = Published(date(2023, 7, 1), "month")


def _told(timeline: Timeline, expression: str, offset: int | None = None) -> str | None:
    found = timeline.resolve(expression, offset)
    return format_date(*found) if found else None


@pytest.mark.parametrize(("expression", "expected"), [
    ("October 9 and 10", "2023-10-09"),
    ("9-10 May", "2024-05-09"),
    ("between 12 and 14 March", "2024-03-12"),
    ("March 3 to 5, 2022", "2022-03-03"),
    ("Dec. 12", "2023-12-12"),
    ("on Sept 3-4", "2023-09-03"),
])
def test_a_span_of_days_is_dated_by_its_first_day(expression, expected):
    assert _told(Timeline("", DAY), expression) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("the end of last year", "2023"),
    ("the beginning of last year", "2023"),
    ("the middle of last year", "2023"),
    ("late last year", "2023"),
    ("the end of March", "2024-03"),
    ("early 2022", "2022"),
])
def test_a_part_of_a_period_is_known_to_that_period(expression, expected):
    assert _told(Timeline("", DAY), expression) == expected


def test_that_year_and_the_same_month_point_back_to_the_period_last_named():
    text = "The dam opened in March 2021. Talks failed that year. In December that year the border shut."
    timeline = Timeline(text, DAY)
    assert _told(timeline, "that year", text.index("that year")) == "2021"
    assert _told(timeline, "in December that year", text.index("In December")) == "2021-12"
    assert _told(timeline, "the same month", text.index("that year")) == "2021-03"


def test_an_anaphoric_year_with_nothing_named_before_it_is_no_date():
    text = "Talks failed that year, the minister said on 4 June 2022."
    assert _told(Timeline(text, DAY), "that year", text.index("that year")) is None


def test_a_possessive_day_is_resolved():
    assert _told(Timeline("", DAY), "Monday's") == "2024-05-13"


@pytest.mark.parametrize("expression", ["since 2021", "until March 2024", "by November 1", "before 2020"])
def test_a_bound_is_not_a_date(expression):
    assert _told(Timeline("", DAY), expression) is None


def test_a_yearless_day_goes_in_the_year_of_a_month_precise_publication():
    assert _told(Timeline("", MONTH), "on July 18") == "2023-07-18"
    assert _told(Timeline("", MONTH), "on December 5") == "2022-12-05"  # after July: the year before


def test_a_weekday_in_a_month_precise_paper_is_the_one_the_article_dates_elsewhere():
    caption = "Mourners at the site on July 22, 2023, where the blast killed dozens. (Photo: a wire agency)"
    assert _told(Timeline(caption, MONTH), "on Saturday") == "2023-07-22"
    # without such a date, "Saturday" is only known to the month of the paper
    assert _told(Timeline("", MONTH), "on Saturday") == "2023-07"
    assert _told(Timeline("", MONTH), "yesterday") == "2023-07"


def test_a_yearless_caption_date_confirms_the_weekday():
    caption = "Flowers were laid where the gunmen struck on the night of July 21."
    assert _told(Timeline(caption, MONTH), "Friday") == "2023-07-21"


def test_the_fallback_is_the_publication_at_its_precision():
    assert Timeline("", DAY).fallback() == (date(2024, 5, 15), "published")
    assert Timeline("", MONTH).fallback() == (date(2023, 7, 1), "month")
    assert Timeline("", None).fallback() is None


def test_a_dateline_is_found():
    assert dateline_end("ISLAMABAD, Oct 12 (Reuters) - Pakistan closed the crossing.") > 0
    assert dateline_end("date 2021-08-31 The council met.") > 0
    assert dateline_end("On October 12 Pakistan closed the crossing.") == 0


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


def _dates(extractor: Extractor, text: str, published: date | None = date(2024, 5, 15), precision: str = "day",
           kind: str | None = None) -> set[tuple[str, str | None, str | None]]:
    article = Article(id="t", origin="test", title=None, url=None, outlet=None, date=published, language="en",
                      raw_text=text, text=text, date_precision=precision)
    return {(e.type, e.date, e.date_precision) for e in extractor.extract(article) if kind in (None, e.type)}


def test_a_day_range_dates_a_meeting(extractor):
    found = _dates(extractor, "Uzbek and Afghan officials met in Termez on October 9 and 10.", kind="CONSULT")
    assert found == {("CONSULT", "2023-10-09", "day")}


def test_a_since_clause_does_not_date_the_event(extractor):
    found = _dates(extractor, "Russia has kept its embassy in Kabul open to the Taliban since 2021.")
    assert all(when != "2021" for _, when, _ in found)


def test_a_possessive_day_dates_the_attack_it_names(extractor):
    for text in ("Monday's attack by the TTP killed five Pakistani soldiers.",
                 "The TTP claimed responsibility for Monday's attack on Pakistani soldiers."):
        assert _dates(extractor, text, kind="ASSAULT") == {("ASSAULT", "2024-05-13", "day")}


def test_a_participle_framing_the_act_dates_it(extractor):
    text = "Under an accord signed in 1996, Uzbekistan agreed to supply power to Afghanistan."
    assert _dates(extractor, text, kind="AGREE") == {("AGREE", "1996", "year")}


def test_a_date_in_the_acts_own_clause_dates_it_before_the_date_of_its_report(extractor):
    # "in 2019" is parsed onto "group", a noun of the ban's own clause; "on Monday" is the report's day
    text = "Uzbekistan banned the TTP as an extremist group in 2019, an Uzbek minister said on Monday."
    assert _dates(extractor, text, kind="SANCTION") == {("SANCTION", "2019", "year")}


def test_a_day_after_the_clause_above_it(extractor):
    text = "The conference is being held in Islamabad a day after Iran's foreign minister arrived in Kabul for talks."
    assert _dates(extractor, text, kind="CONSULT") == {("CONSULT", "2024-05-14", "day")}


def test_a_claim_takes_the_date_of_the_attack_told_before_it(extractor):
    text = ("On 2 March 2024, a suicide bomber struck a Pakistani army convoy in Waziristan. "
            "On 4 March 2024, the TTP claimed responsibility for the attack.")
    assert _dates(extractor, text, kind="ASSAULT") >= {("ASSAULT", "2024-03-02", "day")}
    assert ("ASSAULT", "2024-03-04", "day") not in _dates(extractor, text, kind="ASSAULT")


def test_month_precise_paper_dates_its_events_no_finer_than_it_can(extractor):
    text = "On Friday, Iran deported hundreds of Afghan migrants. On July 18, China hosted Taliban officials."
    found = _dates(extractor, text, date(2023, 7, 1), "month")
    assert ("CONSULT", "2023-07-18", "day") in found
    assert ("COERCE", "2023-07", "month") in found


def test_a_dateline_does_not_date_the_first_sentence(extractor):
    text = "KABUL, May 3 (Wire) - China signed a mining deal with the Taliban."
    assert _dates(extractor, text, kind="AGREE") == {("AGREE", "2024-05-15", "published")}


def test_real_articles_dates_above_floor(shared, tmp_path, extracted):
    """Date accuracy on found events of ../shared/real, by its own scorer (measured 0.873 on all 48)."""
    pred, gold = tmp_path / "pred.jsonl", tmp_path / "gold.jsonl"
    pred.write_text("".join(json.dumps(event) + "\n" for event in extracted(shared("real/input.jsonl"))))
    gold.write_text("".join(path.read_text() for path in sorted(shared("real/gold").glob("*.jsonl"))))
    official = subprocess.run([sys.executable, shared("eval/score.py"), "--gold", gold, "--pred", pred, "--json"],
                              capture_output=True, text=True, check=True)
    typed = json.loads(official.stdout.strip().rsplit("\n", 1)[0])["typed"]
    assert typed["date_accuracy"] >= quality_floor("real")["dates"], typed["counts"]
