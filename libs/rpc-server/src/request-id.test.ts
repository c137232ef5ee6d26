import { describe, expect, it } from 'vitest';
import {
  currentCallSignal,
  currentRequestId,
  generateRequestId,
  propagateRequestId,
  requestIdFrom,
  runInCall,
} from './request-id.js';

/** A call with this request id (and a signal of its own). */
const callWith = (requestId: string) => ({ requestId, context: new AbortController() });

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

describe('generateRequestId', () => {
  it('makes distinct ids shaped like v4 UUIDs, which requestIdFrom keeps', () => {
    const ids = Array.from({ length: 1000 }, () => generateRequestId());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(requestIdFrom(new Headers({ 'x-request-id': id }), () => 'generated')).toBe(id);
    }
  });
});

describe('propagateRequestId', () => {
  // The interceptor only touches the request header; a minimal request and a capturing `next` are enough.
  const send = async (header: Headers) => {
    const next = async (request: { header: Headers }) => request.header.get('x-request-id');
    const intercepted = propagateRequestId(next as never) as unknown as (request: {
      header: Headers;
    }) => Promise<string | null>;
    return intercepted({ header });
  };

  it('sends the id of the call being handled, also after awaits', async () => {
    const sent = await runInCall(callWith('req-42'), async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return send(new Headers());
    });
    expect(sent).toBe('req-42');
  });

  it('sends nothing outside a call and keeps an id the caller set', async () => {
    expect(await send(new Headers())).toBeNull();
    expect(await runInCall(callWith('req-1'), () => send(new Headers({ 'x-request-id': 'own' })))).toBe(
      'own',
    );
  });

  it('exposes the current id and signal only inside the call', () => {
    const call = callWith('inside');
    expect(runInCall(call, () => [currentRequestId(), currentCallSignal()])).toEqual([
      'inside',
      call.context.signal,
    ]);
    expect([currentRequestId(), currentCallSignal()]).toEqual([undefined, undefined]);
  });
});
