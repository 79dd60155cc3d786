package org.cskit.flink;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that hands every record to a named queue of this JVM (the tests' MiniCluster runs in it),
 * as a sink without transactions does: at least once, in arrival order.
 */
final class QueueSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

    private final String name;

    QueueSink(String name) {
        this.name = name;
    }

    /** The queue of a name, made on first use. */
    @SuppressWarnings("unchecked")
    static <T> Queue<T> queue(String name) {
        return (Queue<T>) QUEUES.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<T> into = queue(name);
        return new SinkWriter<>() {
            @Override
            public void write(T record, Context c) {
                into.add(record);
            }

            @Override
            public void flush(boolean endOfInput) { }

            @Override
            public void close() { }
        };
    }
}
