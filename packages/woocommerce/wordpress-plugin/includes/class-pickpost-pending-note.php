<?php
/**
 * Order notes the sync service sends inside its batched write-back.
 *
 * WooCommerce's REST API has no batch route for order notes: a note per order would be one
 * request per order. The sync service therefore puts the note's text in the order meta
 * `_pickpost_note_pending` of the batch item it sends anyway, and this hook adds the note.
 *
 * WooCommerce fires `woocommerce_rest_insert_shop_order_object` after it saved an order created
 * or updated over REST, for each item of `POST /orders/batch` too (woocommerce/woocommerce:
 * plugins/woocommerce/includes/rest-api/Controllers/Version3/class-wc-rest-crud-controller.php,
 * create_item and update_item; class-wc-rest-controller.php batch_items calls them per item).
 * The hook gets the object the REST answer is made from afterwards, so removing the meta here
 * also removes it from the answer: that is how the service sees that the note was taken.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Turns `_pickpost_note_pending` into one order note per text.
 */
final class PickPost_Pending_Note {
	/** The note's text, written by the sync service. */
	const PENDING = '_pickpost_note_pending';

	/** `yes` when the customer gets the note too. */
	const CUSTOMER = '_pickpost_note_customer';

	/** SHA-1 of the last text noted: a batch sent again after a crash adds no second note. */
	const NOTED = '_pickpost_noted';

	/**
	 * Hooks the REST insert of orders (after WooCommerce's own callbacks at the default priority).
	 */
	public static function register() {
		add_action( 'woocommerce_rest_insert_shop_order_object', array( __CLASS__, 'on_rest_insert' ), 20, 1 );
	}

	/**
	 * Adds the pending note unless that very text was noted before, then deletes the meta.
	 *
	 * `add_order_note()` saves the note as a comment at once; the meta changes need the order's
	 * `save()` (woocommerce/woocommerce: plugins/woocommerce/includes/class-wc-order.php,
	 * add_order_note; includes/abstracts/abstract-wc-data.php, save_meta_data).
	 *
	 * @param WC_Order $order The order just saved over REST.
	 */
	public static function on_rest_insert( $order ) {
		if ( ! is_object( $order ) || ! method_exists( $order, 'add_order_note' ) ) {
			return;
		}
		$text = trim( (string) $order->get_meta( self::PENDING, true ) );
		if ( '' === $text ) {
			return;
		}
		$digest = sha1( $text );
		if ( (string) $order->get_meta( self::NOTED, true ) !== $digest ) {
			// The text is the service's own (identcode, tracking link); WooCommerce escapes notes
			// on output (wp_kses_post in the order screen's note list).
			$order->add_order_note( $text, 'yes' === $order->get_meta( self::CUSTOMER, true ) ? 1 : 0 );
			$order->update_meta_data( self::NOTED, $digest );
		}
		$order->delete_meta_data( self::PENDING );
		$order->delete_meta_data( self::CUSTOMER );
		$order->save();
	}
}
