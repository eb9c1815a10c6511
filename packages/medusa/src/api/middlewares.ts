// Part of the Medusa plugin: Medusa reads the default export of a plugin's api/middlewares.js
// and applies it beside the application's own (a signed-in customer on the store routes).
import { defineMiddlewares } from '@medusajs/framework/http';
import { pickPostMiddlewares } from '@pickpost/medusa';

// biome-ignore lint/style/noDefaultExport: Medusa reads the default export of api/middlewares.
export default defineMiddlewares({ routes: [...pickPostMiddlewares()] });
