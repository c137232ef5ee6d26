// Characters Python's str.isprintable() rejects: categories C* and Z* except the ASCII space.
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/**
 * Python's `repr()` of a str, which Sentry puts in "Unknown string: '<s>'": single quotes unless the
 * string holds a single quote and no double quote; backslash, the quote, \t \n \r escaped; other
 * non-printable characters as \xNN, \uNNNN or \UNNNNNNNN.
 */
export function pythonRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}
