import type { PointMap, PointMapOptions } from './map';

/** What the map script puts on `globalThis.pickpostPointMap`. */
interface MapScript {
  mountPointMap(container: HTMLElement, options: PointMapOptions): PointMap;
}

/** One load per script URL and page, however many pickers open their maps. */
const loading = new Map<string, Promise<MapScript>>();

/**
 * Loads the map script at `src` (a classic script, so a page's CSP and caching treat it like the
 * picker's own) the first time a shopper opens a map; until then nothing of it is fetched.
 */
export function loadMapScript(src: string): Promise<MapScript> {
  let script = loading.get(src);
  if (script === undefined) {
    script = new Promise<MapScript>((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = () => {
        const loaded = (globalThis as { pickpostPointMap?: MapScript }).pickpostPointMap;
        if (loaded) resolve(loaded);
        else reject(new Error(`pickpost-point-picker: ${src} is not the map script`));
      };
      element.onerror = () => reject(new Error(`pickpost-point-picker: ${src} did not load`));
      document.head.append(element);
    });
    // A failed load may be tried again when the shopper opens the map again.
    script.catch(() => loading.delete(src));
    loading.set(src, script);
  }
  return script;
}
