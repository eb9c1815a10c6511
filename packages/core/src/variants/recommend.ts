import type { Variant } from '../schemas/variants';
import { VARIANTS } from '../schemas/variants';

/** What a shop knows about itself when choosing how to integrate PickPost. */
export interface ShopProfile {
  /** Parcels a month, roughly. */
  parcelsPerMonth: number;
  /** Whether the shop can program against Swiss Post web services (PickPost, Barcode). */
  canUseWebServices: boolean;
  /** Whether the shop prints barcodes itself (own software or a shipping system). */
  generatesOwnBarcodes: boolean;
  /** Whether the shop can deliver DataTransfer files (SFTP). */
  canDeliverDataTransfer: boolean;
  /** Whether Swiss Post should be able to link customer and shipment data (delivery quality). */
  wantsCustomerDataLinkage?: boolean;
}

/** The variant `recommendVariant` advises, why, and why each other variant was not chosen. */
export interface VariantRecommendation {
  variant: Variant;
  /** Why, in the words of Swiss Post's own description of the variants. */
  reasons: string[];
  /** Every other variant, each with why it was not chosen (the unmet condition or the advice). */
  notChosen: { variant: Variant; reason: string }[];
}

const ADVICE = "Swiss Post's description of the variants";

/**
 * What each variant needs of the shop, as the recommendation below decides it: one text per
 * unmet condition, so a shop learns exactly what would have to change.
 */
function unmetConditions(variant: Variant, profile: ShopProfile): string[] {
  const unmet: string[] = [];
  const webServices = 'it needs the PickPost web service, and you cannot use the web services';
  const ownBarcodes = 'it is for shops that print their own barcodes (--own-barcodes)';
  const dataTransfer = 'it needs DataTransfer files from you (--datatransfer)';
  const noPickPostNumber =
    'it gives up the PickPost customer number, and you can use the web services that obtain it; Swiss Post warns delivery to the point may then be delayed';
  switch (variant) {
    case 1:
      if (!profile.canUseWebServices)
        unmet.push(
          webServices.replace('PickPost web service', 'PickPost and Barcode web services'),
        );
      break;
    case 2:
      if (!profile.canUseWebServices) unmet.push(webServices);
      if (!profile.generatesOwnBarcodes) unmet.push(ownBarcodes);
      if (!profile.canDeliverDataTransfer) unmet.push(dataTransfer);
      if (profile.parcelsPerMonth < LARGE_SHOP_PARCELS_PER_MONTH)
        unmet.push(
          `${ADVICE} names it for large distance sellers (from ${LARGE_SHOP_PARCELS_PER_MONTH} parcels a month, our threshold); at ${profile.parcelsPerMonth} a month you are not one`,
        );
      break;
    case 3:
      if (!profile.canUseWebServices) unmet.push(webServices);
      if (!profile.generatesOwnBarcodes) unmet.push(ownBarcodes);
      if (profile.parcelsPerMonth > SMALL_SHOP_PARCELS_PER_MONTH)
        unmet.push(
          `${ADVICE} proposes this reduced integration for small shops (up to ${SMALL_SHOP_PARCELS_PER_MONTH} parcels a month, our threshold); at ${profile.parcelsPerMonth} a month you are larger`,
        );
      if (profile.wantsCustomerDataLinkage !== false)
        unmet.push(
          'it sends no shipment data, so customer and shipment data are not linked (Swiss Post notes this lowers delivery quality); give --no-linkage if that is acceptable',
        );
      break;
    case '4a':
      if (profile.canUseWebServices) unmet.push(noPickPostNumber);
      if (profile.generatesOwnBarcodes && profile.canDeliverDataTransfer)
        unmet.push('you print your own barcodes and deliver DataTransfer, which is variant 4b');
      break;
    case '4b':
      if (profile.canUseWebServices) unmet.push(noPickPostNumber);
      if (!profile.generatesOwnBarcodes) unmet.push(ownBarcodes);
      if (!profile.canDeliverDataTransfer) unmet.push(dataTransfer);
      break;
  }
  return unmet;
}

/** Why each variant other than `chosen` was not recommended. */
function notChosen(chosen: Variant, profile: ShopProfile): VariantRecommendation['notChosen'] {
  return VARIANTS.filter((variant) => variant !== chosen).map((variant) => {
    const unmet = unmetConditions(variant, profile);
    return {
      variant,
      reason:
        unmet.length > 0
          ? `${unmet.join('; ')}.`
          : `it would work too, but ${ADVICE} advises variant ${chosen} for a shop like yours (see above).`,
    };
  });
}

/** From this volume on a shop counts as a large distance seller (our threshold [G]). */
export const LARGE_SHOP_PARCELS_PER_MONTH = 2_000;
/** Up to this volume a shop counts as small (our threshold [G]). */
export const SMALL_SHOP_PARCELS_PER_MONTH = 200;

/**
 * Recommends one of Swiss Post's integration variants, following the Post's own advice
 * (`pickpost-integration-variants.fr.txt`): variant 1 (PickPost and Barcode web services) suits
 * small and large shops and links customer and shipment data automatically; variant 2 (own
 * barcodes + DataTransfer) is for large distance sellers with their own shipping system;
 * variant 3 (PickPost web service, own barcodes, no shipment data) is the reduced integration
 * for small shops, without linkage of customer and shipment data; variant 4 (no PickPost
 * customer number) needs no PickPost web service, at the price that delivery to the point may
 * be delayed. The volume thresholds are ours; the Post names none.
 *
 * @example
 * recommendVariant({ parcelsPerMonth: 50, canUseWebServices: true, generatesOwnBarcodes: false, canDeliverDataTransfer: false })
 * // { variant: 1, reasons: [...] }
 */
export function recommendVariant(profile: ShopProfile): VariantRecommendation {
  const { variant, reasons } = chooseVariant(profile);
  return { variant, reasons, notChosen: notChosen(variant, profile) };
}

function chooseVariant(profile: ShopProfile): Omit<VariantRecommendation, 'notChosen'> {
  const large = profile.parcelsPerMonth >= LARGE_SHOP_PARCELS_PER_MONTH;
  const small = profile.parcelsPerMonth <= SMALL_SHOP_PARCELS_PER_MONTH;
  if (!profile.canUseWebServices) {
    const variant: Variant =
      profile.generatesOwnBarcodes && profile.canDeliverDataTransfer ? '4b' : '4a';
    return {
      variant,
      reasons: [
        'Without the PickPost web service no PickPost customer number can be obtained at checkout: the address carries none.',
        'Swiss Post warns that delivery to the pick-up point can then be delayed.',
        variant === '4b'
          ? 'You print your own barcodes and can deliver DataTransfer files, so shipment data goes by DataTransfer (4b).'
          : 'The Barcode web service makes the label and sends the shipment data (4a); it needs Swiss Post API credentials but no PickPost registration.',
      ],
    };
  }
  if (profile.generatesOwnBarcodes && profile.canDeliverDataTransfer && large) {
    return {
      variant: 2,
      reasons: [
        `At ${profile.parcelsPerMonth} parcels a month you are a large distance seller, the case Swiss Post names for variant 2.`,
        'You generate barcodes to Post prescriptions in your own system and send the shipment data by DataTransfer.',
        'The PickPost web service registers customers at checkout and returns their PickPost number.',
      ],
    };
  }
  if (profile.generatesOwnBarcodes && small && profile.wantsCustomerDataLinkage === false) {
    return {
      variant: 3,
      reasons: [
        'Variant 3 is the reduced integration Swiss Post proposes for small shops: PickPost web service and your own barcodes.',
        'No shipment data reaches the Post, so customer and shipment data are not linked; Swiss Post notes this lowers delivery quality.',
      ],
    };
  }
  return {
    variant: 1,
    reasons: [
      'Variant 1 suits small and large shops: the PickPost web service registers the customer at checkout and the Barcode web service makes the label.',
      'Shipment data reaches the Post automatically through the Barcode web service, so customer and shipment data are linked.',
      ...(profile.generatesOwnBarcodes && !profile.canDeliverDataTransfer
        ? [
            'You print your own barcodes, but without DataTransfer the Post would get no shipment data: the web service does it for you.',
          ]
        : []),
    ],
  };
}
