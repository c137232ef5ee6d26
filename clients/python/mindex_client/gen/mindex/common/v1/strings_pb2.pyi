from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FetchType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FETCH_TYPE_UNSPECIFIED: _ClassVar[FetchType]
    FETCH_TYPE_CACHE_HIT: _ClassVar[FetchType]
    FETCH_TYPE_HARDCODED: _ClassVar[FetchType]
    FETCH_TYPE_DB_READ: _ClassVar[FetchType]
    FETCH_TYPE_FIRST_SEEN: _ClassVar[FetchType]
    FETCH_TYPE_RATE_LIMITED: _ClassVar[FetchType]
FETCH_TYPE_UNSPECIFIED: FetchType
FETCH_TYPE_CACHE_HIT: FetchType
FETCH_TYPE_HARDCODED: FetchType
FETCH_TYPE_DB_READ: FetchType
FETCH_TYPE_FIRST_SEEN: FetchType
FETCH_TYPE_RATE_LIMITED: FetchType

class OrgStrings(_message.Message):
    __slots__ = ("use_case", "org_id", "strings")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    STRINGS_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    strings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., strings: _Optional[_Iterable[str]] = ...) -> None: ...

class StringResult(_message.Message):
    __slots__ = ("string", "id", "fetch_type", "global_quota")
    STRING_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    FETCH_TYPE_FIELD_NUMBER: _ClassVar[int]
    GLOBAL_QUOTA_FIELD_NUMBER: _ClassVar[int]
    string: str
    id: int
    fetch_type: FetchType
    global_quota: bool
    def __init__(self, string: _Optional[str] = ..., id: _Optional[int] = ..., fetch_type: _Optional[_Union[FetchType, str]] = ..., global_quota: _Optional[bool] = ...) -> None: ...

class OrgStringResults(_message.Message):
    __slots__ = ("use_case", "org_id", "results")
    USE_CASE_FIELD_NUMBER: _ClassVar[int]
    ORG_ID_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    use_case: str
    org_id: int
    results: _containers.RepeatedCompositeFieldContainer[StringResult]
    def __init__(self, use_case: _Optional[str] = ..., org_id: _Optional[int] = ..., results: _Optional[_Iterable[_Union[StringResult, _Mapping]]] = ...) -> None: ...

class IdResult(_message.Message):
    __slots__ = ("id", "string", "fetch_type")
    ID_FIELD_NUMBER: _ClassVar[int]
    STRING_FIELD_NUMBER: _ClassVar[int]
    FETCH_TYPE_FIELD_NUMBER: _ClassVar[int]
    id: int
    string: str
    fetch_type: FetchType
    def __init__(self, id: _Optional[int] = ..., string: _Optional[str] = ..., fetch_type: _Optional[_Union[FetchType, str]] = ...) -> None: ...
