import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** File paths and contents of one key pair with its certificate. */
export interface CertPair {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

/** A throwaway PKI made with openssl: a CA, a server certificate for 127.0.0.1/localhost, client certificates. */
export interface TestPki {
  dir: string;
  caFile: string;
  ca: Buffer;
  server: CertPair;
  /** Signed by the CA: accepted under mutual TLS. */
  client: CertPair;
  /** Signed by another CA: rejected under mutual TLS. */
  rogueClient: CertPair;
  /** The other CA's certificate (a client trusting only it must not accept the server). */
  rogueCa: Buffer;
  dispose(): Promise<void>;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<{ certFile: string; keyFile: string }> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  await run('openssl', [
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return { certFile, keyFile };
}

async function makeLeaf(
  dir: string,
  name: string,
  ca: { certFile: string; keyFile: string },
  extensions: string,
): Promise<CertPair> {
  const keyFile = join(dir, `${name}.key`);
  const csrFile = join(dir, `${name}.csr`);
  const certFile = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  await writeFile(extFile, extensions);
  await run('openssl', ['req', ...EC_KEY, '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${name}`]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    csrFile,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-CAcreateserial',
    '-out',
    certFile,
    '-days',
    '2',
    '-extfile',
    extFile,
  ]);
  return { certFile, keyFile, cert: await readFile(certFile), key: await readFile(keyFile) };
}

export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'mindex-test-pki-'));
  const ca = await makeCa(dir, 'mindex-test-ca');
  const rogueCa = await makeCa(dir, 'rogue-ca');
  const server = await makeLeaf(
    dir,
    'localhost',
    ca,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  const client = await makeLeaf(dir, 'test-client', ca, 'extendedKeyUsage=clientAuth\n');
  const rogueClient = await makeLeaf(dir, 'rogue-client', rogueCa, 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: ca.certFile,
    ca: await readFile(ca.certFile),
    server,
    client,
    rogueClient,
    rogueCa: await readFile(rogueCa.certFile),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
