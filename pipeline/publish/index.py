"""`releases.json`: the machine-readable list of releases, at the top of the output folder.

::

    {"latest": "2026-11-25.001.ab12cd34",
     "releases": [                          # oldest first: the order they were cut in
       {"version": "2026-11-24.001.0f1e2d3c", "semver": "1.0.0", "created": "2026-11-24T09:00:00Z",
        "previous": null, "rows": {"agreements": 7, ...}, "datapackage_sha256": "<hex>"}, ...]}

It is rebuilt from the release folders on every publish (written atomically), so a deleted
or damaged index comes back by itself; the facts of a release whose datapackage.json still
has the recorded SHA-256 are taken from the previous index rather than parsed again.

Release folders are untrusted input: a datapackage.json that is missing, not JSON or of an
older layout gives an entry with what could be read and a `problem`, never an exception.
Releases cut before semvers were recorded get one derived from their changes
(`"derived_semver": true`). Order: a release comes after its `previous`; otherwise by
`created`, then by name (see versioning.name_key).
"""
from __future__ import annotations

import hashlib
import heapq
import json
import logging
import os
import re
from pathlib import Path

from pipeline.publish import versioning

log = logging.getLogger(__name__)

INDEX = "releases.json"
RELEASES = "releases"
LATEST = "latest"
_CREATED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]*$")
_TABLE = re.compile(r"^[a-z_]+$")
ABOUT = ("Releases of defence-deals under releases/<version>/, oldest first. semver: major = existing records "
         "changed or removed, minor = records added, patch = same records. rows: rows per table. "
         "datapackage_sha256: SHA-256 of the release's datapackage.json. Rebuilt on every publish.")


# ---------------------------------------------------------------- a release's descriptor

def read_descriptor(folder) -> tuple[dict | None, str | None]:
    """(datapackage.json as a dict, None), or (None, what is wrong with it)."""
    try:
        data = (folder / "datapackage.json").read_bytes()
    except FileNotFoundError:
        return None, "no datapackage.json"
    except OSError as exc:
        return None, f"datapackage.json unreadable ({type(exc).__name__})"
    return parse_descriptor(data)


def parse_descriptor(data: bytes) -> tuple[dict | None, str | None]:
    try:
        pkg = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None, "datapackage.json is not valid JSON"
    if not isinstance(pkg, dict):
        return None, "datapackage.json is not a JSON object"
    return pkg, None


def _safe_path(path) -> bool:
    return (isinstance(path, str) and path != "" and not path.startswith(("/", "\\")) and "\\" not in path
            and ".." not in path.split("/"))


def descriptor_resources(pkg: dict | None) -> dict[str, dict]:
    """path -> resource, for the resources of `pkg` that have what the publisher relies on (a
    relative path, `bytes`, a `sha256:` hash); malformed ones are left out (their files are
    then rebuilt, never reused), and so are malformed `fingerprint` and `rows` values."""
    out: dict[str, dict] = {}
    resources = pkg.get("resources") if isinstance(pkg, dict) else None
    for res in resources if isinstance(resources, list) else []:
        if not isinstance(res, dict):
            continue
        path, size, digest = res.get("path"), res.get("bytes"), res.get("hash")
        if not (_safe_path(path) and isinstance(size, int) and not isinstance(size, bool) and size >= 0
                and isinstance(digest, str) and _HASH.match(digest)):
            continue
        res = dict(res)
        if not isinstance(res.get("fingerprint"), str):
            res.pop("fingerprint", None)
        if not (isinstance(res.get("rows"), int) and not isinstance(res.get("rows"), bool) and res["rows"] >= 0):
            res.pop("rows", None)
        out[path] = res
    return out


def resource_hashes(resources: dict[str, dict] | None) -> dict[str, str] | None:
    """path -> recorded hash; None when there are none to go by (every release has data files:
    a descriptor without one usable resource is damaged, and its files are read instead)."""
    return {path: res["hash"] for path, res in resources.items()} if resources else None


def rows_per_table(resources: dict[str, dict]) -> dict[str, int]:
    """Rows per table, from the CSV resources (a whole-table file, or the sum of its parts)."""
    rows: dict[str, int] = {}
    for path, res in resources.items():
        if not path.endswith(".csv") or "rows" not in res:
            continue
        table = path.split(".", 1)[0]
        if _TABLE.match(table):
            rows[table] = rows.get(table, 0) + res["rows"]
    return dict(sorted(rows.items()))


def _parquet_rows(folder, resources: dict[str, dict], known: dict[str, int]) -> dict[str, int]:
    """Rows per table from the Parquet footers, for the tables whose CSV resources record no
    rows (releases cut before they were recorded); a file that cannot be read is left out."""
    import pyarrow.parquet as pq

    rows: dict[str, int] = {}
    failed: set[str] = set()
    for path in resources:
        table = path.split(".", 1)[0]
        if not path.endswith(".parquet") or table in known or table in failed or not _TABLE.match(table):
            continue
        try:
            with (folder / path).open("rb") as f:
                rows[table] = rows.get(table, 0) + pq.ParquetFile(f).metadata.num_rows
        except Exception:  # noqa: BLE001 - an untrusted file: the table's count is left out
            rows.pop(table, None)
            failed.add(table)
    return rows


def _version(value) -> str | None:
    return value if isinstance(value, str) and _VERSION.match(value) else None


def _read_previous(folder) -> str | None:
    """previous_version from changes.json (what releases of every layout record)."""
    try:
        changes = json.loads((folder / "changes.json").read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return _version(changes.get("previous_version")) if isinstance(changes, dict) else None


def _read_change_log(folder) -> dict | None:
    try:
        changes = json.loads((folder / "changes.json").read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return changes.get("tables") if isinstance(changes, dict) else None


def release_facts(folder, hash_descriptor: bool = True, count_rows: bool = True) -> dict:
    """An index entry for the release in `folder`, from its own files (semver: only when
    recorded; see `build`)."""
    entry: dict = {"version": folder.name, "semver": None, "created": None, "previous": None, "rows": {},
                   "datapackage_sha256": None}
    try:
        data = (folder / "datapackage.json").read_bytes()
    except OSError as exc:
        pkg, problem = None, "no datapackage.json" if isinstance(exc, FileNotFoundError) else "datapackage.json unreadable"
    else:
        if hash_descriptor:
            entry["datapackage_sha256"] = hashlib.sha256(data).hexdigest()
        pkg, problem = parse_descriptor(data)
    if pkg is not None:
        created = pkg.get("created")
        entry["created"] = created if isinstance(created, str) and _CREATED.match(created) else None
        entry["semver"] = versioning.valid_semver(pkg.get("semver"))
        entry["previous"] = _version(pkg.get("previous_version"))
        resources = descriptor_resources(pkg)
        entry["rows"] = rows_per_table(resources)
        if count_rows:
            entry["rows"] = dict(sorted({**entry["rows"], **_parquet_rows(folder, resources, entry["rows"])}.items()))
        if pkg.get("version") not in (None, folder.name):
            problem = f"datapackage.json names version {str(pkg.get('version'))[:80]!r}, not its folder's"
    if entry["previous"] is None:
        entry["previous"] = _read_previous(folder)
    if entry["previous"] == folder.name:
        entry["previous"] = None
    if problem:
        entry["problem"] = problem
    return entry


# ---------------------------------------------------------------- order

def _folders(root) -> list:
    releases = root / RELEASES
    try:
        if not releases.exists():
            return []
        return sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    except OSError:
        return []


def _sort_key(entry: dict) -> tuple:
    return entry.get("created") or "", versioning.name_key(entry["version"])


def order(entries: dict[str, dict]) -> list[str]:
    """Versions in creation order: after its `previous` (when that is one of `entries`), then
    by created time, then by name. A cycle of previous links (a tampered release) is broken
    by the same key."""
    children: dict[str, list[str]] = {}
    ready = []
    for version, entry in entries.items():
        previous = entry.get("previous")
        if previous in entries and previous != version:
            children.setdefault(previous, []).append(version)
        else:
            heapq.heappush(ready, (_sort_key(entry), version))
    placed: list[str] = []
    seen: set[str] = set()
    while ready or len(placed) < len(entries):
        if not ready:  # only a cycle is left
            rest = sorted((v for v in entries if v not in seen), key=lambda v: _sort_key(entries[v]))
            heapq.heappush(ready, (_sort_key(entries[rest[0]]), rest[0]))
        _, version = heapq.heappop(ready)
        if version in seen:
            continue
        seen.add(version)
        placed.append(version)
        for child in children.get(version, []):
            if child not in seen:
                heapq.heappush(ready, (_sort_key(entries[child]), child))
    return placed


# ---------------------------------------------------------------- the index file

def _valid_entry(entry) -> bool:
    return (isinstance(entry, dict) and _version(entry.get("version")) is not None
            and (entry.get("datapackage_sha256") is None
                 or (isinstance(entry.get("datapackage_sha256"), str) and _SHA.match(entry["datapackage_sha256"]) is not None))
            and (entry.get("semver") is None or versioning.valid_semver(entry.get("semver")) is not None)
            and (entry.get("created") is None or (isinstance(entry.get("created"), str) and _CREATED.match(entry["created"])))
            and (entry.get("previous") is None or _version(entry.get("previous")) is not None)
            and isinstance(entry.get("rows"), dict)
            and all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in entry["rows"].items()))


def read_index(root) -> list[dict] | None:
    """The entries of root/releases.json in its order, or None when it is missing or damaged
    (anything but the layout written here)."""
    try:
        doc = json.loads((root / INDEX).read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    releases = doc.get("releases") if isinstance(doc, dict) else None
    if not isinstance(releases, list) or not all(_valid_entry(e) for e in releases):
        return None
    if len({e["version"] for e in releases}) != len(releases):
        return None
    return releases


def _latest(root, versions: set[str]) -> str | None:
    try:
        target = os.readlink(root / LATEST)
    except OSError:
        return None
    name = target.rstrip("/").rsplit("/", 1)[-1]
    return name if name in versions else None


def _derive(entry: dict, folder, previous: dict | None, previous_folder, preceding: dict | None) -> str:
    """The semver of a release that does not record one (cut before they were recorded, or a
    damaged descriptor), from its changes since its previous release."""
    if previous is None:
        if entry.get("previous") is None and preceding is None:
            return versioning.FIRST
        base = preceding["semver"] if preceding else None  # its previous is gone: counted as changed
        return versioning.bump(base, "major") if base else versioning.FIRST
    pkg, _ = read_descriptor(folder)
    previous_pkg, _ = read_descriptor(previous_folder)
    kind = versioning.change_kind(
        _read_change_log(folder), previous_folder, folder,
        resource_hashes(descriptor_resources(previous_pkg)) if previous_pkg is not None else None,
        resource_hashes(descriptor_resources(pkg)) if pkg is not None else None)
    return versioning.bump(previous["semver"], kind)


def build(root: Path, cached: list[dict] | None = None) -> list[dict]:
    """The index entries of the releases under root/releases, oldest first. `cached`: entries
    of an earlier index (default: root/releases.json), reused for a release whose
    datapackage.json still has the same SHA-256."""
    old = {e["version"]: e for e in (cached if cached is not None else read_index(root) or [])}
    entries: dict[str, dict] = {}
    reused: set[str] = set()
    folders = {p.name: p for p in _folders(root)}
    for name, folder in folders.items():
        hit = old.get(name)
        if hit is not None and hit.get("datapackage_sha256") and "problem" not in hit:
            try:
                digest = _sha256_file(folder / "datapackage.json")
            except OSError:
                digest = None
            if digest == hit["datapackage_sha256"]:
                entries[name] = dict(hit)
                reused.add(name)
                continue
        entries[name] = release_facts(folder)
    placed = order(entries)
    for i, version in enumerate(placed):
        entry = entries[version]
        previous = entries.get(entry.get("previous")) if entry.get("previous") != version else None
        if entry.get("semver") is not None:
            if not entry.get("derived_semver"):
                continue  # recorded in the release's own datapackage.json
            if version in reused and (previous is None
                                      or previous.get("semver") == old.get(previous["version"], {}).get("semver")):
                continue  # derived by an earlier index, from the same previous version
        entry["semver"] = _derive(entry, folders[version], previous, folders.get(previous["version"]) if previous else None,
                                  entries[placed[i - 1]] if i else None)
        entry["derived_semver"] = True
    return [_public(entries[v]) for v in placed]


def _public(entry: dict) -> dict:
    keys = ("version", "semver", "created", "previous", "rows", "datapackage_sha256", "derived_semver", "problem")
    return {k: entry[k] for k in keys if k in entry and (k not in ("derived_semver", "problem") or entry[k])}


def _sha256_file(path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write(root: Path, entries: list[dict]) -> Path:
    """root/releases.json, replaced atomically (a reader sees the old or the new file)."""
    doc = {"about": ABOUT, "latest": _latest(root, {e["version"] for e in entries}), "releases": entries}
    path = root / INDEX
    tmp = root / f".{INDEX}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write((json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(root, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def update(root: Path, cached: list[dict] | None = None) -> list[dict]:
    """Rebuild and write root/releases.json; returns its entries. A failure to write is
    logged, not raised: the releases themselves are already in place."""
    entries = build(root, cached)
    for entry in entries:
        if entry.get("problem"):
            log.warning("release %s: %s (listed in %s as far as it could be read)", entry["version"], entry["problem"], INDEX)
    try:
        write(root, entries)
    except OSError as exc:
        log.warning("could not write %s: %s", root / INDEX, exc)
    return entries


def release_order(root) -> list[str]:
    """The release versions under root/releases in creation order: from releases.json when it
    lists exactly the folders there, else from the releases' own files (created time and
    previous links), else by name. `root`: a Path or a UPath."""
    names = [p.name for p in _folders(root)]
    listed = read_index(root)
    if listed is not None and sorted(e["version"] for e in listed) == sorted(names):
        return [e["version"] for e in listed]
    entries = {name: release_facts(root / RELEASES / name, hash_descriptor=False, count_rows=False) for name in names}
    return order(entries)
