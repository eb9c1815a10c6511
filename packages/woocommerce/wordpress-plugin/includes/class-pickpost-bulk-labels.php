<?php
/**
 * The "Print PickPost labels" bulk action on both order lists.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * One merged PDF for the selected orders from the service's `POST /labels/bulk` (admin API), on
 * the posts list (`edit-shop_order`) and the HPOS list (`woocommerce_page_wc-orders`). The list
 * tables check their own bulk nonce before the handler runs; the handler checks the capability.
 */
final class PickPost_Bulk_Labels {
	const ACTION  = 'pickpost_print_labels';
	const NOTICE  = 'pickpost_labels';
	const SCREENS = array( 'edit-shop_order', 'woocommerce_page_wc-orders' );

	/**
	 * Hooks both lists and the notice.
	 */
	public static function register() {
		foreach ( self::SCREENS as $screen ) {
			add_filter( 'bulk_actions-' . $screen, array( __CLASS__, 'add_action' ) );
			add_filter( 'handle_bulk_actions-' . $screen, array( __CLASS__, 'handle' ), 10, 3 );
		}
		add_action( 'admin_notices', array( __CLASS__, 'notice' ) );
	}

	/**
	 * @param array $actions Bulk actions.
	 * @return array
	 */
	public static function add_action( $actions ) {
		$actions[ self::ACTION ] = __( 'Print PickPost labels', 'pickpost-woocommerce' );
		return $actions;
	}

	/**
	 * Sends the merged labels, or returns to the list with the reason.
	 *
	 * @param string $redirect_to Where the list goes afterwards.
	 * @param string $action      The chosen action.
	 * @param array  $ids         Order ids.
	 * @return string
	 */
	public static function handle( $redirect_to, $action, $ids ) {
		if ( self::ACTION !== $action ) {
			return $redirect_to;
		}
		if ( ! current_user_can( PickPost_Order_Admin::CAPABILITY ) ) {
			return add_query_arg( self::NOTICE, 'forbidden', $redirect_to );
		}
		$answer = self::fetch( array_map( 'absint', (array) $ids ) );
		if ( is_wp_error( $answer ) ) {
			return add_query_arg( self::NOTICE, $answer->get_error_code(), $redirect_to );
		}
		PickPost_Download::send( $answer, 'pickpost-labels-' . gmdate( 'Ymd-His' ) );
		return $redirect_to;
	}

	/**
	 * The merged labels of the orders that have a parcel; orders without one are left out.
	 *
	 * @param int[] $ids Order ids.
	 * @return array|WP_Error
	 */
	public static function fetch( $ids ) {
		$identcodes = array();
		foreach ( $ids as $id ) {
			$order = wc_get_order( $id );
			$code  = $order ? (string) $order->get_meta( PickPost_Order_Meta::IDENTCODE, true ) : '';
			if ( PickPost_Order_Admin::is_identcode( $code ) && ! in_array( $code, $identcodes, true ) ) {
				$identcodes[] = $code;
			}
		}
		if ( array() === $identcodes ) {
			return new WP_Error( 'none', __( 'None of the selected orders has a PickPost parcel yet.', 'pickpost-woocommerce' ) );
		}
		// The service takes at most 1000 identcodes per request.
		$identcodes = array_slice( $identcodes, 0, 1000 );
		$answer     = PickPost_Download::expect_file( PickPost_Service_Client::admin( 'POST', '/labels/bulk', wp_json_encode( array( 'identcodes' => $identcodes ) ) ) );
		return is_wp_error( $answer ) ? new WP_Error( 'failed', $answer->get_error_message() ) : $answer;
	}

	/**
	 * The reason the last bulk action printed nothing.
	 */
	public static function notice() {
		$code = isset( $_GET[ self::NOTICE ] ) ? sanitize_key( wp_unslash( $_GET[ self::NOTICE ] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only selects a message.
		$messages = array(
			'none'                    => __( 'None of the selected orders has a PickPost parcel yet.', 'pickpost-woocommerce' ),
			'failed'                  => __( 'The sync service could not provide the labels. Check Settings → PickPost and the service\'s log.', 'pickpost-woocommerce' ),
			'forbidden'               => __( 'You are not allowed to print PickPost labels.', 'pickpost-woocommerce' ),
		);
		if ( isset( $messages[ $code ] ) ) {
			echo '<div class="notice notice-warning is-dismissible"><p>' . esc_html( $messages[ $code ] ) . '</p></div>';
		}
	}
}
