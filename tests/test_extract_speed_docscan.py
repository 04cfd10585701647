"""analyse scans the document once per gazetteer; a sentence must get exactly the hits a search of
that sentence alone finds (bullets, names across a sentence boundary, repeated names)."""
from pipeline.extract.context import analyse
from pipeline.extract.countries import find_countries
from pipeline.extract.organisations import find_organisations

TEXTS = [
    "-Korea signed a deal with Poland. South Korea agreed.\n- Japan and India met.",
    "Officials in St. Lucia met. Saint Lucia and the Emirates signed.\nthyssenkrupp Marine Systems won.",
    "Korea-Poland talks. The United States. Kingdom officials met the United. Kingdom team.",
    "Hanwha Aerospace. Aerospace firm Hanwha met DAPA.\n•Poland's MoD ordered K2 tanks. Turkey.",
]


def test_doc_scan_matches_sentence_search():
    for text in TEXTS:
        for info in analyse(text, "d", None).sentences:
            assert info.countries == find_countries(info.text)
            assert info.orgs == find_organisations(info.text)
