"""The optional corpus manifest ``sources.csv``: one row per article with its source metadata.

Columns: ``file`` (path relative to the corpus dir, required), ``url``, ``publisher``,
``published`` (ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY). Values given here win over what is
inferred from the article text. Parsing never raises on bad content: problems are reported.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from .dates import parse_iso_date
from .sanitising import strip_invisible

MANIFEST_NAME = "sources.csv"
COLUMNS = ("file", "url", "publisher", "published")


@dataclass(frozen=True)
class ManifestRow:
    file: str  # relative POSIX path of the article
    url: str | None
    publisher: str | None
    published: str | None  # ISO 8601 date (validated), at the precision given


def normalize_path(path: str) -> str:
    p = path.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def is_http_url(url: str) -> bool:
    """An absolute http(s) address with a host: the only kind of url published. A ``javascript:``
    or ``data:`` one (or a relative one) would become a live link wherever the data is shown."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in url):  # never valid; urlsplit silently drops some
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _plain(cell: str) -> str:
    return strip_invisible(cell)[0].strip()


def read_manifest(text: str) -> tuple[dict[str, ManifestRow], list[str]]:
    """Parse ``sources.csv`` text: (rows by file name, human-readable problems)."""
    rows: dict[str, ManifestRow] = {}
    first_line: dict[str, int] = {}
    problems: list[str] = []
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    try:
        for record in reader:
            line_no = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [_plain(c).lower() for c in record]
                if "file" not in header:
                    problems.append(
                        f"line {line_no}: the header has no 'file' column (found: {', '.join(header)}); "
                        "the manifest is ignored"
                    )
                    return {}, problems
                dupes = sorted({c for c in header if header.count(c) > 1})
                if dupes:
                    problems.append(f"line {line_no}: duplicate column(s) {', '.join(dupes)}; the first is used")
                extra = [c for c in header if c not in COLUMNS]
                if extra:
                    problems.append(
                        f"line {line_no}: unknown column(s) ignored: {', '.join(extra)} "
                        f"(known: {', '.join(COLUMNS)})"
                    )
                continue
            if len(record) > len(header):
                problems.append(f"line {line_no}: {len(record) - len(header)} value(s) beyond the header ignored")
            values: dict[str, str] = {}
            for name, cell in zip(header, record):
                # a file name is kept as written (it must match the file); values lose invisible
                # characters, as article text does
                values.setdefault(name, cell.strip() if name == "file" else _plain(cell))
            file = normalize_path(values.get("file", ""))
            if not file:
                problems.append(f"line {line_no}: empty 'file' value; row ignored")
                continue
            if file in rows:
                problems.append(
                    f"line {line_no}: duplicate row for '{file}' (first on line {first_line[file]}); row ignored"
                )
                continue
            published = values.get("published") or None
            if published is not None:
                parsed = parse_iso_date(published)
                if parsed is None:
                    problems.append(
                        f"line {line_no}: published '{published}' for '{file}' is not an ISO 8601 date "
                        "(YYYY-MM-DD, YYYY-MM or YYYY); ignored"
                    )
                    published = None
                else:
                    published = parsed[0]
            url = values.get("url") or None
            if url is not None and not is_http_url(url):
                problems.append(
                    f"line {line_no}: url '{url}' for '{file}' is not an http(s) address; "
                    "the url is dropped, the row's other values are kept"
                )
                url = None
            rows[file] = ManifestRow(file=file, url=url, publisher=values.get("publisher") or None,
                                     published=published)
            first_line[file] = line_no
    except csv.Error as e:
        problems.append(f"line {reader.line_num}: unreadable CSV ({e}); the rest of the manifest is ignored")
    if header is None:
        problems.append("the manifest is empty (no header row)")
    return rows, problems
