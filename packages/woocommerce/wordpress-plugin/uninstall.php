<?php
/**
 * Removes the plugin's options when it is deleted. Order meta stays: orders are the shop's records,
 * and the sync service and the merchant still need the points and parcels of past orders.
 *
 * @package PickPost
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-pickpost-settings.php';

foreach ( PickPost_Settings::OPTIONS as $pickpost_option ) {
	delete_option( $pickpost_option );
}

// The zone instances of the method and their settings (`woocommerce_pickpost_<instance>_settings`,
// includes/abstracts/abstract-wc-shipping-method.php, get_instance_option_key).
global $wpdb;
$pickpost_table     = $wpdb->prefix . 'woocommerce_shipping_zone_methods';
$pickpost_instances = $wpdb->get_col( $wpdb->prepare( "SELECT instance_id FROM {$pickpost_table} WHERE method_id = %s", 'pickpost' ) ); // phpcs:ignore WordPress.DB
foreach ( (array) $pickpost_instances as $pickpost_instance ) {
	delete_option( 'woocommerce_pickpost_' . absint( $pickpost_instance ) . '_settings' );
}
$wpdb->delete( $pickpost_table, array( 'method_id' => 'pickpost' ) ); // phpcs:ignore WordPress.DB
