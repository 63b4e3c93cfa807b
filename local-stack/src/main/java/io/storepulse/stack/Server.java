package io.storepulse.stack;

/** One server of the local stack. */
interface Server {

    String name();

    String endpoint();

    /** Starts the server and returns once it answers requests. */
    void start() throws Exception;

    void stop();

    /** Stops the server as a crash would (SIGKILL where it is a process). */
    default void kill() {
        stop();
    }

    boolean isRunning();
}
