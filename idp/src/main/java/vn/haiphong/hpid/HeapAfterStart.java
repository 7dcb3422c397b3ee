package vn.haiphong.hpid;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Collects the start's garbage once, when the application is ready and before it takes
 * traffic, so that the heap it grew to during the start (configuration, bean
 * definitions, migrations) is given back to the system. With the serial collector that
 * docs/operations.md recommends for small nodes, a heap shrinks only at a full
 * collection; without this one, an idle node keeps its start-up peak. It costs one pause
 * of a few tens of milliseconds at start; {@code -XX:+DisableExplicitGC} turns it off.
 */
final class HeapAfterStart implements ApplicationListener<ApplicationReadyEvent> {

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		System.gc();
	}

}
