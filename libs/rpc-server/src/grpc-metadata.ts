import { Metadata } from '@grpc/grpc-js';

// Transport-level keys grpc-js sets itself; copying them from handler headers would corrupt the response.
const RESERVED = /^(grpc-.*|content-type|te|user-agent|:.*|connection|host)$/;

/** gRPC metadata as Fetch Headers, binary (`-bin`) values base64-encoded as on the wire. */
export function metadataToHeaders(metadata: Metadata): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    for (const value of values) {
      try {
        headers.append(key, typeof value === 'string' ? value : value.toString('base64'));
      } catch {
        // A value Headers rejects (e.g. control characters) is dropped rather than failing the call.
      }
    }
  }
  return headers;
}

/** Headers set by a handler as gRPC metadata; reserved and illegal keys are left out. */
export function headersToMetadata(headers: Headers, into: Metadata = new Metadata()): Metadata {
  headers.forEach((value, key) => {
    if (RESERVED.test(key)) return;
    try {
      if (key.endsWith('-bin')) into.add(key, Buffer.from(value, 'base64'));
      else into.add(key, value);
    } catch {
      // grpc-js validates keys and values; one a peer could not parse is better dropped.
    }
  });
  return into;
}
