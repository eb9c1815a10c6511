/**
 * Where each field of a DataTransfer record sits in the SDK's XML: element paths below the root
 * (whatever the root is called) and the record field each holds. The reader reads by it, and
 * the onboarding check prints it beside Swiss Post's sample files, so both say the same thing.
 */

/** One element of the SDK's XML: its path below the root and the field it holds. */
export interface FieldMapping {
  /** `FileInfos/Customer/ZIP`, `Data/Provider/Sending/Item/Recipient/Name1`. */
  path: string;
  /** `sender.zip`, `item.recipient.name1`; `undefined` for an element that only holds others. */
  field: string | undefined;
}

const ITEM = 'Data/Provider/Sending/Item';

const leaves = (parent: string, fieldPrefix: string, table: Record<string, string>) =>
  Object.entries(table).map(([element, field]) => ({
    path: `${parent}/${element}`,
    field: `${fieldPrefix}${field}`,
  }));

const containers = (...paths: string[]): FieldMapping[] =>
  paths.map((path) => ({ path, field: undefined }));

export const CUSTOMER_FIELDS = {
  Name1: 'name1',
  Name2: 'name2',
  Street: 'street',
  POBox: 'poBox',
  ZIP: 'zip',
  City: 'city',
  Country: 'country',
  DomicilePostOffice: 'domicilePostOffice',
} as const;

export const RECIPIENT_FIELDS = {
  Title: 'title',
  Firstname: 'firstName',
  Name1: 'name1',
  Name2: 'name2',
  Name3: 'name3',
  Street: 'street',
  HouseNo: 'houseNo',
  POBox: 'pobox',
  ZIP: 'zip',
  City: 'city',
  Country: 'country',
  Phone: 'phone',
  Mobile: 'mobile',
  EMail: 'email',
} as const;

/** Every element the SDK writes, in document order. */
export const SDK_FIELD_MAP: readonly FieldMapping[] = [
  ...containers('FileInfos'),
  ...leaves('FileInfos', '', {
    FrankingLicense: 'frankingLicense',
    PpFranking: 'ppFranking',
    FileName: 'fileName',
    CreatedAt: 'createdAt',
  }),
  ...containers('FileInfos/Customer'),
  ...leaves('FileInfos/Customer', 'sender.', CUSTOMER_FIELDS),
  ...containers('Data', 'Data/Provider', 'Data/Provider/Sending', ITEM),
  ...leaves(ITEM, 'item.', { ItemID: 'itemId', ItemNumber: 'itemNumber', IdentCode: 'identcode' }),
  ...containers(`${ITEM}/Recipient`),
  ...leaves(`${ITEM}/Recipient`, 'item.recipient.', RECIPIENT_FIELDS),
  ...containers(`${ITEM}/AdditionalINFOS`, `${ITEM}/AdditionalINFOS/AdditionalData`),
  ...leaves(`${ITEM}/AdditionalINFOS/AdditionalData`, 'item.additionalData[].', {
    Type: 'type',
    Value: 'value',
  }),
  ...containers(`${ITEM}/Attributes`),
  ...leaves(`${ITEM}/Attributes`, 'item.', { PRZL: 'przl[]', FreeText: 'freeText' }),
  ...containers(`${ITEM}/Attributes/Dimensions`),
  ...leaves(`${ITEM}/Attributes/Dimensions`, 'item.', { Weight: 'weightGrams' }),
  ...containers('Summary'),
  ...leaves('Summary', '', { ItemCount: 'itemCount' }),
];

/** The element names the SDK writes, the root excluded. */
export const SDK_ELEMENT_NAMES: ReadonlySet<string> = new Set(
  SDK_FIELD_MAP.map((entry) => entry.path.slice(entry.path.lastIndexOf('/') + 1)),
);
