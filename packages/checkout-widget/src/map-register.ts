// The entry of `dist/pickpost-widget-map.js`, the script the picker loads when the shopper
// opens the map: it hands the picker `mountPointMap` on a global the picker reads.
import { mountPointMap } from './map';

(globalThis as { pickpostPointMap?: unknown }).pickpostPointMap = { mountPointMap };
