<?php
/**
 * The Blocks checkout (the default since WooCommerce 8.3).
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * The widget in the checkout block, its choice sent as Store API extension data (namespace
 * `pickpost`) and checked when the order is placed.
 */
final class PickPost_Blocks {
	const EXTENSION     = 'pickpost';
	const SCRIPT_HANDLE = 'pickpost-blocks-checkout';

	/**
	 * Hooks the Store API and the block integration once WooCommerce's blocks are loaded.
	 */
	public static function register() {
		add_action( 'woocommerce_blocks_loaded', array( __CLASS__, 'blocks_loaded' ) );
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( __CLASS__, 'update_order_from_request' ), 10, 2 );
	}

	/**
	 * Registers the extension schema on the checkout endpoint
	 * (src/StoreApi/Schemas/ExtendSchema.php, register_endpoint_data) and the integration.
	 */
	public static function blocks_loaded() {
		if ( function_exists( 'woocommerce_store_api_register_endpoint_data' ) ) {
			woocommerce_store_api_register_endpoint_data(
				array(
					'endpoint'        => \Automattic\WooCommerce\StoreApi\Schemas\V1\CheckoutSchema::IDENTIFIER,
					'namespace'       => self::EXTENSION,
					'schema_callback' => array( __CLASS__, 'schema' ),
					'schema_type'     => ARRAY_A,
				)
			);
		}
		add_action( 'woocommerce_blocks_checkout_block_registration', array( __CLASS__, 'register_integration' ) );
	}

	/**
	 * The extension data the checkout block posts.
	 *
	 * @return array
	 */
	public static function schema() {
		$string = array(
			'type'     => array( 'string', 'null' ),
			'context'  => array( 'view', 'edit' ),
			'readonly' => false,
		);
		return array(
			'selection'   => array_merge( $string, array( 'description' => __( 'The signed pick-up point selection.', 'pickpost-woocommerce' ) ) ),
			'point_id'    => array_merge( $string, array( 'description' => __( 'The chosen point\'s id.', 'pickpost-woocommerce' ) ) ),
			'pickpost_id' => array_merge( $string, array( 'description' => __( 'The shopper\'s PickPost ID.', 'pickpost-woocommerce' ) ) ),
		);
	}

	/**
	 * @param \Automattic\WooCommerce\Blocks\Integrations\IntegrationRegistry $registry The checkout block's registry.
	 */
	public static function register_integration( $registry ) {
		require_once __DIR__ . '/class-pickpost-blocks-integration.php';
		$registry->register( new PickPost_Blocks_Integration() );
	}

	/**
	 * Checks and stores the choice when the Store API places the order. This runs before the
	 * customer is processed (src/StoreApi/Routes/V1/Checkout.php, get_route_post_response:
	 * update_order_from_request, then process_customer), so the shopper is still the one who chose.
	 * A RouteException is answered as an error and the order is not placed.
	 *
	 * @param WC_Order        $order   The draft order (it may carry PickPost data of an earlier try).
	 * @param WP_REST_Request $request The checkout request.
	 * @throws \Automattic\WooCommerce\StoreApi\Exceptions\RouteException When PickPost is chosen without a valid point.
	 */
	public static function update_order_from_request( $order, $request ) {
		$extensions = $request['extensions'];
		$input      = is_array( $extensions ) && isset( $extensions[ self::EXTENSION ] ) && is_array( $extensions[ self::EXTENSION ] ) ? $extensions[ self::EXTENSION ] : array();
		$resolved   = PickPost_Checkout::resolve( PickPost_Order_Meta::ships_with_pickpost( $order ), $input, PickPost_Customer_Ref::current() );
		if ( is_wp_error( $resolved ) ) {
			PickPost_Order_Meta::clear( $order );
			throw new \Automattic\WooCommerce\StoreApi\Exceptions\RouteException( esc_html( $resolved->get_error_code() ), esc_html( $resolved->get_error_message() ), 400 );
		}
		PickPost_Checkout::apply( $order, $resolved );
	}
}
