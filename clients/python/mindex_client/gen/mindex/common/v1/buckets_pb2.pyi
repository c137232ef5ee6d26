from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GaugeValue(_message.Message):
    __slots__ = ("min", "max", "sum", "count", "last")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    SUM_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    min: float
    max: float
    sum: float
    count: int
    last: float
    def __init__(self, min: _Optional[float] = ..., max: _Optional[float] = ..., sum: _Optional[float] = ..., count: _Optional[int] = ..., last: _Optional[float] = ...) -> None: ...

class SetValue(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, values: _Optional[_Iterable[int]] = ...) -> None: ...

class DistributionValue(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[float]
    def __init__(self, values: _Optional[_Iterable[float]] = ...) -> None: ...

class EncodedValue(_message.Message):
    __slots__ = ("format", "data")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    format: str
    data: str
    def __init__(self, format: _Optional[str] = ..., data: _Optional[str] = ...) -> None: ...

class MetricValue(_message.Message):
    __slots__ = ("counter", "set", "distribution", "gauge", "encoded")
    COUNTER_FIELD_NUMBER: _ClassVar[int]
    SET_FIELD_NUMBER: _ClassVar[int]
    DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    GAUGE_FIELD_NUMBER: _ClassVar[int]
    ENCODED_FIELD_NUMBER: _ClassVar[int]
    counter: float
    set: SetValue
    distribution: DistributionValue
    gauge: GaugeValue
    encoded: EncodedValue
    def __init__(self, counter: _Optional[float] = ..., set: _Optional[_Union[SetValue, _Mapping]] = ..., distribution: _Optional[_Union[DistributionValue, _Mapping]] = ..., gauge: _Optional[_Union[GaugeValue, _Mapping]] = ..., encoded: _Optional[_Union[EncodedValue, _Mapping]] = ...) -> None: ...

class MetricBucket(_message.Message):
    __slots__ = ("namespace", "org_id", "project_id", "name", "type", "timestamp", "tags", "value", "retention_days", "received_at", "sampling_weight")
    class TagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    namespace: str
    org_id: int
    project_id: int
    name: str
    type: str
    timestamp: int
    tags: _containers.ScalarMap[str, str]
    value: MetricValue
    retention_days: int
    received_at: int
    sampling_weight: float
    def __init__(self, namespace: _Optional[str] = ..., org_id: _Optional[int] = ..., project_id: _Optional[int] = ..., name: _Optional[str] = ..., type: _Optional[str] = ..., timestamp: _Optional[int] = ..., tags: _Optional[_Mapping[str, str]] = ..., value: _Optional[_Union[MetricValue, _Mapping]] = ..., retention_days: _Optional[int] = ..., received_at: _Optional[int] = ..., sampling_weight: _Optional[float] = ...) -> None: ...

class MappingMetaEntries(_message.Message):
    __slots__ = ("strings",)
    class StringsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    STRINGS_FIELD_NUMBER: _ClassVar[int]
    strings: _containers.ScalarMap[str, str]
    def __init__(self, strings: _Optional[_Mapping[str, str]] = ...) -> None: ...

class IndexedBucket(_message.Message):
    __slots__ = ("org_id", "project_id", "use_case_id", "metric_id", "type", "timestamp", "indexed_tags", "raw_tags", "value", "retention_days", "mapping_meta", "mapping_sources", "version", "aggregation_option", "sentry_received_timestamp", "sampling_weight", "received_at")
    class IndexedTagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class RawTagsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class MappingMetaEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: MappingMetaEntries
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[MappingMetaEntries, _Mapping]] = ...) -> None: ...
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    USE_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    METRIC_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    INDEXED_TAGS_FIELD_NUMBER: _ClassVar[int]
    RAW_TAGS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    MAPPING_META_FIELD_NUMBER: _ClassVar[int]
    MAPPING_SOURCES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    AGGREGATION_OPTION_FIELD_NUMBER: _ClassVar[int]
    SENTRY_RECEIVED_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_id: int
    use_case_id: str
    metric_id: int
    type: str
    timestamp: int
    indexed_tags: _containers.ScalarMap[str, int]
    raw_tags: _containers.ScalarMap[str, str]
    value: MetricValue
    retention_days: int
    mapping_meta: _containers.MessageMap[str, MappingMetaEntries]
    mapping_sources: str
    version: int
    aggregation_option: str
    sentry_received_timestamp: float
    sampling_weight: float
    received_at: int
    def __init__(self, org_id: _Optional[int] = ..., project_id: _Optional[int] = ..., use_case_id: _Optional[str] = ..., metric_id: _Optional[int] = ..., type: _Optional[str] = ..., timestamp: _Optional[int] = ..., indexed_tags: _Optional[_Mapping[str, int]] = ..., raw_tags: _Optional[_Mapping[str, str]] = ..., value: _Optional[_Union[MetricValue, _Mapping]] = ..., retention_days: _Optional[int] = ..., mapping_meta: _Optional[_Mapping[str, MappingMetaEntries]] = ..., mapping_sources: _Optional[str] = ..., version: _Optional[int] = ..., aggregation_option: _Optional[str] = ..., sentry_received_timestamp: _Optional[float] = ..., sampling_weight: _Optional[float] = ..., received_at: _Optional[int] = ...) -> None: ...
