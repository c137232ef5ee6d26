import fc from 'fast-check';

/** Strings a wire codec must handle: ASCII, any UTF-16 (lone surrogates too), BOMs, U+FFFD, long ones. */
export const wireText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', '\uD800', 'a\uDC00b', '\uFEFFbom', 'a\uFFFDb', 'é'.repeat(70), 'x'.repeat(300)),
);

/** uint64 values around the varint and 32/49/63/64-bit edges, and any. */
export const wireUint64 = fc.oneof(
  fc.constantFrom(0n, 1n, 127n, 128n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 49n, 2n ** 63n - 1n, 2n ** 64n - 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);
