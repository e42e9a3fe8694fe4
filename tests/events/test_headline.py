"""Headlines: a page's title is coded as a sentence of its own, dated like the lead, its events added only
where the body does not tell them; a label, a site's name or a body paragraph is never coded as a headline.
Pages and records in our own words, through ingest into a real DuckDB store and through `blocwatch extract`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from blocwatch import titles
from blocwatch.events import HEADLINE
from blocwatch.model import Article
from conftest import ingested_store, read_jsonl, run_cli_here

pytestmark = pytest.mark.issue(10)

_HEAD = """<!doctype html><html lang="en"><head>{title}
<meta property="og:site_name" content="Steppe Herald">
<meta property="article:published_time" content="2024-05-02T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>{heading}
{paragraphs}
</article>
<footer>Steppe Herald, all rights reserved</footer>
</body></html>
"""
_QUARREL = ["Officials in Bishkek said on Tuesday that the decision followed a long quarrel over water drawn from "
            "a shared river.",
            "The foreign ministry gave no further details about the step or about how long it would last.",
            "Farmers downstream say the river has carried less water every summer for a decade."]


def _page(folder, name: str, paragraphs: list[str], *, title: str = "", heading: str = "") -> object:
    path = folder / f"{name}.html"
    path.write_text(_HEAD.format(title=title, heading=heading, paragraphs="\n".join(
        p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs)), encoding="utf-8")
    return path


def _events(store, doc: str) -> list[tuple]:
    view = store.document(doc)
    assert view is not None, f"{doc} was not stored"
    return [(e.source, e.type, e.target, e.sentence, e.date) for e in view.events]


def test_an_html_headline_is_coded_into_the_store_and_dated_like_the_lead(tmp_path, extractor):
    page = _page(tmp_path, "recall", _QUARREL,
                 title="<title>Kyrgyzstan recalls its ambassador from Tehran | Steppe Herald</title>",
                 heading="<h1>Kyrgyzstan recalls its ambassador from Tehran</h1>")
    with ingested_store(tmp_path, [page], extractor) as store:
        view = store.document("recall")
        assert view is not None and view.title == "Kyrgyzstan recalls its ambassador from Tehran"
        # the lead's "on Tuesday", counted from the publication day, a Thursday
        assert _events(store, "recall") == [("KGZ", "SANCTION", "IRN", HEADLINE, "2024-04-30")]
        [event] = view.events
        assert event.evidence == view.title and event.sentence_start is None and event.sentence_end is None
        assert view.title not in view.text


def test_a_headline_the_lead_repeats_adds_no_second_event(tmp_path, extractor):
    lead = "Kyrgyzstan recalled its ambassador from Tehran on Tuesday after a long quarrel over a shared river."
    page = _page(tmp_path, "told", [lead, *_QUARREL[1:]],
                 title="<title>Kyrgyzstan recalls its ambassador from Tehran | Steppe Herald</title>")
    with ingested_store(tmp_path, [page], extractor) as store:
        assert _events(store, "told") == [("KGZ", "SANCTION", "IRN", 0, "2024-04-30")]


@pytest.mark.parametrize("title", [
    "",  # no <title> and no og:title at all
    "<title>Steppe Herald</title>",  # the site's name
    '<meta property="og:title" content="Steppe Herald">',
])
def test_a_short_bold_first_paragraph_is_never_the_title(tmp_path, extractor, title):
    bold = "<p><b>Uzbekistan signed a rail deal with Afghanistan on Tuesday.</b></p>"
    page = _page(tmp_path, "bold", [bold, *_QUARREL[1:]], title=title)
    with ingested_store(tmp_path, [page], extractor) as store:
        view = store.document("bold")
        assert view is not None and view.title is None
        assert view.text.startswith("Uzbekistan signed a rail deal")
        # coded once, from the body, where it stands
        [event] = view.events
        assert (event.source, event.target, event.sentence, event.sentence_start) == ("UZB", "AFG", 0, 0)


def test_a_paragraph_cut_short_after_the_body_is_no_title(tmp_path):
    # A scraped passage ends mid-sentence and holds a section heading: neither names the story.
    text = ("\n\n".join([*_QUARREL, "The second meeting", "Both delegations agreed that a joint commission "
                         "would meet again in the autumn to look at how much water each"]))
    source = tmp_path / "cut.txt"
    source.write_text(text, encoding="utf-8")
    [record] = json.loads("[" + run_cli_here("clean", source, "--format", "json").stdout.strip() + "]")
    assert record["title"] is None


@pytest.mark.parametrize("title", ["Live updates", "Breaking news", "World | Steppe Herald",
                                   "Tajikistan closed the Panj crossing to Afghan trucks on Monday."])
def test_labels_and_sentences_given_as_titles_yield_nothing(tmp_path, title):
    # The body names Tajikistan and Afghanistan with no event between them; a title that is no headline
    # (a label, a section and site name, a sentence of the body) adds none.
    record = {"id": "label", "title": title, "date": "2024-05-02",
              "text": "Tajikistan and Afghanistan share a long river border that is hard to guard. "
                      "Trade across it has grown slowly for years."}
    source = tmp_path / "labels.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run_cli_here("extract", source, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert read_jsonl(result.stdout) == []


def test_extract_codes_the_title_field_of_jsonl_input(tmp_path):
    records = [{"id": "gas", "title": "Turkmenistan Signs Gas Deal With Afghanistan", "date": "2024-05-02",
                "text": "The agreement was reached after two days of talks in the capital, according to people "
                        "who attended them. No figures were published."},
               {"id": "untitled", "date": "2024-05-02",
                "text": "The agreement was reached after two days of talks in the capital, according to people "
                        "who attended them. No figures were published."}]
    source = tmp_path / "titled.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run_cli_here("extract", source, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [event] = read_jsonl(result.stdout)
    assert (event["doc"], event["source"], event["type"], event["target"]) == ("gas", "TKM", "AGREE", "AFG")
    assert event["sentence"] == HEADLINE and event["sentence_start"] is None
    assert event["evidence"] == "Turkmenistan Signs Gas Deal With Afghanistan"
    assert event["date"] == "2024-05-02"  # the lead names no day: the publication's


def _coded(extractor, title: str, text: str) -> set[tuple]:
    article = Article(id="h", origin="test", title=title, url=None, outlet=None, date=date(2024, 5, 2),
                      language="en", raw_text=text, text=text)
    return {(e.source, e.type, e.target, e.date) for e in extractor.extract(article)}


def test_a_past_form_in_a_headline_is_a_passive_and_its_subject_no_attacker(extractor):
    text = "Gunmen opened fire on a camp of road builders near the frontier late on Monday, officials said."
    assert _coded(extractor, "Chinese engineers killed in attack on Tajik border", text) == set()


def test_a_lead_telling_of_the_past_does_not_date_the_headline(extractor):
    # The lead's 2005 is background: the news is the publication's, and the Taliban then are the government.
    text = "In 2005 a court declared the movement a terrorist organisation, a ruling that stood for years."
    assert _coded(extractor, "Kazakhstan drops Taliban from banned list", text) == {
        ("KAZ", "CONCEDE", "AFG", "2024-05-02")}


def test_title_case_is_read_as_a_sentence_but_names_keep_their_capitals():
    headline = "Taliban Premier Accepts Credentials Of New Chinese Envoy In Kabul"
    names = {i for name in ("Taliban", "Chinese", "Kabul") for i in range(headline.index(name),
                                                                          headline.index(name) + len(name))}
    assert titles.sentence_case(headline, names) == "Taliban premier accepts credentials of new Chinese envoy in Kabul"
    assert titles.sentence_case("US swaps prisoners with Taliban") == "US swaps prisoners with Taliban"
    assert titles.sentence_case("UN Envoy Meets TTP") == "UN Envoy Meets TTP"  # too short to tell


def test_a_sentence_in_brackets_is_no_headline():
    assert not titles.is_headline("{Kazakhstan sent a trade mission to Kabul on Friday.}")
    assert titles.is_headline("Kazakhstan sends trade mission to Kabul")


@pytest.mark.parametrize(("top", "title"), [
    (["Press releases", "Kyrgyzstan recalls its ambassador"], "Kyrgyzstan recalls its ambassador"),
    (["Kyrgyz envoy recalled"], "Kyrgyz envoy recalled"),  # a short headline where no longer line stands
    # a dateline run together with the lead begins the body: the line after it is no title
    (["date 2024-05-02 Officials in Bishkek said on Tuesday that the ambassador had been called home for talks.",
      "Bishkek:"], None),
])
def test_a_label_above_the_headline_is_not_the_title(tmp_path, top, title):
    source = tmp_path / "labelled.txt"
    source.write_text("\n\n".join([*top, *_QUARREL]), encoding="utf-8")
    [record] = json.loads("[" + run_cli_here("clean", source, "--format", "json").stdout.strip() + "]")
    assert record["title"] == title
