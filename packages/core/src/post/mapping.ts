import { createHash } from 'node:crypto';
import * as z from 'zod';
import { PickPostValidationError } from '../errors/index';
import { PickPostIdSchema } from '../schemas/customer';
import type {
  LabelOptions,
  Parcel,
  PickupPointKind,
  Recipient,
  Sender,
  Shipment,
} from '../schemas/index';
import type { AdditionalData } from '../schemas/shipment';
import { ADDRESS_QUALITY_GRADES } from '../schemas/swiss-post-rules';

/**
 * Translates between the SDK's types and the JSON of Swiss Post's web services (the location
 * service's answers are read in `location-mapping.ts`). Field names and shapes are from the
 * reference: Barcode §A2 (DCAPI camelCase), PickPost §C2, address §E.
 */

export type PostLanguage = 'DE' | 'FR' | 'IT' | 'EN';

export const toPostLanguage = (language: 'de' | 'fr' | 'it' | 'en'): PostLanguage =>
  language.toUpperCase() as PostLanguage;

/** `item.recipient` of the Barcode web service. */
export interface PostRecipientJson {
  title?: string | undefined;
  firstName?: string | undefined;
  name1: string;
  name2?: string | undefined;
  name3?: string | undefined;
  addressSuffix?: string | undefined;
  street?: string | undefined;
  houseNo?: string | undefined;
  pobox?: string | undefined;
  zip: string;
  city: string;
  country?: string | undefined;
  phone?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
}

/** The line that tells the Post which PickPost customer a parcel is for [V HB-EN p.33]. */
export function pickpostIdLine(kind: PickupPointKind, pickpostId: string): string {
  return `${kind === 'mypost24' ? 'MyPost24' : 'PickPost'} ${pickpostId}`;
}

/**
 * The recipient of a parcel to a pick-up point [V reference §C4]: the customer's name, the
 * `PickPost <ID>` / `MyPost24 <ID>` line in `name2` (variant 4: none), and the point's street,
 * number, postcode and town in place of the customer's own address. The customer's other
 * address lines (company, c/o) are left out: the point does not know them and the Post's rule
 * is name, ID, street, town. Contact details stay, for the Post's pick-up notices.
 */
export function pickupRecipient(shipment: Shipment): PostRecipientJson {
  const { recipient, pickupPoint: point } = shipment;
  return {
    title: recipient.title,
    firstName: recipient.firstName,
    name1: recipient.name1,
    name2:
      shipment.pickpostId === undefined
        ? undefined
        : pickpostIdLine(point.kind, shipment.pickpostId),
    street: point.street,
    houseNo: point.houseNo,
    zip: point.zip,
    city: point.city,
    country: point.country,
    phone: recipient.phone,
    mobile: recipient.mobile,
    email: recipient.email,
  };
}

/** A plain domestic address as the recipient (the shop, for a return label). */
export function addressRecipient(address: Sender): PostRecipientJson {
  return {
    name1: address.name1,
    name2: address.name2,
    street: address.street,
    pobox: address.poBox,
    zip: address.zip,
    city: address.city,
    country: address.country,
  };
}

/** The sender (`customer`); the REST service refuses `houseNo`, `email` and `phone` there [C WPPOST]. */
export function customerJson(sender: Sender): Record<string, string | undefined> {
  return { ...addressRecipient(sender), domicilePostOffice: sender.domicilePostOffice };
}

const PRINT_ADDRESSES = {
  none: 'NONE',
  recipient: 'ONLY_RECIPIENT',
  sender: 'ONLY_CUSTOMER',
  both: 'RECIPIENT_AND_CUSTOMER',
} as const;

/**
 * `labelDefinition`. The Barcode web service renders PDF, PNG and ZPL2 among others but not
 * SVG, and sheets of A6 on A4 are made by the shop, so those options are refused here.
 */
export function labelDefinitionJson(options: LabelOptions): Record<string, unknown> {
  const issues = [];
  if (options.format === 'svg') {
    issues.push({
      path: 'label.format',
      message: 'svg is not offered by the Barcode web service: use pdf, png or zpl',
      code: 'not_offered',
    });
  }
  if (options.sheet !== 'label') {
    issues.push({
      path: 'label.sheet',
      message: 'the Barcode web service prints single labels; put them on sheets afterwards',
      code: 'not_offered',
    });
  }
  if (issues.length > 0) throw new PickPostValidationError('label options', issues);
  return {
    labelLayout: options.layout,
    printAddresses: PRINT_ADDRESSES[options.printAddresses],
    imageFileType: options.format === 'zpl' ? 'ZPL2' : options.format.toUpperCase(),
    imageResolution: options.resolution,
    printPreview: options.printPreview,
  };
}

/**
 * An `itemID` (A–Z, a–z, 0–9, `_`, `-`, `+`, E2045) for a parcel of a shop order. Characters the
 * Post refuses become `-`; when that changed the reference, a short hash of the original keeps
 * `#1042` and `1042` apart.
 */
export function itemIdFor(orderRef: string, parcelIndex: number): string {
  const safe = orderRef.replace(/[^A-Za-z0-9_+-]/g, '-').slice(0, 150);
  const suffix =
    safe === orderRef ? '' : `-${createHash('sha256').update(orderRef).digest('hex').slice(0, 8)}`;
  return `${safe}${suffix}-${parcelIndex}`;
}

/** The `itemID` of the return parcel of a shop order: one convention for labels and DataTransfer. */
export const returnItemIdFor = (orderRef: string, parcelIndex: number): string =>
  itemIdFor(`return-${orderRef}`, parcelIndex);

/** The whole `generateAddressLabel` request: one item [C WPPOST, VEKKON]. */
export function labelRequestJson(input: {
  language: PostLanguage;
  frankingLicense: string;
  sender: Sender;
  label: LabelOptions;
  itemId: string;
  itemNumber?: number | undefined;
  recipient: PostRecipientJson;
  parcel: Parcel;
  freeText?: string | undefined;
  additionalData?: readonly AdditionalData[] | undefined;
}): Record<string, unknown> {
  return {
    language: input.language,
    frankingLicense: input.frankingLicense,
    customer: customerJson(input.sender),
    labelDefinition: labelDefinitionJson(input.label),
    item: {
      itemID: input.itemId,
      itemNumber: input.itemNumber === undefined ? undefined : String(input.itemNumber),
      recipient: input.recipient,
      attributes: {
        przl: input.parcel.przl,
        weight: input.parcel.weightGrams,
        freeText: input.freeText,
      },
      additionalData: input.additionalData?.map((entry) => ({
        type: entry.type,
        value: entry.value,
      })),
    },
  };
}

const CodedMessageSchema = z.object({ code: z.string(), message: z.string().default('') });

/** A successful `generateAddressLabel` answer (errors are mapped before this is read). */
export const LabelResponseSchema = z.object({
  labelDefinition: z.object({ imageFileType: z.string().optional() }).passthrough().optional(),
  item: z.object({
    itemID: z.string().optional(),
    identCode: z.string().regex(/^\d{18}$/, 'must be an 18-digit identcode'),
    label: z.array(z.string().min(1)).min(1, 'must hold the label'),
    warnings: z.array(CodedMessageSchema).optional(),
  }),
});

/** Salutations that tell the PickPost web service's `gender` (it takes MALE or FEMALE). */
const MALE_TITLES = /^(herr|herrn|monsieur|m\.?|signor|signore|sig\.?|mr\.?)$/i;
const FEMALE_TITLES = /^(frau|madame|mme\.?|signora|sig\.ra|mrs\.?|ms\.?)$/i;

export function genderFromTitle(title: string | undefined): 'MALE' | 'FEMALE' | undefined {
  if (title === undefined) return undefined;
  if (MALE_TITLES.test(title.trim())) return 'MALE';
  if (FEMALE_TITLES.test(title.trim())) return 'FEMALE';
  return undefined;
}

/**
 * The `POST /users` body of the PickPost web service [V DEV §7 sample]. The sample is all the
 * reference has, so every element of it is sent: a gender (from `gender` or the recipient's
 * title), first and last name, the home street and number, postcode and town, and an e-mail
 * (EMAIL) or, failing that, a mobile number (SMS) for the Post's notices.
 */
export function registerUserJson(
  person: Recipient,
  options: {
    service: PickupPointKind;
    language: PostLanguage;
    gender?: 'MALE' | 'FEMALE' | undefined;
  },
): Record<string, unknown> {
  const gender = options.gender ?? genderFromTitle(person.title);
  const issues = [];
  if (gender === undefined) {
    issues.push({
      path: 'recipient.title',
      message:
        'must be a salutation such as Herr/Frau, Monsieur/Madame (or pass gender): PickPost registration needs it',
      code: 'required',
    });
  }
  if (person.firstName === undefined) {
    issues.push({
      path: 'recipient.firstName',
      message: 'is required for PickPost registration',
      code: 'required',
    });
  }
  if (person.street === undefined || person.houseNo === undefined) {
    issues.push({
      path: person.street === undefined ? 'recipient.street' : 'recipient.houseNo',
      message: 'is required for PickPost registration: it needs the home street address',
      code: 'required',
    });
  }
  if (person.email === undefined && person.mobile === undefined) {
    issues.push({
      path: 'recipient.email',
      message: 'or a mobile number is required for PickPost notices',
      code: 'required',
    });
  }
  if (issues.length > 0) throw new PickPostValidationError('PickPost registration', issues);
  return {
    userDetails: {
      gender,
      firstName: person.firstName,
      lastName: person.name1,
      language: options.language,
    },
    address: {
      house: { street: person.street, houseNumber: person.houseNo },
      zip: { zip: person.zip, city: person.city, countryCode: person.country },
    },
    notification:
      person.email === undefined
        ? { notifyMode: 'SMS', mobile: person.mobile }
        : { notifyMode: 'EMAIL', email: person.email },
    service: options.service === 'mypost24' ? 'MYPOST24' : 'PICKPOST',
  };
}

export const RegisterUserResponseSchema = z.object({
  id: PickPostIdSchema,
  verified: z.string().min(1),
});

/** What `address.validate()` sends [V DEV §5]. */
export function addressValidationJson(address: {
  firstName?: string | undefined;
  lastName?: string | undefined;
  street?: string | undefined;
  houseNo?: string | undefined;
  poBox?: string | undefined;
  zip: string;
  city: string;
}): Record<string, unknown> {
  return {
    addressee: { firstName: address.firstName, lastName: address.lastName },
    geographicLocation: {
      house: { street: address.street, houseNumber: address.houseNo },
      zip: { zip: address.zip, city: address.city },
    },
    ...(address.poBox === undefined ? {} : { logisticLocation: { postBoxNumber: address.poBox } }),
    fullValidation: true,
  };
}

export const AddressValidationResponseSchema = z.object({
  quality: z.enum(ADDRESS_QUALITY_GRADES),
  address: z
    .object({
      geographicLocation: z
        .object({
          house: z
            .object({
              street: z.string().optional(),
              houseNumber: z.string().optional(),
              houseKey: z.string().optional(),
            })
            .partial()
            .optional(),
          zip: z
            .object({ zip: z.string().optional(), city: z.string().optional() })
            .partial()
            .optional(),
        })
        .partial()
        .optional(),
    })
    .passthrough()
    .optional(),
});
