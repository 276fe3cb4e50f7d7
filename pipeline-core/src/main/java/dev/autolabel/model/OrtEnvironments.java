package dev.autolabel.model;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the JVM-wide ONNX Runtime environment on a thread with a large stack. ONNX Runtime 1.29 (Linux x86-64)
 * recurses over the process command line while creating its environment, about 300 bytes of stack per character:
 * with a long {@code -cp} (5 KB is enough, Spark executors have longer) it overflows a default 1 MB Java thread
 * stack and the JVM dies with SIGSEGV and no hs_err file. Once the environment exists, any thread may use it.
 */
final class OrtEnvironments {

    private static final Logger LOG = LoggerFactory.getLogger(OrtEnvironments.class);
    /** Enough for command lines of ~800 KB; only the pages touched are ever backed by memory. */
    private static final long INIT_STACK_BYTES = 256L << 20;

    private static volatile OrtEnvironment environment;

    private OrtEnvironments() {
    }

    static OrtEnvironment get() {
        OrtEnvironment env = environment;
        if (env == null) {
            synchronized (OrtEnvironments.class) {
                if (environment == null) {
                    environment = createOnLargeStack();
                }
                env = environment;
            }
        }
        return env;
    }

    private static OrtEnvironment createOnLargeStack() {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread init = new Thread(null, () -> {
            try {
                created.set(OrtEnvironment.getEnvironment());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "onnxruntime-init", INIT_STACK_BYTES);
        try {
            init.start();
        } catch (OutOfMemoryError e) {
            // The OS refused the stack reservation (strict overcommit): try on this thread.
            LOG.warn("cannot start a thread with a {} MB stack to initialise ONNX Runtime ({}); initialising on {}",
                    INIT_STACK_BYTES >> 20, e.getMessage(), Thread.currentThread().getName());
            return OrtEnvironment.getEnvironment();
        }
        joinUninterruptibly(init);
        if (failure.get() != null) {
            throw new ModelException("ONNX Runtime failed to initialise: " + failure.get(), failure.get());
        }
        return created.get();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
