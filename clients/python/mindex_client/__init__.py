"""Python client for mindex, generated from proto/ by `node clients/generate.mjs`.

The generated modules mirror the proto packages under ``mindex_client.gen``::

    from mindex_client.gen.mindex.indexer.v1 import indexer_pb2, indexer_pb2_grpc
    from mindex_client.gen.mindex.query.v1 import query_pb2, query_pb2_grpc
"""
