<?php
/**
 * The classic (shortcode) checkout.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Prints the picker, refuses an order without a valid point and stores the choice.
 *
 * The picker sits before the order review (templates/checkout/form-checkout.php,
 * `woocommerce_checkout_before_order_review`), outside the fragments WooCommerce replaces on every
 * `update_checkout` (the review table and the payment box), so the shopper's choice survives address
 * and method changes. Under the PickPost rate a short line says where to choose
 * (templates/cart/cart-shipping.php, `woocommerce_after_shipping_rate`).
 */
final class PickPost_Classic_Checkout {
	const SCRIPT_HANDLE = 'pickpost-classic-checkout';

	/**
	 * The shopper of the checkout being processed, taken before WooCommerce may create an account
	 * and log the shopper in (includes/class-wc-checkout.php, process_checkout: the
	 * `woocommerce_checkout_process` action runs before process_customer and create_order).
	 *
	 * @var string|null
	 */
	private static $customer_ref = null;

	/** @var array|null|WP_Error What validate() resolved, used by create_order. */
	private static $resolved = null;

	/**
	 * Hooks the classic checkout.
	 */
	public static function register() {
		add_action( 'wp_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_action( 'woocommerce_checkout_before_order_review', array( __CLASS__, 'render_picker' ) );
		add_action( 'woocommerce_after_shipping_rate', array( __CLASS__, 'render_rate_hint' ), 10, 2 );
		add_action( 'woocommerce_checkout_process', array( __CLASS__, 'validate' ) );
		add_action( 'woocommerce_checkout_create_order', array( __CLASS__, 'create_order' ), 10, 2 );
	}

	/**
	 * The widget and the small script that shows it for PickPost only, on the classic checkout page.
	 */
	public static function enqueue() {
		if ( ! function_exists( 'is_checkout' ) || ! is_checkout() || ! PickPost_Settings::is_configured() ) {
			return;
		}
		PickPost_Picker::register_widget_script();
		wp_enqueue_script( self::SCRIPT_HANDLE, plugins_url( 'assets/classic-checkout.js', PICKPOST_WC_FILE ), array( PickPost_Picker::WIDGET_HANDLE ), PICKPOST_WC_VERSION, true );
	}

	/**
	 * The picker, hidden until the PickPost rate is chosen.
	 */
	public static function render_picker() {
		if ( ! PickPost_Settings::is_configured() ) {
			return;
		}
		$zip = '';
		if ( function_exists( 'WC' ) && WC()->customer ) {
			$zip = WC()->customer->get_shipping_postcode();
			if ( '' === $zip ) {
				$zip = WC()->customer->get_billing_postcode();
			}
		}
		echo '<div class="pickpost-checkout" data-pickpost-method="' . esc_attr( PickPost_Plugin::METHOD_ID ) . '" hidden>';
		echo '<h3>' . esc_html__( 'Your pick-up point', 'pickpost-woocommerce' ) . '</h3>';
		echo PickPost_Picker::element( PickPost_Picker::attributes( $zip ) ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- element() escapes every attribute.
		echo '</div>';
	}

	/**
	 * A line under the PickPost rate.
	 *
	 * @param WC_Shipping_Rate $method The rate.
	 * @param int              $index  Package index.
	 */
	public static function render_rate_hint( $method, $index ) {
		if ( ! is_object( $method ) || PickPost_Plugin::METHOD_ID !== $method->get_method_id() || ! function_exists( 'is_checkout' ) || ! is_checkout() ) {
			return;
		}
		echo '<p class="pickpost-rate-hint"><small>' . esc_html__( 'Choose your PickPost point or My Post 24 terminal above.', 'pickpost-woocommerce' ) . '</small></p>';
	}

	/**
	 * Refuses the order when PickPost is chosen without a point the plugin can accept.
	 */
	public static function validate() {
		self::$customer_ref = PickPost_Customer_Ref::current();
		self::$resolved     = PickPost_Checkout::resolve( self::posted_pickpost(), self::posted_input(), self::$customer_ref );
		if ( is_wp_error( self::$resolved ) ) {
			wc_add_notice( self::$resolved->get_error_message(), 'error', array( 'id' => 'pickpost' ) );
		}
	}

	/**
	 * Writes (or clears) the meta on the order WooCommerce is about to save.
	 *
	 * @param WC_Order $order The new order.
	 * @param array    $data  Posted data.
	 */
	public static function create_order( $order, $data = array() ) {
		$resolved = self::$resolved;
		if ( null === self::$customer_ref ) {
			// Someone created the order without the checkout's validation (e.g. another plugin firing the hook).
			$resolved = PickPost_Checkout::resolve( PickPost_Order_Meta::ships_with_pickpost( $order ), self::posted_input(), PickPost_Customer_Ref::current() );
		}
		if ( is_wp_error( $resolved ) ) {
			// Validation already stopped the checkout; never store a refused selection.
			PickPost_Order_Meta::clear( $order );
			return;
		}
		PickPost_Checkout::apply( $order, PickPost_Order_Meta::ships_with_pickpost( $order ) ? $resolved : null );
	}

	/**
	 * Forgets the state between two checkouts in one PHP process (tests, long-running workers).
	 */
	public static function reset() {
		self::$customer_ref = null;
		self::$resolved     = null;
	}

	/**
	 * Whether the posted (or, without a post, the session's) shipping methods include PickPost.
	 *
	 * @return bool
	 */
	private static function posted_pickpost() {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- WooCommerce verified the checkout nonce before this action.
		$methods = isset( $_POST['shipping_method'] ) ? (array) wp_unslash( $_POST['shipping_method'] ) : null;
		// phpcs:enable
		if ( null === $methods && function_exists( 'WC' ) && WC()->session ) {
			$methods = (array) WC()->session->get( 'chosen_shipping_methods' );
		}
		foreach ( (array) $methods as $method ) {
			if ( is_string( $method ) && PickPost_Plugin::is_pickpost_rate( $method ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The widget's hidden inputs.
	 *
	 * @return array{selection:string,point_id:string}
	 */
	private static function posted_input() {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- see posted_pickpost().
		$get = function ( $key ) {
			return isset( $_POST[ $key ] ) && is_string( $_POST[ $key ] ) ? sanitize_text_field( wp_unslash( $_POST[ $key ] ) ) : '';
		};
		// phpcs:enable
		return array(
			'selection' => $get( 'pickpost_selection' ),
			'point_id'  => $get( 'pickpost_point_id' ),
		);
	}
}
