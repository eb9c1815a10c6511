import { describe, expect, it } from 'vitest';
import { recommendVariant as recommend } from './recommend';

describe('recommendVariant', () => {
  it('follows Swiss Post advice', () => {
    const base = {
      canUseWebServices: true,
      generatesOwnBarcodes: false,
      canDeliverDataTransfer: false,
    };
    expect(recommend({ ...base, parcelsPerMonth: 50 }).variant).toBe(1);
    expect(
      recommend({
        ...base,
        parcelsPerMonth: 20_000,
        generatesOwnBarcodes: true,
        canDeliverDataTransfer: true,
      }).variant,
    ).toBe(2);
    expect(
      recommend({
        ...base,
        parcelsPerMonth: 40,
        generatesOwnBarcodes: true,
        wantsCustomerDataLinkage: false,
      }).variant,
    ).toBe(3);
    expect(recommend({ ...base, canUseWebServices: false, parcelsPerMonth: 40 }).variant).toBe(
      '4a',
    );
    const fourB = recommend({
      ...base,
      canUseWebServices: false,
      parcelsPerMonth: 40,
      generatesOwnBarcodes: true,
      canDeliverDataTransfer: true,
    });
    expect(fourB.variant).toBe('4b');
    expect(fourB.reasons.join(' ')).toMatch(/delayed/);
  });
});
