"""Enrichment of the published records from reference data: values in US dollars (usd.py)."""
