<?php
/**
 * The REST proxy over real HTTP to a fake sync service: the signed headers, what is forwarded and
 * what is not.
 *
 * @package PickPost\Tests
 */

final class RestProxyTest extends PickPost_Test_Case {
	protected function setUp(): void {
		parent::setUp();
		$this->configure_service();
	}

	private function call( $method, $route, array $query = array(), $body = null, array $headers = array() ) {
		$request = new WP_REST_Request( $method, '/pickpost/v1' . $route );
		$request->set_query_params( $query );
		if ( null !== $body ) {
			$request->set_body( $body );
		}
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return pickpost_test_serve( $request );
	}

	/** HMAC-SHA256 from RFC 2104's definition over plain SHA-256, independent of hash_hmac. */
	private static function rfc2104_hmac_sha256( $key, $message ) {
		$block = 64;
		if ( strlen( $key ) > $block ) {
			$key = hash( 'sha256', $key, true );
		}
		$key = str_pad( $key, $block, "\0" );
		return hash( 'sha256', ( $key ^ str_repeat( "\x5c", $block ) ) . hash( 'sha256', ( $key ^ str_repeat( "\x36", $block ) ) . $message, true ) );
	}

	private function only_request() {
		$requests = static::$service->requests();
		$this->assertCount( 1, $requests );
		return $requests[0];
	}

	public function test_a_guest_is_signed_as_the_woocommerce_session_with_exactly_the_contract_headers() {
		$this->guest( 't_abc123' );
		$before = time();
		list( $status ) = $this->call( 'GET', '/points', array( 'zip' => '5000', 'kinds' => 'pickpost,mypost24', '_wpnonce' => 'abc', 'rest_route' => '/x' ) );
		$this->assertSame( 200, $status );
		$sent = $this->only_request();
		$this->assertSame( '/pickpost/points?zip=5000&kinds=pickpost%2Cmypost24', $sent['uri'], 'WordPress parameters stay home' );
		$headers = $sent['headers'];
		$this->assertSame( 'wc-session:t_abc123', $headers['x-pickpost-customer'] );
		$this->assertMatchesRegularExpression( '/^\d+$/', $headers['x-pickpost-timestamp'] );
		$this->assertGreaterThanOrEqual( $before, (int) $headers['x-pickpost-timestamp'] );
		$this->assertLessThanOrEqual( time(), (int) $headers['x-pickpost-timestamp'] );
		$this->assertSame( self::rfc2104_hmac_sha256( PickPost_Fake_Service::SECRET, 'wc-session:t_abc123.' . $headers['x-pickpost-timestamp'] ), $headers['x-pickpost-signature'] );
		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $headers['x-pickpost-signature'] );
		$pickpost = array_filter( array_keys( $headers ), function ( $name ) { return 0 === strpos( $name, 'x-pickpost-' ); } );
		$this->assertSame( array( 'x-pickpost-customer', 'x-pickpost-timestamp', 'x-pickpost-signature' ), array_values( $pickpost ) );
		$this->assertArrayNotHasKey( 'authorization', $headers );
		$this->assertArrayNotHasKey( 'cookie', $headers );
		$this->assertStringNotContainsString( PickPost_Fake_Service::SECRET, json_encode( $sent ) );
	}

	public function test_a_logged_in_customer_is_signed_as_the_user() {
		$this->customer( 42 );
		$this->call( 'GET', '/points/5000-T1-1' );
		$sent = $this->only_request();
		$this->assertSame( '/pickpost/points/5000-T1-1', $sent['uri'] );
		$this->assertSame( 'wc-customer:42', $sent['headers']['x-pickpost-customer'] );
	}

	public function test_a_rest_request_starts_the_session_and_gives_a_new_guest_its_cookie() {
		$this->assertNull( WC()->session );
		$this->call( 'GET', '/points', array( 'zip' => '8001' ) );
		$this->assertSame( 1, PickPost_Test_WC::$loaded_cart );
		$this->assertTrue( WC()->session->cookie_set, 'the next request must see the same guest' );
		$this->assertSame( 'wc-session:' . WC()->session->get_customer_id(), $this->only_request()['headers']['x-pickpost-customer'] );
	}

	public function test_the_body_goes_out_and_the_answer_comes_back_byte_for_byte() {
		$this->guest();
		$body = '{"pointId":"5000-T1-1","pickpostId":"1234567"}';
		list( $status, $headers, $answer ) = $this->call( 'POST', '/selection', array(), $body, array( 'Accept-Language' => 'fr-CH' ) );
		$sent = $this->only_request();
		$this->assertSame( $body, $sent['body'] );
		$this->assertSame( 'application/json', $sent['headers']['content-type'] );
		$this->assertSame( 'fr-CH', $sent['headers']['accept-language'] );
		$this->assertSame( 200, $status );
		$this->assertSame( 'application/json', $headers['Content-Type'] );
		$this->assertArrayNotHasKey( 'Set-Cookie', $headers, 'the service\'s cookies stay between WordPress and the service' );
		$decoded = json_decode( $answer, true );
		$this->assertSame( 'wc-session:t_guest1', PickPost_Selection::parse( $decoded['selection'], '5000-T1-1', 'wc-session:t_guest1' )['customer_ref'] );
	}

	public function test_an_error_status_and_body_pass_through_unchanged() {
		$this->guest();
		list( $status, $headers, $answer ) = $this->call( 'GET', '/points/x', array(), null );
		$this->assertSame( 404, $status );
		$this->assertSame( '{"error":{"code":"not_found","message":"Unknown point."}}', $answer );
		// A route of the fake service that answers any status with a fixed body.
		PickPost_Test_WP::$options['pickpost_service_url'] = static::$service->url . '/pickpost/status/422#';
		$answer = PickPost_Service_Client::checkout( 'GET', '', 'wc-session:t_guest1' );
		$this->assertSame( 422, $answer['status'] );
		$this->assertSame( '{"error":{"code":"upstream","message":"Status 422 <b>as sent</b>","fields":[]}}', $answer['body'] );
	}

	public function test_an_empty_json_object_stays_an_object() {
		$this->guest();
		list( , , $answer ) = $this->call( 'GET', '/points', array( 'zip' => '5000' ) );
		$this->assertStringContainsString( '"openingHours":{}', $answer );
	}

	public function test_an_unreachable_service_is_a_502_the_widget_can_retry() {
		$this->guest();
		PickPost_Test_WP::$options['pickpost_service_url'] = 'http://127.0.0.1:1';
		list( $status, , $answer ) = $this->call( 'GET', '/points', array( 'zip' => '5000' ) );
		$this->assertSame( 502, $status );
		$this->assertSame( 'service_unreachable', json_decode( $answer, true )['error']['code'] );
	}

	public function test_without_a_customer_nothing_is_forwarded() {
		// A session without a customer id (WooCommerce could not start one).
		$empty = new class( '' ) extends PickPost_Test_Session {
			public function get_customer_id() {
				return '';
			}
		};
		WC()->session = $empty;
		list( $status, , $answer ) = $this->call( 'GET', '/points', array( 'zip' => '5000' ) );
		$this->assertSame( 401, $status );
		$this->assertSame( 'no_customer', json_decode( $answer, true )['error']['code'] );
		$this->assertSame( array(), static::$service->requests() );
	}

	public function test_a_large_body_is_refused_before_the_service() {
		$this->guest();
		list( $status ) = $this->call( 'POST', '/customers', array(), str_repeat( 'x', 16385 ) );
		$this->assertSame( 413, $status );
		$this->assertSame( array(), static::$service->requests() );
	}

	public function test_the_routes_are_the_widgets_four() {
		$this->assertSame(
			array( '/pickpost/v1/points', '/pickpost/v1/points/(?P<id>[A-Za-z0-9._-]{1,64})', '/pickpost/v1/customers', '/pickpost/v1/selection' ),
			array_keys( PickPost_Test_WP::$routes )
		);
		list( $status ) = $this->call( 'GET', '/points/..%2F..%2Fadmin' );
		$this->assertSame( 404, $status, 'a point id cannot climb into other service routes' );
	}
}
