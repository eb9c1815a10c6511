import { describe, expect, it } from 'vitest';
import { AARAU_POINT, HANS_MUSTER, VELO_SHOP } from '../../test/fixtures';
import { PostApiError, PostNetworkError, PostTimeoutError } from '../errors/index';
import { formatIdentcode } from '../identcode/identcode';
import type { Clock } from '../ports/clock';
import { createManualClock, systemClock } from '../ports/clock';
import { createMemoryStateStore } from '../ports/memory-state-store';
import type { BarcodeLabel, GenerateAddressLabelInput } from '../post/barcode';
import type { PostClient } from '../post/post-client';
import type { IntegrationConfigInput } from '../schemas/integration-config';
import { createPickPost } from './create-pickpost';
import { signSelection } from './selection';

const LICENCE = '60013217';
const SECRET = 's'.repeat(32);
const clock = createManualClock(Date.parse('2026-12-02T09:00:00Z'));

/** One scripted answer of the fake Barcode web service, given the request and its hints. */
type Answer = (input: GenerateAddressLabelInput) => Promise<BarcodeLabel>;

/** A PostClient whose Barcode web service answers from a script, recording every request. */
function fakePost(script: Answer[]) {
  const requests: GenerateAddressLabelInput[] = [];
  const unused = () => {
    throw new Error('not used by these tests');
  };
  const post = {
    endpoints: {},
    authorise: unused,
    pickpost: { registerUser: unused },
    locations: { search: unused, get: unused },
    address: { validate: unused },
    barcode: {
      async generateAddressLabel(input: GenerateAddressLabelInput) {
        requests.push(input);
        const answer = script.shift();
        if (answer === undefined) throw new Error('the script has no more answers');
        return answer(input);
      },
      generateReturnLabel: unused,
    },
  } as unknown as PostClient;
  return { post, requests };
}

const label = (input: GenerateAddressLabelInput): BarcodeLabel => ({
  identcode: formatIdentcode({ frankingLicense: LICENCE, itemNumber: input.itemNumber ?? 0 }),
  itemId: 'x',
  itemNumber: input.itemNumber ?? 0,
  label: new TextEncoder().encode('%PDF-1.4 from Swiss Post'),
  labelFormat: 'pdf',
  warnings: [],
  recoveredDuplicate: false,
});
const taken = () =>
  new PostApiError({ status: 200, postCode: 'E2016', postMessage: 'item number not unique' });
const down = () => new PostNetworkError({ method: 'POST', url: 'https://post.test/barcode' });

function shop(
  variant: 1 | '4a',
  script: Answer[],
  config: Partial<IntegrationConfigInput> = {},
  store = createMemoryStateStore({ clock }),
  dependencies: { operationLeaseMs?: number; clock?: Clock } = {},
) {
  const { post, requests } = fakePost(script);
  const pickpost = createPickPost(
    {
      variant,
      frankingLicense: LICENCE,
      sender: VELO_SHOP,
      selectionSecret: SECRET,
      post: { clientId: 'shop', clientSecret: 'secret-value' },
      itemNumbers: { from: 100, to: 999 },
      ...config,
    },
    { store, post, clock, ...dependencies },
  );
  const now = Math.floor(clock.now() / 1000);
  const selection = signSelection(
    {
      v: 1,
      customerRef: 'c-17',
      variant,
      point: { ...AARAU_POINT, country: 'CH' },
      ...(variant === 1 ? { pickpostId: '12345678' } : {}),
      iat: now,
      exp: now + 3600,
    },
    SECRET,
  );
  const order = {
    orderRef: '1042',
    selection,
    customerRef: 'c-17',
    recipient: HANS_MUSTER,
    parcel: { weightGrams: 1200 },
  };
  return { pickpost, requests, order, store };
}

const withFallback = {
  fallback: 'self-generated' as const,
  dataTransfer: { transport: { type: 'directory' as const, dir: '/tmp/unused-by-these-tests' } },
};

describe('fulfil with the Barcode web service', () => {
  it('takes another item number when Swiss Post holds the first (E2016) and no attempt is uncertain', async () => {
    const { pickpost, requests, order } = shop(1, [
      async () => Promise.reject(taken()),
      async (i) => label(i),
    ]);
    const result = await pickpost.fulfil(order);
    expect(requests.map((request) => request.itemNumber)).toEqual([100, 101]);
    expect(requests.map((request) => request.earlierAttemptMayHaveSucceeded)).toEqual([
      false,
      false,
    ]);
    expect(result.identcode).toBe(formatIdentcode({ frankingLicense: LICENCE, itemNumber: 101 }));
    expect(result.transmission).toBe('barcode-webservice');
  });

  it('does not take another number for E2016 after an attempt that may have reached Swiss Post', async () => {
    const { pickpost, requests, order } = shop(1, [
      async (input) => {
        input.onUncertainAttempt?.();
        throw taken();
      },
    ]);
    await expect(pickpost.fulfil(order)).rejects.toMatchObject({ postCode: 'E2016' });
    expect(requests).toHaveLength(1);
  });

  it('draws the label itself, with Swiss Post’s identcode, when the answer that carried it was lost', async () => {
    const { pickpost, order } = shop(1, [
      async (input) => ({ ...label(input), label: undefined, recoveredDuplicate: true }),
    ]);
    const result = await pickpost.fulfil(order);
    expect(result.identcode).toBe(formatIdentcode({ frankingLicense: LICENCE, itemNumber: 100 }));
    expect(Buffer.from(result.label.data).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(result.label.data).toString('latin1')).not.toContain('from Swiss Post');
    expect(result.transmission).toBe('barcode-webservice');
  });

  it('retries a failed call on the same item number, telling the client an earlier attempt may have succeeded', async () => {
    const { pickpost, requests, order } = shop(1, [
      async (input) => {
        input.onUncertainAttempt?.();
        throw new PostTimeoutError({ method: 'POST', url: 'https://post.test', timeoutMs: 1 });
      },
      async (input) => label(input),
    ]);
    await expect(pickpost.fulfil(order)).rejects.toMatchObject({ name: 'PostTimeoutError' });
    const result = await pickpost.fulfil(order);
    expect(
      requests.map((request) => [request.itemNumber, request.earlierAttemptMayHaveSucceeded]),
    ).toEqual([
      [100, false],
      [100, true],
    ]);
    expect(result.itemNumber).toBe(100);
  });
});

describe('the fallback to self-generated labels', () => {
  it('makes the label here and queues the shipment for DataTransfer when Swiss Post cannot be reached', async () => {
    const { pickpost, order } = shop('4a', [async () => Promise.reject(down())], withFallback);
    const result = await pickpost.fulfil(order);
    expect(result).toMatchObject({ fallback: true, transmission: 'datatransfer', itemNumber: 100 });
    expect(await pickpost.dataTransferCounts()).toEqual({ pending: 1, claimed: 0, delivered: 0 });
  });

  it('does not fall back after an attempt that may have registered the parcel at Swiss Post', async () => {
    const { pickpost, order } = shop(
      1,
      [
        async (input) => {
          input.onUncertainAttempt?.();
          throw down();
        },
      ],
      withFallback,
    );
    await expect(pickpost.fulfil(order)).rejects.toMatchObject({ name: 'PostNetworkError' });
    expect(await pickpost.dataTransferCounts()).toEqual({ pending: 0, claimed: 0, delivered: 0 });
  });

  it('does not fall back when Swiss Post refuses the parcel itself', async () => {
    const { pickpost, order } = shop(
      1,
      [async () => Promise.reject(new PostApiError({ status: 200, postCode: 'E2001' }))],
      withFallback,
    );
    await expect(pickpost.fulfil(order)).rejects.toMatchObject({ postCode: 'E2001' });
    expect(await pickpost.dataTransferCounts()).toEqual({ pending: 0, claimed: 0, delivered: 0 });
  });
});

describe('fulfil, made here (variant 2)', () => {
  function selfGeneratedShop(
    store = createMemoryStateStore({ clock }),
    labels: IntegrationConfigInput['labels'] = undefined,
  ) {
    const pickpost = createPickPost(
      {
        variant: 2,
        ...(labels === undefined ? {} : { labels }),
        frankingLicense: LICENCE,
        sender: VELO_SHOP,
        selectionSecret: SECRET,
        post: { clientId: 'shop', clientSecret: 'secret-value' },
        dataTransfer: { transport: { type: 'directory', dir: '/tmp/unused-by-these-tests' } },
        itemNumbers: { from: 100, to: 999 },
      },
      { store, post: fakePost([]).post, clock },
    );
    const now = Math.floor(clock.now() / 1000);
    const selection = signSelection(
      {
        v: 1,
        customerRef: 'c-17',
        variant: 2,
        point: { ...AARAU_POINT, country: 'CH' },
        pickpostId: '12345678',
        iat: now,
        exp: now + 3600,
      },
      SECRET,
    );
    const order = {
      orderRef: '2001',
      selection,
      customerRef: 'c-17',
      recipient: HANS_MUSTER,
      parcel: { weightGrams: 1200 },
    };
    return { pickpost, order, store };
  }

  it('makes one parcel for concurrent calls, also from two instances on one store', async () => {
    const store = createMemoryStateStore({ clock });
    const first = selfGeneratedShop(store);
    const second = selfGeneratedShop(store);
    const results = await Promise.all([
      first.pickpost.fulfil(first.order),
      second.pickpost.fulfil(second.order),
      first.pickpost.fulfil(first.order),
    ]);
    expect(new Set(results.map((result) => result.identcode)).size).toBe(1);
    expect(await first.pickpost.dataTransferCounts()).toEqual({
      pending: 1,
      claimed: 0,
      delivered: 0,
    });
    expect((await first.pickpost.findByIdentcode(results[0]?.identcode ?? ''))?.orderRef).toBe(
      '2001',
    );
  });

  it.each([{ format: 'pdf' }, { format: 'zpl', resolution: 300 }, { format: 'svg' }] as const)(
    'stores how a $format label is drawn, not the label, and gives the same bytes again',
    async (labels) => {
      const store = createMemoryStateStore({ clock });
      const { pickpost, order } = selfGeneratedShop(store, labels);
      const made = await pickpost.fulfil(order);
      expect(made.label.format).toBe(labels.format);
      // Days later the label is drawn again from the record, with the date it was first printed.
      clock.advance(3 * 24 * 3600 * 1000);
      const again = await pickpost.fulfil(order);
      const found = await pickpost.findByIdentcode(made.identcode);
      expect(Buffer.from(again.label.data).equals(Buffer.from(made.label.data))).toBe(true);
      expect(Buffer.from(found?.label.data ?? []).equals(Buffer.from(made.label.data))).toBe(true);
      const pointer = await store.get(`pickpost:identcode:${made.identcode}`);
      const record = await store.get(pointer?.value ?? '');
      expect(record?.value).not.toContain('base64');
      expect(record?.value.length).toBeLessThan(4096);
      expect(made.label.data.byteLength).toBeGreaterThan(record?.value.length ?? 0);
    },
  );

  it('returns the parcel made earlier although the selection has expired since', async () => {
    const { pickpost, order } = selfGeneratedShop();
    const made = await pickpost.fulfil(order);
    clock.advance(2 * 3600 * 1000);
    expect((await pickpost.fulfil(order)).identcode).toBe(made.identcode);
    await expect(pickpost.fulfil({ ...order, orderRef: '2002' })).rejects.toMatchObject({
      code: 'SELECTION_EXPIRED',
    });
  });

  it('refuses the same order reference with other contents, naming what differs', async () => {
    const { pickpost, order } = selfGeneratedShop();
    await pickpost.fulfil(order);
    const changed = pickpost.fulfil({
      ...order,
      parcel: { weightGrams: 2500 },
      recipient: { ...HANS_MUSTER, firstName: 'Anna' },
    });
    await expect(changed).rejects.toMatchObject({
      name: 'IdempotencyConflictError',
      code: 'IDEMPOTENCY_CONFLICT',
      differences: ['parcel', 'recipient'],
    });
    await expect(changed).rejects.not.toThrow(/Anna|2500/);
    // Another parcel of the same order is a new parcel, not a conflict.
    expect((await pickpost.fulfil({ ...order, parcelIndex: 1 })).parcelIndex).toBe(1);
  });

  it('accepts a selection only for the customer it was made for, and only when the caller names one', async () => {
    const { pickpost, order } = selfGeneratedShop();
    const { customerRef: _none, ...anonymous } = order;
    await expect(pickpost.fulfil(anonymous)).rejects.toMatchObject({
      name: 'PickPostValidationError',
      issues: [expect.objectContaining({ path: 'customerRef', code: 'required' })],
    });
    await expect(pickpost.fulfil({ ...order, customerRef: 'c-99' })).rejects.toMatchObject({
      code: 'SELECTION_INVALID',
    });
  });

  it('verifies only the exact encoding it signs', async () => {
    const { pickpost, order } = selfGeneratedShop();
    const [body, signature] = order.selection.split('.') as [string, string];
    const standard = (text: string) =>
      Buffer.from(text, 'base64url').toString('base64').replace(/=+$/, '');
    for (const altered of [
      `${order.selection}=`,
      `${body}.${signature}==`,
      `${body}=.${signature}`,
      `${standard(body)}.${standard(signature)}`,
      `${body.slice(0, 8)}\n${body.slice(8)}.${signature}`,
      ` ${order.selection}`,
      // Standard base64 is the same text when the token happens to hold no '-' or '_'.
    ].filter((altered) => altered !== order.selection)) {
      // Only a changed spelling of the same token: the bytes it stands for are the same.
      await expect(
        pickpost.fulfil({ ...order, selection: altered }),
        altered,
      ).rejects.toMatchObject({
        code: 'SELECTION_INVALID',
      });
    }
    expect(pickpost.checkout.verifySelection(order.selection).customerRef).toBe('c-17');
  });

  it('refuses a token respelled in standard base64', async () => {
    const { pickpost, order } = selfGeneratedShop();
    const now = Math.floor(clock.now() / 1000);
    // A token whose signature holds '-' or '_', so standard base64 spells it differently.
    let token = '';
    for (let iat = now; !/[-_]/.test(token.split('.')[1] ?? ''); iat -= 1) {
      token = signSelection(
        {
          v: 1,
          customerRef: 'c-17',
          variant: 2,
          point: { ...AARAU_POINT, country: 'CH' },
          pickpostId: '12345678',
          iat,
          exp: now + 3600,
        },
        SECRET,
      );
    }
    const [body, signature] = token.split('.') as [string, string];
    const respelled = `${body}.${signature.replace(/-/g, '+').replace(/_/g, '/')}`;
    expect(pickpost.checkout.verifySelection(token).customerRef).toBe('c-17');
    await expect(pickpost.fulfil({ ...order, selection: respelled })).rejects.toMatchObject({
      code: 'SELECTION_INVALID',
    });
  });
});

describe('fulfilMany', () => {
  it('yields every order’s outcome in input order, failures included, with shared commits', async () => {
    const store = createMemoryStateStore({ clock });
    let commits = 0;
    const writeGroups = store.writeGroups.bind(store);
    store.writeGroups = (groups) => {
      commits += 1;
      return writeGroups(groups);
    };
    const pickpost = createPickPost(
      {
        variant: 3,
        frankingLicense: LICENCE,
        sender: VELO_SHOP,
        selectionSecret: SECRET,
        post: { clientId: 'shop', clientSecret: 'secret-value' },
        itemNumbers: { from: 100, to: 999 },
      },
      { store, post: fakePost([]).post, clock },
    );
    const now = Math.floor(clock.now() / 1000);
    const selection = signSelection(
      {
        v: 1,
        customerRef: 'c-17',
        variant: 3,
        point: { ...AARAU_POINT, country: 'CH' },
        pickpostId: '12345678',
        iat: now,
        exp: now + 3600,
      },
      SECRET,
    );
    const orders = Array.from({ length: 40 }, (_, index) => ({
      orderRef: `M-${index}`,
      selection,
      customerRef: 'c-17',
      recipient: HANS_MUSTER,
      // Order 7 is too heavy for any pick-up point.
      parcel: { weightGrams: index === 7 ? 31_000 : 1000 },
    }));
    const outcomes = [];
    for await (const outcome of pickpost.fulfilMany(orders, { concurrency: 8 }))
      outcomes.push(outcome);
    expect(outcomes.map((outcome) => outcome.index)).toEqual(orders.map((_, index) => index));
    expect(
      outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.input.orderRef),
    ).toEqual(['M-7']);
    const identcodes = outcomes.flatMap((outcome) =>
      outcome.ok ? [outcome.result.identcode] : [],
    );
    expect(new Set(identcodes).size).toBe(39);
    // Group commit: far fewer commits than parcels.
    expect(commits).toBeLessThan(20);
    await expect(
      (async () => {
        for await (const _ of pickpost.fulfilMany(orders, { concurrency: 0 })) break;
      })(),
    ).rejects.toThrow(/concurrency/);
  });
});

describe('cancel', () => {
  function shopOfVariant(variant: 2 | 3, store = createMemoryStateStore({ clock })) {
    const pickpost = createPickPost(
      {
        variant,
        frankingLicense: LICENCE,
        sender: VELO_SHOP,
        selectionSecret: SECRET,
        post: { clientId: 'shop', clientSecret: 'secret-value' },
        ...(variant === 2
          ? { dataTransfer: { transport: { type: 'directory' as const, dir: '/tmp/unused' } } }
          : {}),
        itemNumbers: { from: 100, to: 999 },
      },
      { store, post: fakePost([]).post, clock },
    );
    const now = Math.floor(clock.now() / 1000);
    const selection = signSelection(
      {
        v: 1,
        customerRef: 'c-17',
        variant,
        point: { ...AARAU_POINT, country: 'CH' },
        pickpostId: '12345678',
        iat: now,
        exp: now + 3600,
      },
      SECRET,
    );
    const order = (orderRef: string) => ({
      orderRef,
      selection,
      customerRef: 'c-17',
      recipient: HANS_MUSTER,
      parcel: { weightGrams: 1000 },
    });
    return { pickpost, order, store };
  }

  it('withdraws shipment data that has not left, records it, and refuses the label afterwards', async () => {
    const { pickpost, order } = shopOfVariant(2);
    const made = await pickpost.fulfil(order('C-1'));
    expect(await pickpost.dataTransferCounts()).toMatchObject({ pending: 1 });
    const cancelled = await pickpost.cancel({ orderRef: 'C-1' });
    expect(cancelled).toMatchObject({ outcome: 'withdrawn', identcode: made.identcode });
    expect(await pickpost.dataTransferCounts()).toMatchObject({ pending: 0, delivered: 0 });
    expect(await pickpost.cancel({ orderRef: 'C-1' })).toEqual(cancelled);
    await expect(pickpost.fulfil(order('C-1'))).rejects.toMatchObject({ code: 'PARCEL_CANCELLED' });
    // A new parcel of the order is a new parcel.
    expect((await pickpost.fulfil({ ...order('C-1'), parcelIndex: 1 })).identcode).not.toBe(
      made.identcode,
    );
  });

  it('says it is too late once the data was claimed for a file, and what to do', async () => {
    const { pickpost, order, store } = shopOfVariant(2);
    await pickpost.fulfil(order('C-2'));
    await store.outbox.claim({ limit: 10, leaseMs: 60_000 });
    const cancelled = await pickpost.cancel({ orderRef: 'C-2' });
    expect(cancelled.outcome).toBe('too-late');
    expect(cancelled.message).toMatch(/do not post the parcel/);
  });

  it('has nothing to withdraw in variant 3 and finds no parcel that was never made', async () => {
    const { pickpost, order } = shopOfVariant(3);
    await pickpost.fulfil(order('C-3'));
    expect((await pickpost.cancel({ orderRef: 'C-3' })).outcome).toBe('nothing-sent');
    expect((await pickpost.cancel({ orderRef: 'never' })).outcome).toBe('not-found');
    expect((await pickpost.cancel({ orderRef: 'C-3', kind: 'return' })).outcome).toBe('not-found');
  });
});

describe('the lease on a parcel being made by the Barcode web service', () => {
  it('lets a retry take over once the lease of a crashed process lapsed, with its item number', async () => {
    const store = createMemoryStateStore({ clock });
    // What a process that crashed mid-call leaves: a running record with its item number.
    await store.putIfAbsent(
      'pickpost:op:fulfil:1042:0',
      JSON.stringify({
        state: 'running',
        owner: 'crashed',
        heartbeatAt: clock.now() - 15_001,
        progress: { itemNumber: 555 },
      }),
    );
    const { pickpost, requests, order } = shop(1, [async (input) => label(input)], {}, store);
    const result = await pickpost.fulfil(order);
    expect(result.itemNumber).toBe(555);
    expect(requests.map((r) => [r.itemNumber, r.earlierAttemptMayHaveSucceeded])).toEqual([
      [555, true],
    ]);
  });

  it('keeps a slow but live call to itself: a second process waits for it instead of calling again', async () => {
    const store = createMemoryStateStore();
    const slow: Answer = (input) =>
      new Promise((resolve) => setTimeout(() => resolve(label(input)), 700));
    const first = shop(1, [slow], {}, store, { operationLeaseMs: 150, clock: systemClock });
    const second = shop(1, [async (input) => label(input)], {}, store, {
      operationLeaseMs: 150,
      clock: systemClock,
    });
    const [a, b] = await Promise.all([
      first.pickpost.fulfil(first.order),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        second.pickpost.fulfil(second.order),
      ),
    ]);
    expect(b.identcode).toBe(a.identcode);
    expect(first.requests).toHaveLength(1);
    // Four lease lengths passed during the call: the heartbeat kept the second from taking over.
    expect(second.requests).toHaveLength(0);
  });
});

describe('a parcel Swiss Post refuses', () => {
  it('leaves no operation behind, so the corrected order is a new attempt, not a conflict', async () => {
    const refused = new PostApiError({ status: 200, postCode: 'E1015', postMessage: 'no service' });
    const { pickpost, order, store, requests } = shop(1, [
      async () => Promise.reject(refused),
      async (input) => label(input),
    ]);
    await expect(
      pickpost.fulfil({ ...order, parcel: { weightGrams: 1200, przl: ['NEWCODE'] } }),
    ).rejects.toMatchObject({ postCode: 'E1015' });
    expect(await store.get('pickpost:op:fulfil:1042:0')).toBeUndefined();
    const corrected = await pickpost.fulfil(order);
    expect(corrected.transmission).toBe('barcode-webservice');
    expect(requests).toHaveLength(2);
  });
});

describe('an order without its recipient', () => {
  it('is refused naming the field, not as input that "could not be read"', async () => {
    const { pickpost, order } = shop(1, []);
    const { recipient: _none, ...withoutRecipient } = order;
    await expect(pickpost.fulfil(withoutRecipient as typeof order)).rejects.toMatchObject({
      name: 'PickPostValidationError',
      issues: [{ path: 'recipient', message: 'is required', code: 'required' }],
    });
  });
});
