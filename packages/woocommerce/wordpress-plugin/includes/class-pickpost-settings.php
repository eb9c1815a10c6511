<?php
/**
 * The plugin's own settings: where the sync service is and the secrets shared with it.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Options `pickpost_service_url`, `pickpost_shared_secret`, `pickpost_admin_token`, `pickpost_variant`
 * and the page under Settings → PickPost that edits them.
 */
final class PickPost_Settings {
	const GROUP        = 'pickpost';
	const PAGE         = 'pickpost';
	const SERVICE_URL  = 'pickpost_service_url';
	const SECRET       = 'pickpost_shared_secret';
	const ADMIN_TOKEN  = 'pickpost_admin_token';
	const VARIANT      = 'pickpost_variant';
	const VARIANTS     = array( '1', '2', '3', '4a', '4b' );
	const CAPABILITY   = 'manage_options';

	/** Every option the plugin owns (uninstall removes them). */
	const OPTIONS = array( self::SERVICE_URL, self::SECRET, self::ADMIN_TOKEN, self::VARIANT );

	/**
	 * Hooks the settings page and the options' sanitising.
	 */
	public static function register() {
		add_action( 'admin_init', array( __CLASS__, 'register_settings' ) );
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
	}

	/**
	 * The Settings API checks the nonce and `manage_options` on options.php and calls these sanitisers.
	 */
	public static function register_settings() {
		register_setting( self::GROUP, self::SERVICE_URL, array( 'type' => 'string', 'sanitize_callback' => array( __CLASS__, 'sanitize_service_url' ) ) );
		register_setting( self::GROUP, self::SECRET, array( 'type' => 'string', 'sanitize_callback' => array( __CLASS__, 'sanitize_secret' ) ) );
		register_setting( self::GROUP, self::ADMIN_TOKEN, array( 'type' => 'string', 'sanitize_callback' => array( __CLASS__, 'sanitize_admin_token' ) ) );
		register_setting( self::GROUP, self::VARIANT, array( 'type' => 'string', 'sanitize_callback' => array( __CLASS__, 'sanitize_variant' ), 'default' => '1' ) );
	}

	/**
	 * Settings → PickPost (not under WooCommerce, so the page also exists while WooCommerce is inactive).
	 */
	public static function add_page() {
		add_options_page(
			__( 'PickPost / My Post 24', 'pickpost-woocommerce' ),
			__( 'PickPost', 'pickpost-woocommerce' ),
			self::CAPABILITY,
			self::PAGE,
			array( __CLASS__, 'render_page' )
		);
	}

	/**
	 * The service's base URL without a trailing slash, e.g. `https://sync.example.ch`.
	 *
	 * @return string
	 */
	public static function service_url() {
		return untrailingslashit( (string) get_option( self::SERVICE_URL, '' ) );
	}

	/** @return string The secret the customer headers are signed with. */
	public static function shared_secret() {
		return (string) get_option( self::SECRET, '' );
	}

	/** @return string The Bearer token of the service's admin routes (labels). */
	public static function admin_token() {
		return (string) get_option( self::ADMIN_TOKEN, '' );
	}

	/** @return string The integration variant the service runs: 1, 2, 3, 4a or 4b. */
	public static function variant() {
		$variant = (string) get_option( self::VARIANT, '1' );
		return in_array( $variant, self::VARIANTS, true ) ? $variant : '1';
	}

	/**
	 * Whether the checkout can work: without the service URL and the secret no point can be chosen,
	 * so the shipping method is not offered.
	 *
	 * @return bool
	 */
	public static function is_configured() {
		return '' !== self::service_url() && '' !== self::shared_secret();
	}

	/**
	 * Only http(s) URLs; anything else keeps the stored value and says why.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_service_url( $value ) {
		$value = trim( (string) $value );
		if ( '' === $value ) {
			return '';
		}
		$url    = esc_url_raw( $value, array( 'http', 'https' ) );
		$scheme = wp_parse_url( $url, PHP_URL_SCHEME );
		if ( '' === $url || ! in_array( $scheme, array( 'http', 'https' ), true ) || ! wp_parse_url( $url, PHP_URL_HOST ) ) {
			add_settings_error( self::SERVICE_URL, 'pickpost_service_url', __( 'The service URL must be an http:// or https:// address.', 'pickpost-woocommerce' ) );
			return (string) get_option( self::SERVICE_URL, '' );
		}
		return untrailingslashit( $url );
	}

	/**
	 * An empty field keeps the stored secret: the page never prints it, so an untouched form submits nothing.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_secret( $value ) {
		return self::keep_when_empty( $value, self::SECRET );
	}

	/**
	 * Same rule as the secret.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_admin_token( $value ) {
		return self::keep_when_empty( $value, self::ADMIN_TOKEN );
	}

	/**
	 * One of the five variants, else the stored one.
	 *
	 * @param mixed $value Submitted value.
	 * @return string
	 */
	public static function sanitize_variant( $value ) {
		$value = (string) $value;
		return in_array( $value, self::VARIANTS, true ) ? $value : self::variant();
	}

	/**
	 * @param mixed  $value  Submitted value.
	 * @param string $option Option name.
	 * @return string
	 */
	private static function keep_when_empty( $value, $option ) {
		$value = trim( (string) $value );
		// phpcs:ignore WordPress.Security.NonceVerification -- options.php verified the nonce before sanitising.
		$clear = isset( $_POST[ $option . '_clear' ] ) && '1' === $_POST[ $option . '_clear' ];
		if ( $clear ) {
			return '';
		}
		return '' === $value ? (string) get_option( $option, '' ) : $value;
	}

	/**
	 * The settings form. Secrets are write-only: the inputs are always empty and only say whether one is stored.
	 */
	public static function render_page() {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'You are not allowed to change the PickPost settings.', 'pickpost-woocommerce' ) );
		}
		$url     = (string) get_option( self::SERVICE_URL, '' );
		$variant = self::variant();
		echo '<div class="wrap"><h1>' . esc_html__( 'PickPost / My Post 24', 'pickpost-woocommerce' ) . '</h1>';
		settings_errors( self::SERVICE_URL );
		echo '<form method="post" action="' . esc_url( admin_url( 'options.php' ) ) . '">';
		settings_fields( self::GROUP );
		echo '<table class="form-table" role="presentation">';

		echo '<tr><th scope="row"><label for="pickpost_service_url">' . esc_html__( 'Sync service URL', 'pickpost-woocommerce' ) . '</label></th><td>';
		echo '<input type="url" class="regular-text" id="pickpost_service_url" name="' . esc_attr( self::SERVICE_URL ) . '" value="' . esc_attr( $url ) . '" placeholder="https://pickpost.example.ch" />';
		echo '<p class="description">' . esc_html__( 'Where the PickPost sync service runs; the checkout API is expected under /pickpost.', 'pickpost-woocommerce' ) . '</p></td></tr>';

		self::render_secret_row( self::SECRET, __( 'Shared secret', 'pickpost-woocommerce' ), __( 'Signs the customer of each checkout request. The same value as the sync service\'s setting.', 'pickpost-woocommerce' ) );
		self::render_secret_row( self::ADMIN_TOKEN, __( 'Admin token', 'pickpost-woocommerce' ), __( 'The Bearer token of the sync service\'s admin API, used to download labels.', 'pickpost-woocommerce' ) );

		echo '<tr><th scope="row"><label for="pickpost_variant">' . esc_html__( 'Integration variant', 'pickpost-woocommerce' ) . '</label></th><td>';
		echo '<select id="pickpost_variant" name="' . esc_attr( self::VARIANT ) . '">';
		foreach ( self::VARIANTS as $option ) {
			echo '<option value="' . esc_attr( $option ) . '"' . ( $option === $variant ? ' selected' : '' ) . '>' . esc_html( $option ) . '</option>';
		}
		echo '</select><p class="description">' . esc_html__( 'The variant the sync service runs: 1 to 3 ask the shopper for a PickPost ID, 4a and 4b do not.', 'pickpost-woocommerce' ) . '</p></td></tr>';

		echo '</table>';
		submit_button();
		echo '</form></div>';
	}

	/**
	 * @param string $option      Option name.
	 * @param string $label       Field label.
	 * @param string $description Help text.
	 */
	private static function render_secret_row( $option, $label, $description ) {
		$stored = '' !== (string) get_option( $option, '' );
		echo '<tr><th scope="row"><label for="' . esc_attr( $option ) . '">' . esc_html( $label ) . '</label></th><td>';
		echo '<input type="password" class="regular-text" id="' . esc_attr( $option ) . '" name="' . esc_attr( $option ) . '" value="" autocomplete="new-password" />';
		echo '<p class="description">' . esc_html( $description ) . ' ';
		echo esc_html( $stored ? __( 'A value is stored; leave the field empty to keep it.', 'pickpost-woocommerce' ) : __( 'No value is stored yet.', 'pickpost-woocommerce' ) );
		echo '</p>';
		if ( $stored ) {
			echo '<label><input type="checkbox" name="' . esc_attr( $option . '_clear' ) . '" value="1" /> ' . esc_html__( 'Remove the stored value', 'pickpost-woocommerce' ) . '</label>';
		}
		echo '</td></tr>';
	}
}
