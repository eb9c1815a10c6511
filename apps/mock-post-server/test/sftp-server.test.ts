import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import ssh2 from 'ssh2';
import type SftpClient from 'ssh2-sftp-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import type { MockSftpServer } from '../src/sftp/sftp-server';
import { generateSshKeyPair } from '../src/sftp/ssh-keys';
import type { Login } from './sftp-helpers';
import { connectSftp, rawChannel, statusOf } from './sftp-helpers';

const { utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

const userKey = generateSshKeyPair();
const strangerKey = generateSshKeyPair();

let post: MockPostServer;
let sftp: MockSftpServer;
let outside: string;
const clients: SftpClient[] = [];

beforeAll(async () => {
  post = await createMockPostServer({
    sftp: {
      accounts: [
        { username: 'shop', password: 'shop-pass', frankingLicenses: ['60013217'] },
        { username: 'keyed', publicKey: userKey.public, frankingLicenses: ['60013217'] },
        { username: 'neighbour', password: 'neighbour-pass', frankingLicenses: ['35900034'] },
      ],
    },
  });
  sftp = post.sftp!;
  outside = await mkdtemp(join(tmpdir(), 'pickpost-outside-'));
});
afterEach(async () => {
  sftp.setFaults(undefined);
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => {})));
});
afterAll(async () => {
  await post.close();
  await rm(outside, { recursive: true, force: true });
});

async function connect(username = 'shop', login: Login = { password: 'shop-pass' }, extra = {}) {
  const client = await connectSftp(sftp, username, login, extra);
  clients.push(client);
  return client;
}

describe('SFTP login', () => {
  it('lets an account in with its password and with its key', async () => {
    const byPassword = await connect();
    expect(await byPassword.realPath('.')).toBe('/');
    const byKey = await connect('keyed', { privateKey: userKey.private });
    expect(await byKey.list('/')).toEqual([]);
  });

  it.each([
    ['a wrong password', 'shop', { password: 'guess' }],
    ['an unknown user', 'nobody', { password: 'shop-pass' }],
    ['a key the account does not have', 'keyed', { privateKey: strangerKey.private }],
    ['a password for a key-only account', 'keyed', { password: 'shop-pass' }],
    ['no credentials at all', 'shop', {}],
  ])('refuses %s', async (_case, username, login) => {
    await expect(connect(username, login as Login)).rejects.toThrow(/authentication/i);
  });

  it('shows its host key to hostVerifier as the blob whose SHA-256 is hostKeySha256', async () => {
    let seen = '';
    await connect(
      'shop',
      { password: 'shop-pass' },
      {
        hostVerifier: (key: Buffer) => {
          seen = createHash('sha256').update(key).digest('hex');
          return seen === sftp.hostKeySha256;
        },
      },
    );
    expect(seen).toBe(sftp.hostKeySha256);
    expect(sftp.hostKeySha256).toMatch(/^[0-9a-f]{64}$/);
    // The fingerprint ssh-keygen prints is the same digest in unpadded base64.
    const blob = Buffer.from(sftp.hostPublicKey.split(' ')[1]!, 'base64');
    const digest = createHash('sha256').update(blob).digest();
    expect(digest.toString('hex')).toBe(sftp.hostKeySha256);
    expect(sftp.hostKeyFingerprint).toBe(`SHA256:${digest.toString('base64').replace(/=+$/, '')}`);
    expect(sftp.hostKeyFingerprint).not.toContain('=');
  });

  it('is refused by a client pinned to another host key', async () => {
    const wrongPin = 'ab'.repeat(32);
    await expect(
      connect(
        'shop',
        { password: 'shop-pass' },
        {
          hostVerifier: (key: Buffer) =>
            createHash('sha256').update(key).digest('hex') === wrongPin,
        },
      ),
    ).rejects.toThrow(/host/i);
  });
});

describe('SFTP operations ssh2-sftp-client uses', () => {
  it('creates, writes, reads, lists, renames and removes files and directories', async () => {
    const client = await connect();
    await client.mkdir('/in/2026', true);
    expect(await client.exists('/in/2026')).toBe('d');
    await client.put(Buffer.from('hello'), '/in/2026/a.txt');
    const local = join(outside, 'fast.bin');
    const big = Buffer.alloc(300_000, 7);
    await writeFile(local, big);
    await client.fastPut(local, '/in/2026/big.bin');
    expect((await client.stat('/in/2026/big.bin')).size).toBe(300_000);
    expect(Buffer.compare((await client.get('/in/2026/big.bin')) as Buffer, big)).toBe(0);
    expect(((await client.get('/in/2026/a.txt')) as Buffer).toString()).toBe('hello');
    expect(await client.exists('/in/2026/missing.txt')).toBe(false);
    const listing = await client.list('/in/2026');
    expect(listing.map((entry) => [entry.name, entry.type, entry.size])).toEqual([
      ['a.txt', '-', 5],
      ['big.bin', '-', 300_000],
    ]);
    await client.rename('/in/2026/a.txt', '/in/2026/b.txt');
    expect(await client.exists('/in/2026/a.txt')).toBe(false);
    // Plain RENAME does not replace a file; posix-rename does.
    await client.put(Buffer.from('other'), '/in/2026/c.txt');
    await expect(client.rename('/in/2026/b.txt', '/in/2026/c.txt')).rejects.toThrow();
    await client.posixRename('/in/2026/b.txt', '/in/2026/c.txt');
    expect(((await client.get('/in/2026/c.txt')) as Buffer).toString()).toBe('hello');
    await client.append(Buffer.from(' world'), '/in/2026/c.txt');
    expect(((await client.get('/in/2026/c.txt')) as Buffer).toString()).toBe('hello world');
    await client.chmod('/in/2026/c.txt', 0o600);
    expect(await client.realPath('in/2026/../2026/c.txt')).toBe('/in/2026/c.txt');
    await client.delete('/in/2026/c.txt');
    await client.delete('/in/2026/big.bin');
    await client.rmdir('/in', true);
    expect(await client.list('/')).toEqual([]);
  });

  it('answers with the SFTP status codes a real server sends', async () => {
    const client = await connect();
    const channel = rawChannel(client);
    expect(await statusOf((done) => channel.stat('/missing', done))).toBe(STATUS_CODE.NO_SUCH_FILE);
    expect(await statusOf((done) => channel.open('/no/dir/x', 'w', done))).toBe(
      STATUS_CODE.NO_SUCH_FILE,
    );
    await client.mkdir('/dir');
    expect(await statusOf((done) => channel.unlink('/dir', done))).toBe(STATUS_CODE.FAILURE);
    expect(await statusOf((done) => channel.mkdir('/dir', done))).toBe(STATUS_CODE.FAILURE);
    await client.put(Buffer.from('x'), '/dir/x');
    expect(await statusOf((done) => channel.rmdir('/dir', done))).toBe(STATUS_CODE.FAILURE);
    expect(await statusOf((done) => channel.symlink('/dir/x', '/link', done))).toBe(
      STATUS_CODE.OP_UNSUPPORTED,
    );
    expect(await statusOf((done) => channel.rmdir('/', done))).toBe(STATUS_CODE.PERMISSION_DENIED);
    await client.rmdir('/dir', true);
  });
});

describe('SFTP channel', () => {
  it('announces posix-rename and closes the channel when the client sends EOF', async () => {
    const connection = new ssh2.Client();
    connection.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      connection.once('ready', resolve).once('error', reject);
      connection.connect({
        host: sftp.host,
        port: sftp.port,
        username: 'shop',
        password: 'shop-pass',
      });
    });
    const channel = await new Promise<ClientChannel>((resolve, reject) =>
      connection.subsys('sftp', (error, stream) => (error ? reject(error) : resolve(stream))),
    );
    // SSH_FXP_INIT, version 3.
    channel.write(Buffer.from([0, 0, 0, 5, 1, 0, 0, 0, 3]));
    const [version] = (await once(channel, 'data')) as [Buffer];
    expect(version[4]).toBe(2);
    expect(version.readUInt32BE(5)).toBe(3);
    expect(version.toString('latin1')).toContain('posix-rename@openssh.com');
    // OpenSSH's sftp sends EOF when its batch is done and exits only once the server closes.
    const closed = once(channel, 'close');
    channel.end();
    await closed;
    connection.end();
  });
});

describe('chroot', () => {
  it('keeps `..` and absolute paths inside the account directory', async () => {
    const client = await connect();
    const base = dirname(sftp.accountDir('shop'));
    await client.put(Buffer.from('up'), '../../escape.txt');
    expect(await readFile(join(sftp.accountDir('shop'), 'escape.txt'), 'utf8')).toBe('up');
    expect((await readdir(base)).sort()).toEqual(['keyed', 'neighbour', 'shop']);
    expect(await client.realPath('../../..')).toBe('/');
    const channel = rawChannel(client);
    expect(await statusOf((done) => channel.stat('/etc/passwd', done))).toBe(
      STATUS_CODE.NO_SUCH_FILE,
    );
    expect(await statusOf((done) => channel.readdir('/../neighbour', done))).toBe(
      STATUS_CODE.NO_SUCH_FILE,
    );
    expect(await statusOf((done) => channel.stat(`/..${base}/neighbour`, done))).toBe(
      STATUS_CODE.NO_SUCH_FILE,
    );
    await client.delete('/escape.txt');
  });

  it('refuses to follow symlinks that lead outside', async () => {
    const root = sftp.accountDir('shop');
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(outside, join(root, 'out-dir'));
    await symlink(join(outside, 'secret.txt'), join(root, 'out-file'));
    await symlink(join(outside, 'created-through-link.txt'), join(root, 'dangling'));
    await symlink(sftp.accountDir('neighbour'), join(root, 'neighbour'));
    const client = await connect();
    const channel = rawChannel(client);
    const denied = STATUS_CODE.PERMISSION_DENIED;
    expect(await statusOf((done) => channel.readdir('/out-dir', done))).toBe(denied);
    expect(await statusOf((done) => channel.readdir('/neighbour', done))).toBe(denied);
    expect(await statusOf((done) => channel.stat('/out-dir/secret.txt', done))).toBe(denied);
    expect(await statusOf((done) => channel.open('/out-file', 'r', done))).toBe(denied);
    expect(await statusOf((done) => channel.open('/out-dir/new.txt', 'w', done))).toBe(denied);
    expect(await statusOf((done) => channel.open('/dangling', 'w', done))).toBe(denied);
    expect(await statusOf((done) => channel.rename('/out-dir/secret.txt', '/mine', done))).toBe(
      denied,
    );
    expect(existsSync(join(outside, 'new.txt'))).toBe(false);
    expect(existsSync(join(outside, 'created-through-link.txt'))).toBe(false);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    // The links themselves are the account's own: it may see and remove them.
    expect(await client.exists('/out-dir')).toBe('l');
    for (const link of ['out-dir', 'out-file', 'dangling', 'neighbour'])
      await client.delete(`/${link}`);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });
});

describe('SFTP faults', () => {
  it('drops the connection mid-upload, leaving a partial .part, for the next session only', async () => {
    sftp.setFaults({ disconnectAfterBytes: 100_000, times: 1 });
    const dropped = await connect();
    await expect(dropped.put(Buffer.alloc(300_000, 1), '/upload.xml.part')).rejects.toThrow();
    const next = await connect();
    expect((await next.stat('/upload.xml.part')).size).toBe(100_000);
    await next.put(Buffer.alloc(300_000, 1), '/upload.xml.part');
    expect((await next.stat('/upload.xml.part')).size).toBe(300_000);
    await next.delete('/upload.xml.part');
  });

  it('refuses opening files for writing with PERMISSION_DENIED, reading still works', async () => {
    const setup = await connect();
    await setup.put(Buffer.from('readable'), '/r.txt');
    sftp.setFaults({ permissionDenied: true, times: 1 });
    const client = await connect();
    expect(await statusOf((done) => rawChannel(client).open('/w.txt', 'w', done))).toBe(
      STATUS_CODE.PERMISSION_DENIED,
    );
    await expect(client.put(Buffer.from('x'), '/w.txt')).rejects.toThrow(/denied/i);
    expect(((await client.get('/r.txt')) as Buffer).toString()).toBe('readable');
    expect(await client.exists('/w.txt')).toBe(false);
    const after = await connect();
    await after.put(Buffer.from('x'), '/w.txt');
    await after.delete('/w.txt');
    await after.delete('/r.txt');
  });

  it('throttles writes to slowBytesPerSecond', async () => {
    const bytes = Buffer.alloc(128 * 1024, 2);
    const fast = await connect();
    let started = performance.now();
    await fast.put(bytes, '/fast.bin');
    const fastMs = performance.now() - started;
    sftp.setFaults({ slowBytesPerSecond: 64 * 1024 });
    const slow = await connect();
    started = performance.now();
    await slow.put(bytes, '/slow.bin');
    const slowMs = performance.now() - started;
    // 128 KiB at 64 KiB/s cannot be acknowledged in less than 2 s.
    expect(slowMs).toBeGreaterThanOrEqual(1_900);
    expect(slowMs).toBeGreaterThan(fastMs);
    await slow.delete('/fast.bin');
    await slow.delete('/slow.bin');
  });
});
