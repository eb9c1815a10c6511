<?php
/**
 * The sync service's note carried in the batched write-back: noted once, meta removed.
 *
 * @package PickPost\Tests
 */

final class PendingNoteTest extends PickPost_Test_Case {
	const TEXT = 'PickPost label created: identcode 99.60.013217.00005959 (datatransfer). Tracking: https://service.post.ch/ekp-web/ui/entry/shipping/1/?parcelId=996001321700005959';

	/** What WooCommerce's update_item does for a batch item: save, then the insert action. */
	private function rest_update( WC_Order $order, array $meta ) {
		foreach ( $meta as $key => $value ) {
			$order->update_meta_data( $key, $value );
		}
		$order->save();
		do_action( 'woocommerce_rest_insert_shop_order_object', $order, null, false );
	}

	public function test_the_hook_is_registered_on_the_rest_insert_of_orders() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$this->rest_update( $order, array( '_pickpost_note_pending' => self::TEXT ) );
		$this->assertSame( array( self::TEXT ), $order->notes );
	}

	public function test_the_note_is_added_once_and_the_pending_meta_removed_and_saved() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$this->rest_update( $order, array( '_pickpost_note_pending' => self::TEXT, '_pickpost_note_customer' => 'no' ) );
		$this->assertSame( array( self::TEXT ), $order->notes );
		$this->assertSame( array(), $order->customer_notes );
		$this->assertNotContains( '_pickpost_note_pending', $order->meta_keys() );
		$this->assertNotContains( '_pickpost_note_customer', $order->meta_keys() );
		$this->assertSame( sha1( self::TEXT ), $order->get_meta( '_pickpost_noted' ) );
		// The removal is saved, not only in memory.
		$saved = array_map( function ( $row ) { return $row[0]; }, $order->saved_meta );
		$this->assertNotContains( '_pickpost_note_pending', $saved );
	}

	public function test_the_same_batch_sent_again_after_a_crash_adds_no_second_note() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$this->rest_update( $order, array( '_pickpost_note_pending' => self::TEXT ) );
		$this->rest_update( $order, array( '_pickpost_note_pending' => self::TEXT ) );
		$this->assertSame( array( self::TEXT ), $order->notes );
		$this->assertNotContains( '_pickpost_note_pending', $order->meta_keys() );
		// Another text (a later parcel, a hold) is a note of its own.
		$this->rest_update( $order, array( '_pickpost_note_pending' => 'PickPost: no label was made. Missing: weight.' ) );
		$this->assertCount( 2, $order->notes );
	}

	public function test_a_customer_note_when_asked() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$this->rest_update( $order, array( '_pickpost_note_pending' => self::TEXT, '_pickpost_note_customer' => 'yes' ) );
		$this->assertSame( array( self::TEXT ), $order->customer_notes );
	}

	public function test_an_update_without_a_pending_note_changes_nothing() {
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$this->rest_update( $order, array( '_pickpost_identcode' => '996001321700005959' ) );
		$this->assertSame( array(), $order->notes );
		$this->assertSame( 1, $order->saves );
		$this->rest_update( $order, array( '_pickpost_note_pending' => '   ' ) );
		$this->assertSame( array(), $order->notes );
	}
}
