import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type { FulfilOrder, LabelInput } from '@pickpost/core';
import { humanIdentcode, PickPostError, renderLabels } from '@pickpost/core';
import { createProgress } from '../output/progress';
import { withPickPost } from '../shop';

async function readOrder(path: string): Promise<FulfilOrder> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FulfilOrder;
  } catch {
    throw new PickPostError('VALIDATION_FAILED', `${path} must hold one order as JSON`);
  }
}

/** Orders from an NDJSON file, one per line, read as a stream. */
async function* readOrders(path: string): AsyncGenerator<FulfilOrder> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as FulfilOrder;
    } catch {
      throw new PickPostError('VALIDATION_FAILED', `${path} line ${number} is not a JSON order`);
    }
  }
}

/** `pickpost label --order <file> [--out <file>] --config <file>`: one order's label. */
export async function runLabel(
  options: { order?: string; out?: string; config: string },
  print: (line: string) => void,
): Promise<number> {
  if (options.order === undefined) {
    print('Give --order <file.json>');
    return 1;
  }
  const order = await readOrder(options.order);
  return withPickPost(options.config, async (pickpost) => {
    const result = await pickpost.fulfil(order);
    const path = options.out ?? result.label.fileName;
    await writeFile(path, result.label.data);
    print(`${humanIdentcode(result.identcode)}  ${result.transmission}  ${path}`);
    print(`tracking: ${result.trackingUrl}`);
    return 0;
  });
}

/**
 * `pickpost labels --orders <file.ndjson> (--out <file.pdf> | --out-dir <dir>) --config <file>`:
 * fulfils every order (idempotently: a repeated run reprints) and writes one merged PDF,
 * streamed, or one file per label. A merged PDF is drawn locally, so it is offered only in the
 * variants whose labels are self-generated; labels from the Barcode web service go to
 * `--out-dir` as Swiss Post made them.
 */
export async function runLabels(
  options: { orders?: string; out?: string; 'out-dir'?: string; config: string },
  print: (line: string) => void,
): Promise<number> {
  const ordersPath = options.orders;
  if (
    ordersPath === undefined ||
    (options.out === undefined) === (options['out-dir'] === undefined)
  ) {
    print('Give --orders <file.ndjson> and either --out <file.pdf> or --out-dir <dir>');
    return 1;
  }
  return withPickPost(options.config, async (pickpost) => {
    const progress = createProgress('labels');
    let count = 0;
    if (options.out !== undefined) {
      if (pickpost.plan.barcode !== 'self-generated') {
        print(
          `Variant ${pickpost.variant} gets its labels from the Barcode web service: use --out-dir to keep them as Swiss Post made them.`,
        );
        return 1;
      }
      async function* inputs(): AsyncGenerator<LabelInput> {
        for await (const order of readOrders(ordersPath as string)) {
          const result = await pickpost.fulfil(order);
          count += 1;
          progress.update(count);
          yield result.labelInput;
        }
      }
      const pdf = await renderLabels(inputs(), { ...pickpost.labelOptions, format: 'pdf' });
      await pipeline(pdf as NodeJS.ReadableStream, createWriteStream(options.out));
      progress.finish();
      print(`${count} labels in ${options.out}`);
      return 0;
    }
    const dir = options['out-dir'] as string;
    await mkdir(dir, { recursive: true });
    for await (const order of readOrders(ordersPath)) {
      const result = await pickpost.fulfil(order);
      await writeFile(join(dir, result.label.fileName), result.label.data);
      count += 1;
      progress.update(count);
    }
    progress.finish();
    print(`${count} labels in ${dir}`);
    return 0;
  });
}

/** `pickpost datatransfer flush --config <file>`: delivers queued shipment data. */
export async function runDataTransferFlush(
  options: { config: string },
  print: (line: string) => void,
): Promise<number> {
  return withPickPost(options.config, async (pickpost) => {
    const report = await pickpost.flushDataTransfer();
    for (const file of report.recovered)
      print(`finished interrupted file ${file.fileName} (${file.itemCount} shipments)`);
    for (const file of report.files)
      print(`delivered ${file.fileName} (${file.itemCount} shipments, sha256 ${file.sha256})`);
    print(`${report.delivered} shipments delivered`);
    return 0;
  });
}
