package io.driftwatch.app;

import io.driftwatch.http.KubeAccess;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link KubeAccess} through the API server: TokenReview and SubjectAccessReview (what kube-rbac-proxy asks), each
 * answer kept for a minute so that a page's requests cost one review. Tokens are kept only as SHA-256 digests.
 * Driftwatch's ServiceAccount needs {@code create} on both (the ClusterRole {@code system:auth-delegator}).
 */
final class KubernetesAccess implements KubeAccess, AutoCloseable {
    static final Duration KEEP = Duration.ofMinutes(1);
    private static final int MAX_KEPT = 4096;
    private static final Path POD_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /** How long a review may take: a request waits for it, so an API server that is down is a quick 503. */
    static final Duration REVIEW_TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient kube;
    private final String home;
    private final Function<String, String> monitorNamespace;
    private final Clock clock;
    private final Map<String, Kept<User>> users = bounded();
    private final Map<String, Kept<Boolean>> answers = bounded();

    private record Kept<T>(T value, Instant until) {
    }

    /** {@code monitorNamespace}: a ModelMonitor model's namespace, or null for a model of the files. */
    KubernetesAccess(KubernetesClient kube, String namespace, Function<String, String> monitorNamespace, Clock clock) {
        this.kube = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(kube.getConfiguration()).withRequestRetryBackoffLimit(0)
                        .withRequestTimeout((int) REVIEW_TIMEOUT.toMillis())
                        .withConnectionTimeout((int) REVIEW_TIMEOUT.toMillis()).build()).build();
        this.home = namespace != null ? namespace : podNamespace();
        this.monitorNamespace = monitorNamespace;
        this.clock = clock;
    }

    private static String podNamespace() {
        try {
            return Files.isReadable(POD_NAMESPACE) ? Files.readString(POD_NAMESPACE).strip() : "default";
        } catch (java.io.IOException e) {
            return "default";
        }
    }

    private static <T> Map<String, T> bounded() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > MAX_KEPT;
            }
        });
    }

    @Override
    public User review(String token) throws Unavailable {
        String key = digest(token);
        Kept<User> kept = users.get(key);
        if (kept != null && kept.until().isAfter(clock.instant())) {
            return kept.value();
        }
        TokenReview r;
        try {
            r = kube.tokenReviews().create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
        } catch (KubernetesClientException e) {
            throw new Unavailable("cannot review the token with the Kubernetes API (TokenReview): " + reason(e));
        }
        User user = null;
        if (r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().getAuthenticated())) {
            var u = r.getStatus().getUser();
            user = new User(u.getUsername(), u.getUid(), u.getGroups() == null ? List.of() : List.copyOf(u.getGroups()),
                    u.getExtra() == null ? Map.of() : Map.copyOf(u.getExtra()));
        }
        users.put(key, new Kept<>(user, clock.instant().plus(KEEP)));
        return user;
    }

    @Override
    public boolean allowed(User user, String namespace, String verb) throws Unavailable {
        String key = user.name() + "\n" + user.groups() + "\n" + namespace + "\n" + verb;
        Kept<Boolean> kept = answers.get(key);
        if (kept != null && kept.until().isAfter(clock.instant())) {
            return kept.value();
        }
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user.name())
                .withUid(user.uid()).withGroups(user.groups()).withExtra(user.extra()).withNewResourceAttributes()
                .withGroup("driftwatch.io").withResource("modelmonitors").withNamespace(namespace).withVerb(verb)
                .endResourceAttributes().endSpec().build();
        boolean allowed;
        try {
            SubjectAccessReview answer = kube.authorization().v1().subjectAccessReview().create(review);
            allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (KubernetesClientException e) {
            throw new Unavailable("cannot ask the Kubernetes API what " + user.name() + " may do (SubjectAccessReview): "
                    + reason(e));
        }
        answers.put(key, new Kept<>(allowed, clock.instant().plus(KEEP)));
        return allowed;
    }

    @Override
    public String namespaceOf(String model) {
        String ns = monitorNamespace.apply(model);
        return ns != null ? ns : home;
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public void close() {
        kube.close();
    }

    /** Why a review failed: the API server's answer, or what stopped the request reaching it (the innermost cause). */
    private String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode() + " " + (e.getStatus() == null ? "" : e.getStatus().getMessage());
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "cannot connect to " + kube.getMasterUrl();
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host in " + kube.getMasterUrl();
            }
            if (t instanceof java.io.InterruptedIOException) {
                return kube.getMasterUrl() + " did not answer within " + REVIEW_TIMEOUT.toSeconds() + " s";
            }
        }
        return kube.getMasterUrl() + ": " + e.getMessage();
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
