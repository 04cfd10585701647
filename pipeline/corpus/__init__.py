"""Corpus reading: news-article files -> cleaned, traceable Documents (plain Python, no Dagster).

    from pipeline.corpus.index import load_corpus
    corpus = load_corpus("seeds")
    doc = corpus.documents[0]
    doc.text            # cleaned text the extractor reads
    doc.to_raw(10)      # offset of doc.text[10] in the raw decoded file (doc.encoding)

``corpus.index`` holds the loop over a folder: ``read_corpus`` reads only new or changed files
(on all cores) into a cache, ``load_corpus`` is the same loop with a throw-away cache. It is not
imported here: it brings the cache, whose record classes import the extractor, which imports
this package. To read files one by one (e.g. only the new ones), ``read_article`` and ``load_manifest`` do
what ``load_corpus`` does for one article / the manifest, and never raise either.
"""
from .cleaning import CleanText, clean_text
from .dates import parse_iso_date
from .decoding import decode_bytes
from .errors import DocumentRejected
from .listing import CorpusListing, list_corpus
from .loading import Corpus, Rejection, article_fingerprint, corpus_fingerprint, load_manifest, read_article
from .manifest import ManifestRow, read_manifest
from .metadata import TextMetadata, infer_metadata, infer_published, infer_publisher, infer_title
from .reading import Document, read_document

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
