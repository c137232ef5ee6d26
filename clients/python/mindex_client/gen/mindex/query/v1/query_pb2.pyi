import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from mindex_client.gen.mindex.common.v1 import buckets_pb2 as _buckets_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RecordBucketsRequest(_message.Message):
    __slots__ = ("buckets",)
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[_buckets_pb2.IndexedBucket]
    def __init__(self, buckets: _Optional[_Iterable[_Union[_buckets_pb2.IndexedBucket, _Mapping]]] = ...) -> None: ...

class RecordBucketsResponse(_message.Message):
    __slots__ = ("recorded",)
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    recorded: int
    def __init__(self, recorded: _Optional[int] = ...) -> None: ...

class TimeRange(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: _timestamp_pb2.Timestamp
    end: _timestamp_pb2.Timestamp
    def __init__(self, start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetMetricsMetaRequest(_message.Message):
    __slots__ = ("org_id", "project_ids", "use_cases", "time_range")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    USE_CASES_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    use_cases: _containers.RepeatedScalarFieldContainer[str]
    time_range: TimeRange
    def __init__(self, org_id: _Optional[int] = ..., project_ids: _Optional[_Iterable[int]] = ..., use_cases: _Optional[_Iterable[str]] = ..., time_range: _Optional[_Union[TimeRange, _Mapping]] = ...) -> None: ...

class BlockedMetric(_message.Message):
    __slots__ = ("is_blocked", "blocked_tags", "project_id")
    IS_BLOCKED_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_TAGS_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    is_blocked: bool
    blocked_tags: _containers.RepeatedScalarFieldContainer[str]
    project_id: int
    def __init__(self, is_blocked: _Optional[bool] = ..., blocked_tags: _Optional[_Iterable[str]] = ..., project_id: _Optional[int] = ...) -> None: ...

class MetricMeta(_message.Message):
    __slots__ = ("type", "name", "unit", "mri", "operations", "project_ids", "blocking_status")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    MRI_FIELD_NUMBER: _ClassVar[int]
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    BLOCKING_STATUS_FIELD_NUMBER: _ClassVar[int]
    type: str
    name: str
    unit: str
    mri: str
    operations: _containers.RepeatedScalarFieldContainer[str]
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    blocking_status: _containers.RepeatedCompositeFieldContainer[BlockedMetric]
    def __init__(self, type: _Optional[str] = ..., name: _Optional[str] = ..., unit: _Optional[str] = ..., mri: _Optional[str] = ..., operations: _Optional[_Iterable[str]] = ..., project_ids: _Optional[_Iterable[int]] = ..., blocking_status: _Optional[_Iterable[_Union[BlockedMetric, _Mapping]]] = ...) -> None: ...

class GetMetricsMetaResponse(_message.Message):
    __slots__ = ("metrics",)
    METRICS_FIELD_NUMBER: _ClassVar[int]
    metrics: _containers.RepeatedCompositeFieldContainer[MetricMeta]
    def __init__(self, metrics: _Optional[_Iterable[_Union[MetricMeta, _Mapping]]] = ...) -> None: ...

class GetTagKeysRequest(_message.Message):
    __slots__ = ("org_id", "project_ids", "use_cases", "mri", "time_range")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    USE_CASES_FIELD_NUMBER: _ClassVar[int]
    MRI_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    use_cases: _containers.RepeatedScalarFieldContainer[str]
    mri: str
    time_range: TimeRange
    def __init__(self, org_id: _Optional[int] = ..., project_ids: _Optional[_Iterable[int]] = ..., use_cases: _Optional[_Iterable[str]] = ..., mri: _Optional[str] = ..., time_range: _Optional[_Union[TimeRange, _Mapping]] = ...) -> None: ...

class GetTagKeysResponse(_message.Message):
    __slots__ = ("tag_keys",)
    TAG_KEYS_FIELD_NUMBER: _ClassVar[int]
    tag_keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tag_keys: _Optional[_Iterable[str]] = ...) -> None: ...

class GetTagValuesRequest(_message.Message):
    __slots__ = ("org_id", "project_ids", "use_cases", "mri", "tag_key", "prefix", "limit")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    USE_CASES_FIELD_NUMBER: _ClassVar[int]
    MRI_FIELD_NUMBER: _ClassVar[int]
    TAG_KEY_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    use_cases: _containers.RepeatedScalarFieldContainer[str]
    mri: str
    tag_key: str
    prefix: str
    limit: int
    def __init__(self, org_id: _Optional[int] = ..., project_ids: _Optional[_Iterable[int]] = ..., use_cases: _Optional[_Iterable[str]] = ..., mri: _Optional[str] = ..., tag_key: _Optional[str] = ..., prefix: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class GetTagValuesResponse(_message.Message):
    __slots__ = ("tag_values",)
    TAG_VALUES_FIELD_NUMBER: _ClassVar[int]
    tag_values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, tag_values: _Optional[_Iterable[str]] = ...) -> None: ...

class ParsedMri(_message.Message):
    __slots__ = ("entity", "namespace", "name", "unit", "mri")
    ENTITY_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    MRI_FIELD_NUMBER: _ClassVar[int]
    entity: str
    namespace: str
    name: str
    unit: str
    mri: str
    def __init__(self, entity: _Optional[str] = ..., namespace: _Optional[str] = ..., name: _Optional[str] = ..., unit: _Optional[str] = ..., mri: _Optional[str] = ...) -> None: ...

class ParseMriRequest(_message.Message):
    __slots__ = ("mri",)
    MRI_FIELD_NUMBER: _ClassVar[int]
    mri: str
    def __init__(self, mri: _Optional[str] = ...) -> None: ...

class ParseMriResponse(_message.Message):
    __slots__ = ("parsed",)
    PARSED_FIELD_NUMBER: _ClassVar[int]
    parsed: ParsedMri
    def __init__(self, parsed: _Optional[_Union[ParsedMri, _Mapping]] = ...) -> None: ...

class ParsedMriField(_message.Message):
    __slots__ = ("op", "mri")
    OP_FIELD_NUMBER: _ClassVar[int]
    MRI_FIELD_NUMBER: _ClassVar[int]
    op: str
    mri: ParsedMri
    def __init__(self, op: _Optional[str] = ..., mri: _Optional[_Union[ParsedMri, _Mapping]] = ...) -> None: ...

class ParseMriFieldRequest(_message.Message):
    __slots__ = ("field",)
    FIELD_FIELD_NUMBER: _ClassVar[int]
    field: str
    def __init__(self, field: _Optional[str] = ...) -> None: ...

class ParseMriFieldResponse(_message.Message):
    __slots__ = ("parsed",)
    PARSED_FIELD_NUMBER: _ClassVar[int]
    parsed: ParsedMriField
    def __init__(self, parsed: _Optional[_Union[ParsedMriField, _Mapping]] = ...) -> None: ...

class FormatMriFieldRequest(_message.Message):
    __slots__ = ("field",)
    FIELD_FIELD_NUMBER: _ClassVar[int]
    field: str
    def __init__(self, field: _Optional[str] = ...) -> None: ...

class FormatMriFieldResponse(_message.Message):
    __slots__ = ("formatted",)
    FORMATTED_FIELD_NUMBER: _ClassVar[int]
    formatted: str
    def __init__(self, formatted: _Optional[str] = ...) -> None: ...

class FormatMriFieldValueRequest(_message.Message):
    __slots__ = ("field", "value")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    field: str
    value: str
    def __init__(self, field: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class FormatMriFieldValueResponse(_message.Message):
    __slots__ = ("formatted",)
    FORMATTED_FIELD_NUMBER: _ClassVar[int]
    formatted: str
    def __init__(self, formatted: _Optional[str] = ...) -> None: ...

class GetAvailableOperationsRequest(_message.Message):
    __slots__ = ("mri", "org_id")
    MRI_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    mri: str
    org_id: int
    def __init__(self, mri: _Optional[str] = ..., org_id: _Optional[int] = ...) -> None: ...

class GetAvailableOperationsResponse(_message.Message):
    __slots__ = ("operations",)
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    operations: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, operations: _Optional[_Iterable[str]] = ...) -> None: ...

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
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ResolveWeakRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "string")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    STRING_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    string: str
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., string: _Optional[str] = ...) -> None: ...

class ResolveWeakResponse(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ResolveTagKeyRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "tag_key")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    TAG_KEY_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    tag_key: str
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., tag_key: _Optional[str] = ...) -> None: ...

class ResolveTagKeyResponse(_message.Message):
    __slots__ = ("column",)
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    column: str
    def __init__(self, column: _Optional[str] = ...) -> None: ...

class ResolveTagValueRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "tag_value")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    TAG_VALUE_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    tag_value: str
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., tag_value: _Optional[str] = ...) -> None: ...

class ResolveTagValueResponse(_message.Message):
    __slots__ = ("raw", "id")
    RAW_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    raw: str
    id: str
    def __init__(self, raw: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...

class ReverseResolveRequest(_message.Message):
    __slots__ = ("use_case", "org_id", "id", "weak")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    WEAK_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    id: int
    weak: bool
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., id: _Optional[int] = ..., weak: _Optional[bool] = ...) -> None: ...

class ReverseResolveResponse(_message.Message):
    __slots__ = ("string",)
    STRING_FIELD_NUMBER: _ClassVar[int]
    string: str
    def __init__(self, string: _Optional[str] = ...) -> None: ...
