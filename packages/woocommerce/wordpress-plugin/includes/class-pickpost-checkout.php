<?php
/**
 * The decision both checkouts share: what the order gets from the shopper's PickPost input.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Classic and Blocks checkout feed the same three inputs (selection token, point id, PickPost ID)
 * through here, so both refuse and store alike.
 */
final class PickPost_Checkout {
	/**
	 * Checks the input for an order that ships (or not) with PickPost.
	 *
	 * @param bool   $pickpost     Whether PickPost is the chosen method.
	 * @param array  $input        `selection`, `point_id` (strings, possibly missing).
	 * @param string $customer_ref The shopper.
	 * @return array|null|WP_Error The checked selection; null when PickPost is not chosen (clear); an error to show.
	 */
	public static function resolve( $pickpost, $input, $customer_ref ) {
		if ( ! $pickpost ) {
			return null;
		}
		$token    = isset( $input['selection'] ) && is_string( $input['selection'] ) ? trim( $input['selection'] ) : '';
		$point_id = isset( $input['point_id'] ) && is_string( $input['point_id'] ) ? trim( $input['point_id'] ) : '';
		return PickPost_Selection::parse( $token, $point_id, $customer_ref );
	}

	/**
	 * Applies a resolved input to the order: writes the selection or clears stale PickPost data.
	 *
	 * @param WC_Order         $order    The order.
	 * @param array|null       $resolved What resolve() returned (not an error).
	 */
	public static function apply( $order, $resolved ) {
		if ( null === $resolved ) {
			PickPost_Order_Meta::clear( $order );
			return;
		}
		PickPost_Order_Meta::write( $order, $resolved );
	}
}
