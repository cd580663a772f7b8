package dev.litestreamagent.agent.shutdown;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Runs a task after every application shutdown hook has returned. {@code Runtime.addShutdownHook}
 * hooks all start at once and run concurrently (Spring's context close is one of them), so a hook
 * of ours among them would stop Litestream while the application still commits. The JDK runs its
 * own system hooks from {@code java.lang.Shutdown} in slot order, and slot 1 (the application
 * hooks) returns only once every application hook has finished; a task in a later slot therefore
 * runs after all of them. {@code Shutdown.add} is package-private and unchanged from JDK 9 to 25;
 * the agent's {@link Instrumentation} opens {@code java.lang} to reach it.
 */
public final class SystemShutdownSlot {
    /** 0: console restore, 1: application hooks, 2: delete-on-exit; the rest are free. */
    private static final int FIRST_FREE_SLOT = 3;
    private static final int SLOTS = 10;

    private SystemShutdownSlot() {
    }

    /**
     * Registers {@code task} in the first free slot after the application hooks.
     *
     * @throws IllegalStateException when the JDK does not allow it (then the caller falls back to an
     *         ordinary shutdown hook), or the JVM's shutdown has already passed the application hooks
     */
    public static void register(Instrumentation instrumentation, Runnable task) {
        Method add = addMethod(instrumentation);
        for (int slot = FIRST_FREE_SLOT; slot < SLOTS; slot++) {
            try {
                // true: a short-lived application may already be running its hooks; a later slot still runs
                add.invoke(null, slot, true, task);
                return;
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InternalError) {
                    continue; // slot taken by someone else
                }
                if (cause instanceof IllegalStateException) {
                    throw (IllegalStateException) cause;
                }
                throw new IllegalStateException("java.lang.Shutdown.add failed: " + cause, cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("java.lang.Shutdown.add is not accessible: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("every JVM system shutdown slot after the application hooks is taken");
    }

    private static Method addMethod(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module agent = SystemShutdownSlot.class.getModule();
        if (instrumentation == null || !instrumentation.isModifiableModule(javaBase)) {
            throw new IllegalStateException("the JVM does not let the agent open java.lang");
        }
        Map<String, Set<Module>> opens = Collections.singletonMap("java.lang", Collections.singleton(agent));
        instrumentation.redefineModule(javaBase, Collections.emptySet(), Collections.emptyMap(), opens,
                Collections.emptySet(), Collections.emptyMap());
        try {
            Method add = Class.forName("java.lang.Shutdown").getDeclaredMethod("add", int.class, boolean.class,
                    Runnable.class);
            add.setAccessible(true);
            return add;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JVM has no java.lang.Shutdown.add(int, boolean, Runnable): " + e, e);
        }
    }
}
