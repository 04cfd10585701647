"""Curation: corrections kept as data (the project's `curation/` folder), applied to the
consolidated records before they are validated and published.

    corrections.py  read and check the correction files (untrusted input: every row is kept,
                    a bad one with the reason it cannot be applied)
    apply.py        apply them to the agreements and procurements tables, deterministically,
                    and say of each whether it was applied, is stale or is invalid
"""
