<?php
/**
 * Wiring: which class listens to which WordPress and WooCommerce hook.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

require_once __DIR__ . '/class-pickpost-settings.php';
require_once __DIR__ . '/class-pickpost-customer-ref.php';
require_once __DIR__ . '/class-pickpost-service-client.php';
require_once __DIR__ . '/class-pickpost-rest-proxy.php';
require_once __DIR__ . '/class-pickpost-selection.php';
require_once __DIR__ . '/class-pickpost-order-meta.php';
require_once __DIR__ . '/class-pickpost-checkout.php';
require_once __DIR__ . '/class-pickpost-picker.php';
require_once __DIR__ . '/class-pickpost-classic-checkout.php';
require_once __DIR__ . '/class-pickpost-blocks.php';
require_once __DIR__ . '/class-pickpost-order-admin.php';
require_once __DIR__ . '/class-pickpost-bulk-labels.php';
require_once __DIR__ . '/class-pickpost-customer-view.php';
require_once __DIR__ . '/class-pickpost-pending-note.php';

/**
 * Boots the plugin once WordPress has loaded the active plugins.
 */
final class PickPost_Plugin {
	/** The shipping method id; the sync service filters orders on it. */
	const METHOD_ID = 'pickpost';

	/** The text domain of every string. */
	const TEXT_DOMAIN = 'pickpost-woocommerce';

	/**
	 * Registers the hooks that must exist before `plugins_loaded`, then the rest on it.
	 */
	public static function boot() {
		// WooCommerce reads compatibility declarations on this action only
		// (plugins/woocommerce/src/Utilities/FeaturesUtil.php, declare_compatibility).
		add_action( 'before_woocommerce_init', array( __CLASS__, 'declare_compatibility' ) );
		add_action( 'plugins_loaded', array( __CLASS__, 'load' ) );
	}

	/**
	 * The plugin keeps its data in the order meta API only, so it works with HPOS
	 * (`custom_order_tables`); it has its own Blocks integration (`cart_checkout_blocks`).
	 */
	public static function declare_compatibility() {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', PICKPOST_WC_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', PICKPOST_WC_FILE, true );
		}
	}

	/**
	 * Everything else. Without WooCommerce only the settings page and a notice remain.
	 */
	public static function load() {
		load_plugin_textdomain( self::TEXT_DOMAIN, false, dirname( plugin_basename( PICKPOST_WC_FILE ) ) . '/languages' );

		PickPost_Settings::register();

		if ( ! class_exists( 'WooCommerce' ) ) {
			add_action( 'admin_notices', array( __CLASS__, 'woocommerce_missing_notice' ) );
			return;
		}

		add_action( 'woocommerce_shipping_init', array( __CLASS__, 'load_shipping_method' ) );
		add_filter( 'woocommerce_shipping_methods', array( __CLASS__, 'add_shipping_method' ) );

		PickPost_Rest_Proxy::register();
		PickPost_Classic_Checkout::register();
		PickPost_Blocks::register();
		PickPost_Order_Admin::register();
		PickPost_Bulk_Labels::register();
		PickPost_Customer_View::register();
		PickPost_Pending_Note::register();
	}

	/**
	 * The method class extends WC_Shipping_Method, which exists only from `woocommerce_shipping_init` on.
	 */
	public static function load_shipping_method() {
		require_once __DIR__ . '/class-pickpost-shipping-method.php';
	}

	/**
	 * Adds the method to WooCommerce's list, keyed by its id as WooCommerce expects.
	 *
	 * @param array $methods Method id => class name.
	 * @return array
	 */
	public static function add_shipping_method( $methods ) {
		$methods[ self::METHOD_ID ] = 'PickPost_Shipping_Method';
		return $methods;
	}

	/**
	 * Printed on admin pages while WooCommerce is not active.
	 */
	public static function woocommerce_missing_notice() {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		echo '<div class="notice notice-error"><p>' . esc_html__( 'PickPost / My Post 24 needs WooCommerce: install and activate WooCommerce to offer PickPost delivery.', 'pickpost-woocommerce' ) . '</p></div>';
	}

	/**
	 * Whether a shipping rate or method id is this plugin's (`pickpost` or `pickpost:<instance>`).
	 *
	 * @param string $id Rate id or method id.
	 * @return bool
	 */
	public static function is_pickpost_rate( $id ) {
		$id = (string) $id;
		return self::METHOD_ID === $id || 0 === strpos( $id, self::METHOD_ID . ':' );
	}
}
