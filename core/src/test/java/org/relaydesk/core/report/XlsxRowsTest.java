package org.relaydesk.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.relaydesk.core.error.InvalidInputException;

class XlsxRowsTest {

    @Test
    void cellsKeepTheirKindAndTextIsNeverAFormula() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportRows rows = ExportFormat.XLSX.open(out, "tickets", List.of("number", "subject", "day", "median_seconds", "empty"))) {
            rows.row(Arrays.asList(7L, "=HYPERLINK(\"http://evil.test\",\"Click\")", LocalDate.parse("2026-03-02"), 12.5, null));
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("tickets");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getCellText(1)).isEqualTo("subject");
            Row row = rows.get(1);
            assertThat(row.getCell(0).getType()).isEqualTo(CellType.NUMBER);
            assertThat(row.getCellAsNumber(0)).hasValueSatisfying(n -> assertThat(n.longValue()).isEqualTo(7));
            assertThat(row.getCell(1).getType()).as("shown as typed, not run").isEqualTo(CellType.STRING);
            assertThat(row.getCellText(1)).isEqualTo("=HYPERLINK(\"http://evil.test\",\"Click\")");
            assertThat(row.getCellAsDate(2)).hasValueSatisfying(d -> assertThat(d.toLocalDate()).isEqualTo(LocalDate.parse("2026-03-02")));
            assertThat(row.getCellAsNumber(3)).hasValueSatisfying(n -> assertThat(n.doubleValue()).isEqualTo(12.5));
            assertThat(row.getCellCount()).as("nothing written for the empty cell").isEqualTo(4);
        }
    }

    @Test
    void rowsBeyondASheetGoOnToTheNextWithTheHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxRows rows = new XlsxRows(out, "tickets", List.of("number"), 3)) {
            for (long n = 1; n <= 5; n++) {
                rows.row(List.of(n));
            }
        }
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("tickets", "tickets 2", "tickets 3");
            assertThat(sheets.get(0).read()).extracting(r -> r.getCellText(0)).containsExactly("number", "1", "2");
            assertThat(sheets.get(2).read()).extracting(r -> r.getCellText(0)).containsExactly("number", "5");
        }
    }

    @Test
    void unknownFormatsAndReportsAreRefusedByName() {
        assertThat(ExportFormat.of(null)).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.of(" XLSX ")).isEqualTo(ExportFormat.XLSX);
        assertThat(ExportReport.of("peak-hours")).isEqualTo(ExportReport.PEAK_HOURS);
        assertThatThrownBy(() -> ExportFormat.of("pdf")).isInstanceOf(InvalidInputException.class).hasMessageContaining("csv or xlsx");
        assertThatThrownBy(() -> ExportReport.of("../tickets")).isInstanceOf(InvalidInputException.class).hasMessageContaining("peak-hours");
    }
}
