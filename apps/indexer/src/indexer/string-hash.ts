import { randomInt } from 'node:crypto';

// The hash of a string: MurmurHash3's 32-bit block and final steps over its UTF-16 code units, four to a block (a
// unit above 0xff overlaps its neighbour's bits, which only changes which strings collide). For an ASCII string
// the code units are its UTF-8 bytes, so `asciiHash` of the bytes equals `hashCodeUnits` of the string. The
// seed is random per process; tables using it also bound their probe runs, so colliding input costs a cache miss,
// not a slow lookup.
const SEED = randomInt(2 ** 32);

/**
 * The hash of the string whose UTF-8 is the bytes `[start, end)` of `view` when they are ASCII (read four at a
 * time); -1 when one is not.
 */
export function asciiHash(view: DataView, start: number, end: number): number {
  let h = SEED ^ (end - start);
  let bits = 0;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const word = view.getUint32(i, true);
    bits |= word;
    h = block(h, word);
  }
  let tail = 0;
  for (let shift = 0; i < end; i++, shift += 8) tail |= view.getUint8(i) << shift;
  if (((bits | tail) & 0x80808080) !== 0) return -1;
  return finish(h, tail);
}

/** The hash of a string (equal to `asciiHash` of its bytes when it is ASCII). */
export function hashCodeUnits(string: string): number {
  const end = string.length;
  let h = SEED ^ end;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    h = block(
      h,
      string.charCodeAt(i) |
        (string.charCodeAt(i + 1) << 8) |
        (string.charCodeAt(i + 2) << 16) |
        (string.charCodeAt(i + 3) << 24),
    );
  }
  let tail = 0;
  for (let shift = 0; i < end; i++, shift += 8) tail |= string.charCodeAt(i) << shift;
  return finish(h, tail);
}

/** MurmurHash3's final mix: spreads a hash over all 32 bits. */
export function mixHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function scramble(k: number): number {
  const scrambled = Math.imul(k, 0xcc9e2d51);
  return Math.imul((scrambled << 15) | (scrambled >>> 17), 0x1b873593);
}

function block(h: number, k: number): number {
  const mixed = h ^ scramble(k);
  return (Math.imul((mixed << 13) | (mixed >>> 19), 5) + 0xe6546b64) | 0;
}

function finish(h: number, tail: number): number {
  return mixHash(h ^ scramble(tail));
}
