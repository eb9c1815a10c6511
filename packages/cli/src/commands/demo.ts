import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { FulfilResult, PickPost, Variant, VariantPlan } from '@pickpost/core';
import {
  createPickPost,
  humanIdentcode,
  isPickPostValidationError,
  ShipmentSchema,
  VARIANT_PLANS,
  VARIANTS,
  validate,
} from '@pickpost/core';
import { openStore } from '../config-file';
import type { DemoCustomer } from '../demo/samples';
import { BROKEN_ORDER, DEMO_CUSTOMERS, demoConfig } from '../demo/samples';
import { formatTable } from '../output/table';

/** The Swiss Post services a variant calls, in the order a parcel meets them. */
export function servicesOf(plan: VariantPlan): string[] {
  const services: string[] = [];
  if (plan.pickpostWebService || plan.barcode === 'barcode-webservice')
    services.push('OAuth2 token');
  if (plan.pickpostWebService) services.push('PickPost web service (customer number)');
  if (plan.barcode === 'barcode-webservice')
    services.push('Barcode web service (label + shipment data)');
  else services.push('label made locally (self-generated barcode)');
  if (plan.shipmentData === 'datatransfer') services.push('DataTransfer (shipment data file)');
  if (plan.shipmentData === 'none') services.push('no shipment data to the Post');
  return services;
}

type MockModule = typeof import('@pickpost/mock-post-server');

/**
 * The mock Post server lives in the repository, not in the published CLI: it is loaded only
 * here, so an installed `pickpost` works without it and says what the demo needs.
 */
async function loadMockServer(): Promise<MockModule | undefined> {
  try {
    return await import('@pickpost/mock-post-server');
  } catch {
    return undefined;
  }
}

interface DemoRow {
  customer: DemoCustomer;
  result: FulfilResult;
  labelPath: string;
}

async function runCustomer(pickpost: PickPost, customer: DemoCustomer): Promise<FulfilResult> {
  const [point] = await pickpost.checkout.findPoints({
    zip: customer.searchZip,
    kinds: [customer.pointKind],
    limit: 3,
  });
  if (point === undefined)
    throw new Error(`no ${customer.pointKind} point near ${customer.searchZip}`);
  const registered = pickpost.plan.pickpostWebService
    ? await pickpost.checkout.registerCustomer(customer.person, {
        customerRef: customer.customerRef,
        service: customer.pointKind,
      })
    : undefined;
  const { selection } = await pickpost.checkout.selectPoint({
    pointId: point.id,
    customerRef: customer.customerRef,
    ...(registered === undefined ? {} : { pickpostId: registered.pickpostId }),
    parcel: { weightGrams: customer.weightGrams, przl: customer.przl },
  });
  return pickpost.fulfil({
    orderRef: customer.orderRef,
    parcelIndex: customer.parcelIndex ?? 0,
    selection,
    customerRef: customer.customerRef,
    recipient: customer.person,
    parcel: { weightGrams: customer.weightGrams, przl: customer.przl },
  });
}

/** Requests the mock saw since `from`, by service. */
function callsSince(state: import('@pickpost/mock-post-server').MockPostState, from: number) {
  const requests = state.requests.slice(from);
  const count = (route: string) => requests.filter((request) => request.route === route).length;
  return {
    token: count('token'),
    pickpost: count('pickpost'),
    barcode: count('barcode'),
    locations: count('locations'),
    address: count('address'),
  };
}

/**
 * `pickpost demo`: starts the mock Post server in this process, runs a set of realistic orders
 * through each of the five configurations (1, 2, 3, 4a, 4b), writes the labels (PDF) and
 * DataTransfer files into the output directory, and prints per variant the Swiss Post calls
 * made, the identcodes and the files written. A rerun replaces the `variant-*` folders it wrote
 * before; anything else in the output directory is left alone.
 */
export async function runDemo(print: (line: string) => void, outDir: string): Promise<number> {
  const mock = await loadMockServer();
  if (mock === undefined) {
    print(
      'The demo runs against the mock Swiss Post server, which ships with the repository, not with the',
    );
    print('installed CLI. Clone the PickPost SDK and run `pnpm install && pnpm demo` there.');
    return 1;
  }
  const root = resolve(outDir);
  const post = await mock.createMockPostServer();
  const written = { labels: 0, dataTransferFiles: 0 };
  try {
    print(`PickPost SDK demo against the mock Swiss Post server at ${post.url}`);
    print(`Output: ${root}\n`);
    for (const variant of VARIANTS as readonly Variant[]) {
      const plan = VARIANT_PLANS[variant];
      const dir = join(root, `variant-${variant}`);
      // Only the folder the demo writes is replaced: `--out` may name one that holds other files.
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(dir, 'labels'), { recursive: true });
      const store = await openStore({ type: 'sqlite', filename: join(dir, 'pickpost.db') });
      const from = post.state.requests.length;
      const config = demoConfig(variant, dir, post.baseUrls);
      const rows: DemoRow[] = [];
      try {
        const pickpost = createPickPost(config, { store });
        for (const customer of DEMO_CUSTOMERS) {
          const result = await runCustomer(pickpost, customer);
          const labelPath = join(dir, 'labels', result.label.fileName);
          await writeFile(labelPath, result.label.data);
          rows.push({ customer, result, labelPath });
        }
        const flushed =
          plan.shipmentData === 'datatransfer' ? await pickpost.flushDataTransfer() : undefined;
        const calls = callsSince(post.state, from);
        const files =
          flushed?.files.map((file) => relative(root, join(dir, 'datatransfer', file.fileName))) ??
          [];
        print(`Variant ${variant}: ${plan.summary}`);
        print(`  services: ${servicesOf(plan).join(' → ')}`);
        print(
          `  Swiss Post calls: token ${calls.token}, PickPost ${calls.pickpost}, Barcode ${calls.barcode}, locations ${calls.locations}, address ${calls.address}; DataTransfer files ${files.length}`,
        );
        const table = formatTable(
          [
            'order',
            'customer',
            'pick-up point',
            'PickPost ID',
            'identcode',
            'shipment data',
            'label',
          ],
          rows.map(({ customer, result, labelPath }) => [
            `${result.orderRef}/${result.parcelIndex}`,
            `${customer.person.firstName} ${customer.person.name1}`,
            `${result.point?.kind === 'mypost24' ? 'My Post 24' : 'PickPost'} ${result.point?.zip} ${result.point?.city}`,
            result.pickpostId ?? '—',
            humanIdentcode(result.identcode),
            result.transmission,
            relative(root, labelPath),
          ]),
        );
        print(
          table
            .split('\n')
            .map((line) => `  ${line}`)
            .join('\n'),
        );
        for (const file of files) print(`  DataTransfer file: ${file}`);
        print('');
        written.labels += rows.length;
        written.dataTransferFiles += files.length;
      } finally {
        await store.close();
      }
    }
    try {
      validate(ShipmentSchema, BROKEN_ORDER, 'order');
      print('The broken sample order was accepted: this is a bug.');
      return 1;
    } catch (error) {
      if (!isPickPostValidationError(error)) throw error;
      print('A broken order is refused before it reaches Swiss Post, every problem at once:');
      for (const issue of error.issues) print(`  ${issue.path}: ${issue.message}`);
    }
    print(
      `\nWrote ${written.labels} labels and ${written.dataTransferFiles} DataTransfer files under ${root}`,
    );
    return 0;
  } finally {
    await post.close();
  }
}
