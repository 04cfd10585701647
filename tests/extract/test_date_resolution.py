"""Date recognition and resolution: sentence-initial months, month + relative year, anaphoric years,
fiscal years, years inside names, weekdays next to a date, yearless days near publication."""
from pipeline.extract.document import analyse
from pipeline.extract.dates import find_dates


def iso(sentence, published=None, anchor=None):
    return [(h.iso, sentence[h.start:h.end]) for h in find_dates(sentence, published, anchor)]


def test_sentence_initial_month():
    assert iso("In May, the navy signed for two corvettes.", "2024-09-02") == [("2024-05", "In May")]
    assert iso("Since March the frigates have been at sea.", "2024-09-02") == [("2024-03", "Since March")]


def test_month_with_a_relative_year():
    assert iso("The ministry cleared the buy in April last year.", "2024-09-02") == [("2023-04", "April last year")]
    assert iso("Talks opened in February this year.", "2024-09-02") == [("2024-02", "February this year")]
    assert iso("Talks opened in February this year.") == []  # no publication date: nothing


def test_that_year_counts_from_the_year_told_before():
    assert iso("The hull was laid down in 2016 and launched in May that year.") == [
        ("2016", "2016"), ("2016-05", "May that year")]
    assert iso("Oslo ordered the radars in March 2019 and the missiles a year later.") == [
        ("2019-03", "March 2019"), ("2020", "a year later")]
    assert iso("The army took delivery the following year.", "2025-01-01", anchor="2018-11") == [
        ("2019", "the following year")]
    assert iso("Deliveries began that year.", "2025-01-01") == []  # nothing to count from
    # an anaphor right before the date it introduces is not a second date
    assert iso("Two years later, on 3 May 2021, the boat was commissioned.") == [("2021-05-03", "3 May 2021")]
    assert [h.iso for h in find_dates("A year later, on 3 May 2021, it sailed.", None, "2020")] == ["2021-05-03"]


def test_that_year_across_sentences():
    text = ("Lima signed for six patrol boats in 2017. The first was delivered the following year. "
            "Two more arrived in October that year.")
    ctx = analyse(text, "d", "2025-06-01")
    dates = [[d.iso for d in info.dates] for info in ctx.sentences]
    assert dates == [["2017"], ["2018"], ["2017-10"]]


def test_fiscal_year_is_the_year_it_starts():
    assert iso("Defence gets Rs 9 lakh crore in 2026-27.") == [("2026", "2026-27")]
    assert iso("the 2023/24 budget") == [("2023", "2023/24")]
    assert iso("Funds for FY2025-26 rose.") == [("2025", "FY2025-26")]
    # a fiscal year named by one year is that year; "FY" does not make it the end of a name
    assert iso("In FY 2026 the navy will order six.") == [("2026", "FY 2026")]
    assert iso("The FY2027 request adds two.") == [("2027", "FY2027")]
    assert iso("Funds for FY 2025/26 rose.") == [("2025", "FY 2025/26")]
    assert iso("a 2023-25 plan") == []  # not a fiscal year: two years apart


def test_year_inside_a_name_is_not_a_date():
    assert iso("Officials cited Agenda 2063 and the Horizon 2040 plan.") == []
    assert iso("They signed a Comprehensive Partnership towards 2035 in Rome.") == []
    assert iso("Teams met at DEFEXPO 2026 to compare notes.") == []
    assert iso("In 2022 the deal was signed; by 2030 all boats will be in service.") == [
        ("2022", "2022"), ("2030", "2030")]
    assert iso("Summer 2024 saw the first flight.") == [("2024", "2024")]


def test_weekday_before_a_date_is_not_a_second_date():
    # 2024-10-14 is a Monday
    assert iso("It was signed on Sunday 12 November 2023 in Lima.", "2024-10-14") == [("2023-11-12", "12 November 2023")]
    assert iso("It was signed on Friday, March 3, 2023.", "2024-10-14") == [("2023-03-03", "March 3, 2023")]
    assert iso("It was signed on Friday.", "2024-10-14") == [("2024-10-11", "Friday")]


def test_yearless_day_month():
    # a few days after publication: upcoming, not a year ago
    assert iso("The jets will be accepted on Nov. 6.", "2025-10-30") == [("2025-11-06", "Nov. 6")]
    assert iso("The jets were accepted on Dec. 3.", "2022-02-23") == [("2021-12-03", "Dec. 3")]
    assert iso("The jets were accepted on 4 March.", "2022-06-23") == [("2022-03-04", "4 March")]
    # after a date told with its year in the same sentence: that year, when not going back in time
    assert iso("Five arrived on June 10, 2024 and five more on Dec. 9.", "2025-10-30") == [
        ("2024-06-10", "June 10, 2024"), ("2024-12-09", "Dec. 9")]
    assert iso("Five arrived on June 10, 2024 and five more on Dec. 9.") == [
        ("2024-06-10", "June 10, 2024"), ("2024-12-09", "Dec. 9")]


def test_times_of_day_and_ago():
    assert iso("The two ministers exchanged the documents this morning.", "2024-03-05") == [("2024-03-05", "this morning")]
    assert iso("The memorandum was signed last night in Lima.", "2024-03-05") == [("2024-03-04", "last night")]
    assert iso("Lima ordered the boats seven years ago.", "2024-03-05") == [("2017", "seven years ago")]
    assert iso("Talks began three months ago.", "2024-03-05") == [("2023-12", "three months ago")]
    assert iso("Talks began three months ago.") == []


def test_weekday_with_a_bracketed_date_and_last_weekday():
    # 2024-10-14 is a Monday
    assert iso("The firms last Monday (7 October) signed a supplement.", "2024-10-14") == [("2024-10-07", "7 October")]
    assert iso("The firms signed it last Monday.", "2024-10-14") == [("2024-10-07", "Monday")]
    assert iso("The firms signed it on Monday.", "2024-10-14") == [("2024-10-14", "Monday")]


def test_part_of_a_year_and_title_case_dateline():
    assert iso("Deliveries are due to start in mid-2027.") == [("2027", "mid-2027")]
    assert iso("The first batch arrived in early-2024, officials said.") == [("2024", "early-2024")]
    assert iso("Lima, May 3 -- Peru signed the deal on Friday.", "2024-05-03") == [("2024-05-03", "Friday")]


def test_end_of_a_month_and_looking_ahead():
    assert iso("It was approved at the end of August.", "2024-10-01") == [("2024-08", "end of August")]
    assert iso("Talks should finish by the end of November.", "2024-10-01") == [("2024-11", "end of November")]
    assert iso("The ministry intends to sign in February.", "2024-10-01") == [("2025-02", "in February")]


def test_bare_month_after_a_dated_event_in_the_sentence():
    assert iso("The deal was signed in March 2019 and the first boat arrived in June.", "2024-10-01") == [
        ("2019-03", "March 2019"), ("2019-06", "in June")]
    assert iso("The deal was signed in March 2019 and the first boat arrived in June.") == [
        ("2019-03", "March 2019"), ("2019-06", "in June")]
    # going back in time from it: the month is counted from publication, as alone
    assert iso("The 2019 plan, revised in October 2023, was scrapped in May.", "2024-10-01") == [
        ("2019", "2019"), ("2023-10", "October 2023"), ("2024-05", "in May")]


def test_relative_dates_count_from_the_filing_day_of_the_dateline():
    # published on Saturday 2024-05-04 in Asia, filed in Lima on Friday 3 May
    text = "LIMA, May 3 (Wire) -- Peru signed the deal today. The navy confirmed it on Thursday."
    ctx = analyse(text, "d", "2024-05-04")
    assert [[d.iso for d in info.dates] for info in ctx.sentences] == [["2024-05-03"], ["2024-05-02"]]
    # a dateline far from publication is not the filing day
    ctx = analyse("LIMA, April 3 (Wire) -- Peru signed the deal today.", "d", "2024-05-04")
    assert [d.iso for d in ctx.sentences[0].dates] == ["2024-05-04"]


def test_yearless_day_with_a_relative_year_or_after_a_bare_year():
    assert iso("Peru signed it on April 30 this year.", "2025-11-03") == [("2025-04-30", "April 30"), ("2025", "this year")]
    # a bare year earlier in the sentence does not date a later day ("coups since 2020 ... on July 26")
    assert iso("Coups have multiplied since 2020, the latest on July 26.", "2023-09-17") == [
        ("2020", "2020"), ("2023-07-26", "July 26")]


def test_filing_day_after_a_headline():
    text = "Peru signs for howitzers\nLIMA, May 3 (Wire) -- Peru signed the deal today."
    ctx = analyse(text, "d", "2024-05-04")
    assert [d.iso for info in ctx.sentences for d in info.dates] == ["2024-05-03"]


def test_weekday_before_a_number_that_is_no_date():
    # 2024-10-14 is a Monday
    assert iso("On Friday, 2 tanks were delivered.", "2024-10-14") == [("2024-10-11", "Friday")]


def test_today_inside_a_quotation_is_the_speakers_day_and_left_unresolved():
    from pipeline.extract.dates import find_dates
    quoted = find_dates('"Today we have signed a letter of intent," the minister said.', "2025-11-18")
    assert [d for d in quoted if d.kind == "today"] == []
    plain = find_dates("The two ministers signed the letter today.", "2025-11-18")
    assert [d.iso for d in plain if d.kind == "today"] == ["2025-11-18"]


def test_a_bare_month_takes_the_tense_of_its_own_clause():
    # published mid-August: a past verb before "in July" means this July, even if the sentence
    # goes on to look ahead; a future verb before it means next July
    past = "Lima concluded a contract in July under which its navy will receive two patrol boats."
    assert [d.iso for d in find_dates(past, "2025-08-14")] == ["2025-07"]
    assert [d.iso for d in find_dates("The first boats will arrive in July.", "2025-08-14")] == ["2026-07"]
    assert [d.iso for d in find_dates("In July, the navy will sign for two boats.", "2025-08-14")] == ["2026-07"]
    both = "The contract, signed in July, will see the first boat handed over in March."
    assert [d.iso for d in find_dates(both, "2025-08-14")] == ["2025-07", "2026-03"]


def test_a_month_opening_the_sentence_takes_the_tense_of_the_clause_it_opens():
    # a later clause looking ahead does not push the month of a past purchase into next year
    [jan, later] = find_dates("In January, Chile ordered 30 jets, which it expects to receive in 2027.", "2024-06-12")
    assert (jan.iso, later.iso) == ("2024-01", "2027")
    [feb] = find_dates("In February the ministry will sign the contract for the jets.", "2024-06-12")
    assert feb.iso == "2025-02"
    [mar] = find_dates("In March, officials say, the ministry will sign the contract.", "2024-06-12")
    assert mar.iso == "2025-03"


def test_several_years_later_counts_from_the_year_told_before():
    [d] = find_dates("Two years later it bought 24 trainers.", "2025-03-02", "2018")
    assert d.iso == "2020"
    [d] = find_dates("Three years earlier it had signed for six.", "2025-03-02", "2018")
    assert d.iso == "2015"
    ctx = analyse("In 2016 Chile ordered 12 jets. Two years later it bought 24 trainers.", "t.txt", "2025-03-02")
    assert [d.iso for d in ctx.sentences[1].dates] == ["2018"]
