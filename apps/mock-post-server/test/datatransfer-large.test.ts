import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import { dataTransferFile, LICENCE, sidecarFor, testItem } from './datatransfer-files';
import { connectSftp } from './sftp-helpers';

let post: MockPostServer;
let client: SftpClient;

beforeAll(async () => {
  post = await createMockPostServer({
    sftp: { accounts: [{ username: 'shop', password: 'shop-pass', frankingLicenses: [LICENCE] }] },
  });
  client = await connectSftp(post.sftp!, 'shop', { password: 'shop-pass' });
});
afterAll(async () => {
  await client.end();
  await post.close();
});

describe('DataTransfer ingestion at scale', () => {
  it('ingests a 100,000-item file while the SFTP session keeps answering', async () => {
    const count = 100_000;
    const items = Array.from({ length: count }, (_, index) =>
      testItem(index + 1, index % 1000 === 999 ? { weight: 100_000 } : {}),
    );
    const file = dataTransferFile({ items });
    // The bytes are placed on disk directly (uploading 60 MB is not what is tested here); the
    // commit that triggers ingestion is the client's rename, as in a real delivery.
    const root = post.sftp!.accountDir('shop');
    await writeFile(join(root, `${file.fileName}.part`), file.bytes);
    await writeFile(join(root, `${file.fileName}.sha256`), sidecarFor(file.fileName, file.bytes));
    const started = performance.now();
    await client.posixRename(`/${file.fileName}.part`, `/${file.fileName}`);

    let done = false;
    const settled = post.sftp!.settled().then(() => {
      done = true;
    });
    let slowest = 0;
    let answered = 0;
    while (!done) {
      const asked = performance.now();
      await client.stat('/');
      slowest = Math.max(slowest, performance.now() - asked);
      answered += 1;
    }
    await settled;
    const elapsed = performance.now() - started;

    const record = post.state.dataTransferFiles.at(-1)!;
    expect(record).toMatchObject({ status: 'processed', itemCount: count, accepted: count - 100 });
    expect(record.rejected).toHaveLength(100);
    expect(post.state.shipments).toHaveLength(count - 100);
    // Had ingestion blocked the event loop, one request would have waited for most of it.
    expect(answered).toBeGreaterThanOrEqual(10);
    expect(slowest).toBeLessThan(elapsed / 3);
  }, 120_000);
});
