"""Review: how far to trust each record, and where a curator starts.

    confidence.py  measurable signals of a record, and its confidence from the calibrated weights
    calibrate.py   fit those weights on annotated releases; the reliability table (developer tool)
    queue.py       the review queue of a release: low confidence or conflicts, what matters first
"""
