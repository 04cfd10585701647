"""Agreement mentions: which states agree to what, when, where and under which name.

mentions.py finds them sentence by sentence; types.py says which kind of arrangement a cue
names, parties.py which states are party to it, names.py its own name ("EDCA"), places.py
where it was signed, home.py whose arrangement a bare "the agreement" is, and layout.py
where a list of several agreements in one sentence breaks.
"""
