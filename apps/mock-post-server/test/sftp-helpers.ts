import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import type { SFTPWrapper } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { MockSftpServer } from '../src/sftp/sftp-server';

export type Login = { password: string } | { privateKey: string } | Record<string, never>;

/**
 * Connects ssh2-sftp-client to the mock. The TCP socket is opened here with Nagle's algorithm
 * off: ssh2's client leaves it on, and on loopback every SFTP round trip then waits for a
 * delayed ACK (~40 ms), which turns a 1 MB upload from milliseconds into seconds.
 */
export async function connectSftp(
  server: MockSftpServer,
  username: string,
  login: Login,
  extra: Record<string, unknown> = {},
): Promise<SftpClient> {
  const sock = connectTcp(server.port, server.host);
  sock.setNoDelay(true);
  await once(sock, 'connect');
  // The default callbacks print every connection close; the tests close many on purpose.
  const quiet = () => {};
  const client = new SftpClient('test', { error: quiet, end: quiet, close: quiet });
  try {
    await client.connect({ sock, username, ...login, readyTimeout: 10_000, ...extra } as never);
  } catch (error) {
    sock.destroy();
    throw error;
  }
  return client;
}

/** The raw ssh2 channel behind a client, to see the exact SFTP status codes. */
export const rawChannel = (client: SftpClient) => (client as unknown as { sftp: SFTPWrapper }).sftp;

/** The SFTP status code an ssh2 callback operation ends with (undefined: success). */
export function statusOf(
  run: (callback: (error: any) => void) => void,
): Promise<number | undefined> {
  return new Promise((resolve) => run((error) => resolve(error?.code)));
}
