package io.driftwatch.alert;

/**
 * A named destination for notifications, as configured. Each receiver kind (a folder under
 * {@code alert/notify/}) has its own record implementing this. Secrets are named by environment
 * variable or file, never inlined.
 */
public interface ReceiverConfig {

    String name();

    /** Whether resolutions are sent as well as firings. */
    boolean sendResolved();
}
