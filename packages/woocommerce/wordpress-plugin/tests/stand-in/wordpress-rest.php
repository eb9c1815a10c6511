<?php
/**
 * The REST pieces the plugin uses: WP_REST_Request, WP_REST_Response, register_rest_route and a
 * small server that dispatches and serves like WP_REST_Server::serve_request
 * (rest-api/class-wp-rest-server.php: status and headers first, then `rest_pre_serve_request`,
 * then the JSON encoding of the data unless a filter served the body).
 *
 * @package PickPost\Tests
 */

class WP_REST_Request implements ArrayAccess {
	private $method;
	private $route;
	private $params  = array();
	private $query   = array();
	private $headers = array();
	private $body    = '';

	public function __construct( $method = 'GET', $route = '' ) {
		$this->method = strtoupper( $method );
		$this->route  = $route;
	}

	public function get_method() {
		return $this->method;
	}

	public function get_route() {
		return $this->route;
	}

	/** Header names are canonicalised: lower case, '-' → '_' (canonicalize_header_name). */
	public function set_header( $name, $value ) {
		$this->headers[ strtolower( str_replace( '-', '_', $name ) ) ] = $value;
	}

	public function get_header( $name ) {
		$key = strtolower( str_replace( '-', '_', $name ) );
		return isset( $this->headers[ $key ] ) ? $this->headers[ $key ] : null;
	}

	public function set_query_params( $params ) {
		$this->query = $params;
	}

	public function get_query_params() {
		return $this->query;
	}

	public function set_url_params( $params ) {
		$this->params = array_merge( $this->params, $params );
	}

	public function set_param( $key, $value ) {
		$this->params[ $key ] = $value;
	}

	/** URL params win over query params (get_parameter_order for GET). */
	public function get_param( $key ) {
		if ( array_key_exists( $key, $this->params ) ) {
			return $this->params[ $key ];
		}
		return isset( $this->query[ $key ] ) ? $this->query[ $key ] : null;
	}

	public function set_body( $body ) {
		$this->body = (string) $body;
	}

	public function get_body() {
		return $this->body;
	}

	#[\ReturnTypeWillChange]
	public function offsetExists( $offset ) {
		return null !== $this->get_param( $offset );
	}

	#[\ReturnTypeWillChange]
	public function offsetGet( $offset ) {
		return $this->get_param( $offset );
	}

	#[\ReturnTypeWillChange]
	public function offsetSet( $offset, $value ) {
		$this->set_param( $offset, $value );
	}

	#[\ReturnTypeWillChange]
	public function offsetUnset( $offset ) {
		unset( $this->params[ $offset ] );
	}
}

class WP_REST_Response {
	public $data;
	public $status;
	public $headers;

	public function __construct( $data = null, $status = 200, $headers = array() ) {
		$this->data    = $data;
		$this->status  = $status;
		$this->headers = $headers;
	}

	public function get_data() {
		return $this->data;
	}

	public function get_status() {
		return $this->status;
	}

	public function set_status( $status ) {
		$this->status = (int) $status;
	}

	public function header( $name, $value ) {
		$this->headers[ $name ] = $value;
	}

	public function get_headers() {
		return $this->headers;
	}
}

function register_rest_route( $namespace, $route, $args ) {
	PickPost_Test_WP::$routes[ '/' . trim( $namespace, '/' ) . $route ] = $args;
	return true;
}

/**
 * Dispatches `$request` to the matching route (routes are regular expressions with named groups)
 * and serves it: returns [status, headers, body] as WP_REST_Server::serve_request would send them.
 */
function pickpost_test_serve( WP_REST_Request $request ) {
	$response = null;
	foreach ( PickPost_Test_WP::$routes as $pattern => $args ) {
		if ( ! preg_match( '@^' . $pattern . '$@i', $request->get_route(), $matches ) ) {
			continue;
		}
		if ( strtoupper( $args['methods'] ) !== $request->get_method() ) {
			continue;
		}
		$request->set_url_params( array_filter( $matches, 'is_string', ARRAY_FILTER_USE_KEY ) );
		if ( true !== call_user_func( $args['permission_callback'], $request ) ) {
			$response = new WP_REST_Response( array( 'code' => 'rest_forbidden' ), 401 );
			break;
		}
		$response = call_user_func( $args['callback'], $request );
		break;
	}
	if ( null === $response ) {
		$response = new WP_REST_Response( array( 'code' => 'rest_no_route', 'message' => 'No route was found matching the URL and request method.', 'data' => array( 'status' => 404 ) ), 404 );
	}
	$headers = array_merge( array( 'Content-Type' => 'application/json; charset=UTF-8' ), $response->get_headers() );
	ob_start();
	$served = apply_filters( 'rest_pre_serve_request', false, $response, $request, null );
	$body   = ob_get_clean();
	if ( ! $served ) {
		$body = 204 === $response->get_status() || null === $response->get_data() ? '' : wp_json_encode( $response->get_data() );
	}
	return array( $response->get_status(), $headers, $body );
}
