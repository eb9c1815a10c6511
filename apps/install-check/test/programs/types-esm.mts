// The entry points of the packages published as ES modules only, type-checked from an ES
// module (`.mts`), since under node16 a CommonJS file cannot import them.
import { defineElement } from '@pickpost/checkout-widget';
import { readWidgetBundle } from '@pickpost/checkout-widget/bundle';
import { runCli } from '@pickpost/cli';
import { createWooSync } from '@pickpost/woocommerce';

export const used = [defineElement, readWidgetBundle, runCli, createWooSync];
