package io.driftwatch.http;

/** Whether a request may change something: null when it may, else the refusal to answer with. */
@FunctionalInterface
interface MutationCheck {
    HttpApi.Response check(String authorization, String endpoint);
}
