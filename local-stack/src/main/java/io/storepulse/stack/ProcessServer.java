package io.storepulse.stack;

/** A {@link Server} that lives in a {@link ChildProcess} of the stack. */
abstract class ProcessServer implements Server {

    protected final StackConfig config;
    protected ChildProcess process;

    ProcessServer(StackConfig config) {
        this.config = config;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    @Override
    public void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }
}
