import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockPostServer } from '../src/server';
import { createMockPostServer } from '../src/server';
import { postJson, sampleLabelRequest, tokenFor } from './helpers';

let post: MockPostServer;
let token: string;
const url = () => `${post.baseUrls.barcode}/generateAddressLabel`;

beforeAll(async () => {
  post = await createMockPostServer();
  token = await tokenFor(post, 'DCAPI_BARCODE_READ');
});
afterAll(() => post.close());

function withChange(change: (body: Record<string, any>) => void): Record<string, any> {
  const body = sampleLabelRequest();
  change(body);
  return body;
}

describe('generateAddressLabel: success', () => {
  it('answers Swiss Post sample shape with a real PDF label and records the shipment', async () => {
    const { status, body } = await postJson(url(), token, sampleLabelRequest());
    expect(status).toBe(200);
    expect(body.labelDefinition).toMatchObject({
      labelLayout: 'A6',
      imageFileType: 'pdf',
      imageResolution: 300,
    });
    expect(body.item.identCode).toMatch(/^9960013217\d{8}$/);
    const pdf = Buffer.from(body.item.label[0], 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const received = post.state.shipments.find(
      (shipment) => shipment.identcode === body.item.identCode,
    );
    expect(received).toMatchObject({
      source: 'barcode-webservice',
      frankingLicense: '60013217',
      przl: ['PRI'],
      weightGrams: 1200,
    });
    expect(received?.recipient).toMatchObject({ name2: 'PickPost 12345678', zip: '5000' });
  });

  it('uses the item number it is given and generates one otherwise', async () => {
    const given = await postJson(
      url(),
      token,
      withChange((body) => {
        body.item.itemNumber = '424242';
      }),
    );
    expect(given.body.item.identCode).toBe('996001321700424242');
    const generated = await postJson(url(), token, sampleLabelRequest());
    expect(generated.body.item.identCode).not.toBe(given.body.item.identCode);
  });

  it('renders ZPL2 with the barcode command in subset C and marks previews SPECIMEN', async () => {
    const { body } = await postJson(
      url(),
      token,
      withChange((b) => {
        b.labelDefinition.imageFileType = 'ZPL2';
        b.labelDefinition.imageResolution = 200;
        b.labelDefinition.printPreview = true;
      }),
    );
    const zpl = Buffer.from(body.item.label[0], 'base64').toString('utf8');
    expect(zpl).toMatch(new RegExp(`\\^BCN,184,N,N,N\\^FD>;${body.item.identCode}\\^FS`));
    expect(zpl).toContain('SPECIMEN');
    expect(zpl).toContain('PickPost 12345678');
  });

  it('honours printAddresses NONE', async () => {
    const { body } = await postJson(
      url(),
      token,
      withChange((b) => {
        b.labelDefinition.imageFileType = 'ZPL2';
        b.labelDefinition.printAddresses = 'NONE';
      }),
    );
    const zpl = Buffer.from(body.item.label[0], 'base64').toString('utf8');
    expect(zpl).not.toContain('Muster');
    expect(zpl).not.toContain('Velo Shop');
  });

  it('ignores an IdentCode in the request with warning W9997', async () => {
    const { status, body } = await postJson(
      url(),
      token,
      withChange((b) => {
        b.item.identCode = '996001321799999999';
      }),
    );
    expect(status).toBe(200);
    expect(body.item.identCode).not.toBe('996001321799999999');
    expect(body.item.warnings).toEqual([expect.objectContaining({ code: 'W9997' })]);
  });

  it('answers in the language of the call', async () => {
    const { body } = await postJson(
      url(),
      token,
      withChange((b) => {
        b.language = 'FR';
        b.frankingLicense = '12345678';
      }),
    );
    expect(body.item.errors[0]).toEqual({
      code: 'E2010',
      message: 'Licence d’affranchissement non autorisée pour cet utilisateur',
    });
  });
});

describe('generateAddressLabel: E-codes in an HTTP 200 body', () => {
  // Each change with the code that §Z (or §A1) gives its meaning to.
  it.each([
    ['E2009', (b: any) => delete b.frankingLicense],
    ['E2027', (b: any) => (b.frankingLicense = '013217')],
    ['E2010', (b: any) => (b.frankingLicense = '12345678')],
    ['E2017', (b: any) => delete b.customer.street],
    ['E2001', (b: any) => delete b.item.recipient.name1],
    ['E2001', (b: any) => (b.item.recipient.pobox = 'Postfach 12')],
    ['E2025', (b: any) => delete b.item.recipient.street],
    ['E2032', (b: any) => delete b.item.recipient.zip],
    ['E2033', (b: any) => (b.item.recipient.zip = '80a1')],
    ['E2034', (b: any) => (b.item.recipient.zip = '80011')],
    ['E2034', (b: any) => (b.item.recipient.zip = '801')],
    ['E2066', (b: any) => (b.item.recipient.country = 'DE')],
    ['E2036', (b: any) => (b.item.attributes.weight = 100000)],
    ['E2037', (b: any) => (b.item.attributes.weight = -1)],
    ['E2011', (b: any) => (b.item.itemNumber = '0')],
    ['E2011', (b: any) => (b.item.itemNumber = '00000000')],
    ['E2041', (b: any) => (b.item.recipient.email = 'hans.muster@')],
    ['E2042', (b: any) => (b.item.recipient.phone = '+41 79 123 45 67')],
    ['E2042', (b: any) => (b.item.recipient.mobile = '079 123')],
    ['E2045', (b: any) => (b.item.itemID = 'order#1042')],
    ['E2064', (b: any) => (b.item.recipient.labelAddress = { labelLine: ['only one line'] })],
    ['E1015', (b: any) => (b.item.attributes.przl = ['PRI', 'XYZ'])],
    ['E1015', (b: any) => (b.item.attributes.przl = ['PRIS16302X'])],
    ['E1000', (b: any) => (b.item.attributes.przl = ['PRI', 'ECO'])],
    ['E1000', (b: any) => (b.item.attributes.przl = ['SI'])],
    ['E1000', (b: any) => (b.item.attributes.przl = ['GAS'])],
    ['E1000', (b: any) => (b.item.attributes.przl = ['GAS', 'SEM'])],
    ['E1000', (b: any) => (b.item.attributes.przl = ['PRI', 'RINL'])],
    ['E1001', (b: any) => (b.item.attributes.przl = ['SEM', 'SP'])],
    ['E1001', (b: any) => (b.item.attributes.przl = ['PRISI', 'SI'])],
    ['E1001', (b: any) => (b.item.attributes.przl = ['PRI', 'AR'])],
    ['E1001', (b: any) => (b.item.attributes.przl = ['PRI', 'SI', 'SI'])],
  ])('%s', async (code, change) => {
    const before = post.state.shipments.length;
    const { status, body } = await postJson(url(), token, withChange(change));
    expect(status).toBe(200);
    expect(body.item.errors.map((error: { code: string }) => error.code)).toEqual([code]);
    expect(body.item.identCode).toBeUndefined();
    expect(post.state.shipments.length).toBe(before);
  });

  it('E2016 for an item number already used with the licence', async () => {
    const body = withChange((b) => {
      b.item.itemNumber = '777';
    });
    expect((await postJson(url(), token, body)).status).toBe(200);
    const second = await postJson(url(), token, body);
    expect(second.body.item.errors).toEqual([expect.objectContaining({ code: 'E2016' })]);
  });
});

describe('generateAddressLabel: schema violations are HTTP 400', () => {
  it.each([
    [
      'item.recipient.name1',
      (b: any) => {
        b.item.recipient.name1 = 'N'.repeat(36);
      },
    ],
    [
      'item.recipient.houseNo',
      (b: any) => {
        b.item.recipient.houseNo = '12345678901';
      },
    ],
    [
      'customer.name1',
      (b: any) => {
        b.customer.name1 = 'S'.repeat(26);
      },
    ],
    [
      'item.recipient.street',
      (b: any) => {
        b.item.recipient.street = 'Bahnhof<strasse';
      },
    ],
    [
      'item.attributes.przl',
      (b: any) => {
        b.item.attributes.przl = [];
      },
    ],
    ['item.itemNumber', (b: any) => (b.item.itemNumber = '123456789')],
    ['item.itemNumber', (b: any) => (b.item.itemNumber = '12a')],
    // A JSON number, not the swagger model's string (§Z).
    ['item.itemNumber', (b: any) => (b.item.itemNumber = 4712)],
    ['language', (b: any) => delete b.language],
    ['language', (b: any) => (b.language = 'de')],
    ['item.attributes.weight', (b: any) => (b.item.attributes.weight = 12.5)],
    ['item.attributes.weight', (b: any) => (b.item.attributes.weight = '1200')],
    ['item.attributes.przl[0]', (b: any) => (b.item.attributes.przl = ['PRIS1630210'])],
    ['item.attributes.przl', (b: any) => (b.item.attributes.przl = ['RINL'])],
    [
      'labelDefinition.labelLayout',
      (b: any) => {
        b.labelDefinition.labelLayout = 'A4';
      },
    ],
    [
      'labelDefinition.imageResolution',
      (b: any) => {
        b.labelDefinition.imageResolution = 150;
      },
    ],
    [
      'item.additionalData',
      (b: any) => {
        b.item.additionalData = Array.from({ length: 21 }, () => ({
          type: 'NN_BETRAG',
          value: '1',
        }));
      },
    ],
  ])('%s', async (field, change) => {
    const { status, body } = await postJson(url(), token, withChange(change));
    expect(status).toBe(400);
    expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses houseNo, email or phone in the sender with an empty 400, as the real service does', async () => {
    const { status, body } = await postJson(
      url(),
      token,
      withChange((b) => {
        b.customer.houseNo = '4';
      }),
    );
    expect(status).toBe(400);
    expect(body).toBe('');
  });
});

describe('generateAddressLabel: what the real service accepts (§Z)', () => {
  async function labelFor(change: (b: any) => void) {
    const { status, body } = await postJson(url(), token, withChange(change));
    expect(status).toBe(200);
    expect(body.item.errors).toBeUndefined();
    expect(body.item.identCode).toMatch(/^\d{18}$/);
    return body;
  }
  const shipmentOf = (identcode: string) =>
    post.state.shipments.find((shipment) => shipment.identcode === identcode);

  it('makes a label without a weight, and for weight 0 as in recorded traffic [C OCA]', async () => {
    const without = await labelFor((b) => delete b.item.attributes.weight);
    expect(shipmentOf(without.item.identCode)?.weightGrams).toBeUndefined();
    const zero = await labelFor((b) => (b.item.attributes.weight = 0));
    expect(shipmentOf(zero.item.identCode)?.weightGrams).toBe(0);
  });

  it('makes a label without an itemID and answers without one', async () => {
    const body = await labelFor((b) => delete b.item.itemID);
    expect(body.item).not.toHaveProperty('itemID');
    expect(shipmentOf(body.item.identCode)?.itemId).toBeUndefined();
  });

  it.each([600, '600'])('takes imageResolution %j and answers 600', async (resolution) => {
    const body = await labelFor((b) => (b.labelDefinition.imageResolution = resolution));
    expect(body.labelDefinition.imageResolution).toBe(600);
  });

  it.each([
    [['GAS', 'ECO']],
    [['PRI', 'GAS']],
    [['PRIS163021']],
    [['PRI', 'ZF16302100']],
    [['ECO', 'SP']],
    [['PRISI', 'SA']],
  ])('takes the service codes %j', async (przl) => {
    const body = await labelFor((b) => (b.item.attributes.przl = przl));
    expect(shipmentOf(body.item.identCode)?.przl).toEqual(przl);
  });

  it('says colorPrintRequired for a PDF label, as real answers do', async () => {
    const body = await labelFor(() => {});
    expect(body.labelDefinition.colorPrintRequired).toBe(true);
  });

  it('warns W2005 for a phone number without ZAW3213 and still makes the label', async () => {
    const warned = await labelFor((b) => (b.item.recipient.phone = '079 123 45 67'));
    expect(warned.item.warnings).toEqual([
      { code: 'W2005', message: 'Telefonnummer ohne Zustellanweisung ZAW3213 angegeben' },
    ]);
    const instructed = await labelFor((b) => {
      b.item.recipient.phone = '079 123 45 67';
      b.item.attributes.przl = ['PRI', 'ZAW3213'];
    });
    expect(instructed.item.warnings).toBeUndefined();
  });
});
