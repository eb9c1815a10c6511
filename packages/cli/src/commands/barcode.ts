import type { BarcodeFormat } from '@pickpost/core';
import { humanIdentcode, renderBarcode } from '@pickpost/core';
import { writeAtomically } from '../output/safe-file';

const FORMATS: readonly BarcodeFormat[] = ['svg', 'png', 'pdf'];

/**
 * `pickpost barcode <identcode> [--format svg|png|pdf] [--resolution <dpi>] [--services PRI,SI]
 * [--out <file>] [--overwrite]`: the identcode barcode alone, for a delivery note or invoice,
 * written through a temporary file like the labels.
 */
export async function runBarcode(
  identcode: string,
  options: {
    format?: string;
    resolution?: string;
    services?: string;
    out?: string;
    overwrite?: boolean;
  },
  print: (line: string) => void,
): Promise<number> {
  const format = (options.format ?? 'svg') as BarcodeFormat;
  if (!FORMATS.includes(format)) {
    print(`--format must be one of ${FORMATS.join(', ')}, not ${options.format}`);
    return 1;
  }
  const resolution = options.resolution === undefined ? undefined : Number(options.resolution);
  const services = options.services?.split(',').map((code) => code.trim());
  const barcode = renderBarcode(identcode, {
    format,
    ...(resolution === undefined ? {} : { resolution }),
    ...(services === undefined ? {} : { services }),
  });
  const path = options.out ?? barcode.fileName;
  await writeAtomically(path, options.overwrite === true, async (handle) => {
    await handle.write(barcode.data);
  });
  print(
    `${humanIdentcode(barcode.identcode)}  ${barcode.width} × ${barcode.height} mm (place it at this size)  ${path}`,
  );
  return 0;
}
