"""What a run keeps between runs so that a refresh costs what is new: a content-addressed cache
of read documents and extraction results (cache.py, codec.py), file hashes remembered by stat
signature (hashing.py), and fingerprints of the code and reference data that key them
(fingerprints.py). Data only: which stage caches what lives in that stage."""
