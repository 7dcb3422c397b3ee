package vn.haiphong.hpid.vneid;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import vn.haiphong.hpid.spi.FailureKind;

/**
 * The one door to an upstream: timeouts on every call, one circuit breaker per connector,
 * and no retries. The JDK client never retries a POST on its own, which matters here:
 * an authorization code is single-use, so a retried token request can only fail.
 */
final class UpstreamHttp {

    /** A response we received: status and raw body, before any interpretation. */
    record Response(int status, byte[] body) {
    }

    private final String alias;
    /** Built at the first call (see {@link #client()}); volatile for the double check. */
    private volatile HttpClient client;
    private final UpstreamHttpSettings settings;
    private final CircuitBreaker circuitBreaker;

    UpstreamHttp(String alias, UpstreamHttpSettings settings) {
        this.alias = alias;
        this.settings = settings;
        this.circuitBreaker = CircuitBreaker.of("upstream-" + alias, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .build());
    }

    /**
     * The client, built at the first sign-in through this upstream rather than at start:
     * a JDK HttpClient loads the TLS stack and the trust store and starts a selector
     * thread when it is built, which held up every start of the server by about 0.4 s.
     */
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(settings.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    Response postForm(String what, URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(what, HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Response getWithBearer(String what, URI uri, String accessToken) {
        return send(what, HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET());
    }

    Response get(String what, URI uri) {
        return send(what, HttpRequest.newBuilder(uri).header("Accept", "application/json").GET());
    }

    /**
     * @param what names the call in failure details ("token endpoint"); never the URL's query
     */
    private Response send(String what, HttpRequest.Builder request) {
        try {
            circuitBreaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            throw new UpstreamFailure(FailureKind.CIRCUIT_OPEN,
                    alias + " is failing; calls are suspended for up to " + settings.waitInOpenState().toSeconds() + " s");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = sendWithDeadline(request.timeout(settings.readTimeout()).build());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() >= 500) {
                circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.statusCode()));
                throw new UpstreamFailure(FailureKind.UPSTREAM_ERROR,
                        alias + " " + what + " answered HTTP " + response.statusCode());
            }
            // A 4xx is our request being refused, not the upstream being unwell: it does not trip the breaker.
            circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            if (response.statusCode() >= 400) {
                throw new UpstreamFailure(FailureKind.UPSTREAM_ERROR,
                        alias + " " + what + " refused the request with HTTP " + response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new UpstreamFailure(FailureKind.MALFORMED_RESPONSE,
                        alias + " " + what + " answered unexpected HTTP " + response.statusCode());
            }
            return new Response(response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw new UpstreamFailure(FailureKind.UPSTREAM_TIMEOUT, alias + " " + what + " did not answer within "
                    + (e instanceof java.net.http.HttpConnectTimeoutException
                            ? settings.connectTimeout().toMillis() + " ms (connect)"
                            : settings.readTimeout().toMillis() + " ms"));
        } catch (IOException e) {
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw new UpstreamFailure(FailureKind.UPSTREAM_ERROR,
                    alias + " " + what + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            circuitBreaker.releasePermission();
            throw new UpstreamFailure(FailureKind.UPSTREAM_ERROR, alias + " " + what + " call was interrupted");
        }
    }

    /**
     * The request's own timeout only covers the wait for the response headers; a body that
     * trickles in byte by byte would hold the thread for ever. The whole exchange gets the
     * read timeout as its deadline.
     */
    private HttpResponse<byte[]> sendWithDeadline(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("the whole response did not arrive within the read timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Query-string encoding with %20 for spaces, which every server reads the same way. */
    static String queryEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static URI withQuery(URI base, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(e -> queryEncode(e.getKey()) + "=" + queryEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        String b = base.toString();
        return URI.create(b + (b.contains("?") ? "&" : "?") + query);
    }
}
