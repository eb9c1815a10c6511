import { createHmac } from 'node:crypto';

/**
 * Keys derived from a PickPost instance's selection secret, for the parts of core that sign
 * something of their own for it (the checkout handler's anonymous session cookie). The instance
 * itself holds no secret: the keys live here, out of reach of its public surface, so logging or
 * serialising a PickPost instance shows none.
 */
const keys = new WeakMap<object, { sessionKey: Buffer }>();

/** Registers the keys of a new instance (called by `createPickPost`). */
export function registerInstanceKeys(instance: object, selectionSecret: string): void {
  keys.set(instance, {
    sessionKey: createHmac('sha256', selectionSecret).update('pickpost-session-cookie').digest(),
  });
}

/**
 * The session-cookie key of an instance made by this copy of core's `createPickPost`.
 *
 * @example
 * const key = sessionKeyOf(pickpost);
 */
export function sessionKeyOf(instance: object): Buffer {
  const found = keys.get(instance);
  if (found === undefined) {
    throw new TypeError(
      'not a PickPost instance made by createPickPost of this copy of @pickpost/core (two copies installed?)',
    );
  }
  return found.sessionKey;
}
