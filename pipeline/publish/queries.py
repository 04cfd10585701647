"""Canned queries over a release's SQLite database (publish/database.py): what journalists ask
first. The explorer offers them by name (Datasette `queries`, with named `:parameters`), and the
data card lists them."""
from __future__ import annotations

from schemas.table_schema import RECORD_ID_COLUMNS

_RECORDS = " union all ".join(
    f"select '{table}' as record_table, {key} as record_id, evidence_doc_id, evidence_char_start, evidence_char_end, "
    f"evidence_sentence from {table}" for table, key in RECORD_ID_COLUMNS.items())

QUERIES = {
    "largest_deals_usd": {
        "title": "Largest deals in US dollars",
        "description": "Procurements ranked by value in US dollars at the rate of the deal's date (`value_usd`), "
                       "with the value in constant dollars beside it. Values with no dollar rate are left out "
                       "(`usd_unavailable` says why).",
        "sql": "select procurement_id, buyer_country, supplier_country, system, category, quantity, value, currency, "
               "value_usd, value_usd_constant, usd_rate_date, status, year, evidence_sentence from procurements "
               "where value_usd is not null order by value_usd desc, procurement_id limit 200",
    },
    "between_countries": {
        "title": "Arrangements between two countries",
        "description": "Agreements whose parties include both countries, and procurements between them in either "
                       "direction. Countries as ISO 3166-1 alpha-3 codes, e.g. KOR and POL.",
        "sql": "select 'agreement' as kind, a.agreement_id as record_id, a.agreement_type as what, a.status, "
               "coalesce(a.date, a.first_reported) as date, a.parties as countries, null as value_usd, a.evidence_sentence "
               "from agreements a where exists (select 1 from agreement_parties p where p.agreement_id = a.agreement_id "
               "and p.country = upper(trim(:country_a))) and exists (select 1 from agreement_parties p "
               "where p.agreement_id = a.agreement_id and p.country = upper(trim(:country_b))) "
               "union all select 'procurement', r.procurement_id, r.system, r.status, "
               "coalesce(r.order_date, r.first_reported), json_array(r.buyer_country, r.supplier_country), r.value_usd, "
               "r.evidence_sentence from procurements r where (r.buyer_country = upper(trim(:country_a)) "
               "and r.supplier_country = upper(trim(:country_b))) or (r.buyer_country = upper(trim(:country_b)) "
               "and r.supplier_country = upper(trim(:country_a))) order by date desc, record_id",
    },
    "what_changed": {
        "title": "What changed in this release",
        "description": "Records added, changed and removed since the previous release, and old ids that moved "
                       "(follow `new_ids`). A removed record is not in this release: it is in the previous one.",
        "sql": "select c.record_table, c.change, c.record_id, c.relation, c.new_ids, "
               "coalesce(p.buyer_country || ' / ' || coalesce(p.supplier_country, '?') || ': ' || p.system, "
               "a.agreement_type || ': ' || (select group_concat(country, ', ') from agreement_parties x "
               "where x.agreement_id = a.agreement_id)) as summary, coalesce(p.status, a.status) as status, "
               "coalesce(p.evidence_sentence, a.evidence_sentence) as evidence_sentence from changes c "
               "left join procurements p on p.procurement_id = c.record_id "
               "left join agreements a on a.agreement_id = c.record_id order by c.record_table, c.change, c.record_id",
    },
    "evidence": {
        "title": "A record's evidence in its article",
        "description": "The article a record comes from, its evidence sentence highlighted "
                       "(`evidence_char_start` to `evidence_char_end` of the document's text).",
        "sql": f"select r.record_id, d.doc_id, d.title, d.published, "
               f"r.evidence_char_start, r.evidence_char_end, d.text as article "
               f"from ({_RECORDS}) r join documents d on d.doc_id = r.evidence_doc_id where r.record_id = :record_id",
    },
}
