package io.driftwatch.alert.notify;

import io.driftwatch.alert.Alert;

/** Delivers alerts to one receiver. Implementations live in one sub-package per receiver type. */
public interface Notifier {

    /** Sends one alert; throws when the receiver did not take it. */
    void send(Alert alert) throws NotifyException;
}
