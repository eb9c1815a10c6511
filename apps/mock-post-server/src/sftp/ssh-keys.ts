import ssh2 from 'ssh2';

const { utils } = ssh2;

/**
 * An Ed25519 key pair in OpenSSH format that ssh2 itself can read back.
 *
 * ssh2 1.x's `generateKeyPairSync('ed25519')` drops a leading zero byte of the public key about
 * once in 200 calls (the key blob then holds 31 bytes, `AAAAH…` instead of `AAAAI…`), and its own
 * `parseKey` refuses that key as malformed. Such a pair is thrown away and another generated, so
 * a test or a server start never fails on a one-in-200 key.
 *
 * @example
 * const { public: publicKey, private: privateKey } = generateSshKeyPair();
 */
export function generateSshKeyPair(): { public: string; private: string } {
  for (let attempt = 1; ; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519');
    const readable =
      !(utils.parseKey(pair.public) instanceof Error) &&
      !(utils.parseKey(pair.private) instanceof Error);
    if (readable) return pair;
    if (attempt === 20) throw new Error('ssh2 generated 20 unreadable Ed25519 keys in a row');
  }
}
