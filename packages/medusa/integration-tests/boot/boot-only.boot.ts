import { expect, it, jest } from '@jest/globals';
import { describeShop } from '../shop';

// Run by boot-error.spec.ts in a child Jest with the provider options it is given: Medusa's
// runner boots the application in its beforeAll, so a bad option fails this file there.
jest.setTimeout(120_000);

describeShop(({ shop }) => {
  it('boots', () => {
    expect(shop().regionId).toBeDefined();
  });
});
