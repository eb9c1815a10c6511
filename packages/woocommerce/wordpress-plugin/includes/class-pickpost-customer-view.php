<?php
/**
 * What the shopper sees after ordering: My Account → order, the thank-you page and the e-mails.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * The pick-up point and, once the parcel exists, its tracking link
 * (templates/order/order-details.php fires `woocommerce_order_details_after_order_table`;
 * templates/emails/*.php fire `woocommerce_email_after_order_table` with the plain-text flag).
 */
final class PickPost_Customer_View {
	/**
	 * Hooks the order view and the e-mails.
	 */
	public static function register() {
		add_action( 'woocommerce_order_details_after_order_table', array( __CLASS__, 'order_details' ) );
		add_action( 'woocommerce_email_after_order_table', array( __CLASS__, 'email' ), 10, 4 );
	}

	/**
	 * @param WC_Order $order The order.
	 */
	public static function order_details( $order ) {
		echo self::html( $order ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- html() escapes.
	}

	/**
	 * @param WC_Order $order         The order.
	 * @param bool     $sent_to_admin Whether the mail goes to the shop.
	 * @param bool     $plain_text    Plain-text mail.
	 * @param mixed    $email         The WC_Email.
	 */
	public static function email( $order, $sent_to_admin = false, $plain_text = false, $email = null ) {
		if ( $plain_text ) {
			echo esc_html( self::text( $order ) );
			return;
		}
		echo self::html( $order ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- html() escapes.
	}

	/**
	 * @param WC_Order $order The order.
	 * @return string Escaped HTML, '' for orders without PickPost data.
	 */
	public static function html( $order ) {
		$point = PickPost_Order_Meta::point( $order );
		if ( null === $point ) {
			return '';
		}
		$html  = '<section class="pickpost-order-details"><h2>' . esc_html__( 'Pick-up point', 'pickpost-woocommerce' ) . '</h2>';
		$html .= '<p>' . PickPost_Order_Admin::point_html( $point ) . '</p>';
		$tracking  = PickPost_Order_Meta::tracking_url( $order );
		$identcode = (string) $order->get_meta( PickPost_Order_Meta::IDENTCODE, true );
		if ( '' !== $tracking ) {
			$html .= '<p>' . esc_html__( 'Parcel number:', 'pickpost-woocommerce' ) . ' ' . esc_html( PickPost_Order_Admin::human_identcode( $identcode ) )
				. ' <a href="' . esc_url( $tracking ) . '">' . esc_html__( 'Track your parcel', 'pickpost-woocommerce' ) . '</a></p>';
		}
		return $html . '</section>';
	}

	/**
	 * @param WC_Order $order The order.
	 * @return string Plain text (escaped by the caller).
	 */
	public static function text( $order ) {
		$point = PickPost_Order_Meta::point( $order );
		if ( null === $point ) {
			return '';
		}
		$lines   = array( '', __( 'Pick-up point', 'pickpost-woocommerce' ) . ':' );
		$lines[] = $point['name'];
		$lines[] = trim( $point['street'] . ' ' . ( isset( $point['houseNo'] ) ? $point['houseNo'] : '' ) );
		$lines[] = $point['zip'] . ' ' . $point['city'];
		$tracking = PickPost_Order_Meta::tracking_url( $order );
		if ( '' !== $tracking ) {
			$lines[] = __( 'Track your parcel', 'pickpost-woocommerce' ) . ': ' . $tracking;
		}
		return implode( "\n", $lines ) . "\n";
	}
}
