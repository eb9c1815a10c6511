<?php
/**
 * A small stand-in for the WordPress functions the plugin calls, written for these tests.
 *
 * Each function follows the behaviour documented in WordPress's source (read in Debian's
 * wordpress 6.1.9 package, paths below `wp-includes/`); only what the plugin uses is there, and
 * state lives in the global `PickPost_Test_WP` so each test starts clean.
 *
 * @package PickPost\Tests
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'ARRAY_A', 'ARRAY_A' );
define( 'ARRAY_N', 'ARRAY_N' );

/** Everything a test may set or inspect. */
final class PickPost_Test_WP {
	public static $filters = array();
	public static $options = array();
	public static $user_meta = array();
	public static $user_id = 0;
	public static $caps = array();
	public static $locale = 'en_US';
	public static $translations = array();
	public static $scripts = array();
	public static $enqueued = array();
	public static $routes = array();
	public static $settings = array();
	public static $settings_errors = array();
	public static $admin_pages = array();
	public static $is_checkout = false;
	public static $nonce_salt = 'test-salt';
	public static $home = 'https://shop.example.ch';
	public static $http_log = array();

	public static function reset() {
		self::$filters         = array();
		self::$options         = array();
		self::$user_meta       = array();
		self::$user_id         = 0;
		self::$caps            = array();
		self::$locale          = 'en_US';
		self::$translations    = array();
		self::$scripts         = array();
		self::$enqueued        = array();
		self::$routes          = array();
		self::$settings        = array();
		self::$settings_errors = array();
		self::$admin_pages     = array();
		self::$is_checkout     = false;
		self::$http_log        = array();
		$_POST                 = array();
		$_GET                  = array();
		$_REQUEST              = array();
	}
}

// --- hooks (plugin.php, class-wp-hook.php: callbacks run by priority, then in the order added;
// a filter passes each callback's return to the next; `accepted_args` limits the arguments) ---

function add_filter( $hook, $callback, $priority = 10, $accepted_args = 1 ) {
	PickPost_Test_WP::$filters[ $hook ][ $priority ][] = array( $callback, $accepted_args );
	return true;
}

function add_action( $hook, $callback, $priority = 10, $accepted_args = 1 ) {
	return add_filter( $hook, $callback, $priority, $accepted_args );
}

function has_filter( $hook ) {
	return ! empty( PickPost_Test_WP::$filters[ $hook ] );
}

function apply_filters( $hook, $value, ...$args ) {
	if ( empty( PickPost_Test_WP::$filters[ $hook ] ) ) {
		return $value;
	}
	$by_priority = PickPost_Test_WP::$filters[ $hook ];
	ksort( $by_priority );
	foreach ( $by_priority as $callbacks ) {
		foreach ( $callbacks as $entry ) {
			$all   = array_merge( array( $value ), $args );
			$value = call_user_func_array( $entry[0], array_slice( $all, 0, $entry[1] ) );
		}
	}
	return $value;
}

function do_action( $hook, ...$args ) {
	if ( empty( PickPost_Test_WP::$filters[ $hook ] ) ) {
		return;
	}
	$by_priority = PickPost_Test_WP::$filters[ $hook ];
	ksort( $by_priority );
	foreach ( $by_priority as $callbacks ) {
		foreach ( $callbacks as $entry ) {
			call_user_func_array( $entry[0], array_slice( $args, 0, $entry[1] ) );
		}
	}
}

function __return_true() {
	return true;
}

// --- i18n (l10n.php: a loaded .mo answers, else the original; _x looks up "context\4msgid") ---

function __( $text, $domain = 'default' ) {
	return isset( PickPost_Test_WP::$translations[ $domain ][ $text ] ) ? PickPost_Test_WP::$translations[ $domain ][ $text ] : $text;
}

function _x( $text, $context, $domain = 'default' ) {
	$key = $context . "\4" . $text;
	return isset( PickPost_Test_WP::$translations[ $domain ][ $key ] ) ? PickPost_Test_WP::$translations[ $domain ][ $key ] : $text;
}

function esc_html__( $text, $domain = 'default' ) {
	return esc_html( __( $text, $domain ) );
}

function esc_attr__( $text, $domain = 'default' ) {
	return esc_attr( __( $text, $domain ) );
}

function get_locale() {
	return PickPost_Test_WP::$locale;
}

function determine_locale() {
	return PickPost_Test_WP::$locale;
}

/**
 * Loads `<domain>-<locale>.mo` from the plugin's languages folder (l10n.php, load_plugin_textdomain),
 * or from PICKPOST_TEST_MO_DIR where the tests compile the .po files.
 */
function load_plugin_textdomain( $domain, $deprecated = false, $plugin_rel_path = false ) {
	$dir  = getenv( 'PICKPOST_TEST_MO_DIR' ) ?: dirname( __DIR__, 2 ) . '/languages';
	$file = $dir . '/' . $domain . '-' . determine_locale() . '.mo';
	if ( ! is_readable( $file ) ) {
		return false;
	}
	PickPost_Test_WP::$translations[ $domain ] = pickpost_test_read_mo( $file );
	return true;
}

/** An independent reader of the GNU MO format (magic, revision, count, two offset tables). */
function pickpost_test_read_mo( $file ) {
	$data  = file_get_contents( $file );
	$magic = unpack( 'V', substr( $data, 0, 4 ) )[1];
	if ( 0x950412de !== $magic ) {
		throw new RuntimeException( "$file is not a little-endian MO file" );
	}
	list( , $revision, $count, $originals, $translations ) = array_values( unpack( 'V5', substr( $data, 0, 20 ) ) );
	$strings = array();
	for ( $i = 0; $i < $count; $i++ ) {
		$o = unpack( 'Vlength/Voffset', substr( $data, $originals + 8 * $i, 8 ) );
		$t = unpack( 'Vlength/Voffset', substr( $data, $translations + 8 * $i, 8 ) );
		$strings[ substr( $data, $o['offset'], $o['length'] ) ] = substr( $data, $t['offset'], $t['length'] );
	}
	unset( $strings[''] );
	return $strings;
}

// --- escaping and sanitising (formatting.php) ---

/** esc_html: _wp_specialchars( ENT_QUOTES ), which does not double-encode existing entities. */
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8', false );
}

function esc_attr( $text ) {
	return esc_html( $text );
}

/**
 * esc_url: '' for a protocol outside the allowed list (http, https, … by default; javascript: never),
 * `&` encoded as `&#038;` and quotes as entities for display.
 */
function esc_url( $url, $protocols = null, $context = 'display' ) {
	$url = trim( (string) $url );
	if ( '' === $url ) {
		return '';
	}
	$url       = preg_replace( '|[^a-z0-9-~+_.?#=!&;,/:%@$\|*\'()\[\]\\x80-\\xff]|i', '', str_replace( ' ', '%20', $url ) );
	$protocols = null === $protocols ? array( 'http', 'https', 'ftp', 'ftps', 'mailto' ) : $protocols;
	if ( preg_match( '/^([a-z][a-z0-9+.-]*):/i', $url, $match ) && ! in_array( strtolower( $match[1] ), $protocols, true ) ) {
		return '';
	}
	if ( 'display' === $context ) {
		$url = str_replace( '&amp;', '&#038;', $url );
		$url = preg_replace( '/&(?!#038;)/', '&#038;', $url );
		$url = str_replace( "'", '&#039;', $url );
	}
	return $url;
}

function esc_url_raw( $url, $protocols = null ) {
	return esc_url( $url, $protocols, 'db' );
}

/** sanitize_text_field: strips tags, line breaks, tabs and extra whitespace. */
function sanitize_text_field( $str ) {
	$str = wp_strip_all_tags( (string) $str );
	$str = preg_replace( '/[\r\n\t ]+/', ' ', $str );
	return trim( $str );
}

function wp_strip_all_tags( $text ) {
	$text = preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', (string) $text );
	return trim( strip_tags( $text ) );
}

function sanitize_key( $key ) {
	return preg_replace( '/[^a-z0-9_\-]/', '', strtolower( (string) $key ) );
}

function sanitize_file_name( $name ) {
	return preg_replace( '/[^A-Za-z0-9._-]/', '', str_replace( ' ', '-', (string) $name ) );
}

/** wp_unslash: stripslashes, recursively (the superglobals carry WordPress's added slashes). */
function wp_unslash( $value ) {
	return is_array( $value ) ? array_map( 'wp_unslash', $value ) : ( is_string( $value ) ? stripslashes( $value ) : $value );
}

function wp_slash( $value ) {
	return is_array( $value ) ? array_map( 'wp_slash', $value ) : ( is_string( $value ) ? addslashes( $value ) : $value );
}

function absint( $value ) {
	return abs( (int) $value );
}

function trailingslashit( $value ) {
	return untrailingslashit( $value ) . '/';
}

function untrailingslashit( $value ) {
	return rtrim( (string) $value, '/\\' );
}

function wp_parse_url( $url, $component = -1 ) {
	return parse_url( (string) $url, $component );
}

/** wp_json_encode: json_encode with the same flags WordPress's callers pass (none by default). */
function wp_json_encode( $data, $options = 0, $depth = 512 ) {
	return json_encode( $data, $options, $depth );
}

/** add_query_arg( $key, $value, $url ) or ( array $params, $url ) (functions.php). */
function add_query_arg( ...$args ) {
	if ( is_array( $args[0] ) ) {
		$params = $args[0];
		$url    = isset( $args[1] ) ? $args[1] : '';
	} else {
		$params = array( $args[0] => $args[1] );
		$url    = isset( $args[2] ) ? $args[2] : '';
	}
	$query = array();
	$qpos  = strpos( $url, '?' );
	if ( false !== $qpos ) {
		parse_str( substr( $url, $qpos + 1 ), $query );
		$url = substr( $url, 0, $qpos );
	}
	return $url . '?' . http_build_query( array_merge( $query, $params ) );
}

// --- options (option.php: update_option runs sanitize_option, which applies the
// `sanitize_option_<name>` filter register_setting adds) ---

function get_option( $name, $default = false ) {
	return array_key_exists( $name, PickPost_Test_WP::$options ) ? PickPost_Test_WP::$options[ $name ] : $default;
}

function update_option( $name, $value ) {
	$value = apply_filters( 'sanitize_option_' . $name, $value, $name, $value );
	PickPost_Test_WP::$options[ $name ] = $value;
	return true;
}

function delete_option( $name ) {
	unset( PickPost_Test_WP::$options[ $name ] );
	return true;
}

function register_setting( $group, $name, $args = array() ) {
	PickPost_Test_WP::$settings[ $group ][] = $name;
	if ( isset( $args['sanitize_callback'] ) ) {
		add_filter( 'sanitize_option_' . $name, $args['sanitize_callback'] );
	}
}

function add_settings_error( $setting, $code, $message, $type = 'error' ) {
	PickPost_Test_WP::$settings_errors[] = compact( 'setting', 'code', 'message', 'type' );
}

function settings_errors( $setting = '' ) {
	foreach ( PickPost_Test_WP::$settings_errors as $error ) {
		if ( '' === $setting || $error['setting'] === $setting ) {
			echo '<div class="notice notice-error"><p>' . esc_html( $error['message'] ) . '</p></div>';
		}
	}
}

/** settings_fields: option_page, action=update and the `<group>-options` nonce (plugin.php/template.php). */
function settings_fields( $group ) {
	echo '<input type="hidden" name="option_page" value="' . esc_attr( $group ) . '" />';
	echo '<input type="hidden" name="action" value="update" />';
	wp_nonce_field( $group . '-options' );
}

function submit_button() {
	echo '<p class="submit"><input type="submit" name="submit" id="submit" class="button button-primary" value="Save Changes" /></p>';
}

function add_options_page( $page_title, $menu_title, $capability, $slug, $callback ) {
	PickPost_Test_WP::$admin_pages[ $slug ] = compact( 'page_title', 'menu_title', 'capability', 'callback' );
	return 'settings_page_' . $slug;
}

// --- users, capabilities, user meta (user.php, capabilities.php) ---

function get_current_user_id() {
	return PickPost_Test_WP::$user_id;
}

function is_user_logged_in() {
	return PickPost_Test_WP::$user_id > 0;
}

function wp_set_current_user( $id ) {
	PickPost_Test_WP::$user_id = (int) $id;
}

function current_user_can( $capability ) {
	return in_array( $capability, PickPost_Test_WP::$caps, true );
}

function update_user_meta( $user_id, $key, $value ) {
	PickPost_Test_WP::$user_meta[ $user_id ][ $key ] = $value;
	return true;
}

function get_user_meta( $user_id, $key, $single = false ) {
	$value = isset( PickPost_Test_WP::$user_meta[ $user_id ][ $key ] ) ? PickPost_Test_WP::$user_meta[ $user_id ][ $key ] : '';
	return $single ? $value : ( '' === $value ? array() : array( $value ) );
}

// --- nonces (pluggable.php: a hash of the action, the user and the time tick; valid for two ticks) ---

function wp_create_nonce( $action = -1 ) {
	$tick = (int) ceil( time() / 43200 );
	return substr( hash_hmac( 'md5', $tick . '|' . $action . '|' . get_current_user_id(), PickPost_Test_WP::$nonce_salt ), -12, 10 );
}

function wp_verify_nonce( $nonce, $action = -1 ) {
	$tick = (int) ceil( time() / 43200 );
	foreach ( array( 1 => $tick, 2 => $tick - 1 ) as $result => $t ) {
		$expected = substr( hash_hmac( 'md5', $t . '|' . $action . '|' . get_current_user_id(), PickPost_Test_WP::$nonce_salt ), -12, 10 );
		if ( is_string( $nonce ) && hash_equals( $expected, $nonce ) ) {
			return $result;
		}
	}
	return false;
}

function wp_nonce_field( $action = -1, $name = '_wpnonce' ) {
	echo '<input type="hidden" id="' . esc_attr( $name ) . '" name="' . esc_attr( $name ) . '" value="' . esc_attr( wp_create_nonce( $action ) ) . '" />';
}

function wp_nonce_url( $url, $action = -1, $name = '_wpnonce' ) {
	return add_query_arg( array( $name => wp_create_nonce( $action ) ), str_replace( '&amp;', '&', $url ) );
}

/** check_admin_referer: dies (403) unless `_wpnonce` of the request verifies. */
function check_admin_referer( $action = -1, $name = '_wpnonce' ) {
	$nonce = isset( $_REQUEST[ $name ] ) ? $_REQUEST[ $name ] : '';
	$ok    = wp_verify_nonce( $nonce, $action );
	if ( ! $ok ) {
		wp_die( 'The link you followed has expired.', '', array( 'response' => 403 ) );
	}
	return $ok;
}

final class PickPost_Test_Died extends RuntimeException {}

/** wp_die ends the request; here it throws so the test sees it. */
function wp_die( $message = '', $title = '', $args = array() ) {
	$status = is_array( $args ) && isset( $args['response'] ) ? (int) $args['response'] : 500;
	throw new PickPost_Test_Died( (string) $message, $status );
}

function nocache_headers() {}

// --- URLs and scripts ---

function admin_url( $path = '' ) {
	return PickPost_Test_WP::$home . '/wp-admin/' . ltrim( $path, '/' );
}

function rest_url( $path = '' ) {
	return PickPost_Test_WP::$home . '/wp-json/' . ltrim( $path, '/' );
}

function plugins_url( $path = '', $plugin = '' ) {
	return PickPost_Test_WP::$home . '/wp-content/plugins/' . basename( dirname( $plugin ) ) . '/' . ltrim( $path, '/' );
}

function plugin_basename( $file ) {
	return basename( dirname( $file ) ) . '/' . basename( $file );
}

function wp_register_script( $handle, $src, $deps = array(), $ver = false, $in_footer = false ) {
	PickPost_Test_WP::$scripts[ $handle ] = compact( 'src', 'deps', 'ver' );
	return true;
}

function wp_enqueue_script( $handle, $src = '', $deps = array(), $ver = false, $in_footer = false ) {
	if ( '' !== $src ) {
		wp_register_script( $handle, $src, $deps, $ver, $in_footer );
	}
	PickPost_Test_WP::$enqueued[ $handle ] = true;
}

function wp_script_is( $handle, $status = 'enqueued' ) {
	return 'registered' === $status ? isset( PickPost_Test_WP::$scripts[ $handle ] ) : isset( PickPost_Test_WP::$enqueued[ $handle ] );
}

/** Prints the enqueued scripts after their dependencies (class-wp-dependencies.php, all_deps). */
function wp_print_scripts() {
	$done  = array();
	$print = function ( $handle ) use ( &$print, &$done ) {
		if ( isset( $done[ $handle ] ) || ! isset( PickPost_Test_WP::$scripts[ $handle ] ) ) {
			return;
		}
		$done[ $handle ] = true;
		foreach ( PickPost_Test_WP::$scripts[ $handle ]['deps'] as $dep ) {
			$print( $dep );
		}
		echo '<script src="' . esc_url( PickPost_Test_WP::$scripts[ $handle ]['src'] ) . '"></script>' . "\n";
	};
	foreach ( array_keys( PickPost_Test_WP::$enqueued ) as $handle ) {
		$print( $handle );
	}
}

function is_checkout() {
	return PickPost_Test_WP::$is_checkout;
}

// --- errors (class-wp-error.php) ---

class WP_Error {
	private $errors = array();
	private $data   = array();

	public function __construct( $code = '', $message = '', $data = '' ) {
		if ( '' !== $code ) {
			$this->errors[ $code ][] = $message;
			if ( '' !== $data ) {
				$this->data[ $code ] = $data;
			}
		}
	}

	public function get_error_code() {
		$codes = array_keys( $this->errors );
		return isset( $codes[0] ) ? $codes[0] : '';
	}

	public function get_error_message( $code = '' ) {
		$code = '' === $code ? $this->get_error_code() : $code;
		return isset( $this->errors[ $code ][0] ) ? $this->errors[ $code ][0] : '';
	}

	public function get_error_data( $code = '' ) {
		$code = '' === $code ? $this->get_error_code() : $code;
		return isset( $this->data[ $code ] ) ? $this->data[ $code ] : null;
	}
}

function is_wp_error( $thing ) {
	return $thing instanceof WP_Error;
}

require __DIR__ . '/wordpress-rest.php';
require __DIR__ . '/wordpress-http.php';
