import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FulfilOrder, FulfilResult, FulfilResultWithoutLabel } from '@pickpost/core';
import {
  humanIdentcode,
  isPickPostValidationError,
  PickPostError,
  renderLabels,
} from '@pickpost/core';
import { createProgress } from '../output/progress';
import { assertWritable, outputFolder, writeAtomically } from '../output/safe-file';
import { withPickPost } from '../shop';

async function readOrder(path: string): Promise<FulfilOrder> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FulfilOrder;
  } catch {
    throw new PickPostError('VALIDATION_FAILED', `${path} must hold one order as JSON`);
  }
}

/**
 * Orders from an NDJSON file, one per line, read as a stream. `label` is what each asks for:
 * its own label file (`true`, also for an order with its own identcode, which would otherwise
 * get none), or none (`false`) when all go into one merged PDF drawn from the results, so that
 * no label is drawn twice.
 */
async function* readOrders(path: string, label: boolean): AsyncGenerator<FulfilOrder> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    try {
      yield { ...(JSON.parse(line) as FulfilOrder), label };
    } catch {
      throw new PickPostError('VALIDATION_FAILED', `${path} line ${number} is not a JSON order`);
    }
  }
}

/** `pickpost label --order <file> [--out <file>] --config <file>`: one order's label. */
export async function runLabel(
  options: { order?: string; out?: string; config: string; overwrite?: boolean },
  print: (line: string) => void,
): Promise<number> {
  if (options.order === undefined) {
    print('Give --order <file.json>');
    return 1;
  }
  const order = await readOrder(options.order);
  return withPickPost(options.config, async (pickpost) => {
    // Asked for: an order with its own identcode would otherwise get no label.
    const result = await pickpost.fulfil({ ...order, label: true });
    const path = options.out ?? result.label.fileName;
    await writeAtomically(path, options.overwrite === true, async (handle) => {
      await handle.write(result.label.data);
    });
    print(`${humanIdentcode(result.identcode)}  ${result.transmission}  ${path}`);
    print(`tracking: ${result.trackingUrl}`);
    return 0;
  });
}

/** What went wrong with one order of a batch, for the report. */
function failureText(error: unknown): string {
  if (isPickPostValidationError(error))
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * `pickpost labels --orders <file.ndjson> (--out <file.pdf> | --out-dir <dir>) --config <file>`:
 * fulfils every order first (`fulfilMany`, idempotently: a repeated run reprints the same
 * labels), and only when all succeeded writes one merged PDF, streamed into a temporary file
 * beside `--out` and renamed into place, or one file per label into `--out-dir`. When an order
 * fails, nothing is written or replaced: the report names the failed orders and the fulfilled
 * ones, whose labels a run after the fix reprints. A merged PDF is drawn locally, so it is
 * offered in the variants whose labels are self-generated; labels from the Barcode web service
 * go to `--out-dir` as Swiss Post made them.
 */
export async function runLabels(
  options: {
    orders?: string;
    out?: string;
    'out-dir'?: string;
    config: string;
    overwrite?: boolean;
  },
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
  const overwrite = options.overwrite === true;
  return withPickPost(options.config, async (pickpost) => {
    if (options.out !== undefined && pickpost.plan.barcode !== 'self-generated') {
      print(
        `Variant ${pickpost.variant} gets its labels from the Barcode web service: use --out-dir to keep them as Swiss Post made them.`,
      );
      return 1;
    }
    // Refused before any order is fulfilled: an existing output is never a late surprise.
    if (options.out !== undefined) await assertWritable(options.out, overwrite);
    const progress = createProgress('labels');
    const { out } = options;
    const merged = out !== undefined;
    const made: Array<FulfilResult | FulfilResultWithoutLabel> = [];
    const failed: string[] = [];
    let line = 0;
    for await (const outcome of pickpost.fulfilMany(readOrders(ordersPath, !merged), {
      concurrency: 16,
    })) {
      line += 1;
      progress.update(line);
      if (outcome.ok) made.push(outcome.result);
      else
        failed.push(
          `order ${String(outcome.input.orderRef)} (line ${line}): ${failureText(outcome.error)}`,
        );
    }
    progress.finish();
    if (failed.length > 0) {
      print(
        `${failed.length} of ${line} orders could not be fulfilled; no label file was written:`,
      );
      for (const failure of failed) print(`  ${failure}`);
      if (made.length > 0)
        print(
          `${made.length} orders were fulfilled (${made.map((result) => result.orderRef).join(', ')}): run again after fixing the others; their labels are reprinted, not made twice.`,
        );
      return 1;
    }
    if (merged) {
      const pdf = (await renderLabels(
        made.map((result) => result.labelInput),
        { ...pickpost.labelOptions, format: 'pdf' },
      )) as AsyncIterable<Uint8Array>;
      await writeAtomically(out, overwrite, async (handle) => {
        for await (const chunk of pdf) await handle.write(chunk);
      });
      print(`${made.length} labels in ${out}`);
      return 0;
    }
    const dir = options['out-dir'] as string;
    await outputFolder(dir);
    for (const { label, identcode } of made) {
      // Every order asked for its label file (readOrders), so a result without one is a bug.
      if (label === undefined)
        throw new PickPostError('LABEL_RENDER_FAILED', `The label of ${identcode} was not drawn`);
      await writeAtomically(join(dir, label.fileName), overwrite, async (handle) => {
        await handle.write(label.data);
      });
    }
    print(`${made.length} labels in ${dir}`);
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
