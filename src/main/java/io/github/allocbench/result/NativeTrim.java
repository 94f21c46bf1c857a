package io.github.allocbench.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a trim of glibc's malloc heap at the end of a run gave back: after the cooldown, the server's JVM is asked to
 * return the free memory its C heap holds to the operating system ({@code System.trim_native_heap}, glibc's
 * {@code malloc_trim}). The RSS it freed is what glibc kept although nothing used it: the part a
 * {@code -XX:TrimNativeHeapInterval} or another allocator could give back.
 *
 * @param rssBeforeKb    the server's RSS just before the trim
 * @param rssAfterKb     its RSS just after, or {@code null} when the trim did not happen
 * @param nativeBeforeKb native RSS (RSS minus the heap's resident part) before, or {@code null} when the server did not
 *                       report its heap's resident part
 * @param jvmSaid        the JVM's own one-line report of the trim, or why it could not trim (e.g. "Not available" on
 *                       a libc without {@code malloc_trim})
 */
public record NativeTrim(long rssBeforeKb, Long rssAfterKb, Long nativeBeforeKb, String jvmSaid) {

    /** The RSS the trim gave back, or {@code null} when it did not happen. */
    @JsonProperty("reclaimedKb")
    public Long reclaimedKb() {
        return rssAfterKb == null ? null : rssBeforeKb - rssAfterKb;
    }

    /** Native RSS after the trim, or {@code null} when either figure is unknown. */
    @JsonProperty("nativeAfterKb")
    public Long nativeAfterKb() {
        return nativeBeforeKb == null || rssAfterKb == null ? null : nativeBeforeKb - reclaimedKb();
    }
}
