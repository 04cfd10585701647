"""Incremental, parallel processing of a corpus: the cost of a refresh grows with what is new.

Read/clean results are cached by (raw content hash, manifest row, corpus-reader code) and
extraction results by (document, extraction code and gazetteers), under
``<output dir>/cache/``. Only new or changed documents are processed, on all cores when
there are enough of them; texts are held in memory one batch at a time.
"""
