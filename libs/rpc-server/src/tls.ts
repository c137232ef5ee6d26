import { readFile } from 'node:fs/promises';

/** Certificate files (PEM) for TLS on both ports; with `clientCaFile`, clients must present a certificate it signed. */
export interface TlsFiles {
  /** Server certificate chain. */
  certFile: string;
  /** Server private key. */
  keyFile: string;
  /** CA that signs client certificates; set = mutual TLS. */
  clientCaFile?: string;
}

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  clientCa: Buffer | undefined;
}

/** Reads the files once; a missing or unreadable file rejects with an error naming it. */
export async function readTlsMaterial(files: TlsFiles): Promise<TlsMaterial> {
  const read = async (path: string, what: string) => {
    try {
      return await readFile(path);
    } catch (err) {
      throw new Error(`cannot read the TLS ${what} file ${JSON.stringify(path)}`, { cause: err });
    }
  };
  const [cert, key, clientCa] = await Promise.all([
    read(files.certFile, 'certificate'),
    read(files.keyFile, 'key'),
    files.clientCaFile === undefined ? undefined : read(files.clientCaFile, 'client CA'),
  ]);
  return { cert, key, clientCa };
}
