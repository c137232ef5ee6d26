"""Drives a running mindex suite through the generated Python client.

Records strings with the indexer, resolves them back, indexes one generic metric bucket and reads the metric's
metadata from the query service. Exits non-zero on any failure or mismatch.

    MINDEX_INDEXER_ADDRESS=127.0.0.1:50051 MINDEX_QUERY_ADDRESS=127.0.0.1:50053 \
        .tools/venv/bin/python clients/python/example.py
"""

import os
import secrets
import sys
import time

import grpc

from mindex_client.gen.mindex.common.v1 import buckets_pb2, strings_pb2
from mindex_client.gen.mindex.indexer.v1 import indexer_pb2, indexer_pb2_grpc
from mindex_client.gen.mindex.query.v1 import query_pb2, query_pb2_grpc

ORG_ID = 1
PROJECT_ID = 1
USE_CASE = "transactions"
# Every call has this deadline; wait_for_ready lets a call wait (within it) for a service still starting.
CALL_TIMEOUT_SECONDS = 5.0
# How long the metadata of the indexed bucket may take to reach the query service.
META_WAIT_SECONDS = 15.0


class Failure(Exception):
    """A call failed, or the suite answered something the example does not expect."""


def call(method, request):
    try:
        return method(request, timeout=CALL_TIMEOUT_SECONDS, wait_for_ready=True)
    except grpc.RpcError as error:
        rpc = type(request).__name__.removesuffix("Request")
        raise Failure(f"{rpc}: {error.code().name}: {error.details()}") from error


def fetch_type(result):
    return strings_pb2.FetchType.Name(result.fetch_type)


def record_and_resolve(indexer, run_id):
    """Records a few strings, resolves each and reverse resolves the new ones; returns their ids."""
    # "environment" is a static shared string (fetch type HARDCODED); the others are new.
    texts = ["environment", f"example.py.{run_id}.release", f"example.py.{run_id}.route"]
    recorded = call(
        indexer.BulkRecord,
        indexer_pb2.BulkRecordRequest(
            groups=[strings_pb2.OrgStrings(use_case=USE_CASE, org_id=ORG_ID, strings=texts)]
        ),
    )
    groups = recorded.groups
    if len(groups) != 1 or groups[0].org_id != ORG_ID or groups[0].use_case != USE_CASE:
        raise Failure(f"BulkRecord: want one group for org {ORG_ID} {USE_CASE!r}, got {list(groups)}")
    results = groups[0].results
    if len(results) != len(texts):
        raise Failure(f"BulkRecord: {len(results)} results for {len(texts)} strings")

    ids = {}
    for text, result in zip(texts, results):
        if result.string != text:
            raise Failure(f"BulkRecord: result for {result.string!r}, want {text!r}")
        if not result.HasField("id"):
            raise Failure(f"BulkRecord: {text!r} got no id (fetch type {fetch_type(result)})")
        ids[text] = result.id
        print(f"  recorded {text!r:42} id {result.id:<20} {fetch_type(result)}")

    for text in texts:
        result = call(
            indexer.Resolve, indexer_pb2.ResolveRequest(use_case=USE_CASE, org_id=ORG_ID, string=text)
        ).result
        if not result.HasField("id") or result.id != ids[text]:
            got = result.id if result.HasField("id") else "absent"
            raise Failure(f"Resolve {text!r}: id {got}, BulkRecord gave {ids[text]}")
        print(f"  resolved {text!r:42} id {result.id:<20} {fetch_type(result)}")

    for text in texts[1:]:
        reversed_ = call(
            indexer.ReverseResolve,
            indexer_pb2.ReverseResolveRequest(use_case=USE_CASE, org_id=ORG_ID, id=ids[text]),
        )
        if reversed_.result.string != text:
            raise Failure(f"ReverseResolve {ids[text]}: got {reversed_.result.string!r}, want {text!r}")
    print(f"  reverse resolved {len(texts) - 1} ids")
    return ids


def index_bucket(indexer, mri, ids):
    """Indexes one counter bucket of a generic use case and checks the ids in the rebuilt bucket."""
    bucket = buckets_pb2.MetricBucket(
        namespace=USE_CASE,
        org_id=ORG_ID,
        project_id=PROJECT_ID,
        name=mri,
        type="c",
        timestamp=int(time.time()) - 60,
        tags={"environment": "example"},
        value=buckets_pb2.MetricValue(counter=1.0),
        retention_days=90,
    )
    response = call(indexer.IndexBatch, indexer_pb2.IndexBatchRequest(buckets=[bucket]))
    if len(response.outcomes) != 1:
        raise Failure(f"IndexBatch: {len(response.outcomes)} outcomes for 1 bucket")
    outcome = response.outcomes[0]
    if outcome.WhichOneof("outcome") != "indexed":
        raise Failure(f"IndexBatch: bucket not indexed: {outcome}")
    rebuilt = outcome.indexed.bucket

    metric = call(
        indexer.Resolve, indexer_pb2.ResolveRequest(use_case=USE_CASE, org_id=ORG_ID, string=mri)
    ).result
    environment_key = str(ids["environment"])
    problems = []
    if not metric.HasField("id") or metric.id != rebuilt.metric_id:
        problems.append(f"metric_id {rebuilt.metric_id}, Resolve of the MRI gave {metric}")
    actual = (rebuilt.use_case_id, rebuilt.version, rebuilt.org_id, rebuilt.project_id)
    if actual != (USE_CASE, 2, ORG_ID, PROJECT_ID):
        problems.append(f"(use case, version, org, project) is {actual}")
    if rebuilt.raw_tags.get(environment_key) != "example":
        problems.append(f"raw_tags[{environment_key}] (environment) is {rebuilt.raw_tags.get(environment_key)!r}")
    if problems:
        raise Failure("IndexBatch: " + "; ".join(problems))
    print(
        f"  indexed {mri}: metric_id {rebuilt.metric_id}, raw_tags {dict(rebuilt.raw_tags)}, "
        f"mapping_sources {rebuilt.mapping_sources!r}"
    )


def check_metrics_meta(query, mri):
    """Waits for the indexed metric to show up in GetMetricsMeta and checks what is said about it."""
    request = query_pb2.GetMetricsMetaRequest(org_id=ORG_ID, project_ids=[PROJECT_ID], use_cases=[USE_CASE])
    deadline = time.monotonic() + META_WAIT_SECONDS
    while True:
        metrics = call(query.GetMetricsMeta, request).metrics
        meta = next((m for m in metrics if m.mri == mri), None)
        if meta is not None:
            break
        if time.monotonic() > deadline:
            raise Failure(
                f"GetMetricsMeta: {mri} not listed after {META_WAIT_SECONDS}s ({len(metrics)} other metrics)"
            )
        time.sleep(0.25)
    print(
        f"  metrics meta ({len(metrics)} metrics for org {ORG_ID} project {PROJECT_ID}): {meta.mri} "
        f"type {meta.type!r} name {meta.name!r} unit {meta.unit!r} operations {list(meta.operations)} "
        f"projects {list(meta.project_ids)}"
    )
    name = mri[len("c:transactions/") : -len("@none")]
    if (
        meta.type != "c"
        or meta.name != name
        or meta.unit != "none"
        or "sum" not in meta.operations
        or PROJECT_ID not in meta.project_ids
    ):
        raise Failure(f"GetMetricsMeta: unexpected metadata for {mri}: {meta}")


def main():
    indexer_address = os.environ.get("MINDEX_INDEXER_ADDRESS") or "127.0.0.1:50051"
    query_address = os.environ.get("MINDEX_QUERY_ADDRESS") or "127.0.0.1:50053"
    print(f"python example: indexer {indexer_address}, query {query_address}")
    # A fresh suffix per run, so the strings are new (first seen) and the metric is this run's own.
    run_id = secrets.token_hex(4)
    try:
        with grpc.insecure_channel(indexer_address) as indexer_channel, grpc.insecure_channel(
            query_address
        ) as query_channel:
            indexer = indexer_pb2_grpc.IndexerServiceStub(indexer_channel)
            query = query_pb2_grpc.QueryServiceStub(query_channel)
            ids = record_and_resolve(indexer, run_id)
            mri = f"c:transactions/mindex_example_py_{run_id}@none"
            index_bucket(indexer, mri, ids)
            check_metrics_meta(query, mri)
    except Failure as error:
        print(f"python example: FAILED: {error}", file=sys.stderr)
        return 1
    print("python example: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
