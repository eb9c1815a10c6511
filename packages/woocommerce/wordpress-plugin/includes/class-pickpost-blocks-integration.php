<?php
/**
 * The checkout block integration (loaded only when WooCommerce's blocks define the interface).
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the script that renders the widget under the shipping options and passes it its
 * settings (src/Blocks/Integrations/IntegrationRegistry.php: script data is exposed to the page as
 * `<name>_data`, read with `wc.wcSettings.getSetting( 'pickpost_data' )`).
 */
class PickPost_Blocks_Integration implements \Automattic\WooCommerce\Blocks\Integrations\IntegrationInterface {
	/** @return string */
	public function get_name() {
		return 'pickpost';
	}

	/**
	 * Registers the widget and the block script.
	 */
	public function initialize() {
		if ( ! PickPost_Settings::is_configured() ) {
			return;
		}
		PickPost_Picker::register_widget_script();
		wp_register_script(
			PickPost_Blocks::SCRIPT_HANDLE,
			plugins_url( 'assets/blocks-checkout.js', PICKPOST_WC_FILE ),
			array( 'wp-element', 'wp-plugins', 'wp-data', 'wc-blocks-checkout', 'wc-settings', PickPost_Picker::WIDGET_HANDLE ),
			PICKPOST_WC_VERSION,
			true
		);
	}

	/** @return string[] */
	public function get_script_handles() {
		return PickPost_Settings::is_configured() ? array( PickPost_Blocks::SCRIPT_HANDLE ) : array();
	}

	/** @return string[] */
	public function get_editor_script_handles() {
		return array();
	}

	/**
	 * The widget's attributes (the block script sets `zip` from the cart's shipping address).
	 *
	 * @return array
	 */
	public function get_script_data() {
		return array(
			'methodId'   => PickPost_Plugin::METHOD_ID,
			'namespace'  => PickPost_Blocks::EXTENSION,
			'attributes' => PickPost_Picker::attributes( '' ),
			'heading'    => __( 'Your pick-up point', 'pickpost-woocommerce' ),
		);
	}
}
