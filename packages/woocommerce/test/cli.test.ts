import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The label readers of core's tests (PDF pages and sizes, PNG barcodes).
import { rasterRects, readableBarcodes, readPdf, readPng } from '../../core/test/label-readers';
import { runCli, usage } from '../src/cli';
import { META } from '../src/order-mapping';
import { freePort, runCliChild, SECRETS_ENV, startServe, waitFor, writeConfig } from './cli-kit';
import { metaOf, ownNotes, startJourney } from './journey-kit';
import { orderBody } from './shop-fixtures';

type Journey = Awaited<ReturnType<typeof startJourney>>;
let j: Journey;
let dir: string;
let configFile: string;
let port: number;

beforeAll(async () => {
  j = await startJourney('4b', { shop: { webhookRepeat: 3 } });
  dir = mkdtempSync(join(tmpdir(), 'pickpost-woo-cli-'));
  port = await freePort();
  configFile = writeConfig(dir, j.shop, j.post, port);
});
afterAll(async () => {
  await j.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pickpost-woocommerce', () => {
  it('prints help lines of at most 100 characters', async () => {
    const lines = usage().split('\n');
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    const labels = await runCliChild(['labels', '--help'], dir);
    expect(labels.code).toBe(0);
    expect(labels.stdout).toContain('--status');
    expect(labels.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    const unknown = await runCliChild(['frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command frobnicate');
  });

  it('names a missing environment variable and never prints a secret value', async () => {
    const { WOO_CONSUMER_SECRET: _omitted, ...env } = SECRETS_ENV;
    const result = await runCliChild(['sync', '--once', '--config', 'shop.json'], dir, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('woocommerce.consumerSecret');
    expect(result.stderr).toContain('WOO_CONSUMER_SECRET');
    for (const value of Object.values(SECRETS_ENV)) expect(result.stderr).not.toContain(value);
  });

  it('sync --once makes the labels, writes back and flushes DataTransfer beside the config', async () => {
    const ids = [(await j.checkout(1)).id, (await j.checkout(2)).id];
    const invalid = j.shop.shop.createOrder(orderBody({ meta_data: [] })).id;
    // The config path is relative: read from INIT_CWD, the folder the user typed it in.
    const result = await runCliChild(['sync', '--once', '--config', 'shop.json'], dir);
    expect(result.stderr).not.toMatch(/"level":"(warn|error)"/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 labels made, 1 held with a note');
    expect(result.stdout).toContain('DataTransfer: 2 shipments delivered');
    for (const id of ids) expect(j.shop.state.order(id)?.status).toBe('completed');
    expect(j.shop.state.order(invalid)?.status).toBe('on-hold');
    expect(existsSync(join(dir, 'state.db'))).toBe(true);
    expect(readdirSync(join(dir, 'datatransfer')).length).toBeGreaterThan(0);

    const dead = await runCliChild(['dead-letters', '--config', 'shop.json'], dir);
    expect(dead.code).toBe(0);
    expect(dead.stdout).toContain(`${invalid}\t`);
    expect(dead.stdout).toContain(META.selection);

    const again = await runCliChild(['sync', '--once', '--config', 'shop.json'], dir);
    expect(again.stdout).toContain('0 labels made, 0 held');
  });

  it('labels writes one merged PDF of the orders in a status', async () => {
    const result = await runCliChild(
      ['labels', '--config', 'shop.json', '--status', 'completed', '--out', 'out.pdf'],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 labels written to .*out\.pdf/);
    // Not a terminal: no progress lines in what may be a log.
    expect(result.stderr).not.toContain('\r');
    const pdf = readFileSync(join(dir, 'out.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(join(dir, 'out.pdf.partial'))).toBe(false);
    const a4 = await runCliChild(
      [
        'labels',
        '--config',
        'shop.json',
        '--status',
        'completed',
        '--out',
        'a4.pdf',
        '--sheet',
        'a4',
        '--start',
        '3',
      ],
      dir,
    );
    expect(a4.code).toBe(0);
    // Two A6 labels from position 3: slots 3 and 4 of one A4 page; without --sheet, one A6
    // page (landscape, as the label is drawn) per label.
    const sheet = readPdf(readFileSync(join(dir, 'a4.pdf'))).pages;
    expect(sheet).toHaveLength(1);
    expect(sheet.map((page) => [Math.round(page.width), Math.round(page.height)])).toEqual([
      [210, 297],
    ]);
    const a6 = readPdf(pdf).pages;
    expect(a6.map((page) => [Math.round(page.width), Math.round(page.height)])).toEqual([
      [148, 105],
      [148, 105],
    ]);
    const none = await runCliChild(
      ['labels', '--config', 'shop.json', '--status', 'pending', '--out', 'none.pdf'],
      dir,
    );
    expect(none.code).toBe(1);
    expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
  });

  it('labels shows its progress per label on a terminal, and only there', async () => {
    const run = async (errIsTty: boolean) => {
      const err: string[] = [];
      const io = { out: () => undefined, err: (line: string) => err.push(line), errIsTty };
      const argv = ['labels', '--config', 'shop.json', '--status', 'completed', '--out', 'p.pdf'];
      const code = await runCli(argv, { ...io, env: { ...SECRETS_ENV, INIT_CWD: dir } });
      return { code, err };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    const progress = tty.err.filter((line) => line.startsWith('\rlabel '));
    // Told as each label is drawn, while the file is written, the last one at the end.
    expect(progress).toEqual(['\rlabel 1 of 2', '\rlabel 2 of 2']);
    expect(tty.err.at(-1)).toBe('\n');
    const piped = await run(false);
    expect(piped.code).toBe(0);
    expect(piped.err.filter((line) => line.startsWith('\r'))).toEqual([]);
  });

  it('doctor passes every check but the webhooks before serve has set them up', async () => {
    const result = await runCliChild(['doctor', '--config', 'shop.json'], dir);
    expect(result.code).toBe(1);
    for (const check of ['shop reachable', 'key permissions', 'Swiss Post', 'store'])
      expect(result.stdout).toContain(`✓ ${check}`);
    expect(result.stdout).toContain('✗ webhooks');
  });

  it('serve: webhooks, health, the plugin proxy, labels with the admin token, graceful stop', async () => {
    const served = await startServe(configFile, dir);
    const url = `http://127.0.0.1:${port}`;
    try {
      expect(served.output()).toContain('webhooks: 2 created');
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, variant: '4b', deadLetters: 1 });

      const order = await j.checkout(3);
      await waitFor(() => ownNotes(j.shop, order.id).length > 0);
      const identcode = metaOf(j.shop, order.id, META.identcode) as string;
      expect(ownNotes(j.shop, order.id)).toHaveLength(1);
      const labelUrl = metaOf(j.shop, order.id, META.labelUrl) as string;
      expect(labelUrl).toBe(`${url}/pickpost/labels/${identcode}`);
      expect((await fetch(labelUrl)).status).toBe(401);
      const label = await fetch(labelUrl, {
        headers: { authorization: `Bearer ${SECRETS_ENV.PICKPOST_ADMIN_TOKEN}` },
      });
      expect(label.status).toBe(200);
      expect(label.headers.get('content-type')).toBe('application/pdf');
      // The barcode alone, for the shop's delivery notes: behind the same token.
      const barcodeUrl = metaOf(j.shop, order.id, META.barcodeUrl) as string;
      expect(barcodeUrl).toBe(`${url}/pickpost/barcodes/${identcode}`);
      expect((await fetch(barcodeUrl)).status).toBe(401);
      const barcode = await fetch(`${barcodeUrl}?format=png&resolution=300`, {
        headers: { authorization: `Bearer ${SECRETS_ENV.PICKPOST_ADMIN_TOKEN}` },
      });
      expect(barcode.headers.get('content-type')).toBe('image/png');
      const png = readPng(new Uint8Array(await barcode.arrayBuffer()));
      expect(readableBarcodes(rasterRects(png.raster, 300 / 25.4)).map((c) => c.digits)).toEqual([
        identcode,
      ]);

      const ts = String(Math.floor(Date.now() / 1000));
      const sign = (secret: string) =>
        createHmac('sha256', secret).update(`wc-customer:9.${ts}`).digest('hex');
      const proxied = await fetch(`${url}/pickpost/points?zip=8001&limit=1`, {
        headers: {
          'x-pickpost-customer': 'wc-customer:9',
          'x-pickpost-timestamp': ts,
          'x-pickpost-signature': sign(SECRETS_ENV.PICKPOST_SHARED_SECRET),
        },
      });
      expect(proxied.status).toBe(200);
      const forged = await fetch(`${url}/pickpost/points?zip=8001&limit=1`, {
        headers: {
          'x-pickpost-customer': 'wc-customer:9',
          'x-pickpost-timestamp': ts,
          'x-pickpost-signature': sign('another-secret-0123456789'),
        },
      });
      expect(forged.status).toBe(401);

      // The write-back's own deliveries came in and made nothing more.
      await j.shop.settled();
      const batches = j.shop.state.requests.filter((r) => r.restRoute === '/wc/v3/orders/batch');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(
        j.shop.state.requests.filter((r) => r.restRoute === '/wc/v3/orders/batch'),
      ).toHaveLength(batches.length);
    } finally {
      served.child.kill('SIGTERM');
    }
    expect(await served.exited).toBe(0);
    expect(served.output()).toContain('stopped: 1 labels made');
    for (const value of Object.values(SECRETS_ENV)) expect(served.output()).not.toContain(value);
  });
});
