<?php
/**
 * What the plugin can check of a signed selection without the signing secret.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * A selection token is `<base64url JSON>.<base64url HMAC-SHA256>` (the SDK's core,
 * `variants/selection.ts`). The plugin does not hold the selection secret, so it cannot verify the
 * MAC (the sync service does at fulfilment); it refuses what cannot be a genuine token: wrong shape,
 * a payload that is not a selection, a point other than the one posted, another customer, an
 * expired one, or no PickPost ID where the variant needs one. The point snapshot and the customer
 * number stored with the order come from the token, not from the browser's other fields.
 */
final class PickPost_Selection {
	/** The SDK's limit on a token's length. */
	const MAX_LENGTH = 8192;

	const KINDS    = array( 'pickpost', 'mypost24' );
	const VARIANTS = array( '1', '2', '3', '4a', '4b' );

	/**
	 * Reads and checks a token.
	 *
	 * @param mixed    $token        The posted token.
	 * @param mixed    $point_id     The posted point id ('' or null: not cross-checked).
	 * @param string   $customer_ref The shopper this checkout belongs to.
	 * @param int|null $now          Unix seconds (tests).
	 * @return array{token:string,point:array,pickpost_id:string,customer_ref:string,variant:string,expires:int}|WP_Error
	 */
	public static function parse( $token, $point_id, $customer_ref, $now = null ) {
		$now = null === $now ? time() : (int) $now;
		if ( ! is_string( $token ) || '' === $token ) {
			return self::refuse( 'pickpost_point_required', __( 'Please choose a PickPost point or My Post 24 terminal for your delivery.', 'pickpost-woocommerce' ) );
		}
		$invalid = __( 'Your pick-up point choice could not be read. Please choose the point again.', 'pickpost-woocommerce' );
		$parts   = explode( '.', $token );
		if ( strlen( $token ) > self::MAX_LENGTH || 2 !== count( $parts ) || ! self::is_base64url( $parts[0] ) || ! self::is_base64url( $parts[1] ) ) {
			return self::refuse( 'pickpost_selection_malformed', $invalid );
		}
		// An HMAC-SHA256 is 32 bytes.
		if ( 32 !== strlen( self::decode( $parts[1] ) ) ) {
			return self::refuse( 'pickpost_selection_malformed', $invalid );
		}
		$payload = json_decode( self::decode( $parts[0] ), true );
		$point   = is_array( $payload ) && isset( $payload['point'] ) && is_array( $payload['point'] ) ? self::point_snapshot( $payload['point'] ) : null;
		if (
			! is_array( $payload ) || null === $point
			|| ! isset( $payload['v'] ) || 1 !== $payload['v']
			|| ! isset( $payload['customerRef'] ) || ! is_string( $payload['customerRef'] )
			|| ! isset( $payload['variant'] ) || ! in_array( $payload['variant'], self::VARIANTS, true )
			|| ! isset( $payload['iat'], $payload['exp'] ) || ! is_int( $payload['iat'] ) || ! is_int( $payload['exp'] )
			|| ( isset( $payload['pickpostId'] ) && ! is_string( $payload['pickpostId'] ) )
		) {
			return self::refuse( 'pickpost_selection_malformed', $invalid );
		}
		if ( null !== $point_id && '' !== $point_id && (string) $point_id !== $point['id'] ) {
			return self::refuse( 'pickpost_selection_mismatch', $invalid );
		}
		if ( '' === $customer_ref || $payload['customerRef'] !== $customer_ref ) {
			return self::refuse( 'pickpost_selection_other_customer', __( 'Your pick-up point was chosen in another session. Please choose the point again.', 'pickpost-woocommerce' ) );
		}
		if ( $payload['exp'] <= $now ) {
			return self::refuse( 'pickpost_selection_expired', __( 'Your pick-up point choice has expired. Please choose the point again.', 'pickpost-woocommerce' ) );
		}
		$pickpost_id = isset( $payload['pickpostId'] ) ? $payload['pickpostId'] : '';
		if ( in_array( $payload['variant'], array( '1', '2', '3' ), true ) && '' === $pickpost_id ) {
			return self::refuse( 'pickpost_customer_number_required', __( 'Please enter or register your PickPost ID for this pick-up point.', 'pickpost-woocommerce' ) );
		}
		return array(
			'token'        => $token,
			'point'        => $point,
			'pickpost_id'  => $pickpost_id,
			'customer_ref' => $customer_ref,
			'variant'      => $payload['variant'],
			'expires'      => $payload['exp'],
		);
	}

	/**
	 * The stored snapshot: id, kind, name, street, houseNo (when there is one), zip, city.
	 *
	 * @param array $point The token's point.
	 * @return array|null Null when a field is missing or of the wrong type.
	 */
	public static function point_snapshot( $point ) {
		foreach ( array( 'id', 'name', 'street', 'zip', 'city' ) as $field ) {
			if ( ! isset( $point[ $field ] ) || ! is_string( $point[ $field ] ) || '' === $point[ $field ] ) {
				return null;
			}
		}
		if ( ! isset( $point['kind'] ) || ! in_array( $point['kind'], self::KINDS, true ) ) {
			return null;
		}
		if ( isset( $point['houseNo'] ) && ! is_string( $point['houseNo'] ) ) {
			return null;
		}
		$snapshot = array(
			'id'     => $point['id'],
			'kind'   => $point['kind'],
			'name'   => $point['name'],
			'street' => $point['street'],
		);
		if ( isset( $point['houseNo'] ) && '' !== $point['houseNo'] ) {
			$snapshot['houseNo'] = $point['houseNo'];
		}
		$snapshot['zip']  = $point['zip'];
		$snapshot['city'] = $point['city'];
		return $snapshot;
	}

	/**
	 * Exactly what base64url encoding of some bytes gives: no padding, no other characters,
	 * so one token has one spelling (the service refuses other spellings too).
	 *
	 * @param string $text Part of the token.
	 * @return bool
	 */
	private static function is_base64url( $text ) {
		if ( '' === $text || ! preg_match( '/^[A-Za-z0-9_-]+$/', $text ) ) {
			return false;
		}
		return rtrim( strtr( base64_encode( self::decode( $text ) ), '+/', '-_' ), '=' ) === $text;
	}

	/**
	 * @param string $text base64url text.
	 * @return string Bytes.
	 */
	private static function decode( $text ) {
		$decoded = base64_decode( strtr( $text, '-_', '+/' ), true );
		return false === $decoded ? '' : $decoded;
	}

	/**
	 * @param string $code    Error code.
	 * @param string $message Translated message for the shopper.
	 * @return WP_Error
	 */
	private static function refuse( $code, $message ) {
		return new WP_Error( $code, $message );
	}
}
