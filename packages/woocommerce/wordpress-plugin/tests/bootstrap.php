<?php
/**
 * Loads the WordPress/WooCommerce stand-in, compiles the translations and loads the plugin.
 *
 * @package PickPost\Tests
 */

error_reporting( E_ALL );

require __DIR__ . '/stand-in/wordpress.php';
require __DIR__ . '/stand-in/woocommerce.php';
require __DIR__ . '/fixtures/tokens.php';
require __DIR__ . '/fixtures/class-fake-service.php';
require_once dirname( __DIR__ ) . '/bin/gettext.php';

// The .mo files are built from the .po files, as the zip build does.
$pickpost_mo_dir = sys_get_temp_dir() . '/pickpost-mo-' . getmypid();
@mkdir( $pickpost_mo_dir );
foreach ( glob( dirname( __DIR__ ) . '/languages/*.po' ) as $pickpost_po ) {
	pickpost_mo_write( pickpost_po_read( $pickpost_po ), $pickpost_mo_dir . '/' . basename( $pickpost_po, '.po' ) . '.mo' );
}
putenv( 'PICKPOST_TEST_MO_DIR=' . $pickpost_mo_dir );
register_shutdown_function(
	function () use ( $pickpost_mo_dir ) {
		array_map( 'unlink', glob( $pickpost_mo_dir . '/*.mo' ) );
		@rmdir( $pickpost_mo_dir );
	}
);

PickPost_Test_WC::reset();
require dirname( __DIR__ ) . '/pickpost-woocommerce.php';
require __DIR__ . '/class-pickpost-test-case.php';
