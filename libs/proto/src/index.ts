// Generated protobuf-es code for every mindex contract, one namespace per proto package.
export * as health from './gen/grpc/health/v1/health_pb.js';
export * as commonStrings from './gen/mindex/common/v1/strings_pb.js';
export * as commonBuckets from './gen/mindex/common/v1/buckets_pb.js';
export * as indexer from './gen/mindex/indexer/v1/indexer_pb.js';
export * as configuration from './gen/mindex/configuration/v1/configuration_pb.js';
export * as configurationOptions from './gen/mindex/configuration/v1/options_pb.js';
export * as query from './gen/mindex/query/v1/query_pb.js';
