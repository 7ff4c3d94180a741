package org.relaydesk.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Rows of an XLSX export written as they come (fastexcel streams each sheet). Numbers are number
 * cells and days date cells, so a spreadsheet sums and sorts them; text is stored as text, never
 * as a formula, so a subject starting with "=" is shown as typed and nothing needs defusing. A
 * sheet holds at most 1,048,576 rows: the rows after that go on to a second sheet ("tickets 2"),
 * each with the header, instead of being cut off.
 */
public final class XlsxRows implements ReportRows {
    /** The rows of a sheet, header included (Excel's limit). */
    static final int ROWS_PER_SHEET = 1_048_576;
    /** Rows are flushed to the stream in batches of this many, which keeps the sheet's memory small. */
    private static final int FLUSH_EVERY = 1_000;

    private final Workbook workbook;
    private final String sheetName;
    private final List<String> header;
    private final int rowsPerSheet;
    private Worksheet sheet;
    private int sheets;
    private int row;

    public XlsxRows(OutputStream out, String sheetName, List<String> header) {
        this(out, sheetName, header, ROWS_PER_SHEET);
    }

    XlsxRows(OutputStream out, String sheetName, List<String> header, int rowsPerSheet) {
        this.workbook = new Workbook(out, "Relaydesk", null);
        this.sheetName = sheetName;
        this.header = List.copyOf(header);
        this.rowsPerSheet = rowsPerSheet;
        nextSheet();
    }

    private void nextSheet() {
        try {
            if (sheet != null) {
                sheet.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sheets++;
        sheet = workbook.newWorksheet(sheets == 1 ? sheetName : sheetName + " " + sheets);
        for (int column = 0; column < header.size(); column++) {
            sheet.value(0, column, header.get(column));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().set();
        sheet.freezePane(0, 1);
        row = 1;
    }

    @Override
    public void row(List<?> cells) {
        if (row == rowsPerSheet) {
            nextSheet();
        }
        for (int column = 0; column < cells.size(); column++) {
            Object cell = cells.get(column);
            if (cell instanceof Number number) {
                sheet.value(row, column, number);
            } else if (cell instanceof LocalDate day) {
                sheet.value(row, column, day);
                sheet.style(row, column).format("yyyy-mm-dd").set();
            } else if (cell instanceof Boolean flag) {
                sheet.value(row, column, flag);
            } else if (cell != null) {
                sheet.value(row, column, cell.toString());
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            sheet.finish();
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
