import { describe, expect, it } from 'vitest';
import { createOutputTail } from './output-tail.js';

describe('createOutputTail', () => {
  it.each([
    { chunks: [], max: 5, expected: '' },
    { chunks: ['abc'], max: 5, expected: 'abc' },
    { chunks: ['abc', 'def'], max: 5, expected: 'bcdef' },
    { chunks: ['x'.repeat(20), 'end'], max: 4, expected: 'xend' },
    { chunks: [Buffer.from('héllo'), '!'], max: 6, expected: 'héllo!' },
  ])('keeps the last $max characters of $chunks', ({ chunks, max, expected }) => {
    const tail = createOutputTail(max);
    for (const chunk of chunks) tail.push(chunk);
    expect(tail.text()).toBe(expected);
  });
});
