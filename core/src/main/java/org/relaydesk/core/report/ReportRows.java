package org.relaydesk.core.report;

/**
 * Where the rows of an export go, one at a time as they are read (CSV or XLSX), so that a year of
 * tickets is never held in memory. Cells are numbers, text, dates or null (an empty cell).
 */
public interface ReportRows extends AutoCloseable {
    void row(java.util.List<?> cells);

    /** Finishes the file (an XLSX is only readable once closed). */
    @Override
    void close();
}
