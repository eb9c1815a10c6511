import { recommendVariant } from '@pickpost/core';

/** `pickpost recommend --parcels <n> [--no-web-services] [--own-barcodes] [--datatransfer] [--no-linkage]`. */
export function runRecommend(
  options: {
    parcels?: string;
    'no-web-services'?: boolean;
    'own-barcodes'?: boolean;
    datatransfer?: boolean;
    'no-linkage'?: boolean;
  },
  print: (line: string) => void,
): number {
  const parcelsPerMonth = Number(options.parcels ?? Number.NaN);
  if (!Number.isFinite(parcelsPerMonth) || parcelsPerMonth < 0) {
    print(
      'Give --parcels <parcels per month>, e.g. pickpost recommend --parcels 300 --own-barcodes',
    );
    return 1;
  }
  const { variant, reasons, notChosen } = recommendVariant({
    parcelsPerMonth,
    canUseWebServices: options['no-web-services'] !== true,
    generatesOwnBarcodes: options['own-barcodes'] === true,
    canDeliverDataTransfer: options.datatransfer === true,
    ...(options['no-linkage'] === true ? { wantsCustomerDataLinkage: false } : {}),
  });
  print(`Recommended: variant ${variant}`);
  for (const reason of reasons) print(`  - ${reason}`);
  print('Not chosen:');
  for (const other of notChosen) print(`  - variant ${other.variant}: ${other.reason}`);
  return 0;
}
