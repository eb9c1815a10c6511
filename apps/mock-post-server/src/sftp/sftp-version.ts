import type { SFTPWrapper } from 'ssh2';

const SSH_FXP_VERSION = 2;

/** The parts of ssh2's SFTP channel this module reaches into (not in its public types). */
interface ChannelInternals {
  outgoing: { id: number; window: number };
  _protocol: { channelData(id: number, data: Buffer): void };
}

function versionPacket(extensions: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [Buffer.from([SSH_FXP_VERSION, 0, 0, 0, 3])];
  for (const [name, data] of Object.entries(extensions)) {
    for (const text of [name, data]) {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/**
 * Makes the server's SFTP VERSION packet announce `extensions` (name → version string).
 *
 * ssh2's server answers INIT with a fixed VERSION that lists no extension, and ssh2's client
 * (so ssh2-sftp-client's `posixRename`) refuses to send `posix-rename@openssh.com` to a server
 * that did not announce it, although OpenSSH servers, like Swiss Post's, do. ssh2 has no option
 * for this, so the first packet the channel sends, which is that VERSION, is swapped for one
 * with the extensions; the channel's send window is charged for the extra bytes.
 *
 * @example
 * session.on('sftp', (accept) => {
 *   const sftp = accept();
 *   announceExtensions(sftp, { 'posix-rename@openssh.com': '1' });
 * });
 */
export function announceExtensions(
  sftp: SFTPWrapper,
  extensions: Readonly<Record<string, string>>,
): void {
  const channel = sftp as unknown as ChannelInternals;
  const protocol = channel._protocol;
  const send = protocol.channelData;
  const replacement = versionPacket(extensions);
  let pending = true;
  protocol.channelData = function channelData(this: unknown, id: number, data: Buffer) {
    if (pending && id === channel.outgoing.id) {
      pending = false;
      if (data.length === 9 && data[4] === SSH_FXP_VERSION) {
        channel.outgoing.window -= replacement.length - data.length;
        send.call(protocol, id, replacement);
        return;
      }
    }
    send.call(protocol, id, data);
  };
}
