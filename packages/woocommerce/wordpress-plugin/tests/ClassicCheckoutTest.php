<?php
/**
 * The classic checkout: the picker markup, refusals at order placement, and the meta written.
 *
 * @package PickPost\Tests
 */

final class ClassicCheckoutTest extends PickPost_Test_Case {
	protected function setUp(): void {
		parent::setUp();
		PickPost_Test_WP::$options['pickpost_service_url']   = 'https://sync.example.ch';
		PickPost_Test_WP::$options['pickpost_shared_secret'] = 'secret';
		$this->guest( 't_guest1' );
	}

	/** The checkout as WC_Checkout::process_checkout runs it: validation, then create_order. */
	private function place( array $post, $method = 'pickpost:3', $customer_id = 0, $order = null ) {
		$_POST = wp_slash( array_merge( array( 'shipping_method' => array( $method ) ), $post ) );
		do_action( 'woocommerce_checkout_process' );
		if ( wc_notice_count( 'error' ) > 0 ) {
			return null;
		}
		$order = $order ?: new WC_Order( $customer_id, array( strtok( $method, ':' ) ) );
		do_action( 'woocommerce_checkout_create_order', $order, array() );
		$order->save();
		return $order;
	}

	private function errors() {
		return array_column( isset( PickPost_Test_WC::$notices['error'] ) ? PickPost_Test_WC::$notices['error'] : array(), 'notice' );
	}

	public function test_pickpost_without_a_point_is_refused_with_a_translated_message() {
		$this->german();
		$this->assertNull( $this->place( array() ) );
		$this->assertSame( array( 'Bitte wählen Sie eine PickPost-Stelle oder einen My Post 24-Automaten für Ihre Lieferung.' ), $this->errors() );
	}

	public function test_a_valid_selection_writes_the_contract_meta_from_the_token() {
		$token = pickpost_test_token( pickpost_test_payload() );
		$order = $this->place(
			array(
				'pickpost_selection'   => $token,
				'pickpost_point_id'    => '5000-T1-1',
				'pickpost_pickpost_id' => '9999999',
				'pickpost_point'       => '{"name":"forged"}',
			)
		);
		$this->assertSame( array(), $this->errors() );
		$this->assertSame( $token, $order->get_meta( '_pickpost_selection' ) );
		$this->assertSame( '5000-T1-1', $order->get_meta( '_pickpost_point_id' ) );
		$this->assertSame( '{"id":"5000-T1-1","kind":"pickpost","name":"Aarau 1 Postfiliale","street":"Bahnhofplatz","houseNo":"1","zip":"5000","city":"Aarau"}', $order->get_meta( '_pickpost_point' ) );
		$this->assertSame( '1234567', $order->get_meta( '_pickpost_customer_number' ), 'the signed number, not the posted one' );
		$this->assertSame( 'wc-session:t_guest1', $order->get_meta( '_pickpost_customer_ref' ) );
		$this->assertCount( 5, $order->saved_meta );
	}

	public function test_a_logged_in_customer_gets_the_number_remembered() {
		$this->customer( 7 );
		$token = pickpost_test_token( pickpost_test_payload( array( 'customerRef' => 'wc-customer:7' ) ) );
		$this->place( array( 'pickpost_selection' => $token, 'pickpost_point_id' => '5000-T1-1' ), 'pickpost:3', 7 );
		$this->assertSame( '1234567', get_user_meta( 7, '_pickpost_customer_number', true ) );
	}

	public function test_the_customer_is_the_one_before_woocommerce_creates_an_account() {
		$token = pickpost_test_token( pickpost_test_payload() );
		$_POST = wp_slash( array( 'shipping_method' => array( 'pickpost:3' ), 'pickpost_selection' => $token, 'pickpost_point_id' => '5000-T1-1' ) );
		do_action( 'woocommerce_checkout_process' );
		// process_customer: "create an account" logs the shopper in as a new user.
		wp_set_current_user( 55 );
		$order = new WC_Order( 55, array( 'pickpost' ) );
		do_action( 'woocommerce_checkout_create_order', $order, array() );
		$this->assertSame( 'wc-session:t_guest1', $order->get_meta( '_pickpost_customer_ref' ) );
		$this->assertSame( '1234567', get_user_meta( 55, '_pickpost_customer_number', true ) );
	}

	/** @dataProvider refused */
	public function test_a_selection_that_cannot_be_genuine_is_refused( $post, $code ) {
		$this->assertNull( $this->place( $post ) );
		$this->assertCount( 1, $this->errors() );
		$this->assertSame( $code, is_wp_error( $r = PickPost_Checkout::resolve( true, array( 'selection' => $post['pickpost_selection'], 'point_id' => $post['pickpost_point_id'] ), 'wc-session:t_guest1' ) ) ? $r->get_error_code() : 'accepted' );
	}

	public function refused() {
		$good  = pickpost_test_payload();
		$token = pickpost_test_token( $good );
		list( $body, $mac ) = explode( '.', $token );
		$point = function ( $override ) use ( $good ) {
			return pickpost_test_token( array_merge( $good, array( 'point' => array_merge( $good['point'], $override ) ) ) );
		};
		return array(
			'three parts'         => array( array( 'pickpost_selection' => $token . '.x', 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'padding'             => array( array( 'pickpost_selection' => $body . '.' . $mac . '=', 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'standard base64'     => array( array( 'pickpost_selection' => strtr( $body, '-_', '+/' ) . '+.' . $mac, 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'short mac'           => array( array( 'pickpost_selection' => $body . '.' . substr( $mac, 0, 20 ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'not json'            => array( array( 'pickpost_selection' => pickpost_test_b64url( 'nope' ) . '.' . $mac, 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'version 2'           => array( array( 'pickpost_selection' => pickpost_test_token( array_merge( $good, array( 'v' => 2 ) ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'unknown kind'        => array( array( 'pickpost_selection' => $point( array( 'kind' => 'locker' ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'point without city'  => array( array( 'pickpost_selection' => $point( array( 'city' => '' ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
			'other point posted'  => array( array( 'pickpost_selection' => $token, 'pickpost_point_id' => '8001-T1-0' ), 'pickpost_selection_mismatch' ),
			'other customer'      => array( array( 'pickpost_selection' => pickpost_test_token( array_merge( $good, array( 'customerRef' => 'wc-session:t_other' ) ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_other_customer' ),
			'expired'             => array( array( 'pickpost_selection' => pickpost_test_token( array_merge( $good, array( 'exp' => time() - 1 ) ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_expired' ),
			'variant 1 no number' => array( array( 'pickpost_selection' => pickpost_test_token( array_diff_key( $good, array( 'pickpostId' => 1 ) ) ), 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_customer_number_required' ),
			'too long'            => array( array( 'pickpost_selection' => str_repeat( 'a', 8193 ) . '.' . $mac, 'pickpost_point_id' => '5000-T1-1' ), 'pickpost_selection_malformed' ),
		);
	}

	public function test_variant_4_needs_no_customer_number_and_stores_none() {
		$token = pickpost_test_token( array_diff_key( array_merge( pickpost_test_payload(), array( 'variant' => '4a' ) ), array( 'pickpostId' => 1 ) ) );
		$order = $this->place( array( 'pickpost_selection' => $token, 'pickpost_point_id' => '5000-T1-1' ) );
		$this->assertSame( '5000-T1-1', $order->get_meta( '_pickpost_point_id' ) );
		$this->assertNotContains( '_pickpost_customer_number', $order->meta_keys() );
	}

	public function test_switching_to_home_delivery_clears_the_pickpost_data() {
		$order = new WC_Order( 0, array( 'flat_rate' ) );
		foreach ( PickPost_Order_Meta::CHECKOUT_KEYS as $key ) {
			$order->update_meta_data( $key, 'stale' );
		}
		$order->update_meta_data( '_other', 'kept' );
		// The widget's hidden inputs still carry the old choice; the method says home delivery.
		$token = pickpost_test_token( pickpost_test_payload() );
		$this->place( array( 'pickpost_selection' => $token, 'pickpost_point_id' => '5000-T1-1' ), 'flat_rate:1', 0, $order );
		$this->assertSame( array(), $this->errors() );
		$this->assertSame( array( '_other' ), $order->meta_keys() );
	}

	public function test_the_picker_is_printed_escaped_with_the_proxy_endpoint_and_the_shoppers_postcode() {
		PickPost_Test_WP::$locale   = 'fr_CH';
		WC()->customer              = new PickPost_Test_Customer();
		WC()->customer->shipping_postcode = '"><script>alert(1)</script>';
		$html = $this->output( function () { do_action( 'woocommerce_checkout_before_order_review' ); } );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( 'zip="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"', $html );
		$this->assertStringContainsString( 'endpoint="https://shop.example.ch/wp-json/pickpost/v1"', $html );
		$this->assertStringContainsString( 'lang="fr"', $html );
		$this->assertStringContainsString( 'variant="1"', $html );
		$this->assertMatchesRegularExpression( '/request-headers="\{&quot;X-WP-Nonce&quot;:&quot;[0-9a-f]{10}&quot;\}"/', $html );
		$this->assertStringNotContainsString( 'secret', $html );
		$this->assertStringContainsString( 'hidden', $html, 'shown by the script only for PickPost' );
	}

	public function test_the_widget_script_comes_from_the_service_after_the_nonce_shim() {
		PickPost_Test_WP::$is_checkout = true;
		do_action( 'wp_enqueue_scripts' );
		$scripts = $this->output( 'wp_print_scripts' );
		$this->assertMatchesRegularExpression( '#rest-nonce\.js.*\n.*https://sync\.example\.ch/pickpost/widget\.js.*\n.*classic-checkout\.js#', $scripts );
	}
}
