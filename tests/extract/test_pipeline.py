"""End-to-end: extract_mentions + consolidate on short paraphrased articles."""
from pipeline.consolidate import consolidate
from pipeline.extract import extract_mentions, mention_id
from pipeline.extract.records import AgreementMention, ProcurementMention

DOC_A = ("Poland and South Korea signed a memorandum of understanding on defence industry cooperation "
         "on 3 May 2024 in Warsaw. The MoU covers co-production and technology transfer.\n"
         "Separately, the Polish Armament Agency ordered 60 K9 howitzers from Hanwha for $1.1 billion.")
DOC_B = ("Poland and South Korea will sign a memorandum of understanding on defence industry cooperation "
         "this May, officials said.")


def test_offsets_and_determinism():
    ms = extract_mentions(DOC_A, "a.txt", "2024-05-04")
    assert ms == extract_mentions(DOC_A, "a.txt", "2024-05-04")
    for m in ms:
        assert DOC_A[m.evidence.char_start:m.evidence.char_end] == m.evidence.sentence
        assert len(mention_id(m)) == 16
    agr = [m for m in ms if isinstance(m, AgreementMention)]
    proc = [m for m in ms if isinstance(m, ProcurementMention)]
    assert len(agr) == 1 and agr[0].parties == ["KOR", "POL"] and agr[0].agreement_type == "mou"
    assert agr[0].date == "2024-05-03" and agr[0].location == "Warsaw"
    assert len(proc) == 1
    p = proc[0]
    assert (p.buyer_country, p.supplier_country, p.system, p.quantity) == ("POL", "KOR", "K9", 60)
    assert (p.value.value, p.value.currency, p.status) == (1.1e9, "USD", "ordered")


def test_consolidate_takes_latest_stage():
    ms = extract_mentions(DOC_B, "b.txt", "2024-04-01") + extract_mentions(DOC_A, "a.txt", "2024-05-04")
    agreements, procurements = consolidate(ms, {"a.txt": "2024-05-04", "b.txt": "2024-04-01"})
    assert len(agreements) == 1
    r = agreements[0]
    assert r.status == "signed" and r.date == "2024-05-03"
    assert r.source_doc_ids == ["a.txt", "b.txt"]
    assert (r.first_reported, r.last_reported) == ("2024-04-01", "2024-05-04")
    assert r.agreement_id.startswith("agr-") and procurements[0].procurement_id.startswith("proc-")
    again = consolidate(list(reversed(ms)), {"a.txt": "2024-05-04", "b.txt": "2024-04-01"})
    assert [x.agreement_id for x in again[0]] == [r.agreement_id]


def test_aggregates_are_not_records():
    ms = extract_mentions("Seoul has signed defence MoUs with 40 countries so far.", "c.txt", None)
    assert ms == []
