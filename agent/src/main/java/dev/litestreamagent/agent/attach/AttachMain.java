package dev.litestreamagent.agent.attach;

/**
 * {@code java -cp litestream-agent.jar dev.litestreamagent.agent.attach.AttachMain <pid> [config]}:
 * the attach command on its own, until the CLI dispatches {@code attach} to {@link Attacher#run}.
 */
public final class AttachMain {
    private AttachMain() {
    }

    public static void main(String[] args) {
        System.exit(Attacher.run(args));
    }
}
