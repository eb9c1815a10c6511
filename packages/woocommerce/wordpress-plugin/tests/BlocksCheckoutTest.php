<?php
/**
 * The Blocks checkout: Store API extension schema, the integration's data, and the order update.
 *
 * @package PickPost\Tests
 */

use Automattic\WooCommerce\Blocks\Integrations\IntegrationRegistry;
use Automattic\WooCommerce\StoreApi\Exceptions\RouteException;

final class BlocksCheckoutTest extends PickPost_Test_Case {
	protected function setUp(): void {
		parent::setUp();
		PickPost_Test_WP::$options['pickpost_service_url']   = 'https://sync.example.ch';
		PickPost_Test_WP::$options['pickpost_shared_secret'] = 'secret';
		PickPost_Test_WP::$options['pickpost_variant']       = '2';
		$this->guest( 't_guest1' );
		do_action( 'woocommerce_blocks_loaded' );
	}

	private function checkout( WC_Order $order, $extension ) {
		$request = new WP_REST_Request( 'POST', '/wc/store/v1/checkout' );
		$request->set_param( 'extensions', null === $extension ? array() : array( 'pickpost' => $extension ) );
		do_action( 'woocommerce_store_api_checkout_update_order_from_request', $order, $request );
		return $order;
	}

	public function test_the_extension_schema_is_registered_on_the_checkout_endpoint() {
		$this->assertCount( 1, PickPost_Test_WC::$endpoint_data );
		$args = PickPost_Test_WC::$endpoint_data[0];
		$this->assertSame( 'checkout', $args['endpoint'] );
		$this->assertSame( 'pickpost', $args['namespace'] );
		$this->assertSame( ARRAY_A, $args['schema_type'] );
		$this->assertSame( array( 'selection', 'point_id', 'pickpost_id' ), array_keys( call_user_func( $args['schema_callback'] ) ) );
	}

	public function test_the_integration_gives_the_script_the_proxy_and_no_secret() {
		$registry = new IntegrationRegistry();
		do_action( 'woocommerce_blocks_checkout_block_registration', $registry );
		$integration = $registry->registered['pickpost'];
		$integration->initialize();
		$this->assertSame( array( 'pickpost-blocks-checkout' ), $integration->get_script_handles() );
		$this->assertContains( 'pickpost-widget', PickPost_Test_WP::$scripts['pickpost-blocks-checkout']['deps'] );
		$this->assertSame( 'https://sync.example.ch/pickpost/widget.js', PickPost_Test_WP::$scripts['pickpost-widget']['src'] );
		$data = $integration->get_script_data();
		$this->assertSame( 'https://shop.example.ch/wp-json/pickpost/v1', $data['attributes']['endpoint'] );
		$this->assertSame( '2', $data['attributes']['variant'] );
		$this->assertArrayHasKey( 'X-WP-Nonce', json_decode( $data['attributes']['request-headers'], true ) );
		$this->assertStringNotContainsString( 'secret', json_encode( $data ) );
	}

	public function test_extension_data_is_checked_and_written_on_the_order() {
		$token = pickpost_test_token( pickpost_test_payload( array( 'variant' => '2' ) ) );
		$order = $this->checkout( new WC_Order( 0, array( 'pickpost' ) ), array( 'selection' => $token, 'point_id' => '5000-T1-1', 'pickpost_id' => '1234567' ) );
		$this->assertSame( $token, $order->get_meta( '_pickpost_selection' ) );
		$this->assertSame( '5000-T1-1', $order->get_meta( '_pickpost_point_id' ) );
		$this->assertSame( 'Aarau 1 Postfiliale', json_decode( $order->get_meta( '_pickpost_point' ), true )['name'] );
		$this->assertSame( '1234567', $order->get_meta( '_pickpost_customer_number' ) );
		$this->assertSame( 'wc-session:t_guest1', $order->get_meta( '_pickpost_customer_ref' ) );
	}

	public function test_pickpost_without_a_point_stops_the_order_with_a_400_in_the_shops_language() {
		$this->german();
		try {
			$this->checkout( new WC_Order( 0, array( 'pickpost' ) ), null );
			$this->fail( 'the order went through' );
		} catch ( RouteException $e ) {
			$this->assertSame( 400, $e->getCode() );
			$this->assertSame( 'pickpost_point_required', $e->getErrorCode() );
			$this->assertSame( 'Bitte wählen Sie eine PickPost-Stelle oder einen My Post 24-Automaten für Ihre Lieferung.', $e->getMessage() );
		}
	}

	public function test_a_refused_selection_leaves_no_earlier_data_on_the_draft_order() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$order->update_meta_data( '_pickpost_selection', 'from an earlier try' );
		$this->expectException( RouteException::class );
		try {
			$this->checkout( $order, array( 'selection' => 'garbage', 'point_id' => '5000-T1-1' ) );
		} finally {
			$this->assertSame( array(), $order->meta_keys() );
		}
	}

	public function test_another_rate_clears_pickpost_data_of_the_draft_order() {
		$order = new WC_Order( 0, array( 'flat_rate' ) );
		$order->update_meta_data( '_pickpost_point_id', '5000-T1-1' );
		$order->update_meta_data( '_pickpost_customer_number', '1234567' );
		$this->checkout( $order, array( 'selection' => null, 'point_id' => null ) );
		$this->assertSame( array(), $order->meta_keys() );
	}

	public function test_hpos_and_blocks_compatibility_are_declared() {
		$declared = \Automattic\WooCommerce\Utilities\FeaturesUtil::$declared;
		$this->assertSame( array( PICKPOST_WC_FILE, true ), $declared['custom_order_tables'] );
		$this->assertSame( array( PICKPOST_WC_FILE, true ), $declared['cart_checkout_blocks'] );
	}
}
