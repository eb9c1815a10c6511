<?php
/**
 * A small stand-in for the WooCommerce classes and functions the plugin calls, following
 * WooCommerce's source (paths below `plugins/woocommerce/`).
 *
 * @package PickPost\Tests
 */

class WooCommerce {}

/** WC(): the session, customer and cart a request has (woocommerce.php). */
final class PickPost_Test_WC {
	public static $instance;
	public $session;
	public $customer;
	public $cart;
	public static $notices = array();
	public static $orders = array();
	public static $next_order_id = 100;
	public static $endpoint_data = array();
	public static $loaded_cart = 0;

	public static function reset() {
		self::$instance      = new self();
		self::$notices       = array();
		self::$orders        = array();
		self::$endpoint_data = array();
		self::$loaded_cart   = 0;
	}
}

function WC() {
	return PickPost_Test_WC::$instance;
}

/** wc_load_cart (includes/wc-core-functions.php): starts the session, customer and cart. */
function wc_load_cart() {
	PickPost_Test_WC::$loaded_cart++;
	if ( null === WC()->session ) {
		WC()->session = new PickPost_Test_Session( '' );
	}
}

/**
 * The session of includes/class-wc-session-handler.php as far as the plugin uses it: a customer id
 * (the user id when logged in, else a `t_…` guest id), has_session() true with a cookie or a user.
 */
class PickPost_Test_Session {
	private $customer_id;
	public $has_cookie;
	public $cookie_set = false;
	private $data = array();

	public function __construct( $cookie_customer_id ) {
		$this->has_cookie  = '' !== $cookie_customer_id;
		$this->customer_id = $this->has_cookie ? $cookie_customer_id : ( is_user_logged_in() ? (string) get_current_user_id() : 't_' . bin2hex( random_bytes( 15 ) ) );
	}

	public function get_customer_id() {
		return $this->customer_id;
	}

	public function has_session() {
		return $this->has_cookie || $this->cookie_set || is_user_logged_in();
	}

	public function set_customer_session_cookie( $set ) {
		if ( $set ) {
			$this->cookie_set = true;
		}
	}

	public function get( $key, $default = null ) {
		return isset( $this->data[ $key ] ) ? $this->data[ $key ] : $default;
	}

	public function set( $key, $value ) {
		$this->data[ $key ] = $value;
	}
}

class PickPost_Test_Customer {
	public $shipping_postcode = '';
	public $billing_postcode  = '';

	public function get_shipping_postcode() {
		return $this->shipping_postcode;
	}

	public function get_billing_postcode() {
		return $this->billing_postcode;
	}
}

/** The two cart totals free shipping compares (includes/class-wc-cart.php). */
class PickPost_Test_Cart {
	public $subtotal = 0.0;
	public $discount = 0.0;

	public function get_displayed_subtotal() {
		return $this->subtotal;
	}

	public function get_discount_total() {
		return $this->discount;
	}
}

// --- notices (includes/wc-notice-functions.php) ---

function wc_add_notice( $message, $notice_type = 'success', $data = array() ) {
	PickPost_Test_WC::$notices[ $notice_type ][] = array( 'notice' => $message, 'data' => $data );
}

function wc_notice_count( $notice_type = '' ) {
	if ( '' === $notice_type ) {
		return array_sum( array_map( 'count', PickPost_Test_WC::$notices ) );
	}
	return isset( PickPost_Test_WC::$notices[ $notice_type ] ) ? count( PickPost_Test_WC::$notices[ $notice_type ] ) : 0;
}

// --- formatting (includes/wc-formatting-functions.php) ---

function wc_get_price_decimals() {
	return 2;
}

/** wc_format_decimal: a dot as separator, trailing zeros trimmed unless decimals are given. */
function wc_format_decimal( $number, $dp = false ) {
	$number = str_replace( ',', '.', (string) $number );
	if ( false !== $dp ) {
		return number_format( (float) $number, (int) $dp, '.', '' );
	}
	return false !== strpos( $number, '.' ) ? rtrim( rtrim( $number, '0' ), '.' ) : $number;
}

// --- orders: the meta API of includes/abstracts/abstract-wc-data.php ---

class WC_Order_Item_Shipping {
	private $method_id;

	public function __construct( $method_id ) {
		$this->method_id = $method_id;
	}

	public function get_method_id() {
		return $this->method_id;
	}
}

class WC_Order {
	private $id;
	private $customer_id;
	private $shipping = array();
	/** Rows of [key, value]; several rows may share a key. */
	private $meta = array();
	/** What save() persisted. */
	public $saved_meta = array();
	public $notes = array();
	public $saves = 0;

	public function __construct( $customer_id = 0, $shipping_methods = array() ) {
		$this->id          = PickPost_Test_WC::$next_order_id++;
		$this->customer_id = $customer_id;
		foreach ( $shipping_methods as $method ) {
			$this->shipping[] = new WC_Order_Item_Shipping( $method );
		}
		PickPost_Test_WC::$orders[ $this->id ] = $this;
	}

	public function get_id() {
		return $this->id;
	}

	public function get_customer_id() {
		return $this->customer_id;
	}

	public function set_customer_id( $id ) {
		$this->customer_id = (int) $id;
	}

	public function get_shipping_methods() {
		return $this->shipping;
	}

	public function set_shipping_methods( $methods ) {
		$this->shipping = array_map(
			function ( $method ) {
				return new WC_Order_Item_Shipping( $method );
			},
			$methods
		);
	}

	/** get_meta( key, single ): the first row's value, '' when there is none. */
	public function get_meta( $key, $single = true ) {
		foreach ( $this->meta as $row ) {
			if ( $row[0] === $key ) {
				return $row[1];
			}
		}
		return $single ? '' : array();
	}

	public function add_meta_data( $key, $value ) {
		$this->meta[] = array( $key, $value );
	}

	/** update_meta_data: updates the first row of the key and drops the others, or adds one. */
	public function update_meta_data( $key, $value ) {
		$found = false;
		foreach ( $this->meta as $i => $row ) {
			if ( $row[0] !== $key ) {
				continue;
			}
			if ( $found ) {
				unset( $this->meta[ $i ] );
				continue;
			}
			$this->meta[ $i ][1] = $value;
			$found               = true;
		}
		if ( ! $found ) {
			$this->meta[] = array( $key, $value );
		}
		$this->meta = array_values( $this->meta );
	}

	public function delete_meta_data( $key ) {
		$this->meta = array_values(
			array_filter(
				$this->meta,
				function ( $row ) use ( $key ) {
					return $row[0] !== $key;
				}
			)
		);
	}

	public function meta_keys() {
		return array_map(
			function ( $row ) {
				return $row[0];
			},
			$this->meta
		);
	}

	public function save() {
		$this->saved_meta = $this->meta;
		$this->saves++;
		return $this->id;
	}

	/** Notes the customer also got (add_order_note's `$is_customer_note`), in `notes` too. */
	public $customer_notes = array();

	/** add_order_note( note, is_customer_note, added_by_user ) (includes/class-wc-order.php). */
	public function add_order_note( $note, $is_customer_note = 0, $added_by_user = false ) {
		$this->notes[] = $note;
		if ( $is_customer_note ) {
			$this->customer_notes[] = $note;
		}
		return count( $this->notes );
	}
}

function wc_get_order( $id ) {
	$id = is_object( $id ) ? $id->get_id() : (int) $id;
	return isset( PickPost_Test_WC::$orders[ $id ] ) ? PickPost_Test_WC::$orders[ $id ] : false;
}

// --- settings and shipping: includes/abstracts/abstract-wc-settings-api.php and
// abstract-wc-shipping-method.php, as far as a zone instance method uses them ---

abstract class WC_Settings_API {
	public $plugin_id = 'woocommerce_';
	public $id        = '';
}

class WC_Shipping_Rate {
	public $id;
	public $method_id;
	public $instance_id;
	public $label;
	public $cost;

	public function get_id() {
		return $this->id;
	}

	public function get_method_id() {
		return $this->method_id;
	}

	public function get_label() {
		return $this->label;
	}

	public function get_cost() {
		return $this->cost;
	}
}

abstract class WC_Shipping_Method extends WC_Settings_API {
	public $supports             = array( 'settings' );
	public $method_title         = '';
	public $method_description   = '';
	public $enabled              = 'yes';
	public $title;
	public $rates                = array();
	public $tax_status           = 'taxable';
	public $instance_id          = 0;
	public $instance_form_fields = array();
	public $instance_settings    = array();

	public function get_instance_form_fields() {
		return $this->instance_form_fields;
	}

	public function get_instance_option_key() {
		return $this->instance_id ? $this->plugin_id . $this->id . '_' . $this->instance_id . '_settings' : '';
	}

	/** Instance settings from the option, defaults where unset. */
	public function get_option( $key, $empty_value = null ) {
		if ( empty( $this->instance_settings ) ) {
			$stored                  = get_option( $this->get_instance_option_key(), null );
			$this->instance_settings = is_array( $stored ) ? $stored : array();
		}
		if ( ! isset( $this->instance_settings[ $key ] ) ) {
			$fields                          = $this->get_instance_form_fields();
			$this->instance_settings[ $key ] = isset( $fields[ $key ]['default'] ) ? $fields[ $key ]['default'] : '';
		}
		if ( null !== $empty_value && '' === $this->instance_settings[ $key ] ) {
			$this->instance_settings[ $key ] = $empty_value;
		}
		return $this->instance_settings[ $key ];
	}

	public function is_enabled() {
		return 'yes' === $this->enabled;
	}

	/** Zone instances are available while enabled (the country check is for legacy methods only). */
	public function is_available( $package ) {
		return apply_filters( 'woocommerce_shipping_' . $this->id . '_is_available', $this->is_enabled(), $package, $this );
	}

	public function get_rate_id( $suffix = '' ) {
		$parts = array( $this->id );
		if ( $this->instance_id ) {
			$parts[] = $this->instance_id;
		}
		if ( $suffix ) {
			$parts[] = $suffix;
		}
		return implode( ':', $parts );
	}

	/** The rates for a package: calculate_shipping only when available (get_rates_for_package). */
	public function get_rates_for_package( $package ) {
		$this->rates = array();
		if ( $this->is_available( $package ) ) {
			$this->calculate_shipping( $package );
		}
		return $this->rates;
	}

	/** add_rate: needs an id and a label; the cost is formatted to the price decimals. */
	public function add_rate( $args = array() ) {
		$args = array_merge( array( 'id' => $this->get_rate_id(), 'label' => '', 'cost' => '0' ), $args );
		if ( ! $args['id'] || ! $args['label'] ) {
			return;
		}
		$rate              = new WC_Shipping_Rate();
		$rate->id          = $args['id'];
		$rate->method_id   = $this->id;
		$rate->instance_id = $this->instance_id;
		$rate->label       = $args['label'];
		$rate->cost        = wc_format_decimal( is_array( $args['cost'] ) ? array_sum( $args['cost'] ) : $args['cost'], wc_get_price_decimals() );
		$this->rates[ $args['id'] ] = $rate;
	}

	public function process_admin_options() {}
}

// --- Blocks and Store API ---

function woocommerce_store_api_register_endpoint_data( $args ) {
	PickPost_Test_WC::$endpoint_data[] = $args;
}

require __DIR__ . '/woocommerce-namespaced.php';
