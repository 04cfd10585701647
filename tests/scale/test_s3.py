"""The graph reads its corpus from and publishes its release to a real S3 endpoint on loopback.

A moto server (the S3 protocol, in a thread of this test on 127.0.0.1) stands in for the
object store; s3fs talks to it over HTTP exactly as it would to AWS.
"""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

moto_server = pytest.importorskip("moto.server")
s3fs = pytest.importorskip("s3fs")

from pipeline import datasets  # noqa: E402


@pytest.fixture()
def s3(monkeypatch, tmp_path):
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://{host}:{port}")
    s3fs.S3FileSystem.clear_instance_cache()
    fs = s3fs.S3FileSystem()
    fs.mkdir("articles")
    fs.mkdir("datasets")
    yield fs
    s3fs.S3FileSystem.clear_instance_cache()
    server.stop()


def test_materialise_from_and_to_s3(s3, seed_corpus, instance, tmp_path):
    from tests.conftest import build_defs

    s3.put(str(seed_corpus) + "/", "articles/seeds/", recursive=True)
    job = build_defs("s3://articles/seeds", "s3://datasets/deals", work_dir=tmp_path / "work").resolve_job_def("refresh")
    result = job.execute_in_process(instance=instance, raise_on_error=False)
    assert result.success

    version = s3.cat("datasets/deals/LATEST").decode().strip()
    published = set(s3.ls(f"datasets/deals/releases/{version}"))
    for table in ("agreements", "procurements", "documents", "mentions", "rejected"):
        for fmt in ("csv", "parquet", "json"):
            assert f"datasets/deals/releases/{version}/{table}.{fmt}" in published
    pkg = json.loads(s3.cat(f"datasets/deals/releases/{version}/datapackage.json"))
    assert pkg["version"] == version and len(pkg["sources"]) == 5
    procurements = datasets.load("procurements", output_dir="s3://datasets/deals")
    assert (procurements["system"] == "FA-50").any()

    # a second run over the unchanged bucket cuts no new version
    shutil.rmtree(tmp_path / "work")  # even from a fresh machine: the published release is pulled first
    assert job.execute_in_process(instance=instance, raise_on_error=False).success
    assert s3.cat("datasets/deals/LATEST").decode().strip() == version
    assert [p.rsplit("/", 1)[-1] for p in s3.ls("datasets/deals/releases")] == [version]

    # a new article in the bucket gives a new version whose changes list its records
    s3.pipe("articles/seeds/005_new.txt", (seed_corpus / "000_ded9e0c828236e85.txt").read_bytes().replace(b"Malaysia", b"Indonesia"))
    assert job.execute_in_process(instance=instance, raise_on_error=False).success
    new_version = s3.cat("datasets/deals/LATEST").decode().strip()
    assert new_version != version
    changes = json.loads(s3.cat(f"datasets/deals/releases/{new_version}/changes.json"))
    assert changes["previous_version"] == version
    assert changes["tables"]["agreements"]["added"] or changes["tables"]["procurements"]["added"]

    # months the new article did not touch were copied inside the bucket from the previous
    # release (this work folder never had them): every part is there, with its bytes
    pkg = json.loads(s3.cat(f"datasets/deals/releases/{new_version}/datapackage.json"))
    parts = [r for r in pkg["resources"] if r.get("partition")]
    old = {r["path"]: r["hash"] for r in json.loads(s3.cat(f"datasets/deals/releases/{version}/datapackage.json"))["resources"]}
    assert any(old.get(r["path"]) == r["hash"] for r in parts)  # at least one month carried over
    for r in parts:
        data = s3.cat(f"datasets/deals/releases/{new_version}/{r['path']}")
        assert len(data) == r["bytes"] and "sha256:" + hashlib.sha256(data).hexdigest() == r["hash"]
    documents = datasets.load("documents", output_dir="s3://datasets/deals")
    assert len(documents) == 6 and "005_new.txt" in set(documents["file_name"])
