// Text that must never reach a client: database driver names and messages, socket errors, stack traces,
// internal addresses. Services map such failures to a generic message naming the dependency.
const LEAK_PATTERNS: readonly RegExp[] = [
  /mongo/i,
  /ferret/i,
  /sqlite/i,
  /E11000|duplicate key/i,
  /server ?selection/i,
  /topology/i,
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND/,
  /\bat [\w.<>]+ \(.*:\d+:\d+\)/, // a stack frame
  /node_modules|\/dist\/|\.js:\d+/,
  /\bTypeError\b|\bRangeError\b|\bReferenceError\b|Cannot read properties/,
  /127\.0\.0\.1:\d+/,
];

// Quoted parts echo the client's own input back ("unknown use case \"mongo\""), which is not a leak.
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/** The leak patterns an error message matches, outside quoted echoes of the input (none is the only good answer). */
export function leaksIn(message: string): string[] {
  const unquoted = message.replace(QUOTED, '""');
  return LEAK_PATTERNS.filter((pattern) => pattern.test(unquoted)).map(String);
}
