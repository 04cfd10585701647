"""A procurement's and an agreement's fields are declared once in the library (records.*Fields)
and once in the contract (schemas): the row builders derive from the first, and the two must
name the same published columns."""
import dataclasses

from schemas import AgreementsSchema, MentionsSchema, ProcurementsSchema, column_order
from schemas.procurement_fields import ProcurementColumns

from pipeline.extract.records import AgreementFields, Evidence, MoneyValue, ProcurementFields, ProcurementRecord
from pipeline.rows import AGREEMENT_FIELDS, PROCUREMENT_FIELDS, mention_row


def test_procurement_columns_are_the_records_fields():
    # (frames take their column order from the contract, not from these dicts)
    assert set(PROCUREMENT_FIELDS) == set(ProcurementColumns.to_schema().columns)
    for model in (ProcurementsSchema, MentionsSchema):
        assert set(PROCUREMENT_FIELDS) <= set(column_order(model))


def test_agreement_columns_are_the_records_fields():
    assert set(AGREEMENT_FIELDS) <= set(column_order(AgreementsSchema))
    assert set(AGREEMENT_FIELDS) <= set(column_order(MentionsSchema))
    # every field but the stage and the evidence, which are published in columns of their own
    assert set(AGREEMENT_FIELDS) == {f.name for f in dataclasses.fields(AgreementFields)} - {"status", "evidence"}


def test_money_becomes_value_currency_and_texts():
    r = ProcurementRecord(buyer_country="PER", system="K9", status="ordered", evidence=Evidence("d", "s", 0, 1),
                          value=MoneyValue(4.4e9, "MYR"), value_alternatives=[MoneyValue(1e9, "USD")])
    got = {name: get(r) for name, get in PROCUREMENT_FIELDS.items()}
    assert (got["value"], got["currency"], got["value_alternatives"]) == (4.4e9, "MYR", ["1000000000 USD"])
    assert got["buyer_country"] == "PER" and got["quantity"] is None
    bare = ProcurementRecord(buyer_country="PER", system="K9", status="ordered", evidence=Evidence("d", "s", 0, 1))
    assert PROCUREMENT_FIELDS["value"](bare) is None and PROCUREMENT_FIELDS["currency"](bare) is None


def test_a_mention_row_has_every_column_of_its_kind():
    from pipeline.extract.records import ProcurementMention

    m = ProcurementMention(buyer_country="PER", system="K9", status="ordered", evidence=Evidence("d", "Peru ordered K9s.", 0, 17))
    row = mention_row(m, "0" * 16, lambda a, b: (a, b), "test")
    assert set(ProcurementFields.__dataclass_fields__) - {"status", "evidence", "value"} <= set(row)
    assert set(row) <= set(column_order(MentionsSchema))
    # lists are copies: a frame built from rows must not share the record's lists
    assert row["value_alternatives"] == [] and row["value_alternatives"] is not m.value_alternatives
