from mindex_client.gen.mindex.configuration.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UseCaseKey(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USE_CASE_KEY_UNSPECIFIED: _ClassVar[UseCaseKey]
    USE_CASE_KEY_RELEASE_HEALTH: _ClassVar[UseCaseKey]
    USE_CASE_KEY_PERFORMANCE: _ClassVar[UseCaseKey]

class ApiAccess(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    API_ACCESS_UNSPECIFIED: _ClassVar[ApiAccess]
    API_ACCESS_PUBLIC: _ClassVar[ApiAccess]
    API_ACCESS_PRIVATE: _ClassVar[ApiAccess]
USE_CASE_KEY_UNSPECIFIED: UseCaseKey
USE_CASE_KEY_RELEASE_HEALTH: UseCaseKey
USE_CASE_KEY_PERFORMANCE: UseCaseKey
API_ACCESS_UNSPECIFIED: ApiAccess
API_ACCESS_PUBLIC: ApiAccess
API_ACCESS_PRIVATE: ApiAccess

class IngestConfiguration(_message.Message):
    __slots__ = ("use_case_key", "use_case_key_value", "db_backend", "db_backend_options", "input_topic", "output_topic", "dlq_topic", "internal_metrics_tag", "writes_limiter_namespace", "writes_limiter_cluster_options", "cardinality_limiter_namespace", "cardinality_limiter_cluster_options", "cardinality_limiter_rollout_option", "should_index_tag_values", "schema_validation_rule_option_name", "is_output_sliced", "max_name_length", "max_tag_key_length", "max_tag_value_length")
    class DbBackendOptionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class WritesLimiterClusterOptionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class CardinalityLimiterClusterOptionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    USE_CASE_KEY_FIELD_NUMBER: _ClassVar[int]
    USE_CASE_KEY_VALUE_FIELD_NUMBER: _ClassVar[int]
    DB_BACKEND_FIELD_NUMBER: _ClassVar[int]
    DB_BACKEND_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOPIC_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_TOPIC_FIELD_NUMBER: _ClassVar[int]
    DLQ_TOPIC_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_METRICS_TAG_FIELD_NUMBER: _ClassVar[int]
    WRITES_LIMITER_NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    WRITES_LIMITER_CLUSTER_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    CARDINALITY_LIMITER_NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    CARDINALITY_LIMITER_CLUSTER_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    CARDINALITY_LIMITER_ROLLOUT_OPTION_FIELD_NUMBER: _ClassVar[int]
    SHOULD_INDEX_TAG_VALUES_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VALIDATION_RULE_OPTION_NAME_FIELD_NUMBER: _ClassVar[int]
    IS_OUTPUT_SLICED_FIELD_NUMBER: _ClassVar[int]
    MAX_NAME_LENGTH_FIELD_NUMBER: _ClassVar[int]
    MAX_TAG_KEY_LENGTH_FIELD_NUMBER: _ClassVar[int]
    MAX_TAG_VALUE_LENGTH_FIELD_NUMBER: _ClassVar[int]
    use_case_key: UseCaseKey
    use_case_key_value: str
    db_backend: str
    db_backend_options: _containers.ScalarMap[str, str]
    input_topic: str
    output_topic: str
    dlq_topic: str
    internal_metrics_tag: str
    writes_limiter_namespace: str
    writes_limiter_cluster_options: _containers.ScalarMap[str, str]
    cardinality_limiter_namespace: str
    cardinality_limiter_cluster_options: _containers.ScalarMap[str, str]
    cardinality_limiter_rollout_option: str
    should_index_tag_values: bool
    schema_validation_rule_option_name: str
    is_output_sliced: bool
    max_name_length: int
    max_tag_key_length: int
    max_tag_value_length: int
    def __init__(self, use_case_key: _Optional[_Union[UseCaseKey, str]] = ..., use_case_key_value: _Optional[str] = ..., db_backend: _Optional[str] = ..., db_backend_options: _Optional[_Mapping[str, str]] = ..., input_topic: _Optional[str] = ..., output_topic: _Optional[str] = ..., dlq_topic: _Optional[str] = ..., internal_metrics_tag: _Optional[str] = ..., writes_limiter_namespace: _Optional[str] = ..., writes_limiter_cluster_options: _Optional[_Mapping[str, str]] = ..., cardinality_limiter_namespace: _Optional[str] = ..., cardinality_limiter_cluster_options: _Optional[_Mapping[str, str]] = ..., cardinality_limiter_rollout_option: _Optional[str] = ..., should_index_tag_values: _Optional[bool] = ..., schema_validation_rule_option_name: _Optional[str] = ..., is_output_sliced: _Optional[bool] = ..., max_name_length: _Optional[int] = ..., max_tag_key_length: _Optional[int] = ..., max_tag_value_length: _Optional[int] = ...) -> None: ...

class UseCase(_message.Message):
    __slots__ = ("id", "use_case_key", "api_access", "writes_limit_per_org_option", "writes_limit_global_option", "cardinality_limit_option")
    ID_FIELD_NUMBER: _ClassVar[int]
    USE_CASE_KEY_FIELD_NUMBER: _ClassVar[int]
    API_ACCESS_FIELD_NUMBER: _ClassVar[int]
    WRITES_LIMIT_PER_ORG_OPTION_FIELD_NUMBER: _ClassVar[int]
    WRITES_LIMIT_GLOBAL_OPTION_FIELD_NUMBER: _ClassVar[int]
    CARDINALITY_LIMIT_OPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    use_case_key: UseCaseKey
    api_access: ApiAccess
    writes_limit_per_org_option: str
    writes_limit_global_option: str
    cardinality_limit_option: str
    def __init__(self, id: _Optional[str] = ..., use_case_key: _Optional[_Union[UseCaseKey, str]] = ..., api_access: _Optional[_Union[ApiAccess, str]] = ..., writes_limit_per_org_option: _Optional[str] = ..., writes_limit_global_option: _Optional[str] = ..., cardinality_limit_option: _Optional[str] = ...) -> None: ...

class GetIngestConfigurationRequest(_message.Message):
    __slots__ = ("use_case_key",)
    USE_CASE_KEY_FIELD_NUMBER: _ClassVar[int]
    use_case_key: str
    def __init__(self, use_case_key: _Optional[str] = ...) -> None: ...

class GetIngestConfigurationResponse(_message.Message):
    __slots__ = ("configuration",)
    CONFIGURATION_FIELD_NUMBER: _ClassVar[int]
    configuration: IngestConfiguration
    def __init__(self, configuration: _Optional[_Union[IngestConfiguration, _Mapping]] = ...) -> None: ...

class ListIngestConfigurationsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListIngestConfigurationsResponse(_message.Message):
    __slots__ = ("configurations",)
    CONFIGURATIONS_FIELD_NUMBER: _ClassVar[int]
    configurations: _containers.RepeatedCompositeFieldContainer[IngestConfiguration]
    def __init__(self, configurations: _Optional[_Iterable[_Union[IngestConfiguration, _Mapping]]] = ...) -> None: ...

class ListUseCasesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListUseCasesResponse(_message.Message):
    __slots__ = ("use_cases",)
    USE_CASES_FIELD_NUMBER: _ClassVar[int]
    use_cases: _containers.RepeatedCompositeFieldContainer[UseCase]
    def __init__(self, use_cases: _Optional[_Iterable[_Union[UseCase, _Mapping]]] = ...) -> None: ...

class GetUseCaseRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetUseCaseResponse(_message.Message):
    __slots__ = ("use_case",)
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    use_case: UseCase
    def __init__(self, use_case: _Optional[_Union[UseCase, _Mapping]] = ...) -> None: ...

class ResolveUseCaseRequest(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: str
    def __init__(self, value: _Optional[str] = ...) -> None: ...

class ResolveUseCaseResponse(_message.Message):
    __slots__ = ("use_case",)
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    use_case: UseCase
    def __init__(self, use_case: _Optional[_Union[UseCase, _Mapping]] = ...) -> None: ...

class GetOptionRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetOptionResponse(_message.Message):
    __slots__ = ("option",)
    OPTION_FIELD_NUMBER: _ClassVar[int]
    option: _options_pb2.Option
    def __init__(self, option: _Optional[_Union[_options_pb2.Option, _Mapping]] = ...) -> None: ...

class ListOptionsRequest(_message.Message):
    __slots__ = ("prefix",)
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    prefix: str
    def __init__(self, prefix: _Optional[str] = ...) -> None: ...

class ListOptionsResponse(_message.Message):
    __slots__ = ("options", "version")
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    options: _containers.RepeatedCompositeFieldContainer[_options_pb2.Option]
    version: int
    def __init__(self, options: _Optional[_Iterable[_Union[_options_pb2.Option, _Mapping]]] = ..., version: _Optional[int] = ...) -> None: ...

class SetOptionRequest(_message.Message):
    __slots__ = ("name", "value", "expected_version", "author")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: _options_pb2.OptionValue
    expected_version: int
    author: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[_Union[_options_pb2.OptionValue, _Mapping]] = ..., expected_version: _Optional[int] = ..., author: _Optional[str] = ...) -> None: ...

class SetOptionResponse(_message.Message):
    __slots__ = ("option",)
    OPTION_FIELD_NUMBER: _ClassVar[int]
    option: _options_pb2.Option
    def __init__(self, option: _Optional[_Union[_options_pb2.Option, _Mapping]] = ...) -> None: ...

class DeleteOptionRequest(_message.Message):
    __slots__ = ("name", "expected_version", "author")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    expected_version: int
    author: str
    def __init__(self, name: _Optional[str] = ..., expected_version: _Optional[int] = ..., author: _Optional[str] = ...) -> None: ...

class DeleteOptionResponse(_message.Message):
    __slots__ = ("option",)
    OPTION_FIELD_NUMBER: _ClassVar[int]
    option: _options_pb2.Option
    def __init__(self, option: _Optional[_Union[_options_pb2.Option, _Mapping]] = ...) -> None: ...

class ListOptionChangesRequest(_message.Message):
    __slots__ = ("name", "before_version", "limit")
    NAME_FIELD_NUMBER: _ClassVar[int]
    BEFORE_VERSION_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    name: str
    before_version: int
    limit: int
    def __init__(self, name: _Optional[str] = ..., before_version: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class ListOptionChangesResponse(_message.Message):
    __slots__ = ("changes",)
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_options_pb2.OptionChange]
    def __init__(self, changes: _Optional[_Iterable[_Union[_options_pb2.OptionChange, _Mapping]]] = ...) -> None: ...

class WatchOptionsRequest(_message.Message):
    __slots__ = ("from_version",)
    FROM_VERSION_FIELD_NUMBER: _ClassVar[int]
    from_version: int
    def __init__(self, from_version: _Optional[int] = ...) -> None: ...

class OptionsSnapshot(_message.Message):
    __slots__ = ("options", "version")
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    options: _containers.RepeatedCompositeFieldContainer[_options_pb2.Option]
    version: int
    def __init__(self, options: _Optional[_Iterable[_Union[_options_pb2.Option, _Mapping]]] = ..., version: _Optional[int] = ...) -> None: ...

class WatchOptionsResponse(_message.Message):
    __slots__ = ("snapshot", "change")
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    snapshot: OptionsSnapshot
    change: OptionChangeEvent
    def __init__(self, snapshot: _Optional[_Union[OptionsSnapshot, _Mapping]] = ..., change: _Optional[_Union[OptionChangeEvent, _Mapping]] = ...) -> None: ...

class OptionChangeEvent(_message.Message):
    __slots__ = ("change", "option")
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    OPTION_FIELD_NUMBER: _ClassVar[int]
    change: _options_pb2.OptionChange
    option: _options_pb2.Option
    def __init__(self, change: _Optional[_Union[_options_pb2.OptionChange, _Mapping]] = ..., option: _Optional[_Union[_options_pb2.Option, _Mapping]] = ...) -> None: ...

class OrganizationOptions(_message.Message):
    __slots__ = ("org_id", "metrics_activate_percentiles", "metrics_activate_last_for_gauges")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    METRICS_ACTIVATE_PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    METRICS_ACTIVATE_LAST_FOR_GAUGES_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    metrics_activate_percentiles: bool
    metrics_activate_last_for_gauges: bool
    def __init__(self, org_id: _Optional[int] = ..., metrics_activate_percentiles: _Optional[bool] = ..., metrics_activate_last_for_gauges: _Optional[bool] = ...) -> None: ...

class GetOrganizationOptionsRequest(_message.Message):
    __slots__ = ("org_id",)
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    def __init__(self, org_id: _Optional[int] = ...) -> None: ...

class GetOrganizationOptionsResponse(_message.Message):
    __slots__ = ("options",)
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    options: OrganizationOptions
    def __init__(self, options: _Optional[_Union[OrganizationOptions, _Mapping]] = ...) -> None: ...

class SetOrganizationOptionsRequest(_message.Message):
    __slots__ = ("org_id", "metrics_activate_percentiles", "metrics_activate_last_for_gauges")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    METRICS_ACTIVATE_PERCENTILES_FIELD_NUMBER: _ClassVar[int]
    METRICS_ACTIVATE_LAST_FOR_GAUGES_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    metrics_activate_percentiles: bool
    metrics_activate_last_for_gauges: bool
    def __init__(self, org_id: _Optional[int] = ..., metrics_activate_percentiles: _Optional[bool] = ..., metrics_activate_last_for_gauges: _Optional[bool] = ...) -> None: ...

class SetOrganizationOptionsResponse(_message.Message):
    __slots__ = ("options",)
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    options: OrganizationOptions
    def __init__(self, options: _Optional[_Union[OrganizationOptions, _Mapping]] = ...) -> None: ...

class GetOperationsConfigurationRequest(_message.Message):
    __slots__ = ("org_id",)
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    def __init__(self, org_id: _Optional[int] = ...) -> None: ...

class GetOperationsConfigurationResponse(_message.Message):
    __slots__ = ("hidden_operations",)
    HIDDEN_OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    hidden_operations: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hidden_operations: _Optional[_Iterable[str]] = ...) -> None: ...

class MetricBlocking(_message.Message):
    __slots__ = ("metric_mri", "is_blocked", "blocked_tags")
    METRIC_MRI_FIELD_NUMBER: _ClassVar[int]
    IS_BLOCKED_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_TAGS_FIELD_NUMBER: _ClassVar[int]
    metric_mri: str
    is_blocked: bool
    blocked_tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, metric_mri: _Optional[str] = ..., is_blocked: _Optional[bool] = ..., blocked_tags: _Optional[_Iterable[str]] = ...) -> None: ...

class ProjectMetricBlocking(_message.Message):
    __slots__ = ("project_id", "blocking")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    BLOCKING_FIELD_NUMBER: _ClassVar[int]
    project_id: int
    blocking: MetricBlocking
    def __init__(self, project_id: _Optional[int] = ..., blocking: _Optional[_Union[MetricBlocking, _Mapping]] = ...) -> None: ...

class UpdateMetricBlockingRequest(_message.Message):
    __slots__ = ("org_id", "project_ids", "metric_mri", "block_metric", "block_tags", "unblock_tags")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    METRIC_MRI_FIELD_NUMBER: _ClassVar[int]
    BLOCK_METRIC_FIELD_NUMBER: _ClassVar[int]
    BLOCK_TAGS_FIELD_NUMBER: _ClassVar[int]
    UNBLOCK_TAGS_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    metric_mri: str
    block_metric: bool
    block_tags: _containers.RepeatedScalarFieldContainer[str]
    unblock_tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, org_id: _Optional[int] = ..., project_ids: _Optional[_Iterable[int]] = ..., metric_mri: _Optional[str] = ..., block_metric: _Optional[bool] = ..., block_tags: _Optional[_Iterable[str]] = ..., unblock_tags: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdateMetricBlockingResponse(_message.Message):
    __slots__ = ("projects",)
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    projects: _containers.RepeatedCompositeFieldContainer[ProjectMetricBlocking]
    def __init__(self, projects: _Optional[_Iterable[_Union[ProjectMetricBlocking, _Mapping]]] = ...) -> None: ...

class GetMetricsBlockingStateRequest(_message.Message):
    __slots__ = ("org_id", "project_ids")
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_IDS_FIELD_NUMBER: _ClassVar[int]
    org_id: int
    project_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, org_id: _Optional[int] = ..., project_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class ProjectBlockingState(_message.Message):
    __slots__ = ("project_id", "metrics", "denied_names")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    DENIED_NAMES_FIELD_NUMBER: _ClassVar[int]
    project_id: int
    metrics: _containers.RepeatedCompositeFieldContainer[MetricBlocking]
    denied_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, project_id: _Optional[int] = ..., metrics: _Optional[_Iterable[_Union[MetricBlocking, _Mapping]]] = ..., denied_names: _Optional[_Iterable[str]] = ...) -> None: ...

class GetMetricsBlockingStateResponse(_message.Message):
    __slots__ = ("projects",)
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    projects: _containers.RepeatedCompositeFieldContainer[ProjectBlockingState]
    def __init__(self, projects: _Optional[_Iterable[_Union[ProjectBlockingState, _Mapping]]] = ...) -> None: ...
