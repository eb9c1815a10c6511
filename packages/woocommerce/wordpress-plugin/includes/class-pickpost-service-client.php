<?php
/**
 * HTTP to the sync service.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Calls the sync service's checkout routes (signed as a customer) and admin routes (Bearer token).
 * The answer is returned as it came: status, content type and raw body.
 */
final class PickPost_Service_Client {
	/** Seconds before a call is given up; the widget shows a retry button on the 502 that follows. */
	const TIMEOUT = 15;

	/**
	 * A public checkout route, signed for `$customer_ref`.
	 *
	 * @param string      $method       GET or POST.
	 * @param string      $route        Path below `<service>/pickpost`, starting with '/'.
	 * @param string      $customer_ref The shopper (see PickPost_Customer_Ref).
	 * @param string|null $body         Raw JSON body.
	 * @param array       $extra        More headers (e.g. Accept-Language).
	 * @return array{status:int,content_type:string,body:string}|WP_Error
	 */
	public static function checkout( $method, $route, $customer_ref, $body = null, $extra = array() ) {
		$headers = array_merge(
			array( 'Accept' => 'application/json' ),
			$extra,
			PickPost_Customer_Ref::signed_headers( $customer_ref, PickPost_Settings::shared_secret() )
		);
		return self::request( $method, $route, $headers, $body );
	}

	/**
	 * An admin route with the stored Bearer token.
	 *
	 * @param string      $method GET or POST.
	 * @param string      $route  Path below `<service>/pickpost`.
	 * @param string|null $body   Raw JSON body.
	 * @param string      $accept Accept header.
	 * @return array{status:int,content_type:string,body:string}|WP_Error
	 */
	public static function admin( $method, $route, $body = null, $accept = 'application/pdf' ) {
		$token = PickPost_Settings::admin_token();
		if ( '' === $token ) {
			return new WP_Error( 'pickpost_no_admin_token', __( 'No admin token is stored in Settings → PickPost.', 'pickpost-woocommerce' ) );
		}
		return self::request(
			$method,
			$route,
			array(
				'Accept'        => $accept,
				'Authorization' => 'Bearer ' . $token,
			),
			$body
		);
	}

	/**
	 * @param string      $method  HTTP method.
	 * @param string      $route   Path below `/pickpost`.
	 * @param array       $headers Headers.
	 * @param string|null $body    Body.
	 * @return array{status:int,content_type:string,body:string}|WP_Error
	 */
	private static function request( $method, $route, $headers, $body ) {
		$base = PickPost_Settings::service_url();
		if ( '' === $base ) {
			return new WP_Error( 'pickpost_not_configured', __( 'The PickPost sync service is not configured.', 'pickpost-woocommerce' ) );
		}
		if ( null !== $body ) {
			$headers['Content-Type'] = 'application/json';
		}
		// Not wp_safe_remote_request: the service is the merchant's own, often on localhost or a private
		// network, which the "safe" variant refuses (wp-includes/http.php, wp_http_validate_url).
		$response = wp_remote_request(
			$base . '/pickpost' . $route,
			array(
				'method'      => $method,
				'headers'     => $headers,
				'body'        => $body,
				'timeout'     => self::TIMEOUT,
				'redirection' => 0,
			)
		);
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$type = wp_remote_retrieve_header( $response, 'content-type' );
		return array(
			'status'       => (int) wp_remote_retrieve_response_code( $response ),
			'content_type' => is_array( $type ) ? (string) reset( $type ) : (string) $type,
			'body'         => (string) wp_remote_retrieve_body( $response ),
		);
	}
}
