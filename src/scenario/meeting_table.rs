//! The table for meeting papers (会议材料表): rows of cells, each its text as the page shows it
//! and, for a number, the number itself; written as CSV that Excel and WPS open as UTF-8 (a
//! byte-order mark, CRLF lines) and as XLSX (rust_xlsxwriter: numbers as numbers, shown with
//! the page's rounding). The page fills it (`ui::export`); the xlsx worker writes the XLSX.

use super::error::InputError;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

/// One cell: the text shown, the number behind it (written as a number in XLSX) and how many
/// decimals the page shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    #[serde(default)]
    pub number: Option<f64>,
    #[serde(default)]
    pub decimals: u8,
}

impl Cell {
    /// A cell of text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            number: None,
            decimals: 0,
        }
    }

    /// A number shown as `text`, with `decimals` places in XLSX.
    pub fn number(text: impl Into<String>, number: f64, decimals: u8) -> Self {
        Cell {
            text: text.into(),
            number: number.is_finite().then_some(number),
            decimals,
        }
    }
}

/// A row of the table; an empty row separates blocks. `heading` rows are bold in XLSX.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    #[serde(default)]
    pub heading: bool,
}

/// The whole table, with the sheet's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingTable {
    pub sheet: String,
    pub rows: Vec<Row>,
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break (quotes doubled).
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

impl MeetingTable {
    /// The CSV: a UTF-8 byte-order mark, then each row's shown texts, CRLF line ends.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        for row in &self.rows {
            let line: Vec<String> = row.cells.iter().map(|c| csv_cell(&c.text)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The XLSX file: one sheet, numbers as numbers with the page's decimals, headings bold,
    /// the first column wide enough for the labels.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, InputError> {
        let fail = |e: rust_xlsxwriter::XlsxError| {
            InputError::new(
                "xlsx",
                format!("无法生成 XLSX：{e}"),
                format!("the XLSX could not be written: {e}"),
            )
        };
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let name: String = self
            .sheet
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet
            .set_name(if name.is_empty() { "Sheet1" } else { &name })
            .map_err(fail)?;
        let bold = Format::new().set_bold();
        let number_formats: Vec<Format> = (0..=6u8)
            .map(|d| {
                let pattern = if d == 0 {
                    "#,##0".to_string()
                } else {
                    format!("#,##0.{}", "0".repeat(d as usize))
                };
                Format::new().set_num_format(pattern)
            })
            .collect();
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.cells.iter().enumerate() {
                let c = c as u16;
                match cell.number {
                    Some(v) => {
                        let format = &number_formats[cell.decimals.min(6) as usize];
                        sheet
                            .write_number_with_format(r, c, v, format)
                            .map_err(fail)?;
                    }
                    None if row.heading => {
                        sheet
                            .write_string_with_format(r, c, &cell.text, &bold)
                            .map_err(fail)?;
                    }
                    None => {
                        sheet.write_string(r, c, &cell.text).map_err(fail)?;
                    }
                }
            }
        }
        sheet.set_column_width(0, 40).map_err(fail)?;
        for c in 1..8u16 {
            sheet.set_column_width(c, 16).map_err(fail)?;
        }
        workbook.save_to_buffer().map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_starts_with_a_byte_order_mark() {
        let table = MeetingTable {
            sheet: "t".into(),
            rows: vec![Row {
                cells: vec![
                    Cell::text("a,b"),
                    Cell::text("say \"hi\""),
                    Cell::number("1,234", 1234.0, 0),
                ],
                heading: false,
            }],
        };
        assert_eq!(
            table.to_csv(),
            "\u{feff}\"a,b\",\"say \"\"hi\"\"\",\"1,234\"\r\n"
        );
    }
}
