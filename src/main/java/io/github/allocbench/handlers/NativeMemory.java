package io.github.allocbench.handlers;

import java.lang.reflect.Field;

/**
 * Direct access to the C library's {@code malloc} and {@code free} for the built-in workloads, through
 * {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, readable without flags on Java 17). The workloads need
 * frees at a moment they choose: a {@code ByteBuffer.allocateDirect} block goes back to malloc only when the garbage
 * collector runs its cleaner, which would make the allocator's pattern depend on the heap's collections rather than
 * on the requests. {@code Unsafe.allocateMemory} is {@code os::malloc}, so the preloaded allocator serves it.
 */
final class NativeMemory {

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private NativeMemory() {
    }

    /** Allocates {@code bytes} with malloc and writes every byte, so the pages count in the resident set. */
    static long allocate(long bytes) {
        long address = UNSAFE.allocateMemory(bytes);
        UNSAFE.setMemory(address, bytes, (byte) 0x5a);
        return address;
    }

    static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
    }

    static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    static void free(long address) {
        UNSAFE.freeMemory(address);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not reachable in this JVM, so the native workloads"
                    + " cannot allocate; bench the json workload instead", e);
        }
    }
}
