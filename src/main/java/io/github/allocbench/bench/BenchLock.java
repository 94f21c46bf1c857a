package io.github.allocbench.bench;

import io.github.allocbench.units.HumanDuration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One bench per machine at a time: a file lock in the temporary directory, held by the JVM that measures. Two benches
 * at once (two projects, parallel CI jobs, {@code mvn -T 2} over two benching modules) measure each other's load as
 * the allocator's cost, so the second waits, says for whom, and gives up after a bound. The operating system drops
 * the lock when its holder dies, so a killed Maven never blocks the next bench. Within one JVM (a {@code -T} build)
 * file locks do not exclude each other, so a semaphore does that part.
 */
public final class BenchLock implements AutoCloseable {

    /** The lock file's name in the temporary directory. */
    public static final String FILE_NAME = "allocator-maven-plugin.lock";

    private static final Semaphore IN_THIS_JVM = new Semaphore(1, true);
    /** The bench of this JVM that holds the semaphore, to name it to a waiting one before it wrote the file. */
    private static volatile Owner holderInThisJvm;
    private static final Duration POLL = Duration.ofMillis(500);
    /**
     * How long a waiting bench polls for the holder's name before it says it waits for an unnamed one: the holder
     * writes its name just after it took the lock, and a poll in between reads an empty file.
     */
    private static final Duration NAME_GRACE = Duration.ofSeconds(2);

    private final FileChannel channel;
    private final FileLock lock;
    private final List<Owner> waitedFor;

    private BenchLock(FileChannel channel, FileLock lock, List<Owner> waitedFor) {
        this.channel = channel;
        this.lock = lock;
        this.waitedFor = waitedFor;
    }

    /**
     * Who holds the lock: written into the lock file so that a waiting bench can name it.
     *
     * @param pid     the holding JVM's process id
     * @param project the benching project (its name or artifact id)
     * @param output  the holder's output directory
     * @param since   when it took the lock
     */
    public record Owner(long pid, String project, Path output, Instant since) {

        String encode() {
            return "pid=" + pid + "\nproject=" + project + "\noutput=" + output + "\nsince=" + since + "\n";
        }

        static Optional<Owner> decode(String text) {
            try {
                String pid = field(text, "pid");
                String since = field(text, "since");
                return Optional.of(new Owner(Long.parseLong(pid), field(text, "project"),
                        Path.of(field(text, "output")), Instant.parse(since)));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }

        private static String field(String text, String name) {
            return text.lines().filter(l -> l.startsWith(name + "=")).findFirst()
                    .map(l -> l.substring(name.length() + 1)).orElseThrow();
        }

        /** One sentence naming the holder, for the waiting bench's message. */
        public String describe() {
            return "pid " + pid + ", project " + project + ", writing to " + output + ", since " + since;
        }
    }

    /**
     * Takes the machine's bench lock for {@code me}, waiting up to {@code timeout} for another bench to finish.
     *
     * @param directory where the lock file lives (the temporary directory, shared by every user of the machine)
     * @param waiting   told once, with the holder, when this bench has to wait
     * @throws MachineBusyException when the other bench still holds the lock after {@code timeout}
     */
    public static BenchLock acquire(Path directory, Owner me, Duration timeout, Consumer<String> waiting)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long namelessUntil = System.nanoTime() + NAME_GRACE.toNanos();
        Owner other = null;
        // Every bench that held the lock while this one waited: a third may take it between two others.
        Set<Owner> waitedFor = new LinkedHashSet<>();
        boolean told = false;
        if (!IN_THIS_JVM.tryAcquire()) {
            other = holderInThisJvm;
            if (other != null) {
                waitedFor.add(other);
            }
            waiting.accept(waitMessage(other, timeout, "another bench in this Maven build"));
            told = true;
            if (!IN_THIS_JVM.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy(other, timeout, directory);
            }
        }
        holderInThisJvm = me;
        try {
            Path file = directory.resolve(FILE_NAME);
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            shareWithEveryUser(file);
            try {
                while (true) {
                    FileLock lock = tryLock(channel);
                    if (lock != null) {
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap(me.encode().getBytes(StandardCharsets.UTF_8)), 0);
                        channel.force(false);
                        return new BenchLock(channel, lock, List.copyOf(waitedFor));
                    }
                    Owner holder = readOwner(file).orElse(null);
                    if (holder != null) {
                        other = holder;
                        waitedFor.add(holder);
                    }
                    if (!told && (other != null || System.nanoTime() - namelessUntil >= 0)) {
                        waiting.accept(waitMessage(other, timeout, "another bench"));
                        told = true;
                    }
                    if (System.nanoTime() >= deadline) {
                        throw busy(other, timeout, directory);
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            holderInThisJvm = null;
            IN_THIS_JVM.release();
            throw e;
        }
    }

    /** The benches this one waited for, in the order they held the lock, as far as it could read who held it. */
    public List<Owner> waitedFor() {
        return waitedFor;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            holderInThisJvm = null;
            IN_THIS_JVM.release();
        }
    }

    /**
     * Lets benches of other users on the machine (CI runners under different accounts) open the lock file too; the
     * umask would otherwise leave it writable by its creator only, and their benches would fail instead of waiting.
     */
    private static void shareWithEveryUser(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException | UnsupportedOperationException notOwnerOrNotPosix) {
            // Another user created it (and shared it), or the file system has no POSIX permissions.
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static Optional<Owner> readOwner(Path file) {
        try {
            return Owner.decode(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static String waitMessage(Owner other, Duration timeout, String who) {
        return "Waiting for " + (other == null ? who : "another bench (" + other.describe() + ")")
                + " to finish: two benches on one machine measure each other's load. Waiting up to "
                + HumanDuration.format(timeout) + " (lockTimeout).";
    }

    private static MachineBusyException busy(Owner other, Duration timeout, Path directory) {
        return new MachineBusyException("Another bench still holds the machine's bench lock "
                + directory.resolve(FILE_NAME) + " after " + HumanDuration.format(timeout)
                + (other == null ? "" : " (" + other.describe() + ")")
                + ". Wait for it to finish, or raise <lockTimeout> (-Dallocbench.lockTimeout, e.g. 60m).");
    }
}
