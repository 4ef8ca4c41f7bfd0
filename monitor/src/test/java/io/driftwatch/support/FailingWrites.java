package io.driftwatch.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's files under a {@code failing:} prefix ({@code jdbc:h2:failing:/dir/db}): the disk's, except that while
 * {@link #fail} is on every write and sync throws, as a full or read-only disk does. Works for any user on any
 * file system (an immutable file needs {@code chattr +i}, which root and ext4 give, tmpfs and overlays do not).
 */
public final class FailingWrites extends FilePathWrapper {
    private static volatile boolean failing;

    static {
        FilePath.register(new FailingWrites());
    }

    /** The H2 URL of the database at {@code path} (absolute, without {@code .mv.db}) through this file system. */
    public static String url(java.nio.file.Path path) {
        return "jdbc:h2:failing:" + path.toAbsolutePath().normalize() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Whether writes fail from now on. */
    public static void fail(boolean on) {
        failing = on;
    }

    @Override
    public String getScheme() {
        return "failing";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    /** The disk's channel, refusing writes while writes fail. */
    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        private static void check() throws IOException {
            if (failing) {
                throw new IOException("No space left on device (FailingWrites)");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check();
            return base.write(src);
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            check();
            return base.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long p) throws IOException {
            base.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            check();
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check();
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
