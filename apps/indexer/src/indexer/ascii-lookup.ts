import { hashCodeUnits } from './string-hash.js';

/**
 * A fixed table of strings found by the bytes of their ASCII encoding and their `asciiHash`, without decoding
 * them into a string. Only ASCII keys can match ASCII bytes, so other keys are left out. The keys are fixed when
 * it is built, so its probe runs are too.
 */
export class AsciiLookup<V> {
  private readonly positions: Int32Array;
  private readonly keys: string[] = [];
  private readonly values: V[] = [];

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [key, value] of entries) {
      if (!/^\p{ASCII}*$/u.test(key)) continue;
      this.keys.push(key);
      this.values.push(value);
    }
    let size = 8;
    while (size < 4 * this.keys.length) size *= 2;
    this.positions = new Int32Array(size);
    this.keys.forEach((key, entry) => {
      let pos = hashCodeUnits(key) & (size - 1);
      while (this.positions[pos] !== 0) pos = (pos + 1) & (size - 1);
      this.positions[pos] = entry + 1;
    });
  }

  /** The value of the key whose bytes are `[start, end)` of `view`, given their `asciiHash`. */
  get(hash: number, view: DataView, start: number, end: number): V | undefined {
    const mask = this.positions.length - 1;
    const length = end - start;
    for (let pos = hash & mask; ; pos = (pos + 1) & mask) {
      const entry = this.positions[pos]! - 1;
      if (entry < 0) return undefined;
      const key = this.keys[entry]!;
      if (key.length !== length) continue;
      let i = 0;
      while (i < length && key.charCodeAt(i) === view.getUint8(start + i)) i++;
      if (i === length) return this.values[entry];
    }
  }
}
