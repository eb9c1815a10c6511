import type { PickPost } from '@pickpost/core';
import { createPickPost, isConfigError } from '@pickpost/core';
import { loadCliConfig, openStore } from './config-file';
import { errorText } from './output/error-text';

/**
 * Runs `use` with a PickPost instance from a configuration file and closes its store after.
 * Only here are the file's secret values known, so a failure leaves with its message redacted
 * with them; configuration errors pass unchanged, they list settings, never values.
 *
 * @example
 * await withPickPost('pickpost.json', (pickpost) => pickpost.flushDataTransfer());
 */
export async function withPickPost<T>(
  configPath: string,
  use: (pickpost: PickPost) => Promise<T>,
): Promise<T> {
  const { config, store: storeConfig, secrets } = await loadCliConfig(configPath);
  try {
    const store = await openStore(storeConfig);
    try {
      return await use(createPickPost(config, { store }));
    } finally {
      await store.close();
    }
  } catch (error) {
    if (isConfigError(error)) throw error;
    // No `cause`: the original message may hold the very secret redacted here.
    throw new Error(errorText(error, secrets));
  }
}
