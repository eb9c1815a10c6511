<?php
/**
 * Plugin Name:       PickPost / My Post 24 for WooCommerce
 * Description:       Lets shoppers choose a Swiss Post PickPost point or My Post 24 terminal at checkout (classic and Blocks), stores the choice as order meta for the PickPost sync service and shows the parcel's tracking.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            PickPost SDK
 * License:           MIT
 * Text Domain:       pickpost-woocommerce
 * Domain Path:       /languages
 * WC requires at least: 8.3
 * WC tested up to:   9.4
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

define( 'PICKPOST_WC_VERSION', '0.1.0' );
define( 'PICKPOST_WC_FILE', __FILE__ );
define( 'PICKPOST_WC_DIR', __DIR__ . '/' );

require_once PICKPOST_WC_DIR . 'includes/class-pickpost-plugin.php';

PickPost_Plugin::boot();
