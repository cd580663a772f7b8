package dev.litestreamagent.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainStartTest {
    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }

    @Test
    void mainRunsWhenItIsTheBottomFrame() {
        assertTrue(MainStart.inMain(new StackTraceElement[] {frame("com.example.Worker", "work"), frame("com.example.App", "main")}));
    }

    @Test
    void premainAndTheLauncherAreNotMain() {
        assertFalse(MainStart.inMain(new StackTraceElement[0]));
        assertFalse(MainStart.inMain(new StackTraceElement[] {frame("dev.litestreamagent.agent.LitestreamAgent", "premain"),
            frame("sun.instrument.InstrumentationImpl", "loadClassAndCallPremain")}));
        assertFalse(MainStart.inMain(new StackTraceElement[] {frame("sun.launcher.LauncherHelper", "checkAndLoadMain")}));
    }

    /** The deferred start must not wait for a main() that will never come: an ended thread releases it. */
    @Test
    void anEndedMainThreadReleasesTheWait() throws InterruptedException {
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        MainStart.await(ended, 60_000);
    }
}
