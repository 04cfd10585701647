"""A frame's bytes as the release's writers (pipeline/publish/formats.py) write them, in memory."""
from __future__ import annotations

import io

import pandas as pd

from pipeline.publish.formats import WRITERS


def written(fmt: str, df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    writer = WRITERS[fmt](buf, df.iloc[0:0])
    if len(df):
        writer.write(df)
    writer.close()
    return buf.getvalue()
