/**
 * The length Python's `len()` gives: Unicode code points, not UTF-16 units, so an astral character
 * (e.g. an emoji) counts once. A lone surrogate counts as one. Limits such as 200 must use this (§9.7).
 */
export function codePointLength(s: string): number {
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    // A high surrogate followed by a low one is one code point: skip the low half.
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    length++;
  }
  return length;
}
