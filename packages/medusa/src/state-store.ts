import type { StateStore } from '@pickpost/core';
import { createMemoryStateStore } from '@pickpost/core';
import { createPostgresStateStore } from '@pickpost/store-postgres';
import type { StoreOption } from './options';

/** Medusa's database: the provider's `store.connectionString`, else `DATABASE_URL`. */
function medusaDatabaseUrl(option: { connectionString?: string }): string {
  const url = option.connectionString ?? process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'PickPost: store: no database to keep item numbers in; set DATABASE_URL (Medusa’s own) or store.connectionString',
    );
  }
  return url;
}

/**
 * The provider's durable state: by default Postgres in Medusa's own database, in its own
 * schema (`pickpost`, migrated at boot by the provider), so that every Medusa instance shares item numbers
 * and idempotency records.
 */
export function openStateStore(option: StoreOption): StateStore {
  if ('type' in option && option.type === 'memory') return createMemoryStateStore();
  if ('type' in option && option.type === 'postgres') {
    return createPostgresStateStore({
      connectionString: medusaDatabaseUrl(option),
      ...(option.schema === undefined ? {} : { schema: option.schema }),
    });
  }
  return option as StateStore;
}
