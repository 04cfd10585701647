"""Money and quantity recognisers on invented sentences: the written forms news outlets use."""
import pytest

from pipeline.extract.money import find_money


def _money(text):
    return [(h.value.value, h.value.currency) for h in find_money(text)]


@pytest.mark.parametrize("text,expected", [
    ("The navy will pay Rs 48,150 crore for the corvettes.", (481.5e9, "INR")),
    ("a Rs 2.3 lakh crore capital outlay", (2.3e12, "INR")),
    ("Armscor set aside R6 billion for the patrol ships.", (6e9, "ZAR")),
    ("Parliament released Sh18 billion for the helicopters.", (18e9, "KES")),
    ("the KSh 4.5bn radar deal", (4.5e9, "KES")),
    ("Lisbon will spend Euro 412 million on the frigates.", (412e6, "EUR")),
    ("a 9-billion-euro submarine programme", (9e9, "EUR")),
    ("an order worth SEK 6,4 billion", (6.4e9, "SEK")),
    ("Ottawa signed a $2.4-billion contract for the trucks.", (2.4e9, "USD")),
    ("the P27-billion frigate contract", (27e9, "PHP")),
    ("a QR410m coastal radar deal", (410e6, "QAR")),
    ("priced at CZK 38 billion", (38e9, "CZK")),
    ("the Tk 9,300 crore budget for jets", (93e9, "BDT")),
    ("the firm quoted EUR 215.600.000 excluding VAT", (215.6e6, "EUR")),
    ("a 750-million-dollar loan", (750e6, "USD")),
    ("it cost 2.1 billion Swiss francs", (2.1e9, "CHF")),
    ("worth 1.9 trillion won", (1.9e12, "KRW")),
    ("Hanwha lands W2.7 trillion howitzer order", (2.7e12, "KRW")),
    ("Manila Signs $1.9 Billion Deal For Jets", (1.9e9, "USD")),
    ("Ottawa approves C$3.4B ship refit", (3.4e9, "CAD")),
    ("a Rs 1,450 cr contract for radars", (14.5e9, "INR")),
    ("an order worth PLN 6,1 mld", (6.1e9, "PLN")),
    ("Hyundai Rotem Lands 2.1 Trillion Won Tank Order", (2.1e12, "KRW")),
    ("the deal, worth NZ $1.5 billion, was signed", (1.5e9, "NZD")),  # a prefix written with a space inside
])
def test_money_forms(text, expected):
    assert _money(text)[:1] == [expected]


@pytest.mark.parametrize("text", [
    "The Euro 2028 tournament opens in July.",   # a capitalised currency word needs a scale
    "The R2 variant and the P8 prototype flew.",  # one-letter symbols need a scale word
    "Prices are given in 2023 dollars.",           # a price basis, not an amount
    "The crew of 45 won the exercise.",
])
def test_not_money(text):
    assert _money(text) == []


def test_hyphenated_amount_restated():
    hits = find_money("a ₹5,400-crore (about $650 million) order")
    assert (hits[0].value.value, hits[0].value.currency) == (54e9, "INR")
    assert [(a.value, a.currency) for a in hits[0].alternatives] == [(650e6, "USD")]


from pipeline.extract.quantities import quantity_before, quantity_in  # noqa: E402


def _before(text, word):
    return quantity_before(text, text.index(word))


@pytest.mark.parametrize("text,word,expected", [
    ("Lima will buy two dozen KF-21 jets.", "KF-21", 24),
    ("The air arm took half a dozen Hawk trainers.", "Hawk", 6),
    ("Hanoi wants three dozen K9 howitzers.", "K9", 36),
    ("Quito ordered a dozen Mi-171 helicopters.", "Mi-171", 12),
    ("Quito received a pair of used Mi-171 helicopters.", "Mi-171", 2),
    ("Rabat bought 14 more Turkish-built Bayraktar drones.", "Bayraktar", 14),
    ("The navy's three existing Gowind corvettes sail soon.", "Gowind", 3),
    ("Lima ordered six diesel-powered Scorpene boats.", "Scorpene", 6),
    ("Lima ordered six conventionally powered Scorpene boats.", "Scorpene", 6),
])
def test_counts_before_a_system(text, word, expected):
    assert _before(text, word) == expected


@pytest.mark.parametrize("text,word", [
    ("The yard launched a Type 039 Yuan-class boat.", "Yuan"),                   # designation number
    ("Kenya signed for radars, three weeks after Leonardo won.", "Leonardo"),    # time span
    ("The line will turn out four to six Boxer vehicles per year.", "Boxer"),   # a rate
    ("The order brings its fleet to 52 Rafale jets.", "Rafale"),                # a fleet total
    ("The buy raises the total to 60 Rafale jets.", "Rafale"),
    ("Engines use a Block 60 F-16 core.", "F-16"),
])
def test_numbers_that_do_not_count_an_order(text, word):
    assert _before(text, word) is None


def test_counts_without_a_system_name():
    assert quantity_in("The coast guard flies the type: eight were ordered in 2019.") == 8
    assert quantity_in("The supplement covers one fire unit for the army.") == 1
    assert quantity_in("The contract adds two batteries.") == 2


from pipeline.extract.money import amount_role  # noqa: E402


def _roles(text):
    return [(h.value.value, amount_role(text, h)) for h in find_money(text)]


@pytest.mark.parametrize("text,expected", [
    ("Nairobi will draw on a $900 million loan from the bank.", [(900e6, "financing")]),
    ("The jets are covered by €400 million of export finance.", [(400e6, "financing")]),
    ("Tokyo offered a ¥1.2-billion grant for the boats.", [(1.2e9, "financing")]),
    ("The ministry has earmarked A$3 billion for the project.", [(3e9, "budget")]),
    ("She cited GBP 800 million budgeted for the trainers.", [(800e6, "budget")]),
    ("The three contracts, together worth $5 billion, were signed.", [(5e9, "total")]),
    ("Deals worth QR9bn ($2.5bn) in total were signed.", [(9e9, "total")]),
    ("No breakdown of the $2 billion was given.", [(2e9, "total")]),
    ("It spread the $2 billion across the eight cases.", [(2e9, "total")]),
    ("Lima signed $2 billion worth of firm and provisional deals with Paris.", [(2e9, "total")]),
    ("Lima signed a $1.1 billion contract for ten jets.", [(1.1e9, None)]),
    # the nouns come from role_cues.csv (funder_noun, budget_noun), plurals on the head noun
    ("Quito opened two lines of credit worth $300 million for the boats.", [(300e6, "financing")]),
    ("The boats come with $45 million in security assistance.", [(45e6, "financing")]),
    ("Congress passed an appropriation of $2 billion for the corvettes.", [(2e9, "budget")]),
    ("The plan sets aside ₹900 crore allocations for drones.", [(9e9, "budget")]),
])
def test_amount_role(text, expected):
    assert _roles(text) == expected


def test_count_must_fit_the_category():
    text = "The package also brings 240 missiles and spare engines."
    assert quantity_in(text, "combat_aircraft") is None
    assert quantity_in(text, "missile") == 240
    assert quantity_in("It covers six more jets and 40 missiles.", "combat_aircraft") == 6
    assert quantity_in("It adds four systems.", "air_defence") == 4
    assert quantity_in("It covers two batteries of the cruise missile.", "missile") == 2


def test_count_read_word_by_word_from_the_system():
    # up to four fillers between the count and the system; the leftmost count wins
    assert _before("Oslo wants nine hundred and twenty new Nordic Hanwha K239 rockets.", "K239") == 920
    assert _before("Oslo wants 12 more new used refurbished K9 howitzers.", "K9") == 12
    assert _before("Oslo wants 12 more new used refurbished Korean K9 howitzers.", "K9") is None
    assert _before("Oslo, which has 30, wants Korean K9 howitzers.", "K9") is None
    assert _before("Cairo ordered Two Squadrons of 12 Rafale jets.", "Rafale") == 24
    assert _before("Cairo ordered two lots of six Rafale jets.", "Rafale") == 12
    # a capitalised count after a double space is still a count
    assert _before("Athens bought  Two Rafale jets.", "Rafale") == 2
    assert _before("Athens bought (12) Rafale jets.", "Rafale") is None
    assert _before("Athens bought (12 Rafale jets).", "Rafale") == 12


def test_partitive_gives_the_order_total():
    from pipeline.extract.quantities import is_order_total
    text = "The air force has taken two of the eight Rafale jets it ordered."
    assert _before(text, "Rafale") == 8 and is_order_total(text, text.index("Rafale"))
    text = "Cairo bought eight Rafale jets."
    assert not is_order_total(text, text.index("Rafale"))
    text = "Delhi has received the first of its 26 Rafale M jets."
    assert _before(text, "Rafale") == 26 and is_order_total(text, text.index("Rafale"))
    text = "Of The 26 Rafale jets, most are in service."
    assert not is_order_total(text, text.index("Rafale"))


def test_single_unit_with_an_article():
    from pipeline.extract.quantities import single_unit
    text = "The navy commissioned a Korean-built Chungmugong-class destroyer as its flagship."
    assert single_unit(text, text.index("Chungmugong")) == 1
    text = "Seoul signed a K9 howitzer contract."
    assert single_unit(text, text.index("K9")) is None
    text = "Hanoi is weighing an FA-50 purchase."
    assert single_unit(text, text.index("FA-50")) is None


def test_rate_versus_time_limit():
    assert _before("Lisbon will receive 12 K9 howitzers within a year.", "K9") == 12
    assert _before("The line builds four K9 howitzers a year.", "K9") is None


def test_count_delivered_so_far_is_not_a_subject_count():
    assert quantity_in("The navy flies the type: four were delivered last year.") is None


def test_a_lot_delivered_counts_the_order_it_belongs_to():
    from pipeline.extract.quantities import order_size_of_lot
    s = "Peru took delivery of its first two Gripen jets, part of an order for 24 aircraft signed in 2021."
    assert order_size_of_lot(s, s.index("Gripen"), s.index("Gripen") + 6) == 24
    s2 = "Peru took delivery of two Gripen jets, part of an order for 24 aircraft."
    assert order_size_of_lot(s2, s2.index("Gripen"), s2.index("Gripen") + 6) is None  # "two" is no lot
    s3 = "Peru took delivery of its first two Gripen jets on Monday."
    assert order_size_of_lot(s3, s3.index("Gripen"), s3.index("Gripen") + 6) is None  # no order size told


def test_wire_abbreviations_and_a_symbol_on_either_side_are_money():
    from pipeline.extract.money import find_money
    assert [(m.value.value, m.value.currency) for m in find_money("a contract worth 554 mln dlrs")] == [(554e6, "USD")]
    assert [(m.value.value, m.value.currency) for m in find_money("for zł10 billion")] == [(10e9, "PLN")]


def test_a_lot_of_an_order_told_as_the_first_of_n_ordered_is_that_orders_size():
    from pipeline.extract.quantities import order_size_of_lot
    s = "The navy took delivery of its first two K9 howitzers on Monday, the first of six ordered from Korea."
    i = s.index("K9")
    assert order_size_of_lot(s, i, i + 2) == 6
    s = "The air force received its first two K9 howitzers, part of an order for twenty guns."
    i = s.index("K9")
    assert order_size_of_lot(s, i, i + 2) == 20
