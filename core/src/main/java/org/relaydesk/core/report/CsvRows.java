package org.relaydesk.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Rows of a CSV export written as they come (RFC 4180 quoting by Commons CSV). A cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return: a
 * customer can put such a subject on a ticket) is written with a leading apostrophe, so that it is
 * shown as the text it is.
 */
public final class CsvRows implements ReportRows {
    private final CSVPrinter printer;

    public CsvRows(Writer out, List<String> header) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void row(List<?> cells) {
        List<String> safe = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            safe.add(defused(cell == null ? "" : cell.toString()));
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String defused(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
