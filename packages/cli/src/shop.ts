import type { PickPost } from '@pickpost/core';
import { createPickPost } from '@pickpost/core';
import { loadCliConfig, openStore } from './config-file';

/** A PickPost instance from a configuration file, with its store; close it when done. */
export async function openPickPost(
  configPath: string,
): Promise<{ pickpost: PickPost; secrets: string[]; close: () => Promise<void> }> {
  const { config, store: storeConfig, secrets } = await loadCliConfig(configPath);
  const store = await openStore(storeConfig);
  try {
    return { pickpost: createPickPost(config, { store }), secrets, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
