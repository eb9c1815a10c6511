import { PickPostError, PickPostValidationError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { StateStore } from '../ports/state-store';
import type { PickupPointSearchHit } from '../post/location-mapping';
import { registrationBody } from '../post/pickpost';
import type { PostClient } from '../post/post-client';
import type { PickPostCustomer } from '../schemas/customer';
import { PickPostCustomerSchema, PickPostIdSchema } from '../schemas/customer';
import type { IntegrationConfig } from '../schemas/integration-config';
import { ParcelSchema } from '../schemas/parcel';
import type { PickupPoint, PickupPointKind } from '../schemas/pickup-point';
import { PickupPointKindSchema } from '../schemas/pickup-point';
import { validate } from '../schemas/validate';
import type { VariantPlan } from '../schemas/variants';
import { createTtlCache } from '../ttl-cache';
import type { createOperationRunner } from './idempotency';
import type { PickPostCheckout, PointSelection } from './pickpost';
import { signSelection, verifySelection } from './selection';
import { unsuitableBecause } from './suitability';

/** What the checkout needs of the instance it belongs to. */
export interface CheckoutDependencies {
  config: IntegrationConfig;
  plan: VariantPlan;
  post: PostClient;
  store: StateStore;
  runner: ReturnType<typeof createOperationRunner>;
  clock: Clock;
  pointsCacheTtlMs?: number | undefined;
}

export type Language = 'de' | 'fr' | 'it' | 'en';

/** A store key part: order and customer references may hold any character. */
export const keyPart = (value: string | number) => encodeURIComponent(String(value));

/** The error for an operation the configured variant does not include. */
export function notInVariant(variant: IntegrationConfig['variant'], what: string, why: string) {
  return new PickPostError('NOT_IN_VARIANT', `${what} is not part of variant ${variant}: ${why}`);
}

/** The language asked for when it is one Swiss Post answers in, the shop's otherwise. */
export function languageOf(config: IntegrationConfig, lang?: string): Language {
  return lang === 'fr' || lang === 'it' || lang === 'en' || lang === 'de' ? lang : config.language;
}

function requiredText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

type FindCustomer = (customerRef: string) => Promise<PickPostCustomer | undefined>;

/** A remembered PickPost customer; one of an anonymous checkout session expires with it. */
interface StoredCustomer extends PickPostCustomer {
  expiresAt?: number;
}

/**
 * How long the PickPost ID of an anonymous checkout session (`session:…`) is remembered: as long
 * as a selection made in it stays valid. A logged-in shop customer's is kept.
 */
function expiryOf(deps: CheckoutDependencies, customerRef: string): number | undefined {
  if (!customerRef.startsWith('session:')) return undefined;
  return deps.clock.now() + deps.config.selectionTtlDays * 24 * 3600 * 1000;
}

/** Stores the customer for `customerRef`, replacing an expired one; returns what is stored. */
async function rememberCustomer(
  deps: CheckoutDependencies,
  customerRef: string,
  customer: PickPostCustomer,
): Promise<PickPostCustomer> {
  const expiresAt = expiryOf(deps, customerRef);
  const value = JSON.stringify({ ...customer, ...(expiresAt === undefined ? {} : { expiresAt }) });
  for (;;) {
    const stored = await deps.store.putIfAbsent(customerKey(customerRef), value);
    const existing = JSON.parse(stored.value) as StoredCustomer;
    if (stored.created || existing.expiresAt === undefined || existing.expiresAt > deps.clock.now())
      return PickPostCustomerSchema.parse(existing);
    if (
      (await deps.store.compareAndSet(customerKey(customerRef), stored.version, value)) !==
      undefined
    )
      return customer;
  }
}

/** Both kinds, sorted as a search's cache key lists them (most searches name no kind). */
const ALL_POINT_KINDS: readonly PickupPointKind[] = [...PickupPointKindSchema.options].sort();

const customerKey = (customerRef: string) => `pickpost:customer:${keyPart(customerRef)}`;

/** The PickPost ID a selection carries: given, or remembered; refused outside variants 1–3. */
async function selectionPickpostId(
  deps: CheckoutDependencies,
  findCustomer: FindCustomer,
  input: { pickpostId?: string | undefined; customerRef: string },
): Promise<string | undefined> {
  const { config, plan } = deps;
  if (!plan.pickpostWebService) {
    if (input.pickpostId === undefined) return undefined;
    throw notInVariant(
      config.variant,
      'A PickPost ID',
      'variant 4 addresses parcels to the point without a PickPost customer number',
    );
  }
  const pickpostId =
    input.pickpostId === undefined
      ? (await findCustomer(input.customerRef))?.pickpostId
      : validate(PickPostIdSchema, input.pickpostId, 'PickPost ID');
  if (pickpostId === undefined) {
    throw new PickPostValidationError('selection', [
      {
        path: 'pickpostId',
        message: `is required in variant ${config.variant}: ask for the customer's PickPost ID or register them`,
        code: 'required',
      },
    ]);
  }
  return pickpostId;
}

/** See {@link PickPostCheckout.registerCustomer}. */
async function registerCustomer(
  deps: CheckoutDependencies,
  findCustomer: FindCustomer,
  person: Parameters<PickPostCheckout['registerCustomer']>[0],
  options: Parameters<PickPostCheckout['registerCustomer']>[1],
): Promise<PickPostCustomer> {
  const { config, plan, post, runner } = deps;
  if (!plan.pickpostWebService) {
    throw notInVariant(
      config.variant,
      'Registering a PickPost customer',
      'variant 4 works without the PickPost web service, and its labels carry no PickPost ID',
    );
  }
  if (!requiredText(options?.customerRef)) {
    throw new PickPostValidationError('customer', [
      {
        path: 'customerRef',
        message: 'is required: the shop customer to remember the PickPost ID for',
        code: 'required',
      },
    ]);
  }
  const registration = {
    service: options.service ?? 'pickpost',
    language: languageOf(config, options.lang),
    ...(options.gender === undefined ? {} : { gender: options.gender }),
  } as const;
  // Checked before anything is stored or sent: invalid input leaves no record behind.
  registrationBody(person, registration);
  const known = await findCustomer(options.customerRef);
  if (known !== undefined) return known;
  const key = `pickpost:op:register:${keyPart(options.customerRef)}`;
  const customer = await runner.run(key, {}, async () => {
    const registered = await post.pickpost.registerUser(person, registration);
    return rememberCustomer(deps, options.customerRef, registered);
  });
  // The customer record is what lasts; the operation only kept concurrent calls to one.
  await runner.forget(key);
  return customer;
}

/** See {@link PickPostCheckout.selectPoint}. */
async function selectPoint(
  deps: CheckoutDependencies,
  findCustomer: FindCustomer,
  input: Parameters<PickPostCheckout['selectPoint']>[0],
): Promise<PointSelection> {
  const { config, post, clock } = deps;
  const issues = [];
  if (!requiredText(input?.customerRef)) {
    issues.push({ path: 'customerRef', message: 'is required', code: 'required' });
  }
  if (!requiredText(input?.pointId)) {
    issues.push({ path: 'pointId', message: 'is required', code: 'required' });
  }
  if (issues.length > 0) throw new PickPostValidationError('selection', issues);
  const pickpostId = await selectionPickpostId(deps, findCustomer, input);
  const point = await post.locations.get(input.pointId, {
    lang: languageOf(config, input.lang),
  });
  if (point === undefined) {
    throw new PickPostError(
      'NOT_FOUND',
      `Swiss Post does not know the pick-up point ${input.pointId} (any more): ask the customer to choose again`,
    );
  }
  const parcel =
    input.parcel === undefined ? undefined : validate(ParcelSchema, input.parcel, 'parcel');
  const unsuitable = unsuitableBecause(point, parcel);
  if (unsuitable !== undefined) {
    throw new PickPostValidationError('selection', [
      {
        path: 'pointId',
        message: `cannot take this parcel: ${unsuitable}`,
        code: 'unsuitable_point',
      },
    ]);
  }
  const now = Math.floor(clock.now() / 1000);
  const expiresAt = now + config.selectionTtlDays * 24 * 3600;
  const selection = signSelection(
    {
      v: 1,
      customerRef: input.customerRef,
      variant: config.variant,
      point,
      ...(pickpostId === undefined ? {} : { pickpostId }),
      iat: now,
      exp: expiresAt,
    },
    config.selectionSecret,
  );
  return { selection, point, pickpostId, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/**
 * The checkout side of an instance: point search (cached), PickPost registration (remembered per
 * shop customer, never twice) and the signed selection.
 */
export function createCheckout(deps: CheckoutDependencies): PickPostCheckout {
  const { config, post, store, clock } = deps;
  const pointsCache = createTtlCache<PickupPointSearchHit[]>({
    ttlMs: deps.pointsCacheTtlMs ?? 10 * 60 * 1000,
    maxEntries: 5_000,
    clock,
  });
  const pointCache = createTtlCache<PickupPoint | undefined>({
    ttlMs: 60 * 60 * 1000,
    maxEntries: 10_000,
    clock,
  });

  async function findCustomer(customerRef: string): Promise<PickPostCustomer | undefined> {
    const stored = await store.get(customerKey(customerRef));
    if (stored === undefined) return undefined;
    const customer = JSON.parse(stored.value) as StoredCustomer;
    if (customer.expiresAt !== undefined && customer.expiresAt <= clock.now()) {
      await store.delete(customerKey(customerRef), stored.version);
      return undefined;
    }
    return PickPostCustomerSchema.parse(customer);
  }

  return {
    async findPoints(query) {
      const kinds = query.kinds === undefined ? ALL_POINT_KINDS : [...new Set(query.kinds)].sort();
      const where =
        query.zip !== undefined
          ? `zip:${query.zip.trim()}`
          : query.town !== undefined
            ? `town:${query.town.trim().toLowerCase().normalize('NFC')}`
            : `at:${query.lat?.toFixed(3)},${query.lng?.toFixed(3)}`;
      const key = `${where}|${kinds.join(',')}|${query.limit ?? 10}|${query.lang ?? config.language}`;
      return pointsCache.get(key, () =>
        post.locations.search({ ...query, kinds, lang: query.lang ?? config.language }),
      );
    },

    async getPoint(id, options = {}) {
      const lang = languageOf(config, options.lang);
      return pointCache.get(`${lang}|${id}`, () => post.locations.get(id, { lang }));
    },

    pointsCacheStats: () => pointsCache.stats(),

    registerCustomer: (person, options) => registerCustomer(deps, findCustomer, person, options),

    findCustomer,

    selectPoint: (input) => selectPoint(deps, findCustomer, input),

    verifySelection(selection) {
      return verifySelection(selection, config.selectionSecret, clock.now());
    },
  };
}
