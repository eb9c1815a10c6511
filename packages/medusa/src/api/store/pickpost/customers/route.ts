// Part of the Medusa plugin (built into .medusa/server/src/api, where Medusa finds a plugin's routes).
import { createStoreRoute } from '@pickpost/medusa';

export const POST = createStoreRoute();
