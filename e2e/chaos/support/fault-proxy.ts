import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the database that can cut connections at a precise moment: when a client sends a
 * given MongoDB command on a given collection (the command's BSON starts with `\x02<command>\x00` followed by
 * the collection name). After a cut the proxy refuses connections until told the database is back, so the
 * service sees exactly "the database died in the middle of this write".
 */
export interface FaultProxy {
  readonly uri: string;
  /**
   * Cuts every connection the next time `command` on `collection` passes; resolves when it happened. With
   * `request` the command is lost; with `reply` it runs and its answer is lost (an ambiguous write). With
   * `inFlight` > 1 (request only), matching commands are held until that many are waiting, then all are cut
   * at once: several writes in flight when the database dies.
   */
  cutOn(command: string, collection: string, when?: 'request' | 'reply', inFlight?: number): Promise<void>;
  /** While down, new connections are closed at once (the database is unreachable). */
  setDown(down: boolean): void;
  /**
   * While hung, connections stay open but no byte passes either way (a wedged database, or a network that
   * drops packets without a reset); what was held passes, in order, once released.
   */
  setHung(hung: boolean): void;
  /** Commands seen so far, as "<command> <collection>" (for diagnosis). */
  readonly seen: readonly string[];
  close(): Promise<void>;
}

interface Trigger {
  needle: Buffer;
  collection: Buffer;
  when: 'request' | 'reply';
  inFlight: number;
  held: number;
  fired: () => void;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const seen: string[] = [];
  let down = false;
  let hung = false;
  let trigger: Trigger | undefined;
  const held: (() => void)[] = [];
  const pass = (forward: () => void) => (hung ? held.push(forward) : forward());

  const cutAll = () => {
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    let cutOnReply: Trigger | undefined;
    const cut = (fired: Trigger) => {
      trigger = undefined;
      down = true;
      cutAll();
      fired.fired();
    };
    upstream.on('data', (chunk: Buffer) => {
      // The database did the work; its answer never arrives.
      if (cutOnReply !== undefined) cut(cutOnReply);
      else pass(() => client.write(chunk));
    });
    client.on('data', (chunk: Buffer) => {
      const armed = trigger;
      if (armed !== undefined) {
        const at = chunk.indexOf(armed.needle);
        if (at >= 0 && chunk.indexOf(armed.collection, at) >= 0) {
          if (armed.when === 'request') {
            // The command never reaches the database: cut everything, as a crash would.
            armed.held++;
            if (armed.held >= armed.inFlight) cut(armed);
            return;
          }
          trigger = undefined;
          cutOnReply = armed;
        }
      }
      pass(() => upstream.write(chunk));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    cutOn(command, collection, when = 'request', inFlight = 1) {
      return new Promise<void>((fired) => {
        trigger = {
          inFlight,
          held: 0,
          needle: Buffer.from(`\x02${command}\x00`, 'latin1'),
          collection: Buffer.from(collection, 'utf8'),
          when,
          fired: () => {
            seen.push(`${command} ${collection}`);
            fired();
          },
        };
      });
    },
    setDown(value) {
      down = value;
    },
    setHung(value) {
      hung = value;
      if (!hung) for (const forward of held.splice(0)) forward();
    },
    seen,
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
