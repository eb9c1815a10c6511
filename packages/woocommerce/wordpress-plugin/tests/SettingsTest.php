<?php
/**
 * The settings page: secrets are write-only, values are checked, the page needs its capability.
 *
 * @package PickPost\Tests
 */

final class SettingsTest extends PickPost_Test_Case {
	const SECRET = 'super-secret-value-4711';
	const TOKEN  = 'admin-token-value-0815';

	protected function setUp(): void {
		parent::setUp();
		PickPost_Test_WP::$caps = array( 'manage_options' );
		do_action( 'admin_init' );
		do_action( 'admin_menu' );
	}

	private function page() {
		return $this->output( PickPost_Test_WP::$admin_pages['pickpost']['callback'] );
	}

	public function test_the_page_never_prints_the_secret_or_the_token() {
		update_option( 'pickpost_shared_secret', self::SECRET );
		update_option( 'pickpost_admin_token', self::TOKEN );
		update_option( 'pickpost_service_url', 'https://sync.example.ch/' );
		$html = $this->page();
		$this->assertStringNotContainsString( self::SECRET, $html );
		$this->assertStringNotContainsString( self::TOKEN, $html );
		$this->assertSame( 2, substr_count( $html, 'value="" autocomplete="new-password"' ) );
		$this->assertSame( 2, substr_count( $html, 'A value is stored; leave the field empty to keep it.' ) );
		$this->assertStringContainsString( 'value="https://sync.example.ch"', $html );
		$this->assertStringContainsString( 'name="option_page" value="pickpost"', $html );
		$this->assertMatchesRegularExpression( '/name="_wpnonce" value="[0-9a-f]{10}"/', $html );
	}

	public function test_an_empty_field_keeps_the_stored_secret_and_the_checkbox_removes_it() {
		update_option( 'pickpost_shared_secret', self::SECRET );
		update_option( 'pickpost_shared_secret', '' );
		$this->assertSame( self::SECRET, get_option( 'pickpost_shared_secret' ) );
		update_option( 'pickpost_shared_secret', ' new-secret ' );
		$this->assertSame( 'new-secret', get_option( 'pickpost_shared_secret' ) );
		$_POST['pickpost_shared_secret_clear'] = '1';
		update_option( 'pickpost_shared_secret', '' );
		$this->assertSame( '', get_option( 'pickpost_shared_secret' ) );
		$this->assertStringContainsString( 'No value is stored yet.', $this->page() );
	}

	public function test_only_http_urls_and_known_variants_are_stored() {
		update_option( 'pickpost_service_url', 'https://sync.example.ch/' );
		update_option( 'pickpost_service_url', 'javascript:alert(1)' );
		$this->assertSame( 'https://sync.example.ch', get_option( 'pickpost_service_url' ) );
		update_option( 'pickpost_service_url', 'ftp://sync.example.ch' );
		$this->assertSame( 'https://sync.example.ch', get_option( 'pickpost_service_url' ) );
		$this->assertCount( 2, PickPost_Test_WP::$settings_errors );
		update_option( 'pickpost_variant', '4b' );
		update_option( 'pickpost_variant', '5' );
		$this->assertSame( '4b', get_option( 'pickpost_variant' ) );
	}

	public function test_the_page_needs_manage_options() {
		$this->assertSame( 'manage_options', PickPost_Test_WP::$admin_pages['pickpost']['capability'] );
		PickPost_Test_WP::$caps = array();
		$this->expectException( PickPost_Test_Died::class );
		$this->page();
	}

	public function test_without_woocommerce_the_plugin_loads_cleanly_shows_a_notice_and_its_settings() {
		$run = proc_open(
			array( PHP_BINARY, '-d', 'display_errors=stderr', dirname( __DIR__ ) . '/tests/fixtures/without-woocommerce.php' ),
			array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ),
			$pipes
		);
		$out    = stream_get_contents( $pipes[1] );
		$errors = stream_get_contents( $pipes[2] );
		$this->assertSame( 0, proc_close( $run ), $errors );
		$this->assertSame( '', $errors, 'no warning, notice or deprecation' );
		$result = json_decode( $out, true );
		$this->assertStringContainsString( 'PickPost / My Post 24 needs WooCommerce', $result['notice'] );
		$this->assertStringContainsString( '<form method="post" action="https://shop.example.ch/wp-admin/options.php">', $result['page'] );
		$this->assertFalse( $result['shipping_hooked'] );
		$this->assertFalse( $result['rest_hooked'] );
	}
}
