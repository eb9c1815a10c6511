<?php
/**
 * Builds the installable plugin: `php bin/build-zip.php [output folder]` writes
 * `pickpost-woocommerce-<version>.zip` (default folder: dist/) with one top folder
 * `pickpost-woocommerce/`, as WordPress's "Upload Plugin" expects. The .po files are compiled to
 * .mo here, also for the Swiss locales (de_CH, fr_CH, it_CH), which WordPress does not fall back from.
 *
 * @package PickPost
 */

require_once __DIR__ . '/gettext.php';

/**
 * @param string $root Plugin folder.
 * @param string $out  Output folder.
 * @return string The zip's path.
 */
function pickpost_build_zip( $root, $out ) {
	if ( ! class_exists( 'ZipArchive' ) ) {
		throw new RuntimeException( 'PHP\'s zip extension is missing (Debian: php-zip)' );
	}
	preg_match( '/^\s*\*\s*Version:\s*(\S+)/m', (string) file_get_contents( $root . '/pickpost-woocommerce.php' ), $match );
	$version = $match[1];
	if ( ! is_dir( $out ) && ! mkdir( $out, 0777, true ) ) {
		throw new RuntimeException( "Cannot create $out" );
	}
	$file = rtrim( $out, '/' ) . '/pickpost-woocommerce-' . $version . '.zip';
	@unlink( $file );
	$zip = new ZipArchive();
	if ( true !== $zip->open( $file, ZipArchive::CREATE ) ) {
		throw new RuntimeException( "Cannot write $file" );
	}
	$top   = 'pickpost-woocommerce/';

	foreach ( array( 'pickpost-woocommerce.php', 'uninstall.php', 'README.md' ) as $name ) {
		$zip->addFile( $root . '/' . $name, $top . $name );
	}
	foreach ( array( 'includes' => '*.php', 'assets' => '*.js', 'languages' => '*.{pot,po}' ) as $dir => $pattern ) {
		foreach ( glob( $root . '/' . $dir . '/' . $pattern, GLOB_BRACE ) as $path ) {
			$zip->addFile( $path, $top . $dir . '/' . basename( $path ) );
		}
	}
	$swiss = array( 'de_DE' => 'de_CH', 'fr_FR' => 'fr_CH', 'it_IT' => 'it_CH' );
	$tmp   = tempnam( sys_get_temp_dir(), 'pickpost-mo-' );
	$mos   = array();
	foreach ( glob( $root . '/languages/pickpost-woocommerce-*.po' ) as $po ) {
		$locale  = substr( basename( $po, '.po' ), strlen( 'pickpost-woocommerce-' ) );
		$entries = pickpost_po_read( $po );
		foreach ( array_filter( array( $locale, isset( $swiss[ $locale ] ) ? $swiss[ $locale ] : null ) ) as $target ) {
			$mo = $tmp . '-' . $target . '.mo';
			pickpost_mo_write( $entries, $mo );
			$zip->addFile( $mo, $top . 'languages/pickpost-woocommerce-' . $target . '.mo' );
			$mos[] = $mo;
		}
	}
	if ( ! $zip->close() ) {
		throw new RuntimeException( "Cannot write $file" );
	}
	array_map( 'unlink', array_merge( $mos, array( $tmp ) ) );
	return $file;
}

if ( realpath( $argv[0] ?? '' ) === __FILE__ ) {
	$root = dirname( __DIR__ );
	echo pickpost_build_zip( $root, isset( $argv[1] ) ? $argv[1] : $root . '/dist' ) . "\n";
}
