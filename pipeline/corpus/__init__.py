"""Corpus reading: news-article files -> cleaned, traceable Documents (plain Python, no Dagster).

    from pipeline.corpus.index import load_corpus
    corpus = load_corpus("seeds")
    doc = corpus.documents[0]
    doc.text            # cleaned text the extractor reads
    doc.to_raw(10)      # offset of doc.text[10] in the raw decoded file (doc.encoding)

The modules, from a folder to a Document:
- listing.py: which files of the folder are articles, which is the manifest (sources.csv), what is ignored;
- files.py: reading one file safely (bounded, never raising: a Rejection says why not), the manifest,
  file hashes and the corpus fingerprint;
- document.py: one article's bytes to a Document (decoding.py, sanitising.py, cleaning.py, lines.py
  for the page's layout, metadata.py for title, publisher, date and place, dates.py and dateline.py);
- index.py: the one loop over a folder. ``read_corpus`` reads only new or changed files (on all
  cores) into a cache; ``load_corpus`` is the same loop with a throw-away cache. It is not imported
  here: it brings the cache, whose record classes import the extractor, which imports this package.
"""
from .cleaning import CleanText, clean_text
from .dates import parse_iso_date
from .decoding import decode_bytes
from .errors import DocumentRejected
from .listing import CorpusListing, list_corpus
from .files import Corpus, Rejection, article_fingerprint, corpus_fingerprint, load_manifest, read_article
from .manifest import ManifestRow, read_manifest
from .metadata import TextMetadata, infer_metadata, infer_published, infer_publisher, infer_title
from .document import Document, read_document

__all__ = [
    "CleanText",
    "Corpus",
    "CorpusListing",
    "Document",
    "DocumentRejected",
    "ManifestRow",
    "Rejection",
    "TextMetadata",
    "article_fingerprint",
    "clean_text",
    "corpus_fingerprint",
    "decode_bytes",
    "infer_metadata",
    "infer_published",
    "infer_publisher",
    "infer_title",
    "list_corpus",
    "load_manifest",
    "parse_iso_date",
    "read_article",
    "read_document",
    "read_manifest",
]
