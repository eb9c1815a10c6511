/**
 * Blocks checkout: renders the picker under the shipping options while a PickPost rate is chosen
 * and hands its choice to the Store API as extension data (namespace `pickpost`), which the plugin
 * checks when the order is placed. Switching to another rate sends empty data, so the server
 * clears any PickPost data on the order.
 */
((wp, wc) => {
  if (!wp?.element || !wp.plugins || !wp.data || !wc?.blocksCheckout || !wc.wcSettings) return;
  const { createElement: el, useEffect, useRef } = wp.element;
  const settings = wc.wcSettings.getSetting('pickpost_data', {});
  const methodId = settings.methodId || 'pickpost';
  const empty = { selection: null, point_id: null, pickpost_id: null };

  function setExtension(data) {
    const checkout = wp.data.dispatch('wc/store/checkout');
    const set = checkout.setExtensionData || checkout.__internalSetExtensionData;
    if (typeof set === 'function') set(settings.namespace || 'pickpost', data);
  }

  function chosen(select) {
    const cart = select('wc/store/cart');
    let rateId = '';
    for (const pack of cart.getShippingRates() || []) {
      for (const rate of pack.shipping_rates || []) if (rate.selected) rateId = rate.rate_id;
    }
    const address = cart.getCustomerData()?.shippingAddress || {};
    return { rateId, postcode: address.postcode || '' };
  }

  function Picker() {
    const { rateId, postcode } = wp.data.useSelect(chosen, []);
    const active = rateId === methodId || rateId.startsWith(`${methodId}:`);
    const ref = useRef(null);

    useEffect(() => {
      if (!active) setExtension(empty);
    }, [active]);

    useEffect(() => {
      const node = ref.current;
      if (!node) return undefined;
      const onSelect = (event) =>
        setExtension({
          selection: event.detail.selection,
          point_id: event.detail.point.id,
          pickpost_id: event.detail.pickpostId,
        });
      const onClear = () => setExtension(empty);
      node.addEventListener('pickpost:select', onSelect);
      node.addEventListener('pickpost:clear', onClear);
      return () => {
        node.removeEventListener('pickpost:select', onSelect);
        node.removeEventListener('pickpost:clear', onClear);
      };
    }, [active]);

    if (!active) return null;
    return el(
      'div',
      { className: 'pickpost-checkout' },
      el('h3', null, settings.heading),
      el('pickpost-point-picker', { ...settings.attributes, zip: postcode, ref }),
    );
  }

  wp.plugins.registerPlugin('pickpost', {
    scope: 'woocommerce-checkout',
    render: () => el(wc.blocksCheckout.ExperimentalOrderShippingPackages, null, el(Picker)),
  });
})(window.wp, window.wc);
