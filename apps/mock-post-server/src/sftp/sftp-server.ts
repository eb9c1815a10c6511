import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthContext, Connection, ParsedKey } from 'ssh2';
import ssh2 from 'ssh2';
import { ingestDataTransferFile } from '../datatransfer/ingest';
import type { DataTransferProfile } from '../datatransfer/profile';
import { isDataFileName, profileOf } from '../datatransfer/profile';
import type { StatusReports } from '../datatransfer/status-reports';
import { createStatusReports } from '../datatransfer/status-reports';
import type { Language } from '../rules/post-codes';
import { sameSecret } from '../secrets';
import type { MockPostState } from '../state';
import type { SftpFaults } from './sftp-faults';
import { createFaultPlan, createSessionFaults } from './sftp-faults';
import { SFTP_EXTENSIONS, serveSftp } from './sftp-session';
import { announceExtensions } from './sftp-version';
import { generateSshKeyPair } from './ssh-keys';

const { Server, utils } = ssh2;

/** An SFTP login at the simulated Post, as Swiss Post sets one up for a DataTransfer customer. */
export interface SftpAccount {
  /** Letters, digits, `.`, `_` and `-`; it also names the account's directory. */
  username: string;
  password?: string;
  /** The account's public key: an OpenSSH line (`ssh-ed25519 AAAA…`) or PEM. */
  publicKey?: string | Buffer;
  /** Franking licences whose files this account may deliver; others get E2010. */
  frankingLicenses: readonly string[];
  /** Language of the E-code texts in processing reports. Default `EN`. */
  language?: Language;
  /**
   * The file shape agreed with this customer at registration (name, namespace, root, control
   * file, encodings); unset parts are the SDK's default shape.
   */
  dataTransfer?: Partial<DataTransferProfile>;
}

export interface MockSftpOptions {
  accounts: readonly SftpAccount[];
  /**
   * Status reports (3, 7, 11) back to the shop, in each account's `dir` (default `/out`).
   * With `delayMs`, every accepted shipment of an ingested file is posted and sorted that long
   * after ingestion and the reports written; without, only `reports.record` and
   * `reports.write` make them (the test trigger).
   */
  reports?: { dir?: string; delayMs?: number };
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** The simulated Post's SFTP server, as `createMockPostServer` returns it under `sftp`. */
export interface MockSftpServer {
  host: string;
  port: number;
  /** 64 lowercase hex: SHA-256 over the host key blob, which ssh2's `hostVerifier` receives. */
  hostKeySha256: string;
  /** `SHA256:` + unpadded base64, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
  /** The host public key as an OpenSSH line, for a `known_hosts` entry. */
  hostPublicKey: string;
  /** The account's directory on disk (its `/` over SFTP). */
  accountDir(username: string): string;
  /** Sets the faults the next sessions take when they log in (`undefined` clears them). */
  setFaults(faults: SftpFaults | undefined): void;
  /** Resolves once every file committed so far has been ingested and its report written. */
  settled(): Promise<void>;
  /** Parcel events and the status reports made from them (see `status-reports.ts`). */
  reports: StatusReports;
}

interface Account extends SftpAccount {
  key?: ParsedKey;
  profile: DataTransferProfile;
  root: string;
}

const USERNAME = /^[A-Za-z0-9._-]+$/;

function parsePublicKey(source: string | Buffer, username: string): ParsedKey {
  const parsed = utils.parseKey(source);
  if (parsed instanceof Error)
    throw new Error(`SFTP account ${username}: unreadable public key (${parsed.message})`);
  return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
}

function authenticate(context: AuthContext, account: Account | undefined): boolean {
  if (account === undefined) return false;
  if (context.method === 'password') {
    return account.password !== undefined && sameSecret(context.password, account.password);
  }
  if (context.method === 'publickey' && account.key !== undefined) {
    if (!context.key.data.equals(account.key.getPublicSSH())) return false;
    // Without a signature the client only asks whether the key would do.
    if (context.signature === undefined || context.blob === undefined) return true;
    return account.key.verify(context.blob, context.signature, context.hashAlgo) === true;
  }
  return false;
}

/**
 * Starts the simulated Post's SFTP server for DataTransfer deliveries on `host`: one directory
 * per account (a chroot), password and public-key logins, a host key generated for this run,
 * injectable faults, and ingestion of every file that reaches a final `*.xml` name (see
 * `ingestDataTransferFile`), one file at a time, after the client's request was answered.
 *
 * @example
 * const sftp = await createMockSftpServer(
 *   { accounts: [{ username: 'shop', password: 'pw', frankingLicenses: ['60013217'] }] },
 *   { host: '127.0.0.1', state, now: Date.now },
 * );
 */
export async function createMockSftpServer(
  options: MockSftpOptions,
  context: { host: string; state: MockPostState; now: () => number },
): Promise<MockSftpServer & { close(): Promise<void> }> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'pickpost-mock-sftp-')));
  const accounts = new Map<string, Account>();
  try {
    for (const account of options.accounts) {
      if (!USERNAME.test(account.username) || account.username === '.' || account.username === '..')
        throw new Error(`SFTP account name ${JSON.stringify(account.username)} is not allowed`);
      if (accounts.has(account.username))
        throw new Error(`SFTP account ${account.username} is defined twice`);
      if (account.password === undefined && account.publicKey === undefined)
        throw new Error(`SFTP account ${account.username} needs a password or a public key`);
      const root = join(base, account.username);
      await mkdir(root);
      accounts.set(account.username, {
        ...account,
        root,
        profile: profileOf(account.dataTransfer),
        ...(account.publicKey === undefined
          ? {}
          : { key: parsePublicKey(account.publicKey, account.username) }),
      });
    }
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }

  const hostKey = generateSshKeyPair();
  const hostKeyBlob = parsePublicKey(hostKey.public, 'host').getPublicSSH();
  const digest = createHash('sha256').update(hostKeyBlob).digest();
  const faultPlan = createFaultPlan();

  const reports = createStatusReports({
    state: context.state,
    accounts,
    now: context.now,
    dir: options.reports?.dir ?? '/out',
  });
  const timers = new Set<NodeJS.Timeout>();
  const scheduleReports = (record: { status: string; fileName: string }) => {
    const delayMs = options.reports?.delayMs;
    if (delayMs === undefined || record.status !== 'processed') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      for (const shipment of context.state.shipments.filter(
        (s) => s.fileName === record.fileName,
      )) {
        reports.record(shipment.identcode, 'posted');
        reports.record(shipment.identcode, 'sorted');
      }
      void reports.write().catch(() => {});
    }, delayMs);
    timers.add(timer);
  };

  // Ingestion runs one file at a time: the duplicate check and the recording of a file's items
  // must not interleave with another file's.
  let ingestion: Promise<void> = Promise.resolve();
  const ingest = (account: Account, virtual: string, disk: string) => {
    ingestion = ingestion
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        const record = await ingestDataTransferFile(
          { diskPath: disk, virtualPath: virtual },
          {
            state: context.state,
            sender: {
              username: account.username,
              frankingLicenses: account.frankingLicenses,
              language: account.language ?? 'EN',
            },
            now: context.now,
            profile: account.profile,
          },
        );
        scheduleReports(record);
      })
      // A file that vanished before it was read (or a full disk) must not stop later files.
      .catch(() => {});
  };

  // The sockets are ours (injected into ssh2), so a fault can cut one without a goodbye.
  const sockets = new Map<number, Socket>();
  const onConnection = (client: Connection, info: { port: number }) => {
    const socket = sockets.get(info.port);
    let account: Account | undefined;
    // A client that vanishes (a dropped connection, a test that ends) is not the server's error.
    client.on('error', () => {});
    client.on('authentication', (auth) => {
      const candidate = accounts.get(auth.username);
      if (authenticate(auth, candidate)) {
        account = candidate;
        auth.accept();
      } else {
        auth.reject(['password', 'publickey']);
      }
    });
    client.on('ready', () => {
      const faults = createSessionFaults(faultPlan.take(), () => Date.now());
      const session = account as Account;
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          announceExtensions(sftp, SFTP_EXTENSIONS);
          serveSftp(sftp, {
            root: session.root,
            username: session.username,
            faults,
            onFileCommitted: (virtual, disk) => ingest(session, virtual, disk),
            isDataFile: (name) => isDataFileName(session.profile, name),
            dropConnection: () => socket?.destroy(),
          });
        });
      });
    });
  };
  const ssh = new Server({ hostKeys: [hostKey.private] }, onConnection);
  const listener = createServer((socket) => {
    const port = socket.remotePort ?? -1;
    sockets.set(port, socket);
    // SFTP is request/acknowledge: with Nagle's algorithm each small reply waits for the
    // client's delayed ACK (40 ms), which made a 1 MB upload take seconds on loopback.
    socket.setNoDelay(true);
    socket.on('close', () => {
      if (sockets.get(port) === socket) sockets.delete(port);
    });
    ssh.injectSocket(socket);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port ?? 0, context.host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const settled = async () => {
    let seen: Promise<void>;
    do {
      seen = ingestion;
      await seen;
    } while (seen !== ingestion);
  };

  return {
    host: context.host,
    port,
    hostKeySha256: digest.toString('hex'),
    hostKeyFingerprint: `SHA256:${digest.toString('base64').replace(/=+$/, '')}`,
    hostPublicKey: hostKey.public,
    accountDir(username) {
      const account = accounts.get(username);
      if (account === undefined) throw new Error(`no SFTP account ${username}`);
      return account.root;
    },
    setFaults: (faults) => faultPlan.set(faults),
    settled,
    reports,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets.values()) socket.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      await settled();
      await rm(base, { recursive: true, force: true });
    },
  };
}
