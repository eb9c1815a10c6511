import { defineMiddlewares } from '@medusajs/framework/http';
import { pickPostMiddlewares } from '../../../../src';

// biome-ignore lint/style/noDefaultExport: Medusa reads the default export of src/api/middlewares.ts.
export default defineMiddlewares({ routes: [...pickPostMiddlewares()] });
