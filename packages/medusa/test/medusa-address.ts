/** Hans Muster's address in Zürich, as Medusa keeps it on a cart or order (and a storefront sends it). */
export const MEDUSA_ADDRESS = {
  first_name: 'Hans',
  last_name: 'Muster',
  address_1: 'Bellerivestrasse 5',
  postal_code: '8008',
  city: 'Zürich',
  country_code: 'ch',
};
