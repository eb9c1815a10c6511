<?php
/**
 * The order page in the admin: the chosen point, the parcel, and changing the point.
 *
 * @package PickPost
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the PickPost data in the order's data panel (the same hook for the posts screen and the
 * HPOS screen: includes/admin/meta-boxes/class-wc-meta-box-order-data.php fires
 * `woocommerce_admin_order_data_after_shipping_address` with the order), lets the merchant move the
 * order to another point, and downloads its label through the service's admin API.
 */
final class PickPost_Order_Admin {
	const NONCE_FIELD  = 'pickpost_edit_point_nonce';
	const NONCE_ACTION = 'pickpost_edit_point';
	const POINT_FIELD  = 'pickpost_new_point_id';
	const LABEL_ACTION = 'pickpost_label';
	const CAPABILITY   = 'edit_shop_orders';

	/**
	 * Hooks the panel, the save and the label download.
	 */
	public static function register() {
		add_action( 'woocommerce_admin_order_data_after_shipping_address', array( __CLASS__, 'render' ) );
		add_action( 'woocommerce_process_shop_order_meta', array( __CLASS__, 'save' ) );
		add_action( 'admin_post_' . self::LABEL_ACTION, array( __CLASS__, 'download_label' ) );
	}

	/**
	 * The PickPost section of an order that ships with PickPost or carries its data.
	 *
	 * @param WC_Order $order The order.
	 */
	public static function render( $order ) {
		$point = PickPost_Order_Meta::point( $order );
		if ( null === $point && ! PickPost_Order_Meta::ships_with_pickpost( $order ) ) {
			return;
		}
		echo '<div class="pickpost-order-admin"><h3>' . esc_html__( 'PickPost / My Post 24', 'pickpost-woocommerce' ) . '</h3>';
		if ( null === $point ) {
			echo '<p class="pickpost-missing">' . esc_html__( 'No pick-up point is stored for this order.', 'pickpost-woocommerce' ) . '</p>';
		} else {
			echo '<p><strong>' . esc_html__( 'Pick-up point:', 'pickpost-woocommerce' ) . '</strong><br>' . self::point_html( $point ) . '</p>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- point_html escapes.
		}
		$number = (string) $order->get_meta( PickPost_Order_Meta::CUSTOMER_NUMBER, true );
		if ( '' !== $number ) {
			echo '<p><strong>' . esc_html__( 'PickPost ID:', 'pickpost-woocommerce' ) . '</strong> ' . esc_html( $number ) . '</p>';
		}
		$identcode = (string) $order->get_meta( PickPost_Order_Meta::IDENTCODE, true );
		if ( '' !== $identcode ) {
			echo '<p><strong>' . esc_html__( 'Identcode:', 'pickpost-woocommerce' ) . '</strong> ' . esc_html( self::human_identcode( $identcode ) );
			$tracking = PickPost_Order_Meta::tracking_url( $order );
			if ( '' !== $tracking ) {
				echo ' <a href="' . esc_url( $tracking ) . '" target="_blank" rel="noopener noreferrer">' . esc_html__( 'Track the parcel', 'pickpost-woocommerce' ) . '</a>';
			}
			echo '</p>';
			if ( self::is_identcode( $identcode ) ) {
				echo '<p><a class="button" href="' . esc_url( self::label_url( $order->get_id() ) ) . '">' . esc_html__( 'Download the label', 'pickpost-woocommerce' ) . '</a></p>';
			}
		}
		$transmission = (string) $order->get_meta( PickPost_Order_Meta::TRANSMISSION, true );
		if ( '' !== $transmission ) {
			echo '<p><strong>' . esc_html__( 'Shipment data:', 'pickpost-woocommerce' ) . '</strong> ' . esc_html( $transmission ) . '</p>';
		}
		if ( current_user_can( self::CAPABILITY ) ) {
			wp_nonce_field( self::NONCE_ACTION, self::NONCE_FIELD );
			echo '<p><label for="' . esc_attr( self::POINT_FIELD ) . '">' . esc_html__( 'Move to another pick-up point (point ID):', 'pickpost-woocommerce' ) . '</label><br>';
			echo '<input type="text" id="' . esc_attr( self::POINT_FIELD ) . '" name="' . esc_attr( self::POINT_FIELD ) . '" value="" pattern="[A-Za-z0-9._-]{1,64}" /></p>';
		}
		echo '</div>';
	}

	/**
	 * Moves the order to the point the merchant entered: the sync service signs a new selection for
	 * the order's customer (as the checkout did), and the result, or why it failed, becomes an order note.
	 *
	 * @param int $order_id The order being saved.
	 */
	public static function save( $order_id ) {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- verified right here.
		if ( ! isset( $_POST[ self::NONCE_FIELD ], $_POST[ self::POINT_FIELD ] ) ) {
			return;
		}
		$nonce    = sanitize_text_field( wp_unslash( $_POST[ self::NONCE_FIELD ] ) );
		$point_id = sanitize_text_field( wp_unslash( $_POST[ self::POINT_FIELD ] ) );
		// phpcs:enable
		if ( '' === $point_id || ! wp_verify_nonce( $nonce, self::NONCE_ACTION ) || ! current_user_can( self::CAPABILITY ) ) {
			return;
		}
		$order = wc_get_order( $order_id );
		if ( ! $order ) {
			return;
		}
		$result = self::change_point( $order, $point_id );
		if ( is_wp_error( $result ) ) {
			/* translators: %s: why the point could not be changed */
			$order->add_order_note( sprintf( __( 'The PickPost point was not changed: %s', 'pickpost-woocommerce' ), $result->get_error_message() ) );
			return;
		}
		$order->save();
		/* translators: 1: point name, 2: point id */
		$order->add_order_note( sprintf( __( 'PickPost point changed to %1$s (%2$s).', 'pickpost-woocommerce' ), $result['point']['name'], $result['point']['id'] ) );
	}

	/**
	 * Asks the service for a selection of `$point_id` for the order's customer and stores it.
	 *
	 * @param WC_Order $order    The order.
	 * @param string   $point_id The new point.
	 * @return array|WP_Error The checked selection.
	 */
	public static function change_point( $order, $point_id ) {
		if ( ! preg_match( '/^[A-Za-z0-9._-]{1,64}$/', $point_id ) ) {
			return new WP_Error( 'pickpost_point_id', __( 'A point ID has letters, digits, dots, dashes and underscores only.', 'pickpost-woocommerce' ) );
		}
		$customer_ref = (string) $order->get_meta( PickPost_Order_Meta::CUSTOMER_REF, true );
		if ( '' === $customer_ref ) {
			return new WP_Error( 'pickpost_no_customer', __( 'The order has no PickPost customer reference.', 'pickpost-woocommerce' ) );
		}
		$body   = array( 'pointId' => $point_id );
		$number = (string) $order->get_meta( PickPost_Order_Meta::CUSTOMER_NUMBER, true );
		if ( '' !== $number ) {
			$body['pickpostId'] = $number;
		}
		$answer = PickPost_Service_Client::checkout( 'POST', '/selection', $customer_ref, wp_json_encode( $body ) );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$data = json_decode( $answer['body'], true );
		if ( 200 !== $answer['status'] || ! is_array( $data ) || ! isset( $data['selection'] ) ) {
			$message = is_array( $data ) && isset( $data['error']['message'] ) && is_string( $data['error']['message'] )
				? $data['error']['message']
				/* translators: %d: HTTP status */
				: sprintf( __( 'the sync service answered %d.', 'pickpost-woocommerce' ), $answer['status'] );
			return new WP_Error( 'pickpost_service', $message );
		}
		$selection = PickPost_Selection::parse( $data['selection'], $point_id, $customer_ref );
		if ( is_wp_error( $selection ) ) {
			return $selection;
		}
		PickPost_Order_Meta::write( $order, $selection );
		return $selection;
	}

	/**
	 * admin-post.php?action=pickpost_label: the label PDF, fetched with the admin token (which never
	 * reaches the browser).
	 */
	public static function download_label() {
		$order_id = isset( $_GET['order'] ) ? absint( $_GET['order'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- checked next.
		check_admin_referer( self::LABEL_ACTION . '_' . $order_id );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_die( esc_html__( 'You are not allowed to print PickPost labels.', 'pickpost-woocommerce' ), '', array( 'response' => 403 ) );
		}
		$answer = self::fetch_label( $order_id );
		if ( is_wp_error( $answer ) ) {
			wp_die( esc_html( $answer->get_error_message() ), '', array( 'response' => 502 ) );
		}
		PickPost_Download::send( $answer, 'pickpost-label-' . $order_id );
	}

	/**
	 * @param int $order_id The order.
	 * @return array|WP_Error The service's answer (status 200).
	 */
	public static function fetch_label( $order_id ) {
		$order     = wc_get_order( $order_id );
		$identcode = $order ? (string) $order->get_meta( PickPost_Order_Meta::IDENTCODE, true ) : '';
		if ( ! self::is_identcode( $identcode ) ) {
			return new WP_Error( 'pickpost_no_identcode', __( 'This order has no PickPost parcel yet.', 'pickpost-woocommerce' ) );
		}
		return PickPost_Download::expect_file( PickPost_Service_Client::admin( 'GET', '/labels/' . $identcode ) );
	}

	/**
	 * @param int $order_id The order.
	 * @return string The nonce-protected download link.
	 */
	public static function label_url( $order_id ) {
		return wp_nonce_url( add_query_arg( array( 'action' => self::LABEL_ACTION, 'order' => $order_id ), admin_url( 'admin-post.php' ) ), self::LABEL_ACTION . '_' . $order_id );
	}

	/**
	 * The stored point as escaped HTML lines.
	 *
	 * @param array $point The snapshot.
	 * @return string
	 */
	public static function point_html( $point ) {
		$kind   = isset( $point['kind'] ) && 'mypost24' === $point['kind'] ? __( 'My Post 24 terminal', 'pickpost-woocommerce' ) : __( 'PickPost point', 'pickpost-woocommerce' );
		$street = trim( ( isset( $point['street'] ) ? $point['street'] : '' ) . ' ' . ( isset( $point['houseNo'] ) ? $point['houseNo'] : '' ) );
		$town   = trim( ( isset( $point['zip'] ) ? $point['zip'] : '' ) . ' ' . ( isset( $point['city'] ) ? $point['city'] : '' ) );
		return esc_html( isset( $point['name'] ) ? $point['name'] : '' ) . '<br>' . esc_html( $street ) . '<br>' . esc_html( $town )
			. '<br><small>' . esc_html( $kind ) . ' · ' . esc_html( isset( $point['id'] ) ? $point['id'] : '' ) . '</small>';
	}

	/**
	 * @param string $code Identcode.
	 * @return bool Whether it is 18 digits.
	 */
	public static function is_identcode( $code ) {
		return 1 === preg_match( '/^\d{18}$/', (string) $code );
	}

	/**
	 * 18 digits grouped as Swiss Post prints them: 99.60.013217.00005959.
	 *
	 * @param string $code Identcode.
	 * @return string
	 */
	public static function human_identcode( $code ) {
		if ( ! self::is_identcode( $code ) ) {
			return (string) $code;
		}
		return substr( $code, 0, 2 ) . '.' . substr( $code, 2, 2 ) . '.' . substr( $code, 4, 6 ) . '.' . substr( $code, 10 );
	}
}

/**
 * Sends a file the service returned.
 */
final class PickPost_Download {
	/**
	 * Replaced in tests to capture what would be sent.
	 *
	 * @var callable|null
	 */
	public static $sender = null;

	/**
	 * @param array|WP_Error $answer A service answer.
	 * @return array|WP_Error The answer when it is a 200 with a body; else an error naming the service's message.
	 */
	public static function expect_file( $answer ) {
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		if ( 200 !== $answer['status'] || '' === $answer['body'] ) {
			$data = json_decode( $answer['body'], true );
			$why  = is_array( $data ) && isset( $data['error']['message'] ) && is_string( $data['error']['message'] ) ? $data['error']['message'] : (string) $answer['status'];
			/* translators: %s: the sync service's message or HTTP status */
			return new WP_Error( 'pickpost_labels', sprintf( __( 'The sync service could not provide the labels: %s', 'pickpost-woocommerce' ), $why ) );
		}
		return $answer;
	}

	/**
	 * Sends the file as a download and ends the request.
	 *
	 * @param array  $answer The service's answer.
	 * @param string $name   File name without extension.
	 */
	public static function send( $answer, $name ) {
		$type      = '' === $answer['content_type'] ? 'application/pdf' : $answer['content_type'];
		$extension = false !== strpos( $type, 'pdf' ) ? 'pdf' : 'zpl';
		$file      = sanitize_file_name( $name . '.' . $extension );
		if ( null !== self::$sender ) {
			call_user_func( self::$sender, $type, $file, $answer['body'] );
			return;
		}
		nocache_headers();
		header( 'Content-Type: ' . $type );
		header( 'Content-Disposition: attachment; filename="' . $file . '"' );
		header( 'X-Content-Type-Options: nosniff' );
		echo $answer['body']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a PDF/ZPL file, not HTML.
		exit;
	}
}
