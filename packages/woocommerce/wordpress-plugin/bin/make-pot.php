<?php
/**
 * Writes languages/pickpost-woocommerce.pot from the strings in the plugin's PHP files:
 * `php bin/make-pot.php`. The translations test fails when the .pot is out of date.
 *
 * @package PickPost
 */

require_once __DIR__ . '/gettext.php';

/**
 * The plugin's shipped PHP files.
 *
 * @param string $root Plugin folder.
 * @return string[]
 */
function pickpost_source_files( $root ) {
	$files = array_merge( glob( $root . '/*.php' ), glob( $root . '/includes/*.php' ) );
	sort( $files );
	return $files;
}

/**
 * The .pot text for the strings.
 *
 * @param array $strings From pickpost_extract_strings().
 * @return string
 */
function pickpost_pot( $strings ) {
	$quote = function ( $text ) {
		return '"' . addcslashes( $text, "\"\\\n\t" ) . '"';
	};
	$pot = "# Translations of PickPost / My Post 24 for WooCommerce.\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: pickpost-woocommerce\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n\"X-Domain: pickpost-woocommerce\\n\"\n";
	foreach ( $strings as $key => $info ) {
		$pot .= "\n#: " . implode( ' ', $info['refs'] ) . "\n";
		$parts = explode( "\4", $key, 2 );
		if ( 2 === count( $parts ) ) {
			$pot .= 'msgctxt ' . $quote( $parts[0] ) . "\n";
			$key  = $parts[1];
		}
		$pot .= 'msgid ' . $quote( $key ) . "\nmsgstr \"\"\n";
	}
	return $pot;
}

if ( realpath( $argv[0] ?? '' ) === __FILE__ ) {
	$root = dirname( __DIR__ );
	file_put_contents( $root . '/languages/pickpost-woocommerce.pot', pickpost_pot( pickpost_extract_strings( pickpost_source_files( $root ) ) ) );
	echo "languages/pickpost-woocommerce.pot written\n";
}
