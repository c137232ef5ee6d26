import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { headersToMetadata, metadataToHeaders } from './grpc-metadata.js';

describe('metadataToHeaders', () => {
  it('copies text values and base64-encodes binary ones', () => {
    const md = new Metadata();
    md.add('x-request-id', 'r1');
    md.add('authorization', 'Bearer t');
    md.add('trace-bin', Buffer.from([1, 2, 3]));
    const headers = metadataToHeaders(md);
    expect([headers.get('x-request-id'), headers.get('authorization'), headers.get('trace-bin')]).toEqual([
      'r1',
      'Bearer t',
      'AQID',
    ]);
  });
});

describe('headersToMetadata', () => {
  it('copies custom headers, decodes -bin values and leaves out transport headers', () => {
    const md = headersToMetadata(
      new Headers({
        'x-request-id': 'r2',
        'token-bin': 'AQID',
        'content-type': 'application/grpc',
        'grpc-status': '0',
        te: 'trailers',
      }),
    );
    expect(md.getMap()).toEqual({ 'x-request-id': 'r2', 'token-bin': Buffer.from([1, 2, 3]) });
  });
});
