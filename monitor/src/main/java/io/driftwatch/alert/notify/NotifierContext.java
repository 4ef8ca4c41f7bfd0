package io.driftwatch.alert.notify;

import java.io.PrintStream;

/** What notifiers share: the daemon's external URL (links in messages), stdout, and one HTTP client. */
public record NotifierContext(String externalUrl, PrintStream console, HttpPost http) {
}
