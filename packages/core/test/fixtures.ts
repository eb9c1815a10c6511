/**
 * The sample people, sender, point and order every package's tests share, from their one home in
 * `@pickpost/test-utils/fixtures`. Core reaches that file by relative path, not by package name:
 * test-utils depends on core, so a dependency of core on test-utils would make the workspace
 * graph cyclic, which turbo refuses. The file is plain data that imports nothing, so no second
 * copy of core is loaded through it.
 */
export {
  AARAU_POINT,
  HANS_MUSTER,
  HANS_MUSTER_CUSTOMER,
  HANS_PICKPOST_ID,
  ORDER_1042,
  VELO_SHOP,
} from '../../test-utils/src/fixtures';
