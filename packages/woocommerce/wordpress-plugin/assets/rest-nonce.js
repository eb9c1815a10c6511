/**
 * Sends the WordPress REST nonce with the picker's requests to the shop's proxy.
 *
 * Without the nonce WordPress treats a cookie-authenticated REST call as logged out
 * (wp-includes/rest-api.php, rest_cookie_check_errors), and the proxy would sign the shopper as a
 * guest. The picker sends the `request-headers` attribute itself where it supports it; for a widget
 * build that does not, this adds the same headers to its calls under its `endpoint` (and nothing
 * else: other URLs and requests that already carry the headers pass unchanged).
 */
(() => {
  if (typeof window.fetch !== 'function' || window.pickpostRestNonce) return;
  window.pickpostRestNonce = true;
  const original = window.fetch.bind(window);

  function pickerHeaders(url) {
    for (const picker of document.querySelectorAll('pickpost-point-picker[endpoint]')) {
      const endpoint = new URL(picker.getAttribute('endpoint'), document.baseURI).href;
      if (!url.startsWith(endpoint)) continue;
      try {
        const headers = JSON.parse(picker.getAttribute('request-headers') || '{}');
        return headers && typeof headers === 'object' ? headers : null;
      } catch {
        return null;
      }
    }
    return null;
  }

  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, document.baseURI).href;
    const extra = pickerHeaders(url);
    if (!extra) return original(input, init);
    const headers = new Headers(
      init?.headers ?? (typeof input === 'string' ? undefined : input.headers),
    );
    for (const [name, value] of Object.entries(extra)) {
      if (!headers.has(name)) headers.set(name, String(value));
    }
    return original(input, { ...init, headers });
  };
})();
