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

    /**
     * For a receiver that keeps alerts of its own and ends those not re-sent in time (Alertmanager, as
     * it does with Prometheus' alerts): every change is handed over at once, without group_wait or
     * group_interval, and every firing alert again at this interval, whatever the route's repeat_interval.
     */
    default java.util.Optional<java.time.Duration> resendInterval() {
        return java.util.Optional.empty();
    }
}
