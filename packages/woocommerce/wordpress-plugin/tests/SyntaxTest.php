<?php
/**
 * Every PHP file passes `php -l`, and the shipped files use no syntax or function newer than
 * PHP 7.4 (Debian 12 ships only PHP 8.2, so 7.4 is checked by its tokens rather than a 7.4 binary).
 *
 * @package PickPost\Tests
 */

final class SyntaxTest extends PickPost_Test_Case {
	private static function root() {
		return dirname( __DIR__ );
	}

	/** Every PHP file of the plugin, tests included. */
	public function every_file() {
		$files    = array();
		$iterator = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( self::root(), FilesystemIterator::SKIP_DOTS ) );
		foreach ( $iterator as $file ) {
			if ( 'php' === $file->getExtension() && false === strpos( $file->getPathname(), '/dist/' ) ) {
				$files[ substr( $file->getPathname(), strlen( self::root() ) + 1 ) ] = array( $file->getPathname() );
			}
		}
		ksort( $files );
		return $files;
	}

	/** The files that ship in the zip. */
	public function shipped_file() {
		return array_filter(
			$this->every_file(),
			function ( $key ) {
				return 0 !== strpos( $key, 'tests/' ) && 0 !== strpos( $key, 'bin/' );
			},
			ARRAY_FILTER_USE_KEY
		);
	}

	/** @dataProvider every_file */
	public function test_php_lint( $file ) {
		exec( escapeshellarg( PHP_BINARY ) . ' -l ' . escapeshellarg( $file ) . ' 2>&1', $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
	}

	/** @dataProvider shipped_file */
	public function test_no_syntax_or_function_newer_than_php_7_4( $file ) {
		$this->assertSame( array(), self::newer_than_7_4( (string) file_get_contents( $file ) ) );
	}

	public function test_the_7_4_check_finds_what_7_4_cannot_parse() {
		$code = '<?php $a = $b?->c; echo match ( $x ) { 1 => 2 }; #[Attr] function f( int|string $v, mixed $m ): never {} enum E {} class P { public function __construct( private readonly int $x ) {} } str_contains( $a, $b ); f( name: 1 ); $c = strlen( ... );';
		$found = self::newer_than_7_4( $code );
		foreach ( array( 'nullsafe operator', 'match', 'attribute', 'union type', 'mixed type', 'never type', 'enum', 'readonly', 'constructor promotion', 'str_contains()', 'named argument', 'first-class callable' ) as $feature ) {
			$this->assertContains( $feature, $found );
		}
		$this->assertSame( array(), self::newer_than_7_4( '<?php $f = fn( $x ) => $x ?? null; class A { private ?int $x = null; } $a ??= 1; echo $b->match; function g( ?string $s ): ?array { return null; }' ) );
	}

	/**
	 * The PHP 8 features found in `$code`, by name.
	 *
	 * @param string $code PHP source.
	 * @return string[]
	 */
	private static function newer_than_7_4( $code ) {
		$tokens = array_values(
			array_filter(
				token_get_all( $code ),
				function ( $token ) {
					return ! is_array( $token ) || ! in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true );
				}
			)
		);
		$found     = array();
		$functions = array( 'str_contains', 'str_starts_with', 'str_ends_with', 'array_is_list', 'get_debug_type', 'fdiv', 'get_resource_id', 'preg_last_error_msg' );
		$by_name   = array( 'T_NULLSAFE_OBJECT_OPERATOR' => 'nullsafe operator', 'T_MATCH' => 'match', 'T_ATTRIBUTE' => 'attribute', 'T_ENUM' => 'enum', 'T_READONLY' => 'readonly' );
		$count     = count( $tokens );
		foreach ( $tokens as $i => $token ) {
			$name = is_array( $token ) ? token_name( $token[0] ) : $token;
			$text = is_array( $token ) ? $token[1] : $token;
			$prev = $i > 0 ? $tokens[ $i - 1 ] : null;
			$next = $i + 1 < $count ? $tokens[ $i + 1 ] : null;
			if ( isset( $by_name[ $name ] ) ) {
				$found[] = $by_name[ $name ];
			}
			$after_arrow = is_array( $prev ) && in_array( $prev[0], array( T_OBJECT_OPERATOR, T_DOUBLE_COLON ), true );
			if ( is_array( $token ) && T_STRING === $token[0] && ! $after_arrow ) {
				$lower = strtolower( $text );
				if ( in_array( $lower, $functions, true ) && '(' === $next ) {
					$found[] = $lower . '()';
				}
				if ( 'enum' === $lower && is_array( $next ) && T_STRING === $next[0] ) {
					$found[] = 'enum';
				}
				if ( ( 'mixed' === $lower || 'never' === $lower ) && is_array( $next ) && in_array( $next[0], array( T_VARIABLE, T_STRING ), true ) || ( ( 'mixed' === $lower || 'never' === $lower ) && ':' === ( is_array( $prev ) ? '' : $prev ) ) ) {
					$found[] = $lower . ' type';
				}
				// A named argument: an identifier followed by ':' inside a call's parentheses.
				if ( ':' === $next && ( '(' === $prev || ',' === $prev ) ) {
					$found[] = 'named argument';
				}
			}
			if ( '|' === $text && is_array( $prev ) && in_array( $prev[0], array( T_STRING, T_ARRAY, T_CALLABLE ), true ) && is_array( $next ) && in_array( $next[0], array( T_STRING, T_ARRAY ), true ) ) {
				$after = $i + 2 < $count ? $tokens[ $i + 2 ] : null;
				if ( is_array( $after ) && T_VARIABLE === $after[0] ) {
					$found[] = 'union type';
				}
			}
			if ( is_array( $token ) && in_array( $token[0], array( T_PRIVATE, T_PROTECTED, T_PUBLIC ), true ) && ( '(' === $prev || ',' === $prev ) ) {
				$found[] = 'constructor promotion';
			}
			if ( is_array( $token ) && T_ELLIPSIS === $token[0] && '(' === $prev && ')' === $next ) {
				$found[] = 'first-class callable';
			}
		}
		return array_values( array_unique( $found ) );
	}
}
