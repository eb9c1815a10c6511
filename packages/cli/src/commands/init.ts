import { writeFile } from 'node:fs/promises';
import { UsageError } from '../command-spec';
import type { InitVariant } from './init-template';
import { INIT_VARIANTS, initTemplate } from './init-template';

function isInitVariant(value: string): value is InitVariant {
  return (INIT_VARIANTS as readonly string[]).includes(value);
}

/**
 * `pickpost init [--variant N] [--out <file>]`: writes a commented starting configuration.
 * An existing file is never replaced (the `wx` flag makes the check and the write one step), since
 * it may hold a shop's real settings.
 */
export async function runInit(
  options: { variant?: string; out: string },
  print: (line: string) => void,
): Promise<number> {
  const variant = (options.variant ?? '1').trim().toLowerCase();
  if (!isInitVariant(variant)) {
    throw new UsageError(
      `--variant must be one of ${INIT_VARIANTS.join(', ')} (pickpost recommend helps choose)`,
    );
  }
  try {
    await writeFile(options.out, initTemplate(variant), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(
        `${options.out} already exists and was left as it is; remove it or give --out <file>`,
      );
    }
    throw error;
  }
  print(`Wrote ${options.out} (variant ${variant}). Fill it in, set the env: variables it names,`);
  print(`then run: pickpost doctor --config ${options.out}`);
  return 0;
}
