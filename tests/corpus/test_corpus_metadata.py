import pytest

from pipeline.corpus import infer_metadata, infer_published, infer_publisher, infer_title, parse_iso_date
from pipeline.corpus.metadata import infer_dateline

BODY = (
    "Thailand and Sweden signed a contract for four Gripen fighters on Monday, the air force said, "
    "ending a procurement process that began two years ago and cost far more than planned."
)
BODY2 = "The jets will be delivered from 2027 and based at Surat Thani, officials added."


def article(*header, body=BODY):
    return "\n".join([*header, "", body, "", BODY2, ""])


@pytest.mark.parametrize(
    "header, expected",
    [
        (["date 2025-09-22", "Bangkok buys Gripens"], ("2025-09-22", "day")),
        (["Bangkok buys Gripens", "Somchai Rattana 🕒︎ 2025-11-02"], ("2025-11-02", "day")),
        (["Bangkok buys Gripens", "28.07.2022 09:15"], ("2022-07-28", "day")),
        (["Bangkok buys Gripens", "05.08.2022"], ("2022-08-05", "day")),  # dotted: day first
        (["Bangkok buys Gripens", "20/04/2024 21:32 GMT+8"], ("2024-04-20", "day")),
        (["Bangkok buys Gripens", "04/20/2024"], ("2024-04-20", "day")),  # month-first only when forced
        (["Bangkok buys Gripens", "March 7, 2025"], ("2025-03-07", "day")),
        (["Bangkok buys Gripens", "7 March 2025"], ("2025-03-07", "day")),
        (["Bangkok buys Gripens", "2025-03-18"], ("2025-03-18", "day")),
        (["Bangkok buys Gripens", "2025/03/18"], ("2025-03-18", "day")),  # year first: year, month, day
        (["Bangkok buys Gripens", "2025.3.18 09:40"], ("2025-03-18", "day")),
        (["Bangkok buys Gripens", "Mar. 7, 2025"], ("2025-03-07", "day")),
        (["Bangkok buys Gripens", "Sept 22, 2025"], ("2025-09-22", "day")),
        (["Bangkok buys Gripens", "Tuesday, 2 September 2025 | 11:20 ICT"], ("2025-09-02", "day")),
        (["Bangkok buys Gripens", "Published: March 7, 2025"], ("2025-03-07", "day")),
        (["Bangkok buys Gripens", "Updated: 8 Mar 2025 10:00 AM"], ("2025-03-08", "day")),
        (["Bangkok buys Gripens", "Published 6 Mar 2025 | Updated 8 Mar 2025"], ("2025-03-06", "day")),
        (["Bangkok buys Gripens", "Updated 8 Mar 2025", "Posted 6 Mar 2025"], ("2025-03-06", "day")),
        (["Bangkok buys Gripens", "Last modified on Sat 8 Mar 2025 10.15 GMT"], ("2025-03-08", "day")),
        (["Bangkok buys Gripens", "Published 6 Mar 2025", "Last modified on Sat 8 Mar 2025 10.15 GMT"], ("2025-03-06", "day")),
        (["Bangkok buys Gripens", "By Staff Reporter | Bangkok | June 3, 2025 18:40 ICT"], ("2025-06-03", "day")),
        (["Bangkok buys Gripens", "Bangkok, 3 June 2025"], ("2025-06-03", "day")),
        (["Bangkok buys Gripens", "September 2025"], ("2025-09", "month")),
        (["Bangkok buys Gripens", "Published: 2025"], ("2025", "year")),
        (["Bangkok buys Gripens", "2025-09"], ("2025-09", "month")),
        # a bracketed aside after the date is a field of its own
        (["Bangkok buys Gripens", "Mar. 7, 2025 (Updated 10:15 ICT)"], ("2025-03-07", "day")),
        (["Bangkok buys Gripens", "7 March 2025 (Friday), 09:30 AM Bangkok time"], ("2025-03-07", "day")),
    ],
)
def test_header_dates(header, expected):
    assert infer_published(article(*header)) == expected


def test_dateline_in_first_sentence():
    raw = article("Bangkok buys Gripens", body="BANGKOK, June 4, 2025 — " + BODY)
    assert infer_published(raw) == ("2025-06-04", "day")


def test_leading_date_prefix_on_body_line():
    raw = " date 2025-09-22 BANGKOK: " + BODY + "\n"
    assert infer_published(raw) == ("2025-09-22", "day")
    assert infer_title(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        article("Bangkok buys Gripens"),  # no date anywhere
        article("Bangkok buys Gripens", body="The contract was signed on 27 October 2025 in Bangkok. " + BODY),
        article("Bangkok buys Gripens", body="BANGKOK, June 4 -- " + BODY),  # no year: never guessed
        "BANGKOK: " + BODY + "\n\nMarch 7, 2025\n\nThe 2019 white paper, dated 5 May 2019, set the plan.\n",
        article("Bangkok buys Gripens", "31.02.2025"),  # impossible date
        # an aside holding a date inside a headline that says more is the event's date, not the page's
        article("Thailand (from 7 March 2025) buys four Gripen fighters for its air force after a long contest"),
    ],
)
def test_no_publication_date(raw):
    assert infer_published(raw) is None


def test_title_skips_crumbs_dates_bylines_mastheads():
    raw = article("THE DAILY WING", "Home › News › Asia", "NEWS | ASIA", "March 7, 2025", "By Staff Writer",
                  "[Photo: jets]", "Bangkok buys four Gripens in a long-awaited deal", "Subtitle goes here and there")
    assert infer_title(raw) == "Bangkok buys four Gripens in a long-awaited deal"


def test_title_none_for_body_opening():
    assert infer_title("BANGKOK: " + BODY + "\n\n" + BODY2) is None
    assert infer_title(BODY + "\n") is None


def test_title_strips_wire_tag():
    assert infer_title(article("(LEAD) Thailand signs Gripen deal with Sweden")) == (
        "Thailand signs Gripen deal with Sweden"
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        (article("Bangkok buys Gripens", body="(ASIA DEFENCE WATCH) — " + BODY), "Asia Defence Watch"),
        (article("Bangkok buys Gripens", body="BANGKOK, Sept 22 (Bernama) -- " + BODY), "Bernama"),
        ("BANGKOK: " + BODY + "\n\n" + BODY2[:-1] + ". – Bernama", "Bernama"),
        (article("Bangkok buys Gripens") + "\n" + "Some last words here. — ASIA DEFENCE WATCH\n", "Asia Defence Watch"),
        (article("Bangkok buys Gripens", "Copyright wing-blog"), "wing-blog"),
        (article("Bangkok buys Gripens") + "\nCopyright © 2025 Wing News. All rights reserved.\n", "Wing News"),
        ("THAIDEFENCE.CO.TH,Bangkok - " + BODY + "\n", "thaidefence.co.th"),
        (article("Bangkok buys Gripens"), None),
        (article("Bangkok buys Gripens", body="BANGKOK - " + BODY), None),
    ],
)
def test_publisher(raw, expected):
    assert infer_publisher(raw) == expected


def test_infer_metadata_bundle():
    meta = infer_metadata(article("Bangkok buys Gripens", "Paris, 9 January 2024"))
    assert (meta.title, meta.published, meta.published_precision, meta.publisher) == (
        "Bangkok buys Gripens", "2024-01-09", "day", None,
    )


@pytest.mark.parametrize(
    "value, expected",
    [("2025-09-22", ("2025-09-22", "day")), ("2025-09", ("2025-09", "month")), ("2025", ("2025", "year")),
     ("2025-09-22T10:00:00Z", ("2025-09-22", "day")), ("2025-02-30", None), ("22/09/2025", None),
     ("Sept 2025", None), ("", None)],
)
def test_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Navy gets new ships\n\nOSLO, May 2, 2024 — Norway signed a contract for four frigates on Monday.\n", "Oslo"),
        ("Navy gets new ships\n\nBUENOS AIRES: Argentina will buy twelve jets, the ministry said on Monday.\n", "Buenos Aires"),
        ("Navy gets new ships\n\nSANTIAGO / LIMA — Chile and Peru signed a memorandum on border patrols on Friday.\n", "Santiago"),
        ("Jets for the air force\nBy Our Correspondent | Ottawa | March 3, 2024 10:00 EST\n\n"
         "Canada ordered fourteen aircraft from the manufacturer on Tuesday, officials said.\n", "Ottawa"),
        ("Jets for the air force\nRome, 9 January 2024\n\nItaly ordered twelve trainers from the manufacturer, officials said.\n", "Rome"),
        # an author next to a date is not a place; a section label next to a time is not either
        ("Jets for the air force\nJohn Smith | March 3, 2024\n\nCanada ordered fourteen aircraft on Tuesday, officials said.\n", None),
        ("Jets for the air force\nMarch 3, 2024 | 10:00 CET | Land Systems | 4 min read\n\n"
         "Canada ordered fourteen aircraft on Tuesday, officials said in a statement.\n", None),
        ("THAIDEFENCE.CO.TH,Bangkok - Thailand will buy four jets, the air force said on Monday. It is the second batch.\n", None),
    ],
)
def test_dateline(raw, expected):
    assert infer_dateline(raw) == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        # a date among a few words of metadata (an agency, a label, a time, a byline)
        (["Bangkok buys Gripens", "REUTERS 09 Jun 2024"], ("2024-06-09", "day")),
        (["Bangkok buys Gripens", "(issued Feb 3, 2021)"], ("2021-02-03", "day")),
        (["Bangkok buys Gripens", "March 2, 2023 (Updated 11:20 ICT)"], ("2023-03-02", "day")),
        (["Bangkok buys Gripens", "Posted On: 14 JAN 2024 6:15PM by PIB Mumbai"], ("2024-01-14", "day")),
        (["Bangkok buys Gripens", "12/05/2024 à 08h30 - Mis à jour le 12/05/2024 à 09h10"], ("2024-05-12", "day")),
        # spaced dashes and wide gaps separate fields of a date line
        (["Bangkok buys Gripens", "3 April 2022 - 5 min read - Asia Desk"], ("2022-04-03", "day")),
        (["Bangkok buys Gripens", "Published : Oct. 2, 2023 - 08:10   Updated : Oct. 3, 2023 - 10:00"],
         ("2023-10-02", "day")),
        (["Bangkok buys Gripens", "Date: Issue 12 - June 2019"], ("2019-06", "month")),
        (["Bangkok buys Gripens", "Friday, 4 October 2024 - 10:05 AM (local time)"], ("2024-10-04", "day")),
        # month-first when the second number cannot be a month, whatever the separator
        (["Bangkok buys Gripens", "07.21.2025"], ("2025-07-21", "day")),
    ],
)
def test_loose_header_dates(header, expected):
    assert infer_published(article(*header)) == expected


def test_headline_with_a_date_is_not_a_date_line():
    raw = article("On 4 May 2025, Thailand and Sweden signed a jet deal in Bangkok")
    assert infer_published(raw) is None


def test_cookie_banner_is_not_the_body():
    raw = article("We use cookies to improve your visit. By continuing to browse you agree to our cookie policy. [OK]",
                  "Bangkok buys four Gripens at last", "14 July 2024 - 3 min read")
    assert infer_published(raw) == ("2024-07-14", "day")
    assert infer_title(raw) == "Bangkok buys four Gripens at last"


def test_byline_after_a_standfirst():
    standfirst = "The four jets will replace ageing F-5s at Surat Thani over the next three years."
    raw = "\n".join(["Bangkok buys Gripens", "", standfirst, "", "By our aviation correspondent | 2 Feb, 2024 09:12",
                     "", BODY, ""])
    assert infer_published(raw) == ("2024-02-02", "day")
    raw = "\n".join(["Bangkok buys Gripens", "", standfirst, "", "Story by Sgt. Ann Lee", "05.30.2024", "", BODY, ""])
    assert infer_published(raw) == ("2024-05-30", "day")
    # a date line after a story paragraph, with no byline, is still not the publication date
    raw = "\n".join(["Bangkok buys Gripens", "", standfirst, "", "2 Feb 2024", "", BODY, ""])
    assert infer_published(raw) is None


def test_a_dateline_naming_the_country_after_the_city_and_one_after_a_standfirst():
    standfirst = "Madrid says the sale of twelve transport planes will go ahead regardless."
    raw = "\n".join(["Spain defies bid to block plane sale", "", standfirst, "",
                     "Caracas, Venezuela, 13 January 2006 - Spain's government says it will still sell the planes, "
                     "its deputy prime minister said, rejecting a request from Washington to halt the deal.", "", BODY, ""])
    assert infer_published(raw) == ("2006-01-13", "day")


def test_a_stamped_date_line_after_a_standfirst_dates_the_article():
    # issue 11: a date with a clock time or a publishing label is the page's stamp, with or without a byline
    standfirst = "The four jets will replace ageing F-5s at Surat Thani over the next three years."
    raw = "\n".join(["Bangkok buys Gripens", "", standfirst, "", "Air desk | Bangkok", "Tue, 6 February 2024 1:32PM",
                     "", BODY, ""])
    assert infer_published(raw) == ("2024-02-06", "day")
    raw = "\n".join(["Bangkok buys Gripens", "", standfirst, "", "- Asia", "- Published Date: 08:05 | 2 February 2024",
                     "", BODY, ""])
    assert infer_published(raw) == ("2024-02-02", "day")
    # an agency credit with a time under the headline, which the field grammar cannot split
    raw = article("Bangkok buys Gripens", "(Siam Wire) 09:54, February 24, 2024")
    assert infer_published(raw) == ("2024-02-24", "day")


@pytest.mark.parametrize(
    "header, expected",
    [
        (["Skip to main content", "Bangkok signs for four more Gripen fighters"], "Bangkok signs for four more Gripen fighters"),
        (["+ ↺ − 16 px", "Bangkok signs for four more Gripen fighters"], "Bangkok signs for four more Gripen fighters"),
        (["Siam Defence Weekly", "Home > Air", "Bangkok signs for four more Gripen fighters"],
         "Bangkok signs for four more Gripen fighters"),
        (["Thaigov.example.th - Release", "Bangkok signs for four more Gripen fighters"],
         "Bangkok signs for four more Gripen fighters"),
        (["Siam Wire » Air » Bangkok signs for four more Gripen fighters", "Bangkok signs for four more Gripen fighters"],
         "Bangkok signs for four more Gripen fighters"),
        (["Skip to content"], None),
        (["Gripens for Bangkok"], "Gripens for Bangkok"),  # a short headline with nothing better stays
    ],
)
def test_title_skips_page_furniture(header, expected):
    assert infer_title(article(*header)) == expected


def test_roman_ordinal_opening_is_no_dateline():
    raw = article("Old bunkers reopen", body="WORLD WAR II: " + BODY)
    assert infer_dateline(raw) is None
    assert infer_dateline(article("Old bunkers reopen", body="BANGKOK: " + BODY)) == "Bangkok"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("by Ana Ruiz on March 2, 2022", ("2022-03-02", "day")),
        ("Ana Ruiz, Defence Editor March 2, 2022", ("2022-03-02", "day")),
        ("02-Mar-2022", ("2022-03-02", "day")),
        ("Date of publication: 2 March 2022", ("2022-03-02", "day")),
        ("(Reuters) 02 Mar 2022 08:15", ("2022-03-02", "day")),
    ],
)
def test_byline_forms(line, expected):
    assert infer_published(article("Bangkok buys Gripens", line)) == expected


def test_dated_credit_closing_the_article():
    assert infer_published(article("Bangkok buys Gripens") + "\nAFP 04 May 2021\n") == ("2021-05-04", "day")
    assert infer_published(article("Bangkok buys Gripens") + "\n(issued Oct 16, 2020)\n") == ("2020-10-16", "day")
    assert infer_published(article("Bangkok buys Gripens") + "\n4 May 2021\n") is None  # may close a timeline


def test_skip_link_is_dropped_from_the_text():
    from pipeline.corpus.cleaning import clean_text
    text = clean_text(article("Skip to main content", "Bangkok signs for four more Gripen fighters")).text
    assert "Skip to" not in text and "Bangkok signs for four more Gripen fighters" in text


def test_byline_dates_the_field_grammar_misses_are_read_by_dateutil():
    assert infer_published(article("Peru orders jets", "By Jane Doe | Wire | Updated: 3:45 PM EST, Tue March 5, 2024")) \
        == ("2024-03-05", "day")
    assert infer_published(article("Peru orders jets", "Written by Sam Lee on 14.03.2022")) == ("2022-03-14", "day")
    # a month without a day gives no invented day
    assert infer_published(article("Peru orders jets", "By Staff | March 2024 | 3 min read")) != ("2024-03-01", "day")


def test_a_bare_date_line_under_a_menu_and_a_headline_is_the_publication_date():
    # issue 11: a page whose layout has no header block still dates itself on a line of its own
    raw = ("HOME | WORLD | DEFENCE | OPINION        EN | FR        Search...\n\n"
           "WORLD                                        A+  A-\n\n"
           "Lima signs for twelve patrol boats in record naval deal\n\n"
           "9 March 2024 11:32\n\n"
           "Peru's navy has signed a contract for twelve patrol boats, the ministry said on Friday, in the "
           "largest naval order the country has placed in two decades, officials told reporters in Lima.\n")
    assert infer_published(raw) == ("2024-03-09", "day")


def test_a_date_line_after_a_story_paragraph_is_not_a_bare_header_date():
    raw = ("Lima signs for twelve patrol boats\n\n"
           + " ".join(["Peru's navy has signed a contract for twelve patrol boats, the ministry said."] * 6) + "\n\n"
           "9 March 2024\n\nMore text follows here about the boats and the yard that builds them.\n")
    from pipeline.corpus.metadata import _bare_date_line, _layout
    assert _bare_date_line(_layout(raw, None)) is None


def test_an_accented_dateline_place_dates_the_article():
    body = (" - Colombia signed a deal for twelve patrol boats on Thursday, the ministry said in a statement.\n\n"
            "More text follows in a second paragraph.\n")
    raw = "Colombia buys boats\n\nBOGOTÁ, March 3, 2021 (Reuters)" + body
    assert infer_published(raw) == ("2021-03-03", "day")
    assert infer_dateline(raw) == "Bogotá"


def test_a_closing_sentence_that_says_when_the_article_was_first_published_dates_it():
    raw = article("Bangkok buys Gripens") + "\nThis article was first published on 4 May 2021.\n"
    assert infer_published(raw) == ("2021-05-04", "day")
    # ... but a closing sentence about another event does not
    raw = article("Bangkok buys Gripens") + "\nThe first jets were delivered on 4 May 2021.\n"
    assert infer_published(raw) is None


def test_the_date_in_the_pages_printed_address_is_the_last_resort():
    raw = "https://news.example/2024/11/05/bangkok-buys-gripens/\n\n" + article("Bangkok buys Gripens")
    assert infer_published(raw) == ("2024-11-05", "day")
    raw = "https://news.example/2024/02/30/bangkok-buys-gripens/\n\n" + article("Bangkok buys Gripens")
    assert infer_published(raw) is None  # no such day
