package io.storepulse.stack;

/** One server of the local stack. */
interface Server {

    String name();

    String endpoint();

    /** Starts the server and returns once it answers requests. */
    void start() throws Exception;

    void stop();

    boolean isRunning();
}
