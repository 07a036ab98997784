//! Guards the baseline's results against unnoticed change: the CLI's target table and yearly
//! projection for the embedded baseline must equal the reviewed snapshot in tests/snapshots/.
//! After an intended model change, regenerate with `UPDATE_SNAPSHOTS=1 cargo test` and review
//! the diff.

use crate::util::{check_snapshot, cli};

#[test]
fn baseline_target_table_matches_snapshot() {
    let (code, out, err) = cli(&["project", "--format", "table"]);
    assert_eq!(code, 0, "{err}");
    check_snapshot("baseline-project.txt", &out);
}

#[test]
fn baseline_csv_matches_snapshot() {
    let (code, out, err) = cli(&["project", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    check_snapshot("baseline-project.csv", &out);
}
