from mindex_client.gen.mindex.common.v1 import buckets_pb2 as _buckets_pb2
from mindex_client.gen.mindex.common.v1 import strings_pb2 as _strings_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BulkRecordRequest(_message.Message):
    __slots__ = ("groups",)
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[_strings_pb2.OrgStrings]
    def __init__(self, groups: _Optional[_Iterable[_Union[_strings_pb2.OrgStrings, _Mapping]]] = ...) -> None: ...

class BulkRecordResponse(_message.Message):
    __slots__ = ("groups",)
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[_strings_pb2.OrgStringResults]
    def __init__(self, groups: _Optional[_Iterable[_Union[_strings_pb2.OrgStringResults, _Mapping]]] = ...) -> None: ...

class RecordRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "string")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    STRING_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    string: str
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., string: _Optional[str] = ...) -> None: ...

class RecordResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: _strings_pb2.StringResult
    def __init__(self, result: _Optional[_Union[_strings_pb2.StringResult, _Mapping]] = ...) -> None: ...

class ResolveRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "string")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    STRING_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    string: str
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., string: _Optional[str] = ...) -> None: ...

class ResolveResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: _strings_pb2.StringResult
    def __init__(self, result: _Optional[_Union[_strings_pb2.StringResult, _Mapping]] = ...) -> None: ...

class BulkResolveRequest(_message.Message):
    __slots__ = ("groups",)
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[_strings_pb2.OrgStrings]
    def __init__(self, groups: _Optional[_Iterable[_Union[_strings_pb2.OrgStrings, _Mapping]]] = ...) -> None: ...

class BulkResolveResponse(_message.Message):
    __slots__ = ("groups",)
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[_strings_pb2.OrgStringResults]
    def __init__(self, groups: _Optional[_Iterable[_Union[_strings_pb2.OrgStringResults, _Mapping]]] = ...) -> None: ...

class ReverseResolveRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "id")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    id: int
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., id: _Optional[int] = ...) -> None: ...

class ReverseResolveResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: _strings_pb2.IdResult
    def __init__(self, result: _Optional[_Union[_strings_pb2.IdResult, _Mapping]] = ...) -> None: ...

class BulkReverseResolveRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "ids")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    IDS_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., ids: _Optional[_Iterable[int]] = ...) -> None: ...

class BulkReverseResolveResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[_strings_pb2.IdResult]
    def __init__(self, results: _Optional[_Iterable[_Union[_strings_pb2.IdResult, _Mapping]]] = ...) -> None: ...

class ResolveSharedRequest(_message.Message):
    __slots__ = ("string",)
    STRING_FIELD_NUMBER: _ClassVar[int]
    string: str
    def __init__(self, string: _Optional[str] = ...) -> None: ...

class ResolveSharedResponse(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ReverseResolveSharedRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ReverseResolveSharedResponse(_message.Message):
    __slots__ = ("string",)
    STRING_FIELD_NUMBER: _ClassVar[int]
    string: str
    def __init__(self, string: _Optional[str] = ...) -> None: ...

class IndexBatchRequest(_message.Message):
    __slots__ = ("buckets",)
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[_buckets_pb2.MetricBucket]
    def __init__(self, buckets: _Optional[_Iterable[_Union[_buckets_pb2.MetricBucket, _Mapping]]] = ...) -> None: ...

class IndexBatchResponse(_message.Message):
    __slots__ = ("outcomes",)
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    outcomes: _containers.RepeatedCompositeFieldContainer[BucketOutcome]
    def __init__(self, outcomes: _Optional[_Iterable[_Union[BucketOutcome, _Mapping]]] = ...) -> None: ...

class BucketOutcome(_message.Message):
    __slots__ = ("indexed", "invalid", "filtered", "dropped")
    INDEXED_FIELD_NUMBER: _ClassVar[int]
    INVALID_FIELD_NUMBER: _ClassVar[int]
    FILTERED_FIELD_NUMBER: _ClassVar[int]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    indexed: IndexedOutcome
    invalid: InvalidOutcome
    filtered: FilteredOutcome
    dropped: DroppedOutcome
    def __init__(self, indexed: _Optional[_Union[IndexedOutcome, _Mapping]] = ..., invalid: _Optional[_Union[InvalidOutcome, _Mapping]] = ..., filtered: _Optional[_Union[FilteredOutcome, _Mapping]] = ..., dropped: _Optional[_Union[DroppedOutcome, _Mapping]] = ...) -> None: ...

class IndexedOutcome(_message.Message):
    __slots__ = ("bucket", "removed_tags")
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    REMOVED_TAGS_FIELD_NUMBER: _ClassVar[int]
    bucket: _buckets_pb2.IndexedBucket
    removed_tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, bucket: _Optional[_Union[_buckets_pb2.IndexedBucket, _Mapping]] = ..., removed_tags: _Optional[_Iterable[str]] = ...) -> None: ...

class InvalidOutcome(_message.Message):
    __slots__ = ("reason", "message")
    REASON_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    reason: str
    message: str
    def __init__(self, reason: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class FilteredOutcome(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class DroppedOutcome(_message.Message):
    __slots__ = ("reason", "string_type", "global_quota")
    REASON_FIELD_NUMBER: _ClassVar[int]
    STRING_TYPE_FIELD_NUMBER: _ClassVar[int]
    GLOBAL_QUOTA_FIELD_NUMBER: _ClassVar[int]
    reason: str
    string_type: str
    global_quota: bool
    def __init__(self, reason: _Optional[str] = ..., string_type: _Optional[str] = ..., global_quota: _Optional[bool] = ...) -> None: ...
