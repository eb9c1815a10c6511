<?php
/**
 * The .pot holds every string of the source, every .po translates every one of them with the same
 * placeholders, and the compiled .mo files say what the .po files say.
 *
 * @package PickPost\Tests
 */

require_once dirname( __DIR__ ) . '/bin/make-pot.php';

final class TranslationsTest extends PickPost_Test_Case {
	const LOCALES = array( 'de_DE', 'fr_FR', 'it_IT' );

	private static function root() {
		return dirname( __DIR__ );
	}

	public function test_the_pot_is_up_to_date() {
		$expected = pickpost_pot( pickpost_extract_strings( pickpost_source_files( self::root() ) ) );
		$this->assertSame( $expected, file_get_contents( self::root() . '/languages/pickpost-woocommerce.pot' ), 'run php bin/make-pot.php' );
		$this->assertGreaterThan( 50, count( pickpost_po_read( self::root() . '/languages/pickpost-woocommerce.pot' ) ) );
	}

	public function locale() {
		return array_combine( self::LOCALES, array_map( function ( $locale ) { return array( $locale ); }, self::LOCALES ) );
	}

	/** @dataProvider locale */
	public function test_every_string_is_translated_with_its_placeholders( $locale ) {
		$pot = pickpost_po_read( self::root() . '/languages/pickpost-woocommerce.pot' );
		$po  = pickpost_po_read( self::root() . "/languages/pickpost-woocommerce-$locale.po" );
		unset( $pot[''] );
		$this->assertStringContainsString( "Language: $locale", $po[''] );
		unset( $po[''] );
		$this->assertSame( array_keys( $pot ), array_keys( $po ) );
		foreach ( $po as $original => $translation ) {
			$this->assertNotSame( '', $translation, "$locale misses: $original" );
			preg_match_all( '/%(\d\$)?[sd]/', $original, $want );
			preg_match_all( '/%(\d\$)?[sd]/', $translation, $have );
			sort( $want[0] );
			sort( $have[0] );
			$this->assertSame( $want[0], $have[0], "$locale placeholders of: $original" );
		}
	}

	/** @dataProvider locale */
	public function test_the_compiled_mo_reads_back_as_the_po( $locale ) {
		$po = pickpost_po_read( self::root() . "/languages/pickpost-woocommerce-$locale.po" );
		unset( $po[''] );
		$mo = pickpost_test_read_mo( getenv( 'PICKPOST_TEST_MO_DIR' ) . "/pickpost-woocommerce-$locale.mo" );
		ksort( $po );
		ksort( $mo );
		$this->assertSame( $po, $mo );
	}

	public function test_a_context_string_is_looked_up_with_its_context() {
		$this->german();
		$this->assertSame( 'Keiner', _x( 'None', 'Tax status', 'pickpost-woocommerce' ) );
		$this->assertSame( 'Steuerstatus', __( 'Tax status', 'pickpost-woocommerce' ) );
	}
}
