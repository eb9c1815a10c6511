<?php
/**
 * The shipping method's rates, availability and amounts.
 *
 * @package PickPost\Tests
 */

final class ShippingMethodTest extends PickPost_Test_Case {
	private function method( array $settings, $instance = 3 ) {
		PickPost_Test_WP::$options[ 'woocommerce_pickpost_' . $instance . '_settings' ] = $settings;
		return new PickPost_Shipping_Method( $instance );
	}

	private function rates( PickPost_Shipping_Method $method, $country = 'CH' ) {
		return $method->get_rates_for_package( array( 'destination' => array( 'country' => $country ), 'contents' => array() ) );
	}

	protected function setUp(): void {
		parent::setUp();
		PickPost_Test_WP::$options['pickpost_service_url']   = 'https://sync.example.ch';
		PickPost_Test_WP::$options['pickpost_shared_secret'] = 'secret';
		WC()->cart = new PickPost_Test_Cart();
	}

	public function test_the_method_is_registered_under_its_contract_id() {
		$methods = apply_filters( 'woocommerce_shipping_methods', array() );
		$this->assertSame( array( 'pickpost' => 'PickPost_Shipping_Method' ), $methods );
		$this->assertContains( 'shipping-zones', ( new PickPost_Shipping_Method( 1 ) )->supports );
	}

	public function test_the_rate_is_the_configured_cost_under_the_title_and_instance_id() {
		$rates = $this->rates( $this->method( array( 'title' => 'Zur Post', 'cost' => '7.5', 'free_above' => '' ) ) );
		$this->assertSame( array( 'pickpost:3' ), array_keys( $rates ) );
		$this->assertSame( 'Zur Post', $rates['pickpost:3']->get_label() );
		$this->assertSame( '7.50', $rates['pickpost:3']->get_cost() );
		$this->assertSame( 'pickpost', $rates['pickpost:3']->get_method_id() );
	}

	public function test_free_from_the_amount_after_discounts_and_not_below_it() {
		$method = $this->method( array( 'title' => 'PickPost', 'cost' => '9', 'free_above' => '100' ) );
		WC()->cart->subtotal = 110.0;
		WC()->cart->discount = 10.0;
		$this->assertSame( '0.00', $this->rates( $method )['pickpost:3']->get_cost(), 'exactly the amount is free' );
		WC()->cart->discount = 10.01;
		$this->assertSame( '9.00', $this->rates( $method )['pickpost:3']->get_cost(), 'a cent below pays' );
	}

	public function test_an_empty_free_from_is_never_free() {
		$method              = $this->method( array( 'title' => 'PickPost', 'cost' => '6', 'free_above' => '' ) );
		WC()->cart->subtotal = 100000.0;
		$this->assertSame( '6.00', $this->rates( $method )['pickpost:3']->get_cost() );
	}

	public function test_defaults_give_a_free_rate_named_after_the_method() {
		$rates = $this->rates( new PickPost_Shipping_Method( 9 ) );
		$this->assertSame( 'PickPost / My Post 24', $rates['pickpost:9']->get_label() );
		$this->assertSame( '0.00', $rates['pickpost:9']->get_cost() );
	}

	public function test_offered_only_in_switzerland_and_liechtenstein_and_when_configured() {
		$method = $this->method( array( 'title' => 'PickPost', 'cost' => '5' ) );
		$this->assertCount( 1, $this->rates( $method, 'LI' ) );
		$this->assertCount( 0, $this->rates( $method, 'DE' ) );
		PickPost_Test_WP::$options['pickpost_shared_secret'] = '';
		$this->assertCount( 0, $this->rates( $method, 'CH' ), 'without the secret no point can be chosen' );
	}

	public function test_amounts_are_plain_non_negative_numbers() {
		$method = new PickPost_Shipping_Method( 1 );
		$this->assertSame( '7.5', $method->sanitize_amount( ' 7,50 ' ) );
		$this->assertSame( '', $method->sanitize_amount( '' ) );
		foreach ( array( '-1', 'abc', '[qty]*2', '5 CHF' ) as $bad ) {
			try {
				$method->sanitize_amount( $bad );
				$this->fail( "$bad was accepted" );
			} catch ( Exception $e ) {
				$this->assertSame( 'Enter an amount such as 7.50.', $e->getMessage() );
			}
		}
	}
}
