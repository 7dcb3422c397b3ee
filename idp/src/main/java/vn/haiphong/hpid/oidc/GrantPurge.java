package vn.haiphong.hpid.oidc;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

import vn.haiphong.hpid.realm.TokenSettings;

/**
 * Removes grants — refresh-token families, rotated tokens included — once nothing can use
 * them any more: a sign-in's family stays until it expires (a rotated token presented
 * before then must still revoke it), and its access tokens name it until they expire, at
 * most {@link TokenSettings#LONGEST_ACCESS_TOKEN_LIFETIME} later. Without this, every
 * sign-in and every refresh would add rows for good.
 *
 * <p>
 * Runs on every node, in small batches (each its own transaction, so no long lock); a
 * grant a node finds already deleted by another is skipped.
 */
final class GrantPurge {

	private static final Logger log = LoggerFactory.getLogger(GrantPurge.class);

	private static final int BATCH = 1000;

	private final GrantStore grants;

	private final Clock clock;

	GrantPurge(GrantStore grants, Clock clock) {
		this.grants = grants;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "${hpid.grants.purge-interval:1h}")
	void scheduled() {
		int purged = purge();
		if (purged > 0) {
			log.info("Removed {} expired grants and their refresh tokens", purged);
		}
	}

	/** Purges every grant expired long enough; returns how many. */
	int purge() {
		Instant cutoff = this.clock.instant().minus(TokenSettings.LONGEST_ACCESS_TOKEN_LIFETIME);
		int total = 0;
		int purged;
		do {
			purged = this.grants.purgeExpired(cutoff, BATCH);
			total += purged;
		}
		while (purged == BATCH);
		return total;
	}

}
