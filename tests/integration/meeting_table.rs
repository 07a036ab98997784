//! The meeting table's files: the XLSX opens (read back with calamine) with the numbers as
//! numbers and the texts as shown; the CSV is what Excel and WPS read as UTF-8.

use calamine::{Data, Reader, Xlsx};
use licheng_sim::scenario::meeting_table::{Cell, MeetingTable, Row};
use std::io::Cursor;

fn table() -> MeetingTable {
    MeetingTable {
        sheet: "会议材料表".into(),
        rows: vec![
            Row {
                cells: vec![
                    Cell::text("目标"),
                    Cell::text("预测值"),
                    Cell::text("达成概率"),
                ],
                heading: true,
            },
            Row {
                cells: vec![
                    Cell::text("城镇新增就业"),
                    Cell::number("2.87万人", 28_712.4, 0),
                    Cell::number("93%", 93.05, 0),
                ],
                heading: false,
            },
            Row {
                cells: Vec::new(),
                heading: false,
            },
            Row {
                cells: vec![
                    Cell::text("年净迁入人口, 人/年"),
                    Cell::number("1500", 1500.0, 0),
                ],
                heading: false,
            },
        ],
    }
}

#[test]
fn the_xlsx_opens_with_numbers_as_numbers_and_texts_as_shown() {
    let bytes = table().to_xlsx().unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["会议材料表".to_string()]);
    let range = book.worksheet_range("会议材料表").unwrap();
    assert_eq!(range.get_value((0, 0)), Some(&Data::String("目标".into())));
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(28_712.4)));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(93.05)));
    assert_eq!(
        range.get_value((3, 0)),
        Some(&Data::String("年净迁入人口, 人/年".into()))
    );
    assert_eq!(range.get_value((3, 1)), Some(&Data::Float(1500.0)));
}

#[test]
fn the_csv_is_utf8_with_a_byte_order_mark_and_crlf_lines() {
    let csv = table().to_csv();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(
        csv,
        "\u{feff}目标,预测值,达成概率\r\n城镇新增就业,2.87万人,93%\r\n\r\n\"年净迁入人口, 人/年\",1500\r\n"
    );
}
