import { defineWidgetConfig } from '@medusajs/admin-sdk';
import { useEffect, useState } from 'react';
import { PickPostParcels } from '../components/pickpost-parcels';
import type { AdminClient, ParcelView } from '../lib/order-parcels';
import { downloadLabel, loadOrderParcels, reprintLabels } from '../lib/order-parcels';

/** The dashboard serves the admin on the backend's origin unless VITE_BACKEND_URL says otherwise. */
const client: AdminClient = {
  baseUrl: (import.meta as { env?: { VITE_BACKEND_URL?: string } }).env?.VITE_BACKEND_URL ?? '',
  fetch: (...args) => fetch(...args),
};

/**
 * Opens the tab on the click itself (browsers block a `window.open` made after an awaited
 * request) and shows the PDF the admin fetched with its session there once it has arrived.
 */
function openPdfTab(): { show(blob: Blob): void; close(): void } {
  const tab = window.open('about:blank', '_blank');
  return {
    show(blob) {
      const url = URL.createObjectURL(blob);
      if (tab !== null) tab.location.href = url;
      else {
        // No tab allowed (a popup blocker): the PDF as a download, the admin page stays.
        const link = document.createElement('a');
        link.href = url;
        link.download = 'pickpost-label.pdf';
        link.click();
      }
      // The tab has loaded it by then; the object URL need not live on.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    close: () => tab?.close(),
  };
}

/** The order page's PickPost box: point, PickPost ID, identcode, tracking, label, reprint. */
function PickPostOrderWidget({ data }: { data: { id: string } }) {
  const [parcels, setParcels] = useState<ParcelView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    loadOrderParcels(client, data.id).then(setParcels, (failure: Error) =>
      setError(failure.message),
    );
  }, [data.id]);
  const act = (work: () => Promise<Blob>) => {
    const tab = openPdfTab();
    work().then(tab.show, (failure: Error) => {
      tab.close();
      setError(failure.message);
    });
  };
  return (
    <PickPostParcels
      parcels={parcels}
      error={error}
      onDownload={(parcel) => act(() => downloadLabel(client, parcel))}
      onReprint={(parcel) => act(() => reprintLabels(client, [parcel.identcode]))}
    />
  );
}

export const config = defineWidgetConfig({ zone: 'order.details.after' });

// biome-ignore lint/style/noDefaultExport: Medusa's admin loads a widget file's default export.
export default PickPostOrderWidget;
