<?php
/**
 * The order page, the point change, the label download and the bulk action.
 *
 * @package PickPost\Tests
 */

final class OrderAdminTest extends PickPost_Test_Case {
	const HOSTILE = '<script>alert("x")</script>&"\'';

	protected function setUp(): void {
		parent::setUp();
		$this->configure_service();
		PickPost_Test_WP::$caps = array( 'edit_shop_orders' );
	}

	private function shipped_order( array $point = array() ) {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$order->update_meta_data( '_pickpost_point', wp_json_encode( pickpost_test_point( $point ) ) );
		$order->update_meta_data( '_pickpost_customer_ref', 'wc-session:t_guest1' );
		$order->update_meta_data( '_pickpost_customer_number', '1234567' );
		$order->update_meta_data( '_pickpost_identcode', '996001321700005959' );
		$order->update_meta_data( '_pickpost_tracking_url', 'https://service.post.ch/ekp-web/ui/entry/shipping/1/?parcelId=996001321700005959&lang=de' );
		$order->update_meta_data( '_pickpost_transmission', 'datatransfer: queued' );
		return $order;
	}

	private function panel( WC_Order $order ) {
		return $this->output( function () use ( $order ) { do_action( 'woocommerce_admin_order_data_after_shipping_address', $order ); } );
	}

	public function test_the_panel_shows_point_number_identcode_tracking_and_label_links() {
		$html = $this->panel( $this->shipped_order() );
		$this->assertStringContainsString( 'Aarau 1 Postfiliale<br>Bahnhofplatz 1<br>5000 Aarau', $html );
		$this->assertStringContainsString( 'PickPost point · 5000-T1-1', $html );
		$this->assertStringContainsString( '1234567', $html );
		$this->assertStringContainsString( '99.60.013217.00005959', $html );
		$this->assertStringContainsString( 'href="https://service.post.ch/ekp-web/ui/entry/shipping/1/?parcelId=996001321700005959&#038;lang=de"', $html );
		$this->assertMatchesRegularExpression( '#href="https://shop\.example\.ch/wp-admin/admin-post\.php\?action=pickpost_label&\#038;order=\d+&\#038;_wpnonce=[0-9a-f]{10}"#', $html );
		$this->assertStringContainsString( 'datatransfer: queued', $html );
		$this->assertStringContainsString( 'name="pickpost_edit_point_nonce"', $html );
	}

	public function test_every_value_is_escaped_and_a_javascript_link_is_dropped() {
		$order = $this->shipped_order( array( 'name' => self::HOSTILE, 'street' => self::HOSTILE, 'id' => self::HOSTILE, 'city' => self::HOSTILE, 'zip' => self::HOSTILE ) );
		$order->update_meta_data( '_pickpost_customer_number', self::HOSTILE );
		$order->update_meta_data( '_pickpost_identcode', self::HOSTILE );
		$order->update_meta_data( '_pickpost_transmission', self::HOSTILE );
		$order->update_meta_data( '_pickpost_tracking_url', 'javascript:alert(1)' );
		$html = $this->panel( $order );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringNotContainsString( '"x"', $html );
		$this->assertStringNotContainsString( 'javascript:', $html );
		$this->assertSame( 8, substr_count( $html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&quot;&#039;' ) );
		$this->assertStringNotContainsString( 'pickpost_label', $html, 'no label link for something that is not an identcode' );
	}

	public function test_an_order_without_pickpost_shows_nothing_and_a_pickpost_order_without_point_says_so() {
		$this->assertSame( '', $this->panel( new WC_Order( 0, array( 'flat_rate' ) ) ) );
		$this->assertStringContainsString( 'No pick-up point is stored for this order.', $this->panel( new WC_Order( 0, array( 'pickpost' ) ) ) );
	}

	public function test_the_merchant_moves_the_order_to_another_point_through_the_service() {
		$order                                   = $this->shipped_order();
		$_POST['pickpost_edit_point_nonce']      = wp_create_nonce( 'pickpost_edit_point' );
		$_POST['pickpost_new_point_id']          = '8001-T6-2';
		do_action( 'woocommerce_process_shop_order_meta', $order->get_id() );
		$sent = static::$service->requests();
		$this->assertCount( 1, $sent );
		$this->assertSame( '/pickpost/selection', $sent[0]['uri'] );
		$this->assertSame( 'wc-session:t_guest1', $sent[0]['headers']['x-pickpost-customer'], 'signed for the order\'s customer, not the merchant' );
		$this->assertSame( array( 'pointId' => '8001-T6-2', 'pickpostId' => '1234567' ), json_decode( $sent[0]['body'], true ) );
		$this->assertSame( '8001-T6-2', $order->get_meta( '_pickpost_point_id' ) );
		$this->assertSame( 'Point 8001-T6-2', json_decode( $order->get_meta( '_pickpost_point' ), true )['name'] );
		$this->assertSame( array( 'PickPost point changed to Point 8001-T6-2 (8001-T6-2).' ), $order->notes );
		$this->assertSame( 1, $order->saves );
	}

	public function test_no_change_without_the_nonce_or_the_capability() {
		$order                          = $this->shipped_order();
		$_POST['pickpost_new_point_id'] = '8001-T6-2';
		$_POST['pickpost_edit_point_nonce'] = 'forged';
		do_action( 'woocommerce_process_shop_order_meta', $order->get_id() );
		PickPost_Test_WP::$caps             = array();
		$_POST['pickpost_edit_point_nonce'] = wp_create_nonce( 'pickpost_edit_point' );
		do_action( 'woocommerce_process_shop_order_meta', $order->get_id() );
		$this->assertSame( array(), static::$service->requests() );
		$this->assertSame( '', $order->get_meta( '_pickpost_point_id' ) );
	}

	public function test_a_refused_change_keeps_the_point_and_says_why_in_a_note() {
		$order = $this->shipped_order();
		$order->delete_meta_data( '_pickpost_customer_ref' );
		$_POST['pickpost_edit_point_nonce'] = wp_create_nonce( 'pickpost_edit_point' );
		$_POST['pickpost_new_point_id']     = '8001-T6-2';
		do_action( 'woocommerce_process_shop_order_meta', $order->get_id() );
		$this->assertSame( array( 'The PickPost point was not changed: The order has no PickPost customer reference.' ), $order->notes );
		$this->assertSame( 0, $order->saves );
	}

	public function test_the_label_is_fetched_with_the_admin_token_which_never_reaches_the_browser() {
		$order = $this->shipped_order();
		$_GET['order'] = $_REQUEST['order'] = (string) $order->get_id();
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'pickpost_label_' . $order->get_id() );
		$sent = array();
		PickPost_Download::$sender = function ( $type, $file, $body ) use ( &$sent ) {
			$sent = compact( 'type', 'file', 'body' );
		};
		do_action( 'admin_post_pickpost_label' );
		$this->assertSame( 'application/pdf', $sent['type'] );
		$this->assertSame( 'pickpost-label-' . $order->get_id() . '.pdf', $sent['file'] );
		$this->assertStringStartsWith( '%PDF-1.4', $sent['body'] );
		$request = static::$service->requests()[0];
		$this->assertSame( '/pickpost/labels/996001321700005959', $request['uri'] );
		$this->assertSame( 'Bearer ' . PickPost_Fake_Service::ADMIN_TOKEN, $request['headers']['authorization'] );
		$this->assertStringNotContainsString( PickPost_Fake_Service::ADMIN_TOKEN, $this->panel( $order ) );
	}

	public function test_the_label_download_needs_its_nonce() {
		$order                = $this->shipped_order();
		$_GET['order']        = (string) $order->get_id();
		$_REQUEST['_wpnonce'] = wp_create_nonce( 'pickpost_label_999' );
		$this->expectException( PickPost_Test_Died::class );
		$this->expectExceptionCode( 403 );
		do_action( 'admin_post_pickpost_label' );
	}

	public function test_bulk_labels_merge_the_orders_with_parcels_on_both_order_lists() {
		$this->assertSame( 'Print PickPost labels', apply_filters( 'bulk_actions-edit-shop_order', array() )['pickpost_print_labels'] );
		$this->assertSame( 'Print PickPost labels', apply_filters( 'bulk_actions-woocommerce_page_wc-orders', array() )['pickpost_print_labels'] );
		$with    = $this->shipped_order();
		$twice   = $this->shipped_order();
		$other   = $this->shipped_order();
		$other->update_meta_data( '_pickpost_identcode', '996001321700005960' );
		$without = new WC_Order( 0, array( 'pickpost' ) );
		$sent    = null;
		PickPost_Download::$sender = function ( $type, $file, $body ) use ( &$sent ) {
			$sent = $body;
		};
		apply_filters( 'handle_bulk_actions-woocommerce_page_wc-orders', '/list', 'pickpost_print_labels', array( $with->get_id(), $twice->get_id(), $without->get_id(), $other->get_id() ) );
		$request = static::$service->requests()[0];
		$this->assertSame( 'POST', $request['method'] );
		$this->assertSame( '/pickpost/labels/bulk', $request['uri'] );
		$this->assertSame( array( 'identcodes' => array( '996001321700005959', '996001321700005960' ) ), json_decode( $request['body'], true ) );
		$this->assertStringContainsString( '996001321700005960', $sent );
	}

	public function test_bulk_labels_without_parcels_or_capability_go_back_with_the_reason() {
		$none = new WC_Order( 0, array( 'pickpost' ) );
		$this->assertSame( '/list?pickpost_labels=none', apply_filters( 'handle_bulk_actions-edit-shop_order', '/list', 'pickpost_print_labels', array( $none->get_id() ) ) );
		$this->assertSame( '/list', apply_filters( 'handle_bulk_actions-edit-shop_order', '/list', 'mark_completed', array( $none->get_id() ) ) );
		PickPost_Test_WP::$caps = array();
		$this->assertSame( '/list?pickpost_labels=forbidden', apply_filters( 'handle_bulk_actions-edit-shop_order', '/list', 'pickpost_print_labels', array( $none->get_id() ) ) );
		$_GET['pickpost_labels'] = '<b>none</b>';
		$this->assertSame( '', $this->output( function () { do_action( 'admin_notices' ); } ), 'an unknown code prints nothing' );
		$_GET['pickpost_labels'] = 'none';
		$this->assertStringContainsString( 'None of the selected orders has a PickPost parcel yet.', $this->output( function () { do_action( 'admin_notices' ); } ) );
		$this->assertSame( array(), static::$service->requests() );
	}

	public function test_a_wrong_admin_token_is_reported_not_sent_as_a_file() {
		PickPost_Test_WP::$options['pickpost_admin_token'] = 'wrong';
		$order = $this->shipped_order();
		$error = PickPost_Order_Admin::fetch_label( $order->get_id() );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'The sync service could not provide the labels: Bad admin token.', $error->get_error_message() );
	}
}
