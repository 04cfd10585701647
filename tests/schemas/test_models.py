"""The pandera models reject what the guidelines forbid."""
import pandas as pd
import pandera.pandas as pa
import pytest

from schemas import AgreementsSchema, ProcurementsSchema
from schemas.table_schema import empty_frame, table_schema


def _procurement(**overrides):
    base = empty_frame(ProcurementsSchema)
    row = {c: None for c in base.columns}
    row.update(
        procurement_id="proc-0123456789abcdef", buyer_country="MYS", supplier_country="KOR", system="FA-50",
        category="combat_aircraft", quantity=18, value=920e6, currency="USD", value_alternatives=[],
        order_date="2023", delivery_start="2026", status="ordered", source_doc_ids=["d"], n_sources=1,
        evidence_doc_id="d", evidence_sentence="s", evidence_char_start=0, evidence_char_end=5,
        mention_ids=["m"], conflicts=[], extractor_version="t", confidence=0.9, curated=False,
    )
    row.update(overrides)
    return pd.DataFrame([row]).astype(base.dtypes.to_dict())


def _failed_checks(df, model):
    with pytest.raises(pa.errors.SchemaErrors) as err:
        model.validate(df, lazy=True)
    return set(err.value.failure_cases["check"].astype(str))


def test_valid_procurement_passes():
    ProcurementsSchema.validate(_procurement())


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"status": "bought"}, "isin"),
        ({"category": "spaceship"}, "isin"),
        ({"buyer_country": "XXX"}, "ISO 3166-1"),
        ({"currency": "DOLLARS"}, "ISO 4217"),
        ({"currency": None}, "ISO 4217"),
        ({"value": -1.0}, "greater_than_or_equal_to"),
        ({"quantity": 0}, "greater_than"),
        ({"order_date": "2023-13"}, "str_matches"),
        ({"delivery_start": "2022"}, "delivery_start must not"),
        ({"n_sources": 2}, "n_sources must"),
    ],
)
def test_invalid_procurement_fails(overrides, expected):
    failed = _failed_checks(_procurement(**overrides), ProcurementsSchema)
    assert any(expected in c for c in failed), failed


def test_agreement_needs_two_parties():
    base = empty_frame(AgreementsSchema)
    row = {c: None for c in base.columns}
    row.update(
        agreement_id="agr-0123456789abcdef", parties=["KOR"], agreement_type="mou", status="signed", signatories=[],
        topics=["not_a_topic"], source_doc_ids=["d"], n_sources=1, evidence_doc_id="d", evidence_sentence="s",
        evidence_char_start=0, evidence_char_end=1, mention_ids=["m"], conflicts=[], extractor_version="t", confidence=0.9, curated=False,
    )
    failed = _failed_checks(pd.DataFrame([row]).astype(base.dtypes.to_dict()), AgreementsSchema)
    assert any("two distinct parties" in c for c in failed) and any("topics vocabulary" in c for c in failed)


def test_table_schema_is_generated_from_the_model():
    ts = table_schema("procurements", ProcurementsSchema)
    fields = {f["name"]: f for f in ts["fields"]}
    assert ts["primaryKey"] == "procurement_id"
    assert fields["status"]["constraints"]["enum"][0] == "cancelled"
    assert fields["quantity"]["type"] == "integer" and fields["quantity"]["constraints"]["minimum"] == 1
    assert fields["parties" if "parties" in fields else "source_doc_ids"]["type"] == "array"
    assert fields["order_date"]["constraints"]["pattern"].startswith(r"\d{4}")
