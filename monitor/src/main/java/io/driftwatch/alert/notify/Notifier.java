package io.driftwatch.alert.notify;

import io.driftwatch.alert.Notification;

/** Delivers notifications to one receiver. Implementations live in one sub-package per receiver type. */
public interface Notifier {

    /**
     * Sends one notification; throws when the receiver did not take it. Returns the receiver's reference
     * to the message (kept for the group's next notification), or null.
     */
    String send(Notification notification) throws NotifyException;
}
