<?php
/**
 * Namespaced WooCommerce classes (src/…), in their own file because PHP namespaces a whole file.
 *
 * @package PickPost\Tests
 */

namespace Automattic\WooCommerce\StoreApi\Exceptions {
	/** src/StoreApi/Exceptions/RouteException.php: a code, a message and an HTTP status (default 400). */
	class RouteException extends \Exception {
		public $error_code;

		public function __construct( $error_code, $message, $http_status_code = 400, $additional_data = array() ) {
			$this->error_code = $error_code;
			parent::__construct( $message, $http_status_code );
		}

		public function getErrorCode() {
			return $this->error_code;
		}
	}
}

namespace Automattic\WooCommerce\StoreApi\Schemas\V1 {
	class CheckoutSchema {
		const IDENTIFIER = 'checkout';
	}
}

namespace Automattic\WooCommerce\Blocks\Integrations {
	/** The interface of src/Blocks/Integrations/IntegrationInterface.php. */
	interface IntegrationInterface {
		public function get_name();
		public function initialize();
		public function get_script_handles();
		public function get_editor_script_handles();
		public function get_script_data();
	}

	/** Registers integrations by name; a second one of a name is refused (IntegrationRegistry.php). */
	class IntegrationRegistry {
		public $registered = array();

		public function register( IntegrationInterface $integration ) {
			if ( isset( $this->registered[ $integration->get_name() ] ) ) {
				return false;
			}
			$this->registered[ $integration->get_name() ] = $integration;
			return true;
		}
	}
}

namespace Automattic\WooCommerce\Utilities {
	/** src/Utilities/FeaturesUtil.php: records the declarations. */
	class FeaturesUtil {
		public static $declared = array();

		public static function declare_compatibility( $feature_id, $plugin_file, $positive_compatibility = true ) {
			self::$declared[ $feature_id ] = array( $plugin_file, $positive_compatibility );
			return true;
		}
	}
}
