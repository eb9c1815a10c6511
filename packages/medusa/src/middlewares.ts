import { authenticate } from '@medusajs/framework/http';
import { STORE_BASE_PATH } from './store-routes';

/**
 * The route middlewares the PickPost store routes want in the shop's `src/api/middlewares.ts`:
 * a signed-in customer (session or bearer) is recognised, so that their PickPost ID is
 * remembered across carts (`customer:<id>`); guests still pass and are known by their cart.
 *
 * @example
 * // src/api/middlewares.ts
 * import { defineMiddlewares } from '@medusajs/framework/http';
 * import { pickPostMiddlewares } from '@pickpost/medusa';
 * export default defineMiddlewares({ routes: [...pickPostMiddlewares()] });
 */
export function pickPostMiddlewares(): Array<{
  matcher: string;
  middlewares: ReturnType<typeof authenticate>[];
}> {
  return [
    {
      matcher: `${STORE_BASE_PATH}/*`,
      middlewares: [
        authenticate('customer', ['session', 'bearer'], { allowUnauthenticated: true }),
      ],
    },
  ];
}
