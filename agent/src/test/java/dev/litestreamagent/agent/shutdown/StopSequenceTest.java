package dev.litestreamagent.agent.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

class StopSequenceTest {
    private final List<Duration> stops = new CopyOnWriteArrayList<>();
    private final List<Boolean> applicationDone = new CopyOnWriteArrayList<>();

    private void record(Duration finalSyncTimeout, boolean done) {
        stops.add(finalSyncTimeout);
        applicationDone.add(done);
    }

    @Test
    void stopsOnceWhenTheApplicationHooksAreDone() {
        StopSequence sequence = new StopSequence(this::record, Duration.ofSeconds(20), NOPLogger.NOP_LOGGER);
        sequence.begin();
        sequence.afterApplicationHooks();

        assertEquals(1, stops.size());
        // nearly the whole stop timeout is left for the final sync, and at least the reserve
        assertTrue(stops.get(0).compareTo(Duration.ofSeconds(10)) >= 0 && stops.get(0).compareTo(Duration.ofSeconds(20)) <= 0,
                stops.toString());
        assertEquals(List.of(true), applicationDone, "every hook returned: the writers left may be held back");
    }

    @Test
    void aHangingApplicationHookGetsTheStopTimeoutLessTheReserveThenTheWatchdogStops() throws Exception {
        StopSequence sequence = new StopSequence(this::record, Duration.ofMillis(600), NOPLogger.NOP_LOGGER);
        long begun = System.nanoTime();
        sequence.begin(); // the application hooks never finish: the system slot never runs

        await().atMost(Duration.ofSeconds(10)).until(() -> !stops.isEmpty());
        assertTrue(System.nanoTime() - begun >= Duration.ofMillis(300).toNanos(), "the hooks had the stop timeout less the reserve");
        assertEquals(List.of(Duration.ofMillis(300)), stops);
        assertEquals(List.of(false), applicationDone, "a hook still runs: it may be a writer, never hold it back");

        sequence.afterApplicationHooks(); // the hooks return late after all: nothing more to do
        assertEquals(1, stops.size());
    }

    @Test
    void theSystemSlotWaitsForAStopTheWatchdogBegan() throws Exception {
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StopSequence sequence = new StopSequence((timeout, done) -> {
            stopping.countDown();
            awaitQuietly(release);
            stops.add(timeout);
        }, Duration.ofMillis(200), NOPLogger.NOP_LOGGER);
        sequence.begin();
        assertTrue(stopping.await(10, TimeUnit.SECONDS));

        Thread slot = new Thread(sequence::afterApplicationHooks);
        slot.start();
        slot.join(300);
        assertTrue(slot.isAlive(), "the JVM must not halt while the final sync runs");

        release.countDown();
        slot.join(10_000);
        assertFalse(slot.isAlive());
        assertEquals(1, stops.size());
    }

    /** Litestream's final sync outlasts the watchdog's wait (a replica that cannot be reached): no hook is to blame. */
    @Test
    void aLongFinalSyncAfterTheHooksIsNoHangingHook() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        warnings.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        StopSequence sequence = new StopSequence((timeout, applicationDone) -> {
            sleepQuietly(Duration.ofMillis(600));
            stops.add(timeout);
        }, Duration.ofMillis(200), log);
        sequence.begin();
        sequence.afterApplicationHooks();
        Thread.sleep(200); // the watchdog has woken up meanwhile

        assertEquals(1, stops.size());
        assertEquals(List.of(), warnings);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
