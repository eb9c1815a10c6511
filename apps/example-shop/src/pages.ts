import type { Variant } from '@pickpost/core';
import type { PlacedOrder } from './app';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Velo Shop</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1.5rem; color: #1d1d1b; }
  h1 { font-size: 1.6rem; }
  fieldset { border: 1px solid #ccc; border-radius: 6px; margin: 0 0 1.25rem; padding: 1rem; }
  label { display: block; margin: .4rem 0 .15rem; }
  input[type=text], input[type=email] { width: 100%; padding: .45rem; box-sizing: border-box; }
  .row { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
  .method label { display: inline-flex; gap: .4rem; margin-right: 1.5rem; }
  button.place { font-size: 1.05rem; padding: .6rem 1.4rem; }
  pickpost-point-picker { display: block; margin-top: 1rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;

/** The checkout's fields the widget copies into its PickPost registration form. */
const CUSTOMER_INPUTS = JSON.stringify({
  firstName: 'first_name',
  name1: 'last_name',
  email: 'email',
  street: 'street',
  houseNo: 'house_no',
  zip: 'zip',
  city: 'city',
});

/** The checkout: customer details, shipping method, the widget, inside one plain form. */
export function checkoutPage(options: { variant: Variant }): string {
  return layout(
    'Checkout',
    `<h1>Checkout</h1>
<p>Velo Shop AG · 1 × bicycle lights set, CHF 49.00</p>
<form method="post" action="/checkout" id="checkout">
  <fieldset>
    <legend>Your details</legend>
    <div class="row">
      <div><label for="first_name">First name</label><input type="text" id="first_name" name="first_name" autocomplete="given-name" required value="Hans"></div>
      <div><label for="last_name">Last name</label><input type="text" id="last_name" name="last_name" autocomplete="family-name" required value="Muster"></div>
    </div>
    <label for="email">E-mail</label><input type="email" id="email" name="email" autocomplete="email" required value="hans.muster@example.ch">
    <div class="row">
      <div><label for="street">Street</label><input type="text" id="street" name="street" autocomplete="address-line1" value="Bahnhofstrasse"></div>
      <div><label for="house_no">Number</label><input type="text" id="house_no" name="house_no" value="67"></div>
    </div>
    <div class="row">
      <div><label for="zip">Postcode</label><input type="text" id="zip" name="zip" autocomplete="postal-code" value="5000"></div>
      <div><label for="city">Town</label><input type="text" id="city" name="city" autocomplete="address-level2" value="Aarau"></div>
    </div>
  </fieldset>
  <fieldset class="method">
    <legend>Shipping</legend>
    <label><input type="radio" name="shipping_method" value="home"> Home delivery</label>
    <label><input type="radio" name="shipping_method" value="pickpost" checked> PickPost point or My Post 24 terminal</label>
    <pickpost-point-picker endpoint="/pickpost" variant="${options.variant}" kinds="pickpost,mypost24"
      shipping-method-input="shipping_method" shipping-method-value="pickpost" required heading-level="2"
      customer-inputs='${CUSTOMER_INPUTS}' map-script="/pickpost-map.js"></pickpost-point-picker>
  </fieldset>
  <button type="submit" class="place">Place order</button>
</form>
<script src="/pickpost/widget.js" defer></script>`,
  );
}

export function confirmationPage(order: PlacedOrder): string {
  const point = order.selection?.point;
  const where =
    point === undefined
      ? 'Home delivery'
      : `${point.kind === 'mypost24' ? 'My Post 24' : 'PickPost'}: ${escapeHtml(point.name)}, ${escapeHtml(point.street)}${point.houseNo ? ` ${escapeHtml(point.houseNo)}` : ''}, ${escapeHtml(point.zip)} ${escapeHtml(point.city)}`;
  const id =
    order.selection?.pickpostId === undefined
      ? ''
      : `<p>PickPost ID: <span id="pickpost-id">${escapeHtml(order.selection.pickpostId)}</span></p>`;
  return layout(
    'Order confirmed',
    `<h1>Order confirmed</h1><p>Order <strong id="order-ref">${escapeHtml(order.orderRef)}</strong></p><p id="delivery">${where}</p>${id}`,
  );
}

export function refusedPage(reason: string): string {
  return layout(
    'Order not placed',
    `<h1>Order not placed</h1><p id="reason" role="alert">${escapeHtml(reason)}</p><p><a href="/">Back to checkout</a></p>`,
  );
}
