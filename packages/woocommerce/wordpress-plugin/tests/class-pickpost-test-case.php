<?php
/**
 * A clean WordPress and WooCommerce for every test, with the plugin loaded as WordPress would.
 *
 * @package PickPost\Tests
 */

use PHPUnit\Framework\TestCase;

abstract class PickPost_Test_Case extends TestCase {
	/** @var PickPost_Fake_Service|null Shared by the tests of a class that talks to the service. */
	protected static $service = null;

	protected function setUp(): void {
		PickPost_Test_WP::reset();
		PickPost_Test_WC::reset();
		PickPost_Classic_Checkout::reset();
		PickPost_Download::$sender = null;
		\Automattic\WooCommerce\Utilities\FeaturesUtil::$declared = array();
		PickPost_Plugin::boot();
		do_action( 'before_woocommerce_init' );
		do_action( 'plugins_loaded' );
		do_action( 'woocommerce_shipping_init' );
		do_action( 'rest_api_init' );
		if ( null !== static::$service ) {
			static::$service->clear();
		}
	}

	public static function tearDownAfterClass(): void {
		if ( null !== static::$service ) {
			static::$service->stop();
			static::$service = null;
		}
	}

	/** Points the plugin at the fake service (started once per class). */
	protected function configure_service() {
		if ( null === static::$service ) {
			static::$service = PickPost_Fake_Service::start();
		}
		PickPost_Test_WP::$options['pickpost_service_url']   = static::$service->url;
		PickPost_Test_WP::$options['pickpost_shared_secret'] = PickPost_Fake_Service::SECRET;
		PickPost_Test_WP::$options['pickpost_admin_token']   = PickPost_Fake_Service::ADMIN_TOKEN;
	}

	/** A guest whose WooCommerce session cookie names `$id`. */
	protected function guest( $id = 't_guest1' ) {
		WC()->session = new PickPost_Test_Session( $id );
	}

	/** A logged-in customer (WooCommerce's session then carries the user id). */
	protected function customer( $user_id ) {
		wp_set_current_user( $user_id );
		WC()->session = new PickPost_Test_Session( (string) $user_id );
	}

	protected function output( callable $render ) {
		ob_start();
		try {
			$render();
		} finally {
			$html = (string) ob_get_clean();
		}
		return $html;
	}

	/** The site in German, with the plugin's translations loaded like WordPress would. */
	protected function german() {
		PickPost_Test_WP::$locale = 'de_DE';
		load_plugin_textdomain( 'pickpost-woocommerce' );
	}
}
