package org.relaydesk.core.report;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.relaydesk.core.error.InvalidInputException;

/** The file an export is written as: CSV (RFC 4180, UTF-8) or an XLSX workbook. */
public enum ExportFormat {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** Rows written to {@code out}; closing them finishes the file but leaves {@code out} open. */
    public ReportRows open(OutputStream out, String sheetName, List<String> header) {
        OutputStream kept = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
        return switch (this) {
            case CSV -> new CsvRows(new java.io.BufferedWriter(new OutputStreamWriter(kept, StandardCharsets.UTF_8)), header);
            case XLSX -> new XlsxRows(kept, sheetName, header);
        };
    }

    /** "csv" (also when left out) or "xlsx". */
    public static ExportFormat of(String value) {
        if (value == null || value.isBlank()) {
            return CSV;
        }
        for (ExportFormat format : values()) {
            if (format.extension.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new InvalidInputException("format", "must be csv or xlsx");
    }
}
