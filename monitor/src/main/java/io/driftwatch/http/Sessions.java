package io.driftwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reading sessions of the console: the cookie holds no token, only {@code expiry.nonce.mac}, where mac is
 * an HMAC-SHA256 under a key derived from the read token. It is valid until its expiry and for as long
 * as the read token is the same (a new token ends every session); {@code /logout} clears it. A session
 * only reads: every change still needs the mutating token as a bearer header.
 */
final class Sessions {
    static final String COOKIE = "driftwatch_session";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final Clock clock;

    /** Sessions keyed by the read token's bytes; null when there is no read token (reads are open). */
    Sessions(byte[] readToken, Clock clock) {
        this.key = readToken == null ? null : derive(readToken);
        this.clock = clock;
    }

    private static byte[] derive(byte[] token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("driftwatch session key\n".getBytes(StandardCharsets.UTF_8));
            return sha.digest(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean enabled() {
        return key != null;
    }

    /** A new session's cookie value. */
    String issue() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String body = (clock.instant().plus(LIFETIME).getEpochSecond()) + "." + b64(nonce);
        return body + "." + b64(mac(body));
    }

    /** Whether a Cookie header carries a session that is valid now. */
    boolean accepts(String cookieHeader) {
        if (key == null || cookieHeader == null) {
            return false;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=") && valid(p.substring(COOKIE.length() + 1))) {
                return true;
            }
        }
        return false;
    }

    private boolean valid(String value) {
        int last = value.lastIndexOf('.');
        int first = value.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String body = value.substring(0, last);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(value.substring(last + 1));
            long expiry = Long.parseLong(value.substring(0, first));
            if (expiry < clock.instant().getEpochSecond()) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(body));
    }

    private byte[] mac(String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The Set-Cookie value of a new session, Secure when the browser reached us over HTTPS. */
    String setCookie(boolean https) {
        return COOKIE + "=" + issue() + "; Max-Age=" + LIFETIME.toSeconds() + "; Path=/; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    /** The Set-Cookie value that ends the session in the browser. */
    static String clearCookie(boolean https) {
        return COOKIE + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }
}
