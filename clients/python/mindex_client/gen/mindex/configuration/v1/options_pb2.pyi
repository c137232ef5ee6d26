import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OptionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPTION_TYPE_UNSPECIFIED: _ClassVar[OptionType]
    OPTION_TYPE_BOOL: _ClassVar[OptionType]
    OPTION_TYPE_INT: _ClassVar[OptionType]
    OPTION_TYPE_DOUBLE: _ClassVar[OptionType]
    OPTION_TYPE_STRING: _ClassVar[OptionType]
    OPTION_TYPE_QUOTA_LIST: _ClassVar[OptionType]
    OPTION_TYPE_STRING_LIST: _ClassVar[OptionType]
    OPTION_TYPE_RATE_MAP: _ClassVar[OptionType]
OPTION_TYPE_UNSPECIFIED: OptionType
OPTION_TYPE_BOOL: OptionType
OPTION_TYPE_INT: OptionType
OPTION_TYPE_DOUBLE: OptionType
OPTION_TYPE_STRING: OptionType
OPTION_TYPE_QUOTA_LIST: OptionType
OPTION_TYPE_STRING_LIST: OptionType
OPTION_TYPE_RATE_MAP: OptionType

class Quota(_message.Message):
    __slots__ = ("window_seconds", "granularity_seconds", "limit")
    WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    window_seconds: int
    granularity_seconds: int
    limit: int
    def __init__(self, window_seconds: _Optional[int] = ..., granularity_seconds: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class QuotaList(_message.Message):
    __slots__ = ("quotas",)
    QUOTAS_FIELD_NUMBER: _ClassVar[int]
    quotas: _containers.RepeatedCompositeFieldContainer[Quota]
    def __init__(self, quotas: _Optional[_Iterable[_Union[Quota, _Mapping]]] = ...) -> None: ...

class StringList(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...

class RateMap(_message.Message):
    __slots__ = ("rates",)
    class RatesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    RATES_FIELD_NUMBER: _ClassVar[int]
    rates: _containers.ScalarMap[str, float]
    def __init__(self, rates: _Optional[_Mapping[str, float]] = ...) -> None: ...

class OptionValue(_message.Message):
    __slots__ = ("bool_value", "int_value", "double_value", "string_value", "quota_list", "string_list", "rate_map")
    BOOL_VALUE_FIELD_NUMBER: _ClassVar[int]
    INT_VALUE_FIELD_NUMBER: _ClassVar[int]
    DOUBLE_VALUE_FIELD_NUMBER: _ClassVar[int]
    STRING_VALUE_FIELD_NUMBER: _ClassVar[int]
    QUOTA_LIST_FIELD_NUMBER: _ClassVar[int]
    STRING_LIST_FIELD_NUMBER: _ClassVar[int]
    RATE_MAP_FIELD_NUMBER: _ClassVar[int]
    bool_value: bool
    int_value: int
    double_value: float
    string_value: str
    quota_list: QuotaList
    string_list: StringList
    rate_map: RateMap
    def __init__(self, bool_value: _Optional[bool] = ..., int_value: _Optional[int] = ..., double_value: _Optional[float] = ..., string_value: _Optional[str] = ..., quota_list: _Optional[_Union[QuotaList, _Mapping]] = ..., string_list: _Optional[_Union[StringList, _Mapping]] = ..., rate_map: _Optional[_Union[RateMap, _Mapping]] = ...) -> None: ...

class Option(_message.Message):
    __slots__ = ("name", "type", "value", "default_value", "is_default", "version", "updated_at", "updated_by", "description")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: OptionType
    value: OptionValue
    default_value: OptionValue
    is_default: bool
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    description: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[OptionType, str]] = ..., value: _Optional[_Union[OptionValue, _Mapping]] = ..., default_value: _Optional[_Union[OptionValue, _Mapping]] = ..., is_default: _Optional[bool] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class OptionChange(_message.Message):
    __slots__ = ("version", "name", "previous_value", "new_value", "changed_at", "author")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VALUE_FIELD_NUMBER: _ClassVar[int]
    NEW_VALUE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    version: int
    name: str
    previous_value: OptionValue
    new_value: OptionValue
    changed_at: _timestamp_pb2.Timestamp
    author: str
    def __init__(self, version: _Optional[int] = ..., name: _Optional[str] = ..., previous_value: _Optional[_Union[OptionValue, _Mapping]] = ..., new_value: _Optional[_Union[OptionValue, _Mapping]] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., author: _Optional[str] = ...) -> None: ...
