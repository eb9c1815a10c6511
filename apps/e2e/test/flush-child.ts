// A process that flushes the DataTransfer outbox of a SQLite store to an SFTP server, for the
// crash test: the parent kills it at random moments and starts it again.
import { createDataTransferOutbox, sftpTransport } from '@pickpost/core/datatransfer';
import { createSqliteStateStore } from '@pickpost/store-sqlite';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  storeFile: string;
  workDir: string;
  host: string;
  port: number;
  username: string;
  password: string;
  hostKeySha256: string;
  sender: { name1: string; street: string; zip: string; city: string };
  leaseMs: number;
  maxPerFile: number;
};

const store = createSqliteStateStore({ filename: options.storeFile });
const outbox = createDataTransferOutbox({
  store,
  frankingLicense: '60013217',
  sender: options.sender,
  workDir: options.workDir,
  leaseMs: options.leaseMs,
  pageSize: 20,
});
try {
  await outbox.flush({
    transport: sftpTransport({
      host: options.host,
      port: options.port,
      username: options.username,
      password: options.password,
      hostKeySha256: options.hostKeySha256,
    }),
    maxPerFile: options.maxPerFile,
  });
} finally {
  await store.close();
}
