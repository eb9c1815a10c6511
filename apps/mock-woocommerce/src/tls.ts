// A self-signed certificate for the HTTPS listener, made at start with node:crypto alone: an
// X.509 v3 certificate (RFC 5280) for 127.0.0.1 and localhost, ECDSA P-256 with SHA-256.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const der = (tag: number, content: Buffer): Buffer => {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else if (length < 0x100) header = Buffer.from([tag, 0x81, length]);
  else header = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
};
const sequence = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const value of rest) {
    const chunk = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function integer(value: Buffer): Buffer {
  // DER wants the shortest form: no leading zero bytes (a random serial may start with some,
  // which OpenSSL refuses as "illegal padding"), then a zero byte when the top bit is set, so
  // that the INTEGER stays positive.
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start += 1;
  const digits = value.subarray(start);
  return der(0x02, (digits[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

/** UTCTime, `YYMMDDHHMMSSZ`. */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

const name = (commonName: string) =>
  sequence(set(sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName)))));

export interface SelfSignedCertificate {
  /** PEM: give it to a client as its trusted CA. */
  cert: string;
  key: string;
}

/**
 * A fresh key pair and a certificate valid from an hour ago for a year, for `127.0.0.1`,
 * `::1` and `localhost`.
 *
 * @example
 * const { cert, key } = createSelfSignedCertificate();
 * https.createServer({ cert, key });
 */
export function createSelfSignedCertificate(): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const subjectAltName = sequence(
    oid('2.5.29.17'),
    der(
      0x04,
      sequence(
        der(0x87, Buffer.from([127, 0, 0, 1])),
        der(0x87, Buffer.concat([Buffer.alloc(15), Buffer.from([1])])),
        der(0x82, Buffer.from('localhost')),
      ),
    ),
  );
  // CA:TRUE, critical: the certificate is its own trust anchor.
  const basicConstraints = sequence(
    oid('2.5.29.19'),
    der(0x01, Buffer.from([0xff])),
    der(0x04, sequence(der(0x01, Buffer.from([0xff])))),
  );
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))),
    integer(randomBytes(8)),
    ecdsaWithSha256,
    name('mock-woocommerce'),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name('mock-woocommerce'),
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, sequence(subjectAltName, basicConstraints)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(
    tbs,
    ecdsaWithSha256,
    der(0x03, Buffer.concat([Buffer.from([0]), signature])),
  );
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
