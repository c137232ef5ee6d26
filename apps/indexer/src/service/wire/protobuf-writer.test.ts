import { describe, expect, it } from 'vitest';
import { ProtobufWriter } from './protobuf-writer.js';

/** Every write that makes its own room, in one message. */
function writeAll(out: ProtobufWriter): Buffer {
  const start = out.beginDelimited(1, 2);
  out.stringField(2, 'é'.repeat(50), false);
  out.uint64Field(16, 2n ** 64n - 1n);
  out.uint32Field(17, 2 ** 32 - 1);
  out.doubleField(18, -0, false);
  out.boolField(19, true);
  out.stringEntry((7 << 3) | 2, 'key', 'value');
  out.stringEntry((7 << 3) | 2, 'ké', 'x'.repeat(200));
  out.uint64Entry((8 << 3) | 2, 'id', 2n ** 40n);
  out.backfillLength(start, 2);
  return out.finish();
}

describe('ProtobufWriter', () => {
  it('grows from an empty buffer through the writes that make their own room', () => {
    expect(writeAll(new ProtobufWriter(0)).toString('hex')).toBe(
      writeAll(new ProtobufWriter(4096)).toString('hex'),
    );
  });

  it('moves content when a length needs fewer or more bytes than reserved', () => {
    const out = new ProtobufWriter(0);
    const short = out.beginDelimited(1, 3);
    out.stringField(1, 'abc', false);
    out.backfillLength(short, 3);
    const long = out.beginDelimited(2, 1);
    out.stringField(1, 'x'.repeat(200), false);
    out.backfillLength(long, 1);
    const bytes = out.finish();
    expect([...bytes.subarray(0, 7)]).toEqual([0x0a, 5, 0x0a, 3, 0x61, 0x62, 0x63]);
    expect([...bytes.subarray(7, 13)]).toEqual([0x12, 0xcb, 0x01, 0x0a, 0xc8, 0x01]);
    expect(bytes.length).toBe(7 + 6 + 200);
  });

  it('writes uint53 numbers as the same varints as uint64 bigints', () => {
    for (const value of [0, 127, 128, 2 ** 32 - 1, 2 ** 32, 2 ** 35 + 3, 2 ** 53 - 1]) {
      const asNumber = new ProtobufWriter(16);
      asNumber.uint53(value);
      const asBigInt = new ProtobufWriter(16);
      asBigInt.uint64(BigInt(value));
      expect(asNumber.finish().toString('hex')).toBe(asBigInt.finish().toString('hex'));
    }
  });
});
