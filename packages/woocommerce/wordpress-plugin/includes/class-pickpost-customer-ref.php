<?php
/**
 * Who the shopper is, as the sync service knows them, and the signed headers that say so.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * `wc-customer:<user id>` for a logged-in customer, `wc-session:<WooCommerce session customer id>` for a guest.
 */
final class PickPost_Customer_Ref {
	/**
	 * The current shopper's reference, or '' when there is neither a user nor a WooCommerce session.
	 *
	 * A REST request does not start WooCommerce's session by itself (`WooCommerce::is_rest_api_request()`
	 * keeps it out of the frontend init), so it is loaded here; a guest without a session cookie gets one,
	 * or the next request would see a new customer id (includes/class-wc-session-handler.php,
	 * `init_session_cookie` / `set_customer_session_cookie`).
	 *
	 * @return string
	 */
	public static function current() {
		$user_id = get_current_user_id();
		if ( $user_id > 0 ) {
			return 'wc-customer:' . $user_id;
		}
		if ( function_exists( 'WC' ) && null === WC()->session && function_exists( 'wc_load_cart' ) ) {
			wc_load_cart();
		}
		$session = function_exists( 'WC' ) ? WC()->session : null;
		if ( null === $session ) {
			return '';
		}
		if ( ! $session->has_session() ) {
			$session->set_customer_session_cookie( true );
		}
		$id = (string) $session->get_customer_id();
		return '' === $id ? '' : 'wc-session:' . $id;
	}

	/**
	 * The three headers of the WooCommerce contract: the customer, the time and
	 * hex(HMAC-SHA256("<customerRef>.<timestamp>", secret)). The service checks them in constant time
	 * within five minutes.
	 *
	 * @param string   $customer_ref The reference.
	 * @param string   $secret       The shared secret.
	 * @param int|null $now          Unix seconds (tests).
	 * @return array<string,string>
	 */
	public static function signed_headers( $customer_ref, $secret, $now = null ) {
		$timestamp = (string) ( null === $now ? time() : (int) $now );
		return array(
			'X-PickPost-Customer'  => $customer_ref,
			'X-PickPost-Timestamp' => $timestamp,
			'X-PickPost-Signature' => hash_hmac( 'sha256', $customer_ref . '.' . $timestamp, $secret ),
		);
	}
}
