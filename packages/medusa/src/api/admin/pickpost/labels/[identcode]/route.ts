// Part of the Medusa plugin (built into .medusa/server/src/api, where Medusa finds a plugin's routes).
export { adminLabelRoute as GET } from '@pickpost/medusa';
