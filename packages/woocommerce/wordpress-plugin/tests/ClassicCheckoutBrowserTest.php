<?php
/**
 * The real widget bundle in the classic checkout markup the plugin prints, in Debian's Chromium:
 * the shopper picks a point and gives a PickPost ID through the plugin's REST proxy (signed to the
 * fake service), submits, and the plugin stores the selection the hidden fields carried.
 *
 * @package PickPost\Tests
 */

require_once __DIR__ . '/fixtures/class-chromium.php';

final class ClassicCheckoutBrowserTest extends PickPost_Test_Case {
	const BUNDLE = __DIR__ . '/../../../checkout-widget/dist/pickpost-widget.js';

	public function test_a_point_chosen_in_the_widget_reaches_the_order() {
		if ( ! PickPost_Chromium::available() ) {
			$this->markTestSkipped( 'Debian\'s chromium is not installed (pnpm test installs it)' );
		}
		if ( ! is_readable( self::BUNDLE ) ) {
			$this->markTestSkipped( 'the widget bundle is not built: pnpm --filter @pickpost/checkout-widget build (pnpm test builds it first)' );
		}
		$service = PickPost_Fake_Service::start( array( 'PICKPOST_WIDGET_BUNDLE' => realpath( self::BUNDLE ) ) );
		$shop    = PickPost_Fake_Service::start( array( 'PICKPOST_SHOP_SERVICE' => $service->url, 'PICKPOST_SHOP_SECRET' => PickPost_Fake_Service::SECRET ), 'shop.php' );
		$browser = new PickPost_Chromium();
		try {
			$browser->navigate( $shop->url . '/checkout' );
			$browser->wait_for( "document.readyState === 'complete' && customElements.get('pickpost-point-picker') !== undefined" );
			$this->assertFalse( $browser->evaluate( "document.querySelector('.pickpost-checkout').hidden" ), 'shown: PickPost is the chosen method' );
			// The zip search from the billing postcode runs by itself and lists the fake's point.
			$browser->wait_for( "document.querySelector('pickpost-point-picker').shadowRoot.querySelector('[role=option]') !== null" );
			$browser->evaluate( "document.querySelector('pickpost-point-picker').shadowRoot.querySelector('[role=option]').click()" );
			$browser->wait_for( "!document.querySelector('pickpost-point-picker').shadowRoot.querySelector('[part=pickpost-id-input]').closest('[hidden]')" );
			$browser->evaluate( "(() => { const root = document.querySelector('pickpost-point-picker').shadowRoot; const input = root.querySelector('[part=pickpost-id-input]'); input.value = '7777777'; input.dispatchEvent(new Event('input', { bubbles: true })); root.querySelector('[part=confirm-button]').click(); })()" );
			$token = $browser->wait_for( "document.querySelector('form.checkout input[name=pickpost_selection]')?.value" );
			$browser->evaluate( "document.querySelector('form.checkout').requestSubmit()" );
			$json = $browser->wait_for( "location.pathname === '/checkout' && document.contentType === 'application/json' && document.body.innerText" );
		} finally {
			$browser->close();
			$requests = $service->requests();
			$service->stop();
			$shop->stop();
		}
		$result = json_decode( $json, true );
		$this->assertSame( array(), $result['errors'] );
		$this->assertSame( $token, $result['posted']['pickpost_selection'] );
		$this->assertSame( '5000-T1-1', $result['posted']['pickpost_point_id'] );
		$this->assertSame( $token, $result['meta']['_pickpost_selection'] );
		$this->assertSame( '5000-T1-1', $result['meta']['_pickpost_point_id'] );
		$this->assertSame( '7777777', $result['meta']['_pickpost_customer_number'] );
		$this->assertSame( 'wc-session:t_browser1', $result['meta']['_pickpost_customer_ref'] );
		// Every widget call went through the proxy, signed for the browser's session.
		$calls = array_values( array_filter( $requests, function ( $r ) { return '/pickpost/widget.js' !== $r['uri']; } ) );
		$this->assertSame( array( 'GET /pickpost/points', 'POST /pickpost/selection' ), array_map( function ( $r ) { return $r['method'] . ' ' . strtok( $r['uri'], '?' ); }, $calls ) );
		foreach ( $calls as $call ) {
			$this->assertSame( 'wc-session:t_browser1', $call['headers']['x-pickpost-customer'] );
		}
	}
}
