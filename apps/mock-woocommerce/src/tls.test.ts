import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './tls';

describe('the self-signed certificate', () => {
  it('is valid DER whatever its random serial (1 in 512 started with a padding byte)', () => {
    // 3,000 certificates: with the old encoding a run this long met a refused serial with a
    // probability of about 99.7 %.
    for (let count = 0; count < 3_000; count += 1) {
      const { cert } = createSelfSignedCertificate();
      const parsed = new X509Certificate(cert);
      expect(parsed.serialNumber).not.toMatch(/^00/);
      expect(parsed.checkIP('127.0.0.1')).toBe('127.0.0.1');
    }
  });
});
