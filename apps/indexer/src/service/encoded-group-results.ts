import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import type { commonStrings } from '@mindex/proto';

/**
 * A BulkRecordResponse or BulkResolveResponse (same fields) that was written straight to the wire: the gRPC
 * codec sends `bytes` as they are; `groups` decodes them on first use, for anything else that reads the message.
 */
export class EncodedGroupResults {
  readonly $typeName: string;
  private decoded: commonStrings.OrgStringResults[] | undefined;

  constructor(
    private readonly schema: DescMessage,
    readonly bytes: Buffer,
  ) {
    this.$typeName = schema.typeName;
  }

  get groups(): commonStrings.OrgStringResults[] {
    return (this.decoded ??= (
      fromBinary(this.schema, this.bytes) as unknown as { groups: commonStrings.OrgStringResults[] }
    ).groups);
  }
}
