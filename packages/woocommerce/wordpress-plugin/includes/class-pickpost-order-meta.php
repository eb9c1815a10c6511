<?php
/**
 * The order meta of the WooCommerce contract, read and written through the order's meta API
 * (so it lives wherever WooCommerce keeps orders: posts or HPOS tables).
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Keys written at checkout (by this plugin) and after fulfilment (by the sync service).
 */
final class PickPost_Order_Meta {
	const SELECTION       = '_pickpost_selection';
	const POINT_ID        = '_pickpost_point_id';
	const POINT           = '_pickpost_point';
	const CUSTOMER_NUMBER = '_pickpost_customer_number';
	const CUSTOMER_REF    = '_pickpost_customer_ref';

	// Written back by the sync service.
	const IDENTCODE    = '_pickpost_identcode';
	const TRACKING_URL = '_pickpost_tracking_url';
	const LABEL_URL    = '_pickpost_label_url';
	const TRANSMISSION = '_pickpost_transmission';

	/** The checkout's keys: all of them go when the shopper leaves PickPost delivery. */
	const CHECKOUT_KEYS = array( self::SELECTION, self::POINT_ID, self::POINT, self::CUSTOMER_NUMBER, self::CUSTOMER_REF );

	/**
	 * Stores a checked selection on the order (not saved: the caller's hook saves the order) and
	 * remembers the PickPost ID on the customer's account.
	 *
	 * `update_meta_data` replaces an existing row of the key rather than adding a second
	 * (includes/abstracts/abstract-wc-data.php).
	 *
	 * @param WC_Order $order     The order.
	 * @param array    $selection PickPost_Selection::parse's result.
	 */
	public static function write( $order, $selection ) {
		$order->update_meta_data( self::SELECTION, $selection['token'] );
		$order->update_meta_data( self::POINT_ID, $selection['point']['id'] );
		$order->update_meta_data( self::POINT, wp_json_encode( $selection['point'] ) );
		$order->update_meta_data( self::CUSTOMER_REF, $selection['customer_ref'] );
		if ( '' !== $selection['pickpost_id'] ) {
			$order->update_meta_data( self::CUSTOMER_NUMBER, $selection['pickpost_id'] );
			$user_id = (int) $order->get_customer_id();
			if ( $user_id > 0 ) {
				update_user_meta( $user_id, self::CUSTOMER_NUMBER, $selection['pickpost_id'] );
			}
		} else {
			$order->delete_meta_data( self::CUSTOMER_NUMBER );
		}
	}

	/**
	 * Removes the checkout's keys: a stale point must never follow an order to home delivery.
	 *
	 * @param WC_Order $order The order.
	 */
	public static function clear( $order ) {
		foreach ( self::CHECKOUT_KEYS as $key ) {
			$order->delete_meta_data( $key );
		}
	}

	/**
	 * The stored point snapshot, or null.
	 *
	 * @param WC_Order $order The order.
	 * @return array|null
	 */
	public static function point( $order ) {
		$json = (string) $order->get_meta( self::POINT, true );
		$data = '' === $json ? null : json_decode( $json, true );
		return is_array( $data ) ? $data : null;
	}

	/**
	 * The tracking link the service wrote, if it is an http(s) URL.
	 *
	 * @param WC_Order $order The order.
	 * @return string
	 */
	public static function tracking_url( $order ) {
		$url = (string) $order->get_meta( self::TRACKING_URL, true );
		return preg_match( '#^https?://#i', $url ) ? $url : '';
	}

	/**
	 * Whether the order ships with PickPost: one of its shipping lines is the method.
	 *
	 * @param WC_Order $order The order.
	 * @return bool
	 */
	public static function ships_with_pickpost( $order ) {
		foreach ( $order->get_shipping_methods() as $line ) {
			if ( PickPost_Plugin::METHOD_ID === $line->get_method_id() ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The customer's remembered PickPost ID (pre-fills the widget).
	 *
	 * @param int $user_id The user.
	 * @return string
	 */
	public static function remembered_number( $user_id ) {
		return $user_id > 0 ? (string) get_user_meta( $user_id, self::CUSTOMER_NUMBER, true ) : '';
	}
}
