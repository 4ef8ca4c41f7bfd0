package io.driftwatch.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} file of little-endian float64 in C order (what {@code np.save} writes), read as
 * columns, so the peers benchmark hands Driftwatch exactly the arrays it hands the Python tools.
 */
final class Npy {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\((\\d+),\\s*(\\d*)\\)");

    private Npy() {
    }

    /** The file's columns: {@code [column][row]}; a one-dimensional array is one column. */
    static double[][] columns(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            if (head.get(0) != (byte) 0x93 || head.get(1) != 'N' || head.get(6) != 1) {
                throw new IOException(file + ": not a version 1 .npy file");
            }
            int headerLength = Short.toUnsignedInt(head.getShort(8));
            ByteBuffer header = ByteBuffer.allocate(headerLength);
            ch.read(header, 10);
            String dict = new String(header.array(), java.nio.charset.StandardCharsets.US_ASCII);
            Matcher m = SHAPE.matcher(dict);
            if (!dict.contains("'descr': '<f8'") || dict.contains("'fortran_order': True") || !m.find()) {
                throw new IOException(file + ": expected little-endian float64 in C order, got " + dict.trim());
            }
            int rows = Integer.parseInt(m.group(1));
            int cols = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
            double[][] out = new double[cols][rows];
            ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 10 + headerLength, 8L * rows * cols)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[c][r] = data.getDouble();
                }
            }
            return out;
        }
    }
}
