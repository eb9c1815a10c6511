<?php
/**
 * What the shopper sees: My Account → order and the e-mails.
 *
 * @package PickPost\Tests
 */

final class CustomerViewTest extends PickPost_Test_Case {
	private function order( $tracking = 'https://service.post.ch/ekp-web/ui/entry/shipping/1/?parcelId=996001321700005959' ) {
		$order = new WC_Order( 3, array( 'pickpost' ) );
		$order->update_meta_data( '_pickpost_point', wp_json_encode( pickpost_test_point( array( 'kind' => 'mypost24', 'name' => 'My Post 24 <Aarau>' ) ) ) );
		$order->update_meta_data( '_pickpost_identcode', '996001321700005959' );
		if ( '' !== $tracking ) {
			$order->update_meta_data( '_pickpost_tracking_url', $tracking );
		}
		return $order;
	}

	public function test_my_account_shows_the_point_and_the_tracking_link_escaped() {
		$order = $this->order();
		$html  = $this->output( function () use ( $order ) { do_action( 'woocommerce_order_details_after_order_table', $order ); } );
		$this->assertStringContainsString( 'My Post 24 &lt;Aarau&gt;', $html );
		$this->assertStringContainsString( 'My Post 24 terminal', $html );
		$this->assertStringContainsString( '99.60.013217.00005959', $html );
		$this->assertStringContainsString( '<a href="https://service.post.ch/ekp-web/ui/entry/shipping/1/?parcelId=996001321700005959">Track your parcel</a>', $html );
		$this->assertStringNotContainsString( '<Aarau>', $html );
	}

	public function test_the_completed_order_mail_has_the_tracking_link_in_html_and_plain_text() {
		$order = $this->order();
		$html  = $this->output( function () use ( $order ) { do_action( 'woocommerce_email_after_order_table', $order, false, false, null ); } );
		$this->assertStringContainsString( 'Track your parcel</a>', $html );
		$text = $this->output( function () use ( $order ) { do_action( 'woocommerce_email_after_order_table', $order, false, true, null ); } );
		$this->assertStringNotContainsString( '<', $text );
		$this->assertStringContainsString( "Pick-up point:\nMy Post 24 &lt;Aarau&gt;\nBahnhofplatz 1\n5000 Aarau\nTrack your parcel: https://service.post.ch/", $text );
	}

	public function test_before_the_parcel_exists_only_the_point_is_shown() {
		$order = $this->order( '' );
		$html  = $this->output( function () use ( $order ) { do_action( 'woocommerce_order_details_after_order_table', $order ); } );
		$this->assertStringContainsString( 'Bahnhofplatz 1', $html );
		$this->assertStringNotContainsString( 'Track', $html );
		$this->assertSame( '', PickPost_Customer_View::html( new WC_Order( 3, array( 'flat_rate' ) ) ) );
	}

	public function test_in_german() {
		$this->german();
		$html = PickPost_Customer_View::html( $this->order() );
		$this->assertStringContainsString( 'Abholort', $html );
		$this->assertStringContainsString( 'Sendung verfolgen', $html );
		$this->assertStringContainsString( 'My Post 24-Automat', $html );
	}
}
