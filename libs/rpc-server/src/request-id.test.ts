import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './request-id.js';

describe('requestIdFrom', () => {
  it.each([
    ['abc-123', 'abc-123'],
    ['0f8e1c2a-9b1d-4c8e-8f00-123456789abc', '0f8e1c2a-9b1d-4c8e-8f00-123456789abc'],
    ['trace:1.2_3', 'trace:1.2_3'],
    ['has space', 'generated'],
    ['x'.repeat(129), 'generated'],
    ['<script>', 'generated'],
    ['', 'generated'],
  ])('uses %j as %j', (given, expected) => {
    expect(requestIdFrom(new Headers({ 'x-request-id': given }), () => 'generated')).toBe(expected);
  });

  it('generates one when the header is missing', () => {
    expect(requestIdFrom(new Headers(), () => 'fresh')).toBe('fresh');
  });
});
