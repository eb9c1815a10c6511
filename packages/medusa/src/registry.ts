import type { PickPost } from '@pickpost/core';
import type { ParsedOptions } from './options';

/** The PickPost instance a provider made, and its options, for the plugin's routes and job. */
export interface RegisteredPickPost {
  pickpost: PickPost;
  options: ParsedOptions;
}

// On globalThis, not in a module variable: Medusa may load the provider through one module
// system (its dynamic import) and the routes through another, which gives two copies of this file.
const KEY = Symbol.for('@pickpost/medusa.instances');
type Registry = Map<string, RegisteredPickPost>;
const registry = (): Registry => {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= new Map();
  return holder[KEY];
};

/** Records the instance of a provider (`identifier` of its options entry, `pickpost` by default). */
export function registerPickPost(name: string, entry: RegisteredPickPost): void {
  registry().set(name, entry);
}

/** The instance of the provider registered as `name`, or `undefined` while none is loaded. */
export function findPickPost(name = 'pickpost'): RegisteredPickPost | undefined {
  return registry().get(name);
}

/**
 * The PickPost instance of the provider registered as `name`, for custom routes and jobs. Throws
 * when the fulfillment module has not loaded the provider (it is missing from `medusa-config.ts`).
 *
 * @example
 * const { pickpost } = pickPostOf();
 * const { stream } = await pickpost.bulkLabels(identcodes);
 */
export function pickPostOf(name = 'pickpost'): RegisteredPickPost {
  const entry = findPickPost(name);
  if (entry === undefined) {
    throw new Error(
      `PickPost: no provider "${name}" is loaded: add @pickpost/medusa to the fulfillment module's providers in medusa-config.ts`,
    );
  }
  return entry;
}
