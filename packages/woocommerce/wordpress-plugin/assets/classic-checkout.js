/**
 * Classic checkout: shows the picker while a PickPost rate is chosen, keeps its postcode in step
 * with the checkout's address, makes it required only then, and drops its choice when the shopper
 * switches to another method (the server clears the order's PickPost data too).
 */
(() => {
  const container = document.querySelector('.pickpost-checkout');
  const picker = container?.querySelector('pickpost-point-picker');
  if (!container || !picker) return;
  const methodId = container.getAttribute('data-pickpost-method') || 'pickpost';
  const form = container.closest('form') || document;

  const isPickPost = (value) => value === methodId || String(value).startsWith(`${methodId}:`);

  /** The chosen rate of the first package: a checked radio, or the single hidden input or select. */
  function chosenRate() {
    const fields = [...form.querySelectorAll('[name^="shipping_method"]')];
    const field = fields.find((input) => input.type !== 'radio' || input.checked);
    return field ? field.value : '';
  }

  function postcode() {
    const different = form.querySelector('#ship-to-different-address-checkbox');
    const shipping = form.querySelector('#shipping_postcode');
    const billing = form.querySelector('#billing_postcode');
    const field = different?.checked && shipping ? shipping : billing || shipping;
    return field ? field.value.trim() : '';
  }

  function sync() {
    const active = isPickPost(chosenRate());
    container.hidden = !active;
    picker.toggleAttribute('required', active);
    if (!active && picker.selection && typeof picker.clear === 'function') picker.clear();
    const zip = postcode();
    if (active && zip !== '' && picker.getAttribute('zip') !== zip) picker.setAttribute('zip', zip);
  }

  document.addEventListener('change', sync, true);
  // WooCommerce re-renders the shipping rates after every `update_checkout` (jQuery event).
  if (window.jQuery) window.jQuery(document.body).on('updated_checkout', sync);
  sync();
})();
