"""`make explore`: serve a release's SQLite database with Datasette on the loopback interface.

    python -m pipeline.explore [--version latest] [--output-dir outputs] [--host 127.0.0.1] [--port 8001]

The database is checked against the size and SHA-256 its datapackage.json records before it is
served (a release folder is untrusted input), and opened immutable (read-only, never written).
The metadata (descriptions, licence, source, facets, canned queries) is generated from the
pandera models into a temporary file; the plugin in pipeline/explore/plugins renders evidence
and links. Datasette replaces this process, so Ctrl-C stops it directly.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from pipeline.explore.metadata import metadata
from pipeline.publish.database import DATABASE
from pipeline.publish.release import size_and_sha256

PLUGINS = Path(__file__).resolve().parent / "plugins"
SETTINGS = {
    "default_page_size": "50",
    "sql_time_limit_ms": "3000",  # a journalist's query on the whole corpus, not a runaway one
    "facet_time_limit_ms": "1000",
    "max_returned_rows": "5000",
    "truncate_cells_html": "400",  # long texts (articles) are shortened in tables, whole on their row
}


class ExploreError(Exception):
    """What is wrong, said to the user (exit status 2)."""


def database_of(release: Path) -> tuple[Path, dict]:
    """The release's database and its datapackage.json, after checking the database's bytes."""
    try:
        pkg = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExploreError(f"{release}: datapackage.json cannot be read ({exc})") from exc
    res = next((r for r in pkg.get("resources", []) if isinstance(r, dict) and r.get("path") == DATABASE), None)
    if res is None:
        raise ExploreError(f"release {release.name} has no SQLite database (it was cut before releases carried one); "
                           "`make run` cuts a release with one")
    path = release / DATABASE
    if not path.is_file():
        raise ExploreError(f"{path} is missing, though datapackage.json lists it")
    size, digest = size_and_sha256(path)
    if size != res.get("bytes") or f"sha256:{digest}" != res.get("hash"):
        raise ExploreError(f"{path} holds sha256:{digest} ({size} bytes) but datapackage.json records {res.get('hash')} "
                           f"({res.get('bytes')} bytes): damaged or edited; not served")
    return path, pkg


def command(release: Path, host: str, port: int, metadata_dir: Path) -> list[str]:
    """The datasette command line serving `release` (metadata written into `metadata_dir`)."""
    path, pkg = database_of(release)
    meta = metadata(pkg.get("version", release.name), pkg.get("semver"), pkg.get("previous_version"))
    meta_path = metadata_dir / f"metadata-{release.name}.json"
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(path), "--metadata", str(meta_path),
           "--plugins-dir", str(PLUGINS), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        cmd += ["--setting", name, value]
    return cmd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.explore", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", default="latest", help="release to serve (default: latest)")
    parser.add_argument("--output-dir", default=os.environ.get("DEALS_OUTPUT_DIR", "outputs"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    from pipeline.datasets import release_dir

    try:
        release = release_dir(args.version, args.output_dir)
        if not isinstance(release, Path):
            raise ExploreError(f"{args.output_dir} is not a local folder: download the release first")
        metadata_dir = Path(tempfile.gettempdir()) / "defence-deals-explore"
        metadata_dir.mkdir(exist_ok=True)
        cmd = command(release, args.host, args.port, metadata_dir)
    except (ExploreError, FileNotFoundError) as exc:
        print(f"make explore: {exc}", file=sys.stderr)
        return 2
    print(f"serving release {release.name} on http://{args.host}:{args.port}/ (Ctrl-C stops it)", flush=True)
    os.execv(cmd[0], cmd)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
