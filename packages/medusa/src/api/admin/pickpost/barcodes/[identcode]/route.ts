// Part of the Medusa plugin (built into .medusa/server/src/api, where Medusa finds a plugin's routes).
export { adminBarcodeRoute as GET } from '@pickpost/medusa';
