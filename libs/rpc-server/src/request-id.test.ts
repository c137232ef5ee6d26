import { describe, expect, it } from 'vitest';
import {
  currentCallSignal,
  currentRequestId,
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
