package io.github.allocbench.allocator;

/**
 * What {@link AllocatorCatalog#resolve(String)} found for a name: an allocator ready to run, or the reason it cannot
 * run on this machine together with the fix. A missing allocator is not an error of the bench: the run is skipped and
 * the message goes into the report.
 */
public sealed interface Resolution {

    /** The allocator's name as the user wrote it. */
    String name();

    /** Whether the allocator can run here. */
    default boolean isAvailable() {
        return this instanceof Available;
    }

    /**
     * The allocator.
     *
     * @throws IllegalStateException carrying the missing allocator's message
     */
    Allocator allocator();

    /** An allocator whose library (if any) exists. */
    record Available(Allocator allocator) implements Resolution {
        @Override
        public String name() {
            return allocator.name();
        }
    }

    /**
     * An allocator that cannot run here.
     *
     * @param name    the allocator's name
     * @param message what is missing and how to get it, one or two sentences
     */
    record Missing(String name, String message) implements Resolution {
        @Override
        public Allocator allocator() {
            throw new IllegalStateException(message);
        }
    }
}
