package vn.haiphong.hpid.spi;

/** Who an upstream account stands for: a person, an enterprise acting through a person, or an organisation. */
public enum IdentityKind {
    CITIZEN,
    ENTERPRISE,
    ORGANISATION
}
