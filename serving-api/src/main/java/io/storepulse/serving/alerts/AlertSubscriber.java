package io.storepulse.serving.alerts;

import io.storepulse.avro.Severity;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One SSE client: first the alerts it missed, then live ones, each sent only after the previous one was written.
 * Live alerts wait in a bounded queue; a client too slow to keep it from filling is disconnected (its last event
 * id lets it resume), so no client can make the server hold more than the bound.
 */
final class AlertSubscriber implements Consumer<AlertEntry> {

    private static final Object HEARTBEAT = new Object();

    private final SseEventSink sink;
    private final Sse sse;
    private final Severity minSeverity;
    private final Function<AlertEntry, String> json;
    private final Consumer<AlertSubscriber> onClose;
    private final Deque<AlertEntry> backlog = new ArrayDeque<>();
    private final BlockingQueue<Object> live;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean overflowed;
    private volatile boolean started;

    AlertSubscriber(SseEventSink sink, Sse sse, Severity minSeverity, int buffer, Function<AlertEntry, String> json,
                    Consumer<AlertSubscriber> onClose) {
        this.sink = sink;
        this.sse = sse;
        this.minSeverity = minSeverity;
        this.live = new ArrayBlockingQueue<>(buffer);
        this.json = json;
        this.onClose = onClose;
    }

    /** Queues what the client missed, ahead of anything live; call before {@link #start()}. */
    void missed(Collection<AlertEntry> entries) {
        entries.stream().filter(this::wanted).forEach(backlog::addLast);
    }

    /** Starts sending: the missed alerts first, then whatever arrived live since subscribing. */
    void start() {
        started = true;
        drain();
    }

    @Override
    public void accept(AlertEntry entry) {
        if (!wanted(entry)) {
            return;
        }
        if (!live.offer(entry)) {
            overflowed = true;
            close();
            return;
        }
        drain();
    }

    void heartbeat() {
        if (live.offer(HEARTBEAT)) {
            drain();
        }
    }

    boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    boolean overflowed() {
        return overflowed;
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
            sink.close();
        }
    }

    private boolean wanted(AlertEntry entry) {
        return entry.alert().getSeverity().ordinal() >= minSeverity.ordinal();
    }

    /** Sends queued events one after the other; never two at once, never recursing as deep as the queue. */
    private void drain() {
        if (!started || !sending.compareAndSet(false, true)) {
            return;
        }
        while (true) {
            if (isClosed()) {
                return;
            }
            Object next = backlog.isEmpty() ? live.poll() : backlog.pollFirst();
            if (next == null) {
                sending.set(false);
                if ((backlog.isEmpty() && live.isEmpty()) || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            CompletableFuture<?> sent = sink.send(event(next)).toCompletableFuture();
            if (!sent.isDone()) {
                sent.whenComplete((done, error) -> {
                    sending.set(false);
                    if (error != null) {
                        close();
                    } else {
                        drain();
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                close();
                return;
            }
        }
    }

    private OutboundSseEvent event(Object next) {
        if (next == HEARTBEAT) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        AlertEntry entry = (AlertEntry) next;
        return sse.newEventBuilder().id(entry.tokenAfter().toString()).name("fraud-alert").data(json.apply(entry))
                .build();
    }
}
