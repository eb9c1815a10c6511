import { sha256OfStream } from '../digests';
import { PickPostError } from '../errors/index';
import { partName, sidecarName } from './file-name';
import type { SftpEndpointOptions } from './sftp-connect';
import { sftpEndpoint } from './sftp-connect';
import type { DataTransferTransport, TransportSession } from './transport';

export { HostKeyMismatchError } from './sftp-connect';

/** The SFTP server DataTransfer files go to, and the login Swiss Post issued for it. */
export interface SftpTransportOptions extends SftpEndpointOptions {
  /** Directory on the server files go into. */
  remoteDir?: string;
  /**
   * SHA-256 of the server's host key: `SHA256:…` as `ssh-keygen -lf` prints it, or 64 hex
   * digits. Required: shipment data goes only to the server the shop pinned.
   */
  hostKeySha256: string;
}

export const joinRemote = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;

/**
 * Delivers files to an SFTP server (Swiss Post's File Delivery Services, for one): each file is
 * uploaded under a temporary name, its size checked and its content read back and hashed, the
 * checksum sidecar placed, and the file renamed into place. A server whose host key does not
 * match `hostKeySha256` is refused before anything is sent.
 *
 * @example
 * const transport = sftpTransport({
 *   host: 'sftp.example.post.ch', username: 'shop', privateKey: await readFile('id_ed25519'),
 *   remoteDir: '/in', hostKeySha256: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
 * });
 */
export function sftpTransport(options: SftpTransportOptions): DataTransferTransport {
  const remoteDir = options.remoteDir ?? '/';
  const { description, failed, connect } = sftpEndpoint(options, remoteDir);

  return {
    description,
    async open(): Promise<TransportSession> {
      const client = await connect();

      const remote = (name: string) => joinRemote(remoteDir, name);
      const sha256Remote = (path: string) =>
        sha256OfStream(client.createReadStream(path) as AsyncIterable<Uint8Array>);

      return {
        async putPart(localPath, fileName, expectedFile) {
          const target = remote(partName(fileName));
          try {
            await client.fastPut(localPath, target);
          } catch (error) {
            throw failed(`upload of ${fileName}`, error);
          }
          let verified = false;
          try {
            const stats = await client.stat(target);
            verified =
              stats.size === expectedFile.size &&
              (await sha256Remote(target)) === expectedFile.sha256;
          } catch (error) {
            throw failed(`verification of ${fileName}`, error);
          }
          if (!verified) {
            await client.delete(target, true).catch(() => undefined);
            throw new PickPostError(
              'DATATRANSFER_FAILED',
              `${fileName} arrived damaged on ${description}: size or checksum differs`,
            );
          }
        },
        async putSidecar(fileName, content, name = sidecarName(fileName)) {
          const temporary = remote(`${name}.part`);
          try {
            await client.put(Buffer.from(content, 'utf8'), temporary);
            // A repeat after a crash may find the sidecar already there; SFTP rename does not replace.
            await client.delete(remote(name), true);
            await client.rename(temporary, remote(name));
          } catch (error) {
            throw failed(`upload of ${name}`, error);
          }
        },
        async commit(fileName) {
          try {
            await client.rename(remote(partName(fileName)), remote(fileName));
          } catch (error) {
            throw failed(`rename of ${partName(fileName)}`, error);
          }
        },
        async hasPart(fileName) {
          try {
            return (await client.exists(remote(partName(fileName)))) !== false;
          } catch (error) {
            throw failed(`lookup of ${partName(fileName)}`, error);
          }
        },
        async hasSidecar(fileName, name = sidecarName(fileName)) {
          try {
            return (await client.exists(remote(name))) !== false;
          } catch (error) {
            throw failed(`lookup of ${name}`, error);
          }
        },
        async removePart(fileName) {
          await client.delete(remote(partName(fileName)), true).catch((error: unknown) => {
            throw failed(`removal of ${partName(fileName)}`, error);
          });
        },
        async close() {
          await client.end().catch(() => undefined);
        },
      };
    },
  };
}
