// Command example drives a running mindex suite through the generated Go client: it records strings with the
// indexer, resolves them back, indexes one generic metric bucket and reads the metric's metadata from the query
// service. It exits non-zero on any failure or mismatch.
//
//	MINDEX_INDEXER_ADDRESS=127.0.0.1:50051 MINDEX_QUERY_ADDRESS=127.0.0.1:50053 go run ./cmd/example
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	commonv1 "github.com/mindex-dev/mindex/clients/go/gen/mindex/common/v1"
	indexerv1 "github.com/mindex-dev/mindex/clients/go/gen/mindex/indexer/v1"
	queryv1 "github.com/mindex-dev/mindex/clients/go/gen/mindex/query/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"
)

const (
	orgID     = uint64(1)
	projectID = uint64(1)
	useCase   = "transactions"
	// callTimeout bounds every call; WaitForReady lets a call wait (within it) for a service still starting.
	callTimeout = 5 * time.Second
	// metaWait bounds how long the metadata of the indexed bucket may take to reach the query service.
	metaWait = 15 * time.Second
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "go example: FAILED: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("go example: OK")
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func dial(address string) (*grpc.ClientConn, error) {
	return grpc.NewClient(address,
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.WaitForReady(true)))
}

// call runs one RPC with its own deadline.
func call[Req, Resp any](method func(context.Context, Req, ...grpc.CallOption) (Resp, error), request Req) (Resp, error) {
	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	return method(ctx, request)
}

func run() error {
	indexerAddress := envOr("MINDEX_INDEXER_ADDRESS", "127.0.0.1:50051")
	queryAddress := envOr("MINDEX_QUERY_ADDRESS", "127.0.0.1:50053")
	fmt.Printf("go example: indexer %s, query %s\n", indexerAddress, queryAddress)

	indexerConn, err := dial(indexerAddress)
	if err != nil {
		return fmt.Errorf("indexer client: %w", err)
	}
	defer indexerConn.Close()
	queryConn, err := dial(queryAddress)
	if err != nil {
		return fmt.Errorf("query client: %w", err)
	}
	defer queryConn.Close()
	indexer := indexerv1.NewIndexerServiceClient(indexerConn)
	query := queryv1.NewQueryServiceClient(queryConn)

	// A fresh suffix per run, so the strings are new (first seen) and the metric is this run's own.
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		return err
	}
	runID := hex.EncodeToString(suffix)

	ids, err := recordAndResolve(indexer, runID)
	if err != nil {
		return err
	}
	mri := "c:transactions/mindex_example_go_" + runID + "@none"
	if err := indexBucket(indexer, mri, ids); err != nil {
		return err
	}
	return checkMetricsMeta(query, mri)
}

// recordAndResolve records a few strings, resolves each and reverse resolves the new ones; it returns the ids.
func recordAndResolve(indexer indexerv1.IndexerServiceClient, runID string) (map[string]uint64, error) {
	// "environment" is a static shared string (fetch type HARDCODED); the others are new.
	texts := []string{"environment", "example.go." + runID + ".release", "example.go." + runID + ".route"}
	recorded, err := call(indexer.BulkRecord, &indexerv1.BulkRecordRequest{
		Groups: []*commonv1.OrgStrings{{UseCase: useCase, OrgId: orgID, Strings: texts}},
	})
	if err != nil {
		return nil, fmt.Errorf("BulkRecord: %w", err)
	}
	groups := recorded.GetGroups()
	if len(groups) != 1 || groups[0].GetOrgId() != orgID || groups[0].GetUseCase() != useCase {
		return nil, fmt.Errorf("BulkRecord: want one group for org %d %q, got %v", orgID, useCase, groups)
	}
	results := groups[0].GetResults()
	if len(results) != len(texts) {
		return nil, fmt.Errorf("BulkRecord: %d results for %d strings", len(results), len(texts))
	}

	ids := make(map[string]uint64, len(texts))
	for i, result := range results {
		if result.GetString_() != texts[i] {
			return nil, fmt.Errorf("BulkRecord: result %d is for %q, want %q", i, result.GetString_(), texts[i])
		}
		if result.Id == nil {
			return nil, fmt.Errorf("BulkRecord: %q got no id (fetch type %s)", texts[i], result.GetFetchType())
		}
		ids[texts[i]] = result.GetId()
		fmt.Printf("  recorded %-40q id %-20d %s\n", texts[i], result.GetId(), result.GetFetchType())
	}

	for _, s := range texts {
		resolved, err := call(indexer.Resolve, &indexerv1.ResolveRequest{UseCase: useCase, OrgId: orgID, String_: s})
		if err != nil {
			return nil, fmt.Errorf("Resolve %q: %w", s, err)
		}
		result := resolved.GetResult()
		if result.Id == nil || result.GetId() != ids[s] {
			return nil, fmt.Errorf("Resolve %q: id %s, BulkRecord gave %d", s, optionalID(result), ids[s])
		}
		fmt.Printf("  resolved %-40q id %-20d %s\n", s, result.GetId(), result.GetFetchType())
	}

	for _, s := range texts[1:] {
		reversed, err := call(indexer.ReverseResolve,
			&indexerv1.ReverseResolveRequest{UseCase: useCase, OrgId: orgID, Id: ids[s]})
		if err != nil {
			return nil, fmt.Errorf("ReverseResolve %d: %w", ids[s], err)
		}
		if got := reversed.GetResult().GetString_(); got != s {
			return nil, fmt.Errorf("ReverseResolve %d: got %q, want %q", ids[s], got, s)
		}
	}
	fmt.Printf("  reverse resolved %d ids\n", len(texts)-1)
	return ids, nil
}

func optionalID(result *commonv1.StringResult) string {
	if result.Id == nil {
		return "absent"
	}
	return strconv.FormatUint(result.GetId(), 10)
}

// indexBucket indexes one counter bucket of a generic use case and checks the ids in the rebuilt bucket.
func indexBucket(indexer indexerv1.IndexerServiceClient, mri string, ids map[string]uint64) error {
	bucket := &commonv1.MetricBucket{
		Namespace: useCase,
		OrgId:     orgID,
		ProjectId: projectID,
		Name:      mri,
		Type:      "c",
		Timestamp: uint64(time.Now().Add(-time.Minute).Unix()),
		Tags:      map[string]string{"environment": "example"},
		Value:     &commonv1.MetricValue{Kind: &commonv1.MetricValue_Counter{Counter: 1}},
		// retention_days is `optional` in the proto, so the Go field is a pointer.
		RetentionDays: proto.Uint32(90),
	}
	response, err := call(indexer.IndexBatch, &indexerv1.IndexBatchRequest{Buckets: []*commonv1.MetricBucket{bucket}})
	if err != nil {
		return fmt.Errorf("IndexBatch: %w", err)
	}
	outcomes := response.GetOutcomes()
	if len(outcomes) != 1 {
		return fmt.Errorf("IndexBatch: %d outcomes for 1 bucket", len(outcomes))
	}
	indexed := outcomes[0].GetIndexed()
	if indexed == nil {
		return fmt.Errorf("IndexBatch: bucket not indexed: %v", outcomes[0])
	}
	rebuilt := indexed.GetBucket()

	metric, err := call(indexer.Resolve, &indexerv1.ResolveRequest{UseCase: useCase, OrgId: orgID, String_: mri})
	if err != nil {
		return fmt.Errorf("Resolve %q: %w", mri, err)
	}
	environmentKey := strconv.FormatUint(ids["environment"], 10)
	var problems []error
	if metric.GetResult().Id == nil || metric.GetResult().GetId() != rebuilt.GetMetricId() {
		problems = append(problems, fmt.Errorf("metric_id %d, Resolve of the MRI gave %s",
			rebuilt.GetMetricId(), optionalID(metric.GetResult())))
	}
	if rebuilt.GetUseCaseId() != useCase || rebuilt.GetVersion() != 2 || rebuilt.GetOrgId() != orgID ||
		rebuilt.GetProjectId() != projectID {
		problems = append(problems, fmt.Errorf("use case %q version %d org %d project %d, want %q 2 %d %d",
			rebuilt.GetUseCaseId(), rebuilt.GetVersion(), rebuilt.GetOrgId(), rebuilt.GetProjectId(),
			useCase, orgID, projectID))
	}
	if got := rebuilt.GetRawTags()[environmentKey]; got != "example" {
		problems = append(problems, fmt.Errorf("raw_tags[%s] (environment) is %q, want \"example\"", environmentKey, got))
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("IndexBatch: %w", err)
	}
	fmt.Printf("  indexed %s: metric_id %d, raw_tags %v, mapping_sources %q\n",
		mri, rebuilt.GetMetricId(), rebuilt.GetRawTags(), rebuilt.GetMappingSources())
	return nil
}

// checkMetricsMeta waits for the indexed metric to show up in GetMetricsMeta and checks what is said about it.
func checkMetricsMeta(query queryv1.QueryServiceClient, mri string) error {
	request := &queryv1.GetMetricsMetaRequest{OrgId: orgID, ProjectIds: []uint64{projectID}, UseCases: []string{useCase}}
	deadline := time.Now().Add(metaWait)
	for {
		response, err := call(query.GetMetricsMeta, request)
		if err != nil {
			return fmt.Errorf("GetMetricsMeta: %w", err)
		}
		index := slices.IndexFunc(response.GetMetrics(), func(m *queryv1.MetricMeta) bool { return m.GetMri() == mri })
		if index >= 0 {
			meta := response.GetMetrics()[index]
			fmt.Printf("  metrics meta (%d metrics for org %d project %d): %s type %q name %q unit %q operations %v projects %v\n",
				len(response.GetMetrics()), orgID, projectID, meta.GetMri(), meta.GetType(), meta.GetName(),
				meta.GetUnit(), meta.GetOperations(), meta.GetProjectIds())
			name := mri[len("c:transactions/") : len(mri)-len("@none")]
			if meta.GetType() != "c" || meta.GetName() != name || meta.GetUnit() != "none" ||
				!slices.Contains(meta.GetOperations(), "sum") || !slices.Contains(meta.GetProjectIds(), projectID) {
				return fmt.Errorf("GetMetricsMeta: unexpected metadata for %s: %v", mri, meta)
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("GetMetricsMeta: %s not listed after %s (%d other metrics)", mri, metaWait,
				len(response.GetMetrics()))
		}
		time.Sleep(250 * time.Millisecond)
	}
}
