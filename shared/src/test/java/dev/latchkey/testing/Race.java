package dev.latchkey.testing;

import dev.latchkey.error.DomainError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Starts calls at the same instant (one latch releases them all) and collects each result or DomainError. */
public final class Race {
    private Race() {
    }

    @SafeVarargs
    public static List<Object> run(Callable<Object>... calls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.length)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.call();
                    } catch (DomainError e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
