/**
 * The reference permissive MRI grammar (spec §2.2), without anchors, for embedding in larger patterns.
 * `[^\n]` stands for Python's `.`: a JS `.` would also refuse `\r`, U+2028 and U+2029.
 */
export const MRI_SCHEMA_PATTERN = '(?<entity>[^:]+):(?<namespace>[^/]+)/(?<name>[^@]+)@(?<unit>[^\\n]+)';

/**
 * Python's `$` (without MULTILINE) also matches just before one final `\n`; JS's `$` does not.
 * Appending this before `$` reproduces Python's anchoring exactly (spec §2.2, §9.7).
 */
export const PYTHON_END_ANCHOR = '\\n?$';

/** `MRI_SCHEMA_REGEX`: the whole string must be one MRI (one trailing `\n` tolerated, as in Python). */
export const MRI_SCHEMA_REGEX = new RegExp(`^${MRI_SCHEMA_PATTERN}${PYTHON_END_ANCHOR}`, 'u');
