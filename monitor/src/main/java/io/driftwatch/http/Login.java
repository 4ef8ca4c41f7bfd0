package io.driftwatch.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Signing in to a console that has a read token: {@code GET /login} shows a form; {@code POST /login}
 * with {@code token=…} (the read token or the mutating one) sets a reading session's cookie (HttpOnly,
 * SameSite=Strict, Max-Age, Secure over HTTPS; it holds no token) and goes to the console; {@code /logout}
 * ends it. A token never appears in a URL, a page or a cookie.
 */
final class Login {
    private Login() {
    }

    static HttpApi.Response handle(HttpApi.Request req, Auth reading, Auth writing, Sessions sessions) {
        if ("GET".equals(req.method()) || "HEAD".equals(req.method())) {
            return page(200, reading != null && reading.enabled() ? "Sign in to read the console."
                    : "This console needs no sign-in to read.");
        }
        if (!"POST".equals(req.method())) {
            return HttpApi.Response.error(405, req.method() + " is not allowed on /login", "login");
        }
        String token = null;
        for (String pair : req.body().split("&")) {
            if (pair.startsWith("token=")) {
                try {
                    token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8).strip();
                } catch (IllegalArgumentException e) {
                    return page(400, "The form was not encoded as a browser encodes it.");
                }
            }
        }
        if (!sessions.enabled()) {
            return page(200, "This console needs no sign-in to read.");
        }
        boolean valid = token != null && !token.isEmpty() && (reading.matches(token) || writing.matches(token));
        if (!valid) {
            return page(401, "That token is not valid.");
        }
        return new HttpApi.Response(303, "", "text/plain; charset=utf-8", Map.of("Location", "/",
                "Set-Cookie", sessions.setCookie(req.https()), "Cache-Control", "no-store"), "login");
    }

    /** Ends the browser's session (any method) and goes to the sign-in page. */
    static HttpApi.Response logout(HttpApi.Request req) {
        return new HttpApi.Response(303, "", "text/plain; charset=utf-8", Map.of("Location", "/login",
                "Set-Cookie", Sessions.clearCookie(req.https()), "Cache-Control", "no-store"), "login");
    }

    static HttpApi.Response page(int status, String message) {
        return page(status, message, true);
    }

    /** The sign-in page, with the form or (where a token cannot be signed in with here) only the message. */
    static HttpApi.Response page(int status, String message, boolean form) {
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\"><title>Sign in · Driftwatch</title>"
                + "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><header><span class=\"brand\">"
                + "Driftwatch</span></header><main><h1>Sign in</h1><p>" + io.driftwatch.view.Shell.escape(message)
                + "</p>" + (form ? "<form method=\"post\" action=\"/login\" class=\"inline\"><label>Token<input "
                + "type=\"password\" name=\"token\" id=\"login-token\" autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\">Sign in</button></form>" : "") + "</main></body></html>\n";
        return new HttpApi.Response(status, html, "text/html; charset=utf-8", Map.of("Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"), "login");
    }
}
