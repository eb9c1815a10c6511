<?php
/**
 * The `<pickpost-point-picker>` element and its scripts, for both checkouts.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Builds the widget's attributes: the plugin's REST proxy as endpoint, the shipping postcode, the
 * shop's language and variant, the remembered PickPost ID and the REST nonce header.
 */
final class PickPost_Picker {
	const WIDGET_HANDLE = 'pickpost-widget';
	const NONCE_HANDLE  = 'pickpost-rest-nonce';
	const LANGS         = array( 'de', 'fr', 'it', 'en' );

	/**
	 * The widget script, served by the sync service (`<service>/pickpost/widget.js`), after the small
	 * script that adds the REST nonce to its calls. It holds no credential: every call it makes goes
	 * to the shop's own proxy.
	 */
	public static function register_widget_script() {
		if ( ! wp_script_is( self::NONCE_HANDLE, 'registered' ) ) {
			wp_register_script( self::NONCE_HANDLE, plugins_url( 'assets/rest-nonce.js', PICKPOST_WC_FILE ), array(), PICKPOST_WC_VERSION, true );
		}
		if ( ! wp_script_is( self::WIDGET_HANDLE, 'registered' ) ) {
			wp_register_script( self::WIDGET_HANDLE, PickPost_Settings::service_url() . '/pickpost/widget.js', array( self::NONCE_HANDLE ), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- the service versions its own script.
		}
	}

	/**
	 * The widget's attributes for the current shopper.
	 *
	 * @param string $zip Postcode to search first.
	 * @return array<string,string>
	 */
	public static function attributes( $zip ) {
		$attributes = array(
			'endpoint'        => untrailingslashit( rest_url( PickPost_Rest_Proxy::NAMESPACE_V1 ) ),
			'zip'             => (string) $zip,
			'lang'            => self::lang(),
			'variant'         => PickPost_Settings::variant(),
			'name'            => 'pickpost',
			// WordPress treats a cookie-authenticated REST call without this nonce as logged out
			// (wp-includes/rest-api.php, rest_cookie_check_errors), which would sign the wrong customer.
			'request-headers' => wp_json_encode( array( 'X-WP-Nonce' => wp_create_nonce( 'wp_rest' ) ) ),
		);
		$number = PickPost_Order_Meta::remembered_number( get_current_user_id() );
		if ( '' !== $number ) {
			$attributes['pickpost-id'] = $number;
		}
		return $attributes;
	}

	/**
	 * The element with every attribute escaped.
	 *
	 * @param array<string,string> $attributes From attributes(), plus any extra.
	 * @return string
	 */
	public static function element( $attributes ) {
		$html = '<pickpost-point-picker';
		foreach ( $attributes as $name => $value ) {
			$html .= ' ' . esc_attr( $name ) . '="' . esc_attr( $value ) . '"';
		}
		return $html . '></pickpost-point-picker>';
	}

	/**
	 * The widget's language from the site's locale (`de_CH` → `de`); English otherwise.
	 *
	 * @return string
	 */
	public static function lang() {
		$locale = function_exists( 'determine_locale' ) ? determine_locale() : get_locale();
		$lang   = strtolower( substr( (string) $locale, 0, 2 ) );
		return in_array( $lang, self::LANGS, true ) ? $lang : 'en';
	}
}
