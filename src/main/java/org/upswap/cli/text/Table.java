// A plain text table: a header row and rows, columns padded to their widest
// cell and two spaces apart, no trailing blanks.
package org.upswap.cli.text;

import java.util.ArrayList;
import java.util.List;

public final class Table {

    private static final String GAP = "  ";

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    public Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The lines of the table, header first. */
    public List<String> lines() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length())).append(GAP);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
