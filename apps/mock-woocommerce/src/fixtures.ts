// The simulated shop's fixed contents: its WordPress users, its products and the demo API keys.
// Names, addresses and products are synthetic (a small Swiss bike shop).
import { createHash } from 'node:crypto';
import type { ConsumerKey } from './auth';
import type { Address } from './orders/order-record';

export interface ShopUser {
  id: number;
  login: string;
  displayName: string;
  /** Administrators and shop managers may do everything; editors hold no WooCommerce capability. */
  role: 'administrator' | 'editor' | 'customer';
}

export const USERS: readonly ShopUser[] = [
  { id: 1, login: 'shop-manager', displayName: 'Shop Manager', role: 'administrator' },
  { id: 2, login: 'editor', displayName: 'Content Editor', role: 'editor' },
  { id: 3, login: 'anna.meier', displayName: 'Anna Meier', role: 'customer' },
  { id: 4, login: 'luca.rossi', displayName: 'Luca Rossi', role: 'customer' },
  { id: 5, login: 'claire.dubois', displayName: 'Claire Dubois', role: 'customer' },
];

export interface ProductFixture {
  name: string;
  sku: string;
  /** Regular price, a decimal string as WooCommerce keeps it. */
  price: string;
  /** In kg, as WooCommerce's default weight unit. */
  weight: string;
  dimensions: { length: string; width: string; height: string };
}

export const PRODUCTS: readonly ProductFixture[] = [
  {
    name: 'Trinkflasche 750 ml',
    sku: 'BOT-750',
    price: '12.90',
    weight: '0.2',
    dimensions: { length: '25', width: '8', height: '8' },
  },
  {
    name: 'Veloschloss Kabel',
    sku: 'LOCK-CAB',
    price: '24.50',
    weight: '0.6',
    dimensions: { length: '20', width: '15', height: '5' },
  },
  {
    name: 'Regenjacke Herren',
    sku: 'JKT-RAIN-M',
    price: '89.00',
    weight: '0.5',
    dimensions: { length: '35', width: '25', height: '6' },
  },
  {
    name: 'Velolicht Set',
    sku: 'LIGHT-SET',
    price: '39.90',
    weight: '0.3',
    dimensions: { length: '18', width: '12', height: '6' },
  },
  {
    name: 'Werkzeugset Mini',
    sku: 'TOOL-MINI',
    price: '19.00',
    weight: '0.25',
    dimensions: { length: '12', width: '6', height: '3' },
  },
  {
    name: 'Kinderhelm',
    sku: 'HELM-KID',
    price: '59.00',
    weight: '0.4',
    dimensions: { length: '28', width: '22', height: '18' },
  },
];

/** Addresses generated orders draw from (street, postcode, town are real places; people are not). */
export const ADDRESSES: readonly Address[] = [
  {
    first_name: 'Anna',
    last_name: 'Meier',
    company: '',
    address_1: 'Bahnhofstrasse 12',
    address_2: '',
    city: 'Zürich',
    state: 'ZH',
    postcode: '8001',
    country: 'CH',
    email: 'anna.meier@example.ch',
    phone: '+41 44 000 00 01',
  },
  {
    first_name: 'Luca',
    last_name: 'Rossi',
    company: '',
    address_1: 'Via Nassa 5',
    address_2: '',
    city: 'Lugano',
    state: 'TI',
    postcode: '6900',
    country: 'CH',
    email: 'luca.rossi@example.ch',
    phone: '+41 91 000 00 02',
  },
  {
    first_name: 'Claire',
    last_name: 'Dubois',
    company: 'Atelier Dubois',
    address_1: 'Rue du Rhône 40',
    address_2: '',
    city: 'Genève',
    state: 'GE',
    postcode: '1204',
    country: 'CH',
    email: 'claire.dubois@example.ch',
    phone: '+41 22 000 00 03',
  },
  {
    first_name: 'Hans',
    last_name: 'Muster',
    company: '',
    address_1: 'Bahnhofplatz 1',
    address_2: '',
    city: 'Bern',
    state: 'BE',
    postcode: '3011',
    country: 'CH',
    email: 'hans.muster@example.ch',
    phone: '+41 31 000 00 04',
  },
  {
    first_name: 'Seraina',
    last_name: 'Caduff',
    company: '',
    address_1: 'Poststrasse 8',
    address_2: 'Postfach',
    city: 'Chur',
    state: 'GR',
    postcode: '7000',
    country: 'CH',
    email: 'seraina.caduff@example.ch',
    phone: '+41 81 000 00 05',
  },
];

const hex = (label: string, length: number) =>
  createHash('sha256').update(label).digest('hex').slice(0, length);

const demoKey = (permissions: ConsumerKey['permissions']): ConsumerKey => ({
  consumerKey: `ck_${hex(`demo consumer key ${permissions}`, 40)}`,
  consumerSecret: `cs_${hex(`demo consumer secret ${permissions}`, 40)}`,
  permissions,
  userId: 1,
  description: `demo ${permissions.replace('_', '/')}`,
});

/**
 * The keys a simulator has unless told otherwise: one per permission, owned by the shop manager.
 * They are fixed, so the `start` script can print them and a shell session can reuse them.
 */
export const DEMO_KEYS = {
  readWrite: demoKey('read_write'),
  read: demoKey('read'),
  write: demoKey('write'),
} as const;
