package vn.haiphong.hpid.spi;

/** Receives {@link IdentityEvent}s from connectors; hpid writes them to its audit log. */
@FunctionalInterface
public interface IdentityEventListener {

    IdentityEventListener NONE = event -> { };

    void onEvent(IdentityEvent event);
}
