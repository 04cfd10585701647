"""The explorer: a release's SQLite database (pipeline/publish/database.py) served with Datasette.

`metadata.py` builds Datasette's metadata from the pandera models (descriptions, licence, source,
facets, canned queries); `render.py` turns cells into HTML (the evidence highlighted in its
article, links from ids to rows); `plugins/` is what Datasette loads; `__main__.py` is `make explore`.
Nothing here imports Dagster, and only the plugin and the server import Datasette.
"""
