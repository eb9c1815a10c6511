<?php
/**
 * Reads .po files and writes .mo files (GNU gettext's binary catalogue, which WordPress loads),
 * so building the plugin needs PHP only.
 *
 * @package PickPost
 */

/**
 * The entries of a .po file: msgid (with "context\4" prepended when there is a msgctxt) => msgstr.
 * The header entry (msgid "") is kept under ''.
 *
 * @param string $file Path.
 * @return array<string,string>
 */
function pickpost_po_read( $file ) {
	$entries = array();
	$entry   = array();
	$field   = null;
	$flush   = function () use ( &$entries, &$entry ) {
		if ( isset( $entry['msgid'] ) ) {
			$key             = ( isset( $entry['msgctxt'] ) ? $entry['msgctxt'] . "\4" : '' ) . $entry['msgid'];
			$entries[ $key ] = isset( $entry['msgstr'] ) ? $entry['msgstr'] : '';
		}
		$entry = array();
	};
	foreach ( preg_split( '/\r?\n/', (string) file_get_contents( $file ) ) as $line ) {
		$line = trim( $line );
		if ( '' === $line ) {
			$flush();
			$field = null;
			continue;
		}
		if ( '#' === $line[0] ) {
			continue;
		}
		if ( preg_match( '/^(msgctxt|msgid|msgstr)\s+"(.*)"$/', $line, $match ) ) {
			if ( 'msgstr' !== $match[1] && isset( $entry['msgstr'] ) ) {
				$flush();
			}
			$field           = $match[1];
			$entry[ $field ] = stripcslashes( $match[2] );
		} elseif ( null !== $field && preg_match( '/^"(.*)"$/', $line, $match ) ) {
			$entry[ $field ] .= stripcslashes( $match[1] );
		}
	}
	$flush();
	return $entries;
}

/**
 * Writes the translated entries as a little-endian .mo file (originals sorted, as gettext requires
 * for its binary search). Untranslated entries are left out so the original shows.
 *
 * @param array<string,string> $entries From pickpost_po_read().
 * @param string               $file    Path to write.
 */
function pickpost_mo_write( $entries, $file ) {
	$entries = array_filter(
		$entries,
		function ( $value, $key ) {
			return '' === $key || '' !== $value;
		},
		ARRAY_FILTER_USE_BOTH
	);
	ksort( $entries, SORT_STRING );
	$count      = count( $entries );
	$header     = 28;
	$originals  = $header;
	$translated = $originals + 8 * $count;
	$offset     = $translated + 8 * $count;
	$table_o    = '';
	$table_t    = '';
	$strings    = '';
	foreach ( array_keys( $entries ) as $original ) {
		$table_o .= pack( 'VV', strlen( $original ), $offset + strlen( $strings ) );
		$strings .= $original . "\0";
	}
	foreach ( $entries as $translation ) {
		$table_t .= pack( 'VV', strlen( $translation ), $offset + strlen( $strings ) );
		$strings .= $translation . "\0";
	}
	$mo = pack( 'V7', 0x950412de, 0, $count, $originals, $translated, 0, $offset ) . $table_o . $table_t . $strings;
	if ( false === file_put_contents( $file, $mo ) ) {
		throw new RuntimeException( "Cannot write $file" );
	}
}

/**
 * Every translatable string of the PHP sources: the first argument of __(), _x() (with its
 * context), esc_html__(), esc_attr__(), _e(), esc_html_e() whose domain is `pickpost-woocommerce`.
 *
 * @param string[] $files PHP files.
 * @return array<string,array{context:?string,refs:string[]}> msgid (with "context\4") => where.
 */
function pickpost_extract_strings( $files ) {
	$found = array();
	foreach ( $files as $file ) {
		$tokens = token_get_all( (string) file_get_contents( $file ) );
		$count  = count( $tokens );
		for ( $i = 0; $i < $count; $i++ ) {
			if ( ! is_array( $tokens[ $i ] ) || T_STRING !== $tokens[ $i ][0] || ! in_array( $tokens[ $i ][1], array( '__', '_x', '_e', 'esc_html__', 'esc_attr__', 'esc_html_e', 'esc_attr_e' ), true ) ) {
				continue;
			}
			$args = array();
			$j    = $i + 1;
			while ( $j < $count && is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0] ) {
				$j++;
			}
			if ( '(' !== $tokens[ $j ] ) {
				continue;
			}
			for ( $j++; $j < $count && ')' !== $tokens[ $j ]; $j++ ) {
				if ( is_array( $tokens[ $j ] ) && T_CONSTANT_ENCAPSED_STRING === $tokens[ $j ][0] ) {
					$args[] = eval( 'return ' . $tokens[ $j ][1] . ';' ); // phpcs:ignore Squiz.PHP.Eval -- a PHP string literal from our own source.
				}
			}
			$domain = end( $args );
			if ( 'pickpost-woocommerce' !== $domain || count( $args ) < 2 ) {
				continue;
			}
			$key = '_x' === $tokens[ $i ][1] ? $args[1] . "\4" . $args[0] : $args[0];
			$found[ $key ]['refs'][] = basename( $file ) . ':' . $tokens[ $i ][2];
		}
	}
	return $found;
}
