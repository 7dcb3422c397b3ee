package vn.haiphong.hpid.realm;

/** A value read from a realm file, with where it was, so later rules can point at it. */
record Located<T>(T value, String path, int line) {

}
