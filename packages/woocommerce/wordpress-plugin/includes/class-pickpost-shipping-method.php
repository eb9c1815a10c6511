<?php
/**
 * The "PickPost / My Post 24" shipping method.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * A zone method with a title, a tax status, a cost and an optional amount above which it is free,
 * set per zone instance like WooCommerce's flat rate
 * (includes/shipping/flat-rate/class-wc-shipping-flat-rate.php) and free shipping
 * (includes/shipping/free-shipping/class-wc-shipping-free-shipping.php).
 */
class PickPost_Shipping_Method extends WC_Shipping_Method {
	/** Swiss Post runs PickPost points in Switzerland and Liechtenstein only. */
	const COUNTRIES = array( 'CH', 'LI' );

	/** @var string */
	public $cost = '0';

	/** @var string '' when the method is never free. */
	public $free_above = '';

	/**
	 * @param int $instance_id Zone instance.
	 */
	public function __construct( $instance_id = 0 ) {
		$this->id                 = PickPost_Plugin::METHOD_ID;
		$this->instance_id        = absint( $instance_id );
		$this->method_title       = __( 'PickPost / My Post 24', 'pickpost-woocommerce' );
		$this->method_description = __( 'Delivery to a Swiss Post PickPost point or My Post 24 terminal the shopper chooses at checkout.', 'pickpost-woocommerce' );
		$this->supports           = array( 'shipping-zones', 'instance-settings', 'instance-settings-modal' );
		$this->init();
		add_action( 'woocommerce_update_options_shipping_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	/**
	 * Reads the instance settings.
	 */
	public function init() {
		$this->instance_form_fields = array(
			'title'      => array(
				'title'       => __( 'Title', 'pickpost-woocommerce' ),
				'type'        => 'text',
				'description' => __( 'What the shopper sees at checkout.', 'pickpost-woocommerce' ),
				'default'     => __( 'PickPost / My Post 24', 'pickpost-woocommerce' ),
				'desc_tip'    => true,
			),
			'tax_status' => array(
				'title'   => __( 'Tax status', 'pickpost-woocommerce' ),
				'type'    => 'select',
				'class'   => 'wc-enhanced-select',
				'default' => 'taxable',
				'options' => array(
					'taxable' => __( 'Taxable', 'pickpost-woocommerce' ),
					'none'    => _x( 'None', 'Tax status', 'pickpost-woocommerce' ),
				),
			),
			'cost'       => array(
				'title'             => __( 'Cost', 'pickpost-woocommerce' ),
				'type'              => 'text',
				'placeholder'       => '0',
				'description'       => __( 'The shipping cost, without tax.', 'pickpost-woocommerce' ),
				'default'           => '0',
				'desc_tip'          => true,
				'sanitize_callback' => array( $this, 'sanitize_amount' ),
			),
			'free_above' => array(
				'title'             => __( 'Free from', 'pickpost-woocommerce' ),
				'type'              => 'text',
				'placeholder'       => __( 'never', 'pickpost-woocommerce' ),
				'description'       => __( 'Order amount (after discounts) from which PickPost delivery is free. Empty: never free.', 'pickpost-woocommerce' ),
				'default'           => '',
				'desc_tip'          => true,
				'sanitize_callback' => array( $this, 'sanitize_amount' ),
			),
		);
		$this->title      = $this->get_option( 'title' );
		$this->tax_status = $this->get_option( 'tax_status' );
		$this->cost       = (string) $this->get_option( 'cost' );
		$this->free_above = (string) $this->get_option( 'free_above' );
	}

	/**
	 * A plain non-negative amount ('' stays ''). The comma is accepted as decimal separator.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 * @throws Exception When the value is not an amount (WooCommerce shows the message and keeps the old value).
	 */
	public function sanitize_amount( $value ) {
		$value = trim( str_replace( ',', '.', (string) $value ) );
		if ( '' === $value ) {
			return '';
		}
		if ( ! preg_match( '/^\d+(\.\d+)?$/', $value ) ) {
			throw new Exception( esc_html__( 'Enter an amount such as 7.50.', 'pickpost-woocommerce' ) );
		}
		return wc_format_decimal( $value );
	}

	/**
	 * Offered only where PickPost exists and while the plugin can reach the sync service.
	 *
	 * @param array $package Shipping package.
	 * @return bool
	 */
	public function is_available( $package ) {
		$country   = isset( $package['destination']['country'] ) ? (string) $package['destination']['country'] : '';
		$available = parent::is_available( $package ) && PickPost_Settings::is_configured() && in_array( $country, self::COUNTRIES, true );
		return (bool) apply_filters( 'pickpost_shipping_is_available', $available, $package, $this );
	}

	/**
	 * One rate: the cost, or 0 when the order reaches the free-from amount.
	 *
	 * The amount compared is what free shipping compares with its "minimum order amount": the
	 * displayed subtotal less discounts, rounded to the price decimals.
	 *
	 * @param array $package Shipping package.
	 */
	public function calculate_shipping( $package = array() ) {
		$cost = '' === $this->cost ? 0.0 : (float) $this->cost;
		if ( '' !== $this->free_above && null !== WC()->cart ) {
			$total = round( (float) WC()->cart->get_displayed_subtotal() - (float) WC()->cart->get_discount_total(), wc_get_price_decimals() );
			if ( $total >= (float) $this->free_above ) {
				$cost = 0.0;
			}
		}
		$this->add_rate(
			array(
				'id'      => $this->get_rate_id(),
				'label'   => $this->title,
				'cost'    => $cost,
				'package' => $package,
			)
		);
	}
}
