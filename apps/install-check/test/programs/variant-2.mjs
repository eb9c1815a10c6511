// Variant 2 from the installed tarballs, loaded as ES modules: a label and a DataTransfer file.
import { createPickPost } from '@pickpost/core';
import { createSqliteStateStore } from '@pickpost/store-sqlite';
import { runVariant2 } from './shop.mjs';

await runVariant2('esm', { createPickPost, createSqliteStateStore });
process.exit(0);
