<?php
/**
 * `/wp-json/pickpost/v1/…`: the widget's endpoint, on the shop's own origin.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * A proxy answer whose body goes out byte for byte (see PickPost_Rest_Proxy::serve_raw).
 */
class PickPost_Raw_Response extends WP_REST_Response {
	/** @var string */
	private $raw_body;

	/**
	 * @param string $raw_body     The service's body.
	 * @param int    $status       The service's status.
	 * @param string $content_type The service's content type.
	 */
	public function __construct( $raw_body, $status, $content_type ) {
		parent::__construct( null, $status, array( 'Content-Type' => '' === $content_type ? 'application/json; charset=utf-8' : $content_type ) );
		$this->raw_body = $raw_body;
	}

	/** @return string */
	public function get_raw_body() {
		return $this->raw_body;
	}
}

/**
 * Forwards the widget's calls to the sync service's public checkout routes
 * (`<service>/pickpost/<route>`), adding the signed customer headers. The browser never sees the
 * shared secret or a Swiss Post credential, and cannot name another customer: the customer comes
 * from the WordPress user or the WooCommerce session of the request.
 */
final class PickPost_Rest_Proxy {
	const NAMESPACE_V1 = 'pickpost/v1';

	/** Bodies the widget sends are small; anything larger is refused before it reaches the service. */
	const BODY_LIMIT = 16384;

	/** WordPress's own query parameters, which are not the service's business. */
	const WP_PARAMS = array( '_wpnonce', 'rest_route', '_locale', '_envelope', '_jsonp', '_embed', '_fields', '_method' );

	/**
	 * Hooks the routes and the raw-body output.
	 */
	public static function register() {
		add_action( 'rest_api_init', array( __CLASS__, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( __CLASS__, 'serve_raw' ), 10, 2 );
	}

	/**
	 * The public routes of the checkout API. They are public on purpose (the shopper is anonymous or a
	 * customer); who the shopper is comes from the session, never from the request's data.
	 */
	public static function register_routes() {
		$public = '__return_true';
		register_rest_route(
			self::NAMESPACE_V1,
			'/points',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'points' ),
				'permission_callback' => $public,
			)
		);
		register_rest_route(
			self::NAMESPACE_V1,
			'/points/(?P<id>[A-Za-z0-9._-]{1,64})',
			array(
				'methods'             => 'GET',
				'callback'            => array( __CLASS__, 'point' ),
				'permission_callback' => $public,
			)
		);
		register_rest_route(
			self::NAMESPACE_V1,
			'/customers',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'customers' ),
				'permission_callback' => $public,
			)
		);
		register_rest_route(
			self::NAMESPACE_V1,
			'/selection',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'selection' ),
				'permission_callback' => $public,
			)
		);
	}

	/**
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function points( $request ) {
		return self::forward( $request, 'GET', '/points' . self::query_string( $request ) );
	}

	/**
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function point( $request ) {
		return self::forward( $request, 'GET', '/points/' . rawurlencode( (string) $request->get_param( 'id' ) ) . self::query_string( $request, array( 'id' ) ) );
	}

	/**
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function customers( $request ) {
		return self::forward( $request, 'POST', '/customers' );
	}

	/**
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function selection( $request ) {
		return self::forward( $request, 'POST', '/selection' );
	}

	/**
	 * One call to the service, answered with its status, content type and body as they came.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param string          $method  GET or POST.
	 * @param string          $route   Route below `/pickpost`, with its query.
	 * @return WP_REST_Response
	 */
	public static function forward( $request, $method, $route ) {
		$customer_ref = PickPost_Customer_Ref::current();
		if ( '' === $customer_ref ) {
			return self::error( 401, 'no_customer', __( 'Your session has expired: reload the checkout page.', 'pickpost-woocommerce' ) );
		}
		$body = null;
		if ( 'POST' === $method ) {
			$body = (string) $request->get_body();
			if ( strlen( $body ) > self::BODY_LIMIT ) {
				return self::error( 413, 'body_too_large', __( 'The request is too large.', 'pickpost-woocommerce' ) );
			}
		}
		$extra = array();
		$lang  = $request->get_header( 'accept_language' );
		if ( is_string( $lang ) && '' !== $lang ) {
			$extra['Accept-Language'] = $lang;
		}
		$answer = PickPost_Service_Client::checkout( $method, $route, $customer_ref, $body, $extra );
		if ( is_wp_error( $answer ) ) {
			return self::error( 502, 'service_unreachable', __( 'The pick-up point service cannot be reached right now. Please try again.', 'pickpost-woocommerce' ) );
		}
		$response = new PickPost_Raw_Response( $answer['body'], $answer['status'], $answer['content_type'] );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * Prints a proxied body unchanged instead of WordPress's JSON encoding of the response data
	 * (wp-includes/rest-api/class-wp-rest-server.php, serve_request: status and headers are sent
	 * before this filter runs; a true return skips the encoding).
	 *
	 * @param bool             $served Whether another filter served it.
	 * @param WP_REST_Response $result The response.
	 * @return bool
	 */
	public static function serve_raw( $served, $result ) {
		if ( $served || ! $result instanceof PickPost_Raw_Response ) {
			return $served;
		}
		echo $result->get_raw_body(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON from the service, served as application/json.
		return true;
	}

	/**
	 * The query of the widget's request without WordPress's own parameters.
	 *
	 * @param WP_REST_Request $request Request.
	 * @param string[]        $skip    More parameters to drop (route parameters).
	 * @return string '' or '?a=b…'
	 */
	private static function query_string( $request, $skip = array() ) {
		$params = array();
		foreach ( (array) $request->get_query_params() as $key => $value ) {
			if ( in_array( $key, self::WP_PARAMS, true ) || in_array( $key, $skip, true ) || ! is_scalar( $value ) ) {
				continue;
			}
			$params[ $key ] = (string) $value;
		}
		return array() === $params ? '' : '?' . http_build_query( $params, '', '&', PHP_QUERY_RFC3986 );
	}

	/**
	 * An error in the checkout API's own shape, `{ error: { code, message } }`, which the widget shows.
	 *
	 * @param int    $status  HTTP status.
	 * @param string $code    Error code.
	 * @param string $message Translated message.
	 * @return WP_REST_Response
	 */
	private static function error( $status, $code, $message ) {
		$response = new WP_REST_Response( array( 'error' => array( 'code' => $code, 'message' => $message ) ), $status );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}
}
