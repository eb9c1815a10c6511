import { Badge, Button, Container, Heading, Text } from '@medusajs/ui';
import type { ParcelView } from '../lib/order-parcels';

/** What the order page's PickPost box shows; the widget gives it the parcels and the actions. */
export interface PickPostParcelsProps {
  /** Undefined while loading. */
  parcels: ParcelView[] | undefined;
  error?: string | undefined;
  onDownload(parcel: ParcelView): void;
  onReprint(parcel: ParcelView): void;
}

function Parcel({ parcel, onDownload, onReprint }: { parcel: ParcelView } & PickPostParcelsProps) {
  const { point } = parcel;
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-identcode={parcel.identcode}>
      <div className="flex items-center gap-x-2">
        <Text weight="plus">{parcel.kind === 'return' ? 'Return' : 'Parcel'}</Text>
        <a href={parcel.trackingUrl} target="_blank" rel="noreferrer" className="font-mono">
          {parcel.printedIdentcode}
        </a>
        {parcel.cancelled ? <Badge color="red">Cancelled</Badge> : null}
      </div>
      {point === undefined ? null : (
        <Text size="small">
          {point.kind === 'mypost24' ? 'My Post 24' : 'PickPost'}: {point.name}, {point.street},{' '}
          {point.zip} {point.city}
        </Text>
      )}
      {parcel.pickpostId === undefined ? null : (
        <Text size="small">PickPost ID: {parcel.pickpostId}</Text>
      )}
      <div className="flex gap-x-2">
        <Button size="small" variant="secondary" onClick={() => onDownload(parcel)}>
          Download label
        </Button>
        <Button size="small" variant="secondary" onClick={() => onReprint(parcel)}>
          Reprint
        </Button>
      </div>
    </div>
  );
}

/** The PickPost parcels of an order: a box per parcel, or a line saying there is none. */
export function PickPostParcels(props: PickPostParcelsProps) {
  const { parcels, error } = props;
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">PickPost</Heading>
      </div>
      {error === undefined ? null : (
        <Text className="px-6 py-4 text-ui-fg-error" role="alert">
          {error}
        </Text>
      )}
      {parcels === undefined ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : parcels.length === 0 ? (
        <Text className="px-6 py-4">No PickPost parcel for this order yet.</Text>
      ) : (
        parcels.map((parcel) => <Parcel key={parcel.identcode} {...props} parcel={parcel} />)
      )}
    </Container>
  );
}
