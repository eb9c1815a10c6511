import * as L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css';
import type { PickupPoint } from './types';

/** How the map draws: the tile server, its attribution, what a chosen marker does. */
export interface PointMapOptions {
  /** Tile URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`. */
  tiles: string;
  /** Attribution the tile server requires, as HTML (e.g. `© OpenStreetMap contributors`). */
  attribution: string;
  /** Called with the point's ID when the shopper chooses its marker. */
  onChoose(pointId: string): void;
}

/** A map mounted into a container of the picker. */
export interface PointMap {
  /** Draws `points` (numbered as in the list) and marks `chosenId`; fits the view to them. */
  show(points: readonly PickupPoint[], chosenId?: string): void;
  destroy(): void;
}

// Markers are numbered badges drawn in CSS: no marker images to fetch, and the number ties a
// marker to its place in the list for shoppers who use both.
const MARKER_CSS = `
.pp-marker { display: grid; place-items: center; border-radius: 50%; border: 2px solid #1a1a1a;
  background: #ffcc00; color: #1a1a1a; font: 700 13px/1 system-ui, sans-serif; }
.pp-marker.pp-mypost24 { border-style: dashed; }
.pp-marker.pp-chosen { background: #1a1a1a; color: #fff; }
.pp-marker:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.pp-map { height: 100%; min-height: 16em; }
`;

/**
 * Mounts a Leaflet map of the listed points into `container` (inside the picker's shadow root:
 * the stylesheet goes along). The picker loads this lazily, only when the shopper opens the
 * map, from the script `dist/pickpost-widget-map.js` (Leaflet and its CSS inlined).
 *
 * @example
 * const map = mountPointMap(element, {
 *   tiles: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
 *   attribution: '© OpenStreetMap contributors',
 *   onChoose: (id) => console.log('chosen', id),
 * });
 * map.show(points);
 */
export function mountPointMap(container: HTMLElement, options: PointMapOptions): PointMap {
  const style = document.createElement('style');
  style.textContent = leafletCss + MARKER_CSS;
  const element = document.createElement('div');
  element.className = 'pp-map';
  container.replaceChildren(style, element);
  const map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(options.tiles, { attribution: options.attribution, maxZoom: 19 }).addTo(map);
  const markers = L.layerGroup().addTo(map);

  let drawn = '';
  const byId = new Map<string, L.Marker>();

  return {
    show(points, chosenId) {
      // The container may just have been shown: Leaflet measures it again.
      map.invalidateSize();
      const key = points.map((point) => point.id).join(' ');
      if (key !== drawn) {
        // A new list: new markers, and the view fitted to them. A new choice only restyles.
        drawn = key;
        markers.clearLayers();
        byId.clear();
        points.forEach((point, index) => {
          const icon = L.divIcon({
            className: `pp-marker pp-${point.kind}`,
            html: String(index + 1),
            iconSize: [28, 28],
          });
          // Not in the tab order: the list holds the same points for keyboards and screen
          // readers, so close markers that overlap never hide a choice from anyone.
          const marker = L.marker([point.lat, point.lng], {
            icon,
            title: `${index + 1}. ${point.name}`,
            keyboard: false,
          }).on('click', () => options.onChoose(point.id));
          marker.addTo(markers);
          byId.set(point.id, marker);
        });
        const bounds = points.map((point): L.LatLngTuple => [point.lat, point.lng]);
        if (bounds.length > 0) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
      }
      for (const [id, marker] of byId) {
        marker.getElement()?.classList.toggle('pp-chosen', id === chosenId);
      }
    },
    destroy() {
      map.remove();
      container.replaceChildren();
    },
  };
}
