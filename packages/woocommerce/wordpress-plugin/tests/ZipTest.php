<?php
/**
 * The installable zip: one top folder, the plugin's files and compiled translations, no tests.
 *
 * @package PickPost\Tests
 */

require_once dirname( __DIR__ ) . '/bin/build-zip.php';

final class ZipTest extends PickPost_Test_Case {
	public function test_the_zip_installs_as_a_plugin_folder_with_its_translations() {
		$out  = sys_get_temp_dir() . '/pickpost-zip-' . getmypid();
		$file = pickpost_build_zip( dirname( __DIR__ ), $out );
		$this->assertSame( 'pickpost-woocommerce-0.1.0.zip', basename( $file ) );
		$zip = new ZipArchive();
		$this->assertTrue( $zip->open( $file ) );
		$names = array();
		for ( $i = 0; $i < $zip->numFiles; $i++ ) {
			$names[] = $zip->getNameIndex( $i );
		}
		foreach ( $names as $name ) {
			$this->assertStringStartsWith( 'pickpost-woocommerce/', $name );
			$this->assertDoesNotMatchRegularExpression( '#/(tests|bin)/|phpunit#', $name );
		}
		foreach ( array( 'pickpost-woocommerce.php', 'uninstall.php', 'README.md', 'includes/class-pickpost-blocks-integration.php', 'assets/blocks-checkout.js', 'assets/classic-checkout.js', 'assets/rest-nonce.js', 'languages/pickpost-woocommerce.pot' ) as $expected ) {
			$this->assertContains( 'pickpost-woocommerce/' . $expected, $names );
		}
		foreach ( array( 'de_DE', 'de_CH', 'fr_FR', 'fr_CH', 'it_IT', 'it_CH' ) as $locale ) {
			$this->assertContains( "pickpost-woocommerce/languages/pickpost-woocommerce-$locale.mo", $names );
		}
		$this->assertSame( file_get_contents( dirname( __DIR__ ) . '/pickpost-woocommerce.php' ), $zip->getFromName( 'pickpost-woocommerce/pickpost-woocommerce.php' ) );
		$mo = tempnam( sys_get_temp_dir(), 'mo' );
		file_put_contents( $mo, $zip->getFromName( 'pickpost-woocommerce/languages/pickpost-woocommerce-de_CH.mo' ) );
		$this->assertSame( 'Abholort', pickpost_test_read_mo( $mo )['Pick-up point'] );
		$zip->close();
		unlink( $mo );
		unlink( $file );
		rmdir( $out );
	}
}
