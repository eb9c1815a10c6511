<?php
/**
 * wp_remote_request and its helpers over PHP's own HTTP stream (class-wp-http.php: the answer is
 * `{ headers, body, response: { code, message }, cookies }` with lower-case header names, or a
 * WP_Error `http_request_failed`; `redirection` 0 follows no redirect).
 *
 * @package PickPost\Tests
 */

function wp_remote_request( $url, $args = array() ) {
	$args    = array_merge( array( 'method' => 'GET', 'headers' => array(), 'body' => null, 'timeout' => 5, 'redirection' => 5 ), $args );
	$headers = array();
	foreach ( $args['headers'] as $name => $value ) {
		$headers[] = $name . ': ' . $value;
	}
	PickPost_Test_WP::$http_log[] = array( 'url' => $url, 'args' => $args );
	$context = stream_context_create(
		array(
			'http' => array(
				'method'          => $args['method'],
				'header'          => implode( "\r\n", $headers ),
				'content'         => null === $args['body'] ? '' : (string) $args['body'],
				'timeout'         => (float) $args['timeout'],
				'ignore_errors'   => true,
				'follow_location' => $args['redirection'] > 0 ? 1 : 0,
				'protocol_version' => 1.1,
			),
		)
	);
	$level = error_reporting( 0 );
	$body  = file_get_contents( $url, false, $context );
	error_reporting( $level );
	if ( false === $body ) {
		return new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
	}
	$status_line = isset( $http_response_header[0] ) ? $http_response_header[0] : '';
	preg_match( '#^HTTP/\S+\s+(\d{3})\s*(.*)$#', $status_line, $match );
	$response_headers = array();
	foreach ( array_slice( $http_response_header, 1 ) as $line ) {
		$pos = strpos( $line, ':' );
		if ( false !== $pos ) {
			$response_headers[ strtolower( trim( substr( $line, 0, $pos ) ) ) ] = trim( substr( $line, $pos + 1 ) );
		}
	}
	return array(
		'headers'  => $response_headers,
		'body'     => $body,
		'response' => array( 'code' => isset( $match[1] ) ? (int) $match[1] : 0, 'message' => isset( $match[2] ) ? $match[2] : '' ),
		'cookies'  => array(),
	);
}

function wp_remote_retrieve_response_code( $response ) {
	return is_wp_error( $response ) ? '' : $response['response']['code'];
}

function wp_remote_retrieve_body( $response ) {
	return is_wp_error( $response ) ? '' : $response['body'];
}

function wp_remote_retrieve_header( $response, $name ) {
	$name = strtolower( $name );
	return ! is_wp_error( $response ) && isset( $response['headers'][ $name ] ) ? $response['headers'][ $name ] : '';
}
