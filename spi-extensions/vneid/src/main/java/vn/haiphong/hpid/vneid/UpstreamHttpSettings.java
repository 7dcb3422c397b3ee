package vn.haiphong.hpid.vneid;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connector talks to its upstream. The defaults are short on purpose: a citizen
 * waits in front of a browser, and a slow national service must not tie up our threads.
 *
 * @param connectTimeout          TCP/TLS connect timeout (default 3 s)
 * @param readTimeout             whole-response timeout of one request (default 5 s)
 * @param failureRateThreshold    percentage of failed calls that opens the circuit (default 50)
 * @param slidingWindowSize       number of recent calls the failure rate is computed over (default 10)
 * @param minimumNumberOfCalls    calls needed before the rate is judged at all (default 5)
 * @param waitInOpenState         how long an open circuit refuses calls before probing again (default 30 s)
 */
public record UpstreamHttpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        int failureRateThreshold,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        Duration waitInOpenState) {

    public UpstreamHttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(waitInOpenState, "waitInOpenState");
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("failureRateThreshold is a percentage in 1..100");
        }
        if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
            throw new IllegalArgumentException("slidingWindowSize and minimumNumberOfCalls must be positive");
        }
    }

    public static UpstreamHttpSettings defaults() {
        return new UpstreamHttpSettings(Duration.ofSeconds(3), Duration.ofSeconds(5), 50, 10, 5, Duration.ofSeconds(30));
    }

    public UpstreamHttpSettings withTimeouts(Duration connect, Duration read) {
        return new UpstreamHttpSettings(connect, read, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls,
                waitInOpenState);
    }

    public UpstreamHttpSettings withCircuitBreaker(int threshold, int window, int minimumCalls, Duration openFor) {
        return new UpstreamHttpSettings(connectTimeout, readTimeout, threshold, window, minimumCalls, openFor);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
