import type { MockClient } from '../clients';
import type { RouteAnswer } from '../http';
import { json } from '../http';
import { renderMockLabel } from '../labels/label-document';
import { parcelIdentcode } from '../rules/identcode';
import type { ItemFindings } from '../rules/item-rules';
import {
  checkCustomer,
  checkFrankingLicense,
  checkItemHeader,
  checkRecipient,
  createFindings,
  isObject,
} from '../rules/item-rules';
import type { Language } from '../rules/post-codes';
import { coded } from '../rules/post-codes';
import { checkAttributes, checkPhoneInstruction } from '../rules/service-rules';
import type { MockPostState } from '../state';

const LAYOUTS = ['A5', 'A6', 'A7'] as const;
const PRINT_ADDRESSES = [
  'NONE',
  'ONLY_RECIPIENT',
  'ONLY_CUSTOMER',
  'RECIPIENT_AND_CUSTOMER',
] as const;
/** Formats the real service offers [V HB]; the simulator renders PDF and ZPL2 only. */
const REAL_FILE_TYPES = ['EPS', 'GIF', 'JPG', 'PNG', 'PDF', 'SPDF', 'ZPL2'];
const SIMULATED_FILE_TYPES = ['PDF', 'ZPL2'] as const;
/** Printer resolutions in dpi [V HB-EN §4.7; 600 accepted in recorded traffic, C OCA]. */
const RESOLUTIONS = [200, 300, 600];
const LANGUAGES = ['DE', 'FR', 'IT', 'EN'] as const;

/**
 * `imageResolution` as a number of dpi. A recorded client sent `"600"` as a string and got
 * `600` back [C OCA cassette `test_2_missing_language`], so digit strings are read as numbers.
 */
function resolutionOf(value: unknown): number | undefined {
  const dpi = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof dpi === 'number' && RESOLUTIONS.includes(dpi) ? dpi : undefined;
}

/**
 * `colorPrintRequired` in the answer: `true` in every real answer seen, for PDF and JPG labels
 * with the Post's mark [V DEV §8.14 sample; C OCA, §Z]. No ZPL2 answer was seen; a ZPL printer
 * prints one colour and the simulator's ZPL label has none, so `false` there [G].
 */
const colorPrintRequired = (imageFileType: string) => imageFileType !== 'ZPL2';

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function validationErrors(findings: ItemFindings): RouteAnswer {
  return json(400, { status: 400, error: 'Bad Request', errors: findings.fieldErrors });
}

/** The next item number not yet used for the licence. */
function nextFreeItemNumber(used: ReadonlySet<number> = new Set()): number {
  let candidate = used.size + 1;
  while (used.has(candidate)) candidate += 1;
  return candidate;
}

function joinName(...parts: unknown[]): string {
  return parts.filter((part) => typeof part === 'string' && part.trim() !== '').join(' ');
}

function addressLines(source: Record<string, unknown>, kind: 'recipient' | 'customer'): string[] {
  const zipCity = joinName(source.zip, source.city);
  if (kind === 'customer') {
    return [source.name1, source.name2, source.street, source.pobox, zipCity].filter(
      (line): line is string => typeof line === 'string' && line !== '',
    );
  }
  return [
    joinName(source.firstName, source.name1),
    source.name2,
    source.name3,
    joinName(source.street, source.houseNo),
    source.pobox,
    zipCity,
  ].filter((line): line is string => typeof line === 'string' && line !== '');
}

/**
 * `POST /barcode/v1/generateAddressLabel` of the Digital Commerce API [C VEKKON, OCA, WPPOST;
 * V DEV §8.14 sample]: one item per request. Schema violations are HTTP 400 with field errors,
 * business errors are E-codes in `item.errors` of an HTTP 200 body, warnings come beside a
 * label. Every accepted item is recorded as shipment data the Post has received.
 */
export async function handleGenerateAddressLabel(
  payload: unknown,
  context: { client: MockClient; state: MockPostState; now: number },
): Promise<RouteAnswer> {
  const findings = createFindings();
  if (!isObject(payload)) {
    findings.fieldErrors.push({ field: '', error: 'must be a JSON object' });
    return validationErrors(findings);
  }
  // `language` is required [V VEKKON swagger, §Z]. What the real service answers without it is
  // not recorded, so the schema-violation shape of §A2 (HTTP 400 ValidationError) [G].
  const language: Language = oneOf(payload.language, LANGUAGES) ? payload.language : 'EN';
  if (payload.language === undefined || payload.language === null) {
    findings.fieldErrors.push({ field: 'language', error: 'must not be null' });
  } else if (payload.language !== language) {
    findings.fieldErrors.push({
      field: 'language',
      error: `must be one of ${LANGUAGES.join(', ')}`,
      rejectedValue: payload.language,
    });
  }
  const customer = payload.customer;
  // The REST service refuses these sender elements with an empty HTTP 400 [C WPPOST, observed].
  if (
    isObject(customer) &&
    ['houseNo', 'email', 'phone'].some((key) => customer[key] !== undefined)
  ) {
    return { status: 400 };
  }

  const definition = payload.labelDefinition;
  if (!isObject(definition)) {
    findings.fieldErrors.push({ field: 'labelDefinition', error: 'must not be null' });
    return validationErrors(findings);
  }
  if (!oneOf(definition.labelLayout, LAYOUTS)) {
    findings.fieldErrors.push({
      field: 'labelDefinition.labelLayout',
      error: 'must be one of A5, A6, A7',
      rejectedValue: definition.labelLayout,
    });
  }
  if (!oneOf(definition.printAddresses, PRINT_ADDRESSES)) {
    findings.fieldErrors.push({
      field: 'labelDefinition.printAddresses',
      error: `must be one of ${PRINT_ADDRESSES.join(', ')}`,
      rejectedValue: definition.printAddresses,
    });
  }
  if (!oneOf(definition.imageFileType, REAL_FILE_TYPES)) {
    findings.fieldErrors.push({
      field: 'labelDefinition.imageFileType',
      error: `must be one of ${REAL_FILE_TYPES.join(', ')}`,
      rejectedValue: definition.imageFileType,
    });
  } else if (!oneOf(definition.imageFileType, SIMULATED_FILE_TYPES)) {
    findings.fieldErrors.push({
      field: 'labelDefinition.imageFileType',
      error: 'the simulator renders PDF and ZPL2 only',
      rejectedValue: definition.imageFileType,
    });
  }
  const resolution = resolutionOf(definition.imageResolution);
  if (resolution === undefined) {
    findings.fieldErrors.push({
      field: 'labelDefinition.imageResolution',
      error: 'must be 200, 300 or 600',
      rejectedValue: definition.imageResolution,
    });
  }

  const item = payload.item;
  if (!isObject(item)) {
    findings.fieldErrors.push({ field: 'item', error: 'must not be null' });
    return validationErrors(findings);
  }
  const frankingLicense = checkFrankingLicense(
    payload.frankingLicense,
    context.client.frankingLicenses,
    findings,
    language,
  );
  checkCustomer(customer, findings, language);
  const { itemId, itemNumber: requestedNumber } = checkItemHeader(item, 'item', findings, language);
  const recipient = checkRecipient(item.recipient, 'item.recipient', findings, language);
  const { przl, weightGrams } = checkAttributes(
    item.attributes,
    'item.attributes',
    findings,
    language,
  );
  checkPhoneInstruction(recipient, przl, findings, language);
  if (findings.fieldErrors.length > 0 || resolution === undefined) {
    return validationErrors(findings);
  }

  const echoedDefinition = {
    labelLayout: definition.labelLayout,
    printAddresses: definition.printAddresses,
    imageFileType: String(definition.imageFileType).toLowerCase(),
    imageResolution: resolution,
    printPreview: definition.printPreview === true,
    colorPrintRequired: colorPrintRequired(String(definition.imageFileType)),
  };
  const used =
    frankingLicense === undefined ? undefined : context.state.itemNumbers.get(frankingLicense);
  if (requestedNumber !== undefined && used?.has(requestedNumber) === true) {
    findings.errors.push(coded('E2016', language));
  }
  if (findings.errors.length > 0 || frankingLicense === undefined) {
    const warnings = findings.warnings.length > 0 ? { warnings: findings.warnings } : {};
    return json(200, {
      labelDefinition: echoedDefinition,
      item: { itemID: item.itemID, errors: findings.errors, ...warnings },
    });
  }

  const itemNumber = requestedNumber ?? nextFreeItemNumber(used);
  // Cannot fail: nothing ran since the E2016 check above.
  context.state.claimItemNumber(frankingLicense, itemNumber);
  const identcode = parcelIdentcode(frankingLicense, itemNumber);
  const printAddresses = definition.printAddresses as (typeof PRINT_ADDRESSES)[number];
  const imageFileType = definition.imageFileType as (typeof SIMULATED_FILE_TYPES)[number];
  const bytes = await renderMockLabel({
    identcode,
    layout: definition.labelLayout as (typeof LAYOUTS)[number],
    imageFileType,
    resolution,
    senderLines:
      printAddresses === 'ONLY_CUSTOMER' || printAddresses === 'RECIPIENT_AND_CUSTOMER'
        ? addressLines(customer as Record<string, unknown>, 'customer')
        : [],
    recipientLines:
      printAddresses === 'ONLY_RECIPIENT' || printAddresses === 'RECIPIENT_AND_CUSTOMER'
        ? addressLines(recipient, 'recipient')
        : [],
    services: przl,
    printPreview: echoedDefinition.printPreview,
  });
  context.state.labels.set(identcode, {
    identcode,
    imageFileType,
    bytes,
    printPreview: echoedDefinition.printPreview,
  });
  context.state.shipments.push({
    source: 'barcode-webservice',
    frankingLicense,
    itemNumber,
    identcode,
    itemId,
    recipient: { ...recipient },
    przl,
    weightGrams,
    receivedAt: context.now,
  });
  const warnings = findings.warnings.length > 0 ? { warnings: findings.warnings } : {};
  return json(200, {
    labelDefinition: echoedDefinition,
    item: {
      ...(itemId === undefined ? {} : { itemID: itemId }),
      identCode: identcode,
      label: [Buffer.from(bytes).toString('base64')],
      ...warnings,
    },
  });
}
