<?php
/**
 * uninstall.php removes the plugin's options and method instances, never order data.
 *
 * @package PickPost\Tests
 */

/** The two queries uninstall.php makes, on an in-memory table of zone methods. */
final class PickPost_Test_Wpdb {
	public $prefix = 'wp_';
	public $rows   = array();

	public function prepare( $query, ...$args ) {
		return vsprintf( str_replace( '%s', "'%s'", $query ), $args );
	}

	public function get_col( $query ) {
		if ( ! preg_match( "/^SELECT instance_id FROM wp_woocommerce_shipping_zone_methods WHERE method_id = '(\w+)'$/", $query, $m ) ) {
			throw new RuntimeException( "unexpected query: $query" );
		}
		return array_column( array_filter( $this->rows, function ( $row ) use ( $m ) { return $row['method_id'] === $m[1]; } ), 'instance_id' );
	}

	public function delete( $table, $where ) {
		$before     = count( $this->rows );
		$this->rows = array_values( array_filter( $this->rows, function ( $row ) use ( $table, $where ) { return 'wp_woocommerce_shipping_zone_methods' !== $table || $row['method_id'] !== $where['method_id']; } ) );
		return $before - count( $this->rows );
	}
}

final class UninstallTest extends PickPost_Test_Case {
	public function test_options_and_method_instances_go_and_order_meta_stays() {
		global $wpdb;
		$wpdb       = new PickPost_Test_Wpdb();
		$wpdb->rows = array(
			array( 'instance_id' => '3', 'method_id' => 'pickpost' ),
			array( 'instance_id' => '4', 'method_id' => 'flat_rate' ),
			array( 'instance_id' => '8', 'method_id' => 'pickpost' ),
		);
		foreach ( array( 'pickpost_service_url', 'pickpost_shared_secret', 'pickpost_admin_token', 'pickpost_variant', 'woocommerce_pickpost_3_settings', 'woocommerce_pickpost_8_settings', 'woocommerce_flat_rate_4_settings', 'blogname' ) as $name ) {
			PickPost_Test_WP::$options[ $name ] = 'x';
		}
		$order = new WC_Order( 0, array( 'pickpost' ) );
		$order->update_meta_data( '_pickpost_point_id', '5000-T1-1' );

		define( 'WP_UNINSTALL_PLUGIN', 'pickpost-woocommerce/pickpost-woocommerce.php' );
		require dirname( __DIR__ ) . '/uninstall.php';

		$this->assertSame( array( 'woocommerce_flat_rate_4_settings', 'blogname' ), array_keys( PickPost_Test_WP::$options ) );
		$this->assertSame( array( array( 'instance_id' => '4', 'method_id' => 'flat_rate' ) ), $wpdb->rows );
		$this->assertSame( '5000-T1-1', $order->get_meta( '_pickpost_point_id' ) );
	}
}
