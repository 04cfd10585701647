"""Explicit column dtypes, so results do not depend on the pandas version's defaults."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

STRING = pd.StringDtype("pyarrow")
INT = pd.Int64Dtype()
FLOAT = pd.Float64Dtype()
STRING_LIST = pd.ArrowDtype(pa.list_(pa.string()))
BOOL = pd.BooleanDtype()
